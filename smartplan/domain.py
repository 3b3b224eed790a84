"""Facts of the Indonesian smart city movement that the plan format builds on.

The JSON Schemas in ``schemas/`` repeat these lists as enums (so editors can
complete them); ``tests/test_schemas.py`` checks both stay equal.
"""

from __future__ import annotations

from typing import Final

#: The six pillars (dimensi), in the order of the national guideline.
PILLARS: Final[tuple[str, ...]] = (
    "governance",
    "branding",
    "economy",
    "living",
    "society",
    "environment",
)

PILLAR_NAMES: Final[dict[str, dict[str, str]]] = {
    "governance": {"id": "Smart Governance", "en": "Smart Governance"},
    "branding": {"id": "Smart Branding", "en": "Smart Branding"},
    "economy": {"id": "Smart Economy", "en": "Smart Economy"},
    "living": {"id": "Smart Living", "en": "Smart Living"},
    "society": {"id": "Smart Society", "en": "Smart Society"},
    "environment": {"id": "Smart Environment", "en": "Smart Environment"},
}

#: The 18 elements: code -> (pillar, Indonesian name, English name).
ELEMENTS: Final[dict[str, tuple[str, str, str]]] = {
    "GOV-1": ("governance", "Layanan publik", "Public service"),
    "GOV-2": ("governance", "Tata kelola birokrasi", "Bureaucracy management"),
    "GOV-3": ("governance", "Kebijakan publik", "Public policy"),
    "BRA-1": ("branding", "Branding pariwisata", "Tourism branding"),
    "BRA-2": ("branding", "Branding bisnis", "Business branding"),
    "BRA-3": ("branding", "Penataan wajah kota", "City appearance"),
    "ECO-1": ("economy", "Industri", "Industry"),
    "ECO-2": ("economy", "Kesejahteraan masyarakat", "Welfare"),
    "ECO-3": ("economy", "Ekosistem transaksi keuangan", "Financial transactions"),
    "LIV-1": ("living", "Harmonisasi tata ruang", "Harmony (spatial planning)"),
    "LIV-2": ("living", "Kesehatan", "Health"),
    "LIV-3": ("living", "Transportasi", "Mobility"),
    "SOC-1": ("society", "Komunitas", "Community"),
    "SOC-2": ("society", "Ekosistem belajar", "Learning"),
    "SOC-3": ("society", "Keamanan", "Security"),
    "ENV-1": ("environment", "Proteksi lingkungan", "Environmental protection"),
    "ENV-2": ("environment", "Tata kelola sampah dan limbah", "Waste management"),
    "ENV-3": ("environment", "Tata kelola energi", "Energy management"),
}

FUNDING_SOURCES: Final[dict[str, dict[str, str]]] = {
    "APBD": {"id": "APBD (anggaran daerah)", "en": "APBD (regional budget)"},
    "APBN": {"id": "APBN (anggaran negara)", "en": "APBN (national budget)"},
    "DAK": {"id": "DAK (dana alokasi khusus)", "en": "DAK (special allocation fund)"},
    "CSR": {
        "id": "CSR (tanggung jawab sosial perusahaan)",
        "en": "CSR (corporate social responsibility)",
    },
    "KPBU": {
        "id": "KPBU (kerja sama pemerintah dan badan usaha)",
        "en": "KPBU (public-private partnership)",
    },
    "LAINNYA": {"id": "Masyarakat dan sumber lain", "en": "Community and other sources"},
}

PENTAHELIX_ROLES: Final[tuple[str, ...]] = (
    "pemerintah",
    "akademisi",
    "badan_usaha",
    "komunitas",
    "media",
)

INNOVATION_TYPES: Final[tuple[str, ...]] = (
    "program",
    "produk",
    "metode",
    "konseptual",
    "teknologi",
)

STATUS_STAGES: Final[tuple[str, ...]] = (
    "problem_formulation",
    "idea",
    "development_planning",
    "development",
    "implementation",
    "evaluation",
)

HORIZONS: Final[tuple[str, ...]] = ("short", "medium", "long")

#: Readiness aspects and their sub-aspects, in document order.
READINESS_ASPECTS: Final[dict[str, tuple[str, ...]]] = {
    "struktur": ("sdm", "anggaran", "tata_kelola"),
    "infrastruktur": ("fisik", "digital", "sosial"),
    "suprastruktur": ("regulasi", "kelembagaan", "implementasi"),
}

#: Period length bounds in years, both ends of the period included.
MIN_PERIOD_YEARS: Final = 5
MAX_PERIOD_YEARS: Final = 10

#: Random consistency indices for AHP, indexed by matrix order n.
#: How the pillar weights enter the program scores (smartplan.prioritize.emphasis).
EMPHASIS_MODES: Final[tuple[str, ...]] = ("factor", "bonus", "none")

#: The Monte Carlo stability of ``prioritize --sensitivity``: draws, seed, and how far
#: each draw moves every weight (±20 %, the widest of the tested levels).
MONTE_CARLO_DRAWS: Final = 1000
MONTE_CARLO_SEED: Final = 1
MONTE_CARLO_SPREAD: Final = 0.2

RI_TABLES: Final[dict[str, dict[int, float]]] = {
    "saaty": dict(
        zip(
            range(1, 16),
            (0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59),
            strict=True,
        )
    ),
    "donegan-dodd": {
        1: 0.0,
        2: 0.0,
        **dict(
            zip(
                range(3, 16),
                (
                    0.4914,
                    0.8286,
                    1.0591,
                    1.1797,
                    1.2519,
                    1.3171,
                    1.3733,
                    1.4055,
                    1.4213,
                    1.4497,
                    1.4643,
                    1.4822,
                    1.4969,
                ),
                strict=True,
            )
        ),
    },
}

#: Consistency ratio above which an AHP matrix is refused.
MAX_CONSISTENCY_RATIO: Final = 0.10


def horizon_for(end_year: int, period_start: int) -> str:
    """Return the horizon a program ending in ``end_year`` belongs to.

    ``short`` ends in the plan's first year, ``medium`` within its first five
    years, ``long`` later.
    """
    offset = end_year - period_start
    if offset <= 0:
        return "short"
    if offset <= 4:
        return "medium"
    return "long"
