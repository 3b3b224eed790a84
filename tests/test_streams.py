"""Standard streams and signals: every failure ends in one clear line, never a traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def smartplan(*args: str, env: dict[str, str] | None = None, **kw: object) -> list[str]:
    return [sys.executable, "-m", "smartplan", *args]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_COLOR": "1", **extra}


def _clean(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert "internal error" not in stderr, stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize(
    "args", [["rules"], ["validate", str(MINIMAL)], ["prioritize", str(MINIMAL)]]
)
def test_a_full_disk_on_stdout_is_one_line_and_exit_2(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            smartplan(*args), stdout=full, stderr=subprocess.PIPE, text=True, env=_env(), timeout=60
        )
    assert done.returncode == 2, done.stderr
    assert "cannot write to standard output" in done.stderr
    _clean(done.stderr)


def test_a_closed_stdout_is_one_line_and_exit_2() -> None:
    done = subprocess.run(
        [*smartplan("validate", str(MINIMAL))],
        stdout=None,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
        timeout=60,
        preexec_fn=lambda: os.close(1),
    )
    assert done.returncode == 2
    assert "standard output is closed" in done.stderr
    _clean(done.stderr)


@pytest.mark.parametrize("encoding", ["ascii", "cp1252"])
def test_an_encoding_without_the_symbols_gets_an_ascii_fallback(encoding: str) -> None:
    done = subprocess.run(
        smartplan("validate", str(MINIMAL)),
        capture_output=True,
        env=_env(PYTHONIOENCODING=encoding),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode(encoding)
    assert "ok no problems" in out or "no problems" in out
    assert "✓" not in out and "?" not in out.split("no problems")[0]
    _clean(done.stderr.decode(encoding, "replace"))


def test_a_path_nested_too_deeply_is_one_line(tmp_path: Path) -> None:
    deep = Path(tmp_path, *(["d"] * 1500))
    done = subprocess.run(
        smartplan("render", str(MINIMAL), "-o", str(deep)),
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("smartplan: error:")
    _clean(done.stderr)


def test_sigterm_during_render_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "smartplan.synth", str(tmp_path / "synth"),
         "--programs", "1500", "--seed", "5"],
        check=True, capture_output=True, timeout=180, env=_env(),
    )  # fmt: skip
    out = tmp_path / "out"
    process = subprocess.Popen(
        smartplan("render", str(tmp_path / "synth" / "plan-000"), "-o", str(out)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.exists() and any(p.name.endswith(".tmp") for p in out.iterdir()):
            break
        time.sleep(0.005)
    if process.poll() is not None:
        pytest.skip("the render finished before it could be interrupted")
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 143, stderr
    assert "terminated" in stderr
    _clean(stderr)
    leftovers = [p.name for p in out.iterdir()] if out.exists() else []
    assert leftovers == []
