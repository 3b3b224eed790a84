"""Criteria and pillar weights, given directly or derived by AHP."""

from __future__ import annotations

import math
from collections.abc import Sequence

from smartplan.domain import MAX_CONSISTENCY_RATIO, PILLARS
from smartplan.i18n import lazy
from smartplan.model import AhpSetup, Scoring, format_judgement
from smartplan.prioritize.ahp import (
    AhpResult,
    DisconnectedMatrixError,
    InvalidMatrixError,
    analyse,
    inconsistent_judgements,
)
from smartplan.prioritize.emphasis import EMPHASIS_MODES, boosted, terms
from smartplan.prioritize.result import (
    AhpReport,
    CriteriaWeighting,
    CriterionWeight,
    Judgement,
    PillarWeight,
    PillarWeighting,
    PrioritizationError,
)
from smartplan.text import above

#: How many inconsistent judgements an explanation lists.
EXPLAIN_JUDGEMENTS = 3


def ahp_report(result: AhpResult, labels: Sequence[str]) -> AhpReport:
    """Label an :class:`~smartplan.ahp.AhpResult` with criterion ids or pillar codes."""
    return AhpReport(
        labels=tuple(labels),
        figures=result,
        inconsistent=tuple(
            Judgement(labels[i], labels[j], given, implied)
            for i, j, given, implied in inconsistent_judgements(result, EXPLAIN_JUDGEMENTS)
        ),
    )


def _analyse(setup: AhpSetup, labels: Sequence[str], what: str, ri_table: str | None) -> AhpReport:
    """Run AHP on a plan's matrix; turn every failure into a PrioritizationError."""
    table = ri_table or setup.ri_table
    where = f"scoring.{what}.matrix" if what == "ahp" else "scoring.pillar_weights.ahp.matrix"
    if len(setup.matrix) != len(labels):
        raise PrioritizationError(
            lazy(
                "the AHP matrix in %(where)s has %(n_matrix)s rows but there are %(n_labels)s "
                "items to compare (%(value)s)",
                where=where,
                n_matrix=len(setup.matrix),
                n_labels=len(labels),
                value=", ".join(labels),
            ),
            hint=lazy("give one row and one column per item, in the same order"),
        )
    try:
        result = analyse(setup.matrix, table)
    except DisconnectedMatrixError as exc:
        groups = " | ".join("{" + ", ".join(labels[k] for k in g) + "}" for g in exc.groups)
        raise PrioritizationError(
            lazy(
                "the AHP matrix in %(where)s cannot be completed: missing judgements leave groups "
                "never compared with each other: %(groups)s",
                where=where,
                groups=groups,
            ),
            hint=lazy("add at least one judgement between each pair of groups"),
        ) from None
    except InvalidMatrixError as exc:
        if exc.issues:
            detail = "; ".join(
                f"{labels[i.row] if i.row < len(labels) else i.row} vs "
                f"{labels[i.col] if i.col < len(labels) else i.col}: {i.message}"
                for i in exc.issues[:5]
            )
        else:
            detail = exc.args[0] if exc.args else str(exc)
        raise PrioritizationError(
            lazy("the AHP matrix in %(where)s is invalid: %(detail)s", where=where, detail=detail)
        ) from None
    report = ahp_report(result, labels)
    if not result.consistent:
        worst = "; ".join(
            f"{j.row} vs {j.col} is {format_judgement(j.given)}, the other judgements imply "
            f"{format_judgement(j.implied)}"
            for j in report.inconsistent
        )
        raise PrioritizationError(
            lazy(
                "the AHP matrix in %(where)s is too inconsistent: CR = %(value)s > "
                "%(max_consistency_ratio)s (%(table)s RI = %(ri)s); most inconsistent judgements: "
                "%(worst)s",
                where=where,
                value=above(result.cr, MAX_CONSISTENCY_RATIO),
                max_consistency_ratio=f"{MAX_CONSISTENCY_RATIO:.2f}",
                table=table,
                ri=result.ri,
                worst=worst,
            ),
            hint=lazy("revise these judgements so that they agree with the others"),
        )
    return report


def criteria_weights(scoring: Scoring, *, ri_table: str | None = None) -> CriteriaWeighting:
    """The criteria weights of a plan, normalised to sum 1.

    With ``scoring.ahp`` the weights are the AHP eigenvector (see
    :func:`smartplan.ahp.analyse`) and a matrix with CR > 0.10 is refused
    with the most inconsistent judgements named; any per-criterion ``weight``
    is then ignored with a warning. Otherwise every criterion needs a
    ``weight``; they are divided by their sum, with a warning when that sum is
    not 1. ``ri_table`` overrides the plan's RI table.

    Raises :class:`PrioritizationError` when the weights cannot be derived.
    """
    ids = scoring.criterion_ids
    warnings: list[str] = []
    if scoring.ahp is not None:
        report = _analyse(scoring.ahp, ids, "ahp", ri_table)
        weighted = [c.id for c in scoring.criteria if c.weight is not None]
        if weighted:
            warnings.append(
                lazy(
                    "criteria weights are derived by AHP; the weight given for %(value)s is "
                    "ignored",
                    value=", ".join(weighted),
                )
            )
        if report.completed:
            warnings.append(
                lazy(
                    "%(n_completed)s missing AHP judgement(s) completed by Harker's method",
                    n_completed=len(report.completed),
                )
            )
        criteria = tuple(
            CriterionWeight(c.id, c.name.id, c.kind, w, c.weight)
            for c, w in zip(scoring.criteria, report.weights, strict=True)
        )
        return CriteriaWeighting("ahp", criteria, report, tuple(warnings))

    missing = [c.id for c in scoring.criteria if c.weight is None]
    if missing:
        raise PrioritizationError(
            lazy("criteria without a weight: %(value)s", value=", ".join(missing)),
            hint=lazy("give every criterion a weight, or give scoring.ahp"),
        )
    total = math.fsum(float(c.weight) for c in scoring.criteria)  # type: ignore[arg-type]  # no weight is None (checked above)
    if total <= 0:
        raise PrioritizationError(lazy("the criteria weights sum to 0"))
    if abs(total - 1.0) > 1e-6:
        warnings.append(
            lazy(
                "criteria weights sum to %(total)s, not 1; they were normalised", total=f"{total:g}"
            )
        )
    criteria = tuple(
        CriterionWeight(c.id, c.name.id, c.kind, float(c.weight) / total, c.weight)  # type: ignore[arg-type]  # no weight is None (checked above)
        for c in scoring.criteria
    )
    return CriteriaWeighting("direct", criteria, None, tuple(warnings))


def pillar_weights(
    scoring: Scoring,
    priority_pillar: str | None,
    *,
    ri_table: str | None = None,
    pillars: Sequence[str] = PILLARS,
    emphasis: str | None = None,
) -> PillarWeighting:
    """The pillar weights and the score factor of each pillar.

    Base weights come from ``scoring.pillar_weights.weights`` (normalised),
    from a pillar AHP matrix (``pillar_weights.ahp`` with ``order``), or are
    equal when the plan gives neither. A pillar the plan leaves out gets the
    mean of the given weights (with a warning). The priority pillar's weight
    is then multiplied by ``priority_boost`` and all are normalised again.

    How the weights then enter the scores is the plan's ``emphasis`` (or the
    ``emphasis`` argument, which overrides it; see
    :mod:`smartplan.prioritize.emphasis`). With ``factor`` a program's score
    is multiplied by ``weight / max(weight)``: the heaviest pillar keeps its
    programs' scores, the others scale down in proportion. So scores stay
    within 0–100, equal pillar weights change nothing, and a boost of 1.5 for
    economy means an economy program needs only two thirds of the criteria
    score of another pillar's program to rank level with it. With ``bonus``
    every program of a pillar gets ``bonus · weight / max(weight)`` points.
    """
    setup = scoring.pillar_weights
    warnings: list[str] = []
    boost = setup.priority_boost if setup is not None else 1.0
    report: AhpReport | None = None
    given: dict[str, float]
    if setup is not None and setup.ahp is not None:
        order = setup.ahp.order or tuple(pillars)
        report = _analyse(setup.ahp, order, "pillar_weights.ahp", ri_table)
        given = dict(zip(order, report.weights, strict=True))
        method = "ahp"
    elif setup is not None and setup.weights:
        given = {k: float(v) for k, v in setup.weights.items()}
        method = "direct"
    else:
        given = {p: 1.0 for p in pillars}
        method = "equal"
    if any(v <= 0 for v in given.values()):
        raise PrioritizationError(lazy("pillar weights must be positive"))
    left_out = [p for p in pillars if p not in given]
    if left_out:
        mean = math.fsum(given.values()) / len(given)
        for p in left_out:
            given[p] = mean
        warnings.append(
            lazy(
                "no pillar weight for %(value)s; they get the mean of the others",
                value=", ".join(left_out),
            )
        )
    total = math.fsum(given[p] for p in pillars)
    base = {p: given[p] / total for p in pillars}
    if (priority_pillar is None or priority_pillar not in base) and boost != 1.0:
        warnings.append(lazy("priority_boost is set but the plan names no priority_pillar"))
    final = boosted(base, priority_pillar, boost)
    mode = emphasis if emphasis is not None else setup.emphasis if setup is not None else "factor"
    if mode not in EMPHASIS_MODES:
        raise PrioritizationError(
            lazy("unknown pillar emphasis %(mode)r", mode=mode),
            lazy("use one of: %(value)s", value=", ".join(EMPHASIS_MODES)),
        )
    points = setup.bonus if setup is not None else 10.0
    effect = terms(final, mode, points)
    items = tuple(PillarWeight(p, base[p], final[p], *effect[p]) for p in pillars)
    guarantee = setup.guarantee if setup is not None else None
    return PillarWeighting(
        method=method,
        priority_pillar=priority_pillar,
        priority_boost=boost,
        emphasis=mode,
        bonus_points=points,
        guarantee_top=guarantee.top if guarantee is not None else None,
        guarantee_per_pillar=guarantee.per_pillar if guarantee is not None else 1,
        pillars=items,
        ahp=report,
        warnings=tuple(warnings),
    )
