"""An exact roadmap: the schedule as a mixed-integer program, solved by HiGHS.

**Variables.** One binary ``x[k, s]`` per program ``k`` and start year ``s``
it may take (its planned start if ``years.fixed``, the first year if it is a
quick win, otherwise every year that keeps it inside the plan period).
``Σ_s x[k, s] ≤ 1``: a program starts once or is left out.

**Constraints.** Every budget line moves with the start, so a start fixes
the program's spending in every year. For each year ``y`` of the plan:
``Σ amount(k, y − s) · x[k, s] ≤ ceiling_y`` for the total ceiling, the same
per funding source for ``budget_ceilings_by_source``, and per lead agency for
``capacity.rupiah`` in agencies.yaml; ``capacity.programs`` counts the
programs running in ``y`` (start to end). A dependent ``k`` of ``p`` starts
no earlier than ``start_p + lag``: ``x[k, s] ≤ Σ_{t ≤ s − lag} x[p, t]`` for
every ``s`` (so a dependent is left out with its prerequisite). ``lag`` is
0 for ``dependency: same_year`` (the default, as in the heuristic: a
prerequisite that starts the same year, e.g. a network built in the first
months, is enough), 1 for ``next_year`` and the prerequisite's duration for
``after_end``.

**Objective** (plan.yaml ``roadmap.objective``). ``early`` (default):
maximise ``Σ w_k · discount^(s − first)`` — value delivered early. ``level``:
first maximise ``Σ score_k`` over the programs scheduled, then, keeping that,
minimise the highest share ``U`` of its ceiling any year uses (spending_y ≤
U · ceiling_y), with small weights on raising the lowest share ``L`` (1 %)
and on value delivered early (0.1 %) to choose among equally level
schedules; it counts as optimal within :data:`LEVEL_ABS_GAP` (half a
percentage point of a ceiling). With
``inherit_urgency`` (default) ``w_k`` is the highest score among ``k`` and
every program depending on it, directly or not: a prerequisite is worth as
much as what waits for it, so it is never pushed later than its dependents
want (without it a cheap intranet may wait while the command centre that
needs it is ready).

**Solver.** HiGHS (``highspy``, MIT, one wheel with no dependency beyond
numpy) rather than ``scipy.optimize.milp``, which runs the same HiGHS but
brings scipy (tens of MB) and no warm start: the heuristic's schedule is
handed to HiGHS as its first incumbent, so the exact result is never worse.
It runs single-threaded with a fixed seed: the same plan gives the same
schedule. A proven optimum (relative tolerance 10⁻⁷) is reported with gap
0 %; at ``time_limit`` the best schedule found is reported with the solver's
gap, or the heuristic's when the solver found nothing better. Plans above
``exact_limit`` programs (300) go to the heuristic
(:mod:`smartplan.prioritize.roadmap`), as does a machine without highspy.
highspy is imported only here, on ``--schedule``.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from smartplan.i18n import joined, lazy
from smartplan.model import Plan, RoadmapSetup
from smartplan.prioritize.result import (
    CapacityUse,
    Prioritization,
    PrioritizationError,
    Roadmap,
    ScheduledProgram,
    UnscheduledProgram,
    YearAmount,
    YearBudget,
)
from smartplan.text import rupiah

OBJECTIVES = ("early", "level")
DEPENDENCIES = ("same_year", "next_year", "after_end")
SOLVERS = ("auto", "exact", "heuristic")
#: Relative optimality tolerance given to HiGHS (reported as a 0 % gap).
MIP_REL_GAP = 1e-7
#: Weight of value-delivered-early in the level objective (a tie-break).
LEVEL_TIE_WEIGHT = 1e-3
#: The level objective counts as optimal within this spread (0.5 percentage
#: points of a ceiling): finer evenness is not worth minutes of search.
LEVEL_ABS_GAP = 0.005
#: Weight of the lowest year's share in the level objective: the peak share
#: ``U`` is what is minimised (its bound closes fast); raising the floor ``L``
#: only breaks ties.
LEVEL_FLOOR_WEIGHT = 0.01

# A resource is a tuple naming what it limits:
#   ("total", year) | ("source", source, year) | ("agency-rp", agency, year)
#   | ("agency-n", agency, year)
Resource = tuple[Any, ...]


@dataclass(slots=True)
class _Item:
    id: str
    rank: int
    score: float
    planned_start: int
    planned_end: int
    fixed: bool
    quick_win: bool
    agency: str
    deps: tuple[str, ...]
    options: tuple[int, ...]
    reason: str | None
    profile: tuple[tuple[int, int], ...]  # (offset, amount)
    lines: tuple[tuple[int, int, str], ...]  # (offset, amount, source)
    weight: float = 0.0
    lag: int = 0  # how many years after its start a dependent may start
    use: dict[int, dict[Resource, int]] = field(default_factory=dict)  # start -> usage

    @property
    def duration(self) -> int:
        return self.planned_end - self.planned_start + 1


@dataclass(slots=True)
class _Model:
    first: int
    last: int
    discount: float
    setup: RoadmapSetup
    items: dict[str, _Item]
    caps: dict[Resource, int]
    agency_names: dict[str, str]
    warnings: list[str]

    def dependents(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for item in self.items.values():
            for dep in item.deps:
                out.setdefault(dep, []).append(item.id)
        return out

    def value(self, item: _Item, start: int, weighted: bool = False) -> float:
        return (item.weight if weighted else item.score) * self.discount ** (start - self.first)

    def objective(self, starts: Mapping[str, int], weighted: bool = False) -> float:
        return math.fsum(self.value(self.items[i], s, weighted) for i, s in starts.items())

    @property
    def extras(self) -> bool:
        """Constraints the heuristic does not know: its schedule must be repaired."""
        return self.setup.dependency != "same_year" or any(r[0] != "total" for r in self.caps)


def _check_setup(setup: RoadmapSetup) -> None:
    if setup.objective not in OBJECTIVES:
        raise PrioritizationError(
            lazy("roadmap.objective must be one of %(value)s", value=", ".join(OBJECTIVES))
        )
    if setup.dependency not in DEPENDENCIES:
        raise PrioritizationError(
            lazy("roadmap.dependency must be one of %(value)s", value=", ".join(DEPENDENCIES))
        )
    if setup.solver not in SOLVERS:
        raise PrioritizationError(
            lazy("roadmap.solver must be one of %(value)s", value=", ".join(SOLVERS))
        )
    if not 0 < setup.discount <= 1:
        raise PrioritizationError(
            lazy("discount must be in (0, 1], not %(discount)s", discount=setup.discount)
        )
    if setup.node_limit < 1:
        raise PrioritizationError(
            lazy("roadmap.node_limit must be ≥ 1, not %(node_limit)s", node_limit=setup.node_limit)
        )
    if not setup.time_limit > 0:
        raise PrioritizationError(
            lazy("roadmap.time_limit must be > 0, not %(time_limit)s", time_limit=setup.time_limit)
        )


def _on_cycle(deps: Mapping[str, Sequence[str]]) -> set[str]:
    """Ids on a dependency cycle: those that can reach themselves."""
    # Kahn's peeling (O(programs + dependencies)) leaves the cycles and
    # everything depending on them ...
    waiting = {node: sum(1 for d in deps[node] if d in deps) for node in deps}
    users: dict[str, list[str]] = {}
    for node in deps:
        for d in deps[node]:
            if d in deps:
                users.setdefault(d, []).append(node)
    ready = [node for node, count in waiting.items() if count == 0]
    remaining = set(deps)
    while ready:
        node = ready.pop()
        remaining.discard(node)
        for user in users.get(node, ()):
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    # ... of which only the nodes that reach themselves are on a cycle.
    cyclic: set[str] = set()
    for node in sorted(remaining):
        seen: set[str] = set()
        stack = [d for d in deps[node] if d in remaining]
        while stack:
            other = stack.pop()
            if other == node:
                cyclic.add(node)
                break
            if other not in seen:
                seen.add(other)
                stack.extend(d for d in deps[other] if d in remaining)
    return cyclic


def _build(plan: Plan, ranking: Prioritization, setup: RoadmapSetup) -> _Model:
    info = plan.info
    assert info is not None
    first, last = info.period_start, info.period_end
    years = set(info.years)
    warnings: list[str] = []
    items: dict[str, _Item] = {}
    for entry in ranking.programs:
        program = plan.programs.get(entry.id)
        if program is None:
            continue
        unknown = [d for d in program.depends_on if d not in plan.programs]
        if unknown:
            warnings.append(
                lazy(
                    "%(id)s depends on unknown program(s) %(value)s; ignored",
                    id=program.id,
                    value=", ".join(unknown),
                )
            )
        per_offset: dict[int, int] = {}
        lines: dict[tuple[int, str], int] = {}
        for line in program.budget:
            offset = line.year - program.start
            per_offset[offset] = per_offset.get(offset, 0) + line.amount
            lines[offset, line.source] = lines.get((offset, line.source), 0) + line.amount
        duration = program.end - program.start + 1
        reason = None
        if program.fixed:
            options: tuple[int, ...] = (program.start,)
        elif program.quick_win:
            options = (first,)
            if duration > last - first + 1:
                reason = lazy(
                    "runs %(duration)s years, longer than the plan period", duration=duration
                )
        else:
            options = tuple(range(first, last - duration + 2))
            if not options:
                reason = lazy(
                    "runs %(duration)s years, longer than the plan period %(first)s–%(last)s",
                    duration=duration,
                    first=first,
                    last=last,
                )
        items[program.id] = _Item(
            id=program.id,
            rank=entry.rank,
            score=entry.score,
            planned_start=program.start,
            planned_end=program.end,
            fixed=program.fixed,
            quick_win=program.quick_win,
            agency=program.lead_agency,
            deps=tuple(d for d in program.depends_on if d in plan.programs and d != program.id),
            options=options,
            reason=reason,
            profile=tuple(sorted(per_offset.items())),
            lines=tuple(sorted((o, a, s) for (o, s), a in lines.items())),
        )
    for job_id in _on_cycle({i: it.deps for i, it in items.items()}):
        items[job_id].reason = lazy("it is on a dependency cycle")
    for item in items.values():
        item.lag = {"same_year": 0, "next_year": 1}.get(setup.dependency, item.duration)

    caps: dict[Resource, int] = {}
    for y in info.years:
        if y in info.budget_ceilings:
            caps["total", y] = info.budget_ceilings[y]
    if not info.budget_ceilings:
        warnings.append(lazy("the plan sets no budget_ceilings; every year is unlimited"))
    else:
        open_years = [y for y in info.years if y not in info.budget_ceilings]
        if open_years:
            warnings.append(
                lazy(
                    "no budget ceiling for %(years)s; unlimited",
                    years=", ".join(map(str, open_years)),
                )
            )
    for source, per_year in sorted(info.source_ceilings.items()):
        for y, cap in sorted(per_year.items()):
            if y in years:
                caps["source", source, y] = cap
    agency_names: dict[str, str] = {}
    for agency in plan.agencies.values():
        agency_names[agency.id] = agency.short
        for y in info.years:
            if agency.capacity_rupiah is not None:
                caps["agency-rp", agency.id, y] = agency.capacity_rupiah
            if agency.capacity_programs is not None:
                caps["agency-n", agency.id, y] = agency.capacity_programs

    # Urgency flows from dependents to prerequisites (in reverse topological order).
    model = _Model(first, last, setup.discount, setup, items, caps, agency_names, warnings)
    dependents = model.dependents()
    memo: dict[str, float] = {}

    def urgency(node: str) -> float:
        """The highest score among ``node`` and what depends on it (post-order walk)."""
        stack = [(node, iter(dependents.get(node, ())))]
        on_path = {node}
        while stack:
            current, pending = stack[-1]
            child = next(
                (
                    d
                    for d in pending
                    if d not in memo and d not in on_path and items[d].reason is None
                ),
                None,
            )
            if child is None:
                stack.pop()
                on_path.discard(current)
                memo[current] = max(
                    [items[current].score]
                    + [
                        memo[d]
                        for d in dependents.get(current, ())
                        if d in memo and items[d].reason is None
                    ]
                )
            else:
                on_path.add(child)
                stack.append((child, iter(dependents.get(child, ()))))
        return memo[node]

    for item in items.values():
        item.weight = urgency(item.id) if setup.inherit_urgency else item.score
        for s in item.options:
            item.use[s] = _usage(item, s, caps)
    return model


def _usage(item: _Item, start: int, caps: Mapping[Resource, int]) -> dict[Resource, int]:
    """What ``item`` takes of each limited resource if it starts in ``start``."""
    use: dict[Resource, int] = {}
    for offset, amount, source in item.lines:
        y = start + offset
        for key in (("total", y), ("source", source, y), ("agency-rp", item.agency, y)):
            if key in caps and amount:
                use[key] = use.get(key, 0) + amount
    for y in range(start, start + item.duration):
        key = ("agency-n", item.agency, y)
        if key in caps:
            use[key] = 1
    return use


# --------------------------------------------------------------------------
# feasibility, shared by the greedy repair and the explanations


def _blocks(
    model: _Model,
    item: _Item,
    start: int,
    starts: Mapping[str, int],
    used: Mapping[Resource, int],
    dependents: Mapping[str, Sequence[str]],
) -> list[tuple[str, str]]:
    """Why ``item`` cannot start in ``start`` with everything else as it is.

    Each entry is (short reason, long reason). ``used`` must not include the
    item itself.
    """
    out: list[tuple[str, str]] = []
    for dep in item.deps:
        if dep not in starts:
            out.append((lazy("its prerequisite %(missing)s is not scheduled", missing=dep),) * 2)
        elif start < starts[dep] + model.items[dep].lag:
            text = lazy(
                "its prerequisite %(dep)s starts in %(starts)s", dep=dep, starts=starts[dep]
            )
            out.append((text, text))
    for other in dependents.get(item.id, ()):
        if other in starts and starts[other] < start + item.lag:
            text = lazy(
                "%(other)s, which depends on it, starts in %(starts)s",
                other=other,
                starts=starts[other],
            )
            out.append((text, text))
    for key, need in sorted(item.use.get(start, {}).items(), key=_resource_order):
        cap = model.caps[key]
        have = used.get(key, 0)
        if have + need > cap:
            out.append(_resource_words(model, key, need, cap, have))
    return out


def _resource_order(pair: tuple[Resource, int]) -> tuple[int, int, str]:
    key = pair[0]
    kinds = ("total", "source", "agency-rp", "agency-n")
    return (key[-1], kinds.index(key[0]), str(key[1]) if len(key) > 2 else "")


def _resource_words(
    model: _Model, key: Resource, need: int, cap: int, have: int
) -> tuple[str, str]:
    left = max(0, cap - have)
    if key[0] == "total":
        y = key[1]
        return (
            lazy("%(y)s ceiling full", y=y),
            lazy(
                "the %(y)s ceiling has %(left)s left of the %(need)s it needs that year (short by "
                "%(value)s)",
                y=y,
                left=rupiah(left),
                need=rupiah(need),
                value=rupiah(have + need - cap),
            ),
        )
    if key[0] == "source":
        _, source, y = key
        return (
            lazy("%(y)s %(source)s ceiling full", y=y, source=source),
            lazy(
                "the %(y)s %(source)s ceiling has %(left)s left of the %(need)s it needs that year "
                "(short by %(value)s)",
                y=y,
                source=source,
                left=rupiah(left),
                need=rupiah(need),
                value=rupiah(have + need - cap),
            ),
        )
    name = model.agency_names.get(key[1], key[1])
    y = key[2]
    if key[0] == "agency-rp":
        return (
            lazy("%(name)s's %(y)s capacity full", name=name, y=y),
            lazy(
                "%(name)s's %(y)s capacity of %(cap)s has %(left)s left of the %(need)s it needs",
                name=name,
                y=y,
                cap=rupiah(cap),
                left=rupiah(left),
                need=rupiah(need),
            ),
        )
    return (
        lazy("%(name)s already runs %(have)s programs in %(y)s", name=name, have=have, y=y),
        lazy(
            "%(name)s already runs %(have)s programs in %(y)s (capacity %(cap)s a year)",
            name=name,
            have=have,
            y=y,
            cap=cap,
        ),
    )


def _usage_of(model: _Model, starts: Mapping[str, int]) -> dict[Resource, int]:
    used: dict[Resource, int] = {}
    for job_id, s in starts.items():
        for key, amount in model.items[job_id].use[s].items():
            used[key] = used.get(key, 0) + amount
    return used


def _without(used: Mapping[Resource, int], item: _Item, start: int | None) -> dict[Resource, int]:
    out = dict(used)
    if start is not None:
        for key, amount in item.use[start].items():
            out[key] -= amount
    return out


def _greedy(model: _Model, seed: Mapping[str, int]) -> dict[str, int]:
    """A schedule meeting every constraint, close to ``seed``.

    Programs go in the order of their seed start (left-out ones last), then
    rank, each after its prerequisites, at the earliest start that fits.
    Used when the heuristic's schedule does not know a constraint (agency
    capacity, source ceilings, a dependency lag).
    """
    items = model.items
    order = sorted(items.values(), key=lambda i: (seed.get(i.id, model.last + 1), i.rank))
    starts: dict[str, int] = {}
    used: dict[Resource, int] = {}
    visited: set[str] = set()
    dependents: dict[str, list[str]] = {}

    def place(item: _Item) -> None:
        if item.reason is not None or any(d not in starts for d in item.deps):
            return
        for s in item.options:
            if not _blocks(model, item, s, starts, used, dependents):
                starts[item.id] = s
                for key, amount in item.use[s].items():
                    used[key] = used.get(key, 0) + amount
                return

    for root in order:
        stack: list[tuple[str, bool]] = [(root.id, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                place(items[node])
                continue
            if node in visited:
                continue
            visited.add(node)
            stack.append((node, True))
            stack.extend((d, False) for d in reversed(items[node].deps) if d not in visited)
    return starts


def _feasible(model: _Model, starts: Mapping[str, int]) -> bool:
    used = _usage_of(model, starts)
    if any(used[k] > model.caps[k] for k in used):
        return False
    for job_id, s in starts.items():
        item = model.items[job_id]
        if s not in item.options or item.reason is not None:
            return False
        for dep in item.deps:
            if dep not in starts or s < starts[dep] + model.items[dep].lag:
                return False
    return True


# --------------------------------------------------------------------------
# the MILP


@dataclass(slots=True)
class _Solution:
    starts: dict[str, int]
    status: str  # "optimal" | "time limit" | "no solution"
    objective: float  # of the solver's own objective
    bound: float
    gap: float
    nodes: int = 0  # branch-and-bound nodes, summed over the phases


@contextmanager
def _quiet_stdout() -> Iterator[None]:
    """HiGHS prints a banner from C++ when created: keep it off our stdout."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        yield
        return
    sys.stdout.flush()
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
        yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def _solve(
    model: _Model, seed: Mapping[str, int] | None, time_limit: float, node_limit: int
) -> _Solution:
    """Solve the MILP (both phases for ``level``); see the module docstring."""
    import highspy
    import numpy as np

    items = [it for it in model.items.values() if it.reason is None]
    cols: list[tuple[str, int]] = [(it.id, s) for it in items for s in it.options]
    index = {c: j for j, c in enumerate(cols)}
    rows: list[tuple[float, float, list[int], list[float]]] = []
    inf = highspy.kHighsInf
    for it in items:
        if len(it.options) > 1:
            idx = [index[it.id, s] for s in it.options]
            rows.append((-inf, 1.0, idx, [1.0] * len(idx)))
    for it in items:
        for dep in it.deps:
            pre = model.items[dep]
            for s in it.options:
                idx = [index[it.id, s]]
                val = [1.0]
                if pre.reason is None:
                    for t in pre.options:
                        if t + pre.lag <= s:
                            idx.append(index[dep, t])
                            val.append(-1.0)
                rows.append((-inf, 0.0, idx, val))
    by_resource: dict[Resource, tuple[list[int], list[float]]] = {}
    for j, (job_id, s) in enumerate(cols):
        for key, amount in model.items[job_id].use[s].items():
            idx, val = by_resource.setdefault(key, ([], []))
            idx.append(j)
            val.append(float(amount))
    for key in sorted(by_resource, key=lambda k: tuple(map(str, k))):
        idx, val = by_resource[key]
        if sum(val) > model.caps[key]:  # a row that can never bind is left out
            rows.append((-inf, float(model.caps[key]), idx, val))
    n = len(cols)

    def new_highs() -> Any:
        with _quiet_stdout():
            h = highspy.Highs()  # type: ignore[no-untyped-call]  # highspy ships no stubs for it
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_rel_gap", MIP_REL_GAP)
        h.setOptionValue("mip_abs_gap", 1e-9)
        return h

    def load(h: Any, extra_cols: int, cost: list[float], extra_rows: list[Any]) -> None:
        ncol = n + extra_cols
        lower = np.zeros(ncol)
        upper = np.ones(ncol)
        h.addVars(ncol, lower, upper)
        h.changeColsIntegrality(
            n,
            np.arange(n, dtype=np.int32),
            np.full(n, highspy.HighsVarType.kInteger.value, np.uint8),
        )
        h.changeColsCost(ncol, np.arange(ncol, dtype=np.int32), np.array(cost, dtype=float))
        all_rows = rows + extra_rows
        if all_rows:
            starts_: list[int] = []
            indices: list[int] = []
            values: list[float] = []
            for _, _, idx, val in all_rows:
                starts_.append(len(indices))
                indices.extend(idx)
                values.extend(val)
            h.addRows(
                len(all_rows),
                np.array([r[0] for r in all_rows], dtype=float),
                np.array([r[1] for r in all_rows], dtype=float),
                len(indices),
                np.array(starts_, dtype=np.int32),
                np.array(indices, dtype=np.int32),
                np.array(values, dtype=float),
            )

    def warm(h: Any, start: Mapping[str, int] | None, extra: Sequence[float] = ()) -> None:
        if not start:
            return
        vec = [0.0] * n + list(extra)
        for job_id, s in start.items():
            if (job_id, s) in index:
                vec[index[job_id, s]] = 1.0
        h.setSolution(len(vec), np.arange(len(vec), dtype=np.int32), np.array(vec, dtype=float))

    nodes = 0
    began = time.perf_counter()

    def attempt(
        cost: list[float],
        extra_cols: int,
        extra_rows: list[Any],
        maximise: bool,
        start: Mapping[str, int] | None,
        start_extra: Sequence[float] = (),
        abs_gap: float | None = None,
    ) -> tuple[str, dict[str, int], float, float, float]:
        """One HiGHS run; (status, starts, objective, bound, gap)."""
        nonlocal nodes
        h = new_highs()
        if abs_gap is not None:
            h.setOptionValue("mip_rel_gap", 0.0)
            h.setOptionValue("mip_abs_gap", abs_gap)
        load(h, extra_cols, cost, extra_rows)
        h.changeObjectiveSense(
            highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        )
        warm(h, start, start_extra)
        h.setOptionValue("time_limit", max(0.01, time_limit - (time.perf_counter() - began)))
        # a node limit stops the search at the same point on every machine
        h.setOptionValue("mip_max_nodes", max(1, node_limit - nodes))
        h.run()
        status = h.getModelStatus()
        info = h.getInfo()
        nodes += max(0, int(info.mip_node_count))
        if status == highspy.HighsModelStatus.kOptimal:
            label = "optimal"
        elif info.primal_solution_status < 2:  # no feasible incumbent
            return "no solution", {}, 0.0, 0.0, 1.0
        elif status == highspy.HighsModelStatus.kTimeLimit:
            label = "time limit"
        else:
            label = "node limit"
        x = list(h.getSolution().col_value)
        objective = float(info.objective_function_value)
        # HiGHS (1.16) can return the warm start instead of the better schedule
        # its presolve found (objective and solution then disagree): solve again
        # without the warm start.
        if start and abs(math.fsum(c * v for c, v in zip(cost, x, strict=False)) - objective) > (
            1e-6 * max(1.0, abs(objective))
        ):
            return attempt(cost, extra_cols, extra_rows, maximise, None, (), abs_gap)
        chosen = {cols[j][0]: cols[j][1] for j in range(n) if x[j] > 0.5}
        gap = 0.0 if label == "optimal" else max(0.0, float(info.mip_gap))
        return label, chosen, objective, float(info.mip_dual_bound), gap

    if model.setup.objective == "early" or not any(k[0] == "total" for k in model.caps):
        cost = [model.value(model.items[i], s, weighted=True) for i, s in cols]
        label, chosen, obj, bound, gap = attempt(cost, 0, [], True, seed)
        return _Solution(chosen, label, obj, bound, gap, nodes)

    # level, phase 1: the most score that fits
    score_cost = [model.items[i].score for i, _ in cols]
    label1, chosen1, obj1, _, gap1 = attempt(score_cost, 0, [], True, seed)
    if label1 == "no solution":
        return _Solution({}, label1, 0.0, 0.0, 1.0, nodes)
    # phase 2: keep that score, even out the years with a ceiling
    years = sorted(k for k in model.caps if k[0] == "total")
    u, low = n, n + 1
    extra_rows: list[Any] = [(obj1 - 1e-6 * max(1.0, abs(obj1)), inf, list(range(n)), score_cost)]
    for key in years:
        idx, val = by_resource.get(key, ([], []))
        cap = float(model.caps[key])
        if cap <= 0:
            continue
        scaled = [v / cap for v in val]
        extra_rows.append((-inf, 0.0, [*idx, u], [*scaled, -1.0]))
        extra_rows.append((0.0, inf, [*idx, low], [*scaled, -1.0]))
    total_weight = math.fsum(it.weight for it in items) or 1.0
    cost = [
        -LEVEL_TIE_WEIGHT * model.value(model.items[i], s, weighted=True) / total_weight
        for i, s in cols
    ] + [1.0, -LEVEL_FLOOR_WEIGHT]
    used = _usage_of(model, chosen1)
    shares = [used.get(k, 0) / model.caps[k] for k in years if model.caps[k] > 0]
    label2, chosen2, obj2, bound2, _ = attempt(
        cost,
        2,
        extra_rows,
        False,
        chosen1,
        [max(shares, default=0.0), min(shares, default=0.0)],
        abs_gap=LEVEL_ABS_GAP,
    )
    if label2 == "no solution":
        return _Solution(chosen1, "time limit", obj1, obj1, max(gap1, 1.0), nodes)
    labels = {label1, label2}
    status = (
        "optimal"
        if labels == {"optimal"}
        else "time limit"
        if "time limit" in labels
        else "node limit"
    )
    # the level objective is near 0: the absolute gap, in shares of a ceiling
    gap = 0.0 if status == "optimal" else max(gap1, abs(obj2 - bound2))
    return _Solution(chosen2, status, obj2, bound2, gap, nodes)


# --------------------------------------------------------------------------
# explanations


def _move_reason(
    model: _Model,
    item: _Item,
    start: int,
    starts: Mapping[str, int],
    used: Mapping[Resource, int],
    dependents: Mapping[str, Sequence[str]],
    proven: bool,
) -> str:
    """Why a scheduled program starts where it does: '' when on its planned start.

    ``proven``: the schedule is the solver's; otherwise a heuristic's, which
    may leave a program later than it could start.
    """
    planned = item.planned_start
    if start == planned:
        return ""
    if item.quick_win and not item.fixed:
        return lazy("a quick win starts in the plan's first year")
    if planned not in item.options:
        return lazy(
            "its planned years %(planned_start)s–%(planned_end)s lie outside the plan period "
            "%(first)s–%(last)s",
            planned_start=item.planned_start,
            planned_end=item.planned_end,
            first=model.first,
            last=model.last,
        )
    others = _without(used, item, start)
    if start > planned:
        # every year it could have started in before, and what stood in the way
        shorts: list[str] = []
        for t in item.options:
            if planned <= t < start:
                blocks = _blocks(model, item, t, starts, others, dependents)
                if not blocks:
                    shorts = []
                    break
                if blocks[0][0] not in shorts:
                    shorts.append(blocks[0][0])
        if shorts:
            return joined("; ", shorts)
    else:
        blocks = _blocks(model, item, planned, starts, others, dependents)
        if blocks:
            return lazy(
                "its planned start %(planned)s no longer fits: %(blocks)s",
                planned=planned,
                blocks=joined("; ", [s for s, _ in blocks[:2]]),
            )
    if model.setup.objective == "level":
        return lazy("evens out the yearly use of the ceilings")
    if start < planned:
        waiting = [d for d in dependents.get(item.id, ()) if d in starts]
        if model.setup.inherit_urgency and waiting and item.weight > item.score:
            lead = max(waiting, key=lambda d: (model.items[d].weight, d))
            return lazy("earlier start delivers value sooner; %(lead)s depends on it", lead=lead)
        return lazy("earlier start delivers value sooner")
    if not proven:
        return lazy("it would also fit in %(planned)s; the heuristic left it here", planned=planned)
    return lazy("no earlier start gives more value")


def _left_out_reason(
    model: _Model,
    item: _Item,
    starts: Mapping[str, int],
    used: Mapping[Resource, int],
    dependents: Mapping[str, Sequence[str]],
) -> str:
    if item.reason is not None:
        return item.reason
    missing = [d for d in item.deps if d not in starts]
    if missing:
        return lazy("its prerequisite %(missing)s is not scheduled", missing=missing[0])
    best: tuple[int, int, list[tuple[str, str]]] | None = None
    for s in item.options:
        blocks = _blocks(model, item, s, starts, used, dependents)
        if best is None or len(blocks) < best[0]:
            best = (len(blocks), s, blocks)
    assert best is not None
    _, s, blocks = best
    if not blocks:
        return lazy("it would fit starting in %(s)s, but the search did not place it", s=s)
    what = joined("; ", [long for _, long in blocks[:2]])
    if item.fixed:
        return lazy(
            "fixed to %(planned_start)s–%(planned_end)s, but %(what)s",
            planned_start=item.planned_start,
            planned_end=item.planned_end,
            what=what,
        )
    if item.quick_win:
        return lazy("a quick win must start in the first year, but %(what)s", what=what)
    if len(item.options) == 1:
        return lazy("it can only start in %(s)s, and %(what)s", s=s, what=what)
    return lazy(
        "no start year from %(options)s to %(options2)s fits; at best (start %(s)s) %(what)s",
        options=item.options[0],
        options2=item.options[-1],
        s=s,
        what=what,
    )


# --------------------------------------------------------------------------
# the roadmap


def _roadmap(
    model: _Model,
    plan: Plan,
    starts: Mapping[str, int],
    *,
    method: str,
    solver: str,
    status: str,
    gap: float | None,
    solver_objective: float | None,
    solver_bound: float | None,
    warnings: Sequence[str],
) -> Roadmap:
    info = plan.info
    assert info is not None
    dependents = model.dependents()
    used = _usage_of(model, starts)
    spent: dict[int, int] = {}
    for job_id, s in starts.items():
        for offset, amount in model.items[job_id].profile:
            spent[s + offset] = spent.get(s + offset, 0) + amount
    scheduled = []
    for item in sorted(model.items.values(), key=lambda i: (starts.get(i.id, 0), i.rank)):
        if item.id not in starts:
            continue
        s = starts[item.id]
        shift = s - item.planned_start
        scheduled.append(
            ScheduledProgram(
                id=item.id,
                rank=item.rank,
                score=item.score,
                planned_start=item.planned_start,
                planned_end=item.planned_end,
                start=s,
                end=item.planned_end + shift,
                shift=shift,
                value=model.value(item, s),
                fixed=item.fixed,
                quick_win=item.quick_win,
                budget=tuple(YearAmount(s + o, a) for o, a in item.profile),
                reason=_move_reason(model, item, s, starts, used, dependents, solver == "highs"),
            )
        )
    unscheduled = tuple(
        UnscheduledProgram(
            item.id, item.rank, item.score, _left_out_reason(model, item, starts, used, dependents)
        )
        for item in sorted(model.items.values(), key=lambda i: i.rank)
        if item.id not in starts
    )
    caps = {y: info.budget_ceilings.get(y) for y in info.years}
    years = tuple(
        YearBudget(
            y,
            caps[y],
            spent.get(y, 0),
            None if caps[y] is None else caps[y] - spent.get(y, 0),  # type: ignore[operator]
        )
        for y in info.years
    )
    capacity = tuple(
        CapacityUse(
            kind=key[0],
            name=str(key[1]),
            year=key[2],
            limit=model.caps[key],
            used=used.get(key, 0),
        )
        for key in sorted(
            (k for k in model.caps if k[0] != "total"), key=lambda k: (k[0], str(k[1]), k[2])
        )
    )
    return Roadmap(
        first_year=model.first,
        last_year=model.last,
        discount=model.discount,
        method=method,
        objective=model.objective(starts),
        upper_bound=math.fsum(i.score for i in model.items.values()),
        years=years,
        scheduled=tuple(scheduled),
        unscheduled=unscheduled,
        warnings=tuple(warnings),
        solver=solver,
        status=status,
        gap=gap,
        objective_mode=model.setup.objective,
        dependency=model.setup.dependency,
        solver_objective=solver_objective,
        solver_bound=solver_bound,
        capacity=capacity,
    )


def plan_roadmap(
    plan: Plan,
    ranking: Prioritization | None = None,
    *,
    setup: RoadmapSetup | None = None,
) -> Roadmap:
    """The roadmap ``prioritize --schedule`` shows: exact where it can be, else heuristic.

    ``setup`` overrides plan.yaml's ``roadmap`` settings. The exact solver
    runs when ``solver`` is ``exact``, or ``auto`` and the plan has at most
    ``exact_limit`` programs; the heuristic's schedule (repaired for
    constraints it does not know) is its warm start and its fallback.
    """
    from smartplan.prioritize.roadmap import schedule

    if plan.info is None:
        raise PrioritizationError(lazy("the plan has no plan.yaml to schedule against"))
    setup = setup if setup is not None else plan.info.roadmap
    _check_setup(setup)
    if ranking is None:
        from smartplan.prioritize import prioritize

        ranking = prioritize(plan)
    model = _build(plan, ranking, setup)
    warnings = list(model.warnings)
    heuristic = schedule(plan, ranking, discount=setup.discount)
    seed = {s.id: s.start for s in heuristic.scheduled}
    method = f"heuristic: {heuristic.method}"
    if model.extras and not _feasible(model, seed):
        seed = _greedy(model, seed)
        method += ", then placed again for capacity and dependency lags"
    use_exact = setup.solver == "exact" or (
        setup.solver == "auto" and len(model.items) <= setup.exact_limit
    )
    if use_exact:
        try:
            import highspy  # noqa: F401
        except ImportError:
            warnings.append(
                lazy("highspy is not installed; the heuristic ran instead of the exact solver")
            )
            use_exact = False
    if not use_exact:
        if setup.objective == "level":
            warnings.append(
                lazy(
                    "the heuristic maximises value delivered early; 'level' needs the exact solver"
                )
            )
        if setup.solver == "auto" and len(model.items) > setup.exact_limit:
            warnings.append(
                lazy(
                    "%(n_items)s programs, more than exact_limit %(exact_limit)s: the heuristic "
                    "ran",
                    n_items=len(model.items),
                    exact_limit=setup.exact_limit,
                )
            )
        return _roadmap(
            model,
            plan,
            seed,
            method=method,
            solver="heuristic",
            status="heuristic",
            gap=None,
            solver_objective=None,
            solver_bound=None,
            warnings=warnings,
        )
    solution = _solve(model, seed, setup.time_limit, setup.node_limit)
    worse = (
        solution.status != "optimal"
        and setup.objective == "early"
        and model.objective(solution.starts, weighted=True)
        < model.objective(seed, weighted=True) - 1e-9
    )
    if solution.status == "no solution" or worse or not _feasible(model, solution.starts):
        warnings.append(
            lazy(
                "the exact solver found no better schedule than the heuristic's within its limits "
                "(%(time_limit)s s, %(node_limit)s nodes); the heuristic's is shown",
                time_limit=f"{setup.time_limit:g}",
                node_limit=f"{setup.node_limit:,}",
            )
        )
        return _roadmap(
            model,
            plan,
            seed,
            method=method,
            solver="heuristic",
            status="heuristic",
            gap=None,
            solver_objective=None,
            solver_bound=None,
            warnings=warnings,
        )
    if solution.status == "time limit":
        warnings.append(
            lazy(
                "the exact solver stopped at its time limit (%(time_limit)s s) before its node "
                "limit (%(node_limit)s); the best schedule found is shown with its gap, and on a "
                "slower or busier machine it may differ",
                time_limit=f"{setup.time_limit:g}",
                node_limit=f"{setup.node_limit:,}",
            )
        )
    elif solution.status == "node limit":
        warnings.append(
            lazy(
                "the exact solver stopped at its node limit (%(node_limit)s); the best schedule "
                "found is shown with its gap",
                node_limit=f"{setup.node_limit:,}",
            )
        )
    return _roadmap(
        model,
        plan,
        solution.starts,
        method="exact: mixed-integer program (HiGHS)",
        solver="highs",
        status=solution.status,
        gap=solution.gap,
        solver_objective=solution.objective,
        solver_bound=solution.bound,
        warnings=warnings,
    )
