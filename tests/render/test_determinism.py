"""The same plan renders byte-identical files: twice in one process, and across hash seeds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from smartplan.render import RenderedDocument
from tests.render.conftest import KOTIM, ROOT, Prepared


def test_rendering_twice_is_identical(
    kotim: Prepared, kotim_docs: dict[str, dict[str, RenderedDocument]]
) -> None:
    again = kotim.render("id")
    assert again["md"].text == kotim_docs["id"]["md"].text
    assert again["html"].text == kotim_docs["id"]["html"].text


def _render_in_subprocess(out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    env.pop("SMARTPLAN_UPDATE_GOLDEN", None)
    completed = subprocess.run(
        [sys.executable, "-m", "smartplan", "render", str(KOTIM), "--lang", "en",
         "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_identical_across_hash_seeds(
    tmp_path: Path, kotim_docs: dict[str, dict[str, RenderedDocument]]
) -> None:
    first = _render_in_subprocess(tmp_path / "a", "0")
    second = _render_in_subprocess(tmp_path / "b", "4242")
    assert sorted(first) == ["masterplan-en.html", "masterplan-en.md"]
    assert first == second
    # ... and the same as this process rendered, whatever its seed
    assert first["masterplan-en.md"] == kotim_docs["en"]["md"].text.encode("utf-8")
    assert first["masterplan-en.html"] == kotim_docs["en"]["html"].text.encode("utf-8")
