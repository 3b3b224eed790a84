"""Batched text output: the same text as joining everything at once."""

from __future__ import annotations

import io
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.io.chunks import batched
from smartplan.io.jsonout import write_json


@given(pieces=st.lists(st.text(max_size=8), max_size=40), size=st.integers(1, 30))
def test_batches_join_to_the_same_text(pieces: list[str], size: int) -> None:
    batches = list(batched(pieces, size))
    assert "".join(batches) == "".join(pieces)
    assert all(len(batch) >= size for batch in batches[:-1])
    assert len(batches) <= len(pieces)


def test_batches_are_lazy() -> None:
    def pieces() -> object:
        yield "a" * 10
        raise RuntimeError("the source failed")

    stream = batched(pieces(), 5)  # type: ignore[arg-type]
    assert next(stream) == "a" * 10  # the first batch comes before the failure
    with pytest.raises(RuntimeError):
        next(stream)


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    max_leaves=30,
)


@given(document=JSON)
def test_write_json_is_json_dumps_indented(document: object) -> None:
    out = io.StringIO()
    write_json(document, out)
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_write_json_of_a_large_document() -> None:
    document = {
        "programs": [
            {"id": f"p-{i}", "name": "Pasar – digital", "score": i / 7} for i in range(5000)
        ]
    }
    out = io.StringIO()
    write_json(document, out)
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_write_json_refuses_non_finite_numbers() -> None:
    with pytest.raises(ValueError):
        write_json({"score": math.nan}, io.StringIO())
