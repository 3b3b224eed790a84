"""``smartplan init``: scaffold a new plan that validates clean.

:func:`init_plan` writes plan.yaml, the six pillar files, agencies.yaml,
readiness.yaml, one example program per pillar, and the files that make
editing it comfortable (a copy of the JSON Schemas in ``.smartplan/schemas/``,
a ``# yaml-language-server: $schema=...`` modeline on every plan file pointing
there by a relative path, VS Code settings, a ``.gitignore`` and a pre-commit
configuration). The tables behind them (agencies, criteria, example programs)
are the data files of :mod:`smartplan.scaffold.tables`.

Files are written with :func:`smartplan.io.atomic.write_atomic_all` in its
create-only mode: an existing file is never overwritten, but skipped and
reported in :attr:`InitResult.skipped`.
"""

from __future__ import annotations

import datetime
import json
import posixpath
import re
import textwrap
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from smartplan.domain import (
    ELEMENTS,
    MAX_PERIOD_YEARS,
    MIN_PERIOD_YEARS,
    PILLAR_NAMES,
    PILLARS,
    READINESS_ASPECTS,
    horizon_for,
)
from smartplan.errors import OutputError, UsageError
from smartplan.i18n import lazy
from smartplan.io.atomic import write_atomic_all
from smartplan.kinds import BY_NAME, KINDS
from smartplan.scaffold import tables
from smartplan.scaffold.schemas import SCHEMA_FOLDER, schema_files
from smartplan.text import plural

#: Region types the plan format knows.
REGION_TYPES = ("kabupaten", "kota")
#: What ``--province`` becomes when it is not given: a text to replace, like the others.
PROVINCE_PLACEHOLDER = "Isi nama provinsi"
#: Entries that do not make a folder "non-empty" for init (an existing ``git init``).
_IGNORED_ENTRIES = frozenset({".git"})
_MAX_NAME = 200
_MIN_YEAR, _MAX_YEAR = 2000, 2100
_PERIOD = re.compile(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*")


class InitResult(list[Path]):
    """The files :func:`init_plan` wrote; :attr:`skipped` lists those left as they were."""

    def __init__(self, written: Iterable[Path] = (), skipped: Iterable[Path] = ()) -> None:
        super().__init__(written)
        self.skipped: list[Path] = list(skipped)
        #: The git work tree the plan folder is inside (not the folder itself), if any:
        #: pre-commit reads its configuration from there, not from the plan folder.
        self.repo: Path | None = None


# --------------------------------------------------------------------------- inputs


def slugify(text: str) -> str:
    """A plan id from a region name: ``"Kotawaringin Timur"`` -> ``"kotawaringin-timur"``.

    Accents are dropped, every run of other characters becomes ``-``, and the
    result is cut to 64 characters. Returns ``""`` when nothing usable is left.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:64].rstrip("-")


def _clean_name(value: str, what: str, option: str) -> str:
    if not isinstance(value, str):
        raise UsageError(lazy("%(what)s must be text", what=what))
    name = " ".join(value.split())
    if not name:
        raise UsageError(
            lazy("%(what)s is empty", what=what), lazy("give it with %(option)s", option=option)
        )
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UsageError(lazy("%(what)s contains control characters", what=what))
    if len(name) > _MAX_NAME:
        raise UsageError(
            lazy("%(what)s is longer than %(max_name)s characters", what=what, max_name=_MAX_NAME)
        )
    return name


#: how people write a region's type before its name; "Kab." is the usual
#: abbreviation in letterheads and statistics tables
_TYPE_PREFIXES = (
    ("kabupaten ", "kabupaten"),
    ("kab. ", "kabupaten"),
    ("kab ", "kabupaten"),
    ("kota ", "kota"),
)


def split_region(region: str, type: str | None = None) -> tuple[str, str]:
    """The bare region name and its type, from the name as people write it.

    ``"Kabupaten Kotawaringin Timur"``, ``"Kab. Kotawaringin Timur"`` and
    ``"Kotawaringin Timur"`` all give ``"Kotawaringin Timur"``; the type comes
    from the prefix, else from ``type``, else ``kabupaten``. A prefix that
    contradicts ``type`` (``"Kota Batu"`` with ``kabupaten``) is refused.
    """
    name = _clean_name(region, "the region name", "--region")
    lowered = name.lower()
    if lowered in {prefix.strip() for prefix, _ in _TYPE_PREFIXES}:
        raise UsageError(
            lazy("the region name %(name)r is only its type", name=name),
            lazy('give the name too, e.g. --region "Kabupaten Kotawaringin Timur"'),
        )
    for prefix, implied in _TYPE_PREFIXES:
        if not lowered.startswith(prefix):
            continue
        bare = name[len(prefix) :].strip()
        if type is not None and type != implied:
            raise UsageError(
                lazy(
                    "the region %(name)r is a %(implied)s, but --type says %(type)s",
                    name=name,
                    implied=implied,
                    type=type,
                ),
                lazy(
                    'drop --type, or give the name without %(value)r: --region "%(bare)s" --type '
                    "%(type)s",
                    value=name[: len(prefix)].strip(),
                    bare=bare,
                    type=type,
                ),
            )
        return bare, implied
    return name, type if type is not None else "kabupaten"


def check_region(region: str) -> tuple[str, str]:
    """Validate a bare region name; return it tidied and the plan id derived from it."""
    name = _clean_name(region, "the region name", "--region")
    slug = slugify(name)
    if not slug or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", slug):
        raise UsageError(
            lazy("cannot derive a plan id from the region name %(name)r", name=name),
            lazy(
                'the name needs at least one Latin letter or digit, e.g. --region "Kotawaringin '
                'Timur"'
            ),
        )
    return name, slug


def parse_period(text: str) -> tuple[int, int]:
    """``"2025-2034"`` -> ``(2025, 2034)``; :class:`UsageError` when it is not two years."""
    match = _PERIOD.fullmatch(text)
    if not match:
        raise UsageError(
            lazy(
                "bad period %(text)r: give the first and last year, e.g. --period 2025-2034",
                text=text,
            )
        )
    return int(match.group(1)), int(match.group(2))


def default_period() -> str:
    """The period init uses when none is given: the next ten years."""
    start = datetime.date.today().year + 1
    return f"{start}-{start + 9}"


def check_period(period: tuple[int, int]) -> tuple[int, int]:
    """Validate a plan period (both ends included, 5 to 10 years)."""
    try:
        start, end = period
    except (TypeError, ValueError):
        raise UsageError(lazy("the period must be two years, e.g. 2025-2034")) from None
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in (start, end)):
        raise UsageError(lazy("the period must be two years, e.g. 2025-2034"))
    for year in (start, end):
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise UsageError(
                lazy(
                    "year %(year)s is outside %(min_year)s-%(max_year)s",
                    year=year,
                    min_year=_MIN_YEAR,
                    max_year=_MAX_YEAR,
                )
            )
    length = end - start + 1
    if not MIN_PERIOD_YEARS <= length <= MAX_PERIOD_YEARS:
        raise UsageError(
            lazy(
                "the period %(start)s-%(end)s covers %(length)s; a plan covers "
                "%(min_period_years)s to %(max_period_years)s years, both ends included",
                start=start,
                end=end,
                length=plural(length, "year"),
                min_period_years=MIN_PERIOD_YEARS,
                max_period_years=MAX_PERIOD_YEARS,
            ),
            lazy("e.g. --period %(start)s-%(value)s", start=start, value=start + 9),
        )
    return start, end


# --------------------------------------------------------------------------- YAML text

_RESERVED = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"})
_FOLD_AT = 80
_PLAIN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9 .,;()/'’–-]*")


def q(text: str) -> str:
    """``text`` as a YAML scalar: plain where that is unambiguous, else double-quoted."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED and text == text.strip():
        return text
    return json.dumps(text, ensure_ascii=False)


def value(indent: int, text: str) -> str:
    """``text`` as the value after a key at ``indent``: folded over lines when long."""
    if len(text) <= _FOLD_AT:
        return " " + q(text)
    pad = " " * (indent + 2)
    lines = textwrap.wrap(text, width=_FOLD_AT, break_long_words=False, break_on_hyphens=False)
    return " >-\n" + "\n".join(pad + line for line in lines)


def _text(indent: int, id_text: str, en_text: str) -> str:
    pad = " " * indent
    return f"\n{pad}id:{value(indent, id_text)}\n{pad}en:{value(indent, en_text)}"


def _modeline(rel_file: str, kind: str) -> str:
    folder = posixpath.dirname(rel_file) or "."
    schema = posixpath.relpath(f"{SCHEMA_FOLDER}/{BY_NAME[kind].schema_file}", folder)
    return f"# yaml-language-server: $schema={schema}\n"


class _Region:
    def __init__(self, name: str, slug: str, kind: str, province: str, period: tuple[int, int]):
        self.name = name
        self.slug = slug
        self.kind = kind
        self.province = province
        self.start, self.end = period
        self.label = "Kabupaten" if kind == "kabupaten" else "Kota"
        self.full = f"{self.label} {name}"
        self.full_en = f"{name} {'Regency' if kind == 'kabupaten' else 'City'}"
        self.perkada = "Peraturan Bupati" if kind == "kabupaten" else "Peraturan Wali Kota"


def _criteria_yaml(r: _Region) -> str:
    out = []
    for criterion in tables.criteria():
        name, desc = criterion["name"], criterion["description"]
        description = _text(8, desc["id"].format(full=r.full), desc["en"].format(full_en=r.full_en))
        out.append(
            f"    - id: {criterion['id']}\n"
            f"      name:{_text(8, name['id'], name['en'])}\n"
            f"      kind: {criterion['kind']}\n"
            f"      weight: {criterion['weight']}\n"
            f"      description:{description}\n"
        )
    return "".join(out)


def _plan_yaml(r: _Region) -> str:
    years = f"{r.start}-{r.end}"
    title = _text(
        2, f"Masterplan Smart City {r.full} {years}", f"{r.full_en} Smart City Master Plan {years}"
    )
    background = q(f"Isi latar belakang penyusunan masterplan smart city {r.full}")
    purpose = q(f"Isi maksud dan tujuan masterplan smart city {r.full}")
    scope = q(f"Isi ruang lingkup masterplan ({years}, enam pilar smart city)")
    rpjmd = q(f"Isi Peraturan Daerah {r.full} tentang RPJMD")
    legal_basis = "".join(f"    - {q(law)}\n" for law in tables.legal_basis())
    return f"""{_modeline("plan.yaml", "plan")}\
# Rencana induk (masterplan) smart city {r.full}.
# Ganti setiap teks "Isi ..." dan setiap program CONTOH dengan isi sebenarnya,
# lalu periksa dengan: smartplan validate
kind: plan
id: {r.slug}
region:
  name: {q(r.name)}
  type: {r.kind}
  province: {q(r.province)}
  # capital: Isi nama ibu kota
title:{title}
version: "0.1"
# date: "{r.start - 1}-12-31"   # tanggal di sampul dokumen (YYYY-MM-DD)
language: id
period:
  start: {r.start}
  end: {r.end}
# RPJMD yang berlaku (tahun awal dan akhir); program yang mulai setelah RPJMD berakhir
# dikaitkan dengan RPJMD berikutnya:
# rpjmd:
#   title: RPJMD {r.full} Tahun {r.start - 1}-{r.start + 3}
#   period: {{start: {r.start - 1}, end: {r.start + 3}}}

introduction:
  background: {background}
  purpose: {purpose}
  scope: {scope}
  method:
    description: {q(f"Isi metode penyusunan masterplan smart city {r.full}")}
    stages:
      - name: Isi tahap penyusunan (mis. bimbingan teknis I)
        # when: Mei {r.start - 1}
    data_collection:
      - Isi cara pengumpulan data (data sekunder, kuesioner, diskusi kelompok)
    tools:
      - Isi alat analisis (analisis kesiapan, SWOT, AHP)
  legal_basis:
{legal_basis}\
    - {rpjmd}

community:
  description: Isi pendekatan pengembangan masyarakat dan perubahan pola pikir
  activities:
    - Isi kegiatan pengembangan masyarakat dan aparatur
closing: {q(f"Isi penutup masterplan smart city {r.full}")}

vision: {q(f"Isi visi smart city {r.full}")}
missions:
  - Isi misi pertama
  - Isi misi kedua

# Pilar yang diutamakan daerah (governance, branding, economy, living, society, environment):
# priority_pillar: economy

# Plafon anggaran indikatif per tahun untuk seluruh program (rupiah, tanpa desimal):
# budget_ceilings:
#   {r.start}: 10000000000

scoring:
  scale:
    min: 1
    max: 5
  # Bobot langsung, jumlahnya 1. Untuk bobot AHP, tambahkan scoring.ahp.matrix
  # (satu baris per kriteria, urutan seperti di bawah) dan hapus weight.
  criteria:
{_criteria_yaml(r)}\
  quick_win:
    impact: [impact, urgency]
    effort: [cost]
    threshold: 0.5
"""


def _pillar_yaml(r: _Region, code: str) -> str:
    rel = f"pillars/{code}.yaml"
    name = PILLAR_NAMES[code]
    elements = "".join(
        f"  - {el}   # {ELEMENTS[el][1]}\n" for el in ELEMENTS if ELEMENTS[el][0] == code
    )
    return f"""{_modeline(rel, "pillar")}\
kind: pillar
code: {code}
name:
  id: {q(name["id"])}
  en: {q(name["en"])}
description: {q(f"Isi uraian pilar {name['id']} {r.full}")}
goals:
  - {q(f"Isi tujuan pilar {name['id']}")}
strategies:
  - {q(f"Isi strategi pilar {name['id']}")}
# Elemen pedoman nasional yang dipakai pilar ini; hapus yang tidak dipakai.
elements:
{elements}"""


def _agencies_yaml(r: _Region) -> str:
    agencies = [a for a in tables.agencies() if r.kind == "kabupaten" or not a.get("regency_only")]
    lines = [
        _modeline("agencies.yaml", "agencies"),
        f"# Perangkat daerah (OPD) {r.full}. Sesuaikan nama dan singkatan dengan Perda\n",
        "# perangkat daerah: hapus yang tidak ada, tambahkan yang belum ada.\n",
        "# Program merujuk OPD dengan id-nya (lead_agency, partners[].agency).\n",
        "kind: agencies\n",
        "agencies:\n",
    ]
    for agency in agencies:
        name = agency["name"]
        lines.append(
            f"  - id: {agency['id']}\n    name:{_text(6, name['id'], name['en'])}\n"
            f"    short: {q(agency['short'])}\n"
        )
    return "".join(lines)


def _readiness_yaml(r: _Region) -> str:
    out = [
        _modeline("readiness.yaml", "readiness"),
        f'# Analisis kesiapan {r.full}: isi setiap skor (1-5) dan uraian "Isi ..."\n',
        "# dari hasil penilaian; skor 1 di sini hanya nilai sementara.\n",
        "kind: readiness\n",
        "scale:\n  min: 1\n  max: 5\n",
        "aspects:\n",
    ]
    for aspect, subaspects in READINESS_ASPECTS.items():
        out.append(f"  {aspect}:\n")
        out.append(f"    description: {q(f'Isi uraian umum aspek {aspect}')}\n")
        out.append("    subaspects:\n")
        for sub in subaspects:
            hint = tables.subaspect_hints()[sub]
            label, detail = hint["label"], hint["detail"].format(perkada=r.perkada)
            out.append(f"      {sub}:\n")
            out.append("        score: 1   # isi skor 1-5\n")
            out.append(
                f"        description:{value(8, f'Isi uraian kesiapan {label}: {detail}')}\n"
            )
            out.append("        # evidence:\n        #   - Isi data atau dokumen pendukung\n")
    out.append(
        "swot:\n"
        f"  strengths:\n    - {q(f'Isi kekuatan {r.full}')}\n"
        f"  weaknesses:\n    - {q(f'Isi kelemahan {r.full}')}\n"
        "  opportunities:\n    - Isi peluang dari luar daerah\n"
        "  threats:\n    - Isi ancaman dari luar daerah\n"
        "gaps:\n"
        "  - Isi kesenjangan antara kondisi saat ini dan sasaran smart city\n"
    )
    return "".join(out)


def _program_yaml(r: _Region, ex: dict[str, Any]) -> tuple[str, str]:
    pillar, program_id = ex["pillar"], ex["id"]
    rel = f"programs/{pillar}/{program_id}.yaml"
    start, end = r.start + ex["years"][0], r.start + ex["years"][1]
    indicator = ex["indicator"]
    partners = "".join(
        f"  - role: {p['role']}\n    {key}: {q(p[key])}\n"
        for p in ex["partners"]
        for key in ("agency", "name")
        if key in p
    )
    targets = ", ".join(f"{start + i}: {target}" for i, target in enumerate(ex["targets"]))
    budget = "".join(
        f"  - year: {year}\n    amount: {ex['budget']}\n    source: APBD\n"
        for year in range(start, end + 1)
    )
    criteria = tables.criterion_ids()
    scores = "".join(f"  {c}: {s}\n" for c, s in zip(criteria, ex["scores"], strict=True))
    quick_win = (
        "quick_win: true   # selesai dalam tahun pertama rencana\n" if ex.get("quick_win") else ""
    )
    template = tables.description_template()
    description = (template[lang].format(what=ex["what"][lang]) for lang in ("id", "en"))
    prefix = _ANALYSIS_PREFIX[pillar]
    text = f"""{_modeline(rel, "program")}\
# CONTOH program pilar {PILLAR_NAMES[pillar]["id"]}: ganti isinya dengan program {r.full},
# atau hapus berkas ini setelah pilar ini punya program lain (setiap pilar perlu
# minimal satu program). Nama berkas = id program; folder = pilar.
kind: program
id: {program_id}
name:{_text(2, ex["name"]["id"], ex["name"]["en"])}
description:{_text(2, *description)}
pillar: {pillar}
element: {ex["element"]}   # {ELEMENTS[ex["element"]][1]}
tags: [contoh]
lead_agency: {ex["lead"]}
partners:
{partners}\
innovation_type: {ex["innovation_type"]}
status:
  stage: idea
years:
  start: {start}
  end: {end}
horizon: {horizon_for(end, r.start)}
{quick_win}\
budget:
{budget}\
indicators:
  - id: {indicator["id"]}
    name:{_text(6, indicator["name"]["id"], indicator["name"]["en"])}
    type: {indicator["type"]}
    unit: {q(indicator["unit"])}
    direction: increase
    baseline: {{year: {start - 1}, value: 0}}
    targets: {{{targets}}}
scores:
{scores}\
# kesenjangan dan strategi (analysis/{pillar}.yaml) yang dijawab program ini
answers: [{prefix}-g1, {prefix}-so1]
risks:
  - description: Isi risiko utama program
    level: medium
    mitigation: Isi langkah mitigasi
"""
    return rel, text


def precommit_config() -> str:
    """The .pre-commit-config.yaml init writes: the published hook, at this version's tag."""
    from smartplan import HOMEPAGE, __version__

    return tables.data_text("pre-commit-config.txt").format(homepage=HOMEPAGE, version=__version__)


def offline_precommit_config() -> str:
    """The ``language: system`` variant documented in that file's comments, uncommented."""
    text = precommit_config()
    block = text[text.index("# repos:") :]
    return "".join(line[2:] + "\n" for line in block.splitlines())


#: id prefix of each pillar's SWOT items, strategies and gaps in the scaffold
_ANALYSIS_PREFIX = {
    "governance": "gov",
    "branding": "bra",
    "economy": "eco",
    "living": "liv",
    "society": "soc",
    "environment": "env",
}


def _analysis_yaml(r: _Region, code: str) -> str:
    x = _ANALYSIS_PREFIX[code]
    name = PILLAR_NAMES[code]["id"]
    swot = "".join(
        f"  {key}:\n    - id: {x}-{letter}1\n      text: {q(f'Isi {word} dimensi {name}')}\n"
        for key, letter, word in (
            ("strengths", "s", "kekuatan"),
            ("weaknesses", "w", "kelemahan"),
            ("opportunities", "o", "peluang"),
            ("threats", "t", "ancaman"),
        )
    )
    return f"""{_modeline(f"analysis/{code}.yaml", "analysis")}\
# Analisis dimensi {name} {r.full}: SWOT, strategi yang ditarik darinya (SO, WO, ST,
# WT; from: butir SWOT yang menjadi dasarnya) dan kesenjangan terhadap sub-aspek kesiapan
# (readiness.yaml). Program menjawab kesenjangan dan strategi dengan answers: [id, ...].
kind: analysis
pillar: {code}
summary: {q(f"Isi ringkasan kondisi dimensi {name}")}
swot:
{swot}\
strategies:
  - id: {x}-so1
    type: SO
    from: [{x}-s1, {x}-o1]
    text: {q(f"Isi strategi SO dimensi {name}")}
gaps:
  - id: {x}-g1
    subaspect: struktur.sdm   # aspek.sub_aspek dari readiness.yaml
    text: {q(f"Isi kesenjangan dimensi {name}")}
"""


def _chain_files(r: _Region) -> dict[str, str]:
    """The optional chapters' files, each with placeholders the region replaces."""
    regent = "Bupati" if r.kind == "kabupaten" else "Wali Kota"
    act = "perbup" if r.kind == "kabupaten" else "perwal"
    files = {
        "front.yaml": f"""{_modeline("front.yaml", "front")}\
# Halaman depan: kata sambutan, kata pengantar dan lembar penetapan.
kind: front
# logo: logo.svg   # PNG, JPEG atau SVG di folder rencana, maks. 256 KiB
forewords:
  - by: Isi nama {regent}
    position: {q(f"{regent} {r.name}")}
    text: Isi kata sambutan {regent}
  - by: Isi nama ketua tim
    position: Ketua Tim Pelaksana Smart City
    text: Isi kata pengantar ketua tim
adoption:
  type: {act}
  status: rancangan   # ganti dengan ditetapkan, lalu isi number, year dan date
  title: {q(f"{r.perkada} tentang Masterplan Smart City {r.full} {r.start}-{r.end}")}
""",
        "profile.yaml": f"""{_modeline("profile.yaml", "profile")}\
# Gambaran umum daerah. Setiap angka dengan sumber (source) dan tahun (year).
kind: profile
summary: {q(f"Isi gambaran umum {r.full}")}
geography: Isi letak, batas wilayah dan bentang alam
population: Isi uraian kependudukan
economy: Isi uraian perekonomian (PDRB, sektor utama)
# districts: [Isi nama kecamatan]
# figures:
#   - id: jumlah-penduduk
#     topic: kependudukan
#     name: Jumlah penduduk
#     value: 0
#     unit: jiwa
#     year: 2020
#     source: BPS, Sensus Penduduk 2020
potentials:
  - Isi potensi unggulan daerah
issues:
  - id: isu-1
    text: Isi isu strategis daerah
""",
        "stakeholders.yaml": f"""{_modeline("stakeholders.yaml", "stakeholders")}\
# Mitra pentahelix (akademisi, badan_usaha, komunitas, media) yang dirujuk program:
# partners: - {{role: akademisi, stakeholder: <id>}}
kind: stakeholders
stakeholders:
  - id: perguruan-tinggi
    name: Isi nama perguruan tinggi mitra
    role: akademisi
""",
        "institutions.yaml": f"""{_modeline("institutions.yaml", "institutions")}\
# Kelembagaan smart city: Dewan Smart City, Tim Pelaksana, sekretariat, SK dan kalender
# monitoring-evaluasi.
kind: institutions
bodies:
  - id: tim-pelaksana
    type: tim_pelaksana
    name: {q(f"Tim Pelaksana Smart City {r.full}")}
    # decree: {{number: "Isi nomor SK", date: "{r.start - 1}-01-31"}}
    duties:
      - Isi tugas tim pelaksana
    members:
      - {{role: Ketua, holder: Isi jabatan ketua}}
monitoring:
  method: Isi metode monitoring dan evaluasi
  calendar:
    - {{when: Setiap triwulan, activity: Laporan capaian program, by: Isi pelaksana}}
""",
        "risks.yaml": f"""{_modeline("risks.yaml", "risks")}\
# Daftar risiko tingkat rencana: kemungkinan dan dampak 1-5, pemilik (id OPD), mitigasi.
# Risiko program boleh merujuknya: risks: - ref: <id>
kind: risks
risks:
  - id: rsk-anggaran
    category: keuangan
    description: Isi uraian risiko
    likelihood: 3
    impact: 3
    owner: bappeda
    mitigation: Isi langkah mitigasi
""",
        "architecture.yaml": f"""{_modeline("architecture.yaml", "architecture")}\
# Arsitektur TIK: integrasi, jaringan, pusat data, keamanan dan inventaris aplikasi.
kind: architecture
summary: {q(f"Isi gambaran arsitektur TIK {r.full}")}
integration: Isi platform integrasi layanan dan data
network: Isi jaringan intra pemerintah
data_centre: Isi pusat data
security: Isi keamanan informasi
# applications:
#   - {{id: simpeg, name: SIMPEG, agency: bkpsdm, status: berjalan}}
""",
    }
    for code in PILLARS:
        files[f"analysis/{code}.yaml"] = _analysis_yaml(r, code)
    return files


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER}/{kind.schema_file}": list(kind.globs) for kind in KINDS
        },
        "yaml.validate": True,
        "yaml.completion": True,
        "yaml.hover": True,
        "yaml.schemaStore.enable": False,
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2},
    }
    return json.dumps(settings, indent=2) + "\n"


def _vscode_extensions() -> str:
    return json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2) + "\n"


# --------------------------------------------------------------------------- writing


def plan_files(
    *,
    region: str,
    type: str | None = None,
    province: str,
    period: tuple[int, int],
    ci: str | None = None,
    plan_path: str = ".",
) -> dict[str, bytes]:
    """Every file :func:`init_plan` writes: plan-relative POSIX path -> content.

    ``region`` may carry its type ("Kabupaten Sleman", "Kab. Sleman", "Kota
    Batu"); ``type`` None takes it from there, else kabupaten. ``ci`` adds
    that service's workflow (see :mod:`.ci`) for the plan at ``plan_path``
    in its repository.
    """
    if type is not None and type not in REGION_TYPES:
        raise UsageError(
            lazy("unknown region type %(type)r", type=type), lazy("use kabupaten or kota")
        )
    bare, kind = split_region(region, type)
    name, slug = check_region(bare)
    province_name = _clean_name(province, "the province", "--province")
    r = _Region(name, slug, kind, province_name, check_period(period))

    files: dict[str, bytes] = {}
    for schema in schema_files():
        files[f"{SCHEMA_FOLDER}/{schema.name}"] = schema.read_bytes()
    files["plan.yaml"] = _plan_yaml(r).encode()
    files["agencies.yaml"] = _agencies_yaml(r).encode()
    files["readiness.yaml"] = _readiness_yaml(r).encode()
    for code in PILLARS:
        files[f"pillars/{code}.yaml"] = _pillar_yaml(r, code).encode()
    for example in tables.examples():
        rel, text = _program_yaml(r, example)
        files[rel] = text.encode()
    for rel, text in _chain_files(r).items():
        files[rel] = text.encode()
    files[".gitignore"] = tables.data_text("gitignore.txt").encode()
    files[".pre-commit-config.yaml"] = precommit_config().encode()
    files[".vscode/settings.json"] = _vscode_settings().encode()
    files[".vscode/extensions.json"] = _vscode_extensions().encode()
    # monitoring (smartplan.monitor): an empty monitoring/ that says what goes in it
    files["monitoring/README.md"] = tables.data_text("monitoring-readme.md").encode()
    if ci is not None:
        from smartplan.scaffold.ci import ci_file

        name, text = ci_file(ci, plan_path)
        files[name] = text.encode()
    return files


def _is_empty(folder: Path) -> bool:
    return all(entry.name in _IGNORED_ENTRIES for entry in folder.iterdir())


def _enclosing_repo(folder: Path) -> Path | None:
    """The git work tree above ``folder`` (not ``folder`` itself), if any."""
    for parent in folder.resolve().parents:
        if (parent / ".git").exists():
            return parent
    return None


def init_plan(
    target: Path,
    *,
    region: str,
    type: str | None = None,
    province: str,
    period: tuple[int, int],
    force: bool = False,
    ci: str | None = None,
) -> InitResult:
    """Scaffold a new plan in ``target``; return the files written (and those skipped).

    Refuses a ``target`` that is a file, or a folder with anything in it but
    ``.git`` unless ``force`` is true. Even with ``force``, an existing file
    is never overwritten: it is left as it is and listed in ``skipped``.
    The files are written together: when one cannot be, none is. Raises
    :class:`UsageError` for bad input and :class:`OutputError` when a file
    cannot be written. ``ci`` (github or gitlab) adds a CI workflow.
    """
    target = Path(target)
    repo = _enclosing_repo(target)
    plan_path = target.resolve().relative_to(repo).as_posix() if repo is not None else "."
    files = plan_files(
        region=region, type=type, province=province, period=period, ci=ci, plan_path=plan_path
    )
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise UsageError(
                lazy("%(target)s exists and is not a folder", target=target),
                lazy("give a new folder name"),
            )
        if not force and not _is_empty(target):
            raise UsageError(
                lazy("%(target)s is not empty", target=target),
                lazy(
                    "init writes into a new or empty folder; --force adds the missing files there "
                    "(existing files are never overwritten)"
                ),
            )
    paths = {target.joinpath(*rel.split("/")): data for rel, data in files.items()}
    try:
        written = write_atomic_all(
            ((path, (data,)) for path, data in paths.items()), overwrite=False, inside=target
        )
    except OutputError as exc:
        raise OutputError(
            lazy("cannot write %(path)s: %(reason)s", path=exc.path, reason=exc.reason),
            lazy(
                "check that the folder is writable and that no file stands where a folder should be"
            ),
        ) from None
    done = set(written)
    result = InitResult(written, (path for path in paths if path not in done))
    result.repo = repo
    return result
