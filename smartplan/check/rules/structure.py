"""Ids and file names: every program is where its id and pillar say it is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePath

from smartplan.check.rules.context import PlanContext
from smartplan.check.rules.registry import rule
from smartplan.i18n import lazy
from smartplan.problem import Hit, pointer_join


def _id_list(items: object, key: str = "id") -> Iterator[tuple[int, str]]:
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict) and isinstance(item.get(key), str):
                yield index, item[key]


@rule("P001", "ids.unique")
def unique_ids(ctx: PlanContext) -> Iterator[Hit]:
    """
    An id is used twice: programs across the plan, agencies, criteria, or indicators in a program.

    Ids are unique within each list of the other files too: stakeholders,
    risks, institution bodies, applications, profile figures and issues
    (analysis ids have their own rule, A006).

    Program ids are compared case-insensitively too, because two files that
    differ only by case clash on Windows and macOS.

    Failing: two files, programs/economy/eco-pasar-digital.yaml and
    programs/living/eco-pasar-digital.yaml, both with

        id: eco-pasar-digital

    Passing: the second program renamed

        id: liv-pasar-sehat-digital
    """
    seen: dict[str, str] = {}
    for rel, doc in ctx.documents.items():
        if not rel.startswith("programs/") or not isinstance(doc, dict):
            continue
        program_id = doc.get("id")
        if not isinstance(program_id, str):
            continue
        folded = program_id.casefold()
        if folded in seen:
            first = seen[folded]
            yield Hit(
                rel,
                "/id",
                lazy(
                    "program id %(program_id)r is already used by %(first)s",
                    program_id=program_id,
                    first=first,
                ),
                lazy("every program needs its own id (and file name)"),
            )
        else:
            seen[folded] = rel
    for rel, pointer, items in _id_lists(ctx):
        first_at: dict[str, int] = {}
        for index, item_id in _id_list(items):
            if item_id in first_at:
                yield Hit(
                    rel,
                    pointer_join(*pointer, index, "id"),
                    lazy(
                        "id %(item_id)r is used twice in this list (first at item %(value)s)",
                        item_id=item_id,
                        value=first_at[item_id] + 1,
                    ),
                )
            else:
                first_at[item_id] = index


def _id_lists(ctx: PlanContext) -> Iterator[tuple[str, list[object], object]]:
    agencies = ctx.documents.get("agencies.yaml")
    if isinstance(agencies, dict):
        yield "agencies.yaml", ["agencies"], agencies.get("agencies")
    plan = ctx.documents.get("plan.yaml")
    if isinstance(plan, dict) and isinstance(plan.get("scoring"), dict):
        yield "plan.yaml", ["scoring", "criteria"], plan["scoring"].get("criteria")
    for rel, doc in ctx.documents.items():
        if rel.startswith("programs/") and isinstance(doc, dict):
            yield rel, ["indicators"], doc.get("indicators")
    # the registries and lists of the chapters around the analysis chain
    for rel, key in (
        ("stakeholders.yaml", "stakeholders"),
        ("risks.yaml", "risks"),
        ("institutions.yaml", "bodies"),
        ("architecture.yaml", "applications"),
        ("profile.yaml", "figures"),
        ("profile.yaml", "issues"),
    ):
        doc = ctx.documents.get(rel)
        if isinstance(doc, dict):
            yield rel, [key], doc.get(key)


@rule("P002", "ids.file-name")
def file_names(ctx: PlanContext) -> Iterator[Hit]:
    """
    A file's name or folder does not match its id, code or pillar.

    A program lives at programs/<pillar>/<id>.yaml; a pillar at
    pillars/<code>.yaml. Reviewers find files by id, and the id in a file
    name cannot drift from the id inside.

    Failing: programs/economy/pasar-digital.yaml holding

        id: eco-pasar-digital
        pillar: living

    Passing: programs/economy/eco-pasar-digital.yaml holding

        id: eco-pasar-digital
        pillar: economy
    """
    for rel, doc in ctx.documents.items():
        if not isinstance(doc, dict) or not ctx.schema_ok.get(rel):
            continue  # a value that failed its schema would give wrong advice here
        path = PurePath(rel)
        if rel.startswith("programs/"):
            if len(path.parts) != 3:
                yield Hit(
                    rel,
                    "",
                    lazy("program files belong directly in programs/<pillar>/"),
                    lazy("move it to programs/<pillar>/%(name)s", name=path.name),
                )
                continue
            program_id, pillar = doc.get("id"), doc.get("pillar")
            if isinstance(program_id, str) and program_id != path.stem:
                yield Hit(
                    rel,
                    "/id",
                    lazy(
                        "id %(program_id)r does not match the file name %(name)r",
                        program_id=program_id,
                        name=path.name,
                    ),
                    lazy(
                        "rename the file to %(program_id)s.yaml, or the id to %(stem)r",
                        program_id=program_id,
                        stem=path.stem,
                    ),
                )
            if isinstance(pillar, str) and pillar != path.parts[1]:
                yield Hit(
                    rel,
                    "/pillar",
                    lazy(
                        "pillar %(pillar)r does not match the folder programs/%(parts)s/",
                        pillar=pillar,
                        parts=path.parts[1],
                    ),
                    lazy("move the file to programs/%(pillar)s/", pillar=pillar),
                )
        elif rel.startswith("pillars/"):
            code = doc.get("code")
            if len(path.parts) != 2:
                yield Hit(rel, "", lazy("pillar files belong directly in pillars/"))
            elif isinstance(code, str) and code != path.stem:
                yield Hit(
                    rel,
                    "/code",
                    lazy(
                        "code %(code)r does not match the file name %(name)r",
                        code=code,
                        name=path.name,
                    ),
                    lazy("rename the file to pillars/%(code)s.yaml", code=code),
                )
