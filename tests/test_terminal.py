"""Terminal manners, in a real pseudo-terminal 80 columns wide.

Each command runs as a subprocess whose standard output (and, where it
matters, standard error) is a pty whose window is set to 80 × 40, with no
COLUMNS variable: the width comes from the terminal, as for a user.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KOTIM = ROOT / "plans" / "kotim"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _pty(columns: int) -> tuple[int, int]:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    return master, slave


def run(
    *args: str,
    columns: int = 80,
    stdout_tty: bool = True,
    stderr_tty: bool = False,
    **env: str,
) -> tuple[int, str, str]:
    """Run ``smartplan ARGS``; return the exit code, standard output and standard error."""
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    base.update({"PYTHONPATH": str(ROOT), "TERM": "xterm-256color", **env})
    streams: dict[str, tuple[int, int] | None] = {
        "out": _pty(columns) if stdout_tty else None,
        "err": _pty(columns) if stderr_tty else None,
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "smartplan", *args],
        stdin=subprocess.DEVNULL,
        stdout=streams["out"][1] if streams["out"] else subprocess.PIPE,
        stderr=streams["err"][1] if streams["err"] else subprocess.PIPE,
        env=base,
        cwd=ROOT,
    )
    readers: dict[int, str] = {}
    for name, pair in streams.items():
        if pair is not None:
            os.close(pair[1])
            readers[pair[0]] = name
        else:
            pipe = proc.stdout if name == "out" else proc.stderr
            assert pipe is not None
            readers[pipe.fileno()] = name
    data = {"out": b"", "err": b""}
    while readers:
        ready, _, _ = select.select(list(readers), [], [], 60)
        assert ready, "no output for 60 s"
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # a pty reports EIO once the child has closed it
                chunk = b""
            if chunk:
                data[readers[fd]] += chunk
            else:
                del readers[fd]
    code = proc.wait(timeout=60)
    for pair in streams.values():
        if pair is not None:
            os.close(pair[0])
    for pipe in (proc.stdout, proc.stderr):
        if pipe is not None:
            pipe.close()
    decode = {k: v.decode("utf-8", "replace").replace("\r\n", "\n") for k, v in data.items()}
    return code, decode["out"], decode["err"]


def _cells(line: str) -> int:
    return len(ANSI.sub("", line))


def test_ranking_fits_80_columns_without_splitting_an_id_or_a_word() -> None:
    code, out, _ = run("prioritize", str(KOTIM), "--top", "100", "--schedule", "--sensitivity")
    assert code == 0, out
    plain = ANSI.sub("", out)
    assert max(_cells(line) for line in plain.splitlines()) <= 80
    for path in sorted((KOTIM / "programs").rglob("*.yaml")):
        assert path.stem in plain, f"{path.stem} split or missing"
    # every word of a criterion or a pillar is whole
    for word in ("feasibility", "environment", "governance"):
        assert word in plain
    assert "left out at this width" in plain  # columns were dropped, not squeezed


def test_ranking_keeps_every_column_on_a_wide_terminal() -> None:
    code, out, _ = run("prioritize", str(KOTIM), "--top", "5", columns=140)
    assert code == 0
    plain = ANSI.sub("", out)
    assert "Lead agency" in plain and "Pillar" in plain
    assert "left out at this width" not in plain


def test_validate_hints_wrap_indented_under_their_problem(tmp_path: Path) -> None:
    plan = tmp_path / "kotim"
    shutil.copytree(KOTIM, plan)  # copied away: its modelines lead nowhere (F004)
    code, out, _ = run("validate", str(plan))
    assert code == 0
    lines = ANSI.sub("", out).splitlines()
    # only a single token longer than the line (a file path) may pass the edge
    too_long = [line for line in lines if _cells(line) > 80]
    assert all(len(line.split()) <= 2 for line in too_long), too_long
    problem = next(i for i, line in enumerate(lines) if "warning" in line)
    column = lines[problem].index("the editor schema")
    block = lines[problem + 1 : lines.index("", problem)]
    assert len(block) >= 3  # the message and the hint were wrapped
    assert all(line[:column].strip() == "" for line in block)
    hint = next(i for i, line in enumerate(block) if line[column:].startswith("hint: "))
    assert all(line[column] != " " for line in block[:hint])  # the message, under itself
    assert all(line[: column + 6].strip() == "" for line in block[hint + 1 :])  # under the hint
    assert len(block) > hint + 1


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "tests/hostile/../fixtures/minimal"),
        ("prioritize", str(KOTIM), "--top", "3"),
        ("rules",),
        ("rules", "R002"),
    ],
)
@pytest.mark.parametrize("env", [{"TERM": "dumb"}, {"NO_COLOR": "1"}])
def test_no_colour_for_dumb_terminals_or_no_color(args: tuple[str, ...], env: dict) -> None:
    code, out, _ = run(*args, **env)
    assert code == 0, out
    assert not ANSI.search(out.replace("\x1b[?25l", "").replace("\x1b[?25h", "")), out[:300]
    forced = run(*args, "--color", **env)[1]
    assert ANSI.search(forced)  # --color wins over both


@pytest.mark.parametrize("args", [("prioritize", str(KOTIM), "--top", "3"), ("rules",)])
def test_color_flag_on_a_pipe(args: tuple[str, ...]) -> None:
    assert ANSI.search(run(*args, "--color", stdout_tty=False)[1])
    assert not ANSI.search(run(*args, stdout_tty=False)[1])
    assert not ANSI.search(run(*args, "--no-color")[1])


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    subprocess.run(
        [sys.executable, "-m", "smartplan.synth", str(out), "--plans", "1", "--programs", "600"],
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
    )
    return out / "plan-000"


def test_progress_on_a_terminal_silence_otherwise(big_plan: Path) -> None:
    code, out, err = run("validate", str(big_plan), stdout_tty=False, stderr_tty=True)
    assert code == 0, out + err
    assert "checking" in err and "━" in err  # rich's bar, drawn on standard error
    assert "no problems" in out and "━" not in out
    code, out, err = run("validate", str(big_plan), stdout_tty=False, stderr_tty=False)
    assert code == 0 and err == ""
    code, _, err = run("validate", str(big_plan), "--quiet", stderr_tty=True)
    assert code == 0 and "━" not in err
    code, _, err = run("validate", str(big_plan), stderr_tty=True, TERM="dumb")
    assert code == 0 and "━" not in err
    code, _, err = run(
        "render", str(big_plan), "--format", "md", "-o", str(big_plan.parent / "out"),
        stdout_tty=False, stderr_tty=True,
    )  # fmt: skip
    assert code == 0, err
    assert "reading the plan" in err


def test_quiet_prints_only_problems(tmp_path: Path) -> None:
    code, out, _ = run("validate", "tests/fixtures/minimal", "--quiet")
    assert (code, out) == (0, "")
    plan = tmp_path / "kotim"
    shutil.copytree(KOTIM, plan)
    code, out, _ = run("validate", str(plan), "--quiet", "--no-color", columns=200)
    assert code == 0
    assert "F004" in out and "warnings in" not in out
    code, out, _ = run("render", str(plan), "--format", "md", "--quiet")
    assert (code, out) == (0, "")
    assert (plan / "build" / "masterplan-id.md").is_file()


def test_spinner_while_ranking_scheduling_and_rendering(big_plan: Path) -> None:
    """Work with no counts shows a spinner on a terminal's stderr, and is gone at the end."""
    code, out, err = run(
        "render", str(big_plan), "--format", "html", "-o", str(big_plan.parent / "html"),
        stdout_tty=False, stderr_tty=True,
    )  # fmt: skip
    assert code == 0, err
    assert "rendering 600 programs" in err
    # the cursor is shown again and the line cleared: nothing is left on the screen
    assert err.rindex("\x1b[?25h") > err.rindex("rendering 600 programs")
    # the spinner's line is cleared before anything else is written after it
    assert "\x1b[2K" in err[err.rindex("rendering 600 programs") :]
    code, out, err = run(
        "prioritize", str(big_plan), "--schedule", stdout_tty=False, stderr_tty=True
    )
    assert code == 0, err
    assert "scheduling: 600 programs" in err
    assert "scheduling" not in out
    code, out, err = run("prioritize", str(big_plan), "--schedule", stdout_tty=False)
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "tests/fixtures/minimal"],
        ["rules"],
        ["prioritize", "tests/fixtures/minimal"],
        ["render", "tests/fixtures/minimal", "--format", "md", "-o", "{tmp}/out"],
        ["diff", "HEAD", "HEAD", "plans/kotim"],
        ["init", "{tmp}/new", "--region", "Contoh"],
        ["schema"],
    ],
)
@pytest.mark.parametrize("flag", ["--color", "--no-color"])
def test_every_command_takes_the_colour_flags(args: list[str], flag: str, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from smartplan.cli import app

    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = CliRunner().invoke(app, [*argv, flag])
    assert result.exit_code == 0, result.output
    if flag == "--no-color":
        assert not ANSI.search(result.stdout)
    elif args[0] in ("validate", "rules", "prioritize"):
        assert ANSI.search(result.stdout)
