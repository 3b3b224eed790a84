"""Seeded generator of synthetic plans, valid by construction.

Used by the benchmark suite (``make bench``) and by tests that need many
programs. The same seed gives the same files, byte for byte.

    python -m smartplan.synth OUT_DIR --plans 2 --programs 1000 --seed 7
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from smartplan import nomenclature
from smartplan.domain import ELEMENTS, PILLAR_NAMES, PILLARS, READINESS_ASPECTS
from smartplan.scaffold import tables

#: The agencies (OPD) the synthetic plans have, from smartplan init's table, in the
#: order the generator draws from (the order is part of what a seed reproduces).
_AGENCY_IDS = (
    *("diskominfo", "bappeda", "disdukcapil", "dpmptsp", "bapenda", "dinkes", "disdik"),
    *("dlh", "dishub", "disdagperin", "diskopukm", "disbudpar", "dpupr", "dinsos", "bpbd"),
)


def _agencies() -> list[tuple[str, str, str]]:
    """``(id, name, short)`` of each agency in :data:`_AGENCY_IDS`, shorter names preferred."""
    table = {agency["id"]: agency for agency in tables.agencies()}
    return [
        (aid, table[aid].get("compact", table[aid]["name"]["id"]), table[aid]["short"])
        for aid in _AGENCY_IDS
    ]


_AGENCIES = _agencies()
_WORDS = (
    *("layanan", "digital", "terpadu", "pasar", "desa", "data", "portal", "aplikasi"),
    *("sistem", "informasi", "kota", "cerdas", "pariwisata", "umkm", "kesehatan"),
    *("sekolah", "sampah", "energi", "surya", "air", "sungai", "jalan", "transportasi"),
    *("keamanan", "komunitas", "budaya", "perizinan", "pajak", "retribusi", "kependudukan"),
)
_SOURCES = ("APBD", "APBD", "APBD", "APBN", "DAK", "CSR", "KPBU", "LAINNYA")
_ROLES = ("akademisi", "badan_usaha", "komunitas", "media")
_INNOVATIONS = ("program", "produk", "metode", "konseptual", "teknologi")
_STAGES = ("idea", "development_planning", "development", "implementation")
#: Smart Economy comes up twice as often: the synthetic regions put it first.
_PILLAR_MIX = (*PILLARS, "economy")
#: The scoring criteria of smartplan init's table; the AHP matrix below follows their order.
CRITERIA = tables.criterion_ids()


@dataclass(frozen=True)
class _Program:
    id: str
    pillar: str
    start: int
    end: int
    quick_win: bool
    depends_on: tuple[str, ...]
    budget: tuple[tuple[int, int, str], ...]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize()


def _program_yaml(rng: random.Random, program: _Program, index: int, first_year: int) -> str:
    element = rng.choice([c for c, e in ELEMENTS.items() if e[0] == program.pillar])
    lead = rng.choice(_AGENCIES)[0]
    partner_agency = rng.choice([a for a in _AGENCIES if a[0] != lead])[0]
    lines = [
        # the schema by its $id: a generated plan lives anywhere, so a relative
        # path would lead nowhere (F004); the line keeps files the size of real ones
        "# yaml-language-server: $schema=https://smartplan.dev/schemas/v1/program.schema.json",
        "kind: program",
        f"id: {program.id}",
        "name:",
        f"  id: {_text(rng, 4)} {index}",
        f"  en: Program {index}",
        f"description: {_text(rng, 18)}.",
        f"pillar: {program.pillar}",
        f"element: {element}",
        f"tags: [{rng.choice(_WORDS)}]",
        f"lead_agency: {lead}",
        "partners:",
        "  - role: pemerintah",
        f"    agency: {partner_agency}",
        f"  - role: {rng.choice(_ROLES)}",
        f"    name: Mitra {rng.choice(_WORDS).capitalize()} {index}",
        f"innovation_type: {rng.choice(_INNOVATIONS)}",
        "status:",
        f"  stage: {rng.choice(_STAGES)}",
        f"  progress: {rng.randrange(0, 100, 5)}",
        "years:",
        f"  start: {program.start}",
        f"  end: {program.end}",
    ]
    offset = program.end - first_year
    horizon = "short" if offset <= 0 else "medium" if offset <= 4 else "long"
    lines.append(f"horizon: {horizon}")
    if program.quick_win:
        lines.append("quick_win: true")
    lines.append("budget:")
    for year, amount, source in program.budget:
        lines += [f"  - year: {year}", f"    amount: {amount}", f"    source: {source}"]
    lines += [
        "indicators:",
        f"  - id: capaian-{index}",
        f"    name: Capaian {_text(rng, 3).lower()}",
        f"    type: {rng.choice(('output', 'outcome'))}",
        "    unit: unit",
        "    direction: increase",
        f"    baseline: {{year: {program.start - 1}, value: {rng.randrange(0, 50)}}}",
        "    targets:",
    ]
    value = 50
    for year in range(program.start, program.end + 1):
        value += rng.randrange(1, 40)
        lines.append(f"      {year}: {value}")
    lines.append("scores:")
    for criterion in CRITERIA:
        lines.append(f"  {criterion}: {rng.randint(1, 5)}")
    if program.depends_on:
        lines.append(f"depends_on: [{', '.join(program.depends_on)}]")
    code = f"2.16.{rng.randint(1, 3):02d}.2.{rng.randint(1, 9):02d}"
    invented = f"Kegiatan {_text(rng, 3).lower()}"
    # a kegiatan the nomenclature table knows gets its name (rule N002)
    known = nomenclature.lookup(code)
    lines += [
        "rpjmd:",
        f'  code: "{code}"',
        "  level: kegiatan",
        f"  name: {known.current if known else invented}",
        "risks:",
        f"  - description: {_text(rng, 8)}",
        f"    level: {rng.choice(('low', 'medium', 'high'))}",
        f"    mitigation: {_text(rng, 6)}",
    ]
    return "\n".join(lines) + "\n"


def _programs(rng: random.Random, count: int, first: int, last: int) -> list[_Program]:
    programs: list[_Program] = []
    quick_wins = min(8, max(1, count // 10))
    for index in range(count):
        pillar = _PILLAR_MIX[index % len(_PILLAR_MIX)]  # dealt in turn: economy leads
        prefix = pillar[:3]
        quick = index < quick_wins
        if quick:
            start = end = first
        else:
            start = rng.randint(first, last - 1)
            end = min(last, start + rng.randint(0, 4))
        candidates = [p for p in programs[-50:] if p.start <= start]
        deps = tuple(sorted({p.id for p in rng.sample(candidates, min(len(candidates), 2))}))
        if quick or rng.random() < 0.6:
            deps = ()
        budget = tuple(
            (year, rng.randrange(100, 3000) * 1_000_000, rng.choice(_SOURCES))
            for year in range(start, end + 1)
        )
        programs.append(
            _Program(f"{prefix}-program-{index:05d}", pillar, start, end, quick, deps, budget)
        )
    return programs


def write_plan(target: Path, programs: int, seed: int, *, name: str = "sintetis") -> Path:
    """Write one synthetic plan with ``programs`` programs into ``target``; return it."""
    rng = random.Random(seed)
    first, last = 2025, 2034
    target.mkdir(parents=True, exist_ok=True)
    plan_programs = _programs(rng, programs, first, last)
    totals: dict[int, int] = defaultdict(int)
    for program in plan_programs:
        for year, amount, _source in program.budget:
            totals[year] += amount
    ceilings = "\n".join(
        f"  {year}: {int(totals.get(year, 0) * 1.2) + 1_000_000_000}"
        for year in range(first, last + 1)
    )
    criteria = "\n".join(
        f"    - {{id: {c['id']}, name: {c['name']['id']}, kind: {c['kind']}}}"
        for c in tables.criteria()
    )
    (target / "plan.yaml").write_text(
        f"""kind: plan
id: {name}
region:
  name: {name.capitalize()}
  type: kabupaten
  province: Kalimantan Tengah
title: Masterplan Smart City Kabupaten {name.capitalize()} {first}–{last}
version: "1.0"
date: "{first - 1}-10-01"
period: {{start: {first}, end: {last}}}
vision: Kabupaten cerdas yang sejahtera dan berkelanjutan
missions:
  - Meningkatkan layanan publik digital
  - Menumbuhkan ekonomi lokal
priority_pillar: economy
budget_ceilings:
{ceilings}
scoring:
  scale: {{min: 1, max: 5}}
  criteria:
{criteria}
  ahp:
    matrix:
      - [1, 2, 3, 5, 2]
      - ["1/2", 1, 2, 3, 1]
      - ["1/3", "1/2", 1, 2, "1/2"]
      - ["1/5", "1/3", "1/2", 1, "1/3"]
      - ["1/2", 1, 2, 3, 1]
  pillar_weights:
    priority_boost: 1.2
  quick_win: {{impact: [impact, urgency], effort: [cost]}}
""",
        encoding="utf-8",
    )
    agencies = "\n".join(
        f"  - id: {aid}\n    name: {full}\n    short: {short}" for aid, full, short in _AGENCIES
    )
    (target / "agencies.yaml").write_text(f"kind: agencies\nagencies:\n{agencies}\n", "utf-8")
    aspects = "".join(
        f"  {aspect}:\n    subaspects:\n"
        + "".join(
            f"      {s}: {{score: {rng.randint(1, 5)}, description: {_text(rng, 5)}}}\n"
            for s in names
        )
        for aspect, names in READINESS_ASPECTS.items()
    )
    (target / "readiness.yaml").write_text(
        "kind: readiness\nscale: {min: 1, max: 5}\naspects:\n"
        + aspects
        + "swot:\n  strengths: [Dukungan pimpinan]\n  weaknesses: [SDM TIK terbatas]\n"
        "  opportunities: [Program nasional]\n  threats: [Keterbatasan fiskal]\n",
        "utf-8",
    )
    (target / "pillars").mkdir(exist_ok=True)
    for pillar in PILLARS:
        elements = ", ".join(c for c, e in ELEMENTS.items() if e[0] == pillar)
        names = PILLAR_NAMES[pillar]
        (target / "pillars" / f"{pillar}.yaml").write_text(
            f"kind: pillar\ncode: {pillar}\nname: {{id: {names['id']}, en: {names['en']}}}\n"
            f"description: Pilar {names['id']}\nelements: [{elements}]\n",
            "utf-8",
        )
    for index, program in enumerate(plan_programs):
        folder = target / "programs" / program.pillar
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{program.id}.yaml").write_text(
            _program_yaml(rng, program, index, first), "utf-8"
        )
    return target


def write_plans(target: Path, plans: int, programs: int, seed: int) -> list[Path]:
    """Write ``plans`` plans of ``programs`` programs each under ``target``."""
    return [
        write_plan(target / f"plan-{i:03d}", programs, seed + i, name=f"sintetis{i}")
        for i in range(plans)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m smartplan.synth", description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--plans", type=int, default=1)
    parser.add_argument("--programs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--actuals", action="store_true", help="also write monitoring/")
    args = parser.parse_args(argv)
    for path in write_plans(args.out, args.plans, args.programs, args.seed):
        if args.actuals:  # every program's report in every year it runs
            from smartplan.check.engine import validate_plan
            from smartplan.monitor.synth import write_actuals

            write_actuals(path, validate_plan(path).plan, args.seed)
        print(path)


if __name__ == "__main__":
    main()
