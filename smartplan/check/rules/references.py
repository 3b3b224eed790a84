"""Every reference resolves: elements, agencies, programs."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import ELEMENTS
from smartplan.problem import Hit
from smartplan.text import did_you_mean


@rule("R001", "references.element")
def elements(ctx: PlanContext) -> Iterator[Hit]:
    """
    An element does not belong to its pillar, or the pillar file does not list it.

    Each of the 18 elements belongs to one pillar (GOV-1 to Smart
    Governance, ECO-2 to Smart Economy, ...). A program's element must be one
    of its pillar's, and listed in pillars/<pillar>.yaml.

    Failing: in programs/economy/eco-pasar-digital.yaml

        pillar: economy
        element: LIV-2

    Passing:

        pillar: economy
        element: ECO-3
    """
    for pillar in ctx.plan.pillars.values():
        for index, code in enumerate(pillar.elements):
            owner = ELEMENTS[code][0]
            if owner != pillar.code:
                yield Hit(
                    pillar.source.file,
                    f"/elements/{index}",
                    f"element {code} belongs to the {owner} pillar, not {pillar.code}",
                )
    for program in ctx.programs:
        owner = ELEMENTS[program.element][0]
        if owner != program.pillar:
            yield Hit(
                program.source.file,
                "/element",
                f"element {program.element} belongs to the {owner} pillar, not {program.pillar}",
                "choose one of "
                + ", ".join(c for c, e in ELEMENTS.items() if e[0] == program.pillar),
            )
            continue
        declared = ctx.plan.pillars.get(program.pillar)
        if declared is not None and program.element not in declared.elements:
            yield Hit(
                program.source.file,
                "/element",
                f"element {program.element} is not listed in {declared.source.file}",
                f"add it to the pillar's elements, or use one of {', '.join(declared.elements)}",
            )


@rule("R002", "references.agency")
def agencies(ctx: PlanContext) -> Iterator[Hit]:
    """
    A lead agency, partner agency or Renstra agency is not in agencies.yaml.

    Agencies (OPD) are referred to by their short id from agencies.yaml.

    Failing:

        lead_agency: dinas-kominfo     # agencies.yaml calls it diskominfo

    Passing:

        lead_agency: diskominfo
    """
    if not ctx.agencies_known:
        return
    known = ctx.plan.agencies
    for program in ctx.programs:
        refs = [("/lead_agency", program.lead_agency, "lead agency")]
        refs += [
            (f"/partners/{i}/agency", p.agency, "partner agency")
            for i, p in enumerate(program.partners)
            if p.agency is not None
        ]
        renstra_agency = program.renstra.get("agency")
        if isinstance(renstra_agency, str):
            refs.append(("/renstra/agency", renstra_agency, "Renstra agency"))
        for pointer, agency_id, what in refs:
            if agency_id not in known:
                yield Hit(
                    program.source.file,
                    pointer,
                    f"{what} {agency_id!r} is not in agencies.yaml",
                    did_you_mean(agency_id, known) or "add the agency to agencies.yaml",
                )


@rule("R003", "references.program")
def programs(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program depends on a program that does not exist, or on itself.

    Failing:

        depends_on: [gov-satu-data]     # no program has this id

    Passing:

        depends_on: [gov-satu-data-kotim]
    """
    known = ctx.known_program_ids
    for program in ctx.programs:
        for index, dep in enumerate(program.depends_on):
            pointer = f"/depends_on/{index}"
            if dep == program.id:
                yield Hit(program.source.file, pointer, "a program cannot depend on itself")
            elif dep not in known:
                yield Hit(
                    program.source.file,
                    pointer,
                    f"depends on unknown program {dep!r}",
                    did_you_mean(dep, known),
                )
