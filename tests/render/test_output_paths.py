"""Output file names cannot leave the output folder, whatever the ids say.

Three layers, each tested on its own:

* the schema refuses ids that look like paths (``../x``, ``/etc``, ``a/b``,
  ``a\\b``, ``..``, ``.hidden`` ...) wherever an id is written, so a valid
  plan can never make ``smartplan render`` write to ``build/<plan id>/``
  outside ``build/``;
* the renderer does not build file names from ids at all: a :class:`Plan`
  made in Python with path-like ids (the schema skipped) still writes exactly
  ``masterplan-<lang>.<format>`` into ``out_dir``;
* ``render_plan`` refuses to write any name that is a path, before the first
  write, should one ever reach it; and a symbolic link already sitting under
  an output name is replaced, not followed.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import smartplan.render as render_module
from smartplan.check.engine import validate_plan
from smartplan.cli import app
from smartplan.errors import RenderError
from smartplan.model import Text
from smartplan.render import render_plan
from tests.render.conftest import MINIMAL, Prepared

PATH_LIKE = [
    "../escape",
    "../../../../tmp/escape",
    "/etc",
    "/tmp/escape",
    "a/b",
    "a\\b",
    "..",
    ".",
    ".hidden",
    "x/../../y",
    "C:\\escape",
    "c:escape",
    "~root",
    "%2e%2e%2fescape",
    "escape\u2215x",  # DIVISION SLASH, looks like '/'
    "..\u2024x",
    " escape",
    "escape\x00",
    "",
    "x" * 65,
]

#: (file, the text holding the id, how to write the hostile id there)
PLACES = [
    ("plan.yaml", "id: contoh", "id: {q}"),
    ("agencies.yaml", "id: diskominfo", "id: {q}"),
    ("programs/economy/eco-pasar-digital.yaml", "id: eco-pasar-digital", "id: {q}"),
    ("programs/economy/eco-pasar-digital.yaml", "id: capaian", "id: {q}"),
    ("programs/economy/eco-pasar-digital.yaml", "pillar: economy", "pillar: economy\ntags: [{q}]"),
]


def _quoted(value: str) -> str:
    # a YAML double-quoted scalar holding exactly ``value``
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\x00", "\\0") + '"'


def _plan_with(tmp_path: Path, file: str, old: str, new: str) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    text = (plan / file).read_text(encoding="utf-8")
    assert old in text
    (plan / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    return plan


@pytest.mark.parametrize("value", PATH_LIKE)
def test_schema_refuses_a_path_like_plan_id(tmp_path: Path, value: str) -> None:
    plan = _plan_with(tmp_path, "plan.yaml", "id: contoh", f"id: {_quoted(value)}")
    result = validate_plan(plan)
    assert not result.ok
    assert any(p.file.endswith("plan.yaml") and p.pointer == "/id" for p in result.problems), [
        (p.file, p.pointer, p.message) for p in result.problems
    ]


@pytest.mark.parametrize(("file", "old", "new"), PLACES, ids=[p[1] for p in PLACES])
@pytest.mark.parametrize("value", ["../escape", "/tmp/escape", "a/b", "..", "a\\b"])
def test_schema_refuses_path_like_ids_everywhere(
    tmp_path: Path, file: str, old: str, new: str, value: str
) -> None:
    plan = _plan_with(tmp_path, file, old, new.format(q=_quoted(value)))
    result = validate_plan(plan)
    assert not result.ok
    assert any(p.file.endswith(file) and p.severity == "error" for p in result.problems)


def test_cli_default_output_folder_cannot_leave_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _plan_with(tmp_path, "plan.yaml", "id: contoh", 'id: "../../escape"')
    work = tmp_path / "work" / "here"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    result = CliRunner().invoke(app, ["render", str(plan)])
    assert result.exit_code == 1, result.output
    assert "plan.yaml" in result.stderr
    assert "Traceback" not in result.output
    assert list(work.iterdir()) == []
    assert not (tmp_path / "escape").exists() and not (tmp_path / "work" / "escape").exists()


def _hostile_ids(prepared: Prepared, plan_id: str, program_id: str) -> Prepared:
    """The plan with path-like plan and program ids, built in Python (no schema)."""
    plan = prepared.plan
    assert plan.info is not None
    first = sorted(plan.programs)[0]
    programs = {pid: p for pid, p in plan.programs.items() if pid != first}
    programs[program_id] = dataclasses.replace(
        plan.programs[first], id=program_id, name=Text("Program jalur")
    )
    info = dataclasses.replace(plan.info, id=plan_id)
    return Prepared(dataclasses.replace(plan, info=info, programs=programs), None, None)  # type: ignore[arg-type]


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())


@pytest.mark.parametrize(
    ("plan_id", "program_id"),
    [
        ("../../escape", "../../../escape-program"),
        ("/tmp/escape-absolute", "/tmp/escape-program"),
        ("..", "a/../../b"),
        ("C:\\escape", "..\\..\\escape"),
    ],
)
def test_renderer_names_files_without_ids(
    minimal: Prepared, tmp_path: Path, plan_id: str, program_id: str
) -> None:
    hostile = _hostile_ids(minimal, plan_id, program_id)
    out = tmp_path / "deep" / "out"
    result = render_plan(hostile.plan, out_dir=out, lang="id")
    assert result.paths == (out / "masterplan-id.md", out / "masterplan-id.html")
    assert _files(tmp_path) == ["deep/out/masterplan-id.html", "deep/out/masterplan-id.md"]
    assert not Path("/tmp/escape-absolute").exists() and not Path("/tmp/escape-program").exists()


@pytest.mark.parametrize(
    "name", ["../escape.md", "/tmp/escape.md", "sub/x.md", "..", "a\\b.md", ""]
)
def test_render_plan_refuses_a_path_as_file_name(
    minimal: Prepared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    # should a future change build a name from something else, it stops here
    monkeypatch.setattr(
        render_module, "output_name", lambda fmt, lang: name if fmt == "html" else "ok.md"
    )
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="must not be a path"):
        render_plan(minimal.plan, out_dir=out)
    assert _files(tmp_path) == []  # checked before the first write: not even ok.md


@pytest.mark.parametrize(("fmt", "lang"), [("../md", "id"), ("md", "../id"), ("md", "id/x")])
def test_format_and_language_cannot_carry_a_path(
    minimal: Prepared, tmp_path: Path, fmt: str, lang: str
) -> None:
    with pytest.raises(RenderError, match="unsupported"):
        render_plan(minimal.plan, formats=(fmt,), lang=lang, out_dir=tmp_path / "out")
    assert _files(tmp_path) == []


def test_a_link_under_an_output_name_is_replaced_not_followed(
    minimal: Prepared, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.html"
    outside.write_bytes(b"do not touch")
    out = tmp_path / "out"
    out.mkdir()
    (out / "masterplan-id.html").symlink_to(outside)
    render_plan(minimal.plan, out_dir=out, formats=("html",))
    assert outside.read_bytes() == b"do not touch"
    target = out / "masterplan-id.html"
    assert not target.is_symlink() and target.read_bytes().startswith(b"<!DOCTYPE html>")
