"""Pillar emphasis: how the pillar weights enter the scores, and the guaranteed presence.

One place for the arithmetic that the ranking, the sensitivity checks and the
Monte Carlo draws all repeat, so that they can never disagree:

* :func:`boosted` — the priority boost on normalised base weights;
* :func:`terms` — each pillar's multiplier and bonus for an emphasis mode;
* :func:`emphasised` — a program's score from its criteria score;
* :func:`guaranteed_order` — the order after "at least k programs of every
  pillar in the top N".

Emphasis modes (``scoring.pillar_weights.emphasis``), with ``r = weight /
max weight`` the pillar's relative weight:

=========  =====================================  ===========================
mode       score                                   effect
=========  =====================================  ===========================
factor     ``base · r``                            today's default: a pillar at
                                                   half the weight needs twice
                                                   the criteria score
bonus      ``base + points · r``                   a fixed head start, the same
                                                   for a weak and a strong
                                                   program of a pillar
none       ``base``                                pillar weights shown, unused
=========  =====================================  ===========================
"""

from __future__ import annotations

import math
from bisect import insort
from collections import Counter
from collections.abc import Mapping, Sequence

from smartplan.domain import EMPHASIS_MODES

__all__ = ["EMPHASIS_MODES", "boosted", "emphasised", "guaranteed_order", "terms"]


def boosted(base: Mapping[str, float], priority: str | None, boost: float) -> dict[str, float]:
    """The final pillar weights: the priority pillar's weight × ``boost``, normalised to sum 1."""
    weights = dict(base)
    if priority is not None and priority in weights:
        weights[priority] *= boost
    total = math.fsum(weights.values())
    return {p: v / total for p, v in weights.items()} if total > 0 else weights


def terms(
    weights: Mapping[str, float], mode: str, points: float
) -> dict[str, tuple[float, float, float]]:
    """Each pillar's ``(relative, factor, bonus)`` for an emphasis ``mode``.

    ``relative = weight / max weight``; a score is ``base · factor + bonus``.
    """
    top = max(weights.values(), default=0.0)
    out: dict[str, tuple[float, float, float]] = {}
    for pillar, weight in weights.items():
        relative = weight / top if top > 0 else 1.0
        if mode == "factor":
            out[pillar] = (relative, relative, 0.0)
        elif mode == "bonus":
            out[pillar] = (relative, 1.0, points * relative)
        else:
            out[pillar] = (relative, 1.0, 0.0)
    return out


def emphasised(base: float, factor: float, bonus: float) -> float:
    """A program's score: its criteria score (0–100) times the factor, plus the bonus."""
    return base * factor + bonus


def guaranteed_order(
    order: Sequence[int], pillars: Sequence[str], top: int, per_pillar: int
) -> tuple[list[int], set[int], list[str]]:
    """Reorder so that the first ``top`` hold ``per_pillar`` programs of every pillar.

    ``order`` lists program indices by score; ``pillars[i]`` is program
    ``i``'s pillar. While a pillar is short (fewer than ``per_pillar`` in the
    top, or fewer than it has), its best program outside the top moves in and
    the weakest program of a pillar holding more than ``per_pillar`` moves
    out; the short pillar whose candidate scores highest goes first. This
    greedy exchange keeps the highest total score any top list meeting the
    guarantee can have. Both parts stay in score order.

    Returns the new order, the indices moved up, and the pillars that could
    not be given their share (the top list is too short).
    """
    chosen = list(order[:top])
    rest = list(order[top:])
    if not rest:
        return list(order), set(), []
    position = {index: k for k, index in enumerate(order)}
    have = Counter(pillars[i] for i in chosen)
    owned = Counter(pillars[i] for i in order)
    moved: set[int] = set()
    unmet: list[str] = []
    while True:
        short = {p for p in owned if have[p] < min(per_pillar, owned[p])}
        if not short:
            break
        candidate = next((i for i in rest if pillars[i] in short), None)
        leaving = next((i for i in reversed(chosen) if have[pillars[i]] > per_pillar), None)
        if candidate is None or leaving is None:
            unmet = sorted(short)
            break
        chosen.remove(leaving)
        rest.remove(candidate)
        have[pillars[leaving]] -= 1
        have[pillars[candidate]] += 1
        # both lists stay in score order: the next candidate and the next to
        # leave are then the first and the last that qualify
        insort(chosen, candidate, key=position.__getitem__)
        insort(rest, leaving, key=position.__getitem__)
        moved.add(candidate)
    return chosen + rest, moved, unmet
