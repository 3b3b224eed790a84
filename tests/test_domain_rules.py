"""The domain rules kept once in the lowest layer (model.py, graph.py)."""

from __future__ import annotations

import pytest

from smartplan.graph import find_cycles, nodes_on_cycles
from smartplan.model import Plan, check_quick_win, format_judgement
from tests.test_prioritize import prog


@pytest.mark.parametrize(
    ("value", "text"),
    [(3, "3"), (3.0, "3"), (0.2, "1/5"), (1 / 7, "1/7"), (0.4, "0.4"), (2.5, "2.5"),
     (1.130693, "1.13"), (12, "12"), (1000, "1000"), (None, "–")],
)  # fmt: skip
def test_format_judgement_writes_saaty_scale(value: float | None, text: str) -> None:
    assert format_judgement(value) == text


def test_format_judgement_uses_the_given_number_formatter_but_keeps_fractions() -> None:
    comma = lambda v: f"{v:g}".replace(".", ",")  # noqa: E731
    assert format_judgement(2.5, comma) == "2,5"
    assert format_judgement(0.4, comma) == "0,4"
    assert format_judgement(0.25, comma) == "1/4"


def test_quick_win_rule_parts() -> None:
    good = check_quick_win(prog("a", start=2023), 2023)
    assert good.ok and good.within_first_year
    late = check_quick_win(prog("b", start=2024), 2023)
    assert late.one_year and not late.starts_first_year and not late.ok
    long = check_quick_win(prog("c", start=2023, end=2024), 2023)
    assert not long.one_year and long.starts_first_year and not long.within_first_year
    blind = check_quick_win(prog("d", indicators=False), 2023)
    assert blind.within_first_year and not blind.has_indicator and not blind.ok


def test_planned_budget_by_year_sums_every_line_in_year_order() -> None:
    plan = Plan(
        info=None,
        programs={
            "a": prog("a", budget=[(2025, 5), (2023, 1), (2023, 2)]),
            "b": prog("b", budget=[(2024, 10), (2023, 100)]),
        },
    )
    assert plan.programs["a"].budget_by_year() == {2023: 3, 2025: 5}
    assert list(plan.planned_budget_by_year().items()) == [(2023, 103), (2024, 10), (2025, 5)]


def test_cycles_paths_and_members() -> None:
    graph = {"a": ("b",), "b": ("a", "c"), "c": ("b",), "d": ("a",), "e": ("e",), "f": ("x",)}
    assert find_cycles(graph) == [["a", "b", "a"]]  # one path per tangle; self-loops are R003's
    assert nodes_on_cycles(graph) == {"a", "b", "c", "e"}
    assert find_cycles({"a": ("b",), "b": ()}) == []
    assert nodes_on_cycles({"a": ("b",), "b": ()}) == set()


def test_long_chain_does_not_recurse() -> None:
    n = 50_000
    graph = {f"p{i}": (f"p{i + 1}",) for i in range(n)} | {f"p{n}": ("p0",)}
    assert len(find_cycles(graph)[0]) == n + 2
    assert len(nodes_on_cycles(graph)) == n + 1
