"""The language smartplan speaks: Indonesian or English messages through gettext.

Every message, hint and summary a command prints is an English msgid in the
catalog ``smartplan/locale/<lang>/LC_MESSAGES/smartplan.mo`` (compiled from
the ``.po`` beside it; ``make messages`` extracts, updates and compiles them,
see ``tools/messages.py``). The language is chosen once per command: the
``--lang`` option, else ``SMARTPLAN_LANG``, else the locale (``LC_ALL``,
``LC_MESSAGES``, ``LANG``, as POSIX orders them: ``LANG=id_ID.UTF-8``), and
English for anything else, a German locale included.

Ways to mark a message:

* ``_("...")`` translates now, in the active language (what the CLI and the
  reporters print);
* ``ngettext(singular, plural, n)`` for counts;
* ``N_("...")`` only marks a string for the catalog (a table of labels
  built at import time), to be translated with ``_`` where it is shown.

Problems a plan's checks find are data as well as words: JSON, SARIF, JUnit,
GitLab and CSV must read the same whatever the user's locale, so a check
builds its message with :func:`lazy`, a ``str`` that *is* the English text
(what every machine format writes) and remembers its msgid and arguments, so
the text reporter can say it in the user's language with :func:`localize`
(:func:`lazy_plural` for counts, :func:`joined` for a list of such messages).

Core module: stdlib only (no typer, no rich, no Babel), and the catalog is
read only when a language other than English is asked for.
"""

from __future__ import annotations

import gettext as _gettext
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT",
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Bilingual",
    "Message",
    "_",
    "activate",
    "choose",
    "joined",
    "language",
    "lazy",
    "lazy_plural",
    "localize",
    "ngettext",
    "speaking",
]

#: the catalog's domain: smartplan.pot, smartplan.po, smartplan.mo
DOMAIN = "smartplan"
#: where the compiled catalogs live (package data, in the wheel too)
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: the languages smartplan speaks; English is the msgids themselves
LANGUAGES: tuple[str, ...] = ("en", "id")
DEFAULT = "en"
#: environment variables read, first set wins (POSIX order after smartplan's own)
ENVIRONMENT = ("SMARTPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
#: old ISO 639 code some systems still use for Indonesian (Java's "in_ID")
_ALIASES = {"in": "id", "ind": "id", "indonesian": "id", "english": "en", "eng": "en"}

_translation: _gettext.NullTranslations = _gettext.NullTranslations()
_language: str | None = None


def normalise(value: str | None) -> str | None:
    """The language of a locale name or code (``id_ID.UTF-8`` → ``id``), or None if unknown.

    ``C`` and ``POSIX`` are English; an unsupported language (``de_DE``) is None,
    so the caller falls back.
    """
    if not value:
        return None
    code = value.strip().split(".")[0].split("@")[0].replace("-", "_").split("_")[0].lower()
    if code in ("c", "posix"):
        return DEFAULT
    code = _ALIASES.get(code, code)
    return code if code in LANGUAGES else None


def choose(explicit: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``explicit`` (``--lang``), else the environment, else English.

    Only the first variable that is set counts, as in POSIX: ``LC_ALL=de_DE.UTF-8``
    with ``LANG=id_ID.UTF-8`` is German, so English. ``SMARTPLAN_LANG`` comes
    first, for a user whose system speaks another language.
    """
    chosen = normalise(explicit)
    if chosen is not None:
        return chosen
    env = os.environ if environ is None else environ
    for name in ENVIRONMENT:
        value = env.get(name)
        if value:
            return normalise(value) or DEFAULT
    return DEFAULT


def _load(lang: str) -> _gettext.NullTranslations:
    if lang == DEFAULT:
        return _gettext.NullTranslations()
    # fallback=True: a missing catalog (a broken install) prints English, never fails
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def activate(lang: str) -> str:
    """Speak ``lang`` (a code of :data:`LANGUAGES`) from now on; returns the one before."""
    global _translation, _language
    previous = _language if _language is not None else choose()
    if lang != _language:
        _translation = _load(lang)
        _language = lang
    return previous


def language() -> str:
    """The language spoken now (chosen from the environment on first use)."""
    if _language is None:
        activate(choose())
    assert _language is not None
    return _language


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block, and the language before it afterwards."""
    previous = activate(lang)
    try:
        yield
    finally:
        activate(previous)


def _(message: str) -> str:
    """``message`` in the active language (the English msgid when untranslated)."""
    if _language is None:
        language()
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the active language."""
    if _language is None:
        language()
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (translate it with ``_``)."""
    return message


class Message(str):
    """An English message that can still be said in the active language.

    The ``str`` value is the English text with its arguments filled in, which
    is what every machine format (JSON, SARIF, JUnit, GitLab) writes;
    :func:`localize` formats the same msgid's translation with the same
    arguments. Comparisons, hashing and slicing see the English text.
    """

    msgid: str
    plural: str | None
    n: int
    args: dict[str, Any]

    def __new__(
        cls, msgid: str, args: dict[str, Any], plural: str | None = None, count: int = 1
    ) -> Message:
        english = plural if plural is not None and count != 1 else msgid
        self = super().__new__(cls, english % args if args else english)
        self.msgid = msgid
        self.plural = plural
        self.n = count
        self.args = args
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        # pickled across processes (validate's workers) with its msgid and arguments
        return (Message, (self.msgid, self.args, self.plural, self.n))

    def localized(self) -> str:
        """The message in the active language."""
        if self.plural is not None:
            template = ngettext(self.msgid, self.plural, self.n)
        else:
            template = _(self.msgid)
        if not self.args:
            return template
        # an argument may be a message of its own ("... %(words)s"): said in the same language
        args = {
            k: v.localized() if isinstance(v, (Message, Joined, Bilingual)) else v
            for k, v in self.args.items()
        }
        try:
            return template % args
        except (KeyError, ValueError, TypeError):  # a broken translation: the English text
            return str(self)


def lazy(msgid: str, /, **args: Any) -> str:
    """A message in English now, translatable later: ``lazy("no pillar %(id)s", id=x)``."""
    return Message(msgid, args)


def lazy_plural(singular: str, plural: str, n: int, /, **args: Any) -> str:
    """:func:`lazy` with a singular and a plural form; ``n`` is also ``%(n)s``."""
    return Message(singular, {"n": n, **args}, plural, n)


class Joined(str):
    """Messages joined by a separator (``"; "``), each still said in the active language."""

    sep: str
    items: tuple[str, ...]

    def __new__(cls, sep: str, items: tuple[str, ...]) -> Joined:
        self = super().__new__(cls, sep.join(items))
        self.sep = sep
        self.items = items
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Joined, (self.sep, self.items))

    def localized(self) -> str:
        """Every item in the active language, joined."""
        return self.sep.join(localize(item) or "" for item in self.items)


class Bilingual(str):
    """A text written in both languages (a schema's "Indonesian / English" message).

    Its ``str`` value is the English half, for the machine formats; in
    Indonesian :func:`localize` gives the Indonesian half.
    """

    indonesian: str

    def __new__(cls, indonesian: str, english: str) -> Bilingual:
        self = super().__new__(cls, english)
        self.indonesian = indonesian
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Bilingual, (self.indonesian, str(self)))

    def localized(self) -> str:
        """The half in the active language."""
        return self.indonesian if language() == "id" else str(self)


def joined(sep: str, items: Iterable[str]) -> str:
    """``sep.join(items)`` that :func:`localize` can still translate item by item."""
    return Joined(sep, tuple(items))


def localize(text: str | None) -> str | None:
    """``text`` in the active language when it is a :class:`Message`, else as it is."""
    if isinstance(text, (Message, Joined, Bilingual)):
        return text.localized()
    return text
