"""The command-line interface: a thin typer layer over the core.

``smartplan --version`` (or ``-V``) is answered here without importing typer
or any command, so a version check costs less than importing typer;
everything else goes to the typer application in :mod:`smartplan.cli.application`.
"""

from __future__ import annotations

import sys
from typing import Any


def main() -> None:
    """Console-script entry point."""
    if sys.argv[1:] in (["--version"], ["-V"]):
        from smartplan import __version__

        sys.stdout.write(f"smartplan {__version__}\n")
        return
    from smartplan.cli.application import app

    app()


def __getattr__(name: str) -> Any:
    # ``from smartplan.cli import app`` keeps working, loading typer on demand.
    if name == "app":
        from smartplan.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
