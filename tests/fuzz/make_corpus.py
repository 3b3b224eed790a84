"""Rebuild the small seed corpus in tests/fuzz/corpus/ (run from anywhere).

Each seed is one byte naming the target file (see ``TARGETS`` in
fuzz_validate.py) followed by a plan file: the files of the minimal fixture,
a selection of plans/kotim, and a few hand-written files that use YAML
features the plan files rarely do (anchors, merge keys, flow style, tags,
block scalars, suppression comments, rule configuration).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "corpus"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
KOTIM = ROOT / "plans" / "kotim"

# indexes into fuzz_validate.TARGETS (kept in step by hand; this script must
# not import atheris)
PLAN, AGENCIES, READINESS, PILLAR, PROGRAM, PROGRAM2, CONFIG = range(7)

KOTIM_PROGRAMS = (
    "economy/eco-sampit-creative-hub.yaml",
    "economy/eco-koperasi-digital.yaml",
    "governance/gov-e-planning-budgeting.yaml",
    "governance/gov-identitas-kependudukan-digital.yaml",
    "environment/env-pengawasan-lingkungan-digital.yaml",
    "living/liv-antrean-online-puskesmas.yaml",
)

HANDWRITTEN: dict[str, tuple[int, str]] = {
    "anchors-merge": (
        PROGRAM,
        """\
kind: program
id: eco-pasar-digital
base: &base {start: 2025, end: 2025}
name: &n Program pasar
description: *n
pillar: economy
element: ECO-3
lead_agency: diskominfo
innovation_type: teknologi
years:
  <<: *base
  fixed: true
horizon: short
quick_win: true
budget:
  - &line {year: 2025, amount: 500000000, source: APBD}
  - <<: *line
    source: CSR
    note: mitra
scores: {impact: 4, urgency: 3, cost: 2}
""",
    ),
    "flow-block-scalars": (
        PROGRAM,
        """\
{kind: program, id: eco-pasar-digital, name: {id: "Pasar \\u00e9", en: 'It''s'},
 description: >-
   Uraian
   panjang, pillar: economy, element: ECO-3, lead_agency: diskominfo,
 innovation_type: teknologi, years: {start: 2025, end: 2025}, horizon: short,
 quick_win: true, tags: [a, b-c, "0x1"],
 budget: [{year: 0x7E9, amount: 0o17, source: APBD}],
 indicators: [{id: x, name: X, type: output, unit: "%", direction: increase,
   baseline: {year: 2024, value: -1.5e1}, targets: {2025: .5}}],
 scores: {impact: 4, urgency: 3, cost: 2}, depends_on: []}
""",
    ),
    "tags-and-literals": (
        PLAN,
        """\
kind: !!str plan
id: contoh
region: {name: |
    Contoh
    Baris, type: kabupaten, province: !custom Kalteng}
title: !!binary aGVsbG8=
period: {start: !!int "2025", end: !!float 2029}
vision: ~
missions: [!!null , null, Null]
scoring:
  scale: {min: 1, max: 5}
  criteria:
    - {id: impact, name: Dampak, kind: benefit, weight: 1}
""",
    ),
    "ahp-plan": (
        PLAN,
        """\
kind: plan
id: contoh
region: {name: Contoh, type: kabupaten, province: Kalimantan Tengah}
title: {id: Masterplan, en: Master plan}
period: {start: 2025, end: 2029}
vision: Visi
missions: [Misi]
priority_pillar: economy
budget_ceilings: {2025: 600000000, 2026: 1000000000, 2027: 0}
scoring:
  scale: {min: 1, max: 5}
  criteria:
    - {id: impact, name: Dampak, kind: benefit}
    - {id: urgency, name: Urgensi, kind: benefit}
    - {id: cost, name: Biaya, kind: cost}
  ahp:
    matrix:
      - [1, 3, "5"]
      - ["1/3", 1, null]
      - ["1/5", ~, 1]
    ri_table: donegan-dodd
  pillar_weights:
    ahp:
      order: [economy, governance]
      matrix: [[1, 2], [0.5, 1]]
    priority_boost: 1.5
  quick_win: {impact: [impact, urgency], effort: [cost], threshold: 0.6}
rules:
  B003: off
  V002: warning
""",
    ),
    "config": (
        CONFIG,
        """\
kind: config
rules:
  B003: error
  budget.year: warning
  V02: off
""",
    ),
    "suppression-comments": (
        PROGRAM2,
        """\
kind: program  # smartplan: ignore[S004]
id: liv-telemedisin
name: Program
description: Uraian
pillar: living
element: LIV-9  # smartplan: ignore[S004, R001]
lead_agency: nobody  # smartplan: ignore
innovation_type: teknologi
years: {start: 2026, end: 2031}
budget:
  - {year: 2030, amount: 1e3, source: apbd}
scores: {impact: 6, urgency: 3, cost: "2"}
depends_on: [liv-telemedisin, gov-satu-data, GOV-SATU-DATA]
""",
    ),
    "documents-and-directives": (
        READINESS,
        """\
%YAML 1.2
%TAG !e! tag:example.com,2000:
---
kind: readiness
scale: {min: 1, max: 5}
aspects: !e!thing {}
swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}
...
---
kind: readiness
""",
    ),
    "merge-conflict": (
        AGENCIES,
        """\
kind: agencies
agencies:
<<<<<<< HEAD
  - {id: diskominfo, name: Diskominfo, short: Diskominfo}
=======
  - {id: diskominfo, name: Kominfo, short: Kominfo}
>>>>>>> feature
  - {id: bappeda, name: Bappeda, short: Bappeda}
  - {id: dlh, name: DLH, short: DLH}
""",
    ),
}


def main() -> None:
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    CORPUS.mkdir()

    def seed(name: str, target: int, content: bytes) -> None:
        (CORPUS / name).write_bytes(bytes([target]) + content)

    minimal = {
        PLAN: "plan.yaml",
        AGENCIES: "agencies.yaml",
        READINESS: "readiness.yaml",
        PILLAR: "pillars/economy.yaml",
        PROGRAM: "programs/economy/eco-pasar-digital.yaml",
        PROGRAM2: "programs/living/liv-telemedisin.yaml",
    }
    for target, rel in minimal.items():
        seed(f"minimal-{Path(rel).stem}", target, (MINIMAL / rel).read_bytes())
    for target, rel in ((PLAN, "plan.yaml"), (AGENCIES, "agencies.yaml")):
        seed(f"kotim-{Path(rel).stem}", target, (KOTIM / rel).read_bytes())
    for pillar in ("economy", "governance", "living"):
        seed(f"kotim-pillar-{pillar}", PILLAR, (KOTIM / "pillars" / f"{pillar}.yaml").read_bytes())
    for rel in KOTIM_PROGRAMS:
        seed(f"kotim-{Path(rel).stem}", PROGRAM, (KOTIM / "programs" / rel).read_bytes())
    for name, (target, text) in HANDWRITTEN.items():
        seed(f"hand-{name}", target, text.encode("utf-8"))
    total = sum(p.stat().st_size for p in CORPUS.iterdir())
    print(f"{len(list(CORPUS.iterdir()))} seeds, {total:,} bytes in {CORPUS}")


if __name__ == "__main__":
    main()
