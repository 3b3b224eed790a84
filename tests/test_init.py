"""``smartplan init`` scaffolds a plan that validates clean, and never overwrites a file."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from smartplan.check.engine import ValidationResult, validate_plan
from smartplan.check.yamlload import read_file
from smartplan.cli import app
from smartplan.domain import ELEMENTS, PILLARS, READINESS_ASPECTS
from smartplan.errors import UsageError
from smartplan.kinds import KINDS as FILE_KINDS
from smartplan.resources import schemas_dir
from smartplan.scaffold import (
    PROVINCE_PLACEHOLDER,
    SCHEMA_FOLDER,
    init_plan,
    slugify,
)

MODELINE = re.compile(r"\A# yaml-language-server: \$schema=(\S+)\n")
KINDS = {kind.path: kind.name for kind in FILE_KINDS if not kind.many}


def _init(runner: CliRunner, *args: str) -> object:
    return runner.invoke(app, ["init", *args])


def _kind_of(rel: str) -> str:
    if rel.startswith("pillars/"):
        return "pillar"
    if rel.startswith("programs/"):
        return "program"
    if rel.startswith("analysis/"):
        return "analysis"
    return KINDS[rel]


def _load(path: Path) -> dict:
    loaded = read_file(path)
    assert loaded.ok, loaded.findings
    return loaded.data


@pytest.fixture
def plan(tmp_path: Path, runner: CliRunner) -> Path:
    target = tmp_path / "kab-contoh"
    result = _init(
        runner,
        str(target),
        "--region",
        "Kotawaringin Timur",
        "--province",
        "Kalimantan Tengah",
        "--period",
        "2025-2034",
    )
    assert result.exit_code == 0, result.output
    return target


def _only_placeholder_warnings(result: ValidationResult) -> bool:
    """No errors; only the warnings about what init leaves to write (H001, Q004)."""
    return not result.errors and {p.code for p in result.problems} <= {"H001", "Q004"}


def test_init_then_validate_is_clean(plan: Path, runner: CliRunner) -> None:
    result = validate_plan(plan)
    # no errors; the only warnings say what init left to write (H001) and that the
    # example programs include no quick win in five pillars (Q004)
    assert result.errors == []
    assert {p.code for p in result.problems} == {"H001", "Q004"}
    # 3 + 6 pillars + 6 programs + 6 analysis files + 6 chapter files
    assert result.files_checked == 3 + 6 + 6 + 6 + 6
    cli = runner.invoke(app, ["validate", str(plan)])
    assert cli.exit_code == 0, cli.output
    strict = runner.invoke(app, ["validate", "--strict", str(plan)])
    assert strict.exit_code == 1, strict.output


def test_init_scaffolds_the_analysis_chain(plan: Path) -> None:
    for rel in (
        "front.yaml",
        "profile.yaml",
        "stakeholders.yaml",
        "institutions.yaml",
        "risks.yaml",
        "architecture.yaml",
        "analysis/economy.yaml",
    ):
        text = (plan / rel).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema="), rel
    analysis = _load(plan / "analysis/economy.yaml")
    program = _load(plan / "programs/economy" / next((plan / "programs/economy").iterdir()).name)
    # the example program answers its dimension's gap and strategy, so A001/A002 stay quiet
    assert program["answers"] == [analysis["gaps"][0]["id"], analysis["strategies"][0]["id"]]


def test_init_output_lists_files_and_next_steps(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "new"
    result = _init(
        runner,
        str(target),
        "--region",
        "Sleman",
        "--province",
        "DI Yogyakarta",
        "--period",
        "2026-2030",
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "plan.yaml" in out and ".pre-commit-config.yaml" in out
    steps = out[out.index("Next steps:") :]
    for step in (f"cd {target}", "git init", "pre-commit install", "smartplan validate"):
        assert step in steps
    assert steps.index("git init") < steps.index("pre-commit install")


def test_plan_content(plan: Path) -> None:
    data = _load(plan / "plan.yaml")
    assert data["id"] == "kotawaringin-timur"
    assert data["region"] == {
        "name": "Kotawaringin Timur",
        "type": "kabupaten",
        "province": "Kalimantan Tengah",
    }
    assert data["period"] == {"start": 2025, "end": 2034}
    criteria = data["scoring"]["criteria"]
    assert [c["id"] for c in criteria] == ["impact", "urgency", "feasibility", "cost", "alignment"]
    assert sum(c["weight"] for c in criteria) == pytest.approx(1.0)
    assert {c["id"]: c["kind"] for c in criteria}["cost"] == "cost"
    assert data["scoring"]["quick_win"]["impact"] and data["scoring"]["quick_win"]["effort"]

    for code in PILLARS:
        pillar = _load(plan / "pillars" / f"{code}.yaml")
        assert pillar["elements"] == [e for e, (p, _, _) in ELEMENTS.items() if p == code]

    agencies = {a["short"] for a in _load(plan / "agencies.yaml")["agencies"]}
    for usual in (
        "Diskominfo",
        "Bappeda",
        "Disdukcapil",
        "DPMPTSP",
        "Bapenda",
        "Dinkes",
        "Disdik",
        "DLH",
        "Dishub",
        "Disdagperin",
        "Diskop UKM",
        "Disbudpar",
    ):
        assert usual in agencies

    readiness = _load(plan / "readiness.yaml")
    for aspect, subs in READINESS_ASPECTS.items():
        subaspects = readiness["aspects"][aspect]["subaspects"]
        assert list(subaspects) == list(subs)
        for sub in subaspects.values():
            assert sub["description"].startswith("Isi uraian")
            assert 1 <= sub["score"] <= 5

    programs = sorted((plan / "programs").rglob("*.yaml"))
    assert sorted(p.parent.name for p in programs) == sorted(PILLARS)
    for path in programs:
        program = _load(path)
        assert "contoh" in program["id"]
        assert program["name"]["id"].startswith("CONTOH")
    assert (plan / ".gitignore").read_text().splitlines().count("build/") == 1


def test_modelines_point_at_written_schemas(plan: Path) -> None:
    yaml_files = [p for p in plan.rglob("*.yaml") if ".pre-commit-config" not in p.name]
    assert len(yaml_files) == 27
    for path in yaml_files:
        rel = path.relative_to(plan).as_posix()
        match = MODELINE.match(path.read_text(encoding="utf-8"))
        assert match, f"{rel} has no modeline"
        target = (path.parent / match.group(1)).resolve()
        assert target == (plan / SCHEMA_FOLDER / f"{_kind_of(rel)}.schema.json").resolve()
        assert target.is_file()
        assert not Path(match.group(1)).is_absolute()


def test_written_schemas_equal_packaged(plan: Path) -> None:
    packaged = sorted(schemas_dir().glob("*.schema.json"))
    written = sorted((plan / SCHEMA_FOLDER).iterdir())
    assert [p.name for p in written] == [p.name for p in packaged]
    for mine, theirs in zip(written, packaged, strict=True):
        assert mine.read_bytes() == theirs.read_bytes()


def test_vscode_settings_map_every_kind(plan: Path) -> None:
    settings = json.loads((plan / ".vscode" / "settings.json").read_text())
    mapping = settings["yaml.schemas"]
    assert len(mapping) == len(FILE_KINDS)
    for schema in mapping:
        assert (plan / schema).is_file(), schema
    globs = {g for gs in mapping.values() for g in gs}
    assert {"plan.yaml", "pillars/*.yaml", "programs/**/*.yaml"} <= globs
    assert {"monitoring/*/[!_]*.yaml", "monitoring/*/_tahun.yaml"} <= globs
    assert (plan / "monitoring" / "README.md").is_file()
    assert "redhat.vscode-yaml" in (plan / ".vscode" / "extensions.json").read_text()


def test_precommit_config_uses_the_published_hook(plan: Path) -> None:
    from smartplan import HOMEPAGE, __version__
    from smartplan.scaffold.init import offline_precommit_config

    config = _load(plan / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert (repo["repo"], repo["rev"]) == (HOMEPAGE, f"v{__version__}")
    (hook,) = repo["hooks"]
    assert hook == {"id": "smartplan-validate", "args": ["."]}
    # the offline variant, documented in the comments, is a complete config
    (local,) = yaml.safe_load(offline_precommit_config())["repos"]
    (hook,) = local["hooks"]
    assert local["repo"] == "local" and hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "programs/economy/x.yaml")


def test_kota(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "kota"
    result = _init(
        runner,
        str(target),
        "--region",
        "Palangka Raya",
        "--type",
        "kota",
        "--province",
        "Kalimantan Tengah",
        "--period",
        "2025-2029",
    )
    assert result.exit_code == 0, result.output
    data = _load(target / "plan.yaml")
    assert data["region"]["type"] == "kota"
    assert data["title"]["id"] == "Masterplan Smart City Kota Palangka Raya 2025-2029"
    assert "dpmd" not in {a["id"] for a in _load(target / "agencies.yaml")["agencies"]}
    assert _only_placeholder_warnings(validate_plan(target))


@pytest.mark.parametrize("period", [(2025, 2029), (2030, 2039), (2025, 2030)])
def test_any_allowed_period_validates(tmp_path: Path, period: tuple[int, int]) -> None:
    init_plan(tmp_path / "p", region="Contoh", province="Jawa Barat", period=period)
    assert _only_placeholder_warnings(validate_plan(tmp_path / "p"))


def test_default_period_and_province(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "p"
    result = _init(runner, str(target), "--region", "Contoh")
    assert result.exit_code == 0, result.output
    data = _load(target / "plan.yaml")
    assert data["period"]["end"] - data["period"]["start"] == 9
    assert data["region"]["province"] == PROVINCE_PLACEHOLDER
    assert PROVINCE_PLACEHOLDER in result.output
    assert _only_placeholder_warnings(validate_plan(target))


def test_refuses_non_empty_dir(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "p"
    target.mkdir()
    (target / "notes.txt").write_text("mine\n")
    result = _init(runner, str(target), "--region", "Contoh")
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in target.iterdir()) == ["notes.txt"]


def test_dir_with_only_git_counts_as_empty(tmp_path: Path) -> None:
    target = tmp_path / "p"
    (target / ".git").mkdir(parents=True)
    written = init_plan(target, region="Contoh", province="Bali", period=(2025, 2029))
    assert target / "plan.yaml" in written


def test_refuses_a_file(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "p"
    target.write_text("x")
    result = _init(runner, str(target), "--region", "Contoh")
    assert result.exit_code == 2
    assert "not a folder" in result.output


def test_force_never_overwrites(tmp_path: Path, runner: CliRunner) -> None:
    target = tmp_path / "p"
    (target / "pillars").mkdir(parents=True)
    mine = {
        "plan.yaml": "kind: plan  # my own\n",
        "pillars/economy.yaml": "kind: pillar  # my own\n",
        "notes.txt": "mine\n",
    }
    for rel, text in mine.items():
        (target / rel).write_text(text)
    result = _init(runner, str(target), "--region", "Contoh", "--force")
    assert result.exit_code == 0, result.output
    for rel, text in mine.items():
        assert (target / rel).read_text() == text
    assert "Skipped 2 files" in result.output
    skipped = result.output[result.output.index("Skipped") :]
    assert "plan.yaml" in skipped and "pillars/economy.yaml" in skipped
    assert (target / "agencies.yaml").is_file()
    assert (target / "pillars" / "living.yaml").is_file()

    again = init_plan(target, region="Contoh", province="Bali", period=(2025, 2029), force=True)
    assert list(again) == []
    assert len(again.skipped) == 46  # every plan file and every schema init writes
    assert (target / "plan.yaml").read_text() == mine["plan.yaml"]


def test_no_temp_files_left(plan: Path) -> None:
    leftovers = [p for p in plan.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_files_get_the_usual_permissions(plan: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    for rel in ("plan.yaml", "programs/economy/eco-contoh-retribusi-nontunai.yaml"):
        assert (plan / rel).stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_file_where_a_folder_should_be(tmp_path: Path, runner: CliRunner) -> None:
    """One line naming the file, exit 2, and nothing written: the files go in together."""
    target = tmp_path / "plan"
    target.mkdir()
    (target / ".vscode").write_text("mine")
    result = _init(runner, str(target), "--region", "Contoh", "--period", "2025-2034", "--force")
    assert result.exit_code == 2
    settings = target / ".vscode" / "settings.json"
    assert result.output.startswith(f"smartplan: error: cannot write {settings}: ")
    assert "no file stands where a folder should be" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in target.iterdir()) == [".vscode"]
    assert (target / ".vscode").read_text() == "mine"


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("2025", "bad period"),
        ("2025-", "bad period"),
        ("twenty", "bad period"),
        ("2025-2034-2040", "bad period"),
        ("2025-2027", "5 to 10 years"),
        ("2025-2040", "5 to 10 years"),
        ("2030-2025", "5 to 10 years"),
        ("1990-1999", "outside"),
    ],
)
def test_bad_period(tmp_path: Path, runner: CliRunner, period: str, message: str) -> None:
    target = tmp_path / "p"
    result = _init(runner, str(target), "--region", "Contoh", "--period", period)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert not target.exists()


def test_bad_period_is_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["init", str(tmp_path / "p"), "--region", "X", "--period", "x"])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("smartplan: error: bad period 'x'")


@pytest.mark.parametrize("region", ["", "   ", "---", "Kabupaten", "Kota ---", "a\tb\x00"])
def test_bad_region(tmp_path: Path, runner: CliRunner, region: str) -> None:
    result = _init(runner, str(tmp_path / "p"), "--region", region, "--period", "2025-2029")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "p").exists()


def test_bad_type(tmp_path: Path, runner: CliRunner) -> None:
    result = _init(runner, str(tmp_path / "p"), "--region", "X", "--type", "provinsi")
    assert result.exit_code == 2
    with pytest.raises(UsageError):
        init_plan(tmp_path / "q", region="X", type="provinsi", province="Bali", period=(2025, 2029))


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Kotawaringin Timur", "kotawaringin-timur"),
        ("Toli-Toli", "toli-toli"),
        ("  Pangkajene dan Kepulauan ", "pangkajene-dan-kepulauan"),
        ("Bénér Meriah", "bener-meriah"),
        ("Lima Puluh Kota", "lima-puluh-kota"),
        ("x" * 100, "x" * 64),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_quoting_of_odd_names(tmp_path: Path) -> None:
    target = tmp_path / "p"
    init_plan(target, region='Yes: #1 "Baru"', province="true", period=(2025, 2029))
    data = _load(target / "plan.yaml")
    assert data["region"]["name"] == 'Yes: #1 "Baru"'
    assert data["region"]["province"] == "true"
    assert data["id"] == "yes-1-baru"
    assert _only_placeholder_warnings(validate_plan(target))


def test_inside_a_git_repository(tmp_path: Path, runner: CliRunner) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    target = repo / "plans" / "kab-x"
    result = _init(runner, str(target), "--region", "X", "--period", "2025-2029")
    assert result.exit_code == 0, result.output
    steps = result.output[result.output.index("Next steps:") :]
    assert "git init" not in steps
    assert "inside the git repository" in steps
    assert "args to [plans/kab-x]" in steps
    assert "smartplan validate plans/kab-x" in steps


@pytest.mark.parametrize(
    ("region", "extra", "name", "kind", "plan_id"),
    [
        ("Kabupaten Contoh", [], "Contoh", "kabupaten", "contoh"),
        ("Kab. Sleman", [], "Sleman", "kabupaten", "sleman"),
        ("kabupaten  Lima Puluh Kota", [], "Lima Puluh Kota", "kabupaten", "lima-puluh-kota"),
        ("Kota Batu", [], "Batu", "kota", "batu"),
        ("Kota Batu", ["--type", "kota"], "Batu", "kota", "batu"),
        ("Batu", ["--type", "kota"], "Batu", "kota", "batu"),
        ("Kotabaru", [], "Kotabaru", "kabupaten", "kotabaru"),
    ],
)
def test_region_as_people_write_it(
    tmp_path: Path,
    runner: CliRunner,
    region: str,
    extra: list[str],
    name: str,
    kind: str,
    plan_id: str,
) -> None:
    target = tmp_path / "p"
    result = _init(runner, str(target), "--region", region, "--period", "2025-2029", *extra)
    assert result.exit_code == 0, result.output
    plan = validate_plan(target)
    assert plan.ok, plan.problems
    assert plan.plan.info is not None
    assert plan.plan.info.id == plan_id
    text = (target / "plan.yaml").read_text(encoding="utf-8")
    assert f"name: {name}\n" in text
    assert f"type: {kind}\n" in text


@pytest.mark.parametrize(
    ("region", "kind"), [("Kota Batu", "kabupaten"), ("Kabupaten Sleman", "kota")]
)
def test_region_contradicting_type_is_refused(
    tmp_path: Path, runner: CliRunner, region: str, kind: str
) -> None:
    result = _init(runner, str(tmp_path / "p"), "--region", region, "--type", kind)
    assert result.exit_code == 2, result.output
    assert "but --type says" in result.output
    assert not (tmp_path / "p").exists()
