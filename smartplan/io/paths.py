"""Display paths for CI: relative to the git repository root, or to a folder chosen.

Problems carry their file as the user named it (relative to the working
directory). GitHub annotations, SARIF and GitLab Code Quality locate a file
from the repository root, so a run from a subfolder (or with a job's
``working-directory``) would point them at files that do not exist there.
"""

from __future__ import annotations

import os
from pathlib import Path


def git_root(start: Path) -> Path | None:
    """The work tree of the git repository holding ``start`` (``.git`` folder or file), if any."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def rebase(display: str, base: Path, cwd: Path | None = None) -> str:
    """``display`` (a path relative to ``cwd``, or absolute) made relative to ``base``.

    A file outside ``base`` keeps its path as given: ``../`` chains mean
    nothing to a code-scanning viewer, and an absolute path at least names it.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    path = Path(display)
    full = os.path.realpath(path if path.is_absolute() else here / path)
    root = os.path.realpath(base)
    relative = os.path.relpath(full, root)
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return display
    return Path(relative).as_posix()
