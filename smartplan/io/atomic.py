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
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from smartplan.errors import OutputError

__all__ = ["write_atomic", "write_atomic_all"]


def _umask() -> int:
    # os.umask can only be read by setting it; restore at once.
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` (text is written as UTF-8) to ``path`` atomically, creating parent folders."""
    write_atomic_all([(path, (data,))])


def write_atomic_all(items: Iterable[tuple[Path, Iterable[bytes | str]]]) -> None:
    """Write each ``(path, chunks)`` atomically, and none of them unless all succeed.

    Each file's chunks (text is written as UTF-8) are streamed into a temporary
    file beside it, so the content never has to be held in memory whole. Only
    when every file is complete are they renamed into place, in order. If a
    chunk iterator raises (a template failing half-way) or a write fails,
    every temporary file is removed, no final file is touched, folders made
    for the output are removed again, and the error propagates (a write
    failure as :class:`OutputError`).
    """
    staged: list[tuple[str, Path]] = []
    paths: list[Path] = []
    made: list[Path] = []  # folders this call created, outermost first
    current: Path | None = None
    complete = False
    try:
        for path, chunks in items:
            current = path
            made.extend(_make_folder(path.parent))
            staged.append((_stream_to_temp(path, chunks), path))
            paths.append(path)
        while staged:
            tmp_name, current = staged[0]
            os.replace(tmp_name, current)
            staged.pop(0)
        complete = True
    except OSError as exc:
        raise OutputError(f"cannot write {current}: {exc.strerror or exc}") from None
    finally:
        if not complete:
            for tmp_name, _ in staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp_name)
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty
    for folder in dict.fromkeys(path.parent for path in paths):
        _fsync_dir(folder)
    for path in paths:
        _remove_stale_temps(path.parent, path.name)


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; those created, outermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder}: {exc.strerror or exc}") from None
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
