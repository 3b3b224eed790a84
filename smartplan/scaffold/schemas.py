"""The packaged JSON Schemas: list them, and copy them for ``smartplan schema --out``."""

from __future__ import annotations

from pathlib import Path

from smartplan.check.modelines import SCHEMA_FOLDER
from smartplan.errors import OutputError
from smartplan.i18n import lazy
from smartplan.io.atomic import write_atomic_all
from smartplan.resources import schemas_dir

__all__ = ["SCHEMA_FOLDER", "schema_files", "write_schemas"]


def schema_files() -> list[Path]:
    """The packaged JSON Schemas, one per file kind, sorted by name."""
    return sorted(schemas_dir().glob("*.schema.json"))


def write_schemas(out_dir: Path) -> list[Path]:
    """Copy the packaged JSON Schemas into ``out_dir``, replacing older copies.

    All of them are written atomically and together (:func:`write_atomic_all`),
    so an error leaves the older copies whole and no half-written schema behind.
    Raises :class:`OutputError` when they cannot be written.
    """
    out_dir = Path(out_dir)
    sources = schema_files()
    if not sources:
        raise OutputError(lazy("no JSON Schemas found in the smartplan installation"))
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(
            lazy("%(out_dir)s exists and is not a folder", out_dir=out_dir),
            lazy("give a folder to write to"),
        )
    targets = [out_dir / source.name for source in sources]
    try:
        contents = [source.read_bytes() for source in sources]
        write_atomic_all((target, (data,)) for target, data in zip(targets, contents, strict=True))
    except (OSError, OutputError) as exc:
        reason = exc.reason if isinstance(exc, OutputError) else exc.strerror or str(exc)
        raise OutputError(
            lazy(
                "cannot write the schemas to %(out_dir)s: %(reason)s",
                out_dir=out_dir,
                reason=reason,
            ),
            lazy("check that the folder is writable"),
        ) from None
    return targets
