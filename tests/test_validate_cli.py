"""``smartplan validate`` and ``smartplan rules`` as a user runs them.

Most tests drive the real typer app through CliRunner; a few run
``python -m smartplan`` in a real process to check exit codes and that no
traceback ever reaches the user. The environment is cleaned of variables
that change the output (GITHUB_ACTIONS, NO_COLOR, FORCE_COLOR), so the tests
behave the same inside GitHub Actions.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from smartplan.check.rules import all_rules
from smartplan.cli import app
from smartplan.problem import Problem, Severity
from smartplan.report.validate import RunSummary, github
from tests.planedit import apply_edits

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
ECO = "programs/economy/eco-pasar-digital.yaml"
CLEAN_ENV: dict[str, str | None] = {"GITHUB_ACTIONS": None, "NO_COLOR": None, "FORCE_COLOR": None}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
JSON_KEYS = ["file", "line", "column", "pointer", "code", "rule", "severity", "message", "hint"]

#: one error (R002, with a hint) in a program and one warning (B003) in plan.yaml
BROKEN = {
    ECO: {"replace": [["lead_agency: diskominfo", "lead_agency: dinas-kominfo"]]},
    "plan.yaml": {"replace": [["  2026: 5000000000\n", "  2026: 5000000000\n  2031: 1\n"]]},
}
#: a warning only (B003)
WARNING_ONLY = {"plan.yaml": BROKEN["plan.yaml"]}


def invoke(*args: str, env: dict[str, str | None] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env={**CLEAN_ENV, **(env or {})})


def make_plan(base: Path, name: str = "plan", edits: dict | None = None) -> Path:
    plan = base / name
    shutil.copytree(MINIMAL, plan)
    apply_edits(plan, edits or {})
    return plan


@pytest.fixture
def broken_plan(tmp_path: Path) -> Path:
    return make_plan(tmp_path, edits=BROKEN)


def problems_of(result: Result) -> list[dict]:
    return json.loads(result.stdout)


# --------------------------------------------------------------------------
# Exit codes


def test_valid_plan_exits_0(minimal_plan: Path) -> None:
    result = invoke("validate", str(minimal_plan))
    assert result.exit_code == 0, result.output
    assert result.stdout == "✓ no problems (15 files checked)\n"
    assert result.stderr == ""


def test_errors_exit_1(broken_plan: Path) -> None:
    result = invoke("validate", str(broken_plan))
    assert result.exit_code == 1
    assert result.stderr == ""


def test_warnings_alone_exit_0_and_1_with_strict(tmp_path: Path) -> None:
    plan = make_plan(tmp_path, edits=WARNING_ONLY)
    relaxed = invoke("validate", str(plan))
    assert relaxed.exit_code == 0, relaxed.output
    assert "B003" in relaxed.stdout
    assert relaxed.stdout.rstrip().endswith("(15 files checked)")
    assert relaxed.stdout.splitlines()[-1].startswith("! 0 errors, 1 warning in 1 file")
    strict = invoke("validate", "--strict", str(plan))
    assert strict.exit_code == 1
    assert strict.stdout == relaxed.stdout


def test_strict_on_a_clean_plan_exits_0(minimal_plan: Path) -> None:
    assert invoke("validate", "--strict", str(minimal_plan)).exit_code == 0


def test_missing_directory_exits_2(tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path / "plans" / "kotim"))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    target = f"{tmp_path.as_posix()}/plans/kotim"
    assert lines[0] == f"smartplan: error: {target} does not exist"
    # the hint names the path given, never an example plan
    assert f"smartplan init {target} --region NAME" in lines[1]


def test_directory_without_plan_yaml_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    result = invoke("validate", str(tmp_path / "notes"))
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"smartplan: error: no plan.yaml in {tmp_path.as_posix()}/notes or any folder under it\n"
    )
    assert "plans/kotim" not in result.stderr


def test_current_directory_without_plan_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", ".")
    assert result.exit_code == 2
    assert "no plan.yaml in the current folder or any folder under it" in result.stderr
    assert "plans/kotim" not in result.stderr


def test_a_file_outside_any_plan_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "notes.yaml"
    target.write_text("a: 1\n")
    result = invoke("validate", str(target))
    assert result.exit_code == 2
    assert f"{target.as_posix()} is not inside a plan" in result.stderr
    assert "Traceback" not in result.output


def test_default_is_the_current_directory(
    minimal_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_plan)
    result = invoke("validate")
    assert result.exit_code == 0, result.output
    assert "no problems" in result.stdout


def test_one_missing_plan_among_several_exits_2(minimal_plan: Path, tmp_path: Path) -> None:
    result = invoke("validate", str(minimal_plan), str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_symlink_leaving_the_plan_is_f001(minimal_plan: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text((minimal_plan / ECO).read_text(encoding="utf-8"), encoding="utf-8")
    (minimal_plan / "programs" / "economy" / "eco-luar.yaml").symlink_to(outside)
    result = invoke("validate", "--format", "json", str(minimal_plan))
    assert result.exit_code == 1
    (problem,) = problems_of(result)
    assert problem["file"].endswith("/programs/economy/eco-luar.yaml")
    assert (problem["code"], problem["line"]) == ("F001", 0)
    assert problem["message"] == "symbolic link points outside the plan directory"


def test_unknown_format_is_a_usage_error(minimal_plan: Path) -> None:
    result = invoke("validate", "--format", "xml", str(minimal_plan))
    assert result.exit_code == 2
    assert "xml" in result.stderr


# --------------------------------------------------------------------------
# Text output


def test_text_output_grouped_by_file_with_summary(broken_plan: Path) -> None:
    result = invoke("validate", str(broken_plan))
    root = broken_plan.as_posix()
    assert result.stdout.splitlines() == [
        f"{root}/plan.yaml",
        "  20:3  warning  ceiling for 2031 lies outside the plan period 2025–2029  "
        "B003 budget.ceiling-year",
        "",
        f"{root}/{ECO}",
        "  7:14  error    lead agency 'dinas-kominfo' is not in agencies.yaml  "
        "R002 references.agency",
        "                 hint: did you mean 'diskominfo'?",
        "",
        "✖ 1 error, 1 warning in 2 files (15 files checked)",
    ]


def test_text_output_one_header_per_file(tmp_path: Path) -> None:
    edits = {
        ECO: {
            "replace": [
                ["lead_agency: diskominfo", "lead_agency: dinas-kominfo"],
                ["element: ECO-3", "element: LIV-2"],
                ["  cost: 2\n", "  cost: 9\n"],
            ]
        }
    }
    plan = make_plan(tmp_path, edits=edits)
    result = invoke("validate", str(plan))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines.count(f"{plan.as_posix()}/{ECO}") == 1
    located = [m.group(1) for m in map(re.compile(r"^  (\d+:\d+) ").match, lines) if m]
    assert located == ["6:10", "7:14", "29:9"]  # in line order
    assert lines[-1] == "✖ 3 errors, 0 warnings in 1 file (15 files checked)"


def test_no_colour_when_not_a_terminal(broken_plan: Path) -> None:
    assert not ANSI.search(invoke("validate", str(broken_plan)).stdout)


def test_force_color_env_and_no_color_env(broken_plan: Path) -> None:
    forced = invoke("validate", str(broken_plan), env={"FORCE_COLOR": "1"})
    assert ANSI.search(forced.stdout)
    assert "\x1b[31merror" in forced.stdout
    both = invoke("validate", str(broken_plan), env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not ANSI.search(both.stdout)
    assert ANSI.sub("", forced.stdout) == both.stdout


def test_color_flag_beats_no_color(broken_plan: Path) -> None:
    result = invoke("validate", "--color", str(broken_plan), env={"NO_COLOR": "1"})
    assert "\x1b[1;4m" in result.stdout  # the file header
    assert "\x1b[33mwarning" in result.stdout
    off = invoke("validate", "--no-color", str(broken_plan), env={"FORCE_COLOR": "1"})
    assert not ANSI.search(off.stdout)


def test_several_plans_in_one_run(tmp_path: Path) -> None:
    good = make_plan(tmp_path, "good")
    bad = make_plan(tmp_path, "bad", BROKEN)
    result = invoke("validate", str(good), str(bad))
    assert result.exit_code == 1
    assert f"{bad.as_posix()}/{ECO}" in result.stdout
    assert good.as_posix() not in result.stdout
    assert result.stdout.splitlines()[-1] == (
        "✖ 1 error, 1 warning in 2 files (30 files checked in 2 plans)"
    )


def test_several_clean_plans(tmp_path: Path) -> None:
    plans = [str(make_plan(tmp_path, name)) for name in ("a", "b", "c")]
    result = invoke("validate", *plans)
    assert result.exit_code == 0
    assert result.stdout == "✓ no problems (45 files checked in 3 plans)\n"


def test_relative_paths_are_shown_as_given(
    minimal_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    apply_edits(minimal_plan, WARNING_ONLY)
    monkeypatch.chdir(minimal_plan.parent)
    result = invoke("validate", "--format", "parsable", minimal_plan.name)
    assert result.stdout.startswith(f"{minimal_plan.name}/plan.yaml:20:3: [warning]")


# --------------------------------------------------------------------------
# Machine formats


def test_json_format(broken_plan: Path) -> None:
    result = invoke("validate", "--format", "json", str(broken_plan))
    assert result.exit_code == 1
    problems = problems_of(result)
    assert [list(p) for p in problems] == [JSON_KEYS, JSON_KEYS]
    root = broken_plan.as_posix()
    assert problems == [
        {
            "file": f"{root}/plan.yaml",
            "line": 20,
            "column": 3,
            "pointer": "/budget_ceilings/2031",
            "code": "B003",
            "rule": "budget.ceiling-year",
            "severity": "warning",
            "message": "ceiling for 2031 lies outside the plan period 2025–2029",
            "hint": None,
        },
        {
            "file": f"{root}/{ECO}",
            "line": 7,
            "column": 14,
            "pointer": "/lead_agency",
            "code": "R002",
            "rule": "references.agency",
            "severity": "error",
            "message": "lead agency 'dinas-kominfo' is not in agencies.yaml",
            "hint": "did you mean 'diskominfo'?",
        },
    ]


def test_json_format_is_stable_and_clean(broken_plan: Path) -> None:
    first = invoke("validate", "-f", "json", str(broken_plan))
    second = invoke("validate", "-f", "json", str(broken_plan), env={"FORCE_COLOR": "1"})
    assert first.stdout == second.stdout  # no colour, no summary line: pure JSON
    assert first.stdout.lstrip().startswith("[")


def test_json_format_for_a_clean_plan(minimal_plan: Path) -> None:
    result = invoke("validate", "--format", "json", str(minimal_plan))
    assert result.exit_code == 0
    assert problems_of(result) == []


def test_json_keeps_non_ascii(tmp_path: Path) -> None:
    plan = make_plan(
        tmp_path, edits={ECO: {"replace": [["cost: 2\n", "cost: 2\nbiaya–total: 1\n"]]}}
    )
    result = invoke("validate", "--format", "json", str(plan))
    assert "unknown key 'biaya–total'" in result.stdout


def test_over_ceiling_is_placed_at_the_year(tmp_path: Path) -> None:
    plan = make_plan(
        tmp_path, edits={"plan.yaml": {"replace": [["  2025: 5000000000", "  2025: 1500000000"]]}}
    )
    result = invoke("validate", "--format", "json", str(plan))
    assert result.exit_code == 1
    (problem,) = problems_of(result)
    assert problem["file"] == f"{plan.as_posix()}/plan.yaml"
    assert (problem["code"], problem["pointer"]) == ("B002", "/budget_ceilings/2025")
    assert (problem["line"], problem["column"]) == (18, 9)
    assert problem["message"] == (
        "programs need Rp2.000.000.000 in 2025, over the ceiling of Rp1.500.000.000 "
        "by Rp500.000.000"
    )
    assert problem["hint"].startswith("largest in 2025: eco-pasar-digital (Rp500.000.000), ")


def test_parsable_format(broken_plan: Path) -> None:
    result = invoke("validate", "--format", "parsable", str(broken_plan))
    root = broken_plan.as_posix()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{root}/plan.yaml:20:3: [warning] ceiling for 2031 lies outside the plan period "
        "2025–2029 (B003)",
        f"{root}/{ECO}:7:14: [error] lead agency 'dinas-kominfo' is not in agencies.yaml (R002)",
    ]


def test_github_format(broken_plan: Path) -> None:
    result = invoke("validate", "--format", "github", str(broken_plan))
    root = broken_plan.as_posix().replace(":", "%3A").replace(",", "%2C")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"::warning file={root}/plan.yaml,line=20,col=3,title=B003 budget.ceiling-year::"
        "ceiling for 2031 lies outside the plan period 2025–2029",
        f"::error file={root}/{ECO},line=7,col=14,title=R002 references.agency::"
        "lead agency 'dinas-kominfo' is not in agencies.yaml (hint: did you mean 'diskominfo'?)",
        "1 error, 1 warning in 2 files (15 files checked)",
    ]


def test_github_actions_env_switches_the_default(broken_plan: Path) -> None:
    result = invoke("validate", str(broken_plan), env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::warning file=")
    explicit = invoke("validate", "-f", "text", str(broken_plan), env={"GITHUB_ACTIONS": "true"})
    assert explicit.stdout.startswith(broken_plan.as_posix())
    other = invoke("validate", str(broken_plan), env={"GITHUB_ACTIONS": "false"})
    assert not other.stdout.startswith("::")


def test_github_escapes_percent_and_property_separators(tmp_path: Path) -> None:
    plan = make_plan(
        tmp_path, "plan,v1:final", {ECO: {"replace": [["cost: 2\n", "cost: 2\ndiskon%: 10\n"]]}}
    )
    result = invoke("validate", "--format", "github", str(plan))
    (line,) = [row for row in result.stdout.splitlines() if row.startswith("::error")]
    assert "file=" + str(tmp_path).replace(":", "%3A").replace(",", "%2C") in line
    assert "/plan%2Cv1%3Afinal/programs/economy/eco-pasar-digital.yaml,line=30,col=1," in line
    assert "::unknown key 'diskon%25' (hint: allowed keys here: kind, id, name," in line
    assert "diskon%'" not in line


@pytest.mark.skipif(sys.platform == "win32", reason="newlines in file names")
def test_github_escapes_newlines_in_messages(tmp_path: Path) -> None:
    # a directory named like a YAML file, with a newline in its name: the F001
    # message repeats the path, so the message must escape the newline
    plan = make_plan(tmp_path, edits={"programs/economy/eco\nx.yaml": {"mkdir": True}})
    result = invoke("validate", "--format", "github", str(plan))
    annotations = [row for row in result.stdout.splitlines() if row.startswith("::")]
    assert len(annotations) == 1
    (line,) = annotations
    assert line.startswith("::error file=")
    assert "eco%0Ax.yaml" in line
    assert "line=" not in line  # a whole-file problem has no position


def test_github_reporter_escaping() -> None:
    problem = Problem(
        file="plans/a,b:c/plan.yaml",
        line=3,
        column=5,
        code="S004",
        severity=Severity.ERROR,
        message="100% wrong\r\nsecond line",
        hint="50% off",
        rule="schema.value",
    )
    out = io.StringIO()
    github([problem], RunSummary(plans=1, files=1), out, False)
    first = out.getvalue().splitlines()[0]
    assert first == (
        "::error file=plans/a%2Cb%3Ac/plan.yaml,line=3,col=5,title=S004 schema.value::"
        "100%25 wrong%0D%0Asecond line (hint: 50%25 off)"
    )


# --------------------------------------------------------------------------
# smartplan rules and --version


def test_rules_lists_every_code() -> None:
    result = invoke("rules")
    assert result.exit_code == 0
    for rule in all_rules():
        assert rule.code in result.stdout
        assert rule.name in result.stdout
    assert "smartplan rules CODE" in result.stdout


@pytest.mark.parametrize("code", ["D001", "d001", "dependencies.cycle"])
def test_rules_explains_one(code: str) -> None:
    result = invoke("rules", code)
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("D001 dependencies.cycle (error)")
    assert "Failing:" in out and "Passing:" in out
    assert out.index("Failing:") < out.index("Passing:")
    assert "depends_on: [eco-qris-pasar]" in out


@pytest.mark.parametrize("code", [rule.code for rule in all_rules()])
def test_rules_explains_every_rule(code: str) -> None:
    result = invoke("rules", code)
    assert result.exit_code == 0
    assert result.stdout.startswith(code)
    assert "Failing" in result.stdout and "Passing" in result.stdout


def test_rules_unknown_code_exits_2() -> None:
    result = invoke("rules", "XYZ")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("smartplan: error: unknown rule 'XYZ'\n")
    assert "D001" in result.stderr


def test_version() -> None:
    from smartplan import __version__

    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout == f"smartplan {__version__}\n"


# --------------------------------------------------------------------------
# Known bugs (see the report): strict xfails keep the suite green until fixed


def test_unparsable_pillar_file_is_not_reported_missing(tmp_path: Path) -> None:
    plan = make_plan(
        tmp_path,
        edits={"pillars/economy.yaml": {"replace": [["ECO-3]", "ECO-3"]]}},
    )
    codes = {p["code"] for p in problems_of(invoke("validate", "-f", "json", str(plan)))}
    assert codes == {"Y001"}


def test_invalid_pillar_value_is_one_problem(tmp_path: Path) -> None:
    plan = make_plan(tmp_path, edits={ECO: {"replace": [["pillar: economy", "pillar: ekonomi"]]}})
    codes = [p["code"] for p in problems_of(invoke("validate", "-f", "json", str(plan)))]
    assert codes == ["S004"]


def test_self_dependency_is_one_problem(tmp_path: Path) -> None:
    plan = make_plan(
        tmp_path,
        edits={
            "programs/living/liv-telemedisin.yaml": {
                "replace": [["depends_on: [gov-satu-data]", "depends_on: [liv-telemedisin]"]]
            }
        },
    )
    codes = [p["code"] for p in problems_of(invoke("validate", "-f", "json", str(plan)))]
    assert codes == ["R003"]


# --------------------------------------------------------------------------
# Real processes


def _run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=60,
    )


def test_process_broken_plan_exits_1_without_traceback(tmp_path: Path) -> None:
    bomb = "".join(
        f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}' if i > 1 else 'lol'] * 9)}]\n"
        for i in range(1, 10)
    )
    plan = make_plan(
        tmp_path,
        edits={
            **BROKEN,
            "programs/governance/gov-satu-data.yaml": {"append": bomb},
            "programs/society/soc-perpustakaan-digital.yaml": {
                "replace": [["years:\n  start", "years:\n\tstart"]]
            },
            "agencies.yaml": {"bytes": "//5rAGkA"},  # UTF-16 with a BOM
        },
    )
    proc = _run("validate", "--format", "parsable", str(plan))
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stderr == ""
    prefix = plan.as_posix() + "/"
    found = [
        (
            line.removeprefix(prefix).split(":")[0],
            *line.removeprefix(prefix).split(":")[1:3],
            line.rsplit("(", 1)[1].rstrip(")"),
        )
        for line in proc.stdout.splitlines()
    ]
    # agencies.yaml cannot be read, so the agency reference (R002) is not checked
    assert found == [
        ("plan.yaml", "20", "3", "B003"),
        ("agencies.yaml", "1", "1", "F003"),
        ("programs/governance/gov-satu-data.yaml", "29", "37", "Y003"),
        ("programs/society/soc-perpustakaan-digital.yaml", "10", "1", "Y001"),
    ]


def test_process_missing_plan_exits_2(tmp_path: Path) -> None:
    proc = _run("validate", str(tmp_path / "plans" / "kotim"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"smartplan: error: {tmp_path.as_posix()}/plans/kotim does not")


def test_process_valid_plan_and_rules(tmp_path: Path) -> None:
    plan = make_plan(tmp_path)
    proc = _run("validate", str(plan))
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout == "✓ no problems (15 files checked)\n"
    listing = _run("rules")
    assert listing.returncode == 0
    assert "Traceback" not in listing.stderr
    assert all(rule.code in listing.stdout for rule in all_rules())


def test_loading_pauses_the_collector_and_restores_it() -> None:
    import gc

    from smartplan.cli.common import loading

    assert gc.isenabled()
    try:
        with loading():
            assert not gc.isenabled()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # the loaded objects are left out of later passes
        gc.disable()
        with loading():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.unfreeze()
        gc.enable()


def test_running_out_of_memory_is_one_clear_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import smartplan.check.engine

    def exhausted(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(smartplan.check.engine, "validate_plan", exhausted)
    result = invoke("validate", str(MINIMAL))
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "smartplan: error: ran out of memory"
    assert lines[1].startswith("  hint: ")
    assert len(lines) == 2


#: a schema error (S001) in one program and a syntax error (Y001) in another file
OFF_SCHEMA = {
    ECO: {"replace": [["impact: 4", "impact: tinggi"]]},
    "agencies.yaml": {"replace": [["agencies:", "agencies: ["]]},
}


def test_files_left_out_of_the_consistency_checks_are_counted(tmp_path: Path) -> None:
    from smartplan.check.engine import validate_plan

    plan = make_plan(tmp_path, edits=OFF_SCHEMA)
    result = validate_plan(plan)
    assert {p.code for p in result.problems} >= {"S001", "Y001"}
    assert sorted(Path(f).name for f in result.unchecked) == [
        "agencies.yaml",
        "eco-pasar-digital.yaml",
    ]
    out = invoke("validate", str(plan))
    assert out.exit_code == 1
    assert out.stdout.splitlines()[-1] == (
        "  note: 2 files with read, syntax or schema errors were not checked for references, "
        "years, budgets or dependencies; validate again once they are fixed"
    )


def test_no_note_when_every_file_was_checked(broken_plan: Path) -> None:
    out = invoke("validate", str(broken_plan))
    assert out.exit_code == 1
    assert "R002" in out.stdout
    assert "note:" not in out.stdout


# --------------------------------------------------------------------------
# What a PATH stands for: a folder of plans, a plan file, standard input


def _two_plans(root: Path, minimal_plan: Path) -> tuple[Path, Path]:
    a, b = root / "plans" / "a", root / "plans" / "nested" / "b"
    shutil.copytree(minimal_plan, a)
    shutil.copytree(minimal_plan, b)
    shutil.copytree(minimal_plan, root / "plans" / ".hidden")
    shutil.copytree(minimal_plan, root / "plans" / "a" / "build" / "inner")
    return a, b


LEAD = "programs/economy/eco-pasar-digital.yaml"


def _break_lead(plan: Path) -> None:
    path = plan / LEAD
    path.write_text(path.read_text().replace("lead_agency: diskominfo", "lead_agency: nope"))


def test_a_folder_of_plans_validates_each_plan_under_it(
    tmp_path: Path, minimal_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _a, b = _two_plans(tmp_path, minimal_plan)
    _break_lead(b)
    monkeypatch.chdir(tmp_path)
    result = invoke("validate", "plans", "--format", "json")
    assert result.exit_code == 1, result.output
    assert [p["file"] for p in json.loads(result.stdout)] == [f"plans/nested/b/{LEAD}"]
    text = invoke("validate", "plans")
    assert "in 2 plans" in text.stdout


def test_a_file_validates_its_plan_and_reports_that_file_first(
    minimal_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_lead(minimal_plan)
    other = minimal_plan / "programs/branding/bra-festival-digital.yaml"
    other.write_text(other.read_text().replace("lead_agency: bappeda", "lead_agency: lain"))
    monkeypatch.chdir(minimal_plan.parent)
    everything = invoke("validate", "plan", "--format", "json")
    order = [p["file"] for p in json.loads(everything.stdout)]
    assert order == ["plan/programs/branding/bra-festival-digital.yaml", f"plan/{LEAD}"]
    result = invoke("validate", f"plan/{LEAD}", "--format", "json")
    assert result.exit_code == 1
    assert [p["file"] for p in json.loads(result.stdout)] == order[::-1]
    # from inside the program folder, the file alone is enough
    monkeypatch.chdir(minimal_plan / "programs" / "economy")
    result = invoke("validate", "eco-pasar-digital.yaml", "--format", "parsable")
    assert result.exit_code == 1
    assert result.stdout.startswith("../../programs/economy/eco-pasar-digital.yaml:")


def test_stdin_filename_checks_the_unsaved_text(
    minimal_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_plan)
    text = (minimal_plan / LEAD).read_text()
    broken = text.replace("lead_agency: diskominfo", "lead_agency: nope")
    result = CliRunner().invoke(
        app, ["validate", "--stdin-filename", LEAD, "--format", "json"], input=broken
    )
    assert result.exit_code == 1, result.output
    (problem,) = json.loads(result.stdout)
    assert (problem["file"], problem["code"]) == (LEAD, "R002")
    assert problem["line"] == 7  # located in the text given, not in the file on disk
    assert (minimal_plan / LEAD).read_text() == text
    clean = CliRunner().invoke(app, ["validate", "--stdin-filename", LEAD], input=text)
    assert clean.exit_code == 0, clean.output
    # only that file's problems: another broken file is not reported
    other = minimal_plan / "programs/branding/bra-festival-digital.yaml"
    other.write_text(other.read_text().replace("lead_agency: bappeda", "lead_agency: lain"))
    again = CliRunner().invoke(app, ["validate", "--stdin-filename", LEAD], input=text)
    assert again.exit_code == 0, again.output
    syntax = CliRunner().invoke(
        app, ["validate", "--stdin-filename", LEAD, "-f", "json"], input="kind: [\n"
    )
    assert syntax.exit_code == 1
    assert json.loads(syntax.stdout)[0]["code"] == "Y001"


def test_stdin_filename_refuses_a_path_too(minimal_plan: Path) -> None:
    result = CliRunner().invoke(
        app, ["validate", "--stdin-filename", str(minimal_plan / LEAD), str(minimal_plan)]
    )
    assert result.exit_code == 2
    assert "give no PATH" in result.stderr


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_imports_neither_typer_nor_click(flag: str) -> None:
    """``--version`` stays cheaper than importing typer: completion support must not change it."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "smartplan", flag],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.startswith("smartplan ")
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines()}
    assert not imported & {"typer", "click", "rich", "shellingham"}, imported


def test_version_in_the_typer_app_too(runner: CliRunner) -> None:
    from smartplan import __version__

    result = runner.invoke(app, ["-V"])
    assert result.exit_code == 0
    assert result.stdout == f"smartplan {__version__}\n"
