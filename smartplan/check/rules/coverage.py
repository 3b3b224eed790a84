"""Coverage: all six pillars are there, with programs, and the priority pillar leads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import PurePath

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.domain import PILLAR_NAMES, PILLARS
from smartplan.i18n import lazy, lazy_plural
from smartplan.problem import Hit, Severity


def _programs_per_pillar(ctx: PlanContext) -> Counter[str]:
    """Program files per pillar folder, counting files that failed their schema too."""
    return Counter(folder for folder in ctx.plan.program_folders.values() if folder)


@rule("V001", "coverage.pillar-programs")
def pillar_programs(ctx: PlanContext) -> Iterator[Hit]:
    """
    A pillar has no program.

    A master plan carries programs in all six pillars; the evaluation scores
    each pillar.

    Failing: programs/environment/ is empty.

    Passing: programs/environment/env-bank-sampah-digital.yaml exists.
    """
    if ctx.info is None:
        return
    counts = _programs_per_pillar(ctx)
    for code in PILLARS:
        if counts[code] == 0:
            yield Hit(
                "plan.yaml",
                "",
                lazy(
                    "the %(pillar_names)s pillar has no program (programs/%(code)s/ is empty)",
                    pillar_names=PILLAR_NAMES[code]["id"],
                    code=code,
                ),
                lazy("add at least one program under programs/%(code)s/", code=code),
            )


@rule("V002", "coverage.priority-pillar", Severity.WARNING)
def priority_pillar(ctx: PlanContext) -> Iterator[Hit]:
    """
    The priority pillar holds fewer programs than another pillar.

    A region that puts one pillar first (Kotim: Smart Economy) is expected
    to plan most of its programs there; evaluators notice when it does not.

    Failing: priority_pillar: economy with 4 economy programs and 9 governance programs.

    Passing: priority_pillar: economy with 12 economy programs, no other pillar above 12.
    """
    info = ctx.info
    if info is None or info.priority_pillar is None:
        return
    counts = _programs_per_pillar(ctx)
    own = counts[info.priority_pillar]
    if own == 0:
        return  # V001 reports the empty pillar
    larger = sorted(code for code in PILLARS if counts[code] > own)
    if larger:
        yield Hit(
            info.source.file,
            "/priority_pillar",
            lazy_plural(
                "the priority pillar %(pillar)r has %(n)d program, fewer than %(others)s",
                "the priority pillar %(pillar)r has %(n)d programs, fewer than %(others)s",
                own,
                pillar=info.priority_pillar,
                others=", ".join(f"{code} ({counts[code]})" for code in larger),
            ),
        )


@rule("V003", "coverage.pillar-file")
def pillar_files(ctx: PlanContext) -> Iterator[Hit]:
    """
    A pillar file is missing from pillars/.

    Every plan describes all six pillars: pillars/governance.yaml,
    branding.yaml, economy.yaml, living.yaml, society.yaml, environment.yaml.

    Failing: pillars/branding.yaml does not exist.

    Passing: all six files exist.
    """
    if ctx.info is None:
        return
    present = {PurePath(rel).stem for rel in ctx.files if rel.startswith("pillars/")}
    present |= set(ctx.plan.pillars)
    for code in PILLARS:
        if code not in present:
            yield Hit(
                "plan.yaml",
                "",
                lazy("missing pillar file pillars/%(code)s.yaml", code=code),
                lazy(
                    "describe the %(pillar_names)s pillar in pillars/%(code)s.yaml",
                    pillar_names=PILLAR_NAMES[code]["id"],
                    code=code,
                ),
            )
