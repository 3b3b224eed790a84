"""Rules the loader reports: files that cannot be read, YAML that cannot be parsed."""

from __future__ import annotations

from smartplan.check.rules.registry import declare
from smartplan.problem import Severity

declare(
    "F001",
    "file.unreadable",
    """
    A plan file is missing, unreadable, not a regular file, or a link leaving the plan.

    Every plan needs plan.yaml, agencies.yaml and readiness.yaml; each must be
    a regular file inside the plan directory (a symbolic link may not point
    outside it).

    Failing: a plan directory without agencies.yaml.

    Passing: agencies.yaml exists and can be read.
    """,
)
declare(
    "F002",
    "file.too-large",
    """
    A plan file is larger than 5 MiB.

    Plan files are a few kilobytes; a huge file is a mistake (a pasted
    export) or an attack. It is refused before parsing.

    Failing: a program file of 6 MB.

    Passing: one program per file, a few kB each.
    """,
)
declare(
    "F003",
    "file.encoding",
    """
    A plan file is not UTF-8 text.

    smartplan reads UTF-8 (a byte-order mark is allowed). UTF-16 files, NUL
    bytes and Windows-1252 text pasted from Word or Excel are refused at the
    first bad byte.

    Failing: a file saved as UTF-16 or containing the byte 0xE9 for "é".

    Passing: the same file saved as UTF-8.
    """,
)
declare(
    "F004",
    "file.modeline",
    """
    A file's editor modeline points at a JSON Schema that does not exist.

    `# yaml-language-server: $schema=PATH` on the first line gives VS Code
    and other editors completion, hover help and checks, offline. When the
    path leads nowhere (a plan copied out of its repository, a schema folder
    deleted) the editor silently stops helping. The problem is reported once
    per missing schema, at the first file naming it; the hint gives the
    command that writes the schemas into the plan and the modeline to use.

    Failing: `# yaml-language-server: $schema=../../schemas/plan.schema.json`
    in a plan whose repository has no schemas/ folder there.

    Passing: `# yaml-language-server: $schema=.smartplan/schemas/plan.schema.json`
    after `smartplan schema --plan .`.
    """,
    severity=Severity.WARNING,
)
declare(
    "Y001",
    "yaml.syntax",
    """
    The file is not valid YAML.

    Tabs used for indentation, unclosed quotes or brackets, bad indentation
    and leftover git merge-conflict markers all end here, at the line where
    the parser stopped.

    Failing:

        name:
        \tid: Pasar Digital     # a tab (shown as \\t) indents this line

    Passing:

        name:
          id: Pasar Digital
    """,
)
declare(
    "Y002",
    "yaml.duplicate-key",
    """
    A mapping holds the same key twice.

    YAML keeps only one of the values silently in most tools; smartplan
    reports the second one. Merge keys (<<) are not duplicates.

    Failing:

        lead_agency: diskominfo
        lead_agency: bappeda

    Passing:

        lead_agency: diskominfo
    """,
)
declare(
    "Y003",
    "yaml.alias-limit",
    """
    A document expands to too many values through aliases (a "billion laughs" bomb).

    Aliases (*name) are expanded when the file is read; a document that
    would grow beyond 200,000 values is refused quickly instead.

    Failing:

        a: &a [x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
        # ... and so on

    Passing:

        partners: &mitra [{role: akademisi, name: Politeknik Sampit}]
    """,
)
declare(
    "Y004",
    "yaml.tag",
    """
    The file uses a YAML tag or key that plan files do not support.

    Plan files hold plain values. Tags such as !!python/object or custom
    !tags, complex keys and malformed merge keys are refused; smartplan never
    constructs objects from tags.

    Failing:

        name: !!python/object/apply:os.system [ls]

    Passing:

        name: Pasar Digital
    """,
)
declare(
    "Y005",
    "yaml.nesting",
    """
    The document nests deeper than 64 levels (or refers to itself).

    Real plan files nest fewer than ten levels; deeper nesting is refused
    before it can exhaust the stack.

    Failing:

        a: &a [*a]

    Passing:

        a: [1, 2]
    """,
)
declare(
    "Y006",
    "yaml.document",
    """
    The file is empty, holds several documents, or is not a mapping at the top.

    Every plan file is one YAML document: a mapping that starts with kind.

    Failing:

        - kind: program     # a list, not a mapping

    Passing:

        kind: program
    """,
)
