"""Program scores: weighted, normalised criterion scores, then the pillar emphasis."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from smartplan.i18n import lazy
from smartplan.model import Program, Scoring
from smartplan.prioritize.emphasis import emphasised, guaranteed_order
from smartplan.prioritize.result import (
    CriteriaWeighting,
    PillarWeighting,
    ProgramScore,
    ScorePart,
)

#: Scores are compared after rounding to this many decimals, so that float
#: noise never decides a rank; ties then go to the tie-break.
SCORE_DECIMALS = 9


def normalise(raw: float, kind: str, scale_min: float, scale_max: float) -> float:
    """A criterion score as 0..1 with 1 best.

    Benefit: ``(s − min)/(max − min)``; cost: ``(max − s)/(max − min)``.
    Values outside the scale are clamped to it.
    """
    span = scale_max - scale_min
    share = (raw - scale_min) / span
    share = min(1.0, max(0.0, share))
    return 1.0 - share if kind == "cost" else share


def score_program(
    program: Program,
    scoring: Scoring,
    criteria: CriteriaWeighting,
    pillars: PillarWeighting,
) -> ProgramScore:
    """Score one program (rank 0 until :func:`rank_programs` orders them).

    ``base_score = 100 · Σ weight_c · normalised_c`` (0–100) and
    ``score = base_score · pillar_factor + pillar_bonus``. A missing
    criterion score counts as 0 and is reported in ``warnings``.
    """
    parts: list[ScorePart] = []
    warnings: list[str] = []
    for weight in criteria.criteria:
        raw = program.scores.get(weight.id)
        if raw is None or isinstance(raw, bool) or not isinstance(raw, int | float):
            warnings.append(lazy("no score for criterion %(id)s; counted as 0", id=weight.id))
            value, raw_value = 0.0, None
        else:
            raw_value = float(raw)
            if not scoring.scale_min <= raw_value <= scoring.scale_max:
                warnings.append(
                    lazy(
                        "score %(raw_value)s for %(id)s is outside the scale "
                        "%(scale_min)s..%(scale_max)s; clamped",
                        raw_value=f"{raw_value:g}",
                        id=weight.id,
                        scale_min=f"{scoring.scale_min:g}",
                        scale_max=f"{scoring.scale_max:g}",
                    )
                )
            value = normalise(raw_value, weight.kind, scoring.scale_min, scoring.scale_max)
        parts.append(
            ScorePart(
                weight.id, weight.kind, raw_value, value, weight.weight, 100 * weight.weight * value
            )
        )
    base = math.fsum(p.contribution for p in parts)
    try:
        emphasis = pillars.get(program.pillar)
        factor, bonus = emphasis.factor, emphasis.bonus
    except KeyError:
        warnings.append(
            lazy("unknown pillar %(pillar)r; no pillar emphasis", pillar=program.pillar)
        )
        factor, bonus = 1.0, 0.0
    return ProgramScore(
        rank=0,
        base_rank=0,
        id=program.id,
        name=program.name.id,
        name_en=program.name.en,
        pillar=program.pillar,
        element=program.element,
        lead_agency=program.lead_agency,
        quick_win=program.quick_win,
        start=program.start,
        end=program.end,
        total_budget=program.total_budget,
        parts=tuple(parts),
        base_score=base,
        pillar_factor=factor,
        pillar_bonus=bonus,
        score=emphasised(base, factor, bonus),
        guaranteed=False,
        warnings=tuple(warnings),
    )


def rank_key(
    score: float, quick_win: bool, total_budget: int, program_id: str
) -> tuple[float, bool, int, str]:
    """The deterministic order: score desc, declared quick win first, cheaper first, id."""
    return (-round(score, SCORE_DECIMALS), not quick_win, total_budget, program_id)


def rank_programs(
    scores: Iterable[ProgramScore], pillars: PillarWeighting | None = None
) -> tuple[tuple[ProgramScore, ...], list[str]]:
    """Order scores by :func:`rank_key`, apply the guaranteed presence, number them from 1.

    Each program also gets its ``base_rank``: its place by criteria score
    alone, before any pillar emphasis. Returns the ranking and warnings (a
    guarantee the top list is too short to meet).
    """
    items = list(scores)
    by_base = sorted(
        range(len(items)),
        key=lambda k: rank_key(
            items[k].base_score, items[k].quick_win, items[k].total_budget, items[k].id
        ),
    )
    base_rank = {k: rank for rank, k in enumerate(by_base, start=1)}
    order = sorted(
        range(len(items)),
        key=lambda k: rank_key(
            items[k].score, items[k].quick_win, items[k].total_budget, items[k].id
        ),
    )
    moved: set[int] = set()
    warnings: list[str] = []
    if pillars is not None and pillars.guarantee_top is not None:
        top, per = pillars.guarantee_top, pillars.guarantee_per_pillar
        order, moved, unmet = guaranteed_order(order, [p.pillar for p in items], top, per)
        if unmet:
            warnings.append(
                lazy(
                    "the top %(top)s cannot hold %(per)s program(s) of every pillar; short: "
                    "%(value)s (raise guarantee.top or lower per_pillar)",
                    top=top,
                    per=per,
                    value=", ".join(unmet),
                )
            )
    ranked = tuple(
        replace(items[k], rank=rank, base_rank=base_rank[k], guaranteed=k in moved)
        for rank, k in enumerate(order, start=1)
    )
    return ranked, warnings
