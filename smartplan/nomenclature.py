"""The shape of RPJMD codes and a small table of known names (Permendagri 90/2019).

A code of the regional planning nomenclature reads
``urusan.bidang.program.kegiatan.sub-kegiatan``, written as

- program: ``2.16.03`` (urusan 2, bidang 16, program 03);
- kegiatan: ``2.16.03.2.02``, where the fourth segment says which government
  carries it out, ``1`` for a province and ``2`` for a regency or city;
- sub-kegiatan: ``2.16.03.2.02.0001`` (four digits, as in the updated
  nomenclature of Kepmendagri 050-5889/2021; the two-digit form of the
  original annex, ``2.16.03.2.02.01``, is accepted too).

The table holds the urusan and bidang names, the programs the example plan
links to (and the neighbours a slip of one digit lands on), and the kegiatan
of the Diskominfo bidang (2.16 Komunikasi dan Informatika, 2.20 Statistik,
2.21 Persandian). A name given for a known code is compared with it; a name
that belongs to another code of the table is reported with that code; codes
not in the table are checked for shape only.

Where the table's facts come from
---------------------------------
Every program and kegiatan entry names the sources it was checked against,
all read on 2026-12-03 (public transcriptions; the ministry's own annex PDFs
were not in reach):

``P90``
    Permendagri 90/2019, regency/city annex, programs: a Laravel migration
    seeding ``ref_program`` rows marked ``permen_ver 1`` (public GitHub; the
    index does not name its repository).
``P90K``
    Permendagri 90/2019, kegiatan: an SQL dump of the same annex with its
    kegiatan rows (``permen_ver 1``; repository not named by the index).
``BAPPEDA``
    AldiAlfatih/BAPPEDA, ``database/seeders/ProgramSeeder.php`` (commit
    fc5f5f54) and ``KegiatanSeeder.php`` (commit a09e3bd9): a regency's
    nomenclature with the names of the later Kepmendagri updates.
``PROV24``
    a province's ``master_program`` table whose rows are dated 2024-10-15
    (repository not named by the index); a province's list, so programs only
    regencies carry out are missing from it.

Not confirmed:

- the Kepmendagri updates themselves: of 050-5889/2021 only its preamble was
  read (it updates the Permendagri 90/2019 annex); the annexes of
  900.1.15.5-1317/2023 and 900.1.15.5-3406/2024 were not found in readable
  form. Which of them renamed 2.16.02 and 2.16.03 ("Program Pengelolaan
  ...") is therefore unconfirmed: both names are accepted, the 2019 one and
  the later one seen in ``BAPPEDA`` and ``PROV24``;
- entries with one source only (noted as such);
- the urusan and bidang names, carried over from the first table and not
  checked again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartplan.i18n import lazy

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


@dataclass(frozen=True, slots=True)
class Entry:
    """A program or kegiatan of the table: its code, the names it has carried, the sources.

    ``names`` holds the Permendagri 90/2019 name first and a later
    Kepmendagri's name after it when the name changed; every one is accepted.
    """

    code: str
    names: tuple[str, ...]
    sources: tuple[str, ...]

    @property
    def level(self) -> str:
        """``program`` or ``kegiatan``, from the code's shape."""
        return "program" if self.code.count(".") == 2 else "kegiatan"

    @property
    def current(self) -> str:
        """The newest name the table knows."""
        return self.names[-1]


def _entries(*rows: tuple[str, tuple[str, ...], tuple[str, ...]]) -> dict[str, Entry]:
    return {code: Entry(code, names, sources) for code, names, sources in rows}


_BOTH = ("P90", "BAPPEDA", "PROV24")

#: programs (urusan.bidang.program) whose names the table knows
PROGRAMS: dict[str, Entry] = _entries(
    ("1.01.02", ("Program Pengelolaan Pendidikan",), _BOTH),
    (
        "1.02.02",
        ("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",),
        _BOTH,
    ),
    ("1.03.07", ("Program Pengembangan Permukiman",), ("P90", "PROV24")),
    ("1.03.08", ("Program Penataan Bangunan Gedung",), _BOTH),
    ("1.03.11", ("Program Pengembangan Jasa Konstruksi",), _BOTH),
    ("1.03.12", ("Program Penyelenggaraan Penataan Ruang",), _BOTH),
    ("1.04.02", ("Program Pengembangan Perumahan",), ("P90", "BAPPEDA")),
    ("1.04.03", ("Program Kawasan Permukiman",), _BOTH),
    ("1.05.02", ("Program Peningkatan Ketenteraman dan Ketertiban Umum",), ("P90", "BAPPEDA")),
    ("1.05.03", ("Program Penanggulangan Bencana",), ("P90", "BAPPEDA")),
    ("1.06.05", ("Program Perlindungan dan Jaminan Sosial",), _BOTH),
    ("2.07.04", ("Program Penempatan Tenaga Kerja",), _BOTH),
    (
        "2.11.03",
        ("Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup",),
        _BOTH,
    ),
    (
        "2.11.06",
        (
            "Program Pembinaan dan Pengawasan terhadap Izin Lingkungan dan Izin "
            "Perlindungan dan Pengelolaan Lingkungan Hidup (PPLH)",
        ),
        ("P90", "PROV24"),
    ),
    ("2.11.11", ("Program Pengelolaan Persampahan",), _BOTH),
    ("2.12.04", ("Program Pengelolaan Informasi Administrasi Kependudukan",), _BOTH),
    # one source only: a province's list has no village administration
    ("2.13.04", ("Program Administrasi Pemerintahan Desa",), ("P90",)),
    ("2.15.02", ("Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)",), _BOTH),
    (
        "2.16.01",
        (
            "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota",
            # the same program in a province's plan
            "Program Penunjang Urusan Pemerintahan Daerah Provinsi",
        ),
        _BOTH,
    ),
    (
        "2.16.02",
        (
            "Program Informasi dan Komunikasi Publik",
            "Program Pengelolaan Informasi dan Komunikasi Publik",
        ),
        _BOTH,
    ),
    (
        "2.16.03",
        ("Program Aplikasi Informatika", "Program Pengelolaan Aplikasi Informatika"),
        _BOTH,
    ),
    ("2.17.06", ("Program Pemberdayaan dan Perlindungan Koperasi",), ("P90", "PROV24")),
    (
        "2.17.07",
        ("Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",),
        ("P90", "BAPPEDA"),
    ),
    ("2.17.08", ("Program Pengembangan UMKM",), ("P90", "PROV24")),
    ("2.18.04", ("Program Pelayanan Penanaman Modal",), _BOTH),
    ("2.20.02", ("Program Penyelenggaraan Statistik Sektoral",), _BOTH),
    ("2.21.02", ("Program Penyelenggaraan Persandian untuk Pengamanan Informasi",), _BOTH),
    ("2.22.02", ("Program Pengembangan Kebudayaan",), _BOTH),
    ("2.23.02", ("Program Pembinaan Perpustakaan",), _BOTH),
    ("3.25.06", ("Program Pengolahan dan Pemasaran Hasil Perikanan",), _BOTH),
    ("3.26.02", ("Program Peningkatan Daya Tarik Destinasi Pariwisata",), _BOTH),
    ("3.26.03", ("Program Pemasaran Pariwisata",), _BOTH),
    (
        "3.26.04",
        (
            "Program Pengembangan Ekonomi Kreatif melalui Pemanfaatan dan Perlindungan "
            "Hak Kekayaan Intelektual",
        ),
        ("P90", "PROV24"),
    ),
    ("3.27.02", ("Program Penyediaan dan Pengembangan Sarana Pertanian",), _BOTH),
    ("3.30.03", ("Program Peningkatan Sarana Distribusi Perdagangan",), ("P90", "BAPPEDA")),
    (
        "3.30.04",
        ("Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting",),
        ("P90", "BAPPEDA"),
    ),
    # one source only
    ("3.30.07", ("Program Penggunaan dan Pemasaran Produk Dalam Negeri",), ("P90",)),
    ("3.31.02", ("Program Perencanaan dan Pembangunan Industri",), ("P90", "BAPPEDA")),
    (
        "5.01.02",
        ("Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",),
        ("P90", "BAPPEDA"),
    ),
    ("5.02.02", ("Program Pengelolaan Keuangan Daerah",), ("P90", "BAPPEDA")),
    ("5.02.04", ("Program Pengelolaan Pendapatan Daerah",), ("P90", "BAPPEDA")),
)

#: kegiatan of a regency or city (urusan.bidang.program.2.kegiatan) whose names the table knows
KEGIATAN: dict[str, Entry] = _entries(
    (
        "2.16.02.2.01",
        ("Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",),
        ("P90K", "BAPPEDA"),
    ),
    (
        "2.16.03.2.01",
        (
            "Pengelolaan Nama Domain yang telah Ditetapkan oleh Pemerintah Pusat dan "
            "Sub Domain di Lingkup Pemerintah Daerah Kabupaten/Kota",
        ),
        ("P90K", "BAPPEDA"),
    ),
    (
        "2.16.03.2.02",
        ("Pengelolaan e-Government di Lingkup Pemerintah Daerah Kabupaten/Kota",),
        ("P90K", "BAPPEDA"),
    ),
    # one source only
    (
        "2.20.02.2.01",
        ("Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota",),
        ("BAPPEDA",),
    ),
    # one source only
    (
        "2.21.02.2.01",
        ("Penyelenggaraan Persandian untuk Pengamanan Informasi Pemerintah Daerah Kabupaten/Kota",),
        ("BAPPEDA",),
    ),
)


def _key(name: str) -> str:
    """A name as compared: case, runs of spaces and spaces around '/' do not count."""
    text = re.sub(r"\s+", " ", name.strip().casefold())
    return re.sub(r" ?/ ?", "/", text)


def _unique(entry: Entry) -> bool:
    # every bidang has its own program xx.yy.01 "Program Penunjang Urusan
    # Pemerintahan Daerah ...": that name says nothing about which code is meant
    return not (entry.level == "program" and entry.code.endswith(".01"))


#: (level, name as compared) -> the code of the table that carries that name
_BY_NAME: dict[tuple[str, str], str] = {
    (entry.level, _key(name)): entry.code
    for table in (PROGRAMS, KEGIATAN)
    for entry in table.values()
    if _unique(entry)
    for name in entry.names
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


def lookup(code: str) -> Entry | None:
    """The table's program or kegiatan at ``code``, else None."""
    return PROGRAMS.get(code) or KEGIATAN.get(code)


def carries(entry: Entry, name: str) -> bool:
    """Whether ``name`` is one of the names the entry has carried."""
    return any(_key(name) == _key(known) for known in entry.names)


def code_of(name: str, level: str) -> str | None:
    """The code of the table's program or kegiatan (``level``) called ``name``, else None."""
    return _BY_NAME.get((level, _key(name)))


def names_text(entry: Entry) -> str:
    """The entry's names for a message: the newest, and the older ones still accepted."""
    if len(entry.names) == 1:
        return repr(entry.current)
    older = " / ".join(repr(name) for name in entry.names[:-1])
    return lazy("%(current)r (earlier %(older)s)", current=entry.current, older=older)


def bidang_name(code: str) -> str | None:
    """The bidang urusan a code belongs to, if the table knows it."""
    return BIDANG.get(".".join(code.split(".")[:2]))
