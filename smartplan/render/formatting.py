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
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import (
    NumberPattern,
    format_decimal,
    format_percent,
    parse_pattern,
)

from smartplan.errors import RenderError
from smartplan.i18n import lazy
from smartplan.text import round_half_up as round_half_up

__all__ = ["LOCALES", "MILLION", "NBSP", "Formatter", "apportion", "round_half_up"]

NBSP = "\u00a0"

#: Plan languages → Babel locales for numbers.
LOCALES: dict[str, str] = {"id": "id_ID", "en": "en"}
#: ... and for dates: day-month-year in English too ("30 September 2022"), as
#: Indonesian documents written in English usually have it.
DATE_LOCALES: dict[str, str] = {"id": "id_ID", "en": "en_GB"}

#: How rupiah amounts start in each language: Babel's pattern for full amounts
#: and the prefix put before a compact number.
_RUPIAH_PREFIX: dict[str, str] = {"id": "Rp", "en": "IDR" + NBSP}


#: The money unit of every table: official budget tables state their amounts
#: "dalam juta rupiah", one unit for the whole table, never a mix of jt and M.
MILLION = 1_000_000

#: Compact units, largest first: (power of ten, Indonesian, English). CLDR's
#: Indonesian short forms; written here so that rounding is ours (half up).
_COMPACT: tuple[tuple[int, str, str], ...] = (
    (12, "T", "T"),
    (9, "M", "B"),
    (6, "jt", "M"),
    (3, "rb", "K"),
)


def apportion(amounts: Sequence[int], unit: int, digits: int = 0) -> tuple[list[Decimal], Decimal]:
    """Display values of ``amounts`` in ``unit`` that add up to their displayed total.

    The total is rounded once, half up; the parts are rounded down and the
    units left over go, one each, to the parts with the largest remainders
    (ties to the earlier part), so a table's shown parts always sum to its
    shown total. Returns the parts and the total, in ``unit`` with ``digits`` decimals.
    """
    step = Decimal(unit).scaleb(-digits)  # rupiah per last shown digit
    exact = [Decimal(a) / step for a in amounts]
    total = round_half_up(sum(exact, Decimal(0)))
    floors = [x.to_integral_value(rounding="ROUND_FLOOR") for x in exact]
    left = int(total - sum(floors, Decimal(0)))
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    parts = list(floors)
    if left > 0:
        for i in order[:left]:
            parts[i] += 1
    elif left < 0:  # negative amounts: take units back from the smallest remainders
        for i in order[::-1][:-left]:
            parts[i] -= 1
    scale = Decimal(1).scaleb(-digits)
    return [p * scale for p in parts], total * scale


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
                lazy("unsupported language %(lang)r", lang=self.lang),
                hint=lazy("use one of: %(choices)s", choices=", ".join(sorted(LOCALES))),
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

    def rupiah_compact(self, amount: float | int, fraction_digits: int = 2) -> str:
        """A short rupiah amount in prose and charts: ``Rp1,5 M`` / ``IDR 1.5B``.

        Rounded half up to at most ``fraction_digits`` decimals (trailing zeros
        dropped), so ``Rp53,95 M`` is never shown as ``Rp54 M`` elsewhere.
        """
        if abs(amount) < 1000:
            return self.rupiah(amount)
        exact = Decimal(repr(amount)) if isinstance(amount, float) else Decimal(amount)
        for power, id_unit, en_unit in _COMPACT:
            scaled = round_half_up(exact.scaleb(-power), fraction_digits)
            if abs(scaled) >= 1:
                unit = id_unit if self.lang == "id" else en_unit
                pattern = "#,##0" + ("." + "#" * fraction_digits if fraction_digits else "")
                digits = format_decimal(scaled, format=_pattern(pattern), locale=self._numbers)
                # CLDR: "1,5 M" in Indonesian (a no-break space), "1.5B" in English
                space = NBSP if self.lang == "id" else ""
                return _RUPIAH_PREFIX[self.lang] + digits + space + unit
        return self.rupiah(amount)  # pragma: no cover - |amount| >= 1000 has a unit

    def million(self, amount: Decimal | int, digits: int = 0) -> str:
        """``amount`` rupiah in millions, the table unit: ``53.950`` / ``53,950``.

        A :class:`~decimal.Decimal` is taken as already in millions (a part from
        :func:`apportion`); an integer is rupiah, rounded half up.
        """
        value = (
            amount
            if isinstance(amount, Decimal)
            else round_half_up(Decimal(amount) / MILLION, digits)
        )
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=_pattern(pattern), locale=self._numbers)

    def number(self, value: float | int | None, max_fraction: int = 2) -> str:
        """A number with the locale's separators; integers print without decimals."""
        if value is None:
            return ""
        if float(value).is_integer():
            return format_decimal(int(value), format=_pattern("#,##0"), locale=self._numbers)
        pattern = "#,##0." + "#" * max_fraction
        # rounded half up here, once: Babel's own rounding is half to even
        exact = round_half_up(value, max_fraction)
        return format_decimal(exact, format=_pattern(pattern), locale=self._numbers)

    def percent(self, fraction: float | None, digits: int = 1) -> str:
        """A fraction as a percentage: ``0.637`` → ``63,7%`` / ``63.7%``."""
        if fraction is None:
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "") + "%"
        exact = round_half_up(Decimal(repr(float(fraction))) * 100, digits) / 100
        return format_percent(exact, format=_pattern(pattern), locale=self._numbers)

    def decimal(self, value: float | None, digits: int = 3) -> str:
        """A number with exactly ``digits`` decimals (weights, ratios)."""
        if value is None:
            return ""
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        exact = round_half_up(value, digits)
        return format_decimal(exact, format=_pattern(pattern), locale=self._numbers)

    def date(self, value: str | _dt.date | None) -> str:
        """A plan date (``YYYY-MM-DD``) in the language's long form: ``21 April 2022``."""
        if value is None or value == "":
            return ""
        if isinstance(value, str):
            try:
                value = _dt.date.fromisoformat(value)
            except ValueError as exc:
                raise RenderError(
                    lazy("cannot read the date %(value)r: %(exc)s", value=value, exc=exc)
                ) from None
        return _babel_date(value, format="long", locale=self._dates)

    def year_range(self, start: int, end: int) -> str:
        """``2023–2027``, or a single year when both ends are equal."""
        return str(start) if start == end else f"{start}–{end}"
