"""Find the packaged data folders, from an installed wheel or from a checkout.

The wheel carries ``schemas/`` and ``templates/`` as ``smartplan/_data/...``;
in a source checkout (or an editable install) they sit at the repository root.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


def _data_dir(name: str) -> Path:
    packaged = Path(str(files("smartplan"))) / "_data" / name
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"smartplan is installed without its {name}/ folder")


@cache
def schemas_dir() -> Path:
    """The folder holding the JSON Schemas, one per file kind."""
    return _data_dir("schemas")


@cache
def templates_dir() -> Path:
    """The folder holding the packaged Jinja2 templates and label catalogs."""
    return _data_dir("templates")
