"""``smartplan schema`` lists the JSON Schemas and writes copies atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.errors import OutputError
from smartplan.io import atomic
from smartplan.resources import schemas_dir
from smartplan.scaffold import write_schemas

NAMES = sorted(p.name for p in schemas_dir().glob("*.schema.json"))


def test_names_are_the_kinds() -> None:
    kinds = {"plan", "agencies", "readiness", "pillar", "program"}
    kinds |= {"front", "profile", "stakeholders", "institutions", "risks", "architecture"}
    kinds |= {"analysis", "actuals", "annual"}
    assert sorted(f"{kind}.schema.json" for kind in kinds) == NAMES


def test_lists_schemas_and_where_they_are(runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0, result.output
    assert str(schemas_dir()) in result.output
    for name in NAMES:
        assert name in result.output
    assert "programs/<pillar>/<id>.yaml" in result.output
    assert "--out" in result.output


def test_out_writes_copies(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "deep" / "schemas"
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == NAMES
    for name in NAMES:
        assert (out / name).read_bytes() == (schemas_dir() / name).read_bytes()
        json.loads((out / name).read_text(encoding="utf-8"))
        assert name in result.output


def test_out_replaces_older_copies(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "plan.schema.json").write_text("{}")
    (out / "mine.txt").write_text("keep")
    result = runner.invoke(app, ["schema", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "plan.schema.json").read_bytes() == (
        schemas_dir() / "plan.schema.json"
    ).read_bytes()
    assert (out / "mine.txt").read_text() == "keep"


def test_out_is_a_file(tmp_path: Path, runner: CliRunner) -> None:
    out = tmp_path / "file"
    out.write_text("x")
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 2
    assert "not a folder" in result.output
    assert "Traceback" not in result.output
    assert out.read_text() == "x"


def test_out_not_writable(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: Path, chunks: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "_stream_to_temp", refuse)
    out = tmp_path / "ro"
    result = runner.invoke(app, ["schema", "--out", str(out)])
    assert result.exit_code == 2
    assert result.output.startswith(f"smartplan: error: cannot write the schemas to {out}")
    assert "Permission denied" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # the folder made for the copies is removed again


def test_never_half_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure while writing leaves the old copies whole and no temporary file behind."""
    out = tmp_path / "schemas"
    out.mkdir()
    old = {name: f'{{"old": "{name}"}}' for name in NAMES}
    for name, text in old.items():
        (out / name).write_text(text)
    real_temp = atomic._stream_to_temp
    calls = {"n": 0}

    def failing_temp(path: Path, chunks: object) -> str:
        calls["n"] += 1
        if calls["n"] == len(NAMES):
            raise OSError(28, "No space left on device")
        return real_temp(path, chunks)

    monkeypatch.setattr(atomic, "_stream_to_temp", failing_temp)
    with pytest.raises(OutputError, match="No space left"):
        write_schemas(out)
    assert sorted(p.name for p in out.iterdir()) == NAMES
    for name, text in old.items():
        assert (out / name).read_text() == text


# --------------------------------------------------------------------------
# plan-specific schemas (--plan) and F004, the modeline pointing nowhere

KOTIM = Path(__file__).resolve().parents[1] / "plans" / "kotim"


@pytest.fixture
def kotim_copy(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(KOTIM, tmp_path / "elsewhere" / "kotim"))


def test_plan_schemas_list_the_plans_own_ids(kotim_copy: Path, runner: CliRunner) -> None:
    import jsonschema
    import yaml

    result = runner.invoke(app, ["schema", "--plan", str(kotim_copy)])
    assert result.exit_code == 0, result.output
    folder = kotim_copy / ".smartplan" / "schemas"
    assert sorted(p.name for p in folder.iterdir()) == NAMES
    program = json.loads((folder / "program.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(program)
    agencies = yaml.safe_load((kotim_copy / "agencies.yaml").read_text())["agencies"]
    agency_ids = sorted(a["id"] for a in agencies)
    props = program["properties"]
    assert props["lead_agency"]["enum"] == agency_ids
    assert props["partners"]["items"]["properties"]["agency"]["enum"] == agency_ids
    assert props["renstra"]["properties"]["agency"]["enum"] == agency_ids
    program_ids = sorted(p.stem for p in (kotim_copy / "programs").rglob("*.yaml"))
    assert props["depends_on"]["items"]["enum"] == program_ids
    elements = props["element"]["enum"]
    assert "ECO-1" in elements and len(elements) == len(set(elements))
    stakeholders = yaml.safe_load((kotim_copy / "stakeholders.yaml").read_text())["stakeholders"]
    stakeholder = props["partners"]["items"]["properties"]["stakeholder"]
    assert stakeholder["enum"] == sorted(s["id"] for s in stakeholders)
    risks = yaml.safe_load((kotim_copy / "risks.yaml").read_text())["risks"]
    assert props["risks"]["items"]["properties"]["ref"]["enum"] == sorted(r["id"] for r in risks)
    answers = props["answers"]["items"]["enum"]
    assert "eco-g1" in answers and "eco-wo1" in answers and answers == sorted(set(answers))
    # the other kinds are the packaged schemas, unchanged
    for name in NAMES:
        if name != "program.schema.json":
            assert (folder / name).read_bytes() == (schemas_dir() / name).read_bytes()
    # every program of the plan is valid against it (no false alarm) and a wrong id is not
    validator = jsonschema.Draft202012Validator(program)
    for path in sorted((kotim_copy / "programs").rglob("*.yaml")):
        document = yaml.load(path.read_text(), Loader=yaml.BaseLoader)  # text, like YAML 1.2
        errors = [e for e in validator.iter_errors(document) if e.validator == "enum"]
        assert errors == [], path
    wrong = yaml.load(path.read_text(), Loader=yaml.BaseLoader)
    wrong["lead_agency"] = "dinas-tidak-ada"
    assert any(e.validator == "enum" for e in validator.iter_errors(wrong))


def test_plan_schemas_of_a_plan_that_cannot_be_read(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["schema", "--plan", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_a_moved_plan_is_told_its_modelines_lead_nowhere(
    kotim_copy: Path, runner: CliRunner
) -> None:
    result = runner.invoke(app, ["validate", "--format", "json", str(kotim_copy)])
    assert result.exit_code == 0, result.output  # a warning: the plan itself is fine
    problems = json.loads(result.stdout)
    assert {p["code"] for p in problems} == {"F004"}
    # once per missing schema, at the first file naming it
    schemas = {
        path.read_text(encoding="utf-8").split("\n", 1)[0].rsplit("/", 1)[-1]
        for path in kotim_copy.rglob("*.yaml")
        if path.read_text(encoding="utf-8").startswith("# yaml-language-server:")
    }
    assert len(problems) == len(schemas) >= 5
    program = next(p for p in problems if "program.schema.json" in p["message"])
    assert "54 other files of the plan point at it too" in program["message"]
    assert f"smartplan schema --plan {kotim_copy.as_posix()}" in program["hint"]
    modeline = "# yaml-language-server: $schema=../../.smartplan/schemas/program.schema.json"
    assert modeline in program["hint"]

    # the fix the hints give: write the schemas, point the modelines there
    assert runner.invoke(app, ["schema", "--plan", str(kotim_copy)]).exit_code == 0
    for path in kotim_copy.rglob("*.yaml"):
        if ".smartplan" in path.parts:
            continue
        text = path.read_text()
        first, rest = text.split("\n", 1)
        depth = len(path.relative_to(kotim_copy).parts) - 1
        name = first.rsplit("/", 1)[1]
        up = "../" * depth
        path.write_text(f"# yaml-language-server: $schema={up}.smartplan/schemas/{name}\n{rest}")
    clean = runner.invoke(app, ["validate", str(kotim_copy)])
    assert clean.exit_code == 0, clean.output
    assert "no problems" in clean.output
