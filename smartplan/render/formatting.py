"""Locale-aware formatting of rupiah, numbers and dates (Babel).

Indonesian groups digits with dots and writes the currency symbol without a
space (``Rp1.500.000.000``); its compact forms use *rb* (ribu), *jt* (juta),
*M* (miliar) and *T* (triliun): ``Rp1,5 M``. English writes the ISO code
(``IDR 1,500,000,000``, compact ``IDR 1.5B``). Between a compact number and its
unit Babel puts a no-break space (U+00A0), as CLDR prescribes, so a table cell
never wraps ``1,5`` away from ``M``; we use the same space after ``IDR``.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import (
    NumberPattern,
    format_compact_decimal,
    format_decimal,
    format_percent,
    parse_pattern,
)

from smartplan.errors import RenderError

__all__ = ["LOCALES", "NBSP", "Formatter"]

NBSP = "\u00a0"

#: Plan languages → Babel locales for numbers.
LOCALES: dict[str, str] = {"id": "id_ID", "en": "en"}
#: ... and for dates: day-month-year in English too ("30 September 2022"), as
#: Indonesian documents written in English usually have it.
DATE_LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_GB"}

#: How rupiah amounts start in each language: Babel's pattern for full amounts
#: and the prefix put before a compact number.
_RUPIAH_PREFIX: dict[str, str] = {"id": "Rp", "en": "IDR" + NBSP}


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> NumberPattern:
    """A number pattern, parsed once: a document formats thousands of numbers."""
    return parse_pattern(pattern)


@dataclass(frozen=True, slots=True)
class Formatter:
    """Formats values for one output language."""

    lang: str
    # Babel's locale objects, looked up once rather than by name on every call
    _numbers: Locale = field(init=False, repr=False, compare=False)
    _dates: Locale = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.lang not in LOCALES:
            raise RenderError(
                f"unsupported language {self.lang!r}",
                hint="use one of: " + ", ".join(sorted(LOCALES)),
            )
        object.__setattr__(self, "_numbers", Locale.parse(LOCALES[self.lang]))
        object.__setattr__(self, "_dates", Locale.parse(DATE_LOCALES[self.lang]))

    @property
    def locale(self) -> str:
        """The Babel locale used for this language."""
        return LOCALES[self.lang]

    def rupiah(self, amount: float | int) -> str:
        """A whole rupiah amount: ``Rp1.500.000.000`` / ``IDR 1,500,000,000``."""
        digits = format_decimal(round(amount), format=_pattern("#,##0"), locale=self._numbers)
        return _RUPIAH_PREFIX[self.lang] + digits

    def rupiah_compact(self, amount: float | int, fraction_digits: int = 1) -> str:
        """A short rupiah amount: ``Rp1,5 M`` / ``IDR 1.5B``."""
        if abs(amount) < 1000:
            return self.rupiah(amount)
        number = format_compact_decimal(
            amount, format_type="short", locale=self._numbers, fraction_digits=fraction_digits
        )
        return _RUPIAH_PREFIX[self.lang] + number

    def number(self, value: float | int | None, max_fraction: int = 2) -> str:
        """A number with the locale's separators; integers print without decimals."""
        if value is None:
            return ""
        if float(value).is_integer():
            return format_decimal(int(value), format=_pattern("#,##0"), locale=self._numbers)
        pattern = "#,##0." + "#" * max_fraction
        return format_decimal(value, format=_pattern(pattern), locale=self._numbers)

    def percent(self, fraction: float | None, digits: int = 1) -> str:
        """A fraction as a percentage: ``0.637`` → ``63,7%`` / ``63.7%``."""
        if fraction is None:
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        return format_percent(fraction, format=_pattern(pattern), locale=self._numbers)

    def decimal(self, value: float | None, digits: int = 3) -> str:
        """A number with exactly ``digits`` decimals (weights, ratios)."""
        if value is None:
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=_pattern(pattern), locale=self._numbers)

    def date(self, value: str | _dt.date | None) -> str:
        """A plan date (``YYYY-MM-DD``) in the language's long form: ``21 April 2022``."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError as exc:
                raise RenderError(f"cannot read the date {value!r}: {exc}") from None
        return _babel_date(value, format="long", locale=self._dates)

    def year_range(self, start: int, end: int) -> str:
        """``2023–2027``, or a single year when both ends are equal."""
        return str(start) if start == end else f"{start}–{end}"
