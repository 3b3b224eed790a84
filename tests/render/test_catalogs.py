"""The label catalogs: complete, parallel, and covering every code of the domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.domain import (
    ELEMENTS,
    FUNDING_SOURCES,
    HORIZONS,
    INNOVATION_TYPES,
    PENTAHELIX_ROLES,
    READINESS_ASPECTS,
    STATUS_STAGES,
)
from smartplan.errors import RenderError
from smartplan.model import Text
from smartplan.render.i18n import Localizer, load_catalog
from smartplan.resources import templates_dir

PACKAGED = [templates_dir()]


def test_both_catalogs_have_the_same_keys_and_placeholders() -> None:
    ind = load_catalog("id", PACKAGED)
    eng = load_catalog("en", PACKAGED)
    assert sorted(ind.labels) == sorted(eng.labels)
    for key in ind.labels:
        assert ind.placeholders(key) == eng.placeholders(key), key


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_domain_code_has_a_label(lang: str) -> None:
    catalog = load_catalog(lang, PACKAGED)
    keys = (
        [f"element.{c}" for c in ELEMENTS]
        + [f"source.{c}" for c in FUNDING_SOURCES]
        + [f"horizon.{c}" for c in HORIZONS]
        + [f"innovation_type.{c}" for c in INNOVATION_TYPES]
        + [f"role.{c}" for c in PENTAHELIX_ROLES]
        + [f"stage.{c}" for c in STATUS_STAGES]
        + [f"readiness.aspect.{c}" for c in READINESS_ASPECTS]
        + [f"readiness.subaspect.{s}" for subs in READINESS_ASPECTS.values() for s in subs]
    )
    missing = [k for k in keys if not catalog.has(k)]
    assert not missing


def test_templates_use_only_known_labels() -> None:
    import re

    catalog = load_catalog("id", PACKAGED)
    used: set[str] = set()
    for path in templates_dir().rglob("*.j2"):
        used.update(
            re.findall(r'\bt\("([a-z][a-z0-9_.-]*[a-z0-9])"', path.read_text(encoding="utf-8"))
        )
    assert used, "no labels found"
    assert sorted(k for k in used if not catalog.has(k)) == []


def test_user_catalog_must_hold_texts(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "id.yaml").write_text("chapter:\n  vision: [a, b]\n", encoding="utf-8")
    with pytest.raises(RenderError, match="must be a text"):
        load_catalog("id", [tmp_path, *PACKAGED])


def test_broken_user_catalog_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "en.yaml").write_text("chapter: [\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"en\.yaml:\d+:\d+"):
        load_catalog("en", [tmp_path, *PACKAGED])


def test_localizer_records_fallbacks_in_order() -> None:
    loc = Localizer("en")
    assert loc.text(Text("Visi", "Vision"), "plan.yaml", "/vision") == "Vision"
    assert loc.texts((Text("a"),) * 11, "plan.yaml", "/missions") == ["a"] * 11
    order = [f.pointer for f in loc.sorted_fallbacks()]
    assert order == [f"/missions/{i}" for i in range(11)]
    assert Localizer("id").text(Text("Visi"), "plan.yaml", "/vision") == "Visi"
