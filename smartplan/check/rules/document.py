"""The document around the chain: sourced profile figures, a safe logo, no placeholder left."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.logo import check_logo
from smartplan.problem import Hit, Severity

#: how ``smartplan init`` begins every text it leaves for the region to write
PLACEHOLDER_PREFIX = "Isi "
#: the tag init puts on its example programs
EXAMPLE_TAG = "contoh"


@rule("G001", "profile.figure-source", Severity.WARNING)
def figure_source(ctx: PlanContext) -> Iterator[Hit]:
    """
    A figure of the regional profile gives no source or no year.

    An assessor checks each figure of the Gambaran umum daerah against its
    source (BPS, Kabupaten Dalam Angka, a sector agency) and its year.

    Failing: in profile.yaml

        figures:
          - {id: penduduk, topic: kependudukan, name: Jumlah penduduk,
             value: 428895, unit: jiwa}

    Passing:

        figures:
          - {id: penduduk, topic: kependudukan, name: Jumlah penduduk,
             value: 428895, unit: jiwa, year: 2020, source: BPS, Sensus Penduduk 2020}
    """
    profile = ctx.plan.profile
    if profile is None:
        return
    for index, figure in enumerate(profile.figures):
        missing = [k for k, v in (("source", figure.source), ("year", figure.year)) if v is None]
        if missing:
            yield Hit(
                profile.source.file,
                f"/figures/{index}/id",
                lazy(
                    "figure %(id)r has no %(value)s", id=figure.id, value=" and no ".join(missing)
                ),
                lazy("say where the figure comes from and which year it measures"),
            )
    for index, sector in enumerate(profile.sectors):
        if sector.share is not None and (sector.source is None or sector.year is None):
            yield Hit(
                profile.source.file,
                f"/sectors/{index}/share",
                lazy("the share of sector %(id)r has no source or year", id=sector.name.id),
                lazy("say where the share comes from and which year it measures"),
            )


@rule("L001", "front.logo")
def logo(ctx: PlanContext) -> Iterator[Hit]:
    """
    The logo is not a small PNG, JPEG or SVG inside the plan folder, or it is an unsafe SVG.

    The logo is embedded in the document, so it must be a local file under
    the plan folder, at most 256 KiB; an SVG with scripts, event handlers
    or references to other documents is refused.

    Failing: in front.yaml

        logo: https://kotimkab.go.id/logo.png

    Passing:

        logo: logo-kotim.svg      # a plain SVG beside plan.yaml
    """
    front = ctx.plan.front
    if front is None or front.logo is None or ctx.root is None:
        return
    found = check_logo(ctx.root, front.logo)
    if found.problem:
        yield Hit(front.source.file, "/logo", found.problem, found.hint)


def _placeholders(value: Any, pointer: str) -> Iterator[str]:
    if isinstance(value, str):
        if value.startswith(PLACEHOLDER_PREFIX):
            yield pointer
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, f"{pointer}/{index}")


@rule("H001", "document.placeholder", Severity.WARNING)
def placeholder(ctx: PlanContext) -> Iterator[Hit]:
    """
    A text or program that ``smartplan init`` left as a placeholder is still there.

    init writes "Isi ..." where the region has to write, and example
    programs tagged ``contoh``. They validate, so a new plan can be checked
    from the start; ``--strict`` refuses a plan that still has them.

    Failing:

        vision: Isi visi smart city Kabupaten Contoh

    Passing:

        vision: Kotawaringin Timur Cerdas, Maju dan Sejahtera
    """
    for rel in sorted(ctx.documents):
        if not ctx.loaded(rel):
            continue
        document = ctx.documents[rel]
        # one problem per file, at the first placeholder: a fresh plan has dozens
        found = list(_placeholders(document, ""))
        if found:
            more = (
                lazy(" (and %(n)d more in this file)", n=len(found) - 1) if len(found) > 1 else ""
            )
            yield Hit(
                rel,
                found[0],
                lazy("placeholder text left by smartplan init%(more)s", more=more),
                lazy('write the texts that begin with "Isi "'),
            )
        if isinstance(document, dict) and EXAMPLE_TAG in (document.get("tags") or ()):
            tags = document["tags"]
            yield Hit(
                rel,
                f"/tags/{tags.index(EXAMPLE_TAG)}",
                lazy("example program left by smartplan init"),
                lazy("replace it with a real program of the region, or delete the file"),
            )
