#!/usr/bin/env python3
"""smartplan benchmark: start-up, validate, scale, parse floor, check-jsonschema, roadmap, PDF.

Run from the repository root inside the project's virtual environment
(``make bench`` does exactly this)::

    .venv/bin/python tests/benchmarks/bench.py                  # full series (~40 min)
    .venv/bin/python tests/benchmarks/bench.py --sizes 1000,5000  # quick run (~5 min)
    .venv/bin/python tests/benchmarks/bench.py --profile 20000    # cProfile each command

Every figure is the wall time of a separate child process (``os.wait4`` gives
the child's own peak RSS), the median of several runs, interleaved so a noisy
neighbour hits every command alike. Ratios are taken between figures measured
in the same run. A plain table goes to stdout and everything to
``build/bench/results.json``.

Synthetic plans come from :mod:`smartplan.synth` (one plan per size) and are
cached under ``build/bench/plans/`` keyed by size, seed and the generator's
source hash. ``check-jsonschema`` is installed into its own virtual
environment, ``build/bench-venv/``, never into the project's.

This file is not collected by pytest (no ``test_`` prefix).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "bench"
BENCH_VENV = ROOT / "build" / "bench-venv"
CJS_SPEC = "check-jsonschema==0.39.0"
KOTIM = ROOT / "plans" / "kotim"
SCHEMAS = ROOT / "schemas"
DEFAULT_SIZES = (1000, 5000, 20000, 50000)
HEAVY_MODULES = ("jsonschema", "jinja2", "babel", "yaml")
#: xargs' default command-line budget; check-jsonschema gets file lists in chunks of this.
ARGV_BUDGET = 128 * 1024
COMMANDS = ("validate", "prioritize", "render")

GB = 1024**3


# --------------------------------------------------------------------------
# Measuring one child process


@dataclass
class Run:
    seconds: float
    maxrss_bytes: int
    returncode: int
    #: user + system CPU time of the child: less disturbed by other load than wall time
    cpu_seconds: float = 0.0


#: Bytecode cache for every child: some machines set PYTHONDONTWRITEBYTECODE, which
#: would make each run recompile smartplan's own modules (but not the installed
#: packages', which pip compiled) and skew start-up against smartplan.
PYCACHE = BUILD / "pycache"


def child_env(**overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in (
        "GITHUB_ACTIONS",
        "SMARTPLAN_DEBUG",
        "FORCE_COLOR",
        "PYTHONPROFILEIMPORTTIME",
        "PYTHONDONTWRITEBYTECODE",
    ):
        env.pop(name, None)
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run_once(
    argv: Sequence[str | os.PathLike[str]],
    *,
    cwd: Path | None = None,
    stdout_path: Path | None = None,
    check: bool = True,
    env: dict[str, str] | None = None,
) -> Run:
    """Run ``argv``; return its wall time, its own peak RSS and exit code."""
    with tempfile.TemporaryFile() as err, open(stdout_path or os.devnull, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(a) for a in argv], cwd=cwd, stdout=out, stderr=err, env=env or child_env()
        )
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if check and proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            command = " ".join(map(str, argv))
            raise SystemExit(f"bench: command failed (exit {proc.returncode}): {command}\n{tail}")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, usage.ru_maxrss * 1024, proc.returncode, cpu)  # ru_maxrss: KiB on Linux


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def summary(runs: Sequence[Run]) -> dict[str, Any]:
    secs = [r.seconds for r in runs]
    return {
        "median_s": median(secs),
        "median_cpu_s": median([r.cpu_seconds for r in runs]),
        "min_s": min(secs),
        "max_s": max(secs),
        "runs_s": [round(s, 4) for s in secs],
        "peak_rss_bytes": max(r.maxrss_bytes for r in runs),
        "returncodes": sorted({r.returncode for r in runs}),
    }


def interleaved(
    commands: dict[str, Callable[[], Run]], runs: int, warmup: int = 1
) -> dict[str, list[Run]]:
    """Run every command ``runs`` times, round-robin, after ``warmup`` discarded rounds."""
    for _ in range(warmup):
        for fn in commands.values():
            fn()
    out: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, fn in commands.items():
            out[name].append(fn())
    return out


# --------------------------------------------------------------------------
# Helpers


def log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def smartplan_exe() -> Path:
    beside = Path(sys.executable).with_name("smartplan")
    if beside.exists():
        return beside
    found = shutil.which("smartplan")
    if not found:
        raise SystemExit("bench: no smartplan command; run inside the project's venv (make bench)")
    return Path(found)


def git_revision() -> str:
    try:
        rev = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine_info() -> dict[str, Any]:
    import smartplan

    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        affinity = os.cpu_count()
    return {
        "nproc": affinity,
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "loadavg_start": list(os.getloadavg()),
        "git_revision": git_revision(),
        "smartplan_version": smartplan.__version__,
    }


def plan_files(plan_dir: Path) -> list[Path]:
    """The YAML files smartplan reads in a plan folder (plan-relative, sorted)."""
    return sorted(
        p.relative_to(plan_dir)
        for p in plan_dir.rglob("*")
        if p.is_file() and p.name.endswith((".yaml", ".yml"))
    )


def write_file_list(plan_dir: Path, name: str) -> Path:
    target = BUILD / "filelists" / f"{name}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("".join(f"{plan_dir / p}\n" for p in plan_files(plan_dir)), "utf-8")
    return target


#: The parse floor: import what is asked, read every file, parse each with
#: libyaml's safe loader; report import, read and parse-loop times as JSON.
FLOOR_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    t0 = time.perf_counter()
    for name in sys.argv[2].split(","):
        if name:
            __import__(name)
    import yaml
    from yaml import CSafeLoader
    t1 = time.perf_counter()
    with open(sys.argv[1], encoding="utf-8") as listing:
        paths = listing.read().splitlines()
    texts = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    t2 = time.perf_counter()
    for text in texts:
        yaml.load(text, Loader=CSafeLoader)
    t3 = time.perf_counter()
    print(json.dumps({"files": len(paths), "import_s": t1 - t0, "read_s": t2 - t1,
                      "parse_s": t3 - t2}))
    """
)


def floor_run(file_list: Path, imports: str) -> tuple[Run, dict[str, float]]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        run = run_once([sys.executable, "-c", FLOOR_SCRIPT, file_list, imports], stdout_path=out)
        return run, json.loads(out.read_text("utf-8"))
    finally:
        out.unlink(missing_ok=True)


# --------------------------------------------------------------------------
# 0. warm-up: fill the bytecode cache so no measured run compiles anything

WARM_IMPORTS = (
    "import smartplan.cli, smartplan.check.engine, smartplan.check.schemacheck, "
    "smartplan.prioritize, smartplan.render, smartplan.synth, smartplan.report.validate, "
    "typer, yaml, jsonschema, jinja2, babel, rich"
)


def warm_up() -> None:
    log("warm-up: bytecode cache, one run of each command on plans/kotim")
    exe = smartplan_exe()
    run_once([sys.executable, "-c", WARM_IMPORTS])
    out_dir = Path(tempfile.mkdtemp(prefix="render-warm-", dir=BUILD))
    try:
        for command in COMMANDS:
            run_once(command_argv(command, KOTIM, out_dir), check=False)
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    run_once([exe, "--help"])


# --------------------------------------------------------------------------
# 1. start-up

HELP = "smartplan --help (info)"

HEAVY_CHECK = textwrap.dedent(
    """
    import json, sys, io, contextlib
    heavy = sys.argv[1].split(",")
    import smartplan.cli
    seen = {"import smartplan.cli": [m for m in heavy if m in sys.modules]}
    for args in (["--version"], ["--help"]):
        with contextlib.redirect_stdout(io.StringIO()):
            try:
                smartplan.cli.app(args)
            except SystemExit:
                pass
        seen["smartplan " + args[0]] = [m for m in heavy if m in sys.modules]
    seen["rich (info)"] = "rich" in sys.modules
    print(json.dumps(seen))
    """
)


def bench_startup(runs: int) -> dict[str, Any]:
    exe = smartplan_exe()
    log(f"start-up: {runs} interleaved runs each")
    results = interleaved(
        {
            "smartplan --version": lambda: run_once([exe, "--version"]),
            'python -c "import typer"': lambda: run_once([sys.executable, "-c", "import typer"]),
            HELP: lambda: run_once([exe, "--help"]),
        },
        runs,
        warmup=2,
    )
    stats = {name: summary(r) for name, r in results.items()}
    check = subprocess.run(
        [sys.executable, "-c", HEAVY_CHECK, ",".join(HEAVY_MODULES)],
        capture_output=True,
        text=True,
        check=True,
        env=child_env(),
    )
    heavy = json.loads(check.stdout)
    importtime = import_profile([exe, "--version"])
    return {
        "runs": stats,
        "ratio": stats["smartplan --version"]["median_s"]
        / stats['python -c "import typer"']["median_s"],
        "heavy_loaded": heavy,
        "top_imports": importtime,
    }


def import_profile(argv: Sequence[str | os.PathLike[str]], top: int = 8) -> list[dict[str, Any]]:
    """Top-level packages by cumulative import time (python -X importtime)."""
    cmd = [sys.executable, "-X", "importtime", *map(str, argv)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=child_env())
    packages: dict[str, int] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _self, cumulative, field = line[len("import time:") :].split("|", 2)
        name = field.strip()
        if len(field) - len(field.lstrip()) <= 3:  # imported at the top level
            root = name.split(".")[0]
            packages[root] = packages.get(root, 0) + int(cumulative)
    ranked = sorted(packages.items(), key=lambda kv: -kv[1])[:top]
    return [{"package": name, "cumulative_ms": us / 1000} for name, us in ranked]


# --------------------------------------------------------------------------
# 2. validate plans/kotim against its floor


def bench_kotim(runs: int) -> dict[str, Any]:
    exe = smartplan_exe()
    listing = write_file_list(KOTIM, "kotim")
    files = len(listing.read_text("utf-8").splitlines())
    log(f"validate plans/kotim ({files} files): {runs} interleaved runs each")
    floor_details: list[dict[str, float]] = []

    def floor() -> Run:
        run, details = floor_run(listing, "typer,yaml,jsonschema")
        floor_details.append(details)
        return run

    results = interleaved(
        {
            "smartplan validate plans/kotim": lambda: run_once(
                [exe, "validate", KOTIM], check=False
            ),
            "floor: import typer,yaml,jsonschema + CSafeLoader parse": floor,
        },
        runs,
    )
    stats = {name: summary(r) for name, r in results.items()}
    names = list(stats)
    return {
        "files": files,
        "runs": stats,
        "floor_parse_s": median([d["parse_s"] for d in floor_details]),
        "ratio": stats[names[0]]["median_s"] / stats[names[1]]["median_s"],
    }


# --------------------------------------------------------------------------
# 6. the PDF: smartplan render --format pdf against WeasyPrint's own command


def weasyprint_exe() -> Path:
    beside = Path(sys.executable).with_name("weasyprint")
    if beside.exists():
        return beside
    found = shutil.which("weasyprint")
    if not found:
        raise SystemExit("bench: no weasyprint command; install the project (pip install -e .)")
    return Path(found)


#: The monev report the PDF section times beside the master plan: plans/kotim, 2024.
MONEV_YEAR = 2024


def _pdf_row(label: str, plan_dir: Path, report: list[str], name: str, runs: int) -> dict[str, Any]:
    """One document's PDF against its floor: ``render ... --format pdf`` and WeasyPrint's CLI.

    ``report`` is the extra ``render`` arguments (none for the master plan;
    ``--report monev --year Y`` for the monev report) and ``name`` the stem
    of the files it writes (``masterplan-*``, ``monev-2024-*``).
    """
    exe, weasy = smartplan_exe(), weasyprint_exe()
    out = BUILD / "pdf" / label
    out.mkdir(parents=True, exist_ok=True)
    # the HTML WeasyPrint gets: smartplan's, with the lists the PDF path adds
    run_once([exe, "render", plan_dir, *report, "--format", "html", "--out", out])
    html = next(out.glob(f"{name}.html"))
    from smartplan.render.pdf import ListTitles, add_lists

    lang = html.stem.rsplit("-", 1)[-1]
    titles = ListTitles(*(("Daftar tabel", "Daftar gambar") if lang == "id" else (
        "List of tables", "List of figures")))  # fmt: skip
    floor_html = out / "floor.html"
    floor_html.write_text(add_lists(html.read_text("utf-8"), titles), "utf-8")
    # the paged-media rules smartplan gives WeasyPrint beside the HTML (no
    # template syntax in it, so the file is the stylesheet as it is)
    paged_css = out / "paged.css"
    shutil.copyfile(ROOT / "templates" / "html" / "paged.css.j2", paged_css)
    log(f"PDF of {label}: {runs} interleaved runs each")
    results = interleaved(
        {
            "render --format pdf": lambda: run_once(
                [exe, "render", plan_dir, *report, "--format", "pdf", "--out", out]
            ),
            "weasyprint floor.html": lambda: run_once(
                [weasy, "-s", paged_css, floor_html, out / "floor.pdf"]
            ),
        },
        runs,
        warmup=0,
    )
    stats = {key: summary(r) for key, r in results.items()}
    smart, floor = stats["render --format pdf"], stats["weasyprint floor.html"]
    pdf_path = next(out.glob(f"{name}.pdf"))
    return {
        "plan": label,
        "runs": stats,
        "ratio": smart["median_s"] / floor["median_s"],
        "peak_rss_bytes": smart["peak_rss_bytes"],
        "pdf_bytes": pdf_path.stat().st_size,
        "html_bytes": html.stat().st_size,
    }


def bench_pdf(plans: dict[str, Path], runs: int) -> list[dict[str, Any]]:
    """``render --format pdf`` against its floor: WeasyPrint's CLI on the same HTML.

    The floor lays out exactly the HTML smartplan writes (rendered once
    beforehand, with the lists of tables and figures the PDF adds), so the
    ratio is smartplan's own cost on top of the layout: validation,
    prioritisation (or the evaluation), templates and the atomic write.
    Targets: ≤ 1.2× and ≤ 800 MB peak at plans/kotim. The monev report of
    plans/kotim (``--report monev --year 2024``) is timed the same way, as
    the row ``kotim-monev-2024`` (a figure).
    """
    rows = []
    for label, plan_dir in plans.items():
        # a synthetic plan's PDF takes minutes: one run
        rows.append(_pdf_row(label, plan_dir, [], "masterplan-*", runs if label == "kotim" else 1))
        if label == "kotim":
            monev = ["--report", "monev", "--year", str(MONEV_YEAR)]
            rows.append(
                _pdf_row(
                    f"kotim-monev-{MONEV_YEAR}", plan_dir, monev, f"monev-{MONEV_YEAR}-*", runs
                )
            )
    return rows


# --------------------------------------------------------------------------
# 3. scale series


def synth_key() -> str:
    """A key of what the generated plans depend on: synth.py and the scaffold's tables."""
    digest = hashlib.sha256((ROOT / "smartplan" / "synth.py").read_bytes())
    for table in sorted((ROOT / "smartplan" / "scaffold" / "data").glob("*.yaml")):
        digest.update(table.read_bytes())
    return digest.hexdigest()[:12]


def ensure_plan(size: int, seed: int) -> Path:
    """A cached synthetic plan of ``size`` programs (regenerated when synth.py changes)."""
    folder = BUILD / "plans" / f"s{size}-seed{seed}"
    stamp = folder / ".complete"
    key = synth_key()
    if stamp.is_file() and stamp.read_text("utf-8").strip() == key:
        return folder / "plan-000"
    if folder.exists():
        shutil.rmtree(folder)
    log(f"generating a plan of {size:,} programs (seed {seed}) under {folder}")
    from smartplan.synth import write_plans

    start = time.perf_counter()
    write_plans(folder, 1, size, seed)
    stamp.write_text(key + "\n", "utf-8")
    log(f"  generated in {time.perf_counter() - start:.1f} s")
    return folder / "plan-000"


def command_argv(command: str, plan_dir: Path, out_dir: Path) -> list[str | os.PathLike[str]]:
    exe = smartplan_exe()
    if command == "validate":
        return [exe, "validate", plan_dir]
    if command == "prioritize":
        return [exe, "prioritize", plan_dir, "--format", "json"]
    if command == "render":
        return [exe, "render", plan_dir, "--format", "html", "--out", out_dir]
    raise ValueError(command)


def bench_scale(sizes: Sequence[int], seed: int, repeat: int) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        plan_dir = ensure_plan(size, seed)
        out_dir = Path(tempfile.mkdtemp(prefix=f"render-{size}-", dir=BUILD))
        log(f"scale {size:,} programs: {repeat} interleaved runs of {', '.join(COMMANDS)}")
        try:
            results = interleaved(
                {
                    c: (lambda c=c, p=plan_dir, o=out_dir: run_once(command_argv(c, p, o)))
                    for c in COMMANDS
                },
                repeat,
                warmup=0,
            )
            html = next(out_dir.glob("*.html"), None)
            html_bytes = html.stat().st_size if html else 0
        finally:
            shutil.rmtree(out_dir, ignore_errors=True)
        for command, runs in results.items():
            stats = summary(runs)
            rows.append(
                {
                    "size": size,
                    "command": command,
                    **stats,
                    "per_program_s": stats["median_s"] / size,
                    **({"html_bytes": html_bytes} if command == "render" else {}),
                }
            )
            log(
                f"  {command:<10} median {stats['median_s']:7.2f} s  "
                f"peak {stats['peak_rss_bytes'] / 2**20:7.0f} MiB"
            )
    return rows


# --------------------------------------------------------------------------
# 4. bare parse floor at the largest size


def bench_parse_floor(size: int, seed: int, runs: int) -> dict[str, Any]:
    plan_dir = ensure_plan(size, seed)
    listing = write_file_list(plan_dir, f"s{size}-seed{seed}")
    log(f"parse floor at {size:,} programs: {runs} runs")
    details: list[dict[str, float]] = []
    walls: list[Run] = []
    for _ in range(runs):
        run, detail = floor_run(listing, "")
        walls.append(run)
        details.append(detail)
    return {
        "size": size,
        "files": int(details[0]["files"]),
        "parse_loop_s": median([d["parse_s"] for d in details]),
        "read_s": median([d["read_s"] for d in details]),
        "process": summary(walls),
    }


# --------------------------------------------------------------------------
# 5. check-jsonschema in its own venv


def ensure_cjs(spec: str) -> Path:
    """check-jsonschema in build/bench-venv (created on first use); its executable."""
    exe = BENCH_VENV / "bin" / "check-jsonschema"
    stamp = BENCH_VENV / ".bench-spec"
    if exe.exists() and stamp.is_file() and stamp.read_text("utf-8").strip() == spec:
        return exe
    log(f"installing {spec} into {BENCH_VENV} (its own venv, not the project's)")
    if BENCH_VENV.exists():
        shutil.rmtree(BENCH_VENV)
    # venv of the base interpreter, not a child of the project's venv
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", BENCH_VENV], check=True)
    pip = subprocess.run(
        [BENCH_VENV / "bin" / "python", "-m", "pip", "install", "--quiet", spec],
        capture_output=True,
        text=True,
        check=False,
    )
    if pip.returncode != 0:
        sys.stderr.write(pip.stdout + pip.stderr)
        raise SystemExit(f"bench: could not install {spec} into {BENCH_VENV}")
    stamp.write_text(spec + "\n", "utf-8")
    return exe


def cjs_version(exe: Path) -> str:
    proc = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    return (proc.stdout or proc.stderr).strip()


def chunks(paths: Sequence[str], budget: int = ARGV_BUDGET) -> list[list[str]]:
    """Split ``paths`` so each command line stays under ``budget`` bytes (as xargs does)."""
    out: list[list[str]] = []
    current: list[str] = []
    used = 0
    for path in paths:
        cost = len(path.encode()) + 1
        if current and used + cost > budget:
            out.append(current)
            current, used = [], 0
        current.append(path)
        used += cost
    if current:
        out.append(current)
    return out


def kind_of(rel: Path) -> str:
    if rel.parts[0] == "programs":
        return "program"
    if rel.parts[0] == "pillars":
        return "pillar"
    return rel.stem  # plan, agencies, readiness


def bench_cjs(size: int, seed: int, runs: int, spec: str) -> dict[str, Any]:
    exe = ensure_cjs(spec)
    plan_dir = ensure_plan(size, seed)
    by_kind: dict[str, list[str]] = {}
    for rel in plan_files(plan_dir):
        by_kind.setdefault(kind_of(rel), []).append(rel.as_posix())
    calls = [
        ["--schemafile", str(SCHEMAS / f"{kind}.schema.json"), *batch]
        for kind, rels in sorted(by_kind.items())
        if (SCHEMAS / f"{kind}.schema.json").is_file()  # smartplan.yaml has no schema
        for batch in chunks(rels)
    ]
    files = sum(len(args) - 2 for args in calls)
    log(
        f"check-jsonschema at {size:,} programs: {files:,} files in {len(calls)} calls "
        f"(argv ≤ {ARGV_BUDGET // 1024} KiB each, sequential), {runs} run(s)"
    )
    totals: list[Run] = []
    for _ in range(runs):
        seconds = cpu = 0.0
        peak = 0
        worst = 0
        for args in calls:
            run = run_once([exe, *args], cwd=plan_dir, check=False)
            seconds += run.seconds
            cpu += run.cpu_seconds
            peak = max(peak, run.maxrss_bytes)
            worst = max(worst, run.returncode)
        totals.append(Run(seconds, peak, worst, cpu))
        log(f"  check-jsonschema total {seconds:.1f} s (exit {worst})")
    return {
        "size": size,
        "files": files,
        "calls": len(calls),
        "version": cjs_version(exe),
        **summary(totals),
    }


# --------------------------------------------------------------------------
# 6. roadmap: the exact solver on kotim and on a 300-program plan, and the
#    heuristic's gap to it on the 6,000 random small plans


ROADMAP_SIZE = 300
#: the seed of the 300-program plan whose figures the README quotes
ROADMAP_SEED = 7
ROADMAP_GAP_PLANS = 6000


def bench_roadmap(
    runs: int, seed: int = ROADMAP_SEED, gap_plans: int = ROADMAP_GAP_PLANS
) -> dict[str, Any]:
    """``prioritize --schedule`` wall time with its solver status and gap; the heuristic's gap."""
    exe = smartplan_exe()
    synthetic = ensure_plan(ROADMAP_SIZE, seed)
    plans = {"plans/kotim": KOTIM, f"synthetic {ROADMAP_SIZE} programs": synthetic}
    out: dict[str, Any] = {"plans": {}}
    for name, folder in plans.items():
        argv: list[str | os.PathLike[str]] = [
            exe,
            "prioritize",
            folder,
            "--schedule",
            "--format",
            "json",
        ]
        log(f"roadmap {name}: {runs} runs of prioritize --schedule")
        timings = [run_once(argv) for _ in range(runs)]
        proc = subprocess.run(argv, capture_output=True, check=True, env=child_env())
        roadmap = json.loads(proc.stdout)["roadmap"]
        out["plans"][name] = {
            **summary(timings),
            "solver": roadmap["solver"],
            "status": roadmap["status"],
            "gap": roadmap["gap"],
            "programs": len(roadmap["scheduled"]) + len(roadmap["unscheduled"]),
        }
        log(
            f"  median {out['plans'][name]['median_s']:.2f} s, {roadmap['solver']} "
            f"{roadmap['status']}, gap {roadmap['gap']}"
        )
    out["heuristic_gap"] = heuristic_gap(gap_plans)
    out["heuristic_cost"] = heuristic_cost(seed)
    return out


def bench_sensitivity(runs: int) -> dict[str, Any]:
    """``prioritize --sensitivity`` on Kotim: the whole command, and the Monte Carlo alone.

    The command is timed as a child process against plain ``prioritize``
    (interleaved); the Monte Carlo run (1,000 draws, seed 1, the defaults) is
    timed in this process as the difference between ``sensitivity()`` with
    and without draws, best of ``runs``, so start-up and loading cancel out.
    """
    from smartplan.check.engine import validate_plan
    from smartplan.prioritize import prioritize
    from smartplan.prioritize.sensitivity import DEFAULT_DRAWS, sensitivity

    exe = smartplan_exe()
    plain: list[str | os.PathLike[str]] = [exe, "prioritize", KOTIM, "--format", "json"]
    sens: list[str | os.PathLike[str]] = [*plain, "--sensitivity"]
    log(f"sensitivity kotim: {runs} interleaved runs of prioritize with and without --sensitivity")
    timed = interleaved(
        {"prioritize": lambda: run_once(plain), "prioritize --sensitivity": lambda: run_once(sens)},
        runs,
    )
    commands = {name: summary(r) for name, r in timed.items()}
    ranking = prioritize(validate_plan(KOTIM).plan)

    def best(draws: int) -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            sensitivity(ranking, draws=draws)
            times.append(time.perf_counter() - start)
        return min(times)

    with_draws, without = best(DEFAULT_DRAWS), best(0)
    out = {
        "commands": commands,
        "draws": DEFAULT_DRAWS,
        "sensitivity_s": with_draws,
        "levels_only_s": without,
        "monte_carlo_s": with_draws - without,
    }
    log(
        f"  Monte Carlo {DEFAULT_DRAWS:,} draws {out['monte_carlo_s']:.3f} s, levels and "
        f"breakpoints {without:.3f} s, whole command "
        f"{commands['prioritize --sensitivity']['median_s']:.2f} s"
    )
    return out


#: Sizes around the old local-search cut-off (400 programs), where the
#: heuristic's cost once jumped: 7.3 s at 399 against 0.85 s at 401.
HEURISTIC_SIZES = (300, 399, 401, 1000)


def heuristic_cost(seed: int) -> dict[str, Any]:
    """CPU seconds of the heuristic scheduler alone (in process) at sizes around 400."""
    from smartplan.check.engine import validate_plan
    from smartplan.prioritize import prioritize
    from smartplan.prioritize.roadmap import schedule

    out: dict[str, Any] = {}
    for size in HEURISTIC_SIZES:
        plan = validate_plan(ensure_plan(size, seed)).plan
        ranking = prioritize(plan)
        start = time.process_time()
        roadmap = schedule(plan, ranking)
        seconds = time.process_time() - start
        out[str(size)] = {"cpu_s": seconds, "method": roadmap.method}
        log(f"  heuristic @ {size}: {seconds:.2f} s CPU ({roadmap.method})")
    return out


def heuristic_gap(plans: int = ROADMAP_GAP_PLANS, seed: int = 20240501) -> dict[str, Any]:
    """The heuristic's objective as a share of the exact optimum on random small plans.

    The plans are those of ``tests/test_prioritize_roadmap.py`` (6 programs,
    4 years); the optimum is the MILP's without inherited urgency, i.e. of the
    heuristic's own objective (the tests check it equals the exhaustive search).
    """
    import dataclasses
    import random

    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from smartplan.model import RoadmapSetup
    from smartplan.prioritize import prioritize, schedule
    from smartplan.prioritize.exact import plan_roadmap
    from tests.test_prioritize_roadmap import random_plan

    config = dataclasses.replace(RoadmapSetup(), inherit_urgency=False, solver="exact")
    results: dict[str, Any] = {"plans": plans, "seed": seed}
    log(f"roadmap: heuristic against the exact optimum on {plans:,} random small plans")
    for local_search in (True, False):
        ratios = []
        rng = random.Random(seed)
        for _ in range(plans):
            plan = random_plan(rng)
            ranking = prioritize(plan)
            optimum = plan_roadmap(plan, ranking, setup=config).objective
            value = schedule(plan, ranking, local_search=local_search).objective
            ratios.append(value / optimum if optimum else 1.0)
        key = "with_local_search" if local_search else "without_local_search"
        results[key] = {
            "worst": min(ratios),
            "mean": statistics.fmean(ratios),
            "optimal_share": sum(r >= 1 - 1e-9 for r in ratios) / len(ratios),
        }
        log(f"  {key}: worst {min(ratios):.4f}, mean {statistics.fmean(ratios):.4f}")
    return results


# --------------------------------------------------------------------------
# Targets and the table


def target_rows(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []

    def add(name: str, value: float | None, target: str, met: bool | None, note: str = "") -> None:
        rows.append({"target": name, "value": value, "goal": target, "met": met, "note": note})

    startup = results.get("startup")
    if startup:
        ratio = startup["ratio"]
        add("start-up: smartplan --version / import typer", ratio, "≤ 1.3×", ratio <= 1.3)
        heavy = startup["heavy_loaded"]
        loaded = sorted({m for key, mods in heavy.items() if key != "rich (info)" for m in mods})
        add(
            "nothing heavy after --version/--help",
            None,
            "none of " + ",".join(HEAVY_MODULES),
            not loaded,
            "loaded: " + ",".join(loaded) if loaded else "",
        )
    kotim = results.get("kotim")
    if kotim:
        add("validate kotim / floor", kotim["ratio"], "≤ 1.3×", kotim["ratio"] <= 1.3)
    scale = {(r["size"], r["command"]): r for r in results.get("scale", [])}
    sizes = sorted({size for size, _ in scale})
    largest = sizes[-1] if sizes else None
    at = "" if largest in (None, 50000) else f" (measured at {largest:,}; target is at 50,000)"
    floor = results.get("parse_floor")
    if floor and largest and (largest, "validate") in scale:
        validate_s = scale[(largest, "validate")]["median_s"]
        ratio = validate_s / floor["parse_loop_s"]
        add(f"validate@{largest:,} / parse loop", ratio, "≤ 2.5×", ratio <= 2.5, at)
        ratio = validate_s / floor["process"]["median_s"]
        add(
            f"validate@{largest:,} / start+read+parse process",
            ratio,
            "≤ 2.5×",
            ratio <= 2.5,
            at,
        )
    cjs = results.get("check_jsonschema")
    if cjs and largest and (largest, "validate") in scale:
        speedup = cjs["median_s"] / scale[(largest, "validate")]["median_s"]
        add(f"check-jsonschema / validate @{largest:,}", speedup, "≥ 5×", speedup >= 5, at)
    if len(sizes) >= 2:
        small = sizes[0]
        for command in COMMANDS:
            if (small, command) in scale and (largest, command) in scale:
                big, little = scale[(largest, command)], scale[(small, command)]
                ratio = big["per_program_s"] / little["per_program_s"]
                cpu = (big["median_cpu_s"] / largest) / (little["median_cpu_s"] / small)
                add(
                    f"{command}: s/program @{largest:,} / @{small:,}",
                    ratio,
                    "≤ 1.3×",
                    ratio <= 1.3,
                    f"(CPU time: {cpu:.2f}×){at}",
                )
    if largest:
        for command in COMMANDS:
            if (largest, command) in scale:
                peak = scale[(largest, command)]["peak_rss_bytes"] / GB
                add(f"{command}: peak RSS @{largest:,} (GB)", peak, "≤ 1.5 GB", peak <= 1.5, at)
    roadmap = results.get("roadmap")
    if roadmap:
        kotim = roadmap["plans"].get("plans/kotim")
        if kotim:
            ok = kotim["median_s"] <= 2 and kotim["gap"] == 0
            add(
                "prioritize --schedule kotim (s)",
                kotim["median_s"],
                "≤ 2 s, gap 0 %",
                ok,
                f"({kotim['solver']} {kotim['status']}, gap {kotim['gap']})",
            )
        big = roadmap["plans"].get(f"synthetic {ROADMAP_SIZE} programs")
        if big:
            add(
                f"prioritize --schedule @{ROADMAP_SIZE} (s)",
                big["median_s"],
                "proven in 30 s, else its gap",
                big["status"] == "optimal" and big["median_s"] <= 30,
                f"({big['solver']} {big['status']}, gap {big['gap']})",
            )
    sens = results.get("sensitivity")
    if sens:
        whole = sens["commands"]["prioritize --sensitivity"]["median_s"]
        add(
            f"Monte Carlo {sens['draws']:,} draws on kotim (s)",
            sens["monte_carlo_s"],
            "≤ 1 s",
            sens["monte_carlo_s"] <= 1,
            f"(whole prioritize --sensitivity {whole:.2f} s)",
        )
    for row in results.get("pdf", []):
        seconds = row["runs"]["render --format pdf"]["median_s"]
        note = f"{seconds:.1f} s, {row['pdf_bytes'] / 1e6:.1f} MB PDF"
        if row["plan"] == "kotim":
            add(
                "render pdf kotim / weasyprint CLI",
                row["ratio"],
                "≤ 1.2×",
                row["ratio"] <= 1.2,
                note,
            )
            peak = row["peak_rss_bytes"] / 1e6
            add("render pdf kotim: peak RSS (MB)", peak, "≤ 800 MB", peak <= 800)
        elif row["plan"].startswith("kotim-monev-"):
            add(f"render monev pdf kotim {MONEV_YEAR} / weasyprint CLI", row["ratio"], "(figure)",
                None, f"{note}, peak {row['peak_rss_bytes'] / 1e6:.0f} MB")  # fmt: skip
        else:
            add(f"render pdf {row['plan']} / weasyprint CLI", row["ratio"], "(figure)", None, note)
    return rows


def marginal_costs(scale_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Seconds per extra program between consecutive sizes (start-up cancels out)."""
    out = []
    for command in COMMANDS:
        rows = sorted((r for r in scale_rows if r["command"] == command), key=lambda r: r["size"])
        for a, b in itertools.pairwise(rows):
            out.append(
                {
                    "command": command,
                    "from": a["size"],
                    "to": b["size"],
                    "marginal_s_per_program": (b["median_s"] - a["median_s"])
                    / (b["size"] - a["size"]),
                }
            )
    return out


def fmt_s(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def print_table(results: dict[str, Any]) -> None:
    m = results["machine"]
    print()
    print("smartplan benchmark")
    print(
        f"machine: nproc={m['nproc']}  python {m['python']}  {m['platform']}  "
        f"load avg at start {m['loadavg_start'][0]:.2f}, at end {m['loadavg_end'][0]:.2f}"
    )
    print(f"revision: {m['git_revision']}  smartplan {m['smartplan_version']}")
    print(f"total benchmark time: {results['duration_s'] / 60:.1f} min")

    startup = results.get("startup")
    if startup:
        print("\n1. start-up (median of wall times, interleaved)")
        for name, s in startup["runs"].items():
            print(f"   {name:<48} {fmt_s(s['median_s']):>10}   (min {fmt_s(s['min_s'])})")
        print(f"   ratio {startup['ratio']:.2f}×")
        for key, mods in startup["heavy_loaded"].items():
            if key == "rich (info)":
                print(f"   rich imported after --help (info only): {mods}")
            else:
                shown = ", ".join(mods) if mods else "none"
                print(f"   heavy modules after {key:<22}: {shown}")
        tops = ", ".join(
            f"{t['package']} {t['cumulative_ms']:.0f} ms" for t in startup["top_imports"]
        )
        print(f"   import time of smartplan --version by package: {tops}")

    kotim = results.get("kotim")
    if kotim:
        print(f"\n2. validate plans/kotim ({kotim['files']} files; median wall times)")
        for name, s in kotim["runs"].items():
            print(f"   {name:<55} {fmt_s(s['median_s']):>10}")
        print(f"   (parse loop alone in the floor: {fmt_s(kotim['floor_parse_s'])})")
        print(f"   ratio {kotim['ratio']:.2f}×")

    scale = results.get("scale")
    if scale:
        repeat = results["options"]["repeat"]
        print(f"\n3. scale series (one plan per size; median of {repeat} runs)")
        print(
            f"   {'programs':>8}  {'command':<10} {'median':>9} {'min':>9} {'cpu':>9} "
            f"{'µs/program':>11} {'peak RSS':>10}"
        )
        for r in scale:
            extra = f"  html {r['html_bytes'] / 2**20:.0f} MiB" if r.get("html_bytes") else ""
            print(
                f"   {r['size']:>8,}  {r['command']:<10} "
                f"{r['median_s']:>8.2f}s {r['min_s']:>8.2f}s {r['median_cpu_s']:>8.2f}s "
                f"{r['per_program_s'] * 1e6:>11.0f} {r['peak_rss_bytes'] / 2**20:>6.0f} MiB{extra}"
            )
        margins = results.get("marginal", [])
        if margins:
            print("   marginal cost per extra program (µs; start-up cancels out):")
            for command in COMMANDS:
                parts = [
                    f"{m['from'] // 1000}k→{m['to'] // 1000}k "
                    f"{m['marginal_s_per_program'] * 1e6:.0f}"
                    for m in margins
                    if m["command"] == command
                ]
                if parts:
                    print(f"     {command:<10} " + "   ".join(parts))

    floor = results.get("parse_floor")
    if floor:
        print(f"\n4. bare parse floor at {floor['size']:,} programs ({floor['files']:,} files)")
        print(f"   CSafeLoader parse loop only               {fmt_s(floor['parse_loop_s']):>10}")
        print(f"   file reads only                           {fmt_s(floor['read_s']):>10}")
        process = fmt_s(floor["process"]["median_s"])
        print(f"   process: start + import yaml + read + parse {process:>8}")

    cjs = results.get("check_jsonschema")
    if cjs:
        print(
            f"\n5. check-jsonschema ({cjs['version']}) at {cjs['size']:,} programs: "
            f"{cjs['files']:,} files in {cjs['calls']} calls"
        )
        print(
            f"   total wall {fmt_s(cjs['median_s'])} (median of {len(cjs['runs_s'])}), "
            f"peak RSS {cjs['peak_rss_bytes'] / 2**20:.0f} MiB, exit codes {cjs['returncodes']}"
        )

    print("\ntargets")
    for row in results["targets"]:
        value = "" if row["value"] is None else f"{row['value']:.2f}"
        verdict = {True: "met", False: "NOT met", None: "n/a"}[row["met"]]
        note = f"  {row['note']}" if row["note"] else ""
        print(f"   {row['target']:<52} {value:>8}  {row['goal']:<16} {verdict}{note}")
    print()


# --------------------------------------------------------------------------
# Profiling mode


def profile(size: int, seed: int, top: int) -> None:
    """cProfile each command at ``size`` programs; write .prof and top-N text reports."""
    import pstats

    plan_dir = ensure_plan(size, seed)
    folder = BUILD / "profile"
    folder.mkdir(parents=True, exist_ok=True)
    out_dir = Path(tempfile.mkdtemp(prefix="render-profile-", dir=BUILD))
    try:
        for command in COMMANDS:
            prof = folder / f"{command}-{size}.prof"
            argv = command_argv(command, plan_dir, out_dir)
            log(f"profiling {command} at {size:,} programs")
            run = run_once(
                [sys.executable, "-m", "cProfile", "-o", prof, "-m", "smartplan", *argv[1:]]
            )
            report = folder / f"{command}-{size}.txt"
            with report.open("w", encoding="utf-8") as stream:
                stream.write(
                    f"{command} at {size:,} programs: {run.seconds:.2f} s under cProfile, "
                    f"peak RSS {run.maxrss_bytes / 2**20:.0f} MiB\n\n"
                )
                stats = pstats.Stats(str(prof), stream=stream)
                stats.strip_dirs().sort_stats("tottime").print_stats(top)
                stats.sort_stats("cumulative").print_stats(top)
            print(f"{command}: {run.seconds:.2f} s (profiled), report {report.relative_to(ROOT)}")
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)


# --------------------------------------------------------------------------


def evaluate_plan(size: int, seed: int) -> Path:
    """A synthetic plan of ``size`` programs with ten years of actuals (cached)."""
    folder = BUILD / "plans" / f"s{size}-actuals-seed{seed}"
    plan_dir = folder / "plan-000"
    if not (folder / ".complete").is_file():
        shutil.rmtree(folder, ignore_errors=True)
        log(f"generating {size:,} programs with their actuals under {folder}")
        from smartplan.check.engine import validate_plan
        from smartplan.monitor.synth import write_actuals
        from smartplan.synth import write_plans

        write_plans(folder, 1, size, seed)
        files = write_actuals(plan_dir, validate_plan(plan_dir).plan, seed)
        log(f"  {files:,} monitoring files")
        (folder / ".complete").write_text("done\n", "utf-8")
    return plan_dir


def bench_evaluate(sizes: Sequence[int], seed: int, repeat: int) -> dict[str, Any]:
    """``--evaluate SIZES``: validate and evaluate plans with ten years of actuals.

    For each size: medians of interleaved runs of validate, evaluate (text)
    and evaluate --format json, seconds per program, peak RSS; and the
    per-program cost of the largest size against the smallest (the linearity
    target, ≤ 1.3×).
    """
    exe = smartplan_exe()
    rows: list[dict[str, Any]] = []
    for size in sizes:
        plan_dir = evaluate_plan(size, seed)
        argvs: dict[str, list[str | os.PathLike[str]]] = {
            "validate": [exe, "validate", plan_dir],
            "evaluate": [exe, "evaluate", plan_dir, "--year", "2030"],
            "evaluate-json": [exe, "evaluate", plan_dir, "--year", "2030", "--format", "json"],
        }
        log(f"evaluate @{size:,}: {repeat} interleaved runs each")
        results = interleaved(
            {name: (lambda a=a: run_once(a)) for name, a in argvs.items()}, repeat, warmup=0
        )
        for name, runs in results.items():
            stats = summary(runs)
            rows.append(
                {"size": size, "command": name, **stats, "per_program_s": stats["median_s"] / size}
            )
            print(
                f"{name:<14} @{size:>6,} median {stats['median_s']:7.2f} s  "
                f"peak {stats['peak_rss_bytes'] / 2**20:6.0f} MiB"
            )
    ratios: dict[str, float] = {}
    if len(sizes) >= 2:
        small, large = min(sizes), max(sizes)
        by = {(r["size"], r["command"]): r for r in rows}
        for command in ("validate", "evaluate", "evaluate-json"):
            ratio = by[(large, command)]["per_program_s"] / by[(small, command)]["per_program_s"]
            ratios[command] = ratio
            print(f"{command:<14} s/program @{large:,} / @{small:,}: {ratio:.2f}x (target <= 1.3x)")
    return {"rows": rows, "ratios": ratios}


def parse_sizes(text: str) -> list[int]:
    sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("sizes are positive numbers, e.g. 1000,5000")
    return sizes


def parse_pdf_sizes(text: str) -> list[int]:
    """``--pdf-sizes``: like the sizes, and ``0`` for no synthetic plan at all."""
    return [] if text.strip() in ("0", "none") else parse_sizes(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench.py", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=list(DEFAULT_SIZES),
        help="programs per plan in the scale series (default: 1000,5000,20000,50000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per command and size (default 3)"
    )
    parser.add_argument(
        "--startup-runs", type=int, default=15, help="runs for start-up and kotim (default 15)"
    )
    parser.add_argument("--floor-runs", type=int, default=3, help="parse-floor runs (default 3)")
    parser.add_argument(
        "--cjs-runs", type=int, default=1, help="check-jsonschema runs (default 1: it is slow)"
    )
    parser.add_argument("--cjs-spec", default=CJS_SPEC, help=f"pip spec (default {CJS_SPEC})")
    parser.add_argument(
        "--no-check-jsonschema", action="store_true", help="skip section 5 (no install)"
    )
    parser.add_argument(
        "--json", type=Path, default=BUILD / "results.json", help="where to write the results"
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="SIZE",
        help="instead of the benchmark: cProfile validate, prioritize and render at SIZE programs",
    )
    parser.add_argument("--profile-top", type=int, default=30, help="rows per profile report")
    parser.add_argument(
        "--sensitivity-only",
        action="store_true",
        help="only --sensitivity and the Monte Carlo on kotim (--startup-runs runs)",
    )
    parser.add_argument(
        "--roadmap-only",
        action="store_true",
        help="run only section 6 (prioritize --schedule: exact solver and heuristic gap)",
    )
    parser.add_argument(
        "--roadmap-gap-plans",
        type=int,
        default=ROADMAP_GAP_PLANS,
        help=f"random small plans for the heuristic's gap (default {ROADMAP_GAP_PLANS})",
    )
    parser.add_argument(
        "--evaluate",
        type=parse_sizes,
        metavar="SIZES",
        help="instead of the benchmark: validate and evaluate plans of SIZES programs "
        "(e.g. 1000,5000) with 10 years of actuals, and the per-program ratio",
    )
    parser.add_argument(
        "--pdf-sizes",
        type=parse_pdf_sizes,
        default=[1000],
        help="synthetic plan sizes for the PDF section besides plans/kotim (default 1000; "
        "0 for none)",
    )
    parser.add_argument(
        "--pdf-runs",
        type=int,
        default=3,
        help="runs per PDF command on plans/kotim (default 3; synthetic plans: 1)",
    )
    parser.add_argument("--no-pdf", action="store_true", help="skip section 7 (the PDF)")
    parser.add_argument(
        "--pdf-only",
        action="store_true",
        help="run only section 7 (the PDF: the master plan and the monev report of "
        "plans/kotim, and the --pdf-sizes; --pdf-sizes 0 for none)",
    )
    args = parser.parse_args(argv)

    try:
        import smartplan  # noqa: F401
    except ImportError:
        raise SystemExit(
            "bench: smartplan is not importable; run inside the project's venv: "
            ".venv/bin/python tests/benchmarks/bench.py (or make bench)"
        ) from None
    BUILD.mkdir(parents=True, exist_ok=True)
    if args.profile:
        profile(args.profile, args.seed, args.profile_top)
        return 0
    if args.evaluate:
        bench_evaluate(args.evaluate, args.seed, args.repeat)
        return 0

    if args.sensitivity_only:
        warm_up()
        print(json.dumps(bench_sensitivity(args.startup_runs), indent=2))
        return 0

    if args.pdf_only:
        warm_up()
        pdf_plans = {"kotim": KOTIM} | {
            f"synth-{size}": ensure_plan(size, args.seed) for size in args.pdf_sizes
        }
        pdf = {"pdf": bench_pdf(pdf_plans, args.pdf_runs)}
        print(json.dumps(pdf, indent=2))
        for row in target_rows(pdf):
            print(row)
        return 0

    if args.roadmap_only:
        warm_up()
        print(json.dumps(bench_roadmap(3, gap_plans=args.roadmap_gap_plans), indent=2))
        return 0

    started = time.perf_counter()
    results: dict[str, Any] = {
        "machine": machine_info(),
        "options": {
            "sizes": args.sizes,
            "seed": args.seed,
            "repeat": args.repeat,
            "startup_runs": args.startup_runs,
            "floor_runs": args.floor_runs,
            "cjs_runs": args.cjs_runs,
            "layout": "one plan per size, all programs in it",
        },
    }
    if not args.no_check_jsonschema:
        ensure_cjs(args.cjs_spec)  # up front: an install failure should not come last
    warm_up()
    results["startup"] = bench_startup(args.startup_runs)
    results["kotim"] = bench_kotim(args.startup_runs)
    for size in args.sizes:  # generate up front so generation time is not mixed in
        ensure_plan(size, args.seed)
    results["scale"] = bench_scale(args.sizes, args.seed, args.repeat)
    results["marginal"] = marginal_costs(results["scale"])
    largest = args.sizes[-1]
    results["parse_floor"] = bench_parse_floor(largest, args.seed, args.floor_runs)
    if not args.no_check_jsonschema:
        results["check_jsonschema"] = bench_cjs(largest, args.seed, args.cjs_runs, args.cjs_spec)
    results["roadmap"] = bench_roadmap(3, gap_plans=args.roadmap_gap_plans)
    results["sensitivity"] = bench_sensitivity(5)
    if not args.no_pdf:
        pdf_plans = {"kotim": KOTIM} | {
            f"synth-{size}": ensure_plan(size, args.seed) for size in args.pdf_sizes
        }
        results["pdf"] = bench_pdf(pdf_plans, args.pdf_runs)
    results["machine"]["loadavg_end"] = list(os.getloadavg())
    results["duration_s"] = time.perf_counter() - started
    results["targets"] = target_rows(results)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    document = json.dumps(results, indent=2) + "\n"
    args.json.write_text(document, "utf-8")
    # every run is also kept, so figures can be compared across revisions
    archive = BUILD / "runs" / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json"
    archive.parent.mkdir(parents=True, exist_ok=True)
    archive.write_text(document, "utf-8")
    print_table(results)
    print(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
