"""What ``validate PATH`` means: a plan folder, a folder of plans, or one plan file.

* a folder holding ``plan.yaml`` is one plan;
* a folder without one (``plans/``) stands for every plan under it;
* a file stands for the plan it belongs to (the nearest folder above it that
  holds ``plan.yaml``), and its problems are reported first.

Paths keep the form the user gave (``plans/kotim``, not an absolute path), so
problems are shown as the user would type them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from smartplan.errors import PlanNotFoundError
from smartplan.i18n import lazy
from smartplan.problem import Problem

PLAN_FILE = "plan.yaml"
#: folders never searched for plans: tool caches, dependencies, render output
_SKIP_DIRS = frozenset({"node_modules", "build", "site", "__pycache__"})


@dataclass(frozen=True, slots=True)
class Target:
    """One plan to validate, and the file the user named in it (if any)."""

    plan_dir: Path
    #: display paths of the files named on the command line, as problems show them
    focus: tuple[str, ...] = ()


def _has_plan(folder: Path) -> bool:
    # as the engine decides: a plan.yaml that is there but no regular file (a pipe,
    # a dangling link) makes a plan folder whose plan.yaml is reported as F001
    candidate = folder / PLAN_FILE
    return candidate.exists() or candidate.is_symlink()


def plans_under(folder: Path) -> Iterator[Path]:
    """Every plan folder under ``folder``, sorted, not looking inside a plan or hidden folders."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") or entry.name in _SKIP_DIRS:
            continue
        if not entry.is_dir(follow_symlinks=False):
            continue
        sub = folder / entry.name
        if _has_plan(sub):
            yield sub
        else:
            yield from plans_under(sub)


def plan_of_file(path: Path) -> Path | None:
    """The plan folder holding the file ``path``, in the form the user gave, or None."""
    folder = path.parent
    while True:
        if _has_plan(folder):
            return folder
        if folder.resolve() == folder.resolve().parent:
            return None
        # "." and "../.." have no lexical parent to drop: climb by adding ".."
        climb = folder.name in ("", os.pardir)
        folder = Path(os.path.normpath(folder / os.pardir)) if climb else folder.parent


def _focus(plan_dir: Path, path: Path) -> str:
    rel = path.resolve().relative_to(plan_dir.resolve())
    return (plan_dir / rel).as_posix()


def find_targets(paths: Sequence[Path]) -> list[Target]:
    """The plans that ``paths`` stand for, in order, each once (with every file named in it)."""
    merged: dict[Path, Target] = {}
    for path in paths:
        for target in _targets_of(path):
            key = target.plan_dir.resolve()
            if key in merged:
                known = merged[key]
                focus = tuple(dict.fromkeys((*known.focus, *target.focus)))
                merged[key] = Target(known.plan_dir, focus)
            else:
                merged[key] = target
    return list(merged.values())


def _targets_of(path: Path) -> list[Target]:
    shown = path.as_posix()
    if not path.exists():
        raise PlanNotFoundError(
            lazy("%(shown)s does not exist", shown=shown),
            lazy(
                "give a plan folder, a folder of plans or a plan file; smartplan init %(shown)s "
                "--region NAME creates a new plan there",
                shown=shown,
            ),
        )
    if path.is_file():
        plan_dir = plan_of_file(path)
        if plan_dir is None:
            raise PlanNotFoundError(
                lazy(
                    "%(shown)s is not inside a plan: no %(plan_file)s in its folder or above",
                    shown=shown,
                    plan_file=PLAN_FILE,
                ),
                lazy("give a file of a plan, or the plan folder itself"),
            )
        return [Target(plan_dir, (_focus(plan_dir, path),))]
    if not path.is_dir():
        raise PlanNotFoundError(
            lazy("%(shown)s is not a directory or a plan file", shown=shown),
            lazy("give a plan folder or a file in one"),
        )
    if _has_plan(path):
        return [Target(path)]
    found = [Target(plan) for plan in plans_under(path)]
    if not found:
        where = shown if shown != "." else "the current folder"
        raise PlanNotFoundError(
            lazy(
                "no %(plan_file)s in %(where)s or any folder under it",
                plan_file=PLAN_FILE,
                where=where,
            ),
            lazy(
                "run smartplan in a plan folder or name one; smartplan init %(shown)s --region "
                "NAME creates a plan",
                shown=shown,
            ),
        )
    return found


def focus_first(problems: Sequence[Problem], focus: Sequence[str]) -> list[Problem]:
    """``problems`` with those of the files ``focus`` first, in that order (a stable sort)."""
    if not focus:
        return list(problems)
    rank = {file: i for i, file in enumerate(focus)}
    return sorted(problems, key=lambda p: rank.get(p.file, len(rank)))
