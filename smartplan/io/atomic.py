"""Atomic file writes: an interrupted write leaves the previous file intact.

The new content goes to a temporary file in the target's own folder (so the
final rename never crosses a file system), is flushed and fsynced, and then
replaces the target with :func:`os.replace`, which is atomic on POSIX and
Windows. The folder is fsynced too where the platform allows it, so the rename
itself survives a power cut.

A writer killed between creating its temporary file and the rename (SIGKILL,
a power cut) leaves that file behind, hidden (``.<name>.<pid>.<random>.tmp``)
and never under the final name. The next successful write of the same name
removes such leftovers whose process is gone (POSIX only).

Several files written together are all-or-nothing: every target is checked
before the first rename (a folder in the way of one file stops them all), the
files they replace are kept under a hidden backup name until the last rename,
and a rename that fails puts the replaced files back. With ``inside=ROOT``
every target must resolve into ``ROOT``: a linked folder cannot carry a write
out of the plan.

With ``overwrite=False`` a write only creates: a file that already exists is
left as it is and skipped. The temporary file is then hard-linked to the final
name, an atomic create that fails when the name exists, so a file that appears
meanwhile is never replaced either (``smartplan init`` relies on this).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from smartplan.errors import OutputError
from smartplan.i18n import lazy

__all__ = ["write_atomic", "write_atomic_all"]


def _umask() -> int:
    # os.umask can only be read by setting it; restore at once.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(
    path: Path, data: bytes | str, *, overwrite: bool = True, inside: Path | None = None
) -> bool:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically, creating parent folders.

    Returns whether it was written: with ``overwrite=False`` an existing
    ``path`` is left as it is and ``False`` returned.
    """
    return bool(write_atomic_all([(path, (data,))], overwrite=overwrite, inside=inside))


def write_atomic_all(
    items: Iterable[tuple[Path, Iterable[bytes | str]]],
    *,
    overwrite: bool = True,
    inside: Path | None = None,
) -> list[Path]:
    """Write each ``(path, chunks)`` atomically, and none of them unless all succeed.

    Each file's chunks (text is written as UTF-8) are streamed into a temporary
    file beside it, so the content never has to be held in memory whole. Only
    when every file is complete are they renamed into place, in order. If a
    chunk iterator raises (a template failing half-way) or a write fails,
    every temporary file is removed, no final file is touched, folders made
    for the output are removed again, and the error propagates (a write
    failure as :class:`OutputError`, naming the file).

    With ``overwrite=False`` (create-only) a path that exists is skipped, not
    an error. Returns the paths written, in order.
    """
    staged: list[tuple[str, Path]] = []
    paths: list[Path] = []
    made: list[Path] = []  # folders this call created, outermost first
    backups: list[tuple[str, Path]] = []  # (backup name, the file it keeps), for a rollback
    current: Path | None = None
    complete = False
    try:
        for path, chunks in items:
            current = path
            if inside is not None:
                _check_inside(path, inside)
            made.extend(_make_folder(path))
            if not overwrite and _exists(path):
                continue  # checked again, atomically, when it is linked into place
            staged.append((_stream_to_temp(path, chunks), path))
        for _, current in staged:
            _check_replaceable(current)
        if overwrite:
            backups = [(_keep(path), path) for _, path in staged if path.is_file()]
        while staged:
            tmp_name, current = staged[0]
            if overwrite:
                os.replace(tmp_name, current)
                paths.append(current)
            elif _link_new(tmp_name, current):
                paths.append(current)
            staged.pop(0)
        complete = True
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            lazy("cannot write %(current)s: %(reason)s", current=current, reason=reason),
            path=current,
            reason=reason,
        ) from None
    finally:
        if not complete:
            for tmp_name, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
            kept = {original: backup for backup, original in backups}
            for written in paths:  # undo the renames already made
                with contextlib.suppress(OSError):
                    if written in kept:
                        os.replace(kept.pop(written), written)
                    else:
                        written.unlink()  # it did not exist before
            for backup in kept.values():  # files that were never replaced
                with contextlib.suppress(OSError):
                    os.unlink(backup)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty
        else:
            for backup, _ in backups:
                with contextlib.suppress(OSError):
                    os.unlink(backup)
    for folder in dict.fromkeys(path.parent for path in paths):
        _fsync_dir(folder)
    for path in paths:
        _remove_stale_temps(path.parent, path.name)
    return paths


def _check_inside(path: Path, root: Path) -> None:
    """Refuse a target whose folder resolves outside ``root`` (through a linked folder)."""
    base = root.resolve()  # links in the part that exists are followed, the rest kept
    resolved = path.parent.resolve()
    if resolved != base and base not in resolved.parents:
        reason = lazy("its folder leads outside %(root)s (through a symbolic link)", root=root)
        raise OutputError(
            lazy("cannot write %(path)s: %(reason)s", path=path, reason=reason),
            path=path,
            reason=reason,
        )
    if path.is_symlink():
        reason = "it is a symbolic link; replace it with a file first"
        raise OutputError(
            lazy("cannot write %(path)s: %(reason)s", path=path, reason=reason),
            path=path,
            reason=reason,
        )


def _check_replaceable(path: Path) -> None:
    """Refuse, before any rename, a target that a rename could not replace."""
    if path.is_dir() and not path.is_symlink():
        reason = "a folder of that name is in the way"
        raise OutputError(
            lazy("cannot write %(path)s: %(reason)s", path=path, reason=reason),
            path=path,
            reason=reason,
        )


def _keep(path: Path) -> str:
    """Keep the file at ``path`` under a hidden name beside it until the writes are done."""
    backup = f"{path.parent}/.{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        os.link(path, backup)
    except OSError:  # no hard links here: copy, so a rollback still has the old text
        import shutil

        shutil.copy2(path, backup)
    return backup


def _exists(path: Path) -> bool:
    # a dangling symlink counts: writing through it would create its target
    return path.exists() or path.is_symlink()


def _link_new(tmp_name: str, path: Path) -> bool:
    """Give the temporary file ``tmp_name`` the name ``path`` unless that exists."""
    try:
        os.link(tmp_name, path)
    except FileExistsError:
        return False
    except OSError:  # no hard links here (some network or FAT file systems)
        if _exists(path):
            return False
        os.replace(tmp_name, path)  # checked just before; the best such a file system allows
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
    return True


def _make_folder(path: Path) -> list[Path]:
    """Create the folder of ``path`` and its missing parents; those created, outermost first."""
    folder = path.parent
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        if candidate.is_symlink():  # a link to nothing: mkdir would say "File exists"
            reason = lazy(
                "%(candidate)s is a symbolic link to %(value)s, which does not exist",
                candidate=candidate,
                value=os.readlink(candidate),
            )
            raise OutputError(
                lazy(
                    "cannot create the folder %(folder)s: %(reason)s", folder=folder, reason=reason
                ),
                path=path,
                reason=reason,
            )
        missing.append(candidate)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            lazy("cannot create the folder %(folder)s: %(reason)s", folder=folder, reason=reason),
            path=path,
            reason=reason,
        ) from None
    return missing[::-1]


def _stream_to_temp(path: Path, chunks: Iterable[bytes | str]) -> str:
    """Write ``chunks`` to a new temporary file beside ``path``; its name."""
    fd, tmp_name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp"
    )
    try:
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates the file 0600; give it the mode an ordinary write would.
        os.chmod(tmp_name, 0o666 & ~_umask())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    return tmp_name


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, as another user
        return True
    return True


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temporary files of ``name`` left by a writer that no longer runs."""
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) would end the process
        return
    prefix = f".{name}."
    try:
        entries = list(os.scandir(folder))
    except OSError:  # pragma: no cover
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid, _, random_part = entry.name[len(prefix) : -len(".tmp")].partition(".")
        if not (pid.isascii() and pid.isdigit()) or not random_part or "." in random_part:
            continue  # not a temporary file of ``name`` as write_atomic names them
        # a live writer (this one included) may still rename its file
        if int(pid) == os.getpid() or _process_alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - directories cannot be opened on Windows
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse it; the data is written
        pass
    finally:
        os.close(fd)
