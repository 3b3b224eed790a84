"""Scaffold a new plan (``smartplan init``) and copy the JSON Schemas (``smartplan schema``).

:mod:`.init` builds and writes the plan's files, :mod:`.schemas` lists and
copies the packaged JSON Schemas, and :mod:`.tables` reads the data behind
them (agencies, criteria, example programs) from ``data/*.yaml``.
"""

from __future__ import annotations

from smartplan.scaffold.init import (
    PROVINCE_PLACEHOLDER,
    REGION_TYPES,
    InitResult,
    check_period,
    check_region,
    default_period,
    init_plan,
    parse_period,
    plan_files,
    slugify,
)
from smartplan.scaffold.schemas import SCHEMA_FOLDER, schema_files, write_schemas

__all__ = [
    "PROVINCE_PLACEHOLDER",
    "REGION_TYPES",
    "SCHEMA_FOLDER",
    "InitResult",
    "check_period",
    "check_region",
    "default_period",
    "init_plan",
    "parse_period",
    "plan_files",
    "schema_files",
    "slugify",
    "write_schemas",
]
