"""A render killed with SIGKILL leaves every file whole: the old one or the new one.

A synthetic plan of 400 programs (``python -m smartplan.synth``) takes a few
seconds to render. It is rendered once into OUT (the "old" files). Then a copy
with another vision is rendered into OUT again and again, each time killed
with SIGKILL:

* after seeded random delays spread over the whole run (start-up, validation,
  rendering, writing), and
* at the moments that matter most, found by watching OUT: as soon as the
  first temporary file appears, as soon as the first file has been replaced,
  and as soon as the second temporary file appears.

OUT may hold nothing but the two outputs and hidden ``.*.tmp`` leftovers. A
last, complete render gives the "new" files and must remove the leftovers of
the killed runs (the writer cleans temporary files whose process is gone).
After every kill each output name must have held exactly the old bytes or
exactly the new bytes, never a mix or a truncated file.

SMARTPLAN_KILL_SEED changes the seed (printed on failure).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.render.conftest import ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals"),
]

SEED = int(os.environ.get("SMARTPLAN_KILL_SEED", "7"))
PROGRAMS = 400
NAMES = ("masterplan-id.md", "masterplan-id.html")
TIMED_RUNS = 4


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SMARTPLAN_DEBUG", None)
    return env


def _render_command(plan: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "smartplan", "render", str(plan), "--out", str(out)]


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in NAMES}


def _temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@dataclass
class Setup:
    plan: Path  # the changed plan, rendered in every killed run
    out: Path
    old: dict[str, bytes]
    seconds: float  # how long one complete render takes
    seen: list[tuple[str, dict[str, bytes], int]]  # per run: OUT's files, temporary files


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Setup:
    root = tmp_path_factory.mktemp("kill")
    subprocess.run(
        [sys.executable, "-m", "smartplan.synth", str(root / "synth"),
         "--programs", str(PROGRAMS), "--seed", "3"],
        check=True, env=_env(), capture_output=True, timeout=120,
    )  # fmt: skip
    first = root / "synth" / "plan-000"
    changed = root / "changed"
    shutil.copytree(first, changed)
    plan_yaml = changed / "plan.yaml"
    data = yaml.safe_load(plan_yaml.read_text(encoding="utf-8"))
    data["vision"] = "Visi yang diubah setelah render pertama"
    plan_yaml.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = root / "out"
    start = time.monotonic()
    done = subprocess.run(
        _render_command(first, out), env=_env(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return Setup(changed, out, _snapshot(out), time.monotonic() - start, [])


def _reset(setup: Setup) -> None:
    """Put the old files back under their names (leftover temporary files stay)."""
    for name, data in setup.old.items():
        (setup.out / name).unlink()
        (setup.out / name).write_bytes(data)


def _watch_until(condition: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    while process.poll() is None:
        if condition():
            return
        time.sleep(0.0002)


def _check(setup: Setup, label: str) -> None:
    """No stray file under OUT; its outputs are kept to compare with the new render later."""
    others = sorted(
        p.name for p in setup.out.iterdir() if p.name not in NAMES and not p.name.endswith(".tmp")
    )
    assert others == [], f"{label}: unexpected files {others}"
    for temp in _temps(setup.out):
        assert temp.startswith("."), f"{label}: a temporary file that is not hidden: {temp}"
    setup.seen.append((label, _snapshot(setup.out), len(_temps(setup.out))))


def _kill_run(setup: Setup, label: str, trigger: Callable[[subprocess.Popen[bytes]], None]) -> None:
    """Start the render of the changed plan, SIGKILL it when ``trigger`` returns, check OUT."""
    process = subprocess.Popen(
        _render_command(setup.plan, setup.out),
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        trigger(process)
        finished = process.poll() is not None
        if not finished:
            process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=60)
    _check(setup, f"{label} ({'finished before the kill' if finished else 'killed'})")


class _Moment:
    """Conditions on OUT, relative to its state when the run starts."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.known = set(os.listdir(out))
        self.inode = os.stat(out / NAMES[0]).st_ino

    def _new_temps(self, prefix: str = ".") -> bool:
        return any(
            n.startswith(prefix) and n.endswith(".tmp") and n not in self.known
            for n in os.listdir(self.out)
        )

    def first_temp(self) -> bool:
        return self._new_temps()

    def first_replaced(self) -> bool:
        # os.replace gives the name a new inode; the name never goes missing
        return os.stat(self.out / NAMES[0]).st_ino != self.inode

    def second_temp(self) -> bool:
        return self._new_temps(f".{NAMES[1]}.")


def test_sigkill_leaves_old_or_new_files(setup: Setup) -> None:
    rng = random.Random(SEED)
    # spread over the whole run: start-up, validation, rendering, writing
    for i in range(TIMED_RUNS):
        delay = rng.uniform(0.05, 1.05) * setup.seconds
        _reset(setup)
        _kill_run(setup, f"timed #{i} after {delay:.2f}s", lambda p, d=delay: time.sleep(d))
    # the moments that matter, found by watching the output folder
    for label, name in (
        ("at the first temporary file", "first_temp"),
        ("right after the first replace", "first_replaced"),
        ("at the second temporary file", "second_temp"),
    ):
        _reset(setup)
        condition = getattr(_Moment(setup.out), name)
        _kill_run(setup, label, lambda p, c=condition: _watch_until(c, p))

    # a complete render afterwards: it is the reference "new" render, and it
    # removes the temporary files the killed runs left
    leftovers = _temps(setup.out)
    done = subprocess.run(
        _render_command(setup.plan, setup.out),
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(setup.out)) == sorted(NAMES), "stale temporary files were not removed"
    new = _snapshot(setup.out)

    report = []
    for label, files, temps in setup.seen:
        states = []
        for name in NAMES:
            if files[name] == setup.old[name]:
                states.append(f"{name}=old")
            elif files[name] == new[name]:
                states.append(f"{name}=new")
            else:
                pytest.fail(
                    f"{label}, SMARTPLAN_KILL_SEED={SEED}: {name} is neither the old nor the "
                    f"new render ({len(files[name])} bytes; old {len(setup.old[name])}, "
                    f"new {len(new[name])})"
                )
        report.append(f"{label}: {', '.join(states)}; {temps} temporary files")
    assert all(setup.old[name] != new[name] for name in NAMES), "the change must show everywhere"
    # shown with pytest -s: which states the kills produced
    print("\n".join([*report, f"leftovers removed by the complete render: {leftovers}"]))


def test_only_leftovers_of_ended_writers_are_removed(tmp_path: Path) -> None:
    from smartplan.io.atomic import write_atomic

    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        target = tmp_path / "masterplan-id.md"
        names = {
            "ended": f".masterplan-id.md.{ended.pid}.abc123_x.tmp",
            "running": f".masterplan-id.md.{running.pid}.abc123_x.tmp",
            "other file": f".masterplan-id.md.bak.{ended.pid}.abc123_x.tmp",
            "not ours": ".masterplan-id.md.notes.tmp",
        }
        for name in names.values():
            (tmp_path / name).write_bytes(b"partial")
        write_atomic(target, b"complete")
        left = set(os.listdir(tmp_path))
        assert names["ended"] not in left  # its writer is gone: a leftover
        assert names["running"] in left  # its writer may still rename it
        assert names["other file"] in left and names["not ours"] in left
        assert target.read_bytes() == b"complete"
    finally:
        running.kill()
        running.wait()
