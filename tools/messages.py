"""Keep smartplan's message catalogs in step with the source: extract, update, compile, check.

    python tools/messages.py extract   # smartplan/**.py -> smartplan/locale/smartplan.pot
    python tools/messages.py update    # merge the .pot into each language's .po
    python tools/messages.py compile   # each .po -> its .mo (committed, shipped in the wheel)
    python tools/messages.py check     # fail when the .pot, a .po or a .mo is behind the source
    python tools/messages.py all       # extract, update, compile (``make messages``)

Through Babel's API (a dependency already, for the documents' numbers and
dates). Locations are written without line numbers, so moving code does not
touch the catalogs; only a new, changed or removed message does.
"""

from __future__ import annotations

import ast
import contextlib
import io
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "smartplan"
LOCALE = PACKAGE / "locale"
DOMAIN = "smartplan"
POT = LOCALE / f"{DOMAIN}.pot"
#: the languages with a catalog (English is the msgids themselves)
LANGUAGES = ("id",)
#: smartplan.i18n's markers on top of gettext's: lazy() and lazy_plural() for problems
KEYWORDS = {**DEFAULT_KEYWORDS, "lazy": None, "lazy_plural": (1, 2)}
HEADER = (
    "# Messages of smartplan, the Smart City master plan tool.\n"
    "# Distributed under the same license as the smartplan project (MIT).\n#"
)


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    return po_path(lang).with_suffix(".mo")


def extract() -> Catalog:
    """Every marked message in the package's source, as a template catalog."""
    catalog = Catalog(
        project="smartplan",
        version="1",
        domain=DOMAIN,
        header_comment=HEADER,
        fuzzy=False,
        msgid_bugs_address="https://github.com/smartplan-id/smartplan/issues",
    )
    found = _quietly(
        extract_from_dir,
        PACKAGE,
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        path = (PACKAGE / filename).relative_to(ROOT).as_posix()
        catalog.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    for path, lineno, doc in command_docstrings():
        catalog.add(doc, None, [(path, lineno)], auto_comments=["the help of a command"])
    for path, lineno, summary in rule_summaries():
        catalog.add(summary, None, [(path, lineno)], auto_comments=["a rule's summary"])
    return catalog


def rule_summaries() -> list[tuple[str, int, str]]:
    """Each rule's one-line summary (its docstring's first line), as ``smartplan rules`` lists it.

    The rule's code, name and documentation page stay English (they are also
    docs/rules.md and SARIF's rule descriptions); the table says the summary in
    the user's language.
    """
    import inspect

    sys.path.insert(0, str(ROOT))
    from smartplan.check.rules import all_rules

    found = []
    for rule in all_rules():
        if not rule.summary:
            continue
        path, lineno = "smartplan/check/rules/registry.py", 0
        if rule.check is not None:
            source = inspect.getsourcefile(rule.check)
            if source is not None:
                path = Path(source).resolve().relative_to(ROOT).as_posix()
                lineno = inspect.getsourcelines(rule.check)[1]
        found.append((path, lineno, rule.summary))
    return found


def command_docstrings() -> list[tuple[str, int, str]]:
    """The docstrings of the commands, which typer shows as their --help.

    A command is a function in smartplan/cli decorated with ``@handle_errors``;
    the msgid is the docstring as ``inspect.getdoc`` gives it, which is what
    typer hands click.
    """
    found = []
    for file in sorted((PACKAGE / "cli").glob("*.py")):
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            names = {getattr(d, "id", getattr(d, "attr", "")) for d in node.decorator_list}
            doc = ast.get_docstring(node, clean=True)
            if "handle_errors" in names and doc:
                found.append((file.relative_to(ROOT).as_posix(), node.lineno, doc))
    return found


def _quietly(extract: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """Run Babel's extraction, passing on its warnings but one.

    Babel warns about every f-string among a marker's arguments, as in
    ``lazy("... %(value)s", value=f"{x:,}")``: that argument is a value, not
    a message, so the warning is noise. tests/test_i18n.py catches the real
    mistake (a marker inside an f-string).
    """
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        found = list(extract(*args, **kwargs))
    for line in captured.getvalue().splitlines():
        if "Skipping f-string" not in line:
            print(line, file=sys.stderr)
    return found


def msgids(catalog: Iterable[object]) -> set[object]:
    return {m.id for m in catalog if m.id}


def _po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False, sort_output=True)
    return buffer.getvalue()


def _mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def _write(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"wrote {path.relative_to(ROOT)}")
    return True


def _same_messages(a: Catalog, b: Catalog) -> bool:
    return msgids(a) == msgids(b) and all(
        sorted(a[m.id].locations) == sorted(m.locations) for m in b if m.id
    )


def write_template() -> Catalog:
    template = extract()
    # keep the old file (and its date) when no message changed
    if POT.exists() and _same_messages(_read(POT), template):
        return _read(POT)
    _write(POT, _po_bytes(template))
    return template


def update(template: Catalog) -> None:
    for lang in LANGUAGES:
        path = po_path(lang)
        if path.exists():
            catalog = _read(path, lang)
        else:
            catalog = Catalog(
                locale=lang, domain=DOMAIN, project="smartplan", header_comment=HEADER
            )
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        catalog.fuzzy = False
        catalog.version = "1"
        catalog.msgid_bugs_address = "https://github.com/smartplan-id/smartplan/issues"
        catalog.last_translator = "smartplan developers"
        catalog.language_team = "Indonesian"
        catalog.revision_date = catalog.creation_date
        _write(path, _po_bytes(catalog))


def compile_all() -> None:
    for lang in LANGUAGES:
        _write(mo_path(lang), _mo_bytes(_read(po_path(lang), lang)))


def check() -> list[str]:
    """What is out of date, one line each (empty when everything is current)."""
    errors = []
    source = msgids(extract())
    template = msgids(_read(POT)) if POT.exists() else set()
    for missing in sorted(source - template):
        errors.append(f"{POT.name}: msgid not extracted yet: {missing!r}")
    for gone in sorted(template - source):
        errors.append(f"{POT.name}: msgid no longer in the source: {gone!r}")
    for lang in LANGUAGES:
        catalog = _read(po_path(lang), lang)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(strings):
                errors.append(f"{lang}: not translated: {message.id!r}")
        for missing in sorted(source - msgids(catalog)):
            errors.append(f"{lang}: msgid missing from the .po: {missing!r}")
        mo = mo_path(lang)
        if not mo.exists() or mo.read_bytes() != _mo_bytes(catalog):
            errors.append(f"{mo.relative_to(ROOT)} is not compiled from its .po")
    return errors


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "all"
    if command in ("extract", "all"):
        template = write_template()
    if command in ("update", "all"):
        update(write_template() if command == "update" else template)
    if command in ("compile", "all"):
        compile_all()
    if command in ("check", "all"):
        errors = check()
        if command == "all":  # a note after an update; `check` (make lint) is the gate
            for line in errors:
                print(line, file=sys.stderr)
            return 0
        for line in errors[:50]:
            print(line, file=sys.stderr)
        if len(errors) > 50:
            print(f"... and {len(errors) - 50} more", file=sys.stderr)
        if errors:
            print("run `make messages` and translate what it lists", file=sys.stderr)
            return 1
    if command not in ("extract", "update", "compile", "check", "all"):
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
