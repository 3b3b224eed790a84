"""The roadmap's solver summary, ceiling use and capacity rows (``prioritize --schedule``).

Plain text: the command builds its tables from these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smartplan.i18n import N_, _

if TYPE_CHECKING:
    from smartplan.prioritize import Roadmap

_DEPENDENCY = {
    "same_year": N_("a dependent may start in its prerequisite's first year"),
    "next_year": N_("a dependent starts a year after its prerequisite at the earliest"),
    "after_end": N_("a dependent starts after its prerequisite ends"),
}
_OBJECTIVE = {
    "early": N_("value delivered early"),
    "level": N_("even use of the yearly ceilings"),
}


def share(used: int, limit: int | None) -> str:
    """``used / limit`` as a percentage with one decimal, exact and rounded half up."""
    if limit is None:
        return "—"
    if limit <= 0:
        return "—" if used <= 0 else _("over")
    tenths = (used * 2000 + limit) // (2 * limit)  # round(used / limit · 1000), half up
    return f"{tenths // 10}.{tenths % 10} %"


def solver_line(roadmap: Roadmap) -> str:
    """One line: which solver ran, whether its schedule is proven optimal, and the rules."""
    if roadmap.solver == "highs":
        if roadmap.status == "optimal":
            head = _("Exact (HiGHS mixed-integer program): optimal, gap 0 %")
        else:
            gap = f"{(roadmap.gap or 0.0) * 100:.2f}"
            if roadmap.objective_mode == "level":
                head = _(
                    "Exact (HiGHS mixed-integer program): stopped at its %(status)s, "
                    "best schedule found, gap %(gap)s percentage points"
                )
            else:
                head = _(
                    "Exact (HiGHS mixed-integer program): stopped at its %(status)s, "
                    "best schedule found, gap %(gap)s %%"
                )
            head %= {"status": roadmap.status, "gap": gap}
    else:
        head = _("Heuristic (not proven optimal)")
    objective = _OBJECTIVE.get(roadmap.objective_mode)
    dependency = _DEPENDENCY.get(roadmap.dependency)
    return _("%(solver)s. Objective: %(objective)s; %(dependency)s.") % {
        "solver": head,
        "objective": _(objective) if objective else roadmap.objective_mode,
        "dependency": _(dependency) if dependency else roadmap.dependency,
    }


CAPACITY_COLUMNS = (N_("Limit"), N_("Year"), N_("Allowed"), N_("Roadmap"), N_("Use"))


def capacity_rows(roadmap: Roadmap, fmt: Any) -> list[tuple[str, str, str, str, str]]:
    """The funding-source ceilings and agency capacities, year by year, as table rows."""
    kinds = {
        "source": _("ceiling"),
        "agency-rp": _("rupiah a year"),
        "agency-n": _("programs at once"),
    }
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
