"""All-or-nothing writes across several files, and writes kept inside a folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from smartplan.errors import OutputError
from smartplan.io.atomic import write_atomic_all


def test_a_folder_in_the_way_of_one_file_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    first, second = tmp_path / "masterplan-id.md", tmp_path / "masterplan-id.html"
    first.write_text("old markdown", encoding="utf-8")
    second.mkdir()
    with pytest.raises(OutputError, match="folder of that name is in the way"):
        write_atomic_all([(first, ["new markdown"]), (second, ["new html"])])
    assert first.read_text(encoding="utf-8") == "old markdown"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["masterplan-id.html", "masterplan-id.md"]


def test_a_rename_failing_half_way_puts_the_replaced_files_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    targets = [tmp_path / f"f{i}.txt" for i in range(3)]
    for target in targets:
        target.write_text(f"old {target.name}", encoding="utf-8")
    real_replace = os.replace
    calls = []

    def failing_replace(src: str, dst: object) -> None:
        calls.append(dst)
        if len(calls) == 2 and str(dst).endswith("f1.txt"):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic_all([(t, [f"new {t.name}"]) for t in targets])
    monkeypatch.setattr(os, "replace", real_replace)
    assert [t.read_text(encoding="utf-8") for t in targets] == [f"old {t.name}" for t in targets]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f0.txt", "f1.txt", "f2.txt"]


def test_new_files_are_removed_again_when_a_later_one_fails(tmp_path: Path) -> None:
    new = tmp_path / "out" / "a.txt"
    blocked = tmp_path / "out" / "b.txt"
    blocked.parent.mkdir()
    blocked.mkdir()
    with pytest.raises(OutputError):
        write_atomic_all([(new, ["a"]), (blocked, ["b"])])
    assert not new.exists()


def test_success_leaves_no_backup_behind(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")
    write_atomic_all([(target, ["new"])])
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_a_linked_folder_cannot_carry_a_write_outside(tmp_path: Path) -> None:
    plan, outside = tmp_path / "plan", tmp_path / "outside"
    plan.mkdir()
    outside.mkdir()
    (plan / "pillars").symlink_to(outside)
    with pytest.raises(OutputError, match="leads outside"):
        write_atomic_all([(plan / "pillars" / "economy.yaml", ["x"])], inside=plan)
    assert list(outside.iterdir()) == []


def test_a_folder_inside_is_fine(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    assert write_atomic_all([(plan / "pillars" / "economy.yaml", ["x"])], inside=plan)
