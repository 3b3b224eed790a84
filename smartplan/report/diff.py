"""diff's reporters: ``text`` (rich), ``markdown`` (a pull-request comment) and ``json``.

Each takes a :class:`~smartplan.diff.compare.PlanDiff` and a text stream.
Markdown cells go through :func:`smartplan.text.md_cell`, the escaper the
rendered document uses, with ``>`` escaped as well (as diff always has).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from smartplan.text import inert, md_cell, md_inert, plural

if TYPE_CHECKING:
    from rich.console import Console

    from smartplan.diff.compare import ChainChange, FieldChange, PlanDiff, RankChange


def write_json(diff: PlanDiff, out: TextIO) -> None:
    """The whole comparison as JSON (keys as in ``PlanDiff.to_dict``)."""
    from smartplan.io.jsonout import write_json as dump

    dump(diff.to_dict(), out)


def write_markdown(diff: PlanDiff, out: TextIO) -> None:
    """A pull-request comment (see :func:`render_markdown`)."""
    out.write(render_markdown(diff))


def write_text(
    diff: PlanDiff, out: TextIO, *, width: int | None = None, color: bool = False
) -> None:
    """A readable summary for the terminal; ``width`` None measures it (or COLUMNS)."""
    from smartplan.report.terminal import make_console

    render_text(diff, make_console(out, color, width=width, soft_wrap=True))


# --------------------------------------------------------------------------
# Shared formatting


def _value(path: str, value: Any) -> str:
    from smartplan.diff.compare import is_amount, rupiah

    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int) and is_amount(path):
        return rupiah(value)
    if isinstance(value, str):
        import json

        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(value)


def _rank_move(change: RankChange) -> str:
    if change.old_rank is None:
        return "new"
    if change.new_rank is None:
        return "removed"
    if not change.change:
        return "renamed"
    return f"↑{change.change}" if change.change > 0 else f"↓{-change.change}"


def _rank(rank: int | None) -> str:
    return f"#{rank}" if rank is not None else "—"


def _side_summary(programs: int, errors: int, warnings: int) -> str:
    state = "valid" if not errors else plural(errors, "error")
    if warnings:
        state += ", " + plural(warnings, "warning")
    return f"{plural(programs, 'program')}, {state}"


_UNREADABLE = {"old": "the old side", "new": "the new side", "both": "both sides"}
_QUICK_WIN_HOW = {
    "changed": "",
    "renamed": " (renamed program)",
    "added": " (new program)",
    "removed": " (program removed)",
}


# --------------------------------------------------------------------------
# Text


def render_text(diff: PlanDiff, console: Console) -> None:
    """A readable summary for the terminal."""
    from rich.markup import escape as markup_escape

    def escape(text: str) -> str:  # plan text: control characters inert, no markup
        return markup_escape(inert(text).replace("\n", "\\n"))

    from rich.padding import Padding
    from rich.table import Table

    from smartplan.diff.compare import rupiah

    def line(markup: str = "") -> None:
        console.print(markup)

    def changes(items: tuple[FieldChange, ...]) -> None:
        for item in items:
            old, new = _value(item.path, item.old), _value(item.path, item.new)
            line(f"      {escape(item.path)}: {escape(old)} → {escape(new)}")

    line(
        f"[bold]smartplan diff[/] {escape(diff.plan)}: "
        f"{escape(diff.old.label)} → {escape(diff.new.label)}"
    )
    line(
        f"  old: {_side_summary(diff.old.programs, diff.old.errors, diff.old.warnings)}"
        f" · new: {_side_summary(diff.new.programs, diff.new.errors, diff.new.warnings)}"
    )
    for side in (diff.old, diff.new):
        for note in side.skipped:
            line(f"  [yellow]note[/] ({escape(side.label)}): {escape(note)}")
    if not diff.has_changes:
        line()
        line("No changes.")
        return

    if diff.added or diff.removed or diff.renamed or diff.changed or diff.unreadable:
        line()
        line("[bold]Programs[/]")
        for ref in diff.added:
            extra = " · quick win" if ref.quick_win else ""
            line(
                f"  [green]+ {escape(ref.id)}[/]  {escape(ref.name)} · {ref.pillar} · "
                f"{rupiah(ref.total_budget)}{extra}"
            )
        for ref in diff.removed:
            extra = " · quick win" if ref.quick_win else ""
            line(
                f"  [red]− {escape(ref.id)}[/]  {escape(ref.name)} · {ref.pillar} · "
                f"{rupiah(ref.total_budget)}{extra}"
            )
        for rename in diff.renamed:
            line(
                f"  [cyan]→ {escape(rename.old_id)} → {escape(rename.new_id)}[/]  "
                f"renamed (similarity {rename.similarity:.2f}), {escape(rename.new_file)}"
            )
            changes(rename.changes)
        for change in diff.changed:
            line(f"  [yellow]~ {escape(change.id)}[/]  {escape(change.name)}")
            changes(change.changes)
        for item in diff.unreadable:
            line(
                f"  [magenta]! {escape(item.id)}[/]  not compared: its file fails its schema "
                f"on {_UNREADABLE[item.side]}"
            )

    line()
    if diff.budget.changed:
        line("[bold]Budget[/]")
        for title, rows in (("pillar", diff.budget.by_pillar), ("year", diff.budget.by_year)):
            table = Table(box=None, padding=(0, 2), show_edge=False, pad_edge=False)
            table.add_column(title)
            table.add_column(escape(diff.old.label), justify="right")
            table.add_column(escape(diff.new.label), justify="right")
            table.add_column("delta", justify="right")
            for row in (*rows, diff.budget.total):
                style = "bold" if row.key == "total" else None
                table.add_row(
                    row.key,
                    rupiah(row.old),
                    rupiah(row.new),
                    rupiah(row.delta, signed=True),
                    style=style,
                )
            console.print(Padding(table, (0, 0, 0, 2), expand=False), soft_wrap=False)
            line()
    else:
        line(f"[bold]Budget[/] unchanged: {rupiah(diff.budget.total.new)} in all")
        line()
    if diff.budget.note:
        line(f"  [yellow]note[/]: {escape(diff.budget.note)}")
        line()

    if not diff.ranks.available:
        line(f"[bold]Priority ranks[/] not compared: {escape(diff.ranks.note or '')}")
    elif diff.ranks.changes:
        line("[bold]Priority ranks[/]")
        for rank in diff.ranks.changes:
            line(
                f"  {escape(rank.id)}  {_rank(rank.old_rank)} → {_rank(rank.new_rank)}"
                f"  ({_rank_move(rank)})"
            )
    else:
        line("[bold]Priority ranks[/] unchanged")

    if diff.quick_wins:
        line()
        line("[bold]Quick wins[/]")
        for qw in diff.quick_wins:
            sign = "[green]+[/]" if qw.change == "declared" else "[red]−[/]"
            line(f"  {sign} {escape(qw.id)} {qw.change}{_QUICK_WIN_HOW[qw.program]}")

    if diff.chain:
        line()
        line("[bold]Analysis, institutions and risks[/]")
        for chained in diff.chain:
            sign = _CHAIN_SIGN[chained.change]
            detail = f" ({escape(chained.detail)})" if chained.detail else ""
            line(
                f"  {sign} {chained.kind} {escape(chained.id)} {_chain_word(chained)}{detail}: "
                f"{escape(chained.text)}"
            )

    if diff.problems.new or diff.problems.fixed:
        line()
        line("[bold]Validate problems[/]")
        for word, style, items in (
            ("new", "red", diff.problems.new),
            ("fixed", "green", diff.problems.fixed),
        ):
            for problem in items:
                where = f"{problem.file}:{problem.line}" if problem.line else problem.file
                line(
                    f"  [{style}]{word}[/] {problem.severity} {problem.code} "
                    f"{escape(where)}: {escape(problem.message)}"
                )

    if diff.actuals.changed:
        from smartplan.monitor.diff import describe

        line()
        line("[bold]Actuals[/]")
        for text in describe(diff.actuals):
            line(f"  {escape(text)}")


_CHAIN_SIGN = {
    "added": "[green]+[/]",
    "removed": "[red]−[/]",
    "changed": "[yellow]~[/]",
    "answered": "[green]✓[/]",
    "unanswered": "[red]![/]",
}


def _chain_word(item: ChainChange) -> str:
    """How a chain change reads: a removed gap is closed; the rest say what happened."""
    if item.kind == "gap" and item.change == "removed":
        return "closed"
    if item.change == "unanswered":
        return "no longer answered by any program"
    if item.change == "answered":
        return "now answered"
    return item.change


# --------------------------------------------------------------------------
# Markdown


def _cell(text: str) -> str:
    """Plan text inert inside a Markdown table cell, as the rendered document's is.

    Links, images and HTML in a program's name show as typed, never live in a
    pull-request comment (``>`` is escaped too, as diff always did).
    """
    return md_cell(md_inert(text), escape_gt=True)


def _code(text: str, *, table: bool = True) -> str:
    """A code span that survives backticks in ``text`` (and pipes, in a table)."""
    text = " ".join(text.split())
    if table:
        text = text.replace("|", "\\|")
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _table(headers: list[str], align: str, rows: list[list[str]]) -> list[str]:
    marks = {"l": "---", "r": "---:", "c": ":---:"}
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(marks[a] for a in align) + "|"]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    return out


def render_markdown(diff: PlanDiff) -> str:
    """A pull-request comment: headings, tables, rupiah, signed deltas."""
    from smartplan.diff.compare import rupiah

    old, new = _cell(diff.old.label), _cell(diff.new.label)
    out: list[str] = []
    add = out.append
    title = f"### smartplan diff: {_code(diff.plan)}"
    if diff.plan_id:
        title += f" ({_cell(diff.plan_id)})"
    add(title)
    add("")
    add(f"Comparing **{old}** → **{new}**.")
    add("")
    add_rows = _table(
        ["", old, new],
        "lrr",
        [
            ["programs", str(diff.old.programs), str(diff.new.programs)],
            ["errors", str(diff.old.errors), str(diff.new.errors)],
            ["warnings", str(diff.old.warnings), str(diff.new.warnings)],
            ["budget", rupiah(diff.budget.total.old), rupiah(diff.budget.total.new)],
        ],
    )
    out += add_rows
    for side in (diff.old, diff.new):
        for note in side.skipped:
            add("")
            add(f"> **Note** ({_cell(side.label)}): {_cell(note)}")
    if not diff.has_changes:
        add("")
        add("No changes.")
        return "\n".join(out) + "\n"

    def field_list(items: tuple[FieldChange, ...]) -> None:
        for item in items:
            add(
                f"  - {_code(item.path, table=False)}: "
                f"{_code(_value(item.path, item.old), table=False)} → "
                f"{_code(_value(item.path, item.new), table=False)}"
            )

    if diff.added or diff.removed or diff.renamed or diff.changed or diff.unreadable:
        add("")
        add("#### Programs")
        for word, refs in (("Added", diff.added), ("Removed", diff.removed)):
            if not refs:
                continue
            add("")
            add(f"**{word} ({len(refs)})**")
            add("")
            out += _table(
                ["program", "name", "pillar", "budget", "quick win"],
                "lllrc",
                [
                    [
                        _code(ref.id),
                        _cell(ref.name),
                        ref.pillar,
                        rupiah(ref.total_budget),
                        "yes" if ref.quick_win else "",
                    ]
                    for ref in refs
                ],
            )
        if diff.renamed:
            add("")
            add(f"**Renamed ({len(diff.renamed)})**")
            add("")
            out += _table(
                ["old id", "new id", "name", "similarity"],
                "lllr",
                [
                    [_code(r.old_id), _code(r.new_id), _cell(r.name), f"{r.similarity:.2f}"]
                    for r in diff.renamed
                ],
            )
        edited = [r for r in diff.renamed if r.changes]
        if diff.changed or edited:
            add("")
            add(f"**Changed ({len(diff.changed) + len(edited)})**")
            add("")
            for rename in edited:
                add(f"- {_code(rename.new_id)} (was {_code(rename.old_id)}): {_cell(rename.name)}")
                field_list(rename.changes)
            for change in diff.changed:
                add(f"- {_code(change.id)}: {_cell(change.name)}")
                field_list(change.changes)
        if diff.unreadable:
            add("")
            add(f"**Not compared ({len(diff.unreadable)})**: the file fails its schema")
            add("")
            for item in diff.unreadable:
                add(f"- {_code(item.id)} on {_UNREADABLE[item.side]}")

    add("")
    add("#### Budget")
    add("")
    if diff.budget.changed:
        for title_, rows in (("pillar", diff.budget.by_pillar), ("year", diff.budget.by_year)):
            body = [
                [row.key, rupiah(row.old), rupiah(row.new), rupiah(row.delta, signed=True)]
                for row in rows
            ]
            total = diff.budget.total
            body.append(
                [
                    "**total**",
                    f"**{rupiah(total.old)}**",
                    f"**{rupiah(total.new)}**",
                    f"**{rupiah(total.delta, signed=True)}**",
                ]
            )
            out += _table([title_, old, new, "delta"], "lrrr", body)
            add("")
    else:
        add(f"Unchanged: {rupiah(diff.budget.total.new)} in all.")
        add("")
    if diff.budget.note:
        add(f"> **Note**: {_cell(diff.budget.note)}")
        add("")

    add("#### Priority ranks")
    add("")
    if not diff.ranks.available:
        add(f"Not compared: {_cell(diff.ranks.note or '')}.")
    elif diff.ranks.changes:
        out += _table(
            ["program", old, new, "change"],
            "lrrc",
            [
                [
                    _code(rank.id),
                    _rank(rank.old_rank),
                    _rank(rank.new_rank),
                    _rank_move(rank),
                ]
                for rank in diff.ranks.changes
            ],
        )
    else:
        add("Unchanged.")

    if diff.quick_wins:
        add("")
        add("#### Quick wins")
        add("")
        for qw in diff.quick_wins:
            sign = "+" if qw.change == "declared" else "−"
            add(f"- {sign} {_code(qw.id)} {qw.change}{_QUICK_WIN_HOW[qw.program]}")

    if diff.chain:
        add("")
        add("#### Analysis, institutions and risks")
        add("")
        out += _table(
            ["kind", "id", "change", "text"],
            "llll",
            [
                [
                    item.kind,
                    _code(item.id),
                    _chain_word(item) + (f" ({_cell(item.detail)})" if item.detail else ""),
                    _cell(item.text),
                ]
                for item in diff.chain
            ],
        )

    if diff.problems.new or diff.problems.fixed:
        add("")
        add("#### Validate problems")
        for word, items in (("New", diff.problems.new), ("Fixed", diff.problems.fixed)):
            if not items:
                continue
            add("")
            add(f"**{word} ({len(items)})**")
            add("")
            out += _table(
                ["severity", "code", "file", "line", "message"],
                "lllrl",
                [
                    [
                        p.severity,
                        p.code,
                        _code(p.file),
                        str(p.line) if p.line else "",
                        _cell(p.message),
                    ]
                    for p in items
                ],
            )
    if diff.actuals.changed:
        from smartplan.monitor.diff import describe

        add("")
        add("#### Actuals")
        add("")
        out += [f"- {_cell(text)}" for text in describe(diff.actuals)]
    return "\n".join(out) + "\n"
