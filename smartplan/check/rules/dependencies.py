"""Dependencies form no cycle, and nothing starts before what it needs."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.graph import find_cycles
from smartplan.i18n import lazy
from smartplan.problem import Hit


@rule("D001", "dependencies.cycle")
def cycles(ctx: PlanContext) -> Iterator[Hit]:
    """
    Programs depend on each other in a circle.

    A cycle means none of them can start first. The message shows the whole
    path, and the problem is reported on the first program of the cycle.

    Failing:

        # eco-pasar-digital.yaml
        depends_on: [eco-qris-pasar]
        # eco-qris-pasar.yaml
        depends_on: [eco-pasar-digital]

    Passing:

        # eco-pasar-digital.yaml
        depends_on: []
        # eco-qris-pasar.yaml
        depends_on: [eco-pasar-digital]
    """
    graph = {p.id: p.depends_on for p in ctx.programs}
    for cycle in find_cycles(graph):
        first = ctx.plan.programs[cycle[0]]
        index = first.depends_on.index(cycle[1])
        yield Hit(
            first.source.file,
            f"/depends_on/{index}",
            lazy("dependency cycle: %(cycle)s", cycle=" → ".join(cycle)),
            lazy("remove one of these dependencies"),
        )


@rule("D002", "dependencies.start-order")
def start_order(ctx: PlanContext) -> Iterator[Hit]:
    """
    A program starts before a program it depends on.

    Failing:

        # eco-qris-pasar.yaml: years {start: 2024, end: 2026}
        depends_on: [eco-pasar-digital]   # which starts in 2025

    Passing:

        # eco-qris-pasar.yaml: years {start: 2025, end: 2027}
        depends_on: [eco-pasar-digital]   # which starts in 2025
    """
    programs = ctx.plan.programs
    for program in ctx.programs:
        for index, dep in enumerate(program.depends_on):
            other = programs.get(dep)
            if other is not None and other.id != program.id and program.start < other.start:
                yield Hit(
                    program.source.file,
                    f"/depends_on/{index}",
                    lazy(
                        "starts in %(start)s, before %(dep)s which it depends on starts in "
                        "%(start2)s",
                        start=program.start,
                        dep=dep,
                        start2=other.start,
                    ),
                    lazy("start in %(start)s or later", start=other.start),
                )
