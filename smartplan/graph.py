"""Dependency graphs: the one place that finds cycles in ``depends_on``.

A graph maps a node (a program id) to the nodes it depends on. Both the
consistency rule D001 (which reports each cycle as a path) and the roadmap
scheduler (which leaves programs on a cycle out) read their cycles here, so
the two cannot disagree about what a cycle is. Edges to nodes outside the
graph (unknown programs) are ignored; both searches are iterative, so a long
dependency chain cannot hit Python's recursion limit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["find_cycles", "nodes_on_cycles"]

Graph = Mapping[str, Sequence[str]]


def find_cycles(graph: Graph) -> list[list[str]]:
    """Each elementary cycle found by depth-first search, once, as a closed path.

    The search starts from the nodes in sorted order, and a cycle sharing a
    node with one already found is not reported again, so a tangle of
    dependencies gives one message, not one per loop. Self-dependencies are
    not cycles here (rule R003 reports them). Linear in nodes and edges.
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


def nodes_on_cycles(graph: Graph) -> set[str]:
    """Every node that lies on some cycle (a self-dependency included).

    These are the members of the strongly connected components with more than
    one node, found by an iterative Tarjan search, plus nodes depending on
    themselves. :func:`find_cycles` reports one path per tangle; this names
    every node caught in one.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cyclic: set[str] = set()
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            deps = [d for d in graph[node] if d in graph]
            if i < len(deps):
                work.append((node, i + 1))
                child = deps[i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    cyclic.update(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return cyclic
