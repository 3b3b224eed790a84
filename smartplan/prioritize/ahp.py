"""The Analytic Hierarchy Process: weights from a pairwise comparison matrix.

A planner compares criteria two at a time on Saaty's 1–9 scale: ``a_ij = 3``
reads "criterion *i* is moderately more important than criterion *j*", and a
reciprocal matrix holds ``a_ji = 1/a_ij``. The weights are the principal
(Perron) eigenvector of the matrix, normalised to sum 1; the consistency ratio
``CR = CI / RI`` with ``CI = (λmax − n)/(n − 1)`` says how far the judgements
are from a perfectly consistent set (``a_ij·a_jk = a_ik``). Saaty accepts
``CR ≤ 0.10``.

References
----------
* T. L. Saaty, *The Analytic Hierarchy Process*, McGraw-Hill, 1980 (the
  method and the classic random-index table).
* R. W. Saaty, "The analytic hierarchy process — what it is and how it is
  used", *Mathematical Modelling* 9(3–5):161–176, 1987.
* H. A. Donegan and F. J. Dodd, "A note on Saaty's random indexes",
  *Mathematical and Computer Modelling* 15(10):135–137, 1991 (the second
  random-index table).
* P. T. Harker, "Incomplete pairwise comparisons in the analytic hierarchy
  process", *Mathematical Modelling* 9(11):837–848, 1987 (the completion of
  missing judgements used here).

Pure Python; no numpy. Matrices are at most 15 × 15 (the random-index tables
stop there), so plain lists are fast enough.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

from smartplan.domain import MAX_CONSISTENCY_RATIO, RI_TABLES
from smartplan.i18n import lazy
from smartplan.model import format_judgement

__all__ = [
    "SAATY_MAX",
    "SAATY_MIN",
    "AhpResult",
    "DisconnectedMatrixError",
    "InvalidMatrixError",
    "MatrixIssue",
    "analyse",
    "check_matrix",
    "inconsistent_judgements",
]

#: Saaty's fundamental scale runs from 1/9 to 9.
SAATY_MAX = 9.0
SAATY_MIN = 1.0 / 9.0

#: Power iteration stops when no weight moves more than this, relative to itself.
_EIGEN_TOLERANCE = 1e-12
_MAX_ITERATIONS = 100_000


@dataclass(frozen=True)
class MatrixIssue:
    """Something wrong with one entry of a comparison matrix.

    ``row`` and ``col`` are 0-based. ``warning`` is true for issues that do
    not stop the computation (a judgement outside Saaty's 1/9..9 scale); the
    caller decides whether to report them as warnings or errors.
    """

    row: int
    col: int
    message: str
    warning: bool = False


class InvalidMatrixError(ValueError):
    """The matrix cannot be analysed; ``issues`` lists what is wrong."""

    def __init__(self, message: str, issues: Sequence[MatrixIssue] = ()) -> None:
        super().__init__(message)
        self.issues: tuple[MatrixIssue, ...] = tuple(issues)


class DisconnectedMatrixError(ValueError):
    """Missing judgements split the criteria into groups never compared.

    ``groups`` holds the 0-based criterion indices of each connected group,
    largest first (ties by first index).
    """

    def __init__(self, message: str, groups: Sequence[Sequence[int]]) -> None:
        super().__init__(message)
        self.groups: tuple[tuple[int, ...], ...] = tuple(tuple(g) for g in groups)


@dataclass(frozen=True)
class AhpResult:
    """The outcome of :func:`analyse`.

    ``completed`` lists the positions ``(i, j)`` (both ``(i, j)`` and
    ``(j, i)``, sorted) that had no judgement and were filled in with
    ``w_i / w_j``; ``matrix`` is the completed matrix the figures come from.
    """

    weights: tuple[float, ...]
    lambda_max: float
    ci: float
    cr: float
    ri: float
    ri_table: str
    n: int
    completed: tuple[tuple[int, int], ...]
    method: str
    matrix: tuple[tuple[float, ...], ...]

    @property
    def consistent(self) -> bool:
        """Whether the consistency ratio is acceptable (CR ≤ 0.10)."""
        return self.cr <= MAX_CONSISTENCY_RATIO


def _is_number(value: object) -> bool:
    """A real number (numpy scalars included), not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def check_matrix(
    matrix: Sequence[Sequence[float | None]], tolerance: float = 0.01
) -> list[MatrixIssue]:
    """List what is wrong with a pairwise comparison matrix.

    Checks, in order: every row has ``n`` entries (``n`` = number of rows;
    the issue sits at the row's first missing or extra column and nothing
    further is checked); the diagonal is 1; entries are positive finite
    numbers; ``a_ji = 1/a_ij`` within ``tolerance`` relative to 1 (reported at
    the lower-triangle entry); judgements lie in Saaty's 1/9..9 scale (issues
    with ``warning=True``, reported once per pair).

    ``None`` marks a missing judgement off the diagonal. It is not an issue:
    when its mirror is given it is read as the reciprocal, and when both
    ``a_ij`` and ``a_ji`` are missing :func:`analyse` completes the pair.
    """
    issues: list[MatrixIssue] = []
    n = len(matrix)
    for i, row in enumerate(matrix):
        if len(row) != n:
            issues.append(
                MatrixIssue(
                    i,
                    min(len(row), n),
                    lazy(
                        "row %(value)s has %(n_row)s entries, expected %(n)s",
                        value=i + 1,
                        n_row=len(row),
                        n=n,
                    ),
                )
            )
    if issues:
        return issues

    def usable(value: float | None) -> bool:
        return _is_number(value) and math.isfinite(value) and value > 0  # type: ignore[arg-type, operator]  # _is_number(value) narrows at run time

    for i in range(n):
        for j in range(n):
            value = matrix[i][j]
            if i == j:
                if not usable(value) or abs(float(value) - 1.0) > 1e-9:  # type: ignore[arg-type]  # usable() excludes None
                    issues.append(
                        MatrixIssue(
                            i,
                            j,
                            lazy(
                                "diagonal entry (%(value)s,%(value)s) is %(value2)r, must be 1",
                                value=i + 1,
                                value2=value,
                            ),
                        )
                    )
                continue
            if value is None:
                continue
            if not _is_number(value) or not math.isfinite(value):
                issues.append(
                    MatrixIssue(
                        i,
                        j,
                        lazy(
                            "entry (%(value)s,%(value2)s) is not a number: %(value3)r",
                            value=i + 1,
                            value2=j + 1,
                            value3=value,
                        ),
                    )
                )
            elif value <= 0:
                issues.append(
                    MatrixIssue(
                        i,
                        j,
                        lazy(
                            "entry (%(value)s,%(value2)s) is %(value3)s, must be positive",
                            value=i + 1,
                            value2=j + 1,
                            value3=f"{value:g}",
                        ),
                    )
                )

    for i in range(n):
        for j in range(i):
            lower, upper = matrix[i][j], matrix[j][i]
            if not (usable(lower) and usable(upper)):
                continue
            assert lower is not None and upper is not None
            if abs(lower * upper - 1.0) > tolerance:
                issues.append(
                    MatrixIssue(
                        i,
                        j,
                        lazy(
                            "entry (%(value)s,%(value2)s) is %(value3)s but entry "
                            "(%(value2)s,%(value)s) is %(value4)s; it must be the reciprocal, "
                            "%(value5)s",
                            value=i + 1,
                            value2=j + 1,
                            value3=format_judgement(lower),
                            value4=format_judgement(upper),
                            value5=format_judgement(1.0 / upper),
                        ),
                    )
                )

    for i in range(n):
        for j in range(i + 1, n):
            upper, lower = matrix[i][j], matrix[j][i]
            if usable(upper):
                r, c, value = i, j, float(upper)  # type: ignore[arg-type]  # usable() excludes None
            elif usable(lower):
                r, c, value = j, i, float(lower)  # type: ignore[arg-type]  # usable() excludes None
            else:
                continue
            if value > SAATY_MAX * (1 + 1e-9) or value < SAATY_MIN * (1 - 1e-9):
                issues.append(
                    MatrixIssue(
                        r,
                        c,
                        lazy(
                            "entry (%(value)s,%(value2)s) is %(value3)s, outside Saaty's scale "
                            "1/9..9",
                            value=r + 1,
                            value2=c + 1,
                            value3=format_judgement(value),
                        ),
                        warning=True,
                    )
                )
    return issues


def _components(n: int, given: list[list[bool]]) -> list[list[int]]:
    """Connected groups of the comparison graph (edge = judgement given)."""
    seen = [False] * n
    groups: list[list[int]] = []
    for start in range(n):
        if seen[start]:
            continue
        seen[start] = True
        stack, group = [start], []
        while stack:
            node = stack.pop()
            group.append(node)
            for other in range(n):
                if not seen[other] and given[node][other]:
                    seen[other] = True
                    stack.append(other)
        groups.append(sorted(group))
    groups.sort(key=lambda g: (-len(g), g[0]))
    return groups


def _principal_eigenvector(b: list[list[float]]) -> list[float]:
    """Perron eigenvector of a non-negative primitive matrix, summing to 1.

    Power iteration converges like ``|λ2/λ1|^k``, slowly for some completed
    matrices; so the matrix is first squared repeatedly (``B^(2^k)``, scaled
    to avoid overflow), which makes that ratio vanish in a few dozen steps,
    and the row sums of the power start a power iteration that polishes the
    vector until no weight moves more than 1e-12 of itself.
    """
    n = len(b)
    m = [row[:] for row in b]
    w = [1.0 / n] * n
    for _ in range(64):
        sums = [math.fsum(row) for row in m]
        total = math.fsum(sums)
        new = [x / total for x in sums]
        delta = max(abs(x - y) / x for x, y in zip(new, w, strict=True))
        w = new
        if delta < _EIGEN_TOLERANCE:
            break
        m = [[math.fsum(m[i][k] * m[k][j] for k in range(n)) for j in range(n)] for i in range(n)]
        scale = max(max(row) for row in m)
        m = [[x / scale for x in row] for row in m]
    for _ in range(_MAX_ITERATIONS):
        product = [math.fsum(b[i][k] * w[k] for k in range(n)) for i in range(n)]
        total = math.fsum(product)
        new = [x / total for x in product]
        delta = max(abs(x - y) / x for x, y in zip(new, w, strict=True))
        w = new
        if delta < _EIGEN_TOLERANCE:
            break
    return w


def analyse(matrix: Sequence[Sequence[float | None]], ri_table: str = "saaty") -> AhpResult:
    """Weights and consistency of a pairwise comparison matrix.

    Weights are the principal eigenvector found by power iteration until no
    weight moves more than 1e-12 of itself, normalised to sum 1;
    ``λmax = mean((A·w)_i / w_i)``; ``CI = (λmax − n)/(n − 1)`` (never below
    0); ``CR = CI / RI`` with RI from ``ri_table`` (``"saaty"`` or
    ``"donegan-dodd"``, see :data:`smartplan.domain.RI_TABLES`); ``CR = 0``
    for ``n ≤ 2``.

    Missing judgements (``a_ij`` and ``a_ji`` both ``None``) are completed by
    **Harker's method** (P. T. Harker, "Incomplete pairwise comparisons in the
    analytic hierarchy process", *Mathematical Modelling* 9(11):837–848,
    1987): each missing entry becomes 0 and the diagonal entry of its row
    grows by 1 per missing entry; the principal eigenvector ``w`` of that
    matrix is the weight vector, and the missing entries are reported as
    ``w_i / w_j``. The completed matrix has ``w`` as its principal
    eigenvector with the same eigenvalue, so λmax, CI and CR are those of the
    completed matrix (and ``method`` says the completion was used).

    Raises :class:`InvalidMatrixError` (a ``ValueError``) for a malformed
    matrix (see :func:`check_matrix`; out-of-scale warnings do not stop it),
    an unknown ``ri_table`` or ``n > 15``, and
    :class:`DisconnectedMatrixError` when the missing judgements leave
    criteria that are never compared, directly or through others, with the
    rest.
    """
    if ri_table not in RI_TABLES:
        raise InvalidMatrixError(
            lazy(
                "unknown RI table %(ri_table)r; use one of: %(value)s",
                ri_table=ri_table,
                value=", ".join(sorted(RI_TABLES)),
            )
        )
    table = RI_TABLES[ri_table]
    n = len(matrix)
    if n == 0:
        raise InvalidMatrixError(lazy("the comparison matrix is empty"))
    if n > max(table):
        raise InvalidMatrixError(
            lazy(
                "the comparison matrix has %(n)s rows; AHP random indices are tabulated only up to "
                "n = %(value)s: group the criteria into a hierarchy of smaller matrices",
                n=n,
                value=max(table),
            )
        )
    issues = [issue for issue in check_matrix(matrix) if not issue.warning]
    if issues:
        detail = "; ".join(issue.message for issue in issues[:5])
        more = lazy(" (and %(n)d more)", n=len(issues) - 5) if len(issues) > 5 else ""
        raise InvalidMatrixError(
            lazy("invalid comparison matrix: %(detail)s%(more)s", detail=detail, more=more), issues
        )

    a: list[list[float | None]] = [[None if v is None else float(v) for v in row] for row in matrix]
    for i in range(n):
        for j in range(n):
            if a[i][j] is None and a[j][i] is not None:
                a[i][j] = 1.0 / a[j][i]  # type: ignore[operator]  # a[j][i] is tested for None just before
    given = [[i != j and a[i][j] is not None for j in range(n)] for i in range(n)]
    missing = [(i, j) for i in range(n) for j in range(n) if a[i][j] is None]

    if missing:
        groups = _components(n, given)
        if len(groups) > 1:
            described = " | ".join(
                "{" + ", ".join(str(k + 1) for k in group) + "}" for group in groups
            )
            raise DisconnectedMatrixError(
                lazy(
                    "missing judgements leave criteria that are never compared, directly or "
                    "through others: the groups %(described)s (1-based rows) are disconnected; "
                    "give at least one judgement between each pair of groups",
                    described=described,
                ),
                groups,
            )

    b = [[0.0 if a[i][j] is None else float(a[i][j]) for j in range(n)] for i in range(n)]  # type: ignore[arg-type]  # None is tested first
    for i, _ in missing:
        b[i][i] += 1.0
    w = _principal_eigenvector(b)

    completed_matrix = [
        [w[i] / w[j] if a[i][j] is None else float(a[i][j]) for j in range(n)]  # type: ignore[arg-type]  # None is tested first
        for i in range(n)
    ]
    lambda_max = (
        math.fsum(
            math.fsum(completed_matrix[i][k] * w[k] for k in range(n)) / w[i] for i in range(n)
        )
        / n
    )
    ci = max(0.0, (lambda_max - n) / (n - 1)) if n > 1 else 0.0
    ri = float(table[n])
    cr = ci / ri if n > 2 and ri > 0 else 0.0
    return AhpResult(
        weights=tuple(w),
        lambda_max=lambda_max,
        ci=ci,
        cr=cr,
        ri=ri,
        ri_table=ri_table,
        n=n,
        completed=tuple(sorted(missing)),
        method="eigenvector (Harker completion)" if missing else "eigenvector",
        matrix=tuple(tuple(row) for row in completed_matrix),
    )


def inconsistent_judgements(result: AhpResult, top: int = 3) -> list[tuple[int, int, float, float]]:
    """The given judgements that disagree most with the derived weights.

    Returns up to ``top`` tuples ``(i, j, a_ij, w_i / w_j)`` with ``i < j``,
    ordered by ``|log(a_ij · w_j / w_i)|`` descending (ties by position), and
    leaving out completed (missing) judgements, which agree by construction.
    This explains a high CR: "you said 7, the other judgements imply 2.1".
    """
    completed = set(result.completed)
    w = result.weights
    rows: list[tuple[float, int, int, float, float]] = []
    for i in range(result.n):
        for j in range(i + 1, result.n):
            if (i, j) in completed:
                continue
            given = result.matrix[i][j]
            implied = w[i] / w[j]
            rows.append((abs(math.log(given / implied)), i, j, given, implied))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    return [(i, j, given, implied) for _, i, j, given, implied in rows[: max(0, top)]]
