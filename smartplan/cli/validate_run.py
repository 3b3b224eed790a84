"""validate's work between options and reporters: which plans, which text, the baseline.

:mod:`smartplan.check.targets` says what each PATH stands for; here the
plans are validated (with an editor's unsaved text for ``--stdin-filename``),
the problems of the files named are put first, and baselines are written.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from smartplan.cli.common import fail
from smartplan.i18n import _, ngettext

if TYPE_CHECKING:
    from smartplan.check.engine import ValidationResult
    from smartplan.check.targets import Target
    from smartplan.problem import Problem


def stdin_target(path: Path) -> list[Target]:
    """The plan of the file an editor lints from standard input (the file must exist)."""
    from smartplan.check.targets import find_targets

    if not path.is_file():
        raise fail(
            _("--stdin-filename %(file)s: no such file in a plan") % {"file": path.as_posix()},
            _("save the file once, so its place in the plan is known"),
        )
    return find_targets([path])


def check_targets(
    targets: Sequence[Target],
    *,
    baseline: Path | None,
    use_baseline: bool,
    stdin: bytes | None,
    quiet: bool = False,
    config: Path | None = None,
) -> tuple[list[ValidationResult], list[Problem]]:
    """Validate each target's plan; the problems of the files named come first.

    With ``stdin`` (``--stdin-filename``) the one named file is checked with
    that text, and only its problems are returned.
    """
    from smartplan.check.engine import validate_plan
    from smartplan.check.targets import focus_first
    from smartplan.cli.progress import progress_bar

    results, problems = [], []
    for target in targets:
        texts = {}
        if stdin is not None:
            base = target.plan_dir.resolve()
            rel = Path(target.focus[0]).resolve().relative_to(base).as_posix()
            texts[rel] = stdin
        with progress_bar(
            _("checking %(plan)s") % {"plan": target.plan_dir.as_posix()}, quiet=quiet
        ) as progress:
            result = validate_plan(
                target.plan_dir,
                baseline=baseline,
                use_baseline=use_baseline,
                texts=texts,
                progress=progress,
                config_file=config,
            )
        results.append(result)
        shown = focus_first(result.problems, target.focus)
        problems += [p for p in shown if p.file in target.focus] if stdin is not None else shown
    return results, problems


def write_baselines(results: Sequence[ValidationResult], baseline: Path | None) -> None:
    """Record each plan's problems in its baseline file (or ``baseline``)."""
    from smartplan.check.config import BASELINE_FILE, baseline_document
    from smartplan.io.atomic import write_atomic

    for result in results:
        target = baseline if baseline is not None else result.plan_dir / BASELINE_FILE
        write_atomic(target, baseline_document(result.fingerprints()))
        count = len(result.problems)
        sys.stderr.write(
            ngettext(
                "wrote %(file)s with %(n)d known problem; validate now reports only new ones",
                "wrote %(file)s with %(n)d known problems; validate now reports only new ones",
                count,
            )
            % {"file": target, "n": count}
            + "\n"
        )
