"""Results as JSON: a mixin for a stable ``to_dict``, and a streaming writer."""

from __future__ import annotations

import json
import math
from dataclasses import fields
from typing import Any, TextIO

from smartplan.io.chunks import batched


def plain(value: Any) -> Any:
    """Turn a result value into plain JSON data (lists, string-keyed dicts, numbers, text).

    Results never hold NaN or infinity; one that does is a bug, and raising
    beats writing a JSON file other tools cannot read.
    """
    if isinstance(value, JsonResult):
        return value.to_dict()
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"a result holds a non-finite number: {value!r}")
    return value


class JsonResult:
    """Mixin: ``to_dict`` from the dataclass fields, in declaration order."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """Stable, JSON-ready representation (field names as keys)."""
        return {f.name: plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]  # a mixin: subclasses are dataclasses


def write_json(document: Any, stream: TextIO) -> None:
    """Write ``document`` to ``stream`` as JSON indented by 2, then a newline.

    The same text as ``json.dumps(document, ensure_ascii=False, indent=2)``,
    written in batches: a prioritisation of 50,000 programs is over 100 MB of
    JSON, which is never held whole.
    """
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2, allow_nan=False)
    for batch in batched(encoder.iterencode(document)):
        stream.write(batch)
    stream.write("\n")
