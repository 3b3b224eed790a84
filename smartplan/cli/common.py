"""Helpers shared by the command modules: errors and exit codes, loading a plan."""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from smartplan.errors import SmartplanError
from smartplan.i18n import N_, _, localize

if TYPE_CHECKING:
    from smartplan.model import Plan

F = TypeVar("F", bound=Callable[..., Any])

#: The optional plan-folder argument most commands take.
PlanDirArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="PLAN_DIR",
        help=N_("Plan folder (holding plan.yaml). Default: the current folder."),
        show_default=False,
    ),
]

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70


def fail(message: str, hint: str | None = None, code: int = EXIT_USAGE) -> typer.Exit:
    """Print one clear line (and a hint) to stderr; return the Exit to raise."""
    message = localize(message) or ""
    hint = localize(hint)
    sys.stderr.write(_("smartplan: error: %(message)s") % {"message": message} + "\n")
    if hint:
        sys.stderr.write("  " + _("hint: %(hint)s") % {"hint": hint} + "\n")
    return typer.Exit(code)


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so every cleanup runs as for Ctrl-C."""


def _os_error(exc: OSError) -> typer.Exit:
    """One line for a file the command could not read or write (its name, the reason)."""
    reason = exc.strerror or type(exc).__name__
    where = f" {exc.filename}" if exc.filename else ""
    if isinstance(exc, PermissionError):
        return fail(
            _("permission denied:%(file)s") % {"file": where},
            _("run smartplan as a user who may read the plan and write the output"),
        )
    return fail(_("cannot use%(file)s: %(reason)s") % {"file": where, "reason": reason})


def finish_output() -> None:
    """Flush standard output now, so a full disk or a closed pipe is reported, not ignored."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_USAGE) from None
    except (OSError, ValueError) as exc:
        _silence_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise fail(_("cannot write to standard output: %(reason)s") % {"reason": reason}) from None


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at nothing so that is quiet.
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def handle_errors(func: F) -> F:
    """Speak the command's language; turn smartplan's own errors into one line on stderr.

    The language is chosen once for the command (``--lang``, the root's
    ``--lang``, ``SMARTPLAN_LANG``, the locale) and the one before is
    restored afterwards, so a test or a host program is left as it was.
    """

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from smartplan.cli import options
        from smartplan.i18n import activate, choose

        explicit = kwargs.get("lang")
        chosen = getattr(explicit, "value", explicit) or options.root_language
        previous = activate(choose(chosen))
        try:
            return _run(func, args, kwargs)
        finally:
            activate(previous)

    return wrapper  # type: ignore[return-value]  # functools.wraps keeps the signature typer reads


def _run(func: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """Run one command, turning expected failures into one line and an exit code."""
    try:
        value = func(*args, **kwargs)
        finish_output()
        return value
    except SmartplanError as exc:
        raise fail(exc.message, exc.hint, exc.exit_code) from None
    except Terminated:
        sys.stderr.write(_("smartplan: terminated") + "\n")
        raise typer.Exit(143) from None
    except KeyboardInterrupt:
        sys.stderr.write(_("smartplan: interrupted") + "\n")
        raise typer.Exit(130) from None
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(EXIT_USAGE) from None
    except MemoryError:
        raise fail(
            _("ran out of memory"),
            _(
                "the plan, or a template, needs more memory than this machine gives; "
                "close other programs or use a larger machine"
            ),
        ) from None
    except RecursionError:
        raise fail(
            _("a path or a structure is nested too deeply to follow"),
            _("use a shorter output path, or a plan folder nearer the root"),
        ) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except OSError as exc:
        if exc.filename is None:  # no file named: the write to standard output failed
            _silence_stdout()
            reason = exc.strerror or type(exc).__name__
            raise fail(
                _("cannot write to standard output: %(reason)s") % {"reason": reason}
            ) from None
        raise _os_error(exc) from None
    except Exception as exc:
        if os.environ.get("SMARTPLAN_DEBUG"):
            raise
        sys.stderr.write(
            _("smartplan: internal error: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"}
            + "\n  "
            + _(
                "this is a bug in smartplan; please report it with the command you ran "
                "(SMARTPLAN_DEBUG=1 shows the traceback)"
            )
            + "\n"
        )
        raise typer.Exit(EXIT_INTERNAL) from None


def default_plan_dirs(plan_dirs: list[Path] | None) -> list[Path]:
    """The plan directories to work on: those given, else the current directory."""
    return list(plan_dirs) if plan_dirs else [Path(".")]


@contextlib.contextmanager
def loading() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while plans are read and checked.

    Loading makes millions of long-lived objects and next to no reference
    cycles, and each full collection walks the whole growing heap: at 20,000
    programs the collector took about a third of ``validate``'s time, for
    nothing freed (same peak memory). Afterwards the loaded objects are frozen
    (:func:`gc.freeze`), so the collections that prioritize and render still
    need (Jinja makes cycles) do not walk the plan again. A CLI-only policy:
    the core never touches the collector.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def plan_has_errors(plan_dir: Path) -> str:
    """The line before an invalid plan's problems, when a command refuses it."""
    return (
        _("smartplan: the plan in %(plan)s has errors; fix them first:") % {"plan": plan_dir}
        + "\n\n"
    )


def load_valid_plan(plan_dir: Path, *, quiet: bool = False, color: bool | None = None) -> Plan:
    """Validate ``plan_dir``; on errors print them to stderr and exit 1, else return the plan."""
    from smartplan.check.engine import validate_plan
    from smartplan.cli.progress import progress_bar
    from smartplan.report import get_reporter
    from smartplan.report.validate import RunSummary

    with loading(), progress_bar(_("reading the plan"), quiet=quiet) as progress:
        result = validate_plan(plan_dir, progress=progress)
    if not result.ok:
        sys.stderr.write(plan_has_errors(plan_dir))
        run = RunSummary(plans=1, files=result.files_checked)
        from smartplan.cli.options import use_color

        get_reporter("validate", "text")(
            result.problems, run, sys.stderr, use_color(sys.stderr, color)
        )
        raise typer.Exit(EXIT_PROBLEMS)
    result.require_usable()
    return result.plan
