"""diff's reporters: ``text`` (rich), ``markdown`` (a pull-request comment) and ``json``.

Each takes a :class:`~smartplan.diff.compare.PlanDiff` and a text stream.
Markdown cells go through :func:`smartplan.text.md_cell`, the escaper the
rendered document uses, with ``>`` escaped as well (as diff always has).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from smartplan.i18n import N_, _, localize, ngettext
from smartplan.text import inert, md_cell, md_inert

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
        return _("(none)")
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
        return _("new")
    if change.new_rank is None:
        return _("removed")
    if not change.change:
        return _("renamed")
    return f"↑{change.change}" if change.change > 0 else f"↓{-change.change}"


def _rank(rank: int | None) -> str:
    return f"#{rank}" if rank is not None else "—"


def _side_summary(programs: int, errors: int, warnings: int) -> str:
    state = (
        _("valid")
        if not errors
        else ngettext("%(n)d error", "%(n)d errors", errors) % {"n": errors}
    )
    if warnings:
        state += ", " + ngettext("%(n)d warning", "%(n)d warnings", warnings) % {"n": warnings}
    return ngettext("%(n)d program", "%(n)d programs", programs) % {"n": programs} + ", " + state


_UNREADABLE = {"old": N_("the old side"), "new": N_("the new side"), "both": N_("both sides")}
_QUICK_WIN_HOW = {
    "changed": "",
    "renamed": N_("renamed program"),
    "added": N_("new program"),
    "removed": N_("program removed"),
}
#: how a quick win changed (the JSON keeps the English word)
_QUICK_WIN_CHANGE = {"declared": N_("declared"), "withdrawn": N_("withdrawn")}
#: what happened to an item of the analysis chain
_CHAIN_CHANGE = {"added": N_("added"), "removed": N_("removed"), "changed": N_("changed")}


def _quick_win(change: str, program: str) -> str:
    """``declared (new program)``: how a quick win changed, in the active language."""
    word = _(_QUICK_WIN_CHANGE[change]) if change in _QUICK_WIN_CHANGE else change
    how = _QUICK_WIN_HOW.get(program, "")
    return word + (f" ({_(how)})" if how else "")


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
    old_side = _side_summary(diff.old.programs, diff.old.errors, diff.old.warnings)
    new_side = _side_summary(diff.new.programs, diff.new.errors, diff.new.warnings)
    line("  " + _("old: %(old)s · new: %(new)s") % {"old": old_side, "new": new_side})
    note_label = _("note")
    for side in (diff.old, diff.new):
        for note in side.skipped:
            text = escape(localize(note) or "")
            line(f"  [yellow]{note_label}[/] ({escape(side.label)}): {text}")
    if not diff.has_changes:
        line()
        line(_("No changes."))
        return

    quick_win = " · " + _("quick win")
    if diff.added or diff.removed or diff.renamed or diff.changed or diff.unreadable:
        line()
        line("[bold]" + _("Programs") + "[/]")
        for ref in diff.added:
            extra = quick_win if ref.quick_win else ""
            line(
                f"  [green]+ {escape(ref.id)}[/]  {escape(ref.name)} · {ref.pillar} · "
                f"{rupiah(ref.total_budget)}{extra}"
            )
        for ref in diff.removed:
            extra = quick_win if ref.quick_win else ""
            line(
                f"  [red]− {escape(ref.id)}[/]  {escape(ref.name)} · {ref.pillar} · "
                f"{rupiah(ref.total_budget)}{extra}"
            )
        for rename in diff.renamed:
            line(
                f"  [cyan]→ {escape(rename.old_id)} → {escape(rename.new_id)}[/]  "
                + _("renamed (similarity %(similarity)s), %(file)s")
                % {"similarity": f"{rename.similarity:.2f}", "file": escape(rename.new_file)}
            )
            changes(rename.changes)
        for change in diff.changed:
            line(f"  [yellow]~ {escape(change.id)}[/]  {escape(change.name)}")
            changes(change.changes)
        for item in diff.unreadable:
            line(
                f"  [magenta]! {escape(item.id)}[/]  "
                + _("not compared: its file fails its schema on %(side)s")
                % {"side": _(_UNREADABLE[item.side])}
            )

    line()
    if diff.budget.changed:
        line("[bold]" + _("Budget") + "[/]")
        for title, rows in ((_("pillar"), diff.budget.by_pillar), (_("year"), diff.budget.by_year)):
            table = Table(box=None, padding=(0, 2), show_edge=False, pad_edge=False)
            table.add_column(title)
            table.add_column(escape(diff.old.label), justify="right")
            table.add_column(escape(diff.new.label), justify="right")
            table.add_column(_("delta"), justify="right")
            for row in (*rows, diff.budget.total):
                style = "bold" if row.key == "total" else None
                table.add_row(
                    _("total") if row.key == "total" else row.key,
                    rupiah(row.old),
                    rupiah(row.new),
                    rupiah(row.delta, signed=True),
                    style=style,
                )
            console.print(Padding(table, (0, 0, 0, 2), expand=False), soft_wrap=False)
            line()
    else:
        line(
            "[bold]"
            + _("Budget")
            + "[/] "
            + _("unchanged: %(total)s in all") % {"total": rupiah(diff.budget.total.new)}
        )
        line()
    if diff.budget.note:
        line(f"  [yellow]{note_label}[/]: {escape(localize(diff.budget.note) or '')}")
        line()

    ranks = "[bold]" + _("Priority ranks") + "[/]"
    if not diff.ranks.available:
        note = escape(localize(diff.ranks.note) or "")
        line(ranks + " " + _("not compared: %(why)s") % {"why": note})
    elif diff.ranks.changes:
        line(ranks)
        for rank in diff.ranks.changes:
            line(
                f"  {escape(rank.id)}  {_rank(rank.old_rank)} → {_rank(rank.new_rank)}"
                f"  ({_rank_move(rank)})"
            )
    else:
        line(ranks + " " + _("unchanged"))

    if diff.quick_wins:
        line()
        line("[bold]" + _("Quick wins") + "[/]")
        for qw in diff.quick_wins:
            sign = "[green]+[/]" if qw.change == "declared" else "[red]−[/]"
            line(f"  {sign} {escape(qw.id)} {_quick_win(qw.change, qw.program)}")

    if diff.chain:
        line()
        line("[bold]" + _("Analysis, institutions and risks") + "[/]")
        for chained in diff.chain:
            sign = _CHAIN_SIGN[chained.change]
            detail = f" ({escape(chained.detail)})" if chained.detail else ""
            line(
                f"  {sign} {chained.kind} {escape(chained.id)} {_chain_word(chained)}{detail}: "
                f"{escape(chained.text)}"
            )

    if diff.problems.new or diff.problems.fixed:
        line()
        line("[bold]" + _("Validate problems") + "[/]")
        for word, style, items in (
            (_("new"), "red", diff.problems.new),
            (_("fixed"), "green", diff.problems.fixed),
        ):
            for problem in items:
                where = f"{problem.file}:{problem.line}" if problem.line else problem.file
                line(
                    f"  [{style}]{word}[/] {_severity(problem.severity)} {problem.code} "
                    f"{escape(where)}: {escape(localize(problem.message) or '')}"
                )

    if diff.actuals.changed:
        from smartplan.monitor.diff import describe

        line()
        line("[bold]" + _("Actuals") + "[/]")
        for text in describe(diff.actuals):
            line(f"  {escape(localize(text) or '')}")


def _severity(level: object) -> str:
    """A problem's severity word in the active language (``error`` → ``kesalahan``)."""
    from smartplan.report.validate import LEVELS

    word = str(getattr(level, "value", level))
    known = {str(k.value): v for k, v in LEVELS.items()}
    return _(known[word]) if word in known else word


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
        return _("closed")
    if item.change == "unanswered":
        return _("no longer answered by any program")
    if item.change == "answered":
        return _("now answered")
    word = _CHAIN_CHANGE.get(item.change)
    return _(word) if word else item.change


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
    add(_("Comparing **%(old)s** → **%(new)s**.") % {"old": old, "new": new})
    add("")
    add_rows = _table(
        ["", old, new],
        "lrr",
        [
            [_("programs"), str(diff.old.programs), str(diff.new.programs)],
            [_("errors"), str(diff.old.errors), str(diff.new.errors)],
            [_("warnings"), str(diff.old.warnings), str(diff.new.warnings)],
            [_("budget"), rupiah(diff.budget.total.old), rupiah(diff.budget.total.new)],
        ],
    )
    out += add_rows
    note_word = "> **" + _("Note") + "**"
    for side in (diff.old, diff.new):
        for note in side.skipped:
            add("")
            add(f"{note_word} ({_cell(side.label)}): {_cell(localize(note) or '')}")
    if not diff.has_changes:
        add("")
        add(_("No changes."))
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
        add("#### " + _("Programs"))
        for word, refs in ((_("Added"), diff.added), (_("Removed"), diff.removed)):
            if not refs:
                continue
            add("")
            add(f"**{word} ({len(refs)})**")
            add("")
            out += _table(
                [_("program"), _("name"), _("pillar"), _("budget"), _("quick win")],
                "lllrc",
                [
                    [
                        _code(ref.id),
                        _cell(ref.name),
                        ref.pillar,
                        rupiah(ref.total_budget),
                        _("yes") if ref.quick_win else "",
                    ]
                    for ref in refs
                ],
            )
        if diff.renamed:
            add("")
            add("**" + _("Renamed (%(n)d)") % {"n": len(diff.renamed)} + "**")
            add("")
            out += _table(
                [_("old id"), _("new id"), _("name"), _("similarity")],
                "lllr",
                [
                    [_code(r.old_id), _code(r.new_id), _cell(r.name), f"{r.similarity:.2f}"]
                    for r in diff.renamed
                ],
            )
        edited = [r for r in diff.renamed if r.changes]
        if diff.changed or edited:
            add("")
            add("**" + _("Changed (%(n)d)") % {"n": len(diff.changed) + len(edited)} + "**")
            add("")
            for rename in edited:
                was = _("was %(id)s") % {"id": _code(rename.old_id)}
                add(f"- {_code(rename.new_id)} ({was}): {_cell(rename.name)}")
                field_list(rename.changes)
            for change in diff.changed:
                add(f"- {_code(change.id)}: {_cell(change.name)}")
                field_list(change.changes)
        if diff.unreadable:
            add("")
            add(
                "**"
                + _("Not compared (%(n)d)") % {"n": len(diff.unreadable)}
                + "**: "
                + _("the file fails its schema")
            )
            add("")
            for item in diff.unreadable:
                add(f"- {_code(item.id)} " + _("on %(side)s") % {"side": _(_UNREADABLE[item.side])})

    add("")
    add("#### " + _("Budget"))
    add("")
    if diff.budget.changed:
        for title_, rows in (
            (_("pillar"), diff.budget.by_pillar),
            (_("year"), diff.budget.by_year),
        ):
            body = [
                [row.key, rupiah(row.old), rupiah(row.new), rupiah(row.delta, signed=True)]
                for row in rows
            ]
            total = diff.budget.total
            body.append(
                [
                    "**" + _("total") + "**",
                    f"**{rupiah(total.old)}**",
                    f"**{rupiah(total.new)}**",
                    f"**{rupiah(total.delta, signed=True)}**",
                ]
            )
            out += _table([title_, old, new, _("delta")], "lrrr", body)
            add("")
    else:
        add(_("Unchanged: %(total)s in all.") % {"total": rupiah(diff.budget.total.new)})
        add("")
    if diff.budget.note:
        add(f"{note_word}: {_cell(localize(diff.budget.note) or '')}")
        add("")

    add("#### " + _("Priority ranks"))
    add("")
    if not diff.ranks.available:
        add(_("Not compared: %(why)s.") % {"why": _cell(localize(diff.ranks.note) or "")})
    elif diff.ranks.changes:
        out += _table(
            [_("program"), old, new, _("change")],
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
        add(_("Unchanged."))

    if diff.quick_wins:
        add("")
        add("#### " + _("Quick wins"))
        add("")
        for qw in diff.quick_wins:
            sign = "+" if qw.change == "declared" else "−"
            add(f"- {sign} {_code(qw.id)} {_quick_win(qw.change, qw.program)}")

    if diff.chain:
        add("")
        add("#### " + _("Analysis, institutions and risks"))
        add("")
        out += _table(
            [_("kind"), "id", _("change"), _("text")],
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
        add("#### " + _("Validate problems"))
        for word, items in ((_("New"), diff.problems.new), (_("Fixed"), diff.problems.fixed)):
            if not items:
                continue
            add("")
            add(f"**{word} ({len(items)})**")
            add("")
            out += _table(
                [_("severity"), _("code"), _("file"), _("line"), _("message")],
                "lllrl",
                [
                    [
                        _severity(p.severity),
                        p.code,
                        _code(p.file),
                        str(p.line) if p.line else "",
                        _cell(localize(p.message) or ""),
                    ]
                    for p in items
                ],
            )
    if diff.actuals.changed:
        from smartplan.monitor.diff import describe

        add("")
        add("#### " + _("Actuals"))
        add("")
        out += [f"- {_cell(localize(text) or '')}" for text in describe(diff.actuals)]
    return "\n".join(out) + "\n"
