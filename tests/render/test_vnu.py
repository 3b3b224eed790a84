"""The HTML passes the Nu Html Checker (vnu) with zero errors.

vnu comes from the npm registry (``npm install -g vnu-jar``) and runs on Java.
Skips with a reason when either is missing, unless SMARTPLAN_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from smartplan.render import RenderedDocument
from tests.render.external import find_vnu_jar, unavailable

pytestmark = pytest.mark.slow


def test_html_is_valid(tmp_path: Path, kotim_docs: dict[str, dict[str, RenderedDocument]]) -> None:
    java = shutil.which("java")
    if java is None:
        unavailable("java is not installed (apt-get install default-jre-headless)")
    jar = find_vnu_jar()
    if jar is None:
        unavailable("vnu.jar not found (npm install -g vnu-jar, or set SMARTPLAN_VNU_JAR)")
    files = []
    for lang in ("id", "en"):
        path = tmp_path / f"masterplan-{lang}.html"
        path.write_text(kotim_docs[lang]["html"].text, encoding="utf-8")
        files.append(str(path))
    completed = subprocess.run(
        [str(java), "-jar", str(jar), "--errors-only", "--format", "json", *files],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    # vnu writes its JSON report to stderr
    try:
        messages = json.loads(completed.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu did not run: {completed.stdout}{completed.stderr}")
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m.get('message')}"
        for m in messages
    ]
    assert completed.returncode == 0 and errors == [], "vnu found errors:\n" + "\n".join(errors)
