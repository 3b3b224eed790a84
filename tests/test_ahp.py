"""AHP weights, consistency and completion, checked against published figures."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartplan.prioritize.ahp import (
    AhpResult,
    DisconnectedMatrixError,
    InvalidMatrixError,
    MatrixIssue,
    analyse,
    check_matrix,
    inconsistent_judgements,
)

DOMAIN_EXAMPLE = [[1, 3, 5], [1 / 3, 1, 3], [1 / 5, 1 / 3, 1]]

# Saaty's "which house to buy" criteria matrix: size of house, transportation,
# neighbourhood, age of house, yard space, modern facilities, general
# condition, financing.
SAATY_HOUSE = [
    [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
    [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
    [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
    [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
    [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
    [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
    [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
    [4, 7, 5, 8, 6, 6, 2, 1],
]


def consistent_matrix(weights: list[float]) -> list[list[float]]:
    return [[wi / wj for wj in weights] for wi in weights]


def numpy_principal(matrix: list[list[float]]) -> tuple[np.ndarray, float]:
    values, vectors = np.linalg.eig(np.array(matrix, dtype=float))
    k = int(np.argmax(values.real))
    vector = np.abs(vectors[:, k].real)
    return vector / vector.sum(), float(values[k].real)


# --------------------------------------------------------------------------
# Known examples


def test_domain_worked_example() -> None:
    """DOMAIN.md: [[1,3,5],[1/3,1,3],[1/5,1/3,1]] → (0.637, 0.258, 0.105), CR ≈ 0.033."""
    result = analyse(DOMAIN_EXAMPLE)
    assert [round(w, 3) for w in result.weights] == [0.637, 0.258, 0.105]
    assert math.isclose(sum(result.weights), 1.0, abs_tol=1e-12)
    assert result.cr == pytest.approx(0.033, abs=5e-4)
    assert result.ri == 0.58
    assert result.ri_table == "saaty"
    assert result.n == 3
    assert result.method == "eigenvector"
    assert result.completed == ()
    assert result.consistent
    assert result.ci == pytest.approx((result.lambda_max - 3) / 2)


def test_saaty_house_example() -> None:
    """Published example: T. L. Saaty, "How to make a decision: the analytic
    hierarchy process", European Journal of Operational Research 48 (1990)
    9–26, section "Which house to buy", level-2 criteria matrix. Saaty gives
    the priority vector (0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167,
    0.333), λmax = 9.669, C.I. = 0.238 and C.R. = 0.169 (Saaty's RI for
    n = 8 is 1.41).
    """
    result = analyse(SAATY_HOUSE)
    assert [round(w, 3) for w in result.weights] == [
        0.173,
        0.054,
        0.188,
        0.018,
        0.031,
        0.036,
        0.167,
        0.333,
    ]
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.ci == pytest.approx(0.238, abs=5e-4)
    assert result.cr == pytest.approx(0.169, abs=5e-4)
    assert not result.consistent


def test_inconsistent_judgements_explain_house_example() -> None:
    result = analyse(SAATY_HOUSE)
    worst = inconsistent_judgements(result, top=3)
    assert len(worst) == 3
    i, j, given_value, implied = worst[0]
    # neighbourhood vs general condition: judged 6, the weights imply ≈ 1.13
    assert (i, j) == (2, 6)
    assert given_value == 6
    assert implied == pytest.approx(result.weights[2] / result.weights[6])
    deviations = [abs(math.log(a * result.weights[j] / result.weights[i])) for i, j, a, _ in worst]
    assert deviations == sorted(deviations, reverse=True)
    assert all(i < j for i, j, _, _ in worst)


def test_inconsistent_judgements_top_bounds() -> None:
    result = analyse(DOMAIN_EXAMPLE)
    assert len(inconsistent_judgements(result, top=10)) == 3
    assert inconsistent_judgements(result, top=0) == []


def test_consistent_matrix_has_zero_cr() -> None:
    weights = [0.4, 0.25, 0.2, 0.1, 0.05]
    result = analyse(consistent_matrix(weights))
    assert result.cr == pytest.approx(0.0, abs=1e-12)
    assert result.ci == pytest.approx(0.0, abs=1e-12)
    assert result.lambda_max == pytest.approx(5.0, abs=1e-12)
    for got, want in zip(result.weights, weights, strict=True):
        assert got == pytest.approx(want, abs=1e-12)


def test_small_matrices_have_zero_cr() -> None:
    one = analyse([[1]])
    assert one.weights == (1.0,)
    assert one.cr == 0.0
    two = analyse([[1, 3], [1 / 3, 1]])
    assert two.weights[0] == pytest.approx(0.75)
    assert two.cr == 0.0


def test_donegan_dodd_table() -> None:
    saaty = analyse(DOMAIN_EXAMPLE, ri_table="saaty")
    dd = analyse(DOMAIN_EXAMPLE, ri_table="donegan-dodd")
    assert dd.ri_table == "donegan-dodd"
    assert dd.ri == 0.4914
    assert dd.weights == saaty.weights
    assert dd.cr == pytest.approx(saaty.ci / 0.4914)
    four = analyse(
        [[1, 2, 3, 4], [1 / 2, 1, 2, 3], [1 / 3, 1 / 2, 1, 3], [1 / 4, 1 / 3, 1 / 3, 1]],
        ri_table="donegan-dodd",
    )
    assert four.ri == 0.8286


def test_unknown_ri_table_and_too_large() -> None:
    with pytest.raises(ValueError, match="unknown RI table"):
        analyse(DOMAIN_EXAMPLE, ri_table="alonso")
    with pytest.raises(ValueError, match="up to n = 15"):
        analyse(consistent_matrix([1.0] * 16))
    with pytest.raises(ValueError, match="empty"):
        analyse([])


# --------------------------------------------------------------------------
# Independent check against numpy


saaty_value = st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9]).flatmap(
    lambda v: st.sampled_from([float(v), 1.0 / v])
)


@st.composite
def reciprocal_matrices(draw: st.DrawFn) -> list[list[float]]:
    n = draw(st.integers(min_value=3, max_value=9))
    matrix = [[1.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            value = draw(saaty_value)
            matrix[i][j] = value
            matrix[j][i] = 1.0 / value
    return matrix


@settings(max_examples=150, deadline=None)
@given(reciprocal_matrices())
def test_eigenvector_agrees_with_numpy(matrix: list[list[float]]) -> None:
    result = analyse(matrix)
    expected, lambda_max = numpy_principal(matrix)
    assert np.allclose(result.weights, expected, atol=1e-6, rtol=0)
    assert result.lambda_max == pytest.approx(lambda_max, abs=1e-6)
    assert result.lambda_max >= len(matrix) - 1e-9
    assert result.cr >= 0


@settings(max_examples=60, deadline=None)
@given(reciprocal_matrices(), st.data())
def test_harker_weights_are_eigenvector_of_completed_matrix(
    matrix: list[list[float]], data: st.DataObject
) -> None:
    n = len(matrix)
    # drop judgements off a spanning path 0-1-2-...-(n-1), so the graph stays connected
    pairs = [(i, j) for i in range(n) for j in range(i + 2, n)]
    dropped = data.draw(st.lists(st.sampled_from(pairs), unique=True)) if pairs else []
    holed: list[list[float | None]] = [list(row) for row in matrix]
    for i, j in dropped:
        holed[i][j] = None
        holed[j][i] = None
    result = analyse(holed)
    assert len(result.completed) == 2 * len(dropped)
    completed = [list(row) for row in result.matrix]
    expected, lambda_max = numpy_principal(completed)
    assert np.allclose(result.weights, expected, atol=1e-6, rtol=0)
    assert result.lambda_max == pytest.approx(lambda_max, abs=1e-6)
    for i, j in dropped:
        assert result.matrix[i][j] == pytest.approx(result.weights[i] / result.weights[j])


# --------------------------------------------------------------------------
# Missing judgements


def test_harker_completion_recovers_consistent_fill() -> None:
    weights = [0.4, 0.3, 0.2, 0.1]
    full = consistent_matrix(weights)
    holed: list[list[float | None]] = [list(row) for row in full]
    for i, j in [(0, 2), (1, 3), (0, 3)]:
        holed[i][j] = None
        holed[j][i] = None
    result = analyse(holed)
    assert result.method == "eigenvector (Harker completion)"
    assert result.completed == ((0, 2), (0, 3), (1, 3), (2, 0), (3, 0), (3, 1))
    for got, want in zip(result.weights, weights, strict=True):
        assert got == pytest.approx(want, abs=1e-12)
    for i in range(4):
        for j in range(4):
            assert result.matrix[i][j] == pytest.approx(full[i][j], rel=1e-10)
    assert result.cr == pytest.approx(0.0, abs=1e-12)
    # completed entries are not judgements, so they are never blamed
    assert all((i, j) not in result.completed for i, j, _, _ in inconsistent_judgements(result, 10))


def test_one_sided_judgement_is_read_as_reciprocal() -> None:
    result = analyse([[1, 3, 5], [None, 1, 3], [None, None, 1]])
    full = analyse(DOMAIN_EXAMPLE)
    assert result.completed == ()
    assert result.method == "eigenvector"
    assert result.weights == pytest.approx(full.weights, abs=1e-12)
    assert check_matrix([[1, 3, 5], [None, 1, 3], [None, None, 1]]) == []


def test_disconnected_graph_is_refused() -> None:
    matrix: list[list[float | None]] = [
        [1, 2, None, None],
        [0.5, 1, None, None],
        [None, None, 1, 3],
        [None, None, 1 / 3, 1],
    ]
    with pytest.raises(DisconnectedMatrixError) as info:
        analyse(matrix)
    assert info.value.groups == ((0, 1), (2, 3))
    assert "{1, 2}" in str(info.value) and "{3, 4}" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_isolated_criterion_is_refused() -> None:
    matrix: list[list[float | None]] = [
        [1, 2, 4, None],
        [0.5, 1, 2, None],
        [0.25, 0.5, 1, None],
        [None, None, None, 1],
    ]
    with pytest.raises(DisconnectedMatrixError) as info:
        analyse(matrix)
    assert info.value.groups == ((0, 1, 2), (3,))


# --------------------------------------------------------------------------
# check_matrix


def test_check_matrix_accepts_good_matrix() -> None:
    assert check_matrix(DOMAIN_EXAMPLE) == []
    assert check_matrix(SAATY_HOUSE) == []


def test_check_matrix_not_square() -> None:
    issues = check_matrix([[1, 2, 3], [0.5, 1], [1 / 3, 1, 1]])
    assert issues == [MatrixIssue(1, 2, "row 2 has 2 entries, expected 3")]
    issues = check_matrix([[1, 2], [0.5, 1, 7]])
    assert [(i.row, i.col) for i in issues] == [(1, 2)]
    with pytest.raises(InvalidMatrixError) as info:
        analyse([[1, 2], [0.5, 1, 7]])
    assert info.value.issues == tuple(issues)


def test_check_matrix_not_reciprocal() -> None:
    issues = check_matrix([[1, 3, 5], [1 / 3, 1, 3], [1 / 4, 1 / 3, 1]])
    assert [(i.row, i.col) for i in issues] == [(2, 0)]
    assert "reciprocal" in issues[0].message and "1/5" in issues[0].message
    assert not issues[0].warning
    # within the relative tolerance: 0.333 for 1/3 is fine
    assert check_matrix([[1, 3], [0.333, 1]]) == []
    assert check_matrix([[1, 3], [0.3, 1]], tolerance=0.2) == []
    with pytest.raises(ValueError, match="reciprocal"):
        analyse([[1, 3, 5], [1 / 3, 1, 3], [1 / 4, 1 / 3, 1]])


def test_check_matrix_zero_and_negative() -> None:
    issues = check_matrix([[1, 0, 2], [-1, 1, 1], [0.5, 1, 1]])
    positions = {(i.row, i.col) for i in issues}
    assert {(0, 1), (1, 0)} <= positions
    assert all("positive" in i.message for i in issues if (i.row, i.col) in {(0, 1), (1, 0)})
    with pytest.raises(ValueError, match="positive"):
        analyse([[1, 0], [-1, 1]])


def test_check_matrix_diagonal() -> None:
    issues = check_matrix([[2, 3], [1 / 3, 1]])
    assert [(i.row, i.col) for i in issues] == [(0, 0)]
    assert "diagonal" in issues[0].message
    issues = check_matrix([[1, 3], [1 / 3, None]])
    assert [(i.row, i.col) for i in issues] == [(1, 1)]


def test_check_matrix_saaty_range_is_a_warning() -> None:
    issues = check_matrix([[1, 12, 1], [1 / 12, 1, 1], [1, 1, 1]])
    assert len(issues) == 1
    assert issues[0].warning
    assert (issues[0].row, issues[0].col) == (0, 1)
    assert "1/9..9" in issues[0].message
    # a warning does not stop the analysis
    result = analyse([[1, 12, 1], [1 / 12, 1, 1], [1, 1, 1]])
    assert isinstance(result, AhpResult)


def test_check_matrix_missing_is_not_an_issue() -> None:
    assert check_matrix([[1, None, 2], [None, 1, 3], [0.5, 1 / 3, 1]]) == []


def test_result_is_hashable_and_frozen() -> None:
    result = analyse(DOMAIN_EXAMPLE)
    with pytest.raises(AttributeError):
        result.cr = 0.5  # type: ignore[misc]
    assert hash(result) == hash(analyse(DOMAIN_EXAMPLE))
