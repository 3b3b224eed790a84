"""The shape of RPJMD codes and a small table of known names (Permendagri 90/2019).

A code of the regional planning nomenclature reads
``urusan.bidang.program.kegiatan.sub-kegiatan``, written as

- program: ``2.16.03`` (urusan 2, bidang 16, program 03);
- kegiatan: ``2.16.03.2.02``, where the fourth segment says which government
  carries it out, ``1`` for a province and ``2`` for a regency or city;
- sub-kegiatan: ``2.16.03.2.02.0001`` (four digits, as in the updated
  nomenclature of Kepmendagri 050-5889/2021; the two-digit form of the
  original annex, ``2.16.03.2.02.01``, is accepted too).

The table holds the urusan and bidang names of the Permendagri 90/2019
nomenclature that the example plan uses, and the programs of bidang 2.16
(Komunikasi dan Informatika). A name given for a known code is compared with
it; codes not in the table are checked for shape only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS: tuple[str, ...] = ("program", "kegiatan", "sub_kegiatan")

_SHAPES: dict[str, re.Pattern[str]] = {
    "program": re.compile(r"^[1-8]\.[0-9]{2}\.[0-9]{2}$"),
    "kegiatan": re.compile(r"^[1-8]\.[0-9]{2}\.[0-9]{2}\.[12]\.[0-9]{2}$"),
    "sub_kegiatan": re.compile(r"^[1-8]\.[0-9]{2}\.[0-9]{2}\.[12]\.[0-9]{2}\.([0-9]{4}|[0-9]{2})$"),
}
#: what each level's code looks like, for messages
EXAMPLES: dict[str, str] = {
    "program": "2.16.03",
    "kegiatan": "2.16.03.2.02",
    "sub_kegiatan": "2.16.03.2.02.0001",
}

#: urusan (first segment)
URUSAN: dict[str, str] = {
    "1": "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar",
    "2": "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar",
    "3": "Urusan Pemerintahan Pilihan",
    "4": "Unsur Pendukung Urusan Pemerintahan",
    "5": "Unsur Penunjang Urusan Pemerintahan",
}

#: bidang urusan (urusan.bidang) used by the example plan
BIDANG: dict[str, str] = {
    "1.01": "Pendidikan",
    "1.02": "Kesehatan",
    "1.03": "Pekerjaan Umum dan Penataan Ruang",
    "1.04": "Perumahan Rakyat dan Kawasan Permukiman",
    "1.05": "Ketenteraman dan Ketertiban Umum serta Perlindungan Masyarakat",
    "1.06": "Sosial",
    "2.07": "Tenaga Kerja",
    "2.11": "Lingkungan Hidup",
    "2.12": "Administrasi Kependudukan dan Pencatatan Sipil",
    "2.13": "Pemberdayaan Masyarakat dan Desa",
    "2.15": "Perhubungan",
    "2.16": "Komunikasi dan Informatika",
    "2.17": "Koperasi, Usaha Kecil, dan Menengah",
    "2.18": "Penanaman Modal",
    "2.20": "Statistik",
    "2.21": "Persandian",
    "2.22": "Kebudayaan",
    "2.23": "Perpustakaan",
    "3.25": "Kelautan dan Perikanan",
    "3.26": "Pariwisata",
    "3.27": "Pertanian",
    "3.30": "Perdagangan",
    "3.31": "Perindustrian",
    "5.01": "Perencanaan",
    "5.02": "Keuangan",
}

#: programs (urusan.bidang.program) whose names the table knows
PROGRAMS: dict[str, str] = {
    "2.16.01": "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
    "2.16.02": "Program Informasi dan Komunikasi Publik",
    "2.16.03": "Program Aplikasi Informatika",
}


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """What is wrong with a code at a level (empty ``problem`` when nothing)."""

    problem: str = ""
    hint: str | None = None


def level_of(code: str) -> str | None:
    """The level a code's shape says, or None when it fits none."""
    for level, shape in _SHAPES.items():
        if shape.match(code):
            return level
    return None


def check_code(code: str, level: str, region_type: str | None) -> CodeCheck:
    """Whether ``code`` has the shape of ``level`` and the segment of the region's government."""
    shape = _SHAPES[level]
    if not shape.match(code):
        actual = level_of(code)
        if actual is not None:
            return CodeCheck(
                f"code {code!r} is a {actual.replace('_', '-')} code, but level is {level!r}",
                f"set level: {actual}, or give a {level.replace('_', '-')} code "
                f"like {EXAMPLES[level]!r}",
            )
        return CodeCheck(
            f"code {code!r} is not a Permendagri 90/2019 {level.replace('_', '-')} code",
            f"a {level.replace('_', '-')} code looks like {EXAMPLES[level]!r}",
        )
    if level != "program" and region_type in ("kabupaten", "kota"):
        segment = code.split(".")[3]
        if segment != "2":
            return CodeCheck(
                f"code {code!r} has the province segment '.{segment}.', "
                f"but the plan is a {region_type}'s",
                "regencies and cities use '.2.' in the fourth segment",
            )
    return CodeCheck()


def known_name(code: str) -> tuple[str, str] | None:
    """(level word, official name) for a program code in the table, else None."""
    if code in PROGRAMS:
        return "program", PROGRAMS[code]
    return None


def bidang_name(code: str) -> str | None:
    """The bidang urusan a code belongs to, if the table knows it."""
    return BIDANG.get(".".join(code.split(".")[:2]))
