"""What every chapter view needs: the plan, the catalog and the text resolver."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypedDict

from smartplan.domain import ELEMENTS, FUNDING_SOURCES, PILLAR_NAMES, PILLARS, horizon_for
from smartplan.model import Plan, PlanInfo, Program, Text
from smartplan.render.formatting import Formatter
from smartplan.render.i18n import Catalog, Localizer
from smartplan.render.units import unit_in


class AgencyRef(TypedDict):
    """An agency as the document names it."""

    id: str
    short: str
    name: str


class Scope:
    """The plan being rendered, in one language; one instance per render.

    Texts of the plan are resolved here, through :class:`Localizer`, which
    records where the output language fell back to Indonesian.
    """

    def __init__(
        self,
        plan: Plan,
        info: PlanInfo,
        t: Catalog,
        fmt: Formatter,
        units: Mapping[str, str] | None = None,
    ) -> None:
        self.plan = plan
        self.units = dict(units or {})
        self.info = info
        self.t = t
        self.fmt = fmt
        self.lang = t.lang
        self.loc = Localizer(t.lang)
        self.years = list(info.years)
        self.pillar_codes = [code for code in PILLARS if code in plan.pillars]
        # agencies.yaml holds a list; fallbacks point at the entry's index
        self.agency_index = {agency_id: i for i, agency_id in enumerate(plan.agencies)}

    def tx(self, value: Text | str | None, file: str, pointer: str) -> str:
        """A plan text in the output language (recording a fallback)."""
        return self.loc.text(value, file, pointer)

    def unit(self, unit: str, file: str, pointer: str) -> str:
        """An indicator unit in the output language, from the unit catalog.

        The plan writes units in Indonesian; an English rendering without a
        catalog entry shows the unit as written and records a fallback.
        """
        return unit_in(self.lang, self.units, self.loc, unit, file, pointer)

    def pillar_name(self, code: str) -> str:
        """The pillar's name from its file, else the guideline's name, else the code."""
        pillar = self.plan.pillars.get(code)
        if pillar is not None:
            return self.tx(pillar.name, pillar.source.file or f"pillars/{code}.yaml", "/name")
        names = PILLAR_NAMES.get(code)
        return names[self.lang] if names else code

    def element_name(self, code: str) -> str:
        """The element's name from the catalog, else the guideline's, else the code."""
        key = f"element.{code}"
        if self.t.has(key):
            return self.t(key)
        element = ELEMENTS.get(code)
        if element is None:
            return code
        return element[2] if self.lang == "en" else element[1]

    def label(self, group: str, code: str | None) -> str:
        """The catalog label ``group.code``, or the code itself when none exists."""
        if code is None:
            return ""
        key = f"{group}.{code}"
        return self.t(key) if self.t.has(key) else code

    def source_label(self, code: str) -> str:
        """The name of a funding source."""
        key = f"source.{code}"
        if self.t.has(key):
            return self.t(key)
        names = FUNDING_SOURCES.get(code)
        return names[self.lang] if names else code

    def agency(self, agency_id: str | None) -> AgencyRef:
        """An agency's id, short name and full name (its id when unknown)."""
        if agency_id is None:
            return {"id": "", "short": "", "name": ""}
        agency = self.plan.agencies.get(agency_id)
        if agency is None:
            return {"id": agency_id, "short": agency_id, "name": agency_id}
        return {
            "id": agency.id,
            "short": agency.short,
            "name": self.tx(
                agency.name, "agencies.yaml", f"/agencies/{self.agency_index[agency.id]}/name"
            ),
        }

    def horizon(self, program: Program) -> str:
        """The program's horizon: declared, else derived from its end year."""
        return program.horizon or horizon_for(program.end, self.info.period_start)

    def programs_sorted(self, programs: Iterable[Program]) -> list[Program]:
        """Document order: pillar order, then start year, end year, id."""
        order = {code: i for i, code in enumerate(PILLARS)}
        return sorted(
            programs, key=lambda p: (order.get(p.pillar, len(order)), p.start, p.end, p.id)
        )


def opt_text(raw: Any) -> Text | None:
    """A raw text that may be absent."""
    return None if raw is None else Text.of(raw)


def source_order(code: str) -> tuple[int, str]:
    """Funding sources in the guideline's order, unknown ones after, by code."""
    keys = list(FUNDING_SOURCES)
    return (keys.index(code) if code in keys else len(keys), code)


def casefold_key(text: str) -> str:
    """Case-insensitive sort key."""
    return text.casefold()
