"""The roadmap's solver summary, ceiling use and capacity rows (``prioritize --schedule``).

Plain text: the command builds its tables from these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartplan.prioritize import Roadmap

_DEPENDENCY = {
    "same_year": "a dependent may start in its prerequisite's first year",
    "next_year": "a dependent starts a year after its prerequisite at the earliest",
    "after_end": "a dependent starts after its prerequisite ends",
}
_OBJECTIVE = {
    "early": "value delivered early",
    "level": "even use of the yearly ceilings",
}


def share(used: int, limit: int | None) -> str:
    """``used / limit`` as a percentage with one decimal, exact and rounded half up."""
    if limit is None:
        return "—"
    if limit <= 0:
        return "—" if used <= 0 else "over"
    tenths = (used * 2000 + limit) // (2 * limit)  # round(used / limit · 1000), half up
    return f"{tenths // 10}.{tenths % 10} %"


def solver_line(roadmap: Roadmap) -> str:
    """One line: which solver ran, whether its schedule is proven optimal, and the rules."""
    if roadmap.solver == "highs":
        if roadmap.status == "optimal":
            head = "Exact (HiGHS mixed-integer program): optimal, gap 0 %"
        else:
            gap = roadmap.gap or 0.0
            unit = "percentage points" if roadmap.objective_mode == "level" else "%"
            head = (
                f"Exact (HiGHS mixed-integer program): stopped at its {roadmap.status}, "
                f"best schedule found, gap {gap * 100:.2f} {unit}"
            )
    else:
        head = "Heuristic (not proven optimal)"
    return (
        f"{head}. Objective: {_OBJECTIVE.get(roadmap.objective_mode, roadmap.objective_mode)}; "
        f"{_DEPENDENCY.get(roadmap.dependency, roadmap.dependency)}."
    )


CAPACITY_COLUMNS = ("Limit", "Year", "Allowed", "Roadmap", "Use")


def capacity_rows(roadmap: Roadmap, fmt: Any) -> list[tuple[str, str, str, str, str]]:
    """The funding-source ceilings and agency capacities, year by year, as table rows."""
    kinds = {"source": "ceiling", "agency-rp": "rupiah a year", "agency-n": "programs at once"}
    rows = []
    for item in roadmap.capacity:
        money = item.kind != "agency-n"
        rows.append(
            (
                f"{item.name} {kinds.get(item.kind, item.kind)}",
                str(item.year),
                fmt.rupiah_compact(item.limit) if money else str(item.limit),
                fmt.rupiah_compact(item.used) if money else str(item.used),
                share(item.used, item.limit),
            )
        )
    return rows
