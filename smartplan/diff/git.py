"""Read a plan directory as it was at a git revision, using the real ``git``.

:func:`locate` finds the repository that holds a plan directory,
:func:`resolve` turns a revision the user typed (``HEAD``, ``main``,
``v1.0~2``, a commit id) into a commit, and :func:`materialize` yields a
directory holding the plan at that commit, or the working tree as it is.

The plan is copied out of git with ``git ls-tree -r -z`` and
``git cat-file --batch``: the blobs exactly as committed (no
``.gitattributes`` filters, no ``export-ignore``), written as plain files in a
fresh temporary directory that is removed afterwards. Nothing there can point
outside it:

* every path is checked (no absolute path, no ``.`` or ``..`` part, nothing
  that would land outside the temporary directory);
* symbolic links are never created. A committed link whose target, read
  lexically, is a file inside the plan directory at the same revision is
  written as a copy of that file; any other link (pointing outside the plan,
  to a directory, or nowhere) is left out and listed in
  :attr:`Snapshot.skipped`;
* submodules are left out (listed too).

Every failure raises :class:`~smartplan.errors.GitError` with one clear line.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from smartplan.errors import GitError
from smartplan.i18n import lazy

#: The label of the working-tree side of a comparison.
WORKING_TREE = "working tree"

_MODE_TREE = "040000"
_MODE_LINK = "120000"
_MODE_SUBMODULE = "160000"
_MAX_LINK_HOPS = 8


@dataclass(frozen=True, slots=True)
class PlanRepo:
    """Where a plan directory sits in its git repository.

    ``root`` is the repository's top level, ``rel`` the plan directory
    relative to it (``"."`` when the plan is the repository itself), and
    ``plan_dir`` the directory as the user gave it.
    """

    root: Path
    rel: str
    plan_dir: Path


@dataclass(frozen=True, slots=True)
class Revision:
    """One side of a comparison: a commit, or the working tree (``commit is None``)."""

    spec: str | None
    commit: str | None = None

    @property
    def is_working_tree(self) -> bool:
        return self.commit is None

    @property
    def short(self) -> str | None:
        return self.commit[:7] if self.commit else None

    @property
    def label(self) -> str:
        """``HEAD (1a2b3c4)``, ``1a2b3c4`` or ``working tree``."""
        if self.commit is None:
            return WORKING_TREE
        if self.spec and not self.commit.startswith(self.spec.lower()):
            return f"{self.spec} ({self.short})"
        return self.short or ""


@dataclass(slots=True)
class Snapshot:
    """A plan directory on disk for one revision, and what was left out of it."""

    revision: Revision
    path: Path
    skipped: list[str] = field(default_factory=list)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # Stable messages and no pager, prompts or optional index locks.
    env.update(
        LC_ALL="C",
        LANGUAGE="C",
        GIT_PAGER="cat",
        GIT_TERMINAL_PROMPT="0",
        GIT_OPTIONAL_LOCKS="0",
    )
    return env


def _git(
    cwd: Path, args: Sequence[str], *, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *args],
            input=stdin,
            capture_output=True,
            env=_env(),
            check=False,
        )
    except FileNotFoundError:
        raise GitError(lazy("git is not installed or not on PATH")) from None
    except OSError as exc:
        raise GitError(lazy("cannot run git: %(value)s", value=exc.strerror or exc)) from None


def _first_line(raw: bytes) -> str:
    for line in raw.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if line:
            return line.removeprefix("fatal: ").removeprefix("error: ")
    return "no message"


def locate(plan_dir: Path | str) -> PlanRepo:
    """The repository holding ``plan_dir`` (which need not exist in the working tree)."""
    given = Path(plan_dir)
    target = given.absolute()
    probe = target
    while not probe.is_dir():
        if probe.parent == probe:
            break
        probe = probe.parent
    done = _git(probe, ["rev-parse", "--show-toplevel"])
    shown = given.as_posix()
    if done.returncode != 0:
        reason = _first_line(done.stderr)
        if "not a git repository" in reason:
            raise GitError(lazy("%(shown)s is not inside a git repository", shown=shown))
        raise GitError(
            lazy(
                "git cannot read the repository of %(shown)s: %(reason)s",
                shown=shown,
                reason=reason,
            )
        )
    top = done.stdout.decode("utf-8", "surrogateescape").strip()
    if not top:
        raise GitError(
            lazy("%(shown)s is inside a bare git repository or a .git folder", shown=shown)
        )
    root = Path(top).resolve()
    try:
        rel = target.resolve().relative_to(root).as_posix()
    except ValueError:
        raise GitError(
            lazy("%(shown)s is not inside the git repository at %(root)s", shown=shown, root=root)
        ) from None
    if rel == ".git" or rel.startswith(".git/"):
        raise GitError(lazy("%(shown)s is inside the .git folder", shown=shown))
    return PlanRepo(root=root, rel=rel or ".", plan_dir=given)


def resolve(repo: PlanRepo, spec: str | None) -> Revision:
    """Turn a revision name into a commit; ``None`` means the working tree."""
    if spec is None:
        return Revision(None)
    if not spec or spec.startswith("-") or any(c in spec for c in "\0\n\r"):
        raise GitError(lazy("not a revision: %(spec)r", spec=spec))
    done = _git(repo.root, ["rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}"])
    commit = done.stdout.decode("ascii", "replace").strip()
    if done.returncode != 0 or not commit:
        if spec == "HEAD":
            raise GitError(lazy("unknown revision: HEAD (the repository has no commit yet)"))
        if Path(spec).exists() or ("/" in spec and Path(spec).parent.is_dir()):
            raise GitError(
                lazy("unknown revision: %(spec)s (to name the plan folder, use --plan)", spec=spec)
            )
        if _shallow(repo.root):
            raise GitError(
                lazy(
                    "unknown revision: %(spec)s (this clone is shallow: its history is cut off)",
                    spec=spec,
                ),
                lazy(
                    "fetch the history first: git fetch --unshallow (in CI: actions/checkout with "
                    "fetch-depth: 0)"
                ),
            )
        raise GitError(lazy("unknown revision: %(spec)s", spec=spec))
    return Revision(spec, commit)


def _shallow(root: Path) -> bool:
    done = _git(root, ["rev-parse", "--is-shallow-repository"])
    return done.returncode == 0 and done.stdout.strip() == b"true"


def _safe_rel(path: str) -> PurePosixPath | None:
    """A tree path if it is plain and relative (no absolute path, ``.`` or ``..``)."""
    if not path or ("\\" in path and os.sep == "\\"):
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or any(part in ("", ".", "..") for part in path.split("/")):
        return None
    return pure


def _link_target(link: PurePosixPath, target: str) -> PurePosixPath | None:
    """The plan-relative path a symbolic link names, if it stays inside the plan."""
    if not target or target.startswith("/"):
        return None
    parts: list[str] = list(link.parent.parts)
    for part in target.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return PurePosixPath(*parts) if parts else None


@dataclass(frozen=True, slots=True)
class _Entry:
    mode: str
    kind: str
    oid: str
    path: PurePosixPath


def _list_tree(repo: PlanRepo, rev: Revision, tree: str) -> tuple[list[_Entry], list[str]]:
    done = _git(repo.root, ["ls-tree", "-r", "-z", tree])
    if done.returncode != 0:
        raise GitError(
            lazy(
                "git cannot list %(rel)s at %(label)s: %(value)s",
                rel=repo.rel,
                label=rev.label,
                value=_first_line(done.stderr),
            )
        )
    entries: list[_Entry] = []
    skipped: list[str] = []
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        head, _, raw_path = record.partition(b"\t")
        try:
            mode, kind, oid = head.decode("ascii").split(" ")
        except ValueError:
            raise GitError(
                lazy("unexpected output from git ls-tree: %(record)r", record=record[:80])
            ) from None
        path_text = raw_path.decode("utf-8", "surrogateescape")
        path = _safe_rel(path_text)
        if path is None:
            skipped.append(f"{path_text}: unsafe path in the revision, left out")
            continue
        entries.append(_Entry(mode, kind, oid, path))
    return entries, skipped


def _read_blobs(repo: PlanRepo, oids: Sequence[str]) -> dict[str, bytes]:
    if not oids:
        return {}
    request = "".join(f"{oid}\n" for oid in oids).encode("ascii")
    done = _git(repo.root, ["cat-file", "--batch"], stdin=request)
    if done.returncode != 0:
        raise GitError(
            lazy("git cannot read the plan files: %(value)s", value=_first_line(done.stderr))
        )
    out = done.stdout
    blobs: dict[str, bytes] = {}
    pos = 0
    for oid in oids:
        end = out.find(b"\n", pos)
        if end < 0:
            raise GitError(lazy("unexpected end of output from git cat-file"))
        header = out[pos:end].decode("ascii", "replace").split(" ")
        if len(header) != 3 or header[0] != oid or header[1] != "blob":
            raise GitError(
                lazy("git cannot read object %(oid)s: %(value)s", oid=oid, value=" ".join(header))
            )
        size = int(header[2])
        start = end + 1
        blobs[oid] = out[start : start + size]
        pos = start + size + 1  # the content is followed by a newline
    return blobs


def _write(dest: Path, rel: PurePosixPath, data: bytes) -> None:
    path = dest.joinpath(*rel.parts)
    # Only plain files and folders are ever created, so resolving cannot
    # leave dest; check anyway before writing.
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.parent.resolve().is_relative_to(dest.resolve()):
        raise GitError(
            lazy(
                "refusing to write %(value)s outside the temporary directory", value=rel.as_posix()
            )
        )
    path.write_bytes(data)


def _export(repo: PlanRepo, rev: Revision, dest: Path) -> list[str]:
    """Write the plan directory of ``rev`` into ``dest``; return what was left out."""
    assert rev.commit is not None
    spec = f"{rev.commit}^{{tree}}" if repo.rel == "." else f"{rev.commit}:{repo.rel}"
    kind = _git(repo.root, ["cat-file", "-t", spec])
    where = "the repository root" if repo.rel == "." else repo.rel
    if kind.returncode != 0:
        raise GitError(
            lazy("%(where)s does not exist at revision %(label)s", where=where, label=rev.label)
        )
    if kind.stdout.strip() != b"tree":
        raise GitError(
            lazy("%(where)s is not a folder at revision %(label)s", where=where, label=rev.label)
        )
    entries, skipped = _list_tree(repo, rev, spec)
    by_path = {entry.path: entry for entry in entries}
    if PurePosixPath("plan.yaml") not in by_path:
        raise GitError(
            lazy(
                "there is no plan.yaml in %(where)s at revision %(label)s",
                where=where,
                label=rev.label,
            )
        )

    wanted: dict[PurePosixPath, str] = {}
    links: dict[PurePosixPath, str] = {}
    for entry in entries:
        if entry.mode == _MODE_SUBMODULE or entry.kind == "commit":
            skipped.append(f"{entry.path.as_posix()}: a submodule, left out")
        elif entry.mode == _MODE_LINK:
            links[entry.path] = entry.oid
        elif entry.kind == "blob" and entry.mode != _MODE_TREE:
            wanted[entry.path] = entry.oid
    oids = sorted({*wanted.values(), *links.values()})
    blobs = _read_blobs(repo, oids)

    for path, oid in sorted(wanted.items()):
        _write(dest, path, blobs[oid])
    for path in sorted(links):
        current = path
        target_oid: str | None = None
        for _hop in range(_MAX_LINK_HOPS):
            text = blobs.get(links[current], b"").decode("utf-8", "surrogateescape")
            resolved = _link_target(current, text)
            if resolved is None:
                break
            if resolved in wanted:
                target_oid = wanted[resolved]
                break
            if resolved not in links:
                break
            current = resolved
        if target_oid is None:
            skipped.append(
                f"{path.as_posix()}: a symbolic link that does not point to a file "
                "inside the plan, left out"
            )
            continue
        _write(dest, path, blobs[target_oid])
    if not (dest / "plan.yaml").is_file():
        raise GitError(
            lazy(
                "plan.yaml in %(where)s at revision %(label)s cannot be read from git",
                where=where,
                label=rev.label,
            )
        )
    return skipped


@contextmanager
def materialize(repo: PlanRepo, rev: Revision) -> Iterator[Snapshot]:
    """Yield the plan at ``rev`` on disk; the working tree is used as it is."""
    if rev.is_working_tree:
        yield Snapshot(rev, repo.plan_dir)
        return
    with tempfile.TemporaryDirectory(prefix="smartplan-diff-") as tmp:
        name = PurePosixPath(repo.rel).name if repo.rel != "." else repo.root.name
        dest = Path(tmp) / (name or "plan")
        dest.mkdir()
        skipped = _export(repo, rev, dest)
        yield Snapshot(rev, dest, skipped)
