"""The command-line interface: a thin typer layer over the core.

``smartplan --version`` (or ``-V``) is answered here without importing typer
or any command, so a version check costs less than importing typer;
everything else goes to the typer application in :mod:`smartplan.cli.application`.
"""

from __future__ import annotations

import codecs
import signal
import sys
from typing import Any

#: What a terminal that cannot show a symbol gets instead (PYTHONIOENCODING=ascii,
#: a cp1252 console): the meaning survives, not a "?" or a crash.
_ASCII = {
    "✓": "ok",
    "✖": "x",
    "✗": "x",
    "—": "-",
    "–": "-",
    "→": "->",
    "←": "<-",
    "×": "x",
    "÷": "/",
    "±": "+/-",
    "≤": "<=",
    "≥": ">=",
    "·": "-",
    "…": "...",
    "λ": "lambda",
    "Σ": "sum",
    "−": "-",
    "•": "*",
}


def _ascii_fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start : error.end]
    return "".join(_ASCII.get(char, "?") for char in text), error.end


def _terminate(signum: int, frame: object) -> None:
    from smartplan.cli.common import Terminated

    raise Terminated


def _prepare_streams() -> bool:
    """Make stdout and stderr safe to write; False when standard output is closed."""
    codecs.register_error("smartplan-ascii", _ascii_fallback)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and not getattr(stream, "closed", True):
            reconfigure(errors="smartplan-ascii")
    if sys.stdout is None or sys.stdout.closed:
        if sys.stderr is not None and not sys.stderr.closed:
            sys.stderr.write("smartplan: error: standard output is closed\n")
        return False
    return True


def main() -> None:
    """Console-script entry point."""
    if not _prepare_streams():
        raise SystemExit(2)
    signal.signal(signal.SIGTERM, _terminate)
    if sys.argv[1:] in (["--version"], ["-V"]):
        from smartplan import __version__

        sys.stdout.write(f"smartplan {__version__}\n")
        return
    from smartplan.cli.application import app
    from smartplan.cli.localized import argv_language
    from smartplan.i18n import activate, choose

    # the language of --help and of click's own errors, which come before any command runs
    activate(choose(argv_language(sys.argv[1:])))
    app()


def __getattr__(name: str) -> Any:
    # ``from smartplan.cli import app`` keeps working, loading typer on demand.
    if name == "app":
        from smartplan.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
