"""Reporters called directly on result objects, writing to a StringIO.

The CLI tests (test_cli_prioritize, test_diff, test_validate_cli) run the same
reporters through typer; these pin each format's shape without a subprocess
or a terminal, and the registry that names them.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from smartplan.check.config import RuleConfig
from smartplan.check.engine import validate_plan
from smartplan.check.rules import get_rule
from smartplan.diff.compare import (
    BudgetDiff,
    BudgetRow,
    FieldChange,
    PlanDiff,
    ProblemDiff,
    ProblemRef,
    ProgramChange,
    ProgramRef,
    RankDiff,
    Side,
)
from smartplan.model import Plan
from smartplan.prioritize import prioritize, schedule
from smartplan.prioritize.result import (
    PrioritizeResult,
    find_program,
    shown_programs,
)
from smartplan.report import CSV_STYLES, commands, formats, get_reporter, reporters_for
from smartplan.text import fixed, md_cell
from tests.conftest import KOTIM

REPORT_DIR = Path(__file__).resolve().parent.parent / "smartplan" / "report"

needs_kotim = pytest.mark.skipif(not (KOTIM / "plan.yaml").exists(), reason="no Kotim plan")


# --------------------------------------------------------------------------
# The registry


def test_every_registered_reporter_resolves() -> None:
    assert set(commands()) == {"validate", "prioritize", "diff", "rules"}
    for command in commands():
        reporters = reporters_for(command)
        assert list(reporters) == list(formats(command))
        assert all(callable(r) for r in reporters.values())


def test_unknown_format_or_command_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="known: table, json, csv"):
        get_reporter("prioritize", "xml")
    with pytest.raises(KeyError, match="no reporters"):
        formats("nosuch")


def test_cli_format_choices_are_the_registry_keys() -> None:
    from smartplan.cli import diff_cmd, outputs, prioritize_cmd

    # validate takes NAME[:FILE]: its help lists the registry's names in order
    assert ", ".join(formats("validate")) == outputs._FORMATS
    for enum, command in (
        (prioritize_cmd.PrioritizeFormat, "prioritize"),
        (diff_cmd.DiffFormat, "diff"),
    ):
        assert tuple(member.value for member in enum) == formats(command)
    assert tuple(s.value for s in prioritize_cmd.CsvStyle) == CSV_STYLES


def test_registry_imports_no_reporter_module() -> None:
    code = (
        "import sys, smartplan.report; "
        "heavy = [m for m in sys.modules if m.split('.')[0] in "
        "('rich', 'jinja2', 'yaml', 'babel', 'jsonschema') "
        "or m.startswith('smartplan.report.')]; print(heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_reporters_never_import_typer() -> None:
    for path in sorted(REPORT_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            assert not any(n.split(".")[0] == "typer" for n in names), path.name


# --------------------------------------------------------------------------
# The shared Markdown cell escaper


def test_md_cell_keeps_render_and_diff_escapes_apart() -> None:
    text = "a |\nb\\c <i> d>e"
    assert md_cell(text) == "a \\| b\\\\c &lt;i> d>e"
    assert md_cell(text, escape_gt=True) == "a \\| b\\\\c &lt;i&gt; d&gt;e"
    assert md_cell(None) == ""
    assert md_cell(12) == "12"


# --------------------------------------------------------------------------
# prioritize


@pytest.fixture(scope="module")
def kotim() -> Plan:
    result = validate_plan(KOTIM, use_baseline=False)
    assert result.ok
    return result.plan


def _run(plan: Plan, **kwargs: object) -> PrioritizeResult:
    ranking = prioritize(plan, top=3)
    shown = shown_programs(ranking, None, 3)
    return PrioritizeResult(plan=plan, ranking=ranking, shown=shown, **kwargs)  # type: ignore[arg-type]


@needs_kotim
@pytest.mark.parametrize(
    ("style", "sep", "decimal"), [("standard", ",", "."), ("excel-id", ";", ",")]
)
def test_csv_styles(kotim: Plan, style: str, sep: str, decimal: str) -> None:
    result = _run(kotim)
    out = io.StringIO()
    get_reporter("prioritize", "csv")(result, out, style=style)
    text = out.getvalue()
    assert text.startswith("\ufeffrank" + sep + "id" + sep)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep))
    assert len(rows) == 1 + 3
    header, first = rows[0], rows[1]
    score = first[header.index("score")]
    assert decimal in score
    assert float(score.replace(",", ".")) == pytest.approx(result.shown[0].score, abs=1e-6)
    assert [r[header.index("rank")] for r in rows[1:]] == ["1", "2", "3"]


@needs_kotim
def test_csv_rejects_an_unknown_style(kotim: Plan) -> None:
    with pytest.raises(ValueError, match="CSV style"):
        get_reporter("prioritize", "csv")(_run(kotim), io.StringIO(), style="excel")


@needs_kotim
def test_json_lists_only_the_programs_shown(kotim: Plan) -> None:
    result = _run(kotim)
    out = io.StringIO()
    get_reporter("prioritize", "json")(result, out)
    data = json.loads(out.getvalue())
    assert data["explain"] is None and data["roadmap"] is None
    shown = [p.id for p in result.shown]
    assert [p["id"] for p in data["ranking"]["programs"]] == shown
    for key in ("placements", "declared_problems", "candidates"):
        assert {item["id"] for item in data["ranking"]["quick_wins"][key]} <= set(shown)


@needs_kotim
def test_table_explain_shows_the_arithmetic(kotim: Plan) -> None:
    base = _run(kotim)
    program = base.ranking.programs[0]
    result = replace(base, explained=find_program(base.ranking, program.id, "kotim"))
    out = io.StringIO()
    get_reporter("prioritize", "table")(result, out, width=140)
    text = out.getvalue()
    assert "\x1b[" not in text  # a StringIO is no terminal: no colour
    assert f"{program.id} — {program.name}: rank 1 of {len(base.ranking.programs)}" in text
    assert "Points = 100 × weight × normalised." in text
    # kotim's emphasis is a bonus: the score is the criteria score plus the pillar's points
    assert f"Score = {fixed(program.base_score, 2)} + {fixed(program.pillar_bonus, 2)}" in text
    assert f"Rank {program.base_rank} by the criteria alone, 1 after the pillar emphasis" in text


@needs_kotim
def test_unknown_program_names_close_ids(kotim: Plan) -> None:
    from smartplan.errors import UsageError

    ranking = prioritize(kotim)
    typo = ranking.programs[0].id[:-1]
    with pytest.raises(UsageError) as caught:
        find_program(ranking, typo, "kotim")
    assert ranking.programs[0].id in (caught.value.hint or "")


@needs_kotim
def test_roadmap_as_planned_is_the_plans_budget_per_year(kotim: Plan) -> None:
    planned = kotim.planned_budget_by_year()
    assert sum(planned.values()) == sum(p.total_budget for p in kotim.programs.values())
    base = _run(kotim)
    result = replace(base, roadmap=schedule(kotim, base.ranking))
    assert result.planned_by_year == planned
    out = io.StringIO()
    get_reporter("prioritize", "table")(result, out, width=160)
    assert "As planned" in out.getvalue()


@needs_kotim
def test_pillar_filter_keeps_whole_plan_ranks(kotim: Plan) -> None:
    ranking = prioritize(kotim)
    shown = shown_programs(ranking, "economy", None)
    assert shown and all(p.pillar == "economy" for p in shown)
    assert [p.rank for p in shown] == sorted(p.rank for p in shown)
    assert len(shown_programs(ranking, None, 2)) == 2


# --------------------------------------------------------------------------
# diff


def _side(label: str, programs: int) -> Side:
    return Side(label, None, None, True, 0, 0, programs)


def _diff(**changes: object) -> PlanDiff:
    total = BudgetRow("total", 100, 100, 0)
    plain = PlanDiff(
        plan="plans/x",
        plan_id="x",
        old=_side("HEAD", 1),
        new=_side("working tree", 1),
        added=(),
        removed=(),
        renamed=(),
        changed=(),
        unreadable=(),
        budget=BudgetDiff((), (), total, None),
        ranks=RankDiff(True, None, ()),
        quick_wins=(),
        problems=ProblemDiff((), ()),
    )
    return replace(plain, **changes)  # type: ignore[arg-type]


def test_diff_without_changes() -> None:
    for name in ("text", "markdown"):
        out = io.StringIO()
        get_reporter("diff", name)(_diff(), out)
        assert "No changes." in out.getvalue()


def test_diff_markdown_escapes_cells_and_code() -> None:
    added = ProgramRef("eco-a", "Pasar | <Digital>\nbaru", "economy", "a.yaml", 1_500, True)
    changed = ProgramChange("eco-b", "B", (FieldChange("name", "x`y", "z"),))
    problem = ProblemRef("error", "R002", "p|q.yaml", 3, "needs a > b")
    diff = _diff(
        added=(added,),
        changed=(changed,),
        new=replace(_side("feature|1", 2), errors=1),
        problems=ProblemDiff((problem,), ()),
    )
    out = io.StringIO()
    get_reporter("diff", "markdown")(diff, out)
    text = out.getvalue()
    assert "| `eco-a` | Pasar \\| &lt;Digital&gt; baru | economy | Rp1.500 | yes |" in text
    assert "Comparing **HEAD** → **feature\\|1**." in text
    assert '- `eco-b`: B\n  - `name`: ``"x`y"`` → `"z"`' in text
    assert "| error | R002 | `p\\|q.yaml` | 3 | needs a &gt; b |" in text
    # every table row has as many cells as its header
    for block in text.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        assert len({r.replace("\\|", "").count("|") for r in rows}) <= 1


def test_diff_text_and_json() -> None:
    added = ProgramRef("eco-a", "Pasar [b]", "economy", "a.yaml", 2_000, False)
    diff = _diff(added=(added,), new=_side("working tree", 2))
    out = io.StringIO()
    get_reporter("diff", "text")(diff, out, width=100)
    text = out.getvalue()
    assert "smartplan diff plans/x: HEAD → working tree" in text
    assert "+ eco-a  Pasar [b] · economy · Rp2.000" in text  # markup in names is escaped
    assert "\x1b[" not in text
    out = io.StringIO()
    get_reporter("diff", "json")(diff, out)
    assert json.loads(out.getvalue()) == diff.to_dict()


# --------------------------------------------------------------------------
# rules


def test_rules_explain() -> None:
    rule = get_rule("R001")
    assert rule is not None
    out = io.StringIO()
    get_reporter("rules", "explain")(rule, out)
    lines = out.getvalue().splitlines()
    assert lines[0] == f"R001 {rule.name} ({rule.severity.value})"
    assert lines[1] == ""
    assert rule.doc.strip().splitlines()[0] in out.getvalue()


def test_rules_list_with_a_plans_configuration() -> None:
    from smartplan.report.rules import effective_level

    rule = get_rule("R001")
    assert rule is not None
    config = RuleConfig(severities={"R001": None}, sources={"R001": "plan.yaml"})
    assert effective_level(rule, config) == "off (plan.yaml)"
    assert effective_level(rule, None) == rule.severity.value
    out = io.StringIO()
    get_reporter("rules", "list")([rule], out, config=config, plan="plans/x")
    text = out.getvalue()
    assert "smartplan rules for plans/x" in text
    assert "off (plan.yaml)" in text
    assert text.rstrip().endswith("Explain one rule: smartplan rules CODE")


def test_diff_markdown_makes_links_and_images_in_plan_text_inert() -> None:
    hostile = "Hub ![px](https://evil.example/p.png) [login](https://evil.example/login)"
    diff = _diff(added=(ProgramRef("eco-a", hostile, "economy", "a.yaml", 1, False),))
    out = io.StringIO()
    get_reporter("diff", "markdown")(diff, out)
    text = out.getvalue()
    assert "](https://evil.example" not in text  # no link or image syntax survives
    assert "Hub !&#91;px&#93;(https://evil.example/p.png) &#91;login&#93;" in text


@pytest.mark.parametrize(
    "name", ["Hub\x1b[2J", "Hub \x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\", "Hub\x9b5m\x07"]
)
def test_diff_text_shows_control_characters_inert(name: str) -> None:
    diff = _diff(added=(ProgramRef("eco-a", name, "economy", "a.yaml", 1, False),))
    out = io.StringIO()
    get_reporter("diff", "text")(diff, out, width=120)
    text = out.getvalue()
    assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "Hub\\x" in text or "Hub \\x1b" in text


def test_prioritize_table_and_explain_show_control_characters_inert(kotim: Plan) -> None:
    program = kotim.programs["eco-sampit-creative-hub"]
    hostile = replace(program, name=replace(program.name, id="Hub\x1b[2J[bold]x[/bold]"))
    plan = replace(kotim, programs={**kotim.programs, program.id: hostile})
    ranking = prioritize(plan)
    result = PrioritizeResult(
        plan=plan,
        ranking=ranking,
        shown=ranking.programs[:5],
        explained=ranking.get(program.id),
    )
    out = io.StringIO()
    get_reporter("prioritize", "table")(result, out, width=160)
    text = out.getvalue()
    assert "\x1b" not in text
    assert "Hub\\x1b[2J[bold]x[/bold]" in text  # shown as typed: no escape, no markup


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Pasar = pusat", "Pasar = pusat"),
        ("baris\nkedua", "baris\nkedua"),
        ("", ""),
    ],
)
def test_csv_text_neutralises_formula_starts(cell: str, safe: str) -> None:
    from smartplan.report.prioritize import csv_text

    assert csv_text(cell) == safe
