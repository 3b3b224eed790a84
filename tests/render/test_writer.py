"""Atomic writes: a failed or interrupted render leaves the previous output intact."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smartplan.errors import OutputError, RenderError
from smartplan.render import render_plan
from smartplan.writer import write_atomic
from tests.render.conftest import Prepared


def test_write_atomic_replaces_content(tmp_path: Path) -> None:
    target = tmp_path / "out" / "file.html"
    write_atomic(target, b"first")
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.html"]


def test_write_atomic_gives_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "file.md"
    write_atomic(target, b"x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_interrupted_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.html"
    target.write_bytes(b"previous")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.html"]  # no temp file left


def test_template_failure_writes_nothing(minimal: Prepared, tmp_path: Path) -> None:
    out = tmp_path / "build"
    first = render_plan(
        minimal.plan, out_dir=out, priorities=minimal.priorities, schedule=minimal.schedule
    )
    before = {p: p.read_bytes() for p in first.paths}
    broken = tmp_path / "templates" / "html"
    broken.mkdir(parents=True)
    (broken / "appendix.html.j2").write_text("{{ nope }}", encoding="utf-8")
    with pytest.raises(RenderError):
        render_plan(minimal.plan, out_dir=out, templates_dir=broken.parent)
    assert {p: p.read_bytes() for p in first.paths} == before
    assert sorted(p.name for p in out.iterdir()) == ["masterplan-id.html", "masterplan-id.md"]


def test_render_plan_reports_paths_in_format_order(minimal: Prepared, tmp_path: Path) -> None:
    result = render_plan(minimal.plan, formats=("html", "md"), lang="en", out_dir=tmp_path)
    assert [p.name for p in result.paths] == ["masterplan-en.html", "masterplan-en.md"]
    assert result.lang == "en"
