"""Atomic writes: a failed or interrupted render leaves the previous output intact."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.errors import OutputError, RenderError
from smartplan.io.atomic import write_atomic, write_atomic_all
from smartplan.render import collapse_blank_lines, render_plan
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


def test_create_only_keeps_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    assert write_atomic(path, b"first\n", overwrite=False) is True
    assert write_atomic(path, b"second\n", overwrite=False) is False
    assert path.read_bytes() == b"first\n"
    link = tmp_path / "dangling.yaml"
    link.symlink_to(tmp_path / "nowhere")
    assert write_atomic(link, b"x", overwrite=False) is False
    assert not (tmp_path / "nowhere").exists()
    assert sorted(os.listdir(tmp_path)) == ["a.yaml", "dangling.yaml"]


def test_create_only_writes_the_rest_and_says_which(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text("mine")
    items = [(tmp_path / name, iter([name])) for name in ("a.md", "b.md", "sub/c.md")]
    assert write_atomic_all(items, overwrite=False) == [tmp_path / "a.md", tmp_path / "sub/c.md"]
    assert (tmp_path / "b.md").read_text() == "mine"
    assert (tmp_path / "sub" / "c.md").read_text() == "sub/c.md"


def test_create_only_never_replaces_a_file_that_appears_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file created after the check but before the link is left as it is."""
    target = tmp_path / "plan.yaml"
    real_link = os.link

    def racing_link(src: str, dst: Path) -> None:
        Path(dst).write_text("theirs")
        real_link(src, dst)

    monkeypatch.setattr(os, "link", racing_link)
    assert write_atomic(target, b"ours", overwrite=False) is False
    assert target.read_text() == "theirs"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]  # no temp file left


def test_create_only_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(src: str, dst: Path) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "plan.yaml"
    assert write_atomic(target, b"ours", overwrite=False) is True
    assert write_atomic(target, b"again", overwrite=False) is False
    assert target.read_bytes() == b"ours"
    assert sorted(os.listdir(tmp_path)) == ["plan.yaml"]


def test_replacing_returns_every_path(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("old")
    items = [(tmp_path / "a.md", iter(["new"])), (tmp_path / "b.md", iter(["b"]))]
    assert write_atomic_all(items) == [tmp_path / "a.md", tmp_path / "b.md"]
    assert (tmp_path / "a.md").read_text() == "new"


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


def _failing_after(pieces: list[str]) -> Iterator[str]:
    yield from pieces
    raise RenderError("template failed half-way")


def test_write_atomic_all_streams_every_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "sub" / "b.html"
    write_atomic_all([(first, iter(["x", "é", b"!"])), (second, (f"{i}\n" for i in range(3)))])
    assert first.read_bytes() == "xé!".encode()
    assert second.read_text(encoding="utf-8") == "0\n1\n2\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md", "b.html", "sub"]


def test_a_stream_failing_half_way_touches_no_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.html"
    first.write_text("old a", encoding="utf-8")
    second.write_text("old b", encoding="utf-8")
    with pytest.raises(RenderError, match="half-way"):
        # the first file is complete; it must still not replace the old one
        write_atomic_all([(first, iter(["new a"])), (second, _failing_after(["new b" * 1000]))])
    assert first.read_text(encoding="utf-8") == "old a"
    assert second.read_text(encoding="utf-8") == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.html"]  # no temp file


def test_a_failed_write_removes_the_folders_it_made(tmp_path: Path) -> None:
    target = tmp_path / "build" / "kotim" / "masterplan-id.html"
    with pytest.raises(RenderError):
        write_atomic_all([(target, _failing_after(["<html>"]))])
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_keeps_folders_that_were_there(tmp_path: Path) -> None:
    (tmp_path / "build").mkdir()
    with pytest.raises(RenderError):
        write_atomic_all([(tmp_path / "build" / "new" / "x.md", _failing_after([]))])
    assert [p.name for p in tmp_path.iterdir()] == ["build"]
    assert list((tmp_path / "build").iterdir()) == []


_BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")


@given(
    pieces=st.lists(st.text(alphabet="ab \t\n", max_size=12), max_size=30),
    batch=st.integers(min_value=1, max_value=20),
)
def test_streamed_blank_line_collapse_equals_the_whole_text_one(
    pieces: list[str], batch: int
) -> None:
    whole = _BLANK_RUNS.sub("\n\n", "".join(pieces))
    assert "".join(collapse_blank_lines(pieces, batch)) == whole


def test_blank_line_collapse_across_batches() -> None:
    pieces = ["text\n", " \n", "\t\n", "\n", "more\n\n", "\n", "end"]
    assert "".join(collapse_blank_lines(pieces, 1)) == "text\n\nmore\n\nend"
