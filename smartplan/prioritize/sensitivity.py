"""How stable the ranking is when the criteria weights move.

Each criterion weight ``w_c`` is multiplied by ``1 + change`` (−20 %, −10 %,
+10 %, +20 % by default) and all weights are renormalised to sum 1; the
programs are ranked again (pillar factors unchanged).

Beyond the tested levels the exact **breakpoint** of each criterion is
computed in closed form, not by search: with the weight of ``c`` changed by
``p``, a program's score is ``100 · f_k · (B_k + p·w_c·v_kc) / (1 + p·w_c)``
(``B_k`` the base weighted sum, ``v_kc`` its normalised value on ``c``,
``f_k`` its pillar factor). The denominator is shared and positive, so the
order of two programs changes at most once, at the root of a linear function
of ``p``. The top-N set first changes at the nearest root, over the pairs
(one program inside the top N, one outside), in each direction within
[−100 %, +100 %]. That costs ``O(N · M)`` per criterion for ``M`` programs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from smartplan.prioritize.result import (
    CriterionSensitivity,
    LevelOutcome,
    Prioritization,
    ProgramScore,
    RankRange,
    SensitivityResult,
)
from smartplan.prioritize.scoring import rank_key

DEFAULT_LEVELS: tuple[float, ...] = (-0.2, -0.1, 0.1, 0.2)

#: A crossing this close beyond ±100 % counts as at ±100 % (float noise).
_EDGE = 1e-9


def _ranking(
    programs: Sequence[ProgramScore], values: list[list[float]], weights: Sequence[float]
) -> list[int]:
    """Program indices in rank order for the given weights."""
    scores = [
        100.0 * p.pillar_factor * math.fsum(w * v for w, v in zip(weights, row, strict=True))
        for p, row in zip(programs, values, strict=True)
    ]
    return sorted(
        range(len(programs)),
        key=lambda k: rank_key(
            scores[k], programs[k].quick_win, programs[k].total_budget, programs[k].id
        ),
    )


def _breakpoints(
    programs: Sequence[ProgramScore],
    values: list[list[float]],
    weights: Sequence[float],
    base: Sequence[float],
    c: int,
    inside: Sequence[int],
    outside: Sequence[int],
) -> tuple[float | None, float | None]:
    """The nearest relative changes (down ≤ 0, up ≥ 0) of weight ``c`` that change the top set.

    ``base`` holds each program's ``f_k · B_k`` at the unchanged weights.
    """
    if not inside or not outside or weights[c] >= 1.0:
        return None, None
    wc = weights[c]
    slope = [programs[k].pillar_factor * wc * values[k][c] for k in range(len(programs))]
    down: float | None = None
    up: float | None = None
    for k in inside:
        for other in outside:
            gap = max(0.0, base[k] - base[other])
            s = slope[k] - slope[other]
            if s < 0:
                p = min(1.0, gap / -s) if gap / -s <= 1.0 + _EDGE else None
                if p is not None and (up is None or p < up):
                    up = p
            elif s > 0:
                p = max(-1.0, -gap / s) if -gap / s >= -1.0 - _EDGE else None
                if p is not None and (down is None or p > down):
                    down = p
    return down, up


def sensitivity(
    result: Prioritization,
    *,
    top: int | None = None,
    levels: Sequence[float] = DEFAULT_LEVELS,
) -> SensitivityResult:
    """Perturb every criterion weight and report how the ranking moves.

    ``top`` defaults to the prioritisation's ``top``. For each criterion:
    the outcome at each level (does the top-N set stay the same; who enters
    and leaves), the smallest tested change that alters it, and the exact
    breakpoints (see the module docstring). For each program: its rank range
    over all tested levels of all criteria.
    """
    n_top = result.top if top is None else top
    programs = result.programs
    ids = [c.id for c in result.criteria.criteria]
    weights = [c.weight for c in result.criteria.criteria]
    values = [[part.normalised for part in p.parts] for p in programs]
    base_order = list(range(len(programs)))  # programs are already ranked
    inside = base_order[:n_top]
    outside = base_order[n_top:]
    top_set = {programs[k].id for k in inside}
    base = [
        p.pillar_factor * math.fsum(w * v for w, v in zip(weights, row, strict=True))
        for p, row in zip(programs, values, strict=True)
    ]
    min_rank = [p.rank for p in programs]
    max_rank = [p.rank for p in programs]

    criteria: list[CriterionSensitivity] = []
    for c, criterion in enumerate(ids):
        outcomes: list[LevelOutcome] = []
        for change in levels:
            changed = list(weights)
            changed[c] = weights[c] * (1.0 + change)
            total = math.fsum(changed)
            changed = [w / total for w in changed] if total > 0 else list(weights)
            order = _ranking(programs, values, changed)
            for rank, k in enumerate(order, start=1):
                min_rank[k] = min(min_rank[k], rank)
                max_rank[k] = max(max_rank[k], rank)
            new_top = [programs[k].id for k in order[:n_top]]
            new_set = set(new_top)
            entered = tuple(i for i in new_top if i not in top_set)
            left = tuple(programs[k].id for k in inside if programs[k].id not in new_set)
            outcomes.append(LevelOutcome(change, changed[c], not entered, entered, left))
        changed_at = [abs(o.change) for o in outcomes if not o.top_unchanged]
        down, up = _breakpoints(programs, values, weights, base, c, inside, outside)
        magnitudes = [abs(b) for b in (down, up) if b is not None]
        criteria.append(
            CriterionSensitivity(
                criterion=criterion,
                weight=weights[c],
                levels=tuple(outcomes),
                top_unchanged=not changed_at,
                smallest_change_tested=min(changed_at) if changed_at else None,
                breakpoint_down=down,
                breakpoint_up=up,
                stable_within=min(magnitudes) if magnitudes else 1.0,
            )
        )
    return SensitivityResult(
        top=n_top,
        levels=tuple(levels),
        top_ids=tuple(programs[k].id for k in inside),
        stable=all(c.top_unchanged for c in criteria),
        stable_within=min((c.stable_within for c in criteria), default=1.0),
        criteria=tuple(criteria),
        programs=tuple(
            RankRange(p.id, p.rank, min_rank[k], max_rank[k]) for k, p in enumerate(programs)
        ),
    )
