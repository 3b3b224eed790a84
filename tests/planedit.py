"""Apply the file edits of a rule case to a copy of a fixture plan."""

from __future__ import annotations

import base64
import shutil
from pathlib import Path
from typing import Any


class CaseError(AssertionError):
    """The case file itself is wrong (an edit that does not apply)."""


def apply_edits(plan: Path, files: dict[str, Any]) -> None:
    """Edit files in ``plan``: write, replace, append, delete, bytes (base64), mkdir."""
    for rel, edit in (files or {}).items():
        path = plan / rel
        if isinstance(edit, str):
            edit = {"write": edit}
        if edit.get("delete"):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        if edit.get("mkdir"):
            path.mkdir(parents=True, exist_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if "bytes" in edit:
            path.write_bytes(base64.b64decode(edit["bytes"]))
            continue
        if "write" in edit:
            path.write_text(edit["write"], encoding="utf-8")
        for old, new in edit.get("replace", []):
            text = path.read_text(encoding="utf-8")
            if old not in text:
                raise CaseError(f"{rel}: text to replace not found: {old!r}")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
        if "append" in edit:
            with path.open("a", encoding="utf-8") as handle:
                handle.write(edit["append"])
