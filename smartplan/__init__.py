"""smartplan: validate, prioritise and render Indonesian Smart City master plans."""

__version__ = "0.1.0"

#: the project's home. SARIF's ``informationUri`` and each rule's ``helpUri``
#: point into it; pyproject.toml's [project.urls] name the same place.
HOMEPAGE = "https://github.com/smartplan-id/smartplan"


def rule_help_uri(code: str) -> str:
    """Where a rule's page lives: its anchor in docs/rules.md (generated from the rules)."""
    return f"{HOMEPAGE}/blob/main/docs/rules.md#{code.lower()}"
