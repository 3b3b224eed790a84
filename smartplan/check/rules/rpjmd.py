"""The RPJMD link: code shape and level (Permendagri 90/2019), known names, the RPJMD period."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan import nomenclature
from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.problem import Hit, Severity


@rule("N001", "rpjmd.code")
def code(ctx: PlanContext) -> Iterator[Hit]:
    """
    An RPJMD code does not have the shape of its level, or names no level.

    Codes follow Permendagri 90/2019: a program is urusan.bidang.program
    (2.16.03), a kegiatan adds the government segment (2 for a regency or
    city, 1 for a province) and its number (2.16.03.2.02), a sub-kegiatan
    one more segment (2.16.03.2.02.0001). The level is stated, so the
    document can say what the code is.

    Failing: in a kabupaten's plan

        rpjmd: {code: "2.16.03.1.02", level: kegiatan}

    Passing:

        rpjmd: {code: "2.16.03.2.02", level: kegiatan}
    """
    region = ctx.info.region.type if ctx.info is not None else None
    for program in ctx.programs:
        raw = program.rpjmd
        value = raw.get("code")
        if not isinstance(value, str):
            continue
        level = raw.get("level")
        if level is None:
            guess = nomenclature.level_of(value)
            yield Hit(
                program.source.file,
                "/rpjmd/code",
                lazy("RPJMD code %(value)r has no level", value=value),
                lazy("add level: %(guess)s", guess=guess)
                if guess
                else lazy("add level: program, kegiatan or sub_kegiatan"),
                # plans written before the level existed still validate
                severity=Severity.WARNING,
            )
            continue
        found = nomenclature.check_code(value, level, region)
        if found.problem:
            yield Hit(program.source.file, "/rpjmd/code", found.problem, found.hint)


@rule("N002", "rpjmd.name", Severity.WARNING)
def name(ctx: PlanContext) -> Iterator[Hit]:
    """
    An RPJMD code of the nomenclature table carries another name.

    smartplan knows the names of the urusan and bidang codes and of the
    Komunikasi dan Informatika programs (2.16.xx); a program-level link to a
    known code must carry its name.

    Failing:

        rpjmd: {code: "2.16.02", level: program, name: Program Aplikasi Informatika}

    Passing:

        rpjmd: {code: "2.16.03", level: program, name: Program Aplikasi Informatika}
    """
    for program in ctx.programs:
        raw = program.rpjmd
        value = raw.get("code")
        if not isinstance(value, str) or raw.get("level") not in (None, "program"):
            parent = raw.get("program")
            # a kegiatan or sub-kegiatan names its parent program: check that one
            if isinstance(value, str) and parent is not None:
                known = nomenclature.known_name(".".join(value.split(".")[:3]))
                given = parent["id"] if isinstance(parent, dict) else parent
                if known and given.strip().casefold() != known[1].casefold():
                    yield Hit(
                        program.source.file,
                        "/rpjmd/program",
                        lazy(
                            "program %(value)s is %(known)r, not %(given)r",
                            value=".".join(value.split(".")[:3]),
                            known=known[1],
                            given=given,
                        ),
                        lazy("write program: %(known)s", known=known[1]),
                    )
            continue
        known = nomenclature.known_name(value)
        for key in ("name", "program"):
            given_raw = raw.get(key)
            if known is None or given_raw is None:
                continue
            given = given_raw["id"] if isinstance(given_raw, dict) else given_raw
            if given.strip().casefold() != known[1].casefold():
                yield Hit(
                    program.source.file,
                    f"/rpjmd/{key}",
                    lazy(
                        "RPJMD program %(value)s is %(known)r, not %(given)r",
                        value=value,
                        known=known[1],
                        given=given,
                    ),
                    lazy("write %(key)s: %(known)s", key=key, known=known[1]),
                )


@rule("N003", "rpjmd.period", Severity.WARNING)
def period(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program linked to the RPJMD starts after that RPJMD ends.

    plan.yaml says which RPJMD is in force (``rpjmd.period``). A program that
    starts after it ends cannot be in it: link it when the next RPJMD is
    adopted. Programs that start inside the period and run on are linked
    through the nomenclature, which carries over.

    Failing: with rpjmd: {period: {start: 2021, end: 2026}}

        years: {start: 2028, end: 2030}
        rpjmd: {code: "2.16.03", level: program}

    Passing:

        years: {start: 2026, end: 2030}
        rpjmd: {code: "2.16.03", level: program}
    """
    info = ctx.info
    if info is None or info.rpjmd_period is None:
        return
    start, end = info.rpjmd_period
    for program in ctx.programs:
        if not program.rpjmd:
            continue
        if program.start > end:
            yield Hit(
                program.source.file,
                "/rpjmd",
                lazy(
                    "the program starts in %(start)s, after the RPJMD %(start2)s–%(end)s ends in "
                    "%(end)s",
                    start=program.start,
                    start2=start,
                    end=end,
                ),
                lazy("drop the rpjmd link until the next RPJMD is adopted"),
                key=True,
            )
        elif program.end < start:
            yield Hit(
                program.source.file,
                "/rpjmd",
                lazy(
                    "the program ends in %(end)s, before the RPJMD %(start)s–%(end2)s begins",
                    end=program.end,
                    start=start,
                    end2=end,
                ),
                key=True,
            )
