"""The analysis chain: SWOT -> strategies, readiness -> gaps, gaps and strategies -> programs.

These rules check what analysis/<pillar>.yaml files say, and that programs
answer them. A plan without analysis files has no chain to check yet (the
document then says the analysis is not yet written).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import ELEMENTS
from smartplan.i18n import lazy
from smartplan.model import SWOT_KEYS
from smartplan.problem import Hit, Severity
from smartplan.text import did_you_mean

_SINGULAR = {"S": "strength", "W": "weakness", "O": "opportunity", "T": "threat"}


@rule("A001", "analysis.gap-unanswered", Severity.WARNING)
def gap_unanswered(ctx: PlanContext) -> Iterator[Hit]:
    """
    A gap of the analysis is answered by no program, so nothing closes it.

    Every gap in analysis/<pillar>.yaml needs at least one program whose
    ``answers`` lists it; the traceability table shows which.

    Failing: in analysis/economy.yaml

        gaps:
          - id: eco-g1
            subaspect: struktur.sdm
            text: Pelaku UMKM belum memakai pembayaran digital
        # and no program has answers: [eco-g1]

    Passing: in a program file

        answers: [eco-g1]
    """
    answered = {ref for program in ctx.programs for ref in program.answers}
    # a program file that broke its schema may answer it: stay quiet then
    if ctx.plan.unparsed_program_ids:
        return
    for analysis in ctx.plan.analyses.values():
        for index, gap in enumerate(analysis.gaps):
            if gap.id not in answered:
                yield Hit(
                    analysis.source.file,
                    f"/gaps/{index}/id",
                    lazy("gap %(id)r is answered by no program", id=gap.id),
                    lazy("add %(id)s to the answers of the program that closes it", id=gap.id),
                )


@rule("A002", "analysis.program-unjustified", Severity.WARNING)
def program_unjustified(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program answers no gap and no strategy, so nothing in the analysis justifies it.

    Once the plan has its analysis (analysis/<pillar>.yaml), every program
    says which gaps or strategies it answers.

    Failing: a program without answers

        id: eco-pasar-digital
        depends_on: []

    Passing:

        answers: [eco-g1, eco-so1]
    """
    if not ctx.plan.analyses:
        return
    for program in ctx.programs:
        if not program.answers:
            yield Hit(
                program.source.file,
                "/id",
                lazy("program %(id)r answers no gap or strategy", id=program.id),
                lazy("list the gap and strategy ids it answers under answers:"),
            )


@rule("A003", "analysis.answer-unknown")
def answer_unknown(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program answers a gap or strategy id that no analysis file defines.

    Failing:

        answers: [eco-g9]     # analysis/economy.yaml has eco-g1 and eco-g2

    Passing:

        answers: [eco-g1]
    """
    if not ctx.analysis_ok:
        return
    known = ctx.answer_targets
    for program in ctx.programs:
        for index, ref in enumerate(program.answers):
            if ref not in known:
                where = "analysis/" if ctx.plan.analyses else "analysis/ (there is none yet)"
                yield Hit(
                    program.source.file,
                    f"/answers/{index}",
                    lazy(
                        "answers %(ref)r, which is no gap or strategy in %(where)s",
                        ref=ref,
                        where=where,
                    ),
                    did_you_mean(ref, known) or lazy("define it in analysis/<pillar>.yaml"),
                )


@rule("A004", "analysis.strategy-source")
def strategy_source(ctx: PlanContext) -> Iterator[Hit]:
    """
    A strategy cites a SWOT item its dimension does not have, or one of the wrong kind.

    A strategy is drawn from its dimension's SWOT: an SO strategy cites
    strengths and opportunities, WO weaknesses and opportunities, ST
    strengths and threats, WT weaknesses and threats.

    Failing:

        strategies:
          - {id: eco-so1, type: SO, from: [eco-w1], text: ...}   # eco-w1 is a weakness

    Passing:

        strategies:
          - {id: eco-so1, type: SO, from: [eco-s1, eco-o1], text: ...}
    """
    for analysis in ctx.plan.analyses.values():
        items = {item.id for key, _ in SWOT_KEYS for item in analysis.swot[key]}
        for index, strategy in enumerate(analysis.strategies):
            for j, ref in enumerate(strategy.sources):
                pointer = f"/strategies/{index}/from/{j}"
                letter = analysis.swot_letter(ref)
                if letter is None:
                    yield Hit(
                        analysis.source.file,
                        pointer,
                        lazy(
                            "strategy %(id)r cites %(ref)r, which is not a SWOT item of this "
                            "dimension",
                            id=strategy.id,
                            ref=ref,
                        ),
                        did_you_mean(ref, items) or lazy("cite an id from this file's swot:"),
                    )
                elif letter not in strategy.type:
                    yield Hit(
                        analysis.source.file,
                        pointer,
                        lazy(
                            "%(type)s strategy %(id)r cites %(ref)r, a %(singular)s item",
                            type=strategy.type,
                            id=strategy.id,
                            ref=ref,
                            singular=_SINGULAR[letter],
                        ),
                        lazy(
                            "an %(type)s strategy cites %(type2)s and %(type3)s items; change its "
                            "type or its sources",
                            type=strategy.type,
                            type2=strategy.type[0],
                            type3=strategy.type[1],
                        ),
                    )


@rule("A005", "analysis.gap-subaspect")
def gap_subaspect(ctx: PlanContext) -> Iterator[Hit]:
    """
    A gap names a readiness sub-aspect that readiness.yaml does not have.

    Each gap comes from a sub-aspect of the readiness analysis, written as
    aspect.subaspect.

    Failing:

        subaspect: struktur.sdm_tik     # readiness.yaml calls it sdm

    Passing:

        subaspect: struktur.sdm
    """
    readiness = ctx.plan.readiness
    if readiness is None:
        return
    known = {f"{a.code}.{s.code}" for a in readiness.aspects for s in a.subaspects}
    for analysis in ctx.plan.analyses.values():
        for index, gap in enumerate(analysis.gaps):
            if gap.subaspect not in known:
                yield Hit(
                    analysis.source.file,
                    f"/gaps/{index}/subaspect",
                    lazy(
                        "gap %(id)r: readiness.yaml has no sub-aspect %(subaspect)r",
                        id=gap.id,
                        subaspect=gap.subaspect,
                    ),
                    did_you_mean(gap.subaspect, known) or lazy("use aspect.subaspect"),
                )


@rule("A006", "analysis.id-twice")
def id_twice(ctx: PlanContext) -> Iterator[Hit]:
    """
    A SWOT item, strategy or gap id is used twice across the analysis files.

    Programs refer to gaps and strategies by id, so ids are unique across
    every analysis/ file.

    Failing:

        gaps:
          - {id: eco-g1, ...}
          - {id: eco-g1, ...}

    Passing:

        gaps:
          - {id: eco-g1, ...}
          - {id: eco-g2, ...}
    """
    seen: dict[str, str] = {}
    for analysis in sorted(ctx.plan.analyses.values(), key=lambda a: a.source.file):
        entries = [
            (f"/swot/{key}/{i}/id", item.id)
            for key, _ in SWOT_KEYS
            for i, item in enumerate(analysis.swot[key])
        ]
        entries += [(f"/strategies/{i}/id", s.id) for i, s in enumerate(analysis.strategies)]
        entries += [(f"/gaps/{i}/id", g.id) for i, g in enumerate(analysis.gaps)]
        for pointer, item_id in entries:
            if item_id in seen:
                yield Hit(
                    analysis.source.file,
                    pointer,
                    lazy(
                        "id %(item_id)r is already used in %(seen)s",
                        item_id=item_id,
                        seen=seen[item_id],
                    ),
                    lazy("give each SWOT item, strategy and gap its own id"),
                )
            else:
                seen[item_id] = analysis.source.file


@rule("A007", "analysis.pillar")
def analysis_pillar(ctx: PlanContext) -> Iterator[Hit]:
    """
    An analysis file is not named after its pillar, or a strategy's element is another pillar's.

    Failing: in analysis/economy.yaml

        pillar: living
        strategies:
          - {id: eco-so1, element: LIV-1, ...}

    Passing:

        pillar: economy
        strategies:
          - {id: eco-so1, element: ECO-1, ...}
    """
    # read every analysis document, not only the one kept per pillar, so a
    # second file claiming the same pillar is reported too
    for rel in sorted(ctx.documents):
        document = ctx.documents[rel]
        if not rel.startswith("analysis/") or not ctx.loaded(rel):
            continue
        stem = PurePosixPath(rel).stem
        if stem != document["pillar"]:
            yield Hit(
                rel,
                "/pillar",
                lazy(
                    "the file is analysis/%(stem)s.yaml but says pillar %(document)r",
                    stem=stem,
                    document=document["pillar"],
                ),
                lazy(
                    "rename it to analysis/%(document)s.yaml, or fix pillar",
                    document=document["pillar"],
                ),
            )
    for analysis in ctx.plan.analyses.values():
        for index, strategy in enumerate(analysis.strategies):
            if strategy.element and ELEMENTS[strategy.element][0] != analysis.pillar:
                yield Hit(
                    analysis.source.file,
                    f"/strategies/{index}/element",
                    lazy(
                        "element %(element)s belongs to the %(elements)s pillar, not %(pillar)s",
                        element=strategy.element,
                        elements=ELEMENTS[strategy.element][0],
                        pillar=analysis.pillar,
                    ),
                )
