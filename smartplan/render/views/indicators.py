"""Chapter Indikator: per pillar, each program's indicators with a target per year."""

from __future__ import annotations

from typing import TypedDict

from smartplan.render.views.pillars import PillarView
from smartplan.render.views.programs import IndicatorView, ProgramView


class IndicatorRow(TypedDict):
    indicator: IndicatorView
    cells: list[float | None]


class ProgramIndicators(TypedDict):
    program: ProgramView
    rows: list[IndicatorRow]


class PillarIndicators(TypedDict):
    pillar: PillarView
    years: list[int]
    programs: list[ProgramIndicators]


def indicators(pillars: list[PillarView]) -> list[PillarIndicators]:
    """Per pillar: each program's indicators with a target cell per year."""
    out: list[PillarIndicators] = []
    for pillar in pillars:
        years = sorted(
            {
                t["year"]
                for program in pillar["programs"]
                for ind in program["indicators"]
                for t in ind["targets"]
            }
        )
        programs: list[ProgramIndicators] = []
        for program in pillar["programs"]:
            rows: list[IndicatorRow] = [
                {"indicator": ind, "cells": [ind["target_map"].get(str(y)) for y in years]}
                for ind in program["indicators"]
            ]
            if rows:
                programs.append({"program": program, "rows": rows})
        if programs:
            out.append({"pillar": pillar, "years": years, "programs": programs})
    return out
