"""Seeded synthetic actuals for a plan: every program in every year it runs.

For the benchmark of ``smartplan evaluate`` (and tests that want many
reports): ``python -m smartplan.synth OUT --programs 5000 --actuals``. The
same plan and seed give the same files, byte for byte. The actuals are valid
by construction and clean under the monitoring rules (quarters add up, no
line over its ceiling), with a spread of statuses and achievements.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from smartplan.model import Plan

_STATUSES = ("running",) * 6 + ("done", "not-started", "postponed", "cancelled")


def _quarters(rng: random.Random, total: int) -> list[int]:
    shares = sorted(rng.random() for _ in range(3))
    cuts = [int(total * s) for s in shares]
    return [cuts[0], cuts[1] - cuts[0], cuts[2] - cuts[1], total - cuts[2]]


def _report(rng: random.Random, plan: Plan, program_id: str, year: int) -> str:
    program = plan.programs[program_id]
    status = "done" if year == program.end and rng.random() < 0.5 else rng.choice(_STATUSES)
    lines = [
        "kind: actuals",
        f"program: {program.id}",
        f"year: {year}",
        f"status: {status}",
        f"progress: {100 if status == 'done' else rng.randrange(0, 100, 5)}",
        "budget:",
    ]
    ceilings: dict[str, int] = defaultdict(int)
    for line in program.budget:
        if line.year == year:
            ceilings[line.source] += line.amount
    for source, ceiling in ceilings.items():
        spent = ceiling * rng.randrange(40, 101) // 100
        q = _quarters(rng, spent)
        lines += [
            f"  - source: {source}",
            f"    ceiling: {ceiling}",
            f"    realisation: {spent}",
            f"    quarters: {{q1: {q[0]}, q2: {q[1]}, q3: {q[2]}, q4: {q[3]}}}",
        ]
    if not ceilings:
        lines[-1] = "budget: []"
    lines.append("indicators:")
    for indicator in program.indicators:
        target = indicator.targets.get(year)
        factor = 1.0 if status == "done" else rng.uniform(0.4, 1.15)
        value = round((target or 0) * factor)
        lines.append(f"  - {{id: {indicator.id}, realisation: {value}}}")
    if not program.indicators:
        lines[-1] = "indicators: []"
    lines += ["evidence:", f'  - {{citation: "Laporan triwulan IV {year}"}}']
    if status in ("postponed", "cancelled"):
        lines += ["obstacles:", "  - Pagu dialihkan", "follow_up:", "  - action: Usulkan kembali"]
    return "\n".join(lines) + "\n"


def write_actuals(plan_dir: Path, plan: Plan, seed: int) -> int:
    """Write monitoring/<year>/ for every program and year of ``plan``; return the file count."""
    rng = random.Random(seed)
    assert plan.info is not None
    count = 0
    for year in plan.info.years:
        folder = plan_dir / "monitoring" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        dims = [round(rng.uniform(2.0, 4.0), 2) for _ in range(5)]
        index = (10 * dims[0] + 20 * dims[1] + 30 * dims[2] + 20 * dims[3] + 20 * dims[4]) / 100
        (folder / "_tahun.yaml").write_text(
            f"kind: annual\nyear: {year}\nevaluation:\n  dimensions: {{baseline: {dims[0]}, "
            f"output: {dims[1]}, outcome: {dims[2]}, impact: {dims[3]}, quick_win: {dims[4]}}}\n"
            f"  final_index: {round(index, 2)}\n",
            encoding="utf-8",
        )
        count += 1
        for program in plan.programs.values():
            if program.start <= year <= program.end:
                text = _report(rng, plan, program.id, year)
                (folder / f"{program.id}.yaml").write_text(text, encoding="utf-8")
                count += 1
    return count
