"""``smartplan diff`` against real temporary git repositories."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from smartplan.check.engine import validate_plan
from smartplan.cli import diff_cmd
from smartplan.diff import git as gitplan
from smartplan.diff.compare import diff_revisions, match_renames, rename_similarity
from smartplan.errors import GitError
from tests.conftest import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PLAN = "plans/contoh"
FORMATS = ("text", "markdown", "json")

NEW_PROGRAM = """\
kind: program
id: eco-kartu-tani
name: Kartu Tani Digital
description: Kartu digital bagi petani untuk pupuk bersubsidi dan pembayaran nontunai.
pillar: economy
element: ECO-2
lead_agency: diskominfo
innovation_type: teknologi
years:
  start: 2025
  end: 2025
horizon: short
quick_win: true
budget:
  - year: 2025
    amount: 1200000000
    source: APBD
indicators:
  - id: petani
    name: Petani pemegang kartu
    type: output
    unit: orang
    direction: increase
    baseline: {year: 2024, value: 0}
    targets: {2025: 5000}
scores:
  impact: 5
  urgency: 5
  cost: 1
"""

EXTRA_PROGRAM = """\
kind: program
id: env-sensor-udara
name: Sensor Kualitas Udara
description: Jaringan sensor kualitas udara di pusat kota dengan dasbor terbuka.
pillar: environment
element: ENV-1
lead_agency: diskominfo
innovation_type: teknologi
years:
  start: 2026
  end: 2026
horizon: medium
budget:
  - year: 2026
    amount: 300000000
    source: APBD
scores:
  impact: 2
  urgency: 2
  cost: 4
"""


# --------------------------------------------------------------------------
# Helpers


def git(cwd: Path, *args: str) -> str:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull)
    done = subprocess.run(
        [
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
            *args,
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def programs(plan: Path, pillar: str, program_id: str) -> Path:
    return plan / "programs" / pillar / f"{program_id}.yaml"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    """The smartplan app once diff is registered; until then, diff alone."""
    from smartplan.cli import app as main_app

    if any(command.name == "diff" for command in main_app.registered_commands):
        return main_app
    local = typer.Typer(add_completion=False, rich_markup_mode=None)

    @local.callback()
    def _root() -> None:
        """Test app."""

    local.command("diff")(diff_cmd.diff)
    return local


@pytest.fixture(autouse=True)
def _plain_output(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("FORCE_COLOR", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose first commit holds the minimal plan (plus one program)."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(FIXTURES / "minimal", root / PLAN)
    (root / PLAN / "programs/environment/env-sensor-udara.yaml").write_text(
        EXTRA_PROGRAM, encoding="utf-8"
    )
    (root / "README.md").write_text("Masterplan\n", encoding="utf-8")
    commit(root, "base")
    return root


def run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["diff", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def outputs(app: typer.Typer, *args: str) -> dict[str, str]:
    out = {}
    for fmt in FORMATS:
        code, stdout, stderr = run(app, *args, "--format", fmt)
        assert code == 0, stderr
        out[fmt] = stdout
    return out


def assert_one_line_error(code: int, stdout: str, stderr: str, *words: str) -> None:
    assert code == 2
    assert stdout == ""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("smartplan: error: ")
    assert "Traceback" not in stderr
    for word in words:
        assert word in lines[0]


# --------------------------------------------------------------------------
# Every kind of change, HEAD against the working tree


@pytest.fixture
def changed(repo: Path) -> Path:
    """Working-tree changes of every kind on top of the base commit."""
    plan = repo / PLAN
    # added (untracked: the working tree is read as it is)
    programs(plan, "economy", "eco-kartu-tani").write_text(NEW_PROGRAM, encoding="utf-8")
    # removed
    git(repo, "rm", "-q", f"{PLAN}/programs/environment/env-sensor-udara.yaml")
    # renamed: git mv and a new id
    git(
        plan,
        "mv",
        "programs/governance/gov-satu-data.yaml",
        "programs/governance/gov-data-terpadu.yaml",
    )
    renamed = programs(plan, "governance", "gov-data-terpadu")
    edit(renamed, "id: gov-satu-data", "id: gov-data-terpadu")
    edit(
        programs(plan, "living", "liv-telemedisin"),
        "depends_on: [gov-satu-data]",
        "depends_on: [gov-data-terpadu]",
    )
    # budget changed, and quick win withdrawn
    pasar = programs(plan, "economy", "eco-pasar-digital")
    edit(pasar, "amount: 500000000", "amount: 750000000")
    edit(pasar, "quick_win: true", "quick_win: false")
    # quick win declared
    edit(
        programs(plan, "branding", "bra-festival-digital"),
        "horizon: medium",
        "horizon: medium\nquick_win: true",
    )
    # a validate error
    edit(
        programs(plan, "society", "soc-perpustakaan-digital"),
        "lead_agency: bappeda",
        "lead_agency: dinas-tidak-ada",
    )
    return plan


def test_every_change_in_json(app: typer.Typer, changed: Path) -> None:
    code, stdout, stderr = run(app, "--plan", str(changed), "--format", "json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["old"]["revision"] == "HEAD"
    assert len(data["old"]["commit"]) == 40
    assert data["new"]["label"] == "working tree"
    assert data["new"]["commit"] is None
    assert data["old"]["valid"] and not data["new"]["valid"]

    assert [p["id"] for p in data["added"]] == ["eco-kartu-tani"]
    assert data["added"][0]["total_budget"] == 1_200_000_000
    assert data["added"][0]["quick_win"] is True
    assert [p["id"] for p in data["removed"]] == ["env-sensor-udara"]
    [rename] = data["renamed"]
    assert (rename["old_id"], rename["new_id"]) == ("gov-satu-data", "gov-data-terpadu")
    assert rename["new_file"] == "programs/governance/gov-data-terpadu.yaml"
    assert rename["similarity"] >= 0.8
    assert rename["changes"] == []

    changes = {c["id"]: c["changes"] for c in data["changed"]}
    assert {"path": "budget[0].amount", "old": 500_000_000, "new": 750_000_000} in changes[
        "eco-pasar-digital"
    ]
    assert {"path": "quick_win", "old": True, "new": False} in changes["eco-pasar-digital"]
    assert {"path": "quick_win", "old": False, "new": True} in changes["bra-festival-digital"]
    assert {
        "path": "depends_on",
        "old": ["gov-satu-data"],
        "new": ["gov-data-terpadu"],
    } in changes["liv-telemedisin"]
    assert {
        "path": "lead_agency",
        "old": "bappeda",
        "new": "dinas-tidak-ada",
    } in changes["soc-perpustakaan-digital"]

    budget = data["budget"]
    pillars = {row["key"]: row for row in budget["by_pillar"]}
    assert pillars["economy"] == {
        "key": "economy",
        "old": 500_000_000,
        "new": 1_950_000_000,
        "delta": 1_450_000_000,
    }
    assert pillars["environment"]["delta"] == -300_000_000
    years = {row["key"]: row for row in budget["by_year"]}
    assert years["2025"]["delta"] == 1_450_000_000
    assert years["2026"]["delta"] == -300_000_000
    assert budget["total"]["delta"] == 1_150_000_000

    quick = {(q["id"], q["change"], q["program"]) for q in data["quick_wins"]}
    assert quick == {
        ("bra-festival-digital", "declared", "changed"),
        ("eco-kartu-tani", "declared", "added"),
        ("eco-pasar-digital", "withdrawn", "changed"),
    }

    # The unknown agency, and the new quick win that runs past the first year.
    assert [(p["code"], p["file"]) for p in data["problems"]["new"]] == [
        ("Q001", "programs/branding/bra-festival-digital.yaml"),
        ("R002", "programs/society/soc-perpustakaan-digital.yaml"),
    ]
    # The base's warning goes: economy now has more programs than environment.
    assert [(p["code"], p["file"]) for p in data["problems"]["fixed"]] == [("V002", "plan.yaml")]
    # The new side has an error, so the ranking is not compared.
    assert data["ranks"]["available"] is False
    assert "the new plan has" in data["ranks"]["note"]


def test_every_change_in_text(app: typer.Typer, changed: Path) -> None:
    code, out, stderr = run(app, "--plan", str(changed))
    assert code == 0, stderr
    assert "HEAD (" in out and "→ working tree" in out
    assert "+ eco-kartu-tani  Kartu Tani Digital · economy · Rp1.200.000.000 · quick win" in out
    assert "− env-sensor-udara  Sensor Kualitas Udara" in out
    assert "→ gov-satu-data → gov-data-terpadu  renamed" in out
    assert "~ eco-pasar-digital" in out
    assert "budget[0].amount: Rp500.000.000 → Rp750.000.000" in out
    assert "quick_win: true → false" in out
    assert 'lead_agency: "bappeda" → "dinas-tidak-ada"' in out
    assert "+Rp1.450.000.000" in out
    assert "−Rp300.000.000" in out
    assert "Priority ranks not compared" in out
    assert "+ bra-festival-digital declared" in out
    assert "+ eco-kartu-tani declared (new program)" in out
    assert "− eco-pasar-digital withdrawn" in out
    assert "new error R002 programs/society/soc-perpustakaan-digital.yaml:7:" in out


def test_every_change_in_markdown(app: typer.Typer, changed: Path) -> None:
    code, out, stderr = run(app, "--plan", str(changed), "--format", "markdown")
    assert code == 0, stderr
    assert out.startswith("### smartplan diff: `")
    assert "**Added (1)**" in out
    assert "| `eco-kartu-tani` | Kartu Tani Digital | economy | Rp1.200.000.000 | yes |" in out
    assert "**Removed (1)**" in out
    assert "| `env-sensor-udara` | Sensor Kualitas Udara | environment | Rp300.000.000 |  |" in out
    assert "**Renamed (1)**" in out
    assert "| `gov-satu-data` | `gov-data-terpadu` |" in out
    assert "- `eco-pasar-digital`: Program eco-pasar-digital" in out
    assert "  - `budget[0].amount`: `Rp500.000.000` → `Rp750.000.000`" in out
    assert "  - `quick_win`: `true` → `false`" in out
    assert "#### Budget" in out
    assert "| economy | Rp500.000.000 | Rp1.950.000.000 | +Rp1.450.000.000 |" in out
    assert "| environment | Rp800.000.000 | Rp500.000.000 | −Rp300.000.000 |" in out
    assert "| **total** |" in out
    assert "#### Priority ranks" in out
    assert "- + `bra-festival-digital` declared" in out
    assert "- + `eco-kartu-tani` declared (new program)" in out
    assert "- − `eco-pasar-digital` withdrawn" in out
    assert "#### Validate problems" in out
    assert "**New (2)**" in out
    assert "| error | R002 | `programs/society/soc-perpustakaan-digital.yaml` | 7 |" in out
    # Every table row has as many cells as its header.
    for block in out.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            widths = {row.replace("\\|", "").count("|") for row in rows}
            assert len(widths) == 1, block


def test_output_is_deterministic(app: typer.Typer, changed: Path) -> None:
    first = outputs(app, "--plan", str(changed))
    second = outputs(app, "--plan", str(changed))
    assert first == second
    data = json.loads(first["json"])
    assert list(data) == [
        "plan",
        "plan_id",
        "old",
        "new",
        "added",
        "removed",
        "renamed",
        "changed",
        "unreadable",
        "budget",
        "ranks",
        "quick_wins",
        "problems",
        "chain",
        "actuals",
    ]


# --------------------------------------------------------------------------
# Two commits, ranks, fixed problems


def test_two_commits_and_rank_changes(app: typer.Typer, repo: Path) -> None:
    plan = repo / PLAN
    base = git(repo, "rev-parse", "HEAD")
    edit(
        programs(plan, "society", "soc-perpustakaan-digital"),
        "  impact: 4\n  urgency: 3\n  cost: 2",
        "  impact: 5\n  urgency: 5\n  cost: 1",
    )
    programs(plan, "economy", "eco-kartu-tani").write_text(NEW_PROGRAM, encoding="utf-8")
    second = commit(repo, "rescore")
    # A later working-tree change must not leak into a commit-to-commit diff.
    edit(programs(plan, "economy", "eco-pasar-digital"), "amount: 500000000", "amount: 9")

    code, stdout, stderr = run(app, base, second, str(plan), "--format", "json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["old"]["commit"] == base
    assert data["new"]["commit"] == second
    assert data["new"]["revision"] == second
    assert [p["id"] for p in data["added"]] == ["eco-kartu-tani"]
    assert "eco-pasar-digital" not in {c["id"] for c in data["changed"]}
    ranks = data["ranks"]
    assert ranks["available"] is True
    by_id = {r["id"]: r for r in ranks["changes"]}
    # Tie-broken ranks: 1 pasar(quick win), 2 bra, 3 env-bank, 4 env-sensor?, ...
    old_rank = by_id["soc-perpustakaan-digital"]["old_rank"]
    assert old_rank > 2
    assert by_id["soc-perpustakaan-digital"]["new_rank"] in (1, 2)
    assert (
        by_id["soc-perpustakaan-digital"]["change"]
        == old_rank - (by_id["soc-perpustakaan-digital"]["new_rank"])
    )
    assert by_id["eco-kartu-tani"]["old_rank"] is None
    assert by_id["eco-kartu-tani"]["new_rank"] in (1, 2)
    assert by_id["eco-kartu-tani"]["change"] is None

    text = outputs(app, base, second, str(plan))
    soc = by_id["soc-perpustakaan-digital"]
    moved = f"#{soc['old_rank']} → #{soc['new_rank']}  (↑{soc['change']})"
    assert f"soc-perpustakaan-digital  {moved}" in text["text"]
    assert f"eco-kartu-tani  — → #{by_id['eco-kartu-tani']['new_rank']}  (new)" in text["text"]
    assert (
        f"| `soc-perpustakaan-digital` | #{soc['old_rank']} | #{soc['new_rank']} "
        f"| ↑{soc['change']} |" in text["markdown"]
    )
    assert (
        f"| `eco-kartu-tani` | — | #{by_id['eco-kartu-tani']['new_rank']} | new |"
        in (text["markdown"])
    )
    short = second[:7]
    assert f"→ {short}" in text["text"]


def test_fixed_problem_and_line_moves(app: typer.Typer, repo: Path) -> None:
    plan = repo / PLAN
    soc = programs(plan, "society", "soc-perpustakaan-digital")
    tele = programs(plan, "living", "liv-telemedisin")
    edit(soc, "lead_agency: bappeda", "lead_agency: dinas-tidak-ada")
    edit(tele, "lead_agency: diskominfo", "lead_agency: dinas-lain")
    commit(repo, "broken")
    # Fix one error; move the other down by two lines (same error, new line).
    edit(soc, "lead_agency: dinas-tidak-ada", "lead_agency: bappeda")
    edit(tele, "kind: program", "# Telemedisin\n# puskesmas\nkind: program")

    data = json.loads(run(app, "--plan", str(plan), "-f", "json")[1])
    assert data["problems"]["new"] == []
    [fixed] = data["problems"]["fixed"]
    assert fixed["code"] == "R002"
    assert fixed["file"] == "programs/society/soc-perpustakaan-digital.yaml"
    assert "dinas-tidak-ada" in fixed["message"]

    out = outputs(app, "--plan", str(plan))
    assert "fixed error R002 programs/society/soc-perpustakaan-digital.yaml:7:" in out["text"]
    assert "dinas-lain" not in out["text"]
    assert "**Fixed (1)**" in out["markdown"]
    assert "**New (" not in out["markdown"]


def test_no_changes(app: typer.Typer, repo: Path) -> None:
    out = outputs(app, "--plan", str(repo / PLAN))
    assert "No changes." in out["text"]
    assert "No changes." in out["markdown"]
    data = json.loads(out["json"])
    assert data["added"] == data["removed"] == data["changed"] == []
    assert all(row["delta"] == 0 for row in data["budget"]["by_pillar"])


def test_schema_broken_program_is_not_removed(app: typer.Typer, repo: Path) -> None:
    plan = repo / PLAN
    edit(programs(plan, "economy", "eco-pasar-digital"), "innovation_type: teknologi", "x: 1")
    data = json.loads(run(app, "--plan", str(plan), "-f", "json")[1])
    assert data["removed"] == []
    assert data["unreadable"] == [{"id": "eco-pasar-digital", "side": "new"}]
    assert data["problems"]["new"]
    assert "not counted" in data["budget"]["note"]


# --------------------------------------------------------------------------
# Arguments


def test_plan_dir_as_last_argument_and_from_cwd(
    app: typer.Typer, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repo / PLAN
    edit(programs(plan, "economy", "eco-pasar-digital"), "amount: 500000000", "amount: 1")
    by_option = json.loads(run(app, "--plan", str(plan), "-f", "json")[1])
    by_argument = json.loads(run(app, str(plan), "-f", "json")[1])
    by_both = json.loads(run(app, "HEAD", str(plan), "-f", "json")[1])
    monkeypatch.chdir(plan)
    from_cwd = json.loads(run(app, "-f", "json")[1])
    monkeypatch.chdir(repo)
    relative = json.loads(run(app, PLAN, "-f", "json")[1])
    assert relative["plan"] == PLAN
    assert from_cwd["plan"] == "."
    for data in (by_option, by_argument, by_both, from_cwd, relative):
        assert [c["id"] for c in data["changed"]] == ["eco-pasar-digital"]


def test_too_many_arguments(app: typer.Typer, repo: Path) -> None:
    assert_one_line_error(*run(app, "HEAD", "HEAD", "HEAD", str(repo / PLAN)), "too many arguments")


def test_unknown_revision(app: typer.Typer, repo: Path) -> None:
    assert_one_line_error(
        *run(app, "no-such-branch", "--plan", str(repo / PLAN)),
        "unknown revision: no-such-branch",
    )
    assert_one_line_error(
        *run(app, "HEAD", "nope~3", "--plan", str(repo / PLAN)), "unknown revision: nope~3"
    )
    assert_one_line_error(*run(app, "--plan", str(repo / PLAN), "--", "-x"), "not a revision")


def test_not_a_repository(app: typer.Typer, tmp_path: Path) -> None:
    plan = tmp_path / "alone"
    shutil.copytree(FIXTURES / "minimal", plan)
    if (
        subprocess.run(
            ["git", "-C", str(plan), "rev-parse"], capture_output=True, check=False
        ).returncode
        == 0
    ):
        pytest.skip("the temporary directory is inside a git repository")
    for fmt in FORMATS:
        assert_one_line_error(
            *run(app, "--plan", str(plan), "-f", fmt), "not inside a git repository"
        )


def test_repository_without_commits(app: typer.Typer, tmp_path: Path) -> None:
    root = tmp_path / "empty"
    root.mkdir()
    git(root, "init", "-q")
    shutil.copytree(FIXTURES / "minimal", root / "plan")
    assert_one_line_error(*run(app, "--plan", str(root / "plan")), "no commit yet")


def test_plan_missing_at_revision(app: typer.Typer, repo: Path) -> None:
    later = repo / "plans/baru"
    shutil.copytree(FIXTURES / "minimal", later)
    assert_one_line_error(
        *run(app, "--plan", str(later)), "plans/baru does not exist at revision HEAD"
    )
    (repo / "plans/kosong").mkdir()
    (repo / "plans/kosong/README.md").write_text("x\n", encoding="utf-8")
    commit(repo, "empty folder")
    assert_one_line_error(*run(app, "--plan", str(repo / "plans/kosong")), "no plan.yaml")


# --------------------------------------------------------------------------
# Taking plans out of git safely


def test_symlinks_are_copied_inside_and_dropped_outside(repo: Path) -> None:
    plan = repo / PLAN
    secret = repo / "secret.yaml"
    secret.write_text("kind: program\nid: rahasia\n", encoding="utf-8")
    (plan / "programs/economy/outside.yaml").symlink_to("../../../../secret.yaml")
    (plan / "programs/economy/absolute.yaml").symlink_to(secret)
    (plan / "programs/economy/alias.yaml").symlink_to("eco-pasar-digital.yaml")
    (plan / "programs/economy/chain.yaml").symlink_to("alias.yaml")
    (plan / "programs/folder").symlink_to("economy")
    commit(repo, "links")

    location = gitplan.locate(plan)
    revision = gitplan.resolve(location, "HEAD")
    with gitplan.materialize(location, revision) as snapshot:
        root = snapshot.path
        assert not any(path.is_symlink() for path in root.rglob("*"))
        economy = root / "programs/economy"
        original = (economy / "eco-pasar-digital.yaml").read_bytes()
        assert (economy / "alias.yaml").read_bytes() == original
        assert (economy / "chain.yaml").read_bytes() == original
        assert not (economy / "outside.yaml").exists()
        assert not (economy / "absolute.yaml").exists()
        assert not (root / "programs/folder").exists()
        skipped = " ".join(snapshot.skipped)
        for name in ("outside.yaml", "absolute.yaml", "programs/folder"):
            assert name in skipped
        temporary = root.parent
    assert not temporary.exists()


def test_unsafe_tree_paths_are_rejected(repo: Path) -> None:
    """A crafted tree with a '..' entry must not write outside the temporary folder."""
    plan_yaml = (FIXTURES / "minimal/plan.yaml").read_bytes()
    blob = (
        subprocess.run(
            ["git", "-C", str(repo), "hash-object", "-w", "--stdin"],
            input=plan_yaml,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .strip()
    )

    def mktree(lines: str) -> str:
        return subprocess.run(
            ["git", "-C", str(repo), "mktree"],
            input=lines,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()

    evil = mktree(f"100644 blob {blob}\tescaped.yaml\n")
    plan_tree = mktree(f"100644 blob {blob}\tplan.yaml\n040000 tree {evil}\t..\n")
    contoh = mktree(f"040000 tree {plan_tree}\tcontoh\n")
    root_tree = mktree(f"040000 tree {contoh}\tplans\n")
    crafted = git(repo, "commit-tree", root_tree, "-m", "crafted")

    location = gitplan.locate(repo / PLAN)
    with gitplan.materialize(location, gitplan.resolve(location, crafted)) as snapshot:
        assert (snapshot.path / "plan.yaml").read_bytes() == plan_yaml
        assert not (snapshot.path.parent / "escaped.yaml").exists()
        assert any("unsafe path" in note for note in snapshot.skipped)


def test_working_tree_is_used_as_is(repo: Path) -> None:
    location = gitplan.locate(repo / PLAN)
    with gitplan.materialize(location, gitplan.resolve(location, None)) as snapshot:
        assert snapshot.path == repo / PLAN
        assert snapshot.revision.label == "working tree"


def test_git_missing(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    with pytest.raises(GitError, match="git is not installed"):
        gitplan.locate(repo / PLAN)


def test_core_diff_matches_cli(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = diff_revisions(PLAN)
    assert result.plan == PLAN
    assert not result.has_changes
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()


# --------------------------------------------------------------------------
# Rename heuristic


def test_rename_heuristic() -> None:
    plan = validate_plan(FIXTURES / "minimal").plan
    pasar = plan.programs["eco-pasar-digital"]
    from dataclasses import replace

    from smartplan.model import Text

    same = replace(pasar, id="eco-pasar-online")
    reworded = replace(pasar, id="eco-pasar", name=Text("Program Eco Pasar Digital"))
    other = replace(
        pasar,
        id="eco-kartu",
        name=Text("Kartu Tani Digital"),
        description=Text("Kartu digital bagi petani"),
    )
    assert rename_similarity(pasar, same) == 1.0
    assert rename_similarity(pasar, reworded) is not None
    assert rename_similarity(pasar, other) is None
    # One to one, most similar first.
    pairs = match_renames({"eco-pasar-digital": pasar}, {"a": reworded, "b": same})
    assert pairs == [("eco-pasar-digital", "b", 1.0)]


def test_plan_at_repository_root(app: typer.Typer, tmp_path: Path) -> None:
    root = tmp_path / "kabupaten"
    shutil.copytree(FIXTURES / "minimal", root)
    git(root, "init", "-q")
    git(root, "checkout", "-q", "-b", "main")
    first = commit(root, "first")
    edit(programs(root, "economy", "eco-pasar-digital"), "amount: 500000000", "amount: 1")
    commit(root, "second")
    code, stdout, stderr = run(app, "main~1", "main", str(root), "-f", "json")
    assert code == 0, stderr
    data = json.loads(stdout)
    assert data["old"]["label"] == f"main~1 ({first[:7]})"
    assert data["new"]["label"].startswith("main (")
    assert [c["id"] for c in data["changed"]] == ["eco-pasar-digital"]
    assert data["budget"]["total"]["delta"] == 1 - 500_000_000


def test_help_explains_the_arguments(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["diff", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "existing folder is the plan folder" in text
    assert "--plan" in text and "markdown" in text


ANALYSIS = """\
kind: analysis
pillar: economy
swot:
  strengths:
    - {id: eco-s1, text: Bank daerah aktif}
  opportunities:
    - {id: eco-o1, text: Pertumbuhan QRIS}
strategies:
  - {id: eco-so1, type: SO, from: [eco-s1, eco-o1], text: Elektronifikasi transaksi}
gaps:
  - {id: eco-g1, subaspect: struktur.sdm, text: UMKM belum memakai pembayaran digital}
  - {id: eco-g2, subaspect: struktur.sdm, text: Pasar belum menerima QRIS}
"""

RISKS = """\
kind: risks
risks:
  - {id: rsk-siber, category: teknologi, description: Serangan siber, likelihood: 3,
     impact: 4, owner: diskominfo, mitigation: CSIRT daerah}
"""


def test_chain_changes(app: typer.Typer, repo: Path) -> None:
    plan = repo / PLAN
    (plan / "analysis").mkdir()
    (plan / "analysis/economy.yaml").write_text(ANALYSIS, encoding="utf-8")
    (plan / "risks.yaml").write_text(RISKS, encoding="utf-8")
    pasar = programs(plan, "economy", "eco-pasar-digital")
    edit(pasar, "horizon: short", "horizon: short\nanswers: [eco-g1, eco-so1]")
    commit(repo, "analysis")
    # a gap closed, one added, one newly answered; the risk re-scored; a strategy re-worded
    analysis = plan / "analysis/economy.yaml"
    edit(
        analysis,
        "  - {id: eco-g1, subaspect: struktur.sdm, text: UMKM belum memakai pembayaran digital}\n",
        "",
    )
    edit(
        analysis,
        "text: Pasar belum menerima QRIS}",
        "text: Pasar belum menerima QRIS}\n"
        "  - {id: eco-g3, subaspect: struktur.sdm, text: Data harga pangan manual}",
    )
    edit(analysis, "text: Elektronifikasi transaksi", "text: Elektronifikasi transaksi daerah")
    edit(pasar, "answers: [eco-g1, eco-so1]", "answers: [eco-g2, eco-so1]")
    edit(plan / "risks.yaml", "likelihood: 3", "likelihood: 4")

    data = json.loads(run(app, "--plan", str(plan), "-f", "json")[1])
    chain = {(c["kind"], c["id"], c["change"]): c for c in data["chain"]}
    assert set(chain) == {
        ("gap", "eco-g1", "removed"),
        ("gap", "eco-g2", "answered"),
        ("gap", "eco-g3", "added"),
        ("strategy", "eco-so1", "changed"),
        ("risk", "rsk-siber", "changed"),
    }
    assert chain[("risk", "rsk-siber", "changed")]["detail"] == "likelihood"
    out = outputs(app, "--plan", str(plan))
    assert "gap eco-g1 closed: UMKM belum memakai pembayaran digital" in out["text"]
    assert "gap eco-g2 now answered" in out["text"]
    assert "#### Analysis, institutions and risks" in out["markdown"]
