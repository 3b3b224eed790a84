"""``smartplan monitor new``: the year's report files, pre-filled from the plan.

One file per program scheduled in the year (``monitoring/<year>/<id>.yaml``)
with that year's ceilings per funding source and indicator targets, and the
realisations left for the agency to fill in (as comments, since an empty
number would break the schema); plus the plan-level ``_tahun.yaml``, whose
foundation carries over from last year's. An existing file is never touched.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from smartplan.model import Plan, Program
from smartplan.monitor.model import ANNUAL_FILE

SCHEMA_LINE = "# yaml-language-server: $schema="


@dataclass
class NewYear:
    """What ``monitor new`` wrote and left alone (plan-relative paths)."""

    year: int
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _schema_prefix(plan_dir: Path, plan: Plan) -> str | None:
    """The modeline folder the plan's program files use (same depth as a year folder)."""
    for program in plan.programs.values():
        try:
            first = (plan_dir / program.source.file).read_text(encoding="utf-8").split("\n", 1)[0]
        except (OSError, UnicodeDecodeError):
            continue
        if first.startswith(SCHEMA_LINE) and first.endswith("program.schema.json"):
            return first.removeprefix(SCHEMA_LINE).removesuffix("program.schema.json")
        break
    return None


def program_file(program: Program, year: int, schema_prefix: str | None) -> str:
    """The pre-filled report of ``program`` for ``year``."""
    lines = []
    if schema_prefix is not None:
        lines.append(f"{SCHEMA_LINE}{schema_prefix}actuals.schema.json")
    lines += [
        f"# Realisasi {program.name.id} tahun {year}: isi realisasi, kemajuan dan bukti.",
        f"# Actuals of {program.name.get('en')} in {year}: fill in realisations, progress, "
        "evidence.",
        "kind: actuals",
        f"program: {program.id}",
        f"year: {year}",
        "status: not-started  # not-started | running | done | postponed | cancelled",
        "progress: 0",
    ]
    ceilings: dict[str, int] = defaultdict(int)
    for line in program.budget:
        if line.year == year:
            ceilings[line.source] += line.amount
    if ceilings:
        lines.append("budget:")
        for source, amount in ceilings.items():
            lines += [
                f"  - source: {source}",
                f"    ceiling: {amount}",
                "    # realisation: 0",
                "    # quarters: {q1: 0, q2: 0, q3: 0, q4: 0}",
            ]
    else:
        lines.append("budget: []")
    if program.indicators:
        lines.append("indicators:")
        for indicator in program.indicators:
            lines.append(f"  - id: {indicator.id}")
            if year in indicator.targets:
                lines.append(f"    target: {_number(indicator.targets[year])}  # {indicator.unit}")
            lines.append("    # realisation: 0")
    else:
        lines.append("indicators: []")
    lines += ["evidence: []", "obstacles: []", "follow_up: []"]
    if program.quick_win:
        lines += ["quick_win:", "  people_served: 0"]
    return "\n".join(lines) + "\n"


def annual_file(plan: Plan, year: int, schema_prefix: str | None) -> str:
    """The plan-level file of ``year``, its foundation carried over from last year."""
    last = plan.monitoring.years.get(year - 1)
    foundation = last.annual.foundation if last and last.annual else {}
    lines = [f"{SCHEMA_LINE}{schema_prefix}annual.schema.json"] if schema_prefix else []
    lines += ["kind: annual", f"year: {year}", "foundation:"]
    for key in ("council", "team", "regulation"):
        decree = foundation.get(key)
        if decree is None:
            lines.append(f"  {key}: {{status: none}}  # none | draft | enacted")
            continue
        lines.append(f"  {key}:")
        lines.append(f"    status: {decree.status}")
        if decree.number:
            lines.append(f"    number: {json.dumps(decree.number, ensure_ascii=False)}")
        if decree.date:
            lines.append(f'    date: "{decree.date}"')
    lines += ["# evaluation: {dimensions: {...}, final_index: 0, rank: 0}", "# spbe: {index: 0}"]
    return "\n".join(lines) + "\n"


def new_year(plan: Plan, plan_dir: Path, year: int) -> NewYear:
    """Write the missing report files of ``year``; never overwrite one."""
    from smartplan.io.atomic import write_atomic

    result = NewYear(year)
    prefix = _schema_prefix(plan_dir, plan)
    folder = plan_dir / "monitoring" / str(year)
    folder.mkdir(parents=True, exist_ok=True)
    files = [
        (f"{program.id}.yaml", program_file(program, year, prefix))
        for program in sorted(plan.programs.values(), key=lambda p: p.id)
        if program.start <= year <= program.end
    ]
    files.insert(0, (ANNUAL_FILE, annual_file(plan, year, prefix)))
    for name, text in files:
        rel = f"monitoring/{year}/{name}"
        if write_atomic(folder / name, text, overwrite=False, inside=plan_dir):
            result.written.append(rel)
        else:
            result.skipped.append(rel)
    return result
