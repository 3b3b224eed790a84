"""Scaffold a new plan (``smartplan init``) and copy the JSON Schemas (``smartplan schema``).

:func:`init_plan` writes a plan that validates clean: plan.yaml, the six
pillar files, agencies.yaml, readiness.yaml, one example program per pillar,
and the files that make editing it comfortable (a copy of the JSON Schemas in
``.smartplan/schemas/``, a ``# yaml-language-server: $schema=...`` modeline on
every plan file pointing there by a relative path, VS Code settings, a
``.gitignore`` and a pre-commit configuration).

Files are written atomically (a temporary file in the same folder, then a
no-clobber link or rename), and an existing file is never overwritten: it is
skipped and reported in :attr:`InitResult.skipped`.
"""

from __future__ import annotations

import contextlib
import json
import os
import posixpath
import re
import tempfile
import textwrap
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from smartplan.domain import (
    ELEMENTS,
    MAX_PERIOD_YEARS,
    MIN_PERIOD_YEARS,
    PILLAR_NAMES,
    PILLARS,
    READINESS_ASPECTS,
    horizon_for,
)
from smartplan.errors import SmartplanError, UsageError
from smartplan.resources import schemas_dir

#: Where init puts the copy of the JSON Schemas, relative to the plan folder.
SCHEMA_FOLDER = ".smartplan/schemas"
#: Region types the plan format knows.
REGION_TYPES = ("kabupaten", "kota")
#: What ``--province`` becomes when it is not given: a text to replace, like the others.
PROVINCE_PLACEHOLDER = "Isi nama provinsi"
#: Entries that do not make a folder "non-empty" for init (an existing ``git init``).
_IGNORED_ENTRIES = frozenset({".git"})
_MAX_NAME = 200
_MIN_YEAR, _MAX_YEAR = 2000, 2100


class WriteError(SmartplanError):
    """A file or folder could not be written."""


class InitResult(list[Path]):
    """The files :func:`init_plan` wrote; :attr:`skipped` lists those left as they were."""

    def __init__(self, written: Iterable[Path] = (), skipped: Iterable[Path] = ()) -> None:
        super().__init__(written)
        self.skipped: list[Path] = list(skipped)


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
        raise UsageError(f"{what} must be text")
    name = " ".join(value.split())
    if not name:
        raise UsageError(f"{what} is empty", f"give it with {option}")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise UsageError(f"{what} contains control characters")
    if len(name) > _MAX_NAME:
        raise UsageError(f"{what} is longer than {_MAX_NAME} characters")
    return name


def check_region(region: str) -> tuple[str, str]:
    """Validate a region name; return it tidied and the plan id derived from it."""
    name = _clean_name(region, "the region name", "--region")
    lowered = name.lower()
    for prefix in ("kabupaten ", "kab. ", "kab ", "kota "):
        if lowered.startswith(prefix):
            bare = name[len(prefix) :].strip()
            raise UsageError(
                f"give the region name without {name[: len(prefix)].strip()!r}: {name!r}",
                f'the type is set by --type; e.g. --region "{bare}"',
            )
    slug = slugify(name)
    if not slug or not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", slug):
        raise UsageError(
            f"cannot derive a plan id from the region name {name!r}",
            'the name needs at least one Latin letter or digit, e.g. --region "Kotawaringin Timur"',
        )
    return name, slug


def check_period(period: tuple[int, int]) -> tuple[int, int]:
    """Validate a plan period (both ends included, 5 to 10 years)."""
    try:
        start, end = period
    except (TypeError, ValueError):
        raise UsageError("the period must be two years, e.g. 2025-2034") from None
    if not all(isinstance(y, int) and not isinstance(y, bool) for y in (start, end)):
        raise UsageError("the period must be two years, e.g. 2025-2034")
    for year in (start, end):
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            raise UsageError(f"year {year} is outside {_MIN_YEAR}-{_MAX_YEAR}")
    length = end - start + 1
    if not MIN_PERIOD_YEARS <= length <= MAX_PERIOD_YEARS:
        raise UsageError(
            f"the period {start}-{end} covers {length} years; a plan covers "
            f"{MIN_PERIOD_YEARS} to {MAX_PERIOD_YEARS} years, both ends included",
            f"e.g. --period {start}-{start + 9}",
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
    schema = posixpath.relpath(f"{SCHEMA_FOLDER}/{kind}.schema.json", folder)
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


#: The scoring criteria: id, name (id, en), kind, weight, description (id, en).
_CRITERIA_SETUP: tuple[tuple[str, tuple[str, str], str, str, tuple[str, str]], ...] = (
    (
        "impact",
        ("Dampak", "Impact"),
        "benefit",
        "0.30",
        (
            "Besarnya manfaat program bagi masyarakat, dunia usaha dan pemerintah daerah",
            "How much the program benefits residents, business and the regional government",
        ),
    ),
    (
        "urgency",
        ("Urgensi", "Urgency"),
        "benefit",
        "0.20",
        (
            "Seberapa mendesak masalah yang dijawab program",
            "How pressing the problem the program addresses is",
        ),
    ),
    (
        "feasibility",
        ("Kelayakan", "Feasibility"),
        "benefit",
        "0.20",
        (
            "Kesiapan SDM, infrastruktur, regulasi dan mitra untuk melaksanakan program",
            "Readiness of staff, infrastructure, regulation and partners to deliver the program",
        ),
    ),
    (
        "cost",
        ("Biaya", "Cost"),
        "cost",
        "0.15",
        (
            "Besarnya biaya investasi dan operasional; skor tinggi berarti biaya tinggi",
            "Size of investment and running costs; a high score means a high cost",
        ),
    ),
    (
        "alignment",
        ("Keselarasan RPJMD", "RPJMD alignment"),
        "benefit",
        "0.15",
        (
            "Keselarasan dengan sasaran RPJMD {full} dan Renstra perangkat daerah",
            "Alignment with the {full_en} RPJMD targets and agency strategic plans",
        ),
    ),
)
_CRITERIA = tuple(criterion[0] for criterion in _CRITERIA_SETUP)


def _criteria_yaml(r: _Region) -> str:
    out = []
    for criterion_id, (name_id, name_en), kind, weight, (desc_id, desc_en) in _CRITERIA_SETUP:
        description = _text(8, desc_id.format(full=r.full), desc_en.format(full_en=r.full_en))
        out.append(
            f"    - id: {criterion_id}\n"
            f"      name:{_text(8, name_id, name_en)}\n"
            f"      kind: {kind}\n"
            f"      weight: {weight}\n"
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

introduction:
  background: {background}
  purpose: {purpose}
  scope: {scope}
  legal_basis:
    - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik
    - Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah
    - Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik
    - Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia
    - {rpjmd}

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


#: The usual agencies (OPD) of a regency or city: id, Indonesian name, English name, short.
_AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "diskominfo",
        "Dinas Komunikasi dan Informatika",
        "Office of Communication and Informatics",
        "Diskominfo",
    ),
    (
        "bappeda",
        "Badan Perencanaan Pembangunan Daerah",
        "Regional Development Planning Agency",
        "Bappeda",
    ),
    ("setda", "Sekretariat Daerah", "Regional Secretariat", "Setda"),
    ("inspektorat", "Inspektorat Daerah", "Regional Inspectorate", "Inspektorat"),
    (
        "bkpsdm",
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        "Civil Service and Human Resources Development Agency",
        "BKPSDM",
    ),
    (
        "bpkad",
        "Badan Pengelolaan Keuangan dan Aset Daerah",
        "Regional Finance and Asset Management Agency",
        "BPKAD",
    ),
    ("bapenda", "Badan Pendapatan Daerah", "Regional Revenue Agency", "Bapenda"),
    (
        "disdukcapil",
        "Dinas Kependudukan dan Pencatatan Sipil",
        "Population and Civil Registration Office",
        "Disdukcapil",
    ),
    (
        "dpmptsp",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        "Investment and One-Stop Integrated Service Office",
        "DPMPTSP",
    ),
    ("dinkes", "Dinas Kesehatan", "Health Office", "Dinkes"),
    ("disdik", "Dinas Pendidikan", "Education Office", "Disdik"),
    ("dinsos", "Dinas Sosial", "Social Affairs Office", "Dinsos"),
    ("dlh", "Dinas Lingkungan Hidup", "Environment Office", "DLH"),
    ("dishub", "Dinas Perhubungan", "Transport Office", "Dishub"),
    (
        "dpupr",
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        "Public Works and Spatial Planning Office",
        "DPUPR",
    ),
    (
        "disperkim",
        "Dinas Perumahan dan Kawasan Permukiman",
        "Housing and Settlement Office",
        "Disperkim",
    ),
    (
        "disdagperin",
        "Dinas Perdagangan dan Perindustrian",
        "Office of Trade and Industry",
        "Disdagperin",
    ),
    (
        "diskopukm",
        "Dinas Koperasi, Usaha Kecil dan Menengah",
        "Office of Cooperatives and Small and Medium Enterprises",
        "Diskop UKM",
    ),
    ("disnaker", "Dinas Tenaga Kerja", "Manpower Office", "Disnaker"),
    ("distan", "Dinas Pertanian", "Agriculture Office", "Distan"),
    ("disbudpar", "Dinas Kebudayaan dan Pariwisata", "Office of Culture and Tourism", "Disbudpar"),
    ("dispusip", "Dinas Perpustakaan dan Kearsipan", "Library and Archives Office", "Dispusip"),
    ("bpbd", "Badan Penanggulangan Bencana Daerah", "Regional Disaster Management Agency", "BPBD"),
    ("satpolpp", "Satuan Polisi Pamong Praja", "Civil Service Police Unit", "Satpol PP"),
)
#: Agencies only a regency has (a city has kelurahan, not desa).
_REGENCY_AGENCIES: tuple[tuple[str, str, str, str], ...] = (
    (
        "dpmd",
        "Dinas Pemberdayaan Masyarakat dan Desa",
        "Community and Village Empowerment Office",
        "DPMD",
    ),
)


def _agencies_yaml(r: _Region) -> str:
    agencies = _AGENCIES + (_REGENCY_AGENCIES if r.kind == "kabupaten" else ())
    lines = [
        _modeline("agencies.yaml", "agencies"),
        f"# Perangkat daerah (OPD) {r.full}. Sesuaikan nama dan singkatan dengan Perda\n",
        "# perangkat daerah: hapus yang tidak ada, tambahkan yang belum ada.\n",
        "# Program merujuk OPD dengan id-nya (lead_agency, partners[].agency).\n",
        "kind: agencies\n",
        "agencies:\n",
    ]
    for agency_id, name_id, name_en, short in agencies:
        lines.append(
            f"  - id: {agency_id}\n    name:{_text(6, name_id, name_en)}\n    short: {q(short)}\n"
        )
    return "".join(lines)


_SUBASPECT_HINTS: dict[str, tuple[str, str]] = {
    "sdm": ("SDM", "jumlah dan kompetensi ASN bidang TIK, pelatihan yang sudah berjalan"),
    "anggaran": ("anggaran", "porsi belanja TIK dalam APBD, sumber pendanaan lain"),
    "tata_kelola": ("tata kelola", "tim atau dewan smart city, koordinasi antar-OPD, SPBE"),
    "fisik": ("infrastruktur fisik", "jalan, listrik, gedung layanan publik"),
    "digital": ("infrastruktur digital", "jaringan internet, pusat data, wilayah blank spot"),
    "sosial": ("infrastruktur sosial", "komunitas, kearifan lokal, partisipasi warga"),
    "regulasi": ("regulasi", "peraturan smart city, SPBE dan Satu Data yang sudah ada"),
    "kelembagaan": ("kelembagaan", "dewan smart city, tim pelaksana, unit pengelola"),
    "implementasi": ("implementasi", "aplikasi dan inovasi yang sudah berjalan"),
}


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
            label, detail = _SUBASPECT_HINTS[sub]
            if sub == "regulasi":
                detail = f"{r.perkada} tentang smart city, SPBE dan Satu Data yang sudah ada"
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


@dataclass(frozen=True)
class _Example:
    """One example program; years are offsets from the plan's first year."""

    pillar: str
    id: str
    element: str
    lead: str
    innovation_type: str
    years: tuple[int, int]
    name: tuple[str, str]
    description: tuple[str, str]
    partners: tuple[tuple[str, str, str], ...]  # (role, "agency" or "name", value)
    indicator: tuple[str, str, str, str, str]  # id, name id, name en, type, unit
    targets: tuple[int, ...]  # one per program year, from a baseline of 0
    scores: tuple[int, int, int, int, int]  # in the order of _CRITERIA
    budget: int  # rupiah per program year
    quick_win: bool = False


def _replace(what: str) -> tuple[str, str]:
    return (
        f"Contoh program: {what[0]}. Ganti dengan program daerah Anda.",
        f"Example program: {what[1]}. Replace it with your region's own program.",
    )


#: One example program per pillar, so that every pillar has one (rule V001).
_EXAMPLES: tuple[_Example, ...] = (
    _Example(
        pillar="governance",
        id="gov-contoh-perizinan-online",
        element="GOV-1",
        lead="dpmptsp",
        innovation_type="teknologi",
        years=(0, 0),
        quick_win=True,
        name=("CONTOH: Perizinan berusaha online", "EXAMPLE: Online business licensing"),
        description=_replace(
            (
                "layanan perizinan berusaha secara daring yang terhubung dengan OSS",
                "online business licensing linked to OSS",
            )
        ),
        partners=(("pemerintah", "agency", "diskominfo"),),
        indicator=(
            "izin-online",
            "Jenis izin yang dilayani online",
            "Licence types served online",
            "output",
            "jenis izin",
        ),
        targets=(10,),
        scores=(4, 4, 4, 2, 5),
        budget=250_000_000,
    ),
    _Example(
        pillar="branding",
        id="bra-contoh-portal-wisata",
        element="BRA-1",
        lead="disbudpar",
        innovation_type="teknologi",
        years=(1, 2),
        name=("CONTOH: Portal pariwisata daerah", "EXAMPLE: Regional tourism portal"),
        description=_replace(
            (
                "portal informasi destinasi, acara dan paket wisata",
                "a portal of destinations, events and tour packages",
            )
        ),
        partners=(("komunitas", "name", "Isi nama komunitas pariwisata"),),
        indicator=(
            "kunjungan-portal",
            "Kunjungan ke portal wisata",
            "Tourism portal visits",
            "outcome",
            "kunjungan",
        ),
        targets=(5000, 15000),
        scores=(3, 3, 4, 3, 3),
        budget=300_000_000,
    ),
    _Example(
        pillar="economy",
        id="eco-contoh-retribusi-nontunai",
        element="ECO-3",
        lead="bapenda",
        innovation_type="teknologi",
        years=(0, 1),
        name=("CONTOH: Retribusi pasar nontunai", "EXAMPLE: Cashless market fees"),
        description=_replace(
            ("pembayaran retribusi pasar dengan QRIS", "paying market fees by QRIS")
        ),
        partners=(
            ("pemerintah", "agency", "disdagperin"),
            ("badan_usaha", "name", "Isi nama bank mitra"),
        ),
        indicator=(
            "pedagang-qris",
            "Pedagang yang membayar retribusi dengan QRIS",
            "Traders paying fees by QRIS",
            "output",
            "pedagang",
        ),
        targets=(200, 600),
        scores=(4, 3, 4, 2, 4),
        budget=200_000_000,
    ),
    _Example(
        pillar="living",
        id="liv-contoh-antrean-puskesmas",
        element="LIV-2",
        lead="dinkes",
        innovation_type="teknologi",
        years=(1, 3),
        name=("CONTOH: Antrean online puskesmas", "EXAMPLE: Online clinic queue"),
        description=_replace(
            (
                "pendaftaran dan antrean puskesmas secara daring",
                "online registration and queueing at community health centres",
            )
        ),
        partners=(("pemerintah", "agency", "diskominfo"),),
        indicator=(
            "puskesmas-online",
            "Puskesmas dengan antrean online",
            "Clinics with an online queue",
            "output",
            "puskesmas",
        ),
        targets=(5, 10, 15),
        scores=(4, 4, 3, 3, 4),
        budget=400_000_000,
    ),
    _Example(
        pillar="society",
        id="soc-contoh-literasi-digital",
        element="SOC-2",
        lead="diskominfo",
        innovation_type="program",
        years=(0, 4),
        name=("CONTOH: Gerakan literasi digital", "EXAMPLE: Digital literacy movement"),
        description=_replace(
            (
                "pelatihan literasi digital bagi warga, pelajar dan ASN",
                "digital literacy training for residents, students and civil servants",
            )
        ),
        partners=(
            ("pemerintah", "agency", "disdik"),
            ("akademisi", "name", "Isi nama perguruan tinggi mitra"),
        ),
        indicator=(
            "peserta-literasi",
            "Peserta pelatihan literasi digital",
            "Digital literacy trainees",
            "output",
            "orang",
        ),
        targets=(500, 1000, 1500, 2000, 2500),
        scores=(3, 3, 5, 1, 4),
        budget=150_000_000,
    ),
    _Example(
        pillar="environment",
        id="env-contoh-bank-sampah-digital",
        element="ENV-2",
        lead="dlh",
        innovation_type="teknologi",
        years=(1, 2),
        name=("CONTOH: Bank sampah digital", "EXAMPLE: Digital waste bank"),
        description=_replace(
            (
                "pencatatan tabungan bank sampah lewat aplikasi",
                "recording waste-bank savings in an app",
            )
        ),
        partners=(("komunitas", "name", "Isi nama komunitas peduli lingkungan"),),
        indicator=(
            "sampah-terkelola",
            "Sampah yang dikelola bank sampah",
            "Waste handled by waste banks",
            "outcome",
            "ton per tahun",
        ),
        targets=(50, 120),
        scores=(4, 3, 4, 2, 3),
        budget=250_000_000,
    ),
)


def _program_yaml(r: _Region, ex: _Example) -> tuple[str, str]:
    rel = f"programs/{ex.pillar}/{ex.id}.yaml"
    start, end = r.start + ex.years[0], r.start + ex.years[1]
    ind_id, ind_name_id, ind_name_en, ind_type, unit = ex.indicator
    partners = "".join(f"  - role: {role}\n    {key}: {q(val)}\n" for role, key, val in ex.partners)
    targets = ", ".join(f"{start + i}: {target}" for i, target in enumerate(ex.targets))
    budget = "".join(
        f"  - year: {year}\n    amount: {ex.budget}\n    source: APBD\n"
        for year in range(start, end + 1)
    )
    scores = "".join(f"  {c}: {s}\n" for c, s in zip(_CRITERIA, ex.scores, strict=True))
    quick_win = "quick_win: true   # selesai dalam tahun pertama rencana\n" if ex.quick_win else ""
    text = f"""{_modeline(rel, "program")}\
# CONTOH program pilar {PILLAR_NAMES[ex.pillar]["id"]}: ganti isinya dengan program {r.full},
# atau hapus berkas ini setelah pilar ini punya program lain (setiap pilar perlu
# minimal satu program). Nama berkas = id program; folder = pilar.
kind: program
id: {ex.id}
name:{_text(2, *ex.name)}
description:{_text(2, *ex.description)}
pillar: {ex.pillar}
element: {ex.element}   # {ELEMENTS[ex.element][1]}
tags: [contoh]
lead_agency: {ex.lead}
partners:
{partners}\
innovation_type: {ex.innovation_type}
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
  - id: {ind_id}
    name:{_text(6, ind_name_id, ind_name_en)}
    type: {ind_type}
    unit: {q(unit)}
    direction: increase
    baseline: {{year: {start - 1}, value: 0}}
    targets: {{{targets}}}
scores:
{scores}\
risks:
  - description: Isi risiko utama program
    level: medium
    mitigation: Isi langkah mitigasi
"""
    return rel, text


_GITIGNORE = """\
# Keluaran smartplan render
build/
"""


def _precommit_yaml() -> str:
    return """\
# pre-commit: memeriksa rencana sebelum setiap commit / checks the plan before every commit.
# Pasang sekali per clone / set up once per clone:
#   pip install pre-commit && pre-commit install
#
# Hook "local" ini memakai smartplan yang sudah terpasang (perintah `smartplan` di PATH),
# jadi bekerja tanpa jaringan. Untuk memasang smartplan versi tetap dari repositorinya,
# ganti blok di bawah dengan:
#   - repo: <URL repositori smartplan>
#     rev: <tag versi>
#     hooks:
#       - id: smartplan-validate
#         args: [.]
repos:
  - repo: local
    hooks:
      - id: smartplan-validate
        name: smartplan validate
        entry: smartplan validate
        # folder rencana, relatif terhadap akar repositori git / the plan folder,
        # relative to the root of the git repository
        args: [.]
        language: system
        pass_filenames: false
        files: '\\.ya?ml$'
"""


_SCHEMA_GLOBS: dict[str, list[str]] = {
    "plan": ["plan.yaml"],
    "agencies": ["agencies.yaml"],
    "readiness": ["readiness.yaml"],
    "pillar": ["pillars/*.yaml"],
    "program": ["programs/**/*.yaml"],
    # monitoring (smartplan.monitor): the yearly actuals
    "actuals": ["monitoring/*/[!_]*.yaml"],
    "annual": ["monitoring/*/_tahun.yaml"],
}


def _vscode_settings() -> str:
    settings = {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER}/{kind}.schema.json": globs for kind, globs in _SCHEMA_GLOBS.items()
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


def schema_files() -> list[Path]:
    """The packaged JSON Schemas, one per file kind, sorted by name."""
    return sorted(schemas_dir().glob("*.schema.json"))


def plan_files(
    *, region: str, type: str = "kabupaten", province: str, period: tuple[int, int]
) -> dict[str, bytes]:
    """Every file :func:`init_plan` writes: plan-relative POSIX path -> content."""
    if type not in REGION_TYPES:
        raise UsageError(f"unknown region type {type!r}", "use kabupaten or kota")
    name, slug = check_region(region)
    province_name = _clean_name(province, "the province", "--province")
    r = _Region(name, slug, type, province_name, check_period(period))

    files: dict[str, bytes] = {}
    for schema in schema_files():
        files[f"{SCHEMA_FOLDER}/{schema.name}"] = schema.read_bytes()
    files["plan.yaml"] = _plan_yaml(r).encode()
    files["agencies.yaml"] = _agencies_yaml(r).encode()
    files["readiness.yaml"] = _readiness_yaml(r).encode()
    for code in PILLARS:
        files[f"pillars/{code}.yaml"] = _pillar_yaml(r, code).encode()
    for example in _EXAMPLES:
        rel, text = _program_yaml(r, example)
        files[rel] = text.encode()
    files[".gitignore"] = _GITIGNORE.encode()
    files[".pre-commit-config.yaml"] = _precommit_yaml().encode()
    files[".vscode/settings.json"] = _vscode_settings().encode()
    files[".vscode/extensions.json"] = _vscode_extensions().encode()
    # monitoring (smartplan.monitor): an empty monitoring/ that says what goes in it
    files["monitoring/README.md"] = _MONITORING_README.encode()
    return files


_MONITORING_README = """\
# Monitoring dan evaluasi / Monitoring and evaluation

Satu folder per tahun: `monitoring/<tahun>/<id-program>.yaml` untuk setiap
program dan `monitoring/<tahun>/_tahun.yaml` untuk rencana. Buat berkas satu
tahun dengan `smartplan monitor new --year <tahun>`, lalu
`smartplan evaluate --year <tahun>`.

One folder per year: `monitoring/<year>/<program-id>.yaml` for each program and
`monitoring/<year>/_tahun.yaml` for the plan. Write a year's files with
`smartplan monitor new --year <year>`, then run `smartplan evaluate --year <year>`.
"""


def _is_empty(folder: Path) -> bool:
    return all(entry.name in _IGNORED_ENTRIES for entry in folder.iterdir())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_beside(path: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``path``, with the usual permissions."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_umask())  # mkstemp makes it 0600
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return Path(tmp)


def write_new_file(path: Path, data: bytes) -> bool:
    """Write ``path`` atomically unless it exists; return whether it was written.

    The content goes to a temporary file beside ``path`` first, which is then
    hard-linked to ``path`` (an atomic create that fails when ``path``
    exists, so a file that appears meanwhile is never replaced). Where the
    file system has no hard links, it is renamed into place after a check.
    """
    if path.exists() or path.is_symlink():
        return False
    tmp = _temp_beside(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (some network or FAT file systems)
            if path.exists() or path.is_symlink():
                return False
            os.replace(tmp, path)
        return True
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def init_plan(
    target: Path,
    *,
    region: str,
    type: str = "kabupaten",
    province: str,
    period: tuple[int, int],
    force: bool = False,
) -> InitResult:
    """Scaffold a new plan in ``target``; return the files written (and those skipped).

    Refuses a ``target`` that is a file, or a folder with anything in it but
    ``.git`` unless ``force`` is true. Even with ``force``, an existing file
    is never overwritten: it is left as it is and listed in ``skipped``.
    Raises :class:`UsageError` for bad input and :class:`WriteError` when a
    file cannot be written.
    """
    files = plan_files(region=region, type=type, province=province, period=period)
    target = Path(target)
    if target.exists() or target.is_symlink():
        if not target.is_dir():
            raise UsageError(f"{target} exists and is not a folder", "give a new folder name")
        if not force and not _is_empty(target):
            raise UsageError(
                f"{target} is not empty",
                "init writes into a new or empty folder; --force adds the missing files "
                "there (existing files are never overwritten)",
            )
    result = InitResult()
    for rel, data in files.items():
        path = target.joinpath(*rel.split("/"))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written = write_new_file(path, data)
        except OSError as exc:
            raise WriteError(
                f"cannot write {path}: {exc.strerror or exc}",
                "check that the folder is writable and that no file stands where a folder "
                "should be",
            ) from None
        (result if written else result.skipped).append(path)
    return result


def write_schemas(out_dir: Path) -> list[Path]:
    """Copy the packaged JSON Schemas into ``out_dir``, replacing older copies.

    Every schema is first written to a temporary file beside its target; only
    when all of them are written are they renamed into place, so an error
    leaves no half-written schema behind.
    """
    out_dir = Path(out_dir)
    sources = schema_files()
    if not sources:
        raise WriteError("no JSON Schemas found in the smartplan installation")
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise WriteError(f"{out_dir} exists and is not a folder", "give a folder to write to")
        out_dir.mkdir(parents=True, exist_ok=True)
        temps: list[tuple[Path, Path]] = []
        try:
            for source in sources:
                final = out_dir / source.name
                temps.append((_temp_beside(final, source.read_bytes()), final))
            for tmp, final in temps:
                os.replace(tmp, final)
        finally:
            for tmp, _final in temps:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(tmp)
    except OSError as exc:
        raise WriteError(
            f"cannot write the schemas to {out_dir}: {exc.strerror or exc}",
            "check that the folder is writable",
        ) from None
    return [out_dir / source.name for source in sources]
