"""Rules the schema checker reports: the shape of each file (schemas/*.schema.json)."""

from __future__ import annotations

from smartplan.check.rules.registry import declare

declare(
    "S001",
    "schema.type",
    """
    A value has the wrong type.

    Plan files follow the YAML 1.2 core schema: only true and false are
    booleans, and rupiah amounts are whole numbers written without
    separators.

    Failing:

        quick_win: yes
        budget:
          - {year: 2024, amount: 1.500.000.000, source: APBD}

    Passing:

        quick_win: true
        budget:
          - {year: 2024, amount: 1500000000, source: APBD}
    """,
)
declare(
    "S002",
    "schema.unknown-key",
    """
    A mapping holds a key its schema does not know (often a misspelling).

    Failing:

        budjet:
          - {year: 2024, amount: 500000000, source: APBD}

    Passing:

        budget:
          - {year: 2024, amount: 500000000, source: APBD}
    """,
)
declare(
    "S003",
    "schema.required",
    """
    A required key is missing.

    Failing: a program without lead_agency.

    Passing:

        lead_agency: diskominfo
    """,
)
declare(
    "S004",
    "schema.value",
    """
    A value is outside what its schema allows (enum, range, pattern, length, uniqueness).

    Failing:

        pillar: ekonomi
        budget:
          - {year: 2024, amount: -5, source: APBD}

    Passing:

        pillar: economy
        budget:
          - {year: 2024, amount: 5000000, source: APBD}
    """,
)
