"""The Jinja2 environment: where templates come from and how they may behave.

* Templates are looked up in the user's folder first (``--templates DIR``),
  then in the packaged ``templates/`` folder, so a region overrides any single
  template, e.g. ``html/readiness.html.j2``, by giving a file of that name.
* Every template runs in Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment`:
  a template from a region's folder is code we did not write, and the sandbox
  refuses access to Python internals (``''.__class__.__mro__``).
* The sandbox also bounds the operators that can build a huge value in one
  step (``"x" * 10**9``, ``9 ** 9 ** 9``), and a template that still runs out
  of memory ends as one clear error, not a crash.
* The templates of a render run under a time limit and a memory limit
  (:mod:`smartplan.render.limits`): the deadline is checked in the sandbox's
  hooks, in every ``{% for %}`` loop and in ``range`` and ``lipsum``; texts
  built by ``~``, ``+``, calls and filters are bounded in length.
* A stricter :class:`~jinja2.StrictUndefined` makes a misspelt variable an
  error instead of an empty string, also inside a list (``{{ [doc.titel] }}``)
  or a filter's result (``map(attribute='nosuch')``).
* HTML templates (``*.html.j2``) are autoescaped. Markdown has no autoescape
  of its own, so :func:`markdown_context` does its job: the Markdown templates
  receive every text of the context already made inert (no raw HTML, no link
  or image, no code span can come from plan text); they add the ``mdcell``
  filter inside tables.
"""

from __future__ import annotations

import functools
import os
import re
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from smartplan.errors import RenderError
from smartplan.i18n import lazy
from smartplan.render.formatting import MILLION, Formatter, apportion
from smartplan.render.limits import MAX_TEXT, Deadline, TimeLimitExceeded
from smartplan.text import inert, md_cell, md_inert

__all__ = [
    "MarkdownSource",
    "make_environment",
    "markdown_context",
    "stream_template",
]


def _autoescape(name: str | None) -> bool:
    return name is not None and (name.endswith(".html.j2") or name.endswith(".html"))


def _mdtext(value: Any) -> str:
    """Keep text from starting Markdown structures it did not mean (HTML tags)."""
    text = "" if value is None else str(value)
    return text.replace("<", "&lt;")


class MarkdownSource(str):
    """Text already written as Markdown source (the Mermaid roadmap): left as it is."""

    __slots__ = ()


def markdown_context(context: dict[str, Any]) -> dict[str, Any]:
    """A copy of the template context with every text made inert for Markdown.

    Dict keys, numbers, callables (the catalog ``t``), :class:`Markup` (SVG,
    for HTML only) and :class:`MarkdownSource` stay as they are. Objects shared
    between chapters stay shared in the copy.
    """
    memo: dict[int, Any] = {}

    def convert(value: Any) -> Any:
        if isinstance(value, (Markup, MarkdownSource)):
            return value
        if isinstance(value, str):
            return md_inert(value)
        if not isinstance(value, (dict, list, tuple)):
            return value
        done = memo.get(id(value))
        if done is not None:
            return done
        if isinstance(value, dict):
            out: Any = {}
            memo[id(value)] = out
            for key, item in value.items():
                out[key] = convert(item)
            return out
        items = [convert(item) for item in value]
        out = items if isinstance(value, list) else tuple(items)
        memo[id(value)] = out
        return out

    converted: dict[str, Any] = convert(context)
    return converted


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _paragraphs(value: Any) -> list[str]:
    """Split a text at blank lines into paragraphs, each on one line."""
    text = "" if value is None else str(value)
    return [" ".join(part.split()) for part in _PARAGRAPH_BREAK.split(text) if part.strip()]


def _css_string(value: Any) -> str:
    """A quoted CSS string that cannot end the string or the ``<style>`` element."""
    out = []
    for ch in "" if value is None else str(value):
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(value: Any) -> str:
    return _SLUG.sub("-", str(value).lower()).strip("-")


class _FolderLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads nothing outside its folder, not even through a link.

    Jinja already refuses names with ``..``; a symbolic link in a region's
    template folder (git keeps them) could still point at any file on the
    machine and have it included in the published document.
    """

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), encoding="utf-8")
        self._root = os.path.realpath(folder)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        real = os.path.realpath(filename)
        if not Path(real).is_relative_to(self._root):
            raise SecurityError(
                lazy(
                    "template %(template)r is a link to %(real)s, outside the template folder",
                    template=template,
                    real=real,
                )
            )
        return source, filename, uptodate


#: Most items a template may build with one ``*`` (text characters, list items);
#: a whole master plan of 50,000 programs is a few hundred million characters.
MAX_REPEAT = 10_000_000
#: Most bits the result of one ``**`` on whole numbers may have.
MAX_POWER_BITS = 4096


#: Most numbers one ``range`` may give (Jinja's own limit raised an
#: OverflowError; this one is refused by the sandbox like any other).
MAX_RANGE = 1_000_000
#: Most paragraphs, and most words in one, ``lipsum`` may make.
MAX_LIPSUM_PARAGRAPHS = 100
MAX_LIPSUM_WORDS = 1000


class _StrictUndefined(jinja2.StrictUndefined):
    """StrictUndefined that also fails when shown through ``repr``.

    A list or mapping is printed with the ``repr`` of its items, and Jinja's
    StrictUndefined has a harmless one: ``{{ [doc.titel] }}`` printed
    ``[Undefined]``. Here it fails like ``{{ doc.titel }}``.
    """

    __slots__ = ()
    __repr__ = jinja2.StrictUndefined._fail_with_undefined_error


class LimitExceeded(SecurityError):
    """A template built a value, or asked for work, beyond the limits of a render."""


def _refuse_long(value: Any, what: str) -> Any:
    """``value``, unless it is a text or list longer than MAX_TEXT."""
    if isinstance(value, str | list | tuple) and len(value) > MAX_TEXT:
        unit = "characters" if isinstance(value, str) else "items"
        raise LimitExceeded(
            lazy(
                "%(what)s of %(n_value)s %(unit)s exceeds the limit of %(max_text)s a template may "
                "build",
                what=what,
                n_value=f"{len(value):,}",
                unit=unit,
                max_text=f"{MAX_TEXT:,}",
            )
        )
    return value


class _CodeGenerator(CodeGenerator):
    """Jinja's code generator; a ``~`` join goes through the environment, to be measured."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.joined(")
        super().visit_Concat(node, frame)
        self.write(")")


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, with ``*``, ``**``, ``+`` and ``~`` bounded and a deadline."""

    intercepted_binops = frozenset({"*", "**", "+"})
    code_generator_class = _CodeGenerator

    #: The moment the render must be done by; make_environment sets it.
    deadline: Deadline = Deadline(None)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """Parse a template and route every ``{% for %}`` loop through the deadline.

        A loop whose body calls nothing (``{% for i in x %}{% for j in x %}``)
        would never reach a hook; its items are counted instead.
        """
        tree = super()._parse(source, name, filename)
        for loop in list(tree.find_all(nodes.For)):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("timed_items", lineno=loop.lineno),
                [loop.iter],
                [],
                None,
                None,
                lineno=loop.lineno,
            )
        return tree

    def timed_items(self, items: Iterable[Any]) -> Iterator[Any]:
        """The items of a template loop, checking the deadline as they go."""
        return self.deadline.iterate(items)

    def joined(self, value: Any) -> Any:
        """The result of a ``~`` join, refused when too long."""
        self.deadline.check()
        return _refuse_long(value, "a joined text")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.deadline.check()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.deadline.check()
        return super().getitem(obj, argument)

    def call(
        __self,  # Jinja's signature: a keyword argument may be called "self"
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        __self.deadline.check()
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        return _refuse_long(result, "the result of a call")

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        self.deadline.check()
        if operator == "+":
            return _refuse_long(super().call_binop(context, operator, left, right), "a sum")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | list | tuple)
                    and isinstance(times, int)
                    and len(seq) * times > MAX_REPEAT
                ):
                    raise LimitExceeded(
                        lazy(
                            "repeating a value of length %(n_seq)s %(times)s times exceeds the "
                            "limit of %(max_repeat)s items",
                            n_seq=f"{len(seq):,}",
                            times=f"{times:,}",
                            max_repeat=f"{MAX_REPEAT:,}",
                        )
                    )
        elif (
            isinstance(left, int)
            and isinstance(right, int)
            and right > 0
            and abs(left) > 1
            and right * abs(left).bit_length() > MAX_POWER_BITS
        ):
            raise LimitExceeded(
                lazy(
                    "%(left)s ** %(right)s is a number too large for a document",
                    left=left,
                    right=right,
                )
            )
        return super().call_binop(context, operator, left, right)


def _bounded_filter(env: _Sandbox, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` checking the deadline before, and the length of its result after."""

    @functools.wraps(function)  # keeps jinja_pass_arg (pass_context and the like)
    def bounded(*args: Any, **kwargs: Any) -> Any:
        env.deadline.check()
        return _refuse_long(function(*args, **kwargs), f"the result of the {name!r} filter")

    return bounded


def _globals(env: _Sandbox) -> dict[str, Any]:
    """``range`` and ``lipsum`` bounded in size and watching the deadline."""

    def bounded_range(*args: int) -> range:
        env.deadline.check()
        numbers = range(*args)
        try:
            count = len(numbers)
        except OverflowError:  # beyond sys.maxsize items
            count = MAX_RANGE + 1
        if count > MAX_RANGE:
            raise LimitExceeded(
                lazy(
                    "range(%(value)s) exceeds the limit of %(max_range)s numbers",
                    value=", ".join(map(str, args)),
                    max_range=f"{MAX_RANGE:,}",
                )
            )
        return numbers

    # Jinja's parameter names, so lipsum(2, max=10) keeps working
    def bounded_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
        env.deadline.check()
        if not (0 <= n <= MAX_LIPSUM_PARAGRAPHS and 0 <= min <= max <= MAX_LIPSUM_WORDS):
            raise LimitExceeded(
                lazy(
                    "lipsum(%(n)s, min=%(min)s, max=%(max)s) exceeds the limit of "
                    "%(max_lipsum_paragraphs)s paragraphs of %(max_lipsum_words)s words",
                    n=n,
                    min=min,
                    max=max,
                    max_lipsum_paragraphs=MAX_LIPSUM_PARAGRAPHS,
                    max_lipsum_words=MAX_LIPSUM_WORDS,
                )
            )
        return generate_lorem_ipsum(n, html, min, max)

    return {"range": bounded_range, "lipsum": bounded_lipsum}


def _finalize(value: Any) -> Any:
    """Every printed value: control characters in plan text shown, not written raw.

    A document is read in browsers (where C0 and C1 controls are forbidden code
    points), in editors and with ``cat`` in a terminal (where ESC obeys).
    """
    if isinstance(value, str) and value:
        cleaned = inert(value)
        if cleaned is not value:
            return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def _money_parts(formatter: Formatter) -> Callable[..., dict[str, Any]]:
    """The ``money_parts`` filter: a table's amounts in millions that add up to its total.

    ``amounts|money_parts(digits)`` gives ``{"parts": [...], "total": ...}``,
    texts in the table unit (juta rupiah) by largest-remainder rounding, so
    the shown parts sum to the shown total, rounded half up once.
    """

    def money_parts(amounts: Any, digits: int = 0) -> dict[str, Any]:
        parts, total = apportion([int(a) for a in amounts], MILLION, digits)
        return {
            "parts": [formatter.million(p, digits) for p in parts],
            "total": formatter.million(total, digits),
        }

    return money_parts


def make_environment(
    formatter: Formatter, template_dirs: list[Path], deadline: Deadline | None = None
) -> SandboxedEnvironment:
    """A sandboxed environment searching ``template_dirs`` in order.

    ``deadline`` is when its templates must be done (default: never).
    """
    loader = jinja2.ChoiceLoader([_FolderLoader(folder) for folder in template_dirs])
    env = _Sandbox(
        loader=loader,
        autoescape=_autoescape,
        undefined=_StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=400,  # each partial is included many times; compile it once
        finalize=_finalize,
    )
    filters: dict[str, Callable[..., Any]] = {
        "rupiah": formatter.rupiah,
        "rupiah_compact": formatter.rupiah_compact,
        "million": formatter.million,
        "money_parts": _money_parts(formatter),
        "num": formatter.number,
        "pct": formatter.percent,
        "dec": formatter.decimal,
        "date": formatter.date,
        "mdcell": md_cell,
        "mdtext": _mdtext,
        "slug": _slug,
        "paragraphs": _paragraphs,
        "css_string": _css_string,
    }
    env.filters.update(filters)
    env.filters = {name: _bounded_filter(env, name, f) for name, f in env.filters.items()}
    env.globals.update(_globals(env))
    if deadline is not None:
        env.deadline = deadline
    return env


def _template_position(exc: BaseException) -> str:
    """``name:line`` of the innermost template frame of a traceback, if any."""
    position = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            position = f"{frame.filename}:{frame.lineno}"
    return position


def stream_template(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> Iterator[str]:
    """Render template ``name`` piece by piece, turning every failure into a RenderError.

    The document is never held whole: a master plan of tens of thousands of
    programs is hundreds of megabytes of text. A failure half-way raises from
    the iteration, after some pieces were already yielded; the caller decides
    what becomes of them (the writer throws them away).
    """
    try:
        template = env.get_template(name)
        yield from template.generate(context)
    except RenderError as exc:
        # raised by our own code a template called (a label, a filter): say where
        where = _template_position(exc)
        if where and not exc.message.startswith(where):
            raise RenderError(
                lazy("%(where)s: %(message)s", where=where, message=exc.message), hint=exc.hint
            ) from None
        raise
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise RenderError(
            lazy(
                "%(where)s:%(lineno)s: template syntax error: %(message)s",
                where=where,
                lineno=exc.lineno,
                message=exc.message,
            )
        ) from None
    except jinja2.TemplateNotFound as exc:
        # included from a template: say which one, and where
        where = _template_position(exc)
        raise RenderError(
            lazy(
                "%(value)stemplate %(name)r not found",
                value=where + ": " if where else "",
                name=exc.name,
            ),
            hint=lazy(
                "templates are read only from the template folders (--templates, then the packaged "
                "ones), by names without '..'"
            ),
        ) from None
    except SecurityError as exc:
        where = _template_position(exc) or name
        raise RenderError(
            lazy("%(where)s: template refused by the sandbox: %(exc)s", where=where, exc=exc),
            hint=lazy("a template may build values and run loops of a document's size, no larger")
            if isinstance(exc, LimitExceeded)
            else lazy(
                "templates may read the document data, not Python internals nor files outside the "
                "template folders"
            ),
        ) from None
    except jinja2.UndefinedError as exc:
        where = _template_position(exc) or name
        raise RenderError(
            lazy(
                "%(where)s: undefined value in template: %(message)s",
                where=where,
                message=exc.message,
            ),
            hint=lazy("check the spelling against the variables listed in templates/README.md"),
        ) from None
    except jinja2.TemplateError as exc:
        where = _template_position(exc) or name
        raise RenderError(
            lazy("%(where)s: template error: %(exc)s", where=where, exc=exc)
        ) from None
    except TimeLimitExceeded as exc:
        where = _template_position(exc) or name
        raise RenderError(
            lazy("%(where)s: %(exc)s", where=where, exc=exc),
            hint=lazy(
                "a template loops too long (nested loops, a huge range); if the plan is simply "
                "large, raise the limit (SMARTPLAN_TIME_LIMIT=seconds, 0 for none)"
            ),
        ) from None
    except RecursionError:
        raise RenderError(lazy("%(name)s: template recursion too deep", name=name)) from None
    except MemoryError as exc:
        where = _template_position(exc)
        raise RenderError(
            lazy("%(value)s: the template ran out of memory", value=where or name),
            hint=lazy(
                "a template built a huge value (a very wide format, a long repetition); check the "
                "templates changed last; if the plan is simply large, raise the limit "
                "(SMARTPLAN_MEMORY_LIMIT=bytes, e.g. 4G, 0 for none)"
            ),
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ArithmeticError) as exc:
        # A user template can still fail in plain Python ways (``{{ 1 / 0 }}``,
        # ``{{ 10.0 ** 400 }}``: ArithmeticError covers overflow and decimal errors).
        where = _template_position(exc) or name
        raise RenderError(
            lazy(
                "%(where)s: template failed: %(name)s: %(exc)s",
                where=where,
                name=type(exc).__name__,
                exc=exc,
            )
        ) from None
