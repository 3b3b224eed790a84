"""Program scores: weighted, normalised criterion scores times the pillar factor."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from smartplan.model import Program, Scoring
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
    ``score = base_score · pillar_factor``. A missing criterion score counts
    as 0 and is reported in ``warnings``.
    """
    parts: list[ScorePart] = []
    warnings: list[str] = []
    for weight in criteria.criteria:
        raw = program.scores.get(weight.id)
        if raw is None or isinstance(raw, bool) or not isinstance(raw, int | float):
            warnings.append(f"no score for criterion {weight.id}; counted as 0")
            value, raw_value = 0.0, None
        else:
            raw_value = float(raw)
            if not scoring.scale_min <= raw_value <= scoring.scale_max:
                warnings.append(
                    f"score {raw_value:g} for {weight.id} is outside the scale "
                    f"{scoring.scale_min:g}..{scoring.scale_max:g}; clamped"
                )
            value = normalise(raw_value, weight.kind, scoring.scale_min, scoring.scale_max)
        parts.append(
            ScorePart(
                weight.id, weight.kind, raw_value, value, weight.weight, 100 * weight.weight * value
            )
        )
    base = math.fsum(p.contribution for p in parts)
    try:
        factor = pillars.factor(program.pillar)
    except KeyError:
        warnings.append(f"unknown pillar {program.pillar!r}; pillar factor 1")
        factor = 1.0
    return ProgramScore(
        rank=0,
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
        score=base * factor,
        warnings=tuple(warnings),
    )


def rank_key(
    score: float, quick_win: bool, total_budget: int, program_id: str
) -> tuple[float, bool, int, str]:
    """The deterministic order: score desc, declared quick win first, cheaper first, id."""
    return (-round(score, SCORE_DECIMALS), not quick_win, total_budget, program_id)


def rank_programs(scores: Iterable[ProgramScore]) -> tuple[ProgramScore, ...]:
    """Order scores by :func:`rank_key` and number them from 1."""
    ordered = sorted(scores, key=lambda s: rank_key(s.score, s.quick_win, s.total_budget, s.id))
    return tuple(replace(s, rank=rank) for rank, s in enumerate(ordered, start=1))
