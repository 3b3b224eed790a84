"""Run every command in every format on plans/kotim and record what it printed.

A refactoring aid, not a test: run it before and after a change that must not
change behaviour, then compare the two folders (``diff -r``)::

    python tests/output_snapshot.py /tmp/before
    ... change the code ...
    python tests/output_snapshot.py /tmp/after
    diff -r /tmp/before /tmp/after

Each case writes ``NAME.out`` (stdout), ``NAME.err`` (stderr) and ``NAME.rc``;
commands that write files (render, init, schema --out) also get a listing of
those files with their SHA-256. Paths of temporary folders are replaced by
``<TMP>``, and the checkout's by ``<ROOT>``, so two runs (or two checkouts)
compare equal.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KOTIM = ROOT / "plans" / "kotim"
EXE = [sys.executable, "-m", "smartplan"]
PROGRAM = "eco-sampit-creative-hub"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB", "SMARTPLAN"))}
    env.update(NO_COLOR="1", COLUMNS="120", PYTHONHASHSEED="0", LC_ALL="C.UTF-8")
    env.pop("CI", None)
    return env


def _run(out: Path, name: str, args: list[str], cwd: Path, tmp: Path) -> None:
    proc = subprocess.run(
        [*EXE, *args], cwd=cwd, env=_env(), capture_output=True, text=True, check=False
    )
    for suffix, text in ((".out", proc.stdout), (".err", proc.stderr)):
        (out / f"{name}{suffix}").write_text(text.replace(str(tmp), "<TMP>").replace(str(ROOT), "<ROOT>"), encoding="utf-8")
    (out / f"{name}.rc").write_text(f"{proc.returncode}\n", encoding="utf-8")


def _listing(out: Path, name: str, folder: Path) -> None:
    lines = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}")
    (out / f"{name}.files").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _broken_plan(tmp: Path) -> Path:
    plan = tmp / "broken"
    shutil.copytree(KOTIM, plan)
    program = next((plan / "programs" / "economy").glob("*.yaml"))
    text = program.read_text(encoding="utf-8")
    text = text.replace("budget:", "budjet:", 1)
    program.write_text(text, encoding="utf-8")
    other = sorted((plan / "programs" / "governance").glob("*.yaml"))[0]
    text = other.read_text(encoding="utf-8").replace(
        "lead_agency:", "lead_agency: nosuch\nx_old:", 1
    )
    other.write_text(text, encoding="utf-8")
    return plan


def _git_plan(tmp: Path) -> Path:
    repo = tmp / "repo"
    shutil.copytree(KOTIM, repo / "plan")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"]
    env = {**os.environ, "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z"}
    env["GIT_COMMITTER_DATE"] = env["GIT_AUTHOR_DATE"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "a"], cwd=repo, check=True, env=env)
    program = repo / "plan" / "programs" / "economy" / f"{PROGRAM}.yaml"
    text = program.read_text(encoding="utf-8").replace("Sampit Creative Hub", "Sampit Hub", 1)
    program.write_text(text, encoding="utf-8")
    victim = sorted((repo / "plan" / "programs" / "living").glob("*.yaml"))[0]
    victim.unlink()
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "b"], cwd=repo, check=True, env=env)
    return repo


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        # a copy at a path of fixed length: centred titles hold the path
        kotim = str(shutil.copytree(KOTIM, tmp / "kotim"))
        cases: list[tuple[str, list[str]]] = [("version", ["--version"]), ("help", ["--help"])]
        for fmt in ("text", "parsable", "json", "github", "sarif", "junit"):
            cases.append((f"validate-{fmt}", ["validate", kotim, "-f", fmt]))
        broken = str(_broken_plan(tmp))
        for fmt in ("text", "parsable", "json", "github", "sarif", "junit"):
            cases.append((f"validate-broken-{fmt}", ["validate", broken, "-f", fmt]))
        cases += [
            ("validate-broken-max", ["validate", broken, "--max-problems", "1"]),
            ("validate-missing", ["validate", str(tmp / "nothing")]),
            ("rules", ["rules"]),
            ("rules-plan", ["rules", "--plan", kotim]),
            ("rules-R001", ["rules", "R001"]),
            ("rules-C003", ["rules", "C003"]),
            ("rules-unknown", ["rules", "ZZZ"]),
        ]
        for fmt in ("table", "json", "csv"):
            cases += [
                (f"prioritize-{fmt}", ["prioritize", kotim, "-f", fmt]),
                (
                    f"prioritize-{fmt}-top5-eco",
                    ["prioritize", kotim, "-f", fmt, "-n", "5", "-p", "economy"],
                ),
                (f"prioritize-{fmt}-explain", ["prioritize", kotim, "-f", fmt, "-e", PROGRAM]),
                (f"prioritize-{fmt}-sens", ["prioritize", kotim, "-f", fmt, "--sensitivity"]),
                (f"prioritize-{fmt}-sched", ["prioritize", kotim, "-f", fmt, "--schedule"]),
            ]
        cases += [
            ("prioritize-csv-excel", ["prioritize", kotim, "-f", "csv", "--csv-style", "excel-id"]),
            ("prioritize-dd", ["prioritize", kotim, "--ri-table", "donegan-dodd"]),
            ("prioritize-broken", ["prioritize", broken]),
            ("prioritize-explain-unknown", ["prioritize", kotim, "-e", "nosuch"]),
        ]
        for name, args in cases:
            _run(out, name, args, ROOT, tmp)

        for lang in ("id", "en"):
            target = tmp / f"render-{lang}"
            _run(
                out,
                f"render-{lang}",
                ["render", kotim, "--lang", lang, "-o", str(target)],
                ROOT,
                tmp,
            )
            _listing(out, f"render-{lang}", target)
        _run(out, "render-broken", ["render", broken, "-o", str(tmp / "rb")], ROOT, tmp)

        repo = _git_plan(tmp)
        for fmt in ("text", "markdown", "json"):
            _run(out, f"diff-{fmt}", ["diff", "HEAD~1", "HEAD", "plan", "-f", fmt], repo, tmp)
        _run(out, "diff-worktree", ["diff", "--plan", "plan"], repo, tmp)
        _run(out, "diff-badrev", ["diff", "nosuch", "HEAD", "plan"], repo, tmp)

        scaffold = tmp / "init"
        _run(
            out,
            "init",
            ["init", str(scaffold), "--region", "Contoh", "--period", "2025-2034"],
            ROOT,
            tmp,
        )
        _listing(out, "init", scaffold)
        _run(out, "init-again", ["init", str(scaffold), "--region", "Contoh"], ROOT, tmp)
        _run(out, "init-validate", ["validate", str(scaffold)], ROOT, tmp)
        _run(out, "schema", ["schema"], ROOT, tmp)
        _run(out, "schema-out", ["schema", "--out", str(tmp / "schemas")], ROOT, tmp)
        _listing(out, "schema-out", tmp / "schemas")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("build/snapshot"))
