"""A roadmap under yearly budget ceilings: each program's start year.

**Objective.** Maximise ``Σ score_k · discount^(start_k − first_year)`` over
the scheduled programs (``discount`` = 0.9 by default): a program counts for
its priority score, 10 % less for each year it waits. Leaving a program out
loses all of its value, delaying it loses a little, so the roadmap prefers
fitting programs in over starting them early.

**Constraints.** A program keeps its duration and its budget profile: every
budget line moves by the same number of years as the start. It must lie
within the plan period, unless ``years.fixed`` pins it to its own years. A
declared quick win starts in the plan's first year. A program starts no
earlier than each of its prerequisites (``depends_on``); when a prerequisite
is not scheduled, neither is the dependent. Each year's spending stays within
``budget_ceilings`` (a year without a ceiling is unlimited; budget lines
outside the plan period are not checked).

**Method.** Heuristic, not exact (the problem is a multi-dimensional
knapsack with precedences, NP-hard). (1) Greedy in four orders — by rank,
by score per rupiah, commitments (fixed programs and quick wins) first, and
cheapest first — keeping the best: each program is placed at the earliest
start year its prerequisites allow and the remaining budget fits;
prerequisites are placed with the program that pulls them forward, and taken
out again when that program does not fit. (2) A repair pass tries each
left-out program again, moving one lower-scored program to another start
year to make room. (3) Within a work budget (:data:`LOCAL_SEARCH_WORK`
program placements, so large plans get proportionally fewer trials and the
cost grows smoothly with size), a local search alternates inserting a
left-out program by ejecting the lowest-value programs in its way and
dropping a low-value program to refill greedily, keeping every change that
raises the objective. Steps (1) and (2) are ``O(M · Y²)`` for ``M``
programs and ``Y`` years plus bounded work (see :data:`REPAIR_LIMIT`,
:data:`BLOCKER_LIMIT`), so 50,000 programs take seconds.

**Gap to the optimum**, measured against an exhaustive search on 6,000
random plans of 6 programs over 4 years (random durations, budgets, tight
ceilings, dependencies, fixed years and quick wins): with the local search
the roadmap reached at least 63 % of the optimal objective in every plan,
99.5 % on average, and the optimum itself in 91 % of them; without it
at least 52 %, 97.5 % on
average. ``tests/test_prioritize_roadmap.py`` asserts ≥ 60 % per plan and
≥ 98 % mean (≥ 50 % and ≥ 95 % without the local search) on a seeded sample.
Re-measured against the exact optimum (:mod:`smartplan.prioritize.exact`) on
the 6,000 plans of seed 20240501: at least 68.5 %, 99.5 % on average, the
optimum in 90.8 % (without the local search 55.1 % and 98.9 %).

``prioritize --schedule`` runs this heuristic only for plans above the exact
solver's limit, as its fallback, and as its warm start.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from smartplan.graph import nodes_on_cycles
from smartplan.i18n import lazy
from smartplan.model import Plan, Program
from smartplan.prioritize.result import (
    Prioritization,
    PrioritizationError,
    Roadmap,
    ScheduledProgram,
    UnscheduledProgram,
    YearAmount,
    YearBudget,
)
from smartplan.text import rupiah

DEFAULT_DISCOUNT = 0.9

#: The repair pass considers at most this many left-out programs ...
REPAIR_LIMIT = 200
#: ... and, for each, at most this many programs to move out of the way.
BLOCKER_LIMIT = 50
#: The local search's work budget, in program placements: each trial (a copy
#: of the schedule and a greedy refill) costs as many as the plan has programs,
#: so a small plan gets every trial it wants and a large one proportionally
#: fewer, and the cost grows smoothly with size instead of stopping at a limit
#: (it once ran on plans up to 400 programs only: 7.3 s at 399, 0.85 s at 401).
LOCAL_SEARCH_WORK = 300_000
#: The local search runs at most this many rounds, each trying this many programs to drop.
IMPROVE_ROUNDS = 10
IMPROVE_CANDIDATES = 30
#: An insertion ejects at most this many programs.
EJECT_LIMIT = 20


@dataclass(slots=True)
class _Job:
    id: str
    rank: int
    score: float
    planned_start: int
    planned_end: int
    fixed: bool
    quick_win: bool
    deps: tuple[str, ...]
    profile: tuple[tuple[int, int], ...]  # (offset from start, amount), per offset
    total: int
    options: tuple[int, ...] = ()
    reason: str | None = None  # set when the job can never be scheduled

    @property
    def duration(self) -> int:
        return self.planned_end - self.planned_start + 1


@dataclass(slots=True)
class _State:
    caps: dict[int, int | None]
    used: dict[int, int] = field(default_factory=dict)
    start: dict[str, int] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    spenders: dict[int, set[str]] = field(default_factory=dict)

    def copy(self) -> _State:
        return _State(
            dict(self.caps),
            dict(self.used),
            dict(self.start),
            dict(self.why),
            {y: set(ids) for y, ids in self.spenders.items()},
        )

    def shortfall(self, job: _Job, start: int) -> tuple[int, int]:
        """(largest overrun, its year) if ``job`` started in ``start``; (0, 0) if it fits."""
        worst, year = 0, 0
        for offset, amount in job.profile:
            y = start + offset
            cap = self.caps.get(y)
            if cap is None:
                continue
            over = self.used.get(y, 0) + amount - cap
            if over > worst:
                worst, year = over, y
        return worst, year

    def fits(self, job: _Job, start: int) -> bool:
        return self.shortfall(job, start)[0] <= 0

    def place(self, job: _Job, start: int) -> None:
        self.start[job.id] = start
        self.why.pop(job.id, None)
        for offset, amount in job.profile:
            y = start + offset
            self.used[y] = self.used.get(y, 0) + amount
            if amount > 0:
                self.spenders.setdefault(y, set()).add(job.id)

    def remove(self, job: _Job) -> int:
        start = self.start.pop(job.id)
        for offset, amount in job.profile:
            y = start + offset
            self.used[y] -= amount
            self.spenders.get(y, set()).discard(job.id)
        return start

    def remove_with_dependents(
        self, job_id: str, jobs: Mapping[str, _Job], dependents: Mapping[str, Sequence[str]]
    ) -> list[str]:
        """Unschedule ``job_id`` and every scheduled job depending on it; their ids."""
        removed: list[str] = []
        stack = [job_id]
        while stack:
            node = stack.pop()
            if node in self.start:
                self.remove(jobs[node])
                removed.append(node)
                stack.extend(dependents.get(node, ()))
        return removed


def _jobs(
    plan: Plan, ranking: Prioritization, first: int, last: int
) -> tuple[dict[str, _Job], list[str]]:
    warnings: list[str] = []
    jobs: dict[str, _Job] = {}
    for item in ranking.programs:
        program: Program | None = plan.programs.get(item.id)
        if program is None:
            continue
        per_offset: dict[int, int] = {}
        for line in program.budget:
            per_offset[line.year - program.start] = (
                per_offset.get(line.year - program.start, 0) + line.amount
            )
        unknown = [d for d in program.depends_on if d not in plan.programs]
        if unknown:
            warnings.append(
                lazy(
                    "%(id)s depends on unknown program(s) %(value)s; ignored",
                    id=program.id,
                    value=", ".join(unknown),
                )
            )
        job = _Job(
            id=program.id,
            rank=item.rank,
            score=item.score,
            planned_start=program.start,
            planned_end=program.end,
            fixed=program.fixed,
            quick_win=program.quick_win,
            deps=tuple(d for d in program.depends_on if d in plan.programs and d != program.id),
            profile=tuple(sorted(per_offset.items())),
            total=program.total_budget,
        )
        if job.fixed:
            job.options = (job.planned_start,)
        elif job.quick_win:
            if job.duration > last - first + 1:
                job.reason = lazy(
                    "runs %(duration)s years, longer than the plan period", duration=job.duration
                )
            job.options = (first,)
        else:
            latest = last - job.duration + 1
            job.options = tuple(range(first, latest + 1))
            if not job.options:
                job.reason = lazy(
                    "runs %(duration)s years, longer than the plan period %(first)s–%(last)s",
                    duration=job.duration,
                    first=first,
                    last=last,
                )
        jobs[job.id] = job
    return jobs, warnings


def _value(score: float, start: int, first: int, discount: float) -> float:
    return score * discount ** (start - first)


def _allowed(job: _Job, state: _State) -> list[int] | None:
    """The start years open to a job now; ``None`` if a prerequisite is unplaced."""
    bound = None
    for dep in job.deps:
        if dep not in state.start:
            return None
        bound = state.start[dep] if bound is None else max(bound, state.start[dep])
    return [s for s in job.options if bound is None or s >= bound]


def _try_place(job: _Job, state: _State) -> None:
    """Place one job at its earliest fitting start, or mark it left out.

    The reason is worded later, against the final roadmap (:func:`_explain`).
    """
    if job.reason is None:
        for start in _allowed(job, state) or ():
            if state.fits(job, start):
                state.place(job, start)
                return
    state.why[job.id] = ""


def _explain(job: _Job, state: _State) -> str:
    """Why a left-out job does not fit into the roadmap ``state``."""
    if job.reason is not None:
        return job.reason
    missing = [d for d in job.deps if d not in state.start]
    if missing:
        return lazy("its prerequisite %(missing)s is not scheduled", missing=missing[0])
    options = _allowed(job, state) or []
    if not options:
        lead = max(job.deps, key=lambda d: (state.start[d], d))
        what = (
            lazy("fixed start")
            if job.fixed
            else lazy("start as a quick win")
            if job.quick_win
            else lazy("start")
        )
        return lazy(
            "its prerequisite %(lead)s starts in %(start)s, after its latest possible %(what)s "
            "%(value)s",
            lead=lead,
            start=state.start[lead],
            what=what,
            value=job.options[-1] if job.options else job.planned_start,
        )
    best: tuple[int, int, int] | None = None
    for start in options:
        over, year = state.shortfall(job, start)
        if best is None or over < best[0]:
            best = (over, year, start)
    assert best is not None
    over, year, start = best
    if over <= 0:  # only when a search limit stopped short
        return lazy(
            "it would fit starting in %(start)s, but the search did not place it", start=start
        )
    cap = state.caps.get(year) or 0
    need = sum(a for o, a in job.profile if start + o == year)
    left = max(0, cap - state.used.get(year, 0))
    if job.fixed:
        head = lazy(
            "fixed to %(planned_start)s–%(planned_end)s, but",
            planned_start=job.planned_start,
            planned_end=job.planned_end,
        )
    elif job.quick_win:
        head = "a quick win must start in the first year, but"
    elif len(options) == 1:
        head = lazy("it can only start in %(start)s, and", start=start)
    else:
        head = lazy(
            "no start year from %(options)s to %(options2)s fits the ceilings; at best (start "
            "%(start)s)",
            options=options[0],
            options2=options[-1],
            start=start,
        )
    return lazy(
        "%(head)s the %(year)s ceiling has %(left)s left of the %(need)s it needs that year (short "
        "by %(over)s)",
        head=head,
        year=year,
        left=rupiah(left),
        need=rupiah(need),
        over=rupiah(over),
    )


def _greedy(order: Sequence[str], jobs: Mapping[str, _Job], state: _State) -> _State:
    """Place jobs in ``order``; each with its unplaced prerequisites first.

    A job and the prerequisites it pulls forward are placed together: when
    the job itself cannot be placed, the prerequisites placed for it are
    taken out again, so they do not hold budget for nothing, and wait for
    their own turn in ``order``.
    """
    done: set[str] = set(state.start) | set(state.why)
    for root in order:
        if root in done:
            continue
        chain: list[str] = []  # prerequisites first, root last
        seen: set[str] = set()
        stack: list[tuple[str, bool]] = [(root, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                chain.append(node)
                continue
            if node in done or node in seen:
                continue
            seen.add(node)
            stack.append((node, True))
            for dep in reversed(jobs[node].deps):
                if dep not in done and dep not in seen:
                    stack.append((dep, False))
        for node in chain:
            done.add(node)
            _try_place(jobs[node], state)
        if root not in state.start:
            for node in chain[:-1]:
                done.discard(node)
                state.why.pop(node, None)
                if node in state.start:
                    state.remove(jobs[node])
    return state


def _settle(state: _State, jobs: Mapping[str, _Job]) -> _State:
    """Place left-out jobs whose prerequisites are all placed now, best rank first.

    Each job is tried once; placing one makes its dependents candidates.
    """
    dependents: dict[str, list[str]] = {}
    heap: list[tuple[int, str]] = []
    for job_id in state.why:
        job = jobs[job_id]
        for dep in job.deps:
            dependents.setdefault(dep, []).append(job_id)
        if job.reason is None and all(d in state.start for d in job.deps):
            heap.append((job.rank, job_id))
    heapq.heapify(heap)
    tried: set[str] = set()
    while heap:
        _, job_id = heapq.heappop(heap)
        if job_id in tried or job_id in state.start:
            continue
        tried.add(job_id)
        _try_place(jobs[job_id], state)
        if job_id in state.start:
            for other in dependents.get(job_id, ()):
                if other not in tried and all(d in state.start for d in jobs[other].deps):
                    heapq.heappush(heap, (jobs[other].rank, other))
    return state


class _Work:
    """What is left of the local search's work budget (see :data:`LOCAL_SEARCH_WORK`)."""

    def __init__(self, units: int, per_trial: int) -> None:
        self.left = units
        self.per_trial = max(1, per_trial)

    def take(self) -> bool:
        """Pay for one trial; False once the budget is spent."""
        if self.left < self.per_trial:
            return False
        self.left -= self.per_trial
        return True


def _improve(
    state: _State,
    jobs: Mapping[str, _Job],
    order: Sequence[str],
    first: int,
    discount: float,
    dependents: Mapping[str, Sequence[str]],
    work: _Work,
) -> _State:
    """Local search: drop one scheduled program, refill greedily, keep if better.

    Each round tries the :data:`IMPROVE_CANDIDATES` scheduled programs of
    lowest value (with their scheduled dependents); the left-out programs
    are placed first, in ``order``, then the dropped ones. Stops after
    :data:`IMPROVE_ROUNDS` rounds or when a round finds nothing better.
    """
    value = _objective(state, jobs, first, discount)
    for _ in range(IMPROVE_ROUNDS):
        if not state.why:
            break
        candidates = sorted(
            state.start,
            key=lambda i: (_value(jobs[i].score, state.start[i], first, discount), -jobs[i].rank),
        )[:IMPROVE_CANDIDATES]
        better: tuple[float, _State] | None = None
        for dropped in candidates:
            if not work.take():
                break
            trial = state.copy()
            removed = trial.remove_with_dependents(dropped, jobs, dependents)
            trial.why = {i: w for i, w in trial.why.items() if jobs[i].reason is not None}
            refill = [i for i in order if i not in trial.start and i not in trial.why]
            refill = [i for i in refill if i not in removed] + removed
            _settle(_greedy(refill, jobs, trial), jobs)
            trial_value = _objective(trial, jobs, first, discount)
            if trial_value > value + 1e-9 and (better is None or trial_value > better[0]):
                better = (trial_value, trial)
        if better is None:
            break
        value, state = better
    return state


def _dependents(jobs: Mapping[str, _Job]) -> dict[str, list[str]]:
    """For each job, the jobs that name it as a prerequisite."""
    dependents: dict[str, list[str]] = {}
    for job in jobs.values():
        for dep in job.deps:
            dependents.setdefault(dep, []).append(job.id)
    return dependents


def _objective(state: _State, jobs: Mapping[str, _Job], first: int, discount: float) -> float:
    return math.fsum(_value(jobs[i].score, s, first, discount) for i, s in state.start.items())


def _repair(
    state: _State,
    jobs: Mapping[str, _Job],
    first: int,
    discount: float,
    dependents: Mapping[str, Sequence[str]],
) -> _State:
    """Fit left-out programs by moving one scheduled program elsewhere.

    For each left-out program (best score first, at most :data:`REPAIR_LIMIT`)
    whose only obstacle is the budget: for each start year it may take and
    each scheduled, movable program spending in the year that overflows
    (lowest score first, at most :data:`BLOCKER_LIMIT`), try
    moving that program to another start year (respecting its prerequisites
    and dependents); keep the first move that fits both and raises the
    objective.
    """
    left_out = sorted(
        (jobs[i] for i in state.why if jobs[i].reason is None),
        key=lambda j: (-j.score, j.rank),
    )[:REPAIR_LIMIT]
    # lowest score first; filtered per year on the fly
    movable = sorted(
        (j for j in jobs.values() if not j.fixed and not j.quick_win and j.reason is None),
        key=lambda j: (j.score, -j.rank),
    )
    for job in left_out:
        if any(d not in state.start for d in job.deps):
            continue
        bound = max((state.start[d] for d in job.deps), default=None)
        options = [s for s in job.options if bound is None or s >= bound]
        done = False
        for start in options:
            over, year = state.shortfall(job, start)
            if over <= 0:
                state.place(job, start)
                done = True
                break
            spending = state.spenders.get(year, set())
            blockers = list(
                itertools.islice((j for j in movable if j.id in spending), BLOCKER_LIMIT)
            )
            for other in blockers:
                old = state.remove(other)
                moved = False
                if state.fits(job, start):
                    reason = state.why[job.id]
                    state.place(job, start)
                    low = max(
                        (state.start[d] for d in other.deps if d in state.start), default=None
                    )
                    high = min(
                        (state.start[d] for d in dependents.get(other.id, ()) if d in state.start),
                        default=None,
                    )
                    for alt in other.options:
                        if alt == old or (low is not None and alt < low):
                            continue
                        if high is not None and alt > high:
                            continue
                        gain = (
                            _value(job.score, start, first, discount)
                            + _value(other.score, alt, first, discount)
                            - _value(other.score, old, first, discount)
                        )
                        if gain > 1e-12 and state.fits(other, alt):
                            state.place(other, alt)
                            moved = True
                            break
                    if not moved:
                        state.remove(job)
                        state.why[job.id] = reason
                if moved:
                    done = True
                    break
                state.place(other, old)
            if done:
                break
    return _settle(state, jobs)


def _eject(
    state: _State,
    jobs: Mapping[str, _Job],
    order: Sequence[str],
    first: int,
    discount: float,
    dependents: Mapping[str, Sequence[str]],
    work: _Work,
) -> _State:
    """Local search: insert a left-out program by ejecting the cheapest in its way.

    For each left-out program whose prerequisites are placed (best score
    first) and each start year it may take: while it does not fit, take out
    the lowest-value program spending in the year that overflows (with its
    scheduled dependents; never one of its own prerequisites, at most
    :data:`EJECT_LIMIT` of them); then place it and put the ejected programs
    back greedily. The first trial that raises the objective is kept.
    """
    value = _objective(state, jobs, first, discount)
    for job in sorted((jobs[i] for i in state.why), key=lambda j: (-j.score, j.rank)):
        if job.id in state.start or job.reason is not None:
            continue
        if any(d not in state.start for d in job.deps):
            continue
        bound = max((state.start[d] for d in job.deps), default=None)
        protected = _ancestors(job.id, jobs)
        for start in job.options:
            if bound is not None and start < bound:
                continue
            if not work.take():
                return state
            trial = state.copy()
            ejected: list[str] = []
            while len(ejected) <= EJECT_LIMIT:
                over, year = trial.shortfall(job, start)
                if over <= 0:
                    break
                spenders = [i for i in trial.spenders.get(year, ()) if i not in protected]
                if not spenders:
                    break
                victim = min(
                    spenders,
                    key=lambda i: (
                        _value(jobs[i].score, trial.start[i], first, discount),
                        -jobs[i].rank,
                    ),
                )
                ejected += trial.remove_with_dependents(victim, jobs, dependents)
            if not trial.fits(job, start):
                continue
            trial.place(job, start)
            for i in ejected:
                trial.why.pop(i, None)
            back = set(ejected)
            refill = [i for i in order if i in back]
            _settle(_greedy(refill, jobs, trial), jobs)
            trial_value = _objective(trial, jobs, first, discount)
            if trial_value > value + 1e-9:
                state, value = trial, trial_value
                break
    return state


def _ancestors(job_id: str, jobs: Mapping[str, _Job]) -> set[str]:
    """The prerequisites of a job, direct and indirect."""
    seen: set[str] = set()
    stack = list(jobs[job_id].deps)
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(jobs[node].deps)
    return seen


def schedule(
    plan: Plan,
    ranking: Prioritization | None = None,
    *,
    discount: float = DEFAULT_DISCOUNT,
    repair: bool = True,
    local_search: bool | None = None,
) -> Roadmap:
    """Choose start years under the plan's budget ceilings (see the module docstring).

    ``ranking`` is the plan's :func:`~smartplan.prioritize.prioritize` result
    (computed when not given); ``discount`` in (0, 1] is the value kept per
    year of delay. ``repair`` and ``local_search`` switch steps (2) and (3)
    of the method; ``local_search=None`` runs it within its work budget.
    Programs that cannot be placed are listed with the reason, worded
    against the final roadmap.
    """
    if plan.info is None:
        raise PrioritizationError(lazy("the plan has no plan.yaml to schedule against"))
    if not 0 < discount <= 1:
        raise PrioritizationError(
            lazy("discount must be in (0, 1], not %(discount)s", discount=discount)
        )
    if ranking is None:
        from smartplan.prioritize import prioritize

        ranking = prioritize(plan)
    info = plan.info
    first, last = info.period_start, info.period_end
    jobs, warnings = _jobs(plan, ranking, first, last)
    caps: dict[int, int | None] = {y: info.budget_ceilings.get(y) for y in info.years}
    if not info.budget_ceilings:
        warnings.append(lazy("the plan sets no budget_ceilings; every year is unlimited"))
    else:
        open_years = [y for y, c in caps.items() if c is None]
        if open_years:
            warnings.append(
                lazy(
                    "no budget ceiling for %(years)s; unlimited",
                    years=", ".join(map(str, open_years)),
                )
            )
    cyclic = nodes_on_cycles({job_id: job.deps for job_id, job in jobs.items()})
    for job_id in sorted(cyclic):
        jobs[job_id].reason = lazy("it is on a dependency cycle")
    dependents = _dependents(jobs)

    def ordered(key: Callable[[_Job], tuple[float | int | str, ...]]) -> list[str]:
        return [j.id for j in sorted(jobs.values(), key=key)]

    def group(job: _Job) -> int:
        return 0 if job.fixed or job.quick_win else 1

    orders = [
        ordered(lambda j: (j.rank,)),
        ordered(lambda j: (-j.score / max(1, j.total), j.rank)),
        ordered(lambda j: (group(j), j.rank)),
        ordered(lambda j: (j.total, j.rank)),
    ]
    best: _State | None = None
    best_value = -1.0
    best_order = orders[0]
    for order in orders:
        state = _settle(_greedy(order, jobs, _State(caps)), jobs)
        if repair:
            state = _repair(state, jobs, first, discount, dependents)
        value = _objective(state, jobs, first, discount)
        if value > best_value + 1e-9:
            best, best_value, best_order = state, value, order
    assert best is not None
    if local_search is None:
        local_search = True
    if local_search:
        work = _Work(LOCAL_SEARCH_WORK, len(jobs))
        for _ in range(IMPROVE_ROUNDS):
            best = _eject(best, jobs, best_order, first, discount, dependents, work)
            best = _improve(best, jobs, best_order, first, discount, dependents, work)
            value = _objective(best, jobs, first, discount)
            if value <= best_value + 1e-9:
                break
            best_value = value

    scheduled = []
    for job in sorted(jobs.values(), key=lambda j: (best.start.get(j.id, 0), j.rank)):
        if job.id not in best.start:
            continue
        start = best.start[job.id]
        shift = start - job.planned_start
        scheduled.append(
            ScheduledProgram(
                id=job.id,
                rank=job.rank,
                score=job.score,
                planned_start=job.planned_start,
                planned_end=job.planned_end,
                start=start,
                end=job.planned_end + shift,
                shift=shift,
                value=_value(job.score, start, first, discount),
                fixed=job.fixed,
                quick_win=job.quick_win,
                budget=tuple(YearAmount(start + o, a) for o, a in job.profile),
            )
        )
    unscheduled = tuple(
        UnscheduledProgram(job.id, job.rank, job.score, _explain(job, best))
        for job in sorted(jobs.values(), key=lambda j: j.rank)
        if job.id not in best.start
    )
    years = tuple(
        YearBudget(
            y,
            caps[y],
            best.used.get(y, 0),
            None if caps[y] is None else caps[y] - best.used.get(y, 0),  # type: ignore[operator]  # caps[y] is tested for None just before
        )
        for y in info.years
    )
    return Roadmap(
        first_year=first,
        last_year=last,
        discount=discount,
        method=" + ".join(
            ["greedy"] + (["repair"] if repair else []) + (["local search"] if local_search else [])
        ),
        objective=best_value,
        upper_bound=math.fsum(j.score for j in jobs.values()),
        years=years,
        scheduled=tuple(scheduled),
        unscheduled=unscheduled,
        warnings=tuple(warnings),
    )
