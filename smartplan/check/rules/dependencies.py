"""Dependencies form no cycle, and nothing starts before what it needs."""

from __future__ import annotations

from collections.abc import Iterator

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import Hit, rule


def find_cycles(graph: dict[str, tuple[str, ...]]) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, as a closed path.

    Iterative (no recursion limit), linear in nodes and edges: every strongly
    connected group reports one cycle through its smallest id.
    """
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(graph, white)
    cycles: list[list[str]] = []
    seen_members: set[str] = set()
    for start in sorted(graph):
        if colour[start] != white:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = [start]
        colour[start] = grey
        while stack:
            node, index = stack[-1]
            # self-dependencies are R003's to report, not a one-program cycle
            targets = [t for t in graph.get(node, ()) if t in graph and t != node]
            if index < len(targets):
                stack[-1] = (node, index + 1)
                nxt = targets[index]
                if colour[nxt] == white:
                    colour[nxt] = grey
                    stack.append((nxt, 0))
                    path.append(nxt)
                elif colour[nxt] == grey:
                    cycle = path[path.index(nxt) :]
                    if not seen_members.intersection(cycle):
                        seen_members.update(cycle)
                        cycles.append([*cycle, nxt])
            else:
                colour[node] = black
                stack.pop()
                path.pop()
    return cycles


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
            "dependency cycle: " + " → ".join(cycle),
            "remove one of these dependencies",
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
                    f"starts in {program.start}, before {dep} which it depends on starts "
                    f"in {other.start}",
                    f"start in {other.start} or later",
                )
