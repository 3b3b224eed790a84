"""The hostile input corpus: broken, strange and malicious plans, as data files in cases/.

Each case file edits a copy of ``tests/fixtures/minimal`` and states what the
real command must answer. The runner starts ``python -m smartplan`` in a
subprocess (``validate --format json``, and for some cases ``prioritize`` and
``render`` too) with a timeout and an address-space limit, and asserts:

* the exit code is the stated one (1: problems in the plan, 2: no plan to
  read) — never 0, 70 (internal error) or a signal;
* nothing on stderr looks like a traceback, and a refusal is one clear line
  (``smartplan: error: ...``, optionally followed by its hint);
* with exit 1, ``validate`` prints a JSON list whose problems include every
  expected one (code, file, and line/column/message where given) and, unless
  ``only: false``, no other rule codes than those expected or listed in
  ``also``;
* ``prioritize`` and ``render`` refuse the same plan with the same exit
  code, and ``render`` writes nothing;
* files named in ``absent`` were not created (unsafe tags run nothing).

Case keys (all but ``description`` and ``exit`` optional)::

    description: what the case is about
    files:                  # edits, by path relative to the plan folder
      plan.yaml: {replace: [[old, new]]}      # also write, append, delete,
                                              # bytes (base64), mkdir
      programs/economy/Eco-A.yaml: {copy: programs/economy/eco-pasar-digital.yaml,
                                    replace: [[...]]}
      big.yaml: {build: [{fixture: plan.yaml}, ["[", 10000], "\\n"]}  # generated text
      link.yaml: {symlink: "@OUTSIDE@/secret.yaml"}                # a symbolic link
      pipe.yaml: {fifo: true}      # also socket: true, chmod: 0
    outside: {secret.yaml: "text"} # files beside (not inside) the plan, at @OUTSIDE@
    target: plan.yaml              # run the commands on PLAN/target instead of PLAN
    commands: [validate, prioritize, render]   # default: validate
    base: minimal                  # the fixture plan to start from
    exit: 1
    exits: {render: 2}             # a different exit code for one command
    expect: [{code: Y001, file: plan.yaml, line: 2, column: 1, message: "tab"}]
    stderr: "no plan.yaml"         # exit 2: text the error line contains
    also: [S002]                   # further codes allowed besides the expected ones
    only: false                    # allow any further codes
    absent: ["@TMP@/pwned"]        # paths that must not exist afterwards
    skip_if_root: reason           # root reads chmod 000 files
    multiline_ok: reason           # a message may span lines (a known, reported flaw)
    xfail: "bug: ..."              # a known bug in smartplan (strict)

``@TMP@`` is the case's scratch folder (the plan is ``@TMP@/plan``),
``@OUTSIDE@`` a folder beside the plan.

All selected cases are started on a small thread pool (one worker per core,
2 to 4) the first time one is needed; each command costs about 0.5 s of CPU,
mostly interpreter start-up, so the corpus takes about 45 s on two idle cores.
"""

from __future__ import annotations

import base64
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.planedit import apply_edits

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
ROOT = HERE.parents[1]
FIXTURES = ROOT / "tests" / "fixtures"

#: Wall-clock limit of one command.
TIMEOUT = 20.0
#: Address-space limit of one command (bytes).
MEMORY = 1536 * 1024 * 1024
_BASIC = ("write", "replace", "append", "delete", "bytes", "mkdir")
_EXTRA = ("copy", "build", "symlink", "fifo", "socket", "chmod")


def _load_cases() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CASES.glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            case = yaml.safe_load(handle)
        assert isinstance(case, dict) and "description" in case and "exit" in case, path
        out.append((path.stem, case))
    return out


ALL_CASES = _load_cases()


# --------------------------------------------------------------------------
# Building a case's plan


_REPEAT = re.compile(r"@REPEAT:(.+?):(\d+)@")


def _subst(text: str, scratch: Path) -> str:
    """Expand ``@TMP@``, ``@OUTSIDE@`` and ``@REPEAT:text:count@``."""
    text = text.replace("@OUTSIDE@", str(scratch / "outside")).replace("@TMP@", str(scratch))
    return _REPEAT.sub(lambda m: m.group(1) * int(m.group(2)), text)


def _build(base: str, parts: list[Any]) -> str:
    """Concatenate texts, repeated texts ``[text, count]`` and ``{fixture: rel}`` files."""
    chunks = []
    for part in parts:
        if isinstance(part, str):
            chunks.append(part)
        elif isinstance(part, list):
            text, count = part
            chunks.append(text * int(count))
        elif isinstance(part, dict) and "fixture" in part:
            chunks.append((FIXTURES / base / part["fixture"]).read_text(encoding="utf-8"))
        else:
            raise AssertionError(f"unknown build part {part!r}")
    return "".join(chunks)


def prepare(case: dict[str, Any], scratch: Path) -> tuple[Path, list[socket.socket]]:
    """Copy the base plan into ``scratch/plan`` and apply the case's edits."""
    plan = scratch / "plan"
    shutil.copytree(FIXTURES / case.get("base", "minimal"), plan, symlinks=True)
    outside = scratch / "outside"
    outside.mkdir()
    for rel, text in (case.get("outside") or {}).items():
        target = outside / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_subst(text, scratch), encoding="utf-8")
    sockets: list[socket.socket] = []
    for rel, edit in (case.get("files") or {}).items():
        path = plan / rel
        if isinstance(edit, str):
            edit = {"write": edit}
        unknown = set(edit) - set(_BASIC) - set(_EXTRA)
        assert not unknown, f"{rel}: unknown edit keys {unknown}"
        if edit.get("delete") and len(edit) > 1:  # delete, then create something else
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            edit = {k: v for k, v in edit.items() if k != "delete"}
        if "copy" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(plan / edit["copy"], path)
        if "build" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_build(case.get("base", "minimal"), edit["build"]), encoding="utf-8")
        basic = {k: v for k, v in edit.items() if k in _BASIC}
        for key in ("write", "append"):
            if key in basic:
                basic[key] = _subst(basic[key], scratch)
        if "replace" in basic:
            basic["replace"] = [[old, _subst(new, scratch)] for old, new in basic["replace"]]
        if "bytes" in basic:  # tolerate line breaks in long base64 blocks
            basic["bytes"] = base64.b64encode(base64.b64decode("".join(basic["bytes"].split())))
        if basic:
            apply_edits(plan, {rel: basic})
        if "symlink" in edit:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() or path.is_symlink():
                path.unlink()
            path.symlink_to(_subst(edit["symlink"], scratch))
        if edit.get("fifo"):
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                path.unlink()
            os.mkfifo(path)
        if edit.get("socket"):
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                path.unlink()
            server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            server.bind(str(path))
            server.listen(1)
            sockets.append(server)
        if "chmod" in edit:
            path.chmod(int(edit["chmod"]))
    return plan, sockets


# --------------------------------------------------------------------------
# Running the real command


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@dataclass
class Run:
    command: str
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    out_files: list[str] = field(default_factory=list)


#: The environment of the runs, taken once at import: runs start from pool
#: threads, and iterating os.environ there races with pytest setting
#: PYTEST_CURRENT_TEST in the main thread ("dictionary changed size").
_BASE_ENV = {
    k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SMARTPLAN_", "PYTEST_"))
}


def run_command(command: str, plan_arg: Path, scratch: Path) -> Run:
    args = [sys.executable, "-m", "smartplan", command]
    out_dir = scratch / "out"
    if command == "validate":
        args += ["--format", "json"]
    elif command == "prioritize":
        args += ["--format", "json", "--schedule", "--sensitivity"]
    elif command == "render":
        args += ["--out", str(out_dir), "--format", "all"]
    args.append(str(plan_arg))
    env = dict(_BASE_ENV)
    env.update(NO_COLOR="1", PYTHONPATH=str(ROOT), COLUMNS="200")
    # compiled modules are cached outside the checkout, shared by the cases
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(scratch.parent / "pycache")
    started = time.monotonic()
    try:
        proc = subprocess.run(
            args,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT,
            preexec_fn=_limits,
            stdin=subprocess.DEVNULL,
            cwd=scratch,
            env=env,
        )
        code, stdout, stderr = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code = None
        stdout = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        stderr = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else ""
    seconds = time.monotonic() - started
    written = sorted(p.name for p in out_dir.iterdir()) if out_dir.is_dir() else []
    return Run(command, code, stdout, stderr, seconds, written)


@dataclass
class Outcome:
    scratch: Path
    plan: Path
    runs: list[Run]


def run_case(case: dict[str, Any], scratch: Path) -> Outcome:
    plan, sockets = prepare(case, scratch)
    try:
        plan_arg = plan / case["target"] if "target" in case else plan
        runs = []
        for command in case.get("commands", ["validate"]):
            runs.append(run_command(command, plan_arg, scratch))
            if (scratch / "out").exists():
                shutil.rmtree(scratch / "out")
            if runs[-1].returncode != case.get("exits", {}).get(command, case["exit"]):
                break  # this run fails the case already; spare the others
        return Outcome(scratch, plan, runs)
    finally:
        for server in sockets:
            server.close()


_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None
_futures: dict[str, Future[Outcome]] = {}


def _outcome(name: str, case: dict[str, Any], base: Path, selected: list[str]) -> Outcome:
    """Start every selected case on the pool (once), then wait for ``name``."""
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2)))
            by_name = dict(ALL_CASES)
            root = os.geteuid() == 0
            for other in [name, *selected]:
                if other in _futures or other not in by_name:
                    continue
                if not (root and by_name[other].get("skip_if_root")):
                    scratch = Path(tempfile.mkdtemp(prefix=f"{other}-", dir=base))
                    _futures[other] = _pool.submit(run_case, by_name[other], scratch)
        if name not in _futures:
            scratch = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=base))
            _futures[name] = _pool.submit(run_case, case, scratch)
    return _futures[name].result()


@pytest.fixture(scope="module")
def scratch_base(tmp_path_factory: pytest.TempPathFactory) -> Any:
    base = tmp_path_factory.mktemp("hostile")
    yield base
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None
        _futures.clear()
    # fifos, sockets and chmod 000 files are fine to leave to pytest's cleanup,
    # but unreadable folders are not: make everything removable.
    for path in base.rglob("*"):
        if not path.is_symlink() and path.is_dir():
            path.chmod(0o755)


def _selected(request: pytest.FixtureRequest) -> list[str]:
    names = []
    for item in request.session.items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and item.module is request.module and "name" in callspec.params:
            names.append(callspec.params["name"])
    return names


# --------------------------------------------------------------------------
# Checking


def _relative(problem: dict[str, Any], plan: Path) -> str:
    return str(problem.get("file", "")).removeprefix(plan.as_posix() + "/")


def check_run(case: dict[str, Any], outcome: Outcome, run: Run) -> None:
    label = f"{run.command}: exit {run.returncode} in {run.seconds:.1f} s\nstderr:\n{run.stderr}"
    assert run.returncode is not None, f"{run.command} did not finish within {TIMEOUT} s"
    assert "Traceback" not in run.stderr, label
    assert run.returncode != 70, f"internal error (a bug in smartplan)\n{label}"
    assert run.returncode >= 0, f"killed by signal {-run.returncode}\n{label}"
    expected_exit = case.get("exits", {}).get(run.command, case["exit"])
    assert run.returncode == expected_exit, label
    if run.command == "render":
        assert not run.out_files, f"render wrote {run.out_files} for a broken plan"
    if expected_exit == 2:
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        assert lines and lines[0].startswith("smartplan: error: "), label
        assert len(lines) <= 2, f"expected one clear line (and a hint)\n{label}"
        if "stderr" in case:
            assert case["stderr"] in lines[0], label
        return
    if run.command == "validate":
        problems = json.loads(run.stdout)
        assert isinstance(problems, list), run.stdout[:2000]
        _check_problems(case, outcome.plan, problems)
    else:
        assert "has errors; fix them first" in run.stderr, label


def _check_problems(case: dict[str, Any], plan: Path, problems: list[dict[str, Any]]) -> None:
    shown = json.dumps(
        [{**p, "file": _relative(p, plan), "hint": None} for p in problems], indent=1
    )[:6000]
    assert any(p.get("severity") == "error" for p in problems), f"no error reported: {shown}"
    for expected in case.get("expect", []):
        matches = [
            p
            for p in problems
            if p["code"] == expected["code"]
            and _relative(p, plan) == expected["file"]
            and ("line" not in expected or p["line"] == expected["line"])
            and ("column" not in expected or p["column"] == expected["column"])
            and expected.get("message", "") in p["message"]
        ]
        assert matches, f"expected {expected} among {shown}"
    if case.get("only", True):
        allowed = {e["code"] for e in case.get("expect", [])} | set(case.get("also", []))
        codes = {p["code"] for p in problems}
        assert codes <= allowed, f"unexpected codes {sorted(codes - allowed)}: {shown}"
    for problem in problems:
        message = str(problem.get("message", ""))
        if not case.get("multiline_ok"):
            assert "\n" not in message, f"a message spans lines: {message[:300]!r}"
        assert len(message) <= 1000, f"an unbounded message: {message[:300]!r}..."


class Mismatch(AssertionError):
    """smartplan's answer differs from the case's expectation."""


def _params() -> list[Any]:
    params = []
    for name, case in ALL_CASES:
        marks = []
        if case.get("xfail"):
            marks.append(pytest.mark.xfail(strict=True, raises=Mismatch, reason=case["xfail"]))
        params.append(pytest.param(name, case, id=name, marks=marks))
    return params


@pytest.mark.parametrize(("name", "case"), _params())
def test_hostile_case(
    request: pytest.FixtureRequest, scratch_base: Path, name: str, case: dict[str, Any]
) -> None:
    if case.get("skip_if_root") and os.geteuid() == 0:
        pytest.skip(f"running as root: {case['skip_if_root']}")
    outcome = _outcome(name, case, scratch_base, _selected(request))
    try:
        for run in outcome.runs:
            check_run(case, outcome, run)
        for path in case.get("absent", []):
            resolved = Path(_subst(path, outcome.scratch))
            assert not resolved.exists(), f"{resolved} was created: the input ran a command"
    except AssertionError as exc:
        # only this counts for an xfail case: a broken case file fails for real
        raise Mismatch(str(exc)) from None


def test_corpus_is_large_enough() -> None:
    assert len(ALL_CASES) >= 60, len(ALL_CASES)


def test_cases_cover_every_command() -> None:
    commands = {c for _, case in ALL_CASES for c in case.get("commands", ["validate"])}
    assert commands == {"validate", "prioritize", "render"}
