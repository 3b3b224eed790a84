"""Every reference resolves: elements, agencies, programs."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import ELEMENTS
from smartplan.i18n import lazy
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
                    lazy(
                        "element %(code)s belongs to the %(owner)s pillar, not %(code2)s",
                        code=code,
                        owner=owner,
                        code2=pillar.code,
                    ),
                )
    for program in ctx.programs:
        owner = ELEMENTS[program.element][0]
        if owner != program.pillar:
            yield Hit(
                program.source.file,
                "/element",
                lazy(
                    "element %(element)s belongs to the %(owner)s pillar, not %(pillar)s",
                    element=program.element,
                    owner=owner,
                    pillar=program.pillar,
                ),
                lazy(
                    "choose one of %(codes)s",
                    codes=", ".join(c for c, e in ELEMENTS.items() if e[0] == program.pillar),
                ),
            )
            continue
        declared = ctx.plan.pillars.get(program.pillar)
        if declared is not None and program.element not in declared.elements:
            yield Hit(
                program.source.file,
                "/element",
                lazy(
                    "element %(element)s is not listed in %(file)s",
                    element=program.element,
                    file=declared.source.file,
                ),
                lazy(
                    "add it to the pillar's elements, or use one of %(value)s",
                    value=", ".join(declared.elements),
                ),
            )


@rule("R002", "references.agency")
def agencies(ctx: PlanContext) -> Iterator[Hit]:
    """
    A lead agency, partner agency or Renstra agency is not in agencies.yaml.

    Agencies (OPD) are referred to by their short id from agencies.yaml:
    in programs, and as risk owners (risks.yaml), application owners
    (architecture.yaml) and members of the smart city bodies
    (institutions.yaml).

    Failing:

        lead_agency: dinas-kominfo     # agencies.yaml calls it diskominfo

    Passing:

        lead_agency: diskominfo
    """
    if not ctx.agencies_known:
        return
    known = ctx.plan.agencies
    for program in ctx.programs:
        refs = [("/lead_agency", program.lead_agency, lazy("lead agency"))]
        refs += [
            (f"/partners/{i}/agency", p.agency, lazy("partner agency"))
            for i, p in enumerate(program.partners)
            if p.agency is not None
        ]
        renstra_agency = program.renstra.get("agency")
        if isinstance(renstra_agency, str):
            refs.append(("/renstra/agency", renstra_agency, lazy("Renstra agency")))
        for pointer, agency_id, what in refs:
            if agency_id not in known:
                yield Hit(
                    program.source.file,
                    pointer,
                    lazy(
                        "%(what)s %(agency_id)r is not in agencies.yaml",
                        what=what,
                        agency_id=agency_id,
                    ),
                    did_you_mean(agency_id, known) or lazy("add the agency to agencies.yaml"),
                )
    for file, pointer, agency_id, what in _other_agency_refs(ctx):
        if agency_id not in known:
            yield Hit(
                file,
                pointer,
                lazy(
                    "%(what)s %(agency_id)r is not in agencies.yaml", what=what, agency_id=agency_id
                ),
                did_you_mean(agency_id, known) or lazy("add the agency to agencies.yaml"),
            )


def _other_agency_refs(ctx: PlanContext) -> Iterator[tuple[str, str, str, str]]:
    """(file, pointer, agency id, what) for the agencies the plan-level files name."""
    for index, risk in enumerate(ctx.plan.risk_register.values()):
        yield "risks.yaml", f"/risks/{index}/owner", risk.owner, "risk owner"
    architecture = ctx.plan.architecture
    if architecture is not None:
        for index, app in enumerate(architecture.applications):
            yield architecture.source.file, f"/applications/{index}/agency", app.agency, "owner"
    institutions = ctx.plan.institutions
    if institutions is not None:
        for b, body in enumerate(institutions.bodies):
            for m, member in enumerate(body.members):
                if member.agency is not None:
                    pointer = f"/bodies/{b}/members/{m}/agency"
                    yield institutions.source.file, pointer, member.agency, "member agency"


@rule("R003", "references.program")
def programs(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program depends on a program that does not exist, or on itself.

    The applications of architecture.yaml name the program that builds them
    by id too.

    Failing:

        depends_on: [gov-satu-data]     # no program has this id

    Passing:

        depends_on: [gov-satu-data-kotim]
    """
    known = ctx.known_program_ids
    architecture = ctx.plan.architecture
    applications = architecture.applications if architecture is not None else ()
    for index, app in enumerate(applications):
        if app.program is not None and app.program not in known:
            yield Hit(
                "architecture.yaml",
                f"/applications/{index}/program",
                lazy(
                    "application %(id)r names unknown program %(program)r",
                    id=app.id,
                    program=app.program,
                ),
                did_you_mean(app.program, known),
            )
    for program in ctx.programs:
        for index, dep in enumerate(program.depends_on):
            pointer = f"/depends_on/{index}"
            if dep == program.id:
                yield Hit(program.source.file, pointer, lazy("a program cannot depend on itself"))
            elif dep not in known:
                yield Hit(
                    program.source.file,
                    pointer,
                    lazy("depends on unknown program %(dep)r", dep=dep),
                    did_you_mean(dep, known),
                )


@rule("R004", "references.stakeholder")
def stakeholders(ctx: PlanContext) -> Iterator[Hit]:
    """
    A partner names a stakeholder that stakeholders.yaml does not have.

    Universities, companies, communities and media are written once in
    stakeholders.yaml and referred to by id from program partners.

    Failing:

        partners:
          - {role: akademisi, stakeholder: unpar}   # stakeholders.yaml has no unpar

    Passing:

        partners:
          - {role: akademisi, stakeholder: unda}
    """
    if "stakeholders.yaml" in ctx.files and not ctx.loaded("stakeholders.yaml"):
        return
    known = ctx.plan.stakeholders
    for program in ctx.programs:
        for index, partner in enumerate(program.partners):
            ref = partner.stakeholder
            if ref is None:
                continue
            pointer = f"/partners/{index}/stakeholder"
            if ref not in known:
                yield Hit(
                    program.source.file,
                    pointer,
                    lazy("stakeholder %(ref)r is not in stakeholders.yaml", ref=ref),
                    did_you_mean(ref, known) or lazy("add it to stakeholders.yaml"),
                )
            elif known[ref].role != partner.role:
                yield Hit(
                    program.source.file,
                    f"/partners/{index}/role",
                    lazy(
                        "partner %(ref)r is %(role)s in stakeholders.yaml, not %(role2)s",
                        ref=ref,
                        role=known[ref].role,
                        role2=partner.role,
                    ),
                    lazy("write role: %(role)s", role=known[ref].role),
                )


@rule("R005", "references.risk")
def risks(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program risk refers to a risk that risks.yaml does not have.

    Failing:

        risks:
          - ref: rsk-sibr      # risks.yaml has rsk-siber

    Passing:

        risks:
          - ref: rsk-siber
    """
    if "risks.yaml" in ctx.files and not ctx.loaded("risks.yaml"):
        return
    known = ctx.plan.risk_register
    for program in ctx.programs:
        for index, risk in enumerate(program.risks):
            if risk.ref is not None and risk.ref not in known:
                yield Hit(
                    program.source.file,
                    f"/risks/{index}/ref",
                    lazy("risk %(ref)r is not in risks.yaml", ref=risk.ref),
                    did_you_mean(risk.ref, known) or lazy("add it to the register in risks.yaml"),
                )
