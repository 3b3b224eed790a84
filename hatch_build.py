"""Build hook: refuse to build a wheel whose compiled messages lag behind their catalogs.

The ``.mo`` files are committed (an install needs no Babel to speak
Indonesian); this hook compiles each ``.po`` again, in memory, and fails the
build when the committed ``.mo`` differs, so a wheel never ships translations
older than its source. ``make messages`` brings them up to date.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    """Check smartplan/locale/*/LC_MESSAGES/smartplan.mo against its .po."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        locale = Path(self.root) / "smartplan" / "locale"
        for po in sorted(locale.glob("*/LC_MESSAGES/smartplan.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parts[-3], domain="smartplan")
            compiled = io.BytesIO()
            write_mo(compiled, catalog, use_fuzzy=False)
            mo = po.with_suffix(".mo")
            if not mo.exists() or mo.read_bytes() != compiled.getvalue():
                raise RuntimeError(
                    f"{mo.relative_to(self.root)} is not compiled from its .po: run make messages"
                )
