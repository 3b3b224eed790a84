"""The Jinja2 environment: where templates come from and how they may behave.

* Templates are looked up in the user's folder first (``--templates DIR``),
  then in the packaged ``templates/`` folder, so a region overrides any single
  template, e.g. ``html/readiness.html.j2``, by giving a file of that name.
* Every template runs in Jinja's :class:`~jinja2.sandbox.SandboxedEnvironment`:
  a template from a region's folder is code we did not write, and the sandbox
  refuses access to Python internals (``''.__class__.__mro__``).
* :class:`~jinja2.StrictUndefined` makes a misspelt variable an error instead
  of an empty string.
* HTML templates (``*.html.j2``) are autoescaped; Markdown ones are not, and
  use the ``mdcell`` filter inside tables.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from smartplan.errors import RenderError
from smartplan.render.formatting import Formatter

__all__ = ["make_environment", "render_template"]


def _autoescape(name: str | None) -> bool:
    return name is not None and (name.endswith(".html.j2") or name.endswith(".html"))


def _mdcell(value: Any) -> str:
    """Make a value safe inside a Markdown table cell: one line, no bare pipe, no tag."""
    text = "" if value is None else str(value)
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _mdtext(value: Any) -> str:
    """Keep text from starting Markdown structures it did not mean (HTML tags)."""
    text = "" if value is None else str(value)
    return text.replace("<", "&lt;")


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


def make_environment(formatter: Formatter, template_dirs: list[Path]) -> SandboxedEnvironment:
    """A sandboxed environment searching ``template_dirs`` in order."""
    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(str(folder), encoding="utf-8") for folder in template_dirs]
    )
    env = SandboxedEnvironment(
        loader=loader,
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=400,  # each partial is included many times; compile it once
    )
    filters: dict[str, Callable[..., Any]] = {
        "rupiah": formatter.rupiah,
        "rupiah_compact": formatter.rupiah_compact,
        "num": formatter.number,
        "pct": formatter.percent,
        "dec": formatter.decimal,
        "date": formatter.date,
        "mdcell": _mdcell,
        "mdtext": _mdtext,
        "slug": _slug,
        "paragraphs": _paragraphs,
        "css_string": _css_string,
    }
    env.filters.update(filters)
    return env


def _template_position(exc: BaseException) -> str:
    """``name:line`` of the innermost template frame of a traceback, if any."""
    position = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2") or "/templates/" in frame.filename:
            position = f"{frame.filename}:{frame.lineno}"
    return position


def render_template(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    """Render template ``name``, turning every template failure into a RenderError."""
    try:
        template = env.get_template(name)
        return template.render(context)
    except RenderError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or exc.name or name
        raise RenderError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(
            f"template {exc.name!r} not found",
            hint="a template folder given with --templates may override templates; "
            "the packaged ones are always searched after it",
        ) from None
    except SecurityError as exc:
        where = _template_position(exc) or name
        raise RenderError(
            f"{where}: template refused by the sandbox: {exc}",
            hint="templates may read the document data but not Python internals",
        ) from None
    except jinja2.UndefinedError as exc:
        where = _template_position(exc) or name
        raise RenderError(
            f"{where}: undefined value in template: {exc.message}",
            hint="check the spelling against the variables listed in templates/README.md",
        ) from None
    except jinja2.TemplateError as exc:
        where = _template_position(exc) or name
        raise RenderError(f"{where}: template error: {exc}") from None
    except RecursionError:
        raise RenderError(f"{name}: template recursion too deep") from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError) as exc:
        # A user template can still fail in plain Python ways (``{{ 1 / 0 }}``).
        where = _template_position(exc) or name
        raise RenderError(f"{where}: template failed: {type(exc).__name__}: {exc}") from None
