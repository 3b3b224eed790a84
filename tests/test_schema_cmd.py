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
    kinds |= {"analysis"}
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
