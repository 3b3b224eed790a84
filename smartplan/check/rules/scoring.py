"""The scoring setup is sound, and every program is scored on it."""

from __future__ import annotations

import math
from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import MAX_CONSISTENCY_RATIO, PILLARS
from smartplan.i18n import joined, lazy
from smartplan.model import AhpSetup, format_judgement
from smartplan.prioritize.ahp import (
    DisconnectedMatrixError,
    InvalidMatrixError,
    analyse,
    check_matrix,
)
from smartplan.prioritize.ahp import inconsistent_judgements as worst_judgements
from smartplan.problem import Hit, Severity
from smartplan.text import above

_SCORING = "/scoring"


def _matrices(ctx: PlanContext) -> Iterator[tuple[str, AhpSetup, list[str]]]:
    """Each AHP matrix of the plan: JSON pointer, setup, and the labels of its rows."""
    info = ctx.info
    if info is None:
        return
    scoring = info.scoring
    if scoring.ahp is not None:
        yield f"{_SCORING}/ahp", scoring.ahp, list(scoring.criterion_ids)
    pillar_weights = scoring.pillar_weights
    if pillar_weights is not None and pillar_weights.ahp is not None:
        yield f"{_SCORING}/pillar_weights/ahp", pillar_weights.ahp, list(pillar_weights.ahp.order)


@rule("C001", "scoring.weights")
def weights(ctx: PlanContext) -> Iterator[Hit]:
    """
    Criterion weights are missing, or do not sum to 1 (then they are normalised, with a warning).

    Without an AHP matrix every criterion needs a positive weight; the
    weights should sum to 1. Pillar weights, where given, follow the same
    rule. With an AHP matrix, weights written beside it are ignored.

    Failing:

        criteria:
          - {id: impact, name: Dampak, kind: benefit, weight: 0.5}
          - {id: cost, name: Biaya, kind: cost}

    Passing:

        criteria:
          - {id: impact, name: Dampak, kind: benefit, weight: 0.6}
          - {id: cost, name: Biaya, kind: cost, weight: 0.4}
    """
    info = ctx.info
    if info is None:
        return
    scoring = info.scoring
    criteria = scoring.criteria
    if scoring.ahp is not None:
        for index, criterion in enumerate(criteria):
            if criterion.weight is not None:
                yield Hit(
                    info.source.file,
                    f"{_SCORING}/criteria/{index}/weight",
                    lazy(
                        "weight of %(id)r is ignored: scoring.ahp derives the weights",
                        id=criterion.id,
                    ),
                    lazy("remove the weights, or the ahp block"),
                    severity=Severity.WARNING,
                )
    else:
        missing = [i for i, c in enumerate(criteria) if c.weight is None]
        for index in missing:
            yield Hit(
                info.source.file,
                f"{_SCORING}/criteria/{index}",
                lazy(
                    "criterion %(id)r has no weight and there is no ahp matrix",
                    id=criteria[index].id,
                ),
                lazy("give every criterion a weight, or add scoring.ahp"),
            )
        if not missing:
            yield from _sum_to_one(
                info.source.file,
                f"{_SCORING}/criteria",
                [c.weight or 0.0 for c in criteria],
                lazy("criterion"),
            )
    pillar_weights = scoring.pillar_weights
    if pillar_weights is not None and pillar_weights.weights:
        yield from _sum_to_one(
            info.source.file,
            f"{_SCORING}/pillar_weights/weights",
            list(pillar_weights.weights.values()),
            lazy("pillar"),
        )


def _sum_to_one(file: str, pointer: str, values: list[float], what: str) -> Iterator[Hit]:
    total = math.fsum(values)
    if not math.isclose(total, 1.0, abs_tol=1e-6):
        yield Hit(
            file,
            pointer,
            lazy(
                "%(what)s weights sum to %(total)s, not 1; they are normalised",
                what=what,
                total=f"{total:g}",
            ),
            lazy("make them sum to 1 so the figures in the document match the file"),
            severity=Severity.WARNING,
        )


@rule("C002", "scoring.ahp-matrix")
def matrix(ctx: PlanContext) -> Iterator[Hit]:
    """
    An AHP matrix is not square, not reciprocal, not positive, or does not match its criteria.

    The matrix has one row and one column per criterion (in the order of
    scoring.criteria; for pillars, in the order of pillar_weights.ahp.order),
    1 on the diagonal, and a_ji = 1/a_ij. Missing judgements are written null.

    Failing:

        ahp:
          matrix:
            - [1, 3, 5]
            - ["1/3", 1, 3]
            - ["1/5", 3, 1]      # 3 here but 3 above: not reciprocal

    Passing:

        ahp:
          matrix:
            - [1, 3, 5]
            - ["1/3", 1, 3]
            - ["1/5", "1/3", 1]
    """
    for pointer, setup, labels in _matrices(ctx):
        file = ctx.info.source.file  # type: ignore[union-attr]  # _matrices yields only when plan.yaml loaded
        rows = len(setup.matrix)
        if rows != len(labels):
            what = lazy("pillars") if "pillar_weights" in pointer else lazy("criteria")
            yield Hit(
                file,
                f"{pointer}/matrix",
                lazy(
                    "the matrix has %(rows)s rows but there are %(n_labels)s %(what)s",
                    rows=rows,
                    n_labels=len(labels),
                    what=what,
                ),
                lazy("one row and one column per item, in the same order"),
            )
            continue
        for issue in check_matrix(setup.matrix):
            yield Hit(
                file,
                f"{pointer}/matrix/{issue.row}/{issue.col}",
                lazy(
                    "%(value)s: %(message)s",
                    value=_pair(labels, issue.row, issue.col),
                    message=issue.message,
                ),
                severity=Severity.WARNING if issue.warning else None,
            )
        if pointer.endswith("pillar_weights/ahp"):
            for index, code in enumerate(setup.order):
                if code not in PILLARS:
                    yield Hit(
                        file,
                        f"{pointer}/order/{index}",
                        lazy("%(code)r is not a pillar code", code=code),
                    )


def _pair(labels: list[str], row: int, col: int) -> str:
    if row == col and row < len(labels):
        return lazy("%(labels)s (diagonal)", labels=labels[row])
    if row < len(labels) and col < len(labels):
        return lazy("%(labels)s vs %(labels2)s", labels=labels[row], labels2=labels[col])
    return lazy("row %(value)s, column %(value2)s", value=row + 1, value2=col + 1)


@rule("C003", "scoring.ahp-consistency")
def consistency(ctx: PlanContext) -> Iterator[Hit]:
    """
    An AHP matrix is too inconsistent: its consistency ratio is above 0.10.

    CR = CI / RI with CI = (λmax − n)/(n − 1); Saaty's rule refuses CR > 0.10.
    The hint names the judgements that disagree most with the others.

    Failing:

        matrix:
          - [1, 9, "1/9"]
          - ["1/9", 1, 9]
          - [9, "1/9", 1]

    Passing (CR ≈ 0.033):

        matrix:
          - [1, 3, 5]
          - ["1/3", 1, 3]
          - ["1/5", "1/3", 1]
    """
    for pointer, setup, labels in _matrices(ctx):
        file = ctx.info.source.file  # type: ignore[union-attr]  # _matrices yields only when plan.yaml loaded
        if len(setup.matrix) != len(labels) or any(
            not issue.warning for issue in check_matrix(setup.matrix)
        ):
            continue  # C002 reports it
        try:
            result = analyse(setup.matrix, setup.ri_table)
        except DisconnectedMatrixError as exc:
            groups = " | ".join(", ".join(labels[i] for i in group) for group in exc.groups)
            yield Hit(
                file,
                f"{pointer}/matrix",
                lazy(
                    "missing judgements leave groups never compared with each other: %(groups)s",
                    groups=groups,
                ),
                lazy("add at least one judgement between each pair of groups"),
            )
            continue
        except (InvalidMatrixError, ValueError) as exc:
            yield Hit(file, f"{pointer}/matrix", exc.args[0] if exc.args else str(exc))
            continue
        if result.cr > MAX_CONSISTENCY_RATIO:
            worst = worst_judgements(result, top=3)
            detail = joined(
                "; ",
                [
                    lazy(
                        "%(a)s vs %(b)s is %(given)s, the others imply %(implied)s",
                        a=labels[i],
                        b=labels[j],
                        given=format_judgement(given),
                        implied=format_judgement(implied),
                    )
                    for i, j, given, implied in worst
                ],
            )
            i, j = (worst[0][0], worst[0][1]) if worst else (0, 0)
            yield Hit(
                file,
                f"{pointer}/matrix/{i}/{j}",
                lazy(
                    "consistency ratio %(value)s is above %(max_consistency_ratio)s (λmax "
                    "%(lambda_max)s, CI %(ci)s, RI %(ri)s %(ri_table)s)",
                    value=above(result.cr, MAX_CONSISTENCY_RATIO),
                    max_consistency_ratio=f"{MAX_CONSISTENCY_RATIO:.2f}",
                    lambda_max=f"{result.lambda_max:.3f}",
                    ci=f"{result.ci:.3f}",
                    ri=result.ri,
                    ri_table=result.ri_table,
                ),
                lazy("revisit the most inconsistent judgements: %(detail)s", detail=detail),
            )


@rule("C004", "scoring.program-scores")
def program_scores(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program does not score every criterion, scores an unknown one, or scores outside the scale.

    Failing: with criteria impact, urgency, cost on a 1–5 scale

        scores: {impact: 6, urgensi: 3}

    Passing:

        scores: {impact: 5, urgency: 3, cost: 2}
    """
    info = ctx.info
    if info is None:
        return
    scoring = info.scoring
    ids = scoring.criterion_ids
    low, high = scoring.scale_min, scoring.scale_max
    if low >= high:
        return  # C005 reports the backwards scale; every score would cascade here
    for program in ctx.programs:
        file = program.source.file
        for criterion in ids:
            if criterion not in program.scores:
                yield Hit(
                    file,
                    "/scores",
                    lazy("no score for criterion %(criterion)r", criterion=criterion),
                    lazy(
                        "score every criterion from %(low)s to %(high)s",
                        low=f"{low:g}",
                        high=f"{high:g}",
                    ),
                )
        for key, value in program.scores.items():
            if key not in ids:
                yield Hit(
                    file,
                    f"/scores/{key}",
                    lazy("%(key)r is not a scoring criterion", key=key),
                    lazy("the criteria are: %(value)s", value=", ".join(ids)),
                    key=True,
                )
            elif not low <= value <= high:
                yield Hit(
                    file,
                    f"/scores/{key}",
                    lazy(
                        "score %(value)s for %(key)r is outside the scale %(low)s–%(high)s",
                        value=f"{value:g}",
                        key=key,
                        low=f"{low:g}",
                        high=f"{high:g}",
                    ),
                )


@rule("C005", "scoring.setup")
def setup(ctx: PlanContext) -> Iterator[Hit]:
    """
    The scoring setup contradicts itself: scale, quick-win criteria or pillar weights.

    The scale's min is below its max; quick_win.impact and quick_win.effort
    name existing criteria; pillar weights name pillars, and the priority
    pillar is among them.

    Failing:

        scale: {min: 5, max: 1}
        quick_win: {impact: [dampak], effort: [cost]}

    Passing:

        scale: {min: 1, max: 5}
        quick_win: {impact: [impact], effort: [cost]}
    """
    info = ctx.info
    if info is None:
        return
    file = info.source.file
    scoring = info.scoring
    if scoring.scale_min >= scoring.scale_max:
        yield Hit(
            file,
            f"{_SCORING}/scale",
            lazy(
                "scale min %(scale_min)s is not below max %(scale_max)s",
                scale_min=f"{scoring.scale_min:g}",
                scale_max=f"{scoring.scale_max:g}",
            ),
        )
    ids = scoring.criterion_ids
    if scoring.quick_win is not None:
        for group in ("impact", "effort"):
            for index, criterion in enumerate(getattr(scoring.quick_win, group)):
                if criterion not in ids:
                    yield Hit(
                        file,
                        f"{_SCORING}/quick_win/{group}/{index}",
                        lazy("%(criterion)r is not a scoring criterion", criterion=criterion),
                        lazy("the criteria are: %(value)s", value=", ".join(ids)),
                    )
    pillar_weights = scoring.pillar_weights
    if (
        pillar_weights is not None
        and pillar_weights.weights
        and info.priority_pillar
        and info.priority_pillar not in pillar_weights.weights
    ):
        yield Hit(
            file,
            f"{_SCORING}/pillar_weights/weights",
            lazy(
                "the priority pillar %(priority_pillar)r has no weight",
                priority_pillar=info.priority_pillar,
            ),
            severity=Severity.WARNING,
        )
    if pillar_weights is not None and pillar_weights.ahp is not None:
        order = pillar_weights.ahp.order
        seen: set[str] = set()
        for index, code in enumerate(order):
            if code in seen:
                yield Hit(
                    file,
                    f"{_SCORING}/pillar_weights/ahp/order/{index}",
                    lazy("pillar %(code)r is listed twice", code=code),
                )
            seen.add(code)
