"""Finding the external checkers (vnu, Chromium), and skipping or failing without them.

Locally the vnu and browser tests skip with a reason when Java, vnu.jar or
Chromium are missing. With ``SMARTPLAN_REQUIRE_BROWSER=1`` (CI sets it) a
missing tool fails the test instead, so CI cannot pass without running them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests import tools
from tests.render.conftest import ROOT


def unavailable(reason: str) -> None:
    """Skip the test, or fail it when the browser tools are required."""
    tools.unavailable(reason, "SMARTPLAN_REQUIRE_BROWSER")


def find_vnu_jar() -> Path | None:
    """vnu.jar: $SMARTPLAN_VNU_JAR, ./node_modules, or the global npm folder."""
    explicit = os.environ.get("SMARTPLAN_VNU_JAR")
    candidates = [Path(explicit)] if explicit else []
    candidates.append(ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    npm = shutil.which("npm")
    if npm and not explicit:
        try:
            root = subprocess.run(
                [npm, "root", "-g"], capture_output=True, text=True, timeout=60, check=False
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            root = ""
        if root:
            candidates.append(Path(root) / "vnu-jar" / "build" / "dist" / "vnu.jar")
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    return None
