"""Rupiah, numbers and dates through Babel, in Indonesian and English."""

from __future__ import annotations

import pytest

from smartplan.errors import RenderError
from smartplan.render.formatting import NBSP, Formatter

ID = Formatter("id")
EN = Formatter("en")


def test_rupiah_indonesian_groups_with_dots() -> None:
    assert ID.rupiah(1_500_000_000) == "Rp1.500.000.000"
    assert ID.rupiah(0) == "Rp0"
    assert ID.rupiah(850_000) == "Rp850.000"


def test_rupiah_english_uses_the_iso_code() -> None:
    assert EN.rupiah(1_500_000_000) == f"IDR{NBSP}1,500,000,000"


def test_compact_indonesian_units() -> None:
    # CLDR puts a no-break space between the number and its unit
    assert ID.rupiah_compact(1_500_000_000) == f"Rp1,5{NBSP}M"
    assert ID.rupiah_compact(1_500_000_000).replace(NBSP, " ") == "Rp1,5 M"
    assert ID.rupiah_compact(250_000) == f"Rp250{NBSP}rb"
    assert ID.rupiah_compact(7_500_000) == f"Rp7,5{NBSP}jt"
    assert ID.rupiah_compact(2_000_000_000_000) == f"Rp2{NBSP}T"
    assert ID.rupiah_compact(999) == "Rp999"


def test_compact_english_units() -> None:
    assert EN.rupiah_compact(1_500_000_000).replace(NBSP, " ") == "IDR 1.5B"
    assert EN.rupiah_compact(7_500_000).replace(NBSP, " ") == "IDR 7.5M"


def test_compact_fraction_digits() -> None:
    assert ID.rupiah_compact(10_350_000_000, 2) == f"Rp10,35{NBSP}M"
    assert ID.rupiah_compact(10_350_000_000, 1) == f"Rp10,4{NBSP}M"


def test_numbers_and_percentages() -> None:
    assert ID.number(1200) == "1.200"
    assert ID.number(2.5) == "2,5"
    assert EN.number(2.5) == "2.5"
    assert ID.number(None) == ""
    assert ID.percent(0.637) == "63,7%"
    assert EN.percent(0.637) == "63.7%"
    assert ID.decimal(0.0331) == "0,033"


def test_dates_come_from_the_plan() -> None:
    assert ID.date("2022-04-21") == "21 April 2022"
    assert EN.date("2022-04-21") == "21 April 2022"
    assert ID.date(None) == ""


def test_bad_date_and_language_are_render_errors() -> None:
    with pytest.raises(RenderError, match="date"):
        ID.date("21/04/2022")
    with pytest.raises(RenderError, match="language"):
        Formatter("fr")


def test_year_range() -> None:
    assert ID.year_range(2023, 2023) == "2023"
    assert ID.year_range(2023, 2027) == "2023–2027"
