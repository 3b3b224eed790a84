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

    smartplan knows the names of the programs the example plan links to and
    of the Diskominfo kegiatan (2.16, 2.20, 2.21), as Permendagri 90/2019
    named them and as later Kepmendagri updates renamed them (both are
    accepted). A program or kegiatan link to a known code must carry one of
    its names, and so must the parent ``program`` of a kegiatan or
    sub-kegiatan. When the name given belongs to another code of the table,
    the hint says which: the code is the likelier slip.

    Failing: 1.03.11 is Program Pengembangan Jasa Konstruksi

        rpjmd: {code: "1.03.11", level: program, name: Program Penyelenggaraan Penataan Ruang}

    Passing:

        rpjmd: {code: "1.03.12", level: program, name: Program Penyelenggaraan Penataan Ruang}
    """
    for program in ctx.programs:
        raw = program.rpjmd
        value = raw.get("code")
        if not isinstance(value, str):
            continue
        level = raw.get("level") or nomenclature.level_of(value)
        if level not in nomenclature.LEVELS:
            continue
        checks: list[tuple[str, str, str]] = []
        if level in ("program", "kegiatan"):
            checks.append(("name", value, level))
        if level != "program":
            # a kegiatan or sub-kegiatan names its parent program: check that one
            checks.append(("program", ".".join(value.split(".")[:3]), "program"))
        else:
            checks.append(("program", value, "program"))
        for key, code, at in checks:
            given = _text(raw.get(key))
            if given is not None:
                hit = _compare(program.source.file, key, value, code, at, given)
                if hit is not None:
                    yield hit


def _text(value: object) -> str | None:
    """A name as written: plain text, or the Indonesian text of a bilingual one."""
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) and value.strip() else None


def _compare(file: str, key: str, link: str, code: str, level: str, given: str) -> Hit | None:
    """The N002 hit for ``given`` written as the name of ``code``, or None when it fits.

    ``code`` is the link's code itself or, for ``program:``, its first three
    segments; a fix of the code keeps the rest of ``link``.
    """
    entry = nomenclature.lookup(code)
    other = nomenclature.code_of(given, level)
    word = level.replace("_", "-")
    if entry is not None:
        if nomenclature.carries(entry, given):
            return None
        message = lazy(
            "RPJMD %(level)s %(code)s is %(names)s, not %(given)r",
            level=word,
            code=code,
            names=nomenclature.names_text(entry),
            given=given,
        )
        if other is not None and other != code:
            return Hit(
                file,
                f"/rpjmd/{key}",
                message,
                lazy(
                    '%(given)r is %(level)s %(other)s: write code: "%(fixed)s" '
                    "if that is the one meant, else %(key)s: %(current)s",
                    given=given,
                    level=word,
                    other=other,
                    fixed=f"{other}{link[len(code) :]}",
                    key=key,
                    current=entry.current,
                ),
            )
        return Hit(
            file,
            f"/rpjmd/{key}",
            message,
            lazy("write %(key)s: %(current)s", key=key, current=entry.current),
        )
    if other is not None:
        # the code is not in the table, but the name is another code's
        return Hit(
            file,
            f"/rpjmd/{key}",
            lazy(
                "%(given)r is RPJMD %(level)s %(other)s in the nomenclature, not %(code)s",
                given=given,
                level=word,
                other=other,
                code=code,
            ),
            lazy('write code: "%(fixed)s"', fixed=f"{other}{link[len(code) :]}"),
        )
    return None


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
