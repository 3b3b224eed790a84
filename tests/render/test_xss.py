"""Output safety: hostile plan texts are shown as text, never run, never load anything.

The corpus ``xss_payloads.yaml`` (script tags, event handlers, ``javascript:``
URLs, attribute and ``</style>``/``</title>`` breakouts, CSS tricks, entity and
unicode tricks, template and Markdown injection) is written into every kind of
text field of a copy of ``tests/fixtures/minimal``: names, descriptions, agency
names, indicator units, the region name, vision and missions, pillar and
readiness texts, risks, partners, budget notes. Ids get the most provocative
values their pattern allows. The plan is validated like any other, rendered, and:

* statically: every payload appears escaped in the HTML, never raw; the HTML
  holds no element or attribute that the same plan with harmless texts lacks;
  template syntax shows literally instead of being evaluated;
* in headless Chromium: no script runs (``window.__pwned`` stays undefined,
  no dialog opens), no request leaves the page, no console error, and the DOM
  holds no handler attribute, no ``javascript:`` link, no foreign element;
* Markdown policy: plan text cannot put raw HTML into the ``.md`` nor make a
  link, an image or a code span there. Every text reaches the Markdown
  templates with the characters & < " [ ] ` and backslash written as
  character references (``&lt;``, ``&#91;`` ...), which viewers show as the
  character and never read as syntax; emphasis and other harmless formatting stay possible. The
  only HTML in the ``.md`` is the anchors and line breaks the templates write,
  the only links point inside the document. The Markdown is also rendered by
  a permissive viewer (markdown-it with raw HTML on and every URL scheme
  allowed) and opened in Chromium.

The browser parts skip without Chromium, unless ``SMARTPLAN_REQUIRE_BROWSER=1``.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from markupsafe import escape

from smartplan.check.engine import validate_plan
from smartplan.model import Text
from smartplan.render import render_documents
from tests.render.browser import Browser, find_chromium
from tests.render.conftest import MINIMAL, Prepared, prepare
from tests.render.external import unavailable

CORPUS = Path(__file__).resolve().parent / "xss_payloads.yaml"


@dataclass(frozen=True)
class Payload:
    id: str
    text: str
    absent: tuple[str, ...] = ()
    long: bool = False


def load_corpus() -> list[Payload]:
    entries = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return [
        Payload(e["id"], e["payload"], tuple(e.get("absent", ())), bool(e.get("long")))
        for e in entries
    ]


PAYLOADS = load_corpus()

# --------------------------------------------------------------------------
# The hostile plan


class _Feed:
    """Hands out texts for the plan's fields, in turn, and records where each went.

    ``hostile`` gives the corpus payloads; otherwise each field gets a plain
    text of the same shape (``x`` for every other character), so that both
    plans have exactly the same structure and their HTML can be compared
    element by element.
    """

    def __init__(self, hostile: bool) -> None:
        self.hostile = hostile
        self._cycle = itertools.cycle(PAYLOADS)
        self.placed: dict[str, list[str]] = defaultdict(list)

    def _text(self, payload: Payload) -> str:
        if self.hostile:
            return payload.text
        # same length, same spaces and line breaks: charts wrap it the same way
        return re.sub(r"\S", "x", payload.text)

    def one(self, where: str, limit: int | None = None, long_ok: bool = False) -> str:
        for _ in range(len(PAYLOADS)):
            payload = next(self._cycle)
            if payload.long and not long_ok:
                continue
            if limit is not None and len(payload.text) > limit:
                continue
            self.placed[payload.id].append(where)
            return self._text(payload)
        raise AssertionError(f"no payload fits {where}")  # pragma: no cover

    def every(self, where: str) -> list[str]:
        """The whole corpus, for a list field."""
        for payload in PAYLOADS:
            self.placed[payload.id].append(f"{where}[]")
        return [self._text(p) for p in PAYLOADS]


#: Provocative ids the id pattern ``^[a-z0-9][a-z0-9-]{0,63}$`` still allows.
PROGRAM_IDS = {
    "eco-pasar-digital": "eco-script-alert-1",
    "gov-satu-data": "gov-javascript-alert-1-",
    "bra-festival-digital": "bra-onerror--onload",
    "env-bank-sampah": "env-img-src-x-onerror",
    "liv-telemedisin": "liv-iframe-srcdoc",
    "soc-perpustakaan-digital": "soc-0",
}
AGENCY_IDS = {"diskominfo": "onmouseover", "bappeda": "javascript", "dlh": "script--x-"}


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _write(path: Path, data: Any) -> None:
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8"
    )


def write_plan(target: Path, hostile: bool) -> _Feed:
    """A copy of the minimal plan with a text from the feed in every text field."""
    shutil.copytree(MINIMAL, target)
    feed = _Feed(hostile)

    plan = _read(target / "plan.yaml")
    where = "plan.yaml#"
    plan["region"]["name"] = feed.one(where + "/region/name", 300)
    plan["region"]["province"] = feed.one(where + "/region/province", 300)
    plan["region"]["capital"] = feed.one(where + "/region/capital", 300)
    plan["title"] = feed.one(where + "/title", 300)
    plan["version"] = feed.one(where + "/version", 50)
    plan["vision"] = feed.one(where + "/vision", long_ok=True)
    plan["missions"] = feed.every(where + "/missions")
    plan["introduction"] = {
        key: feed.one(f"{where}/introduction/{key}", long_ok=True)
        for key in ("background", "purpose", "scope")
    }
    plan["introduction"]["legal_basis"] = feed.every(where + "/introduction/legal_basis")
    for i, criterion in enumerate(plan["scoring"]["criteria"]):
        criterion["name"] = feed.one(f"{where}/scoring/criteria/{i}/name", 300)
        criterion["description"] = feed.one(
            f"{where}/scoring/criteria/{i}/description", long_ok=True
        )
    _write(target / "plan.yaml", plan)

    agencies = _read(target / "agencies.yaml")
    for i, agency in enumerate(agencies["agencies"]):
        where = f"agencies.yaml#/agencies/{i}"
        agency["id"] = AGENCY_IDS[agency["id"]]
        agency["name"] = feed.one(where + "/name", 300)
        agency["short"] = feed.one(where + "/short", 100)
        agency["description"] = feed.one(where + "/description", long_ok=True)
    _write(target / "agencies.yaml", agencies)

    for path in sorted((target / "pillars").glob("*.yaml")):
        pillar = _read(path)
        where = f"pillars/{path.name}#"
        pillar["name"] = {
            "id": feed.one(where + "/name/id", 300),
            "en": feed.one(where + "/name/en", 300),
        }
        pillar["description"] = feed.one(where + "/description", long_ok=True)
        pillar["tags"] = ["script", "onerror-alert-1"]
        if pillar["code"] in ("economy", "governance"):
            pillar["goals"] = feed.every(where + "/goals")
            pillar["strategies"] = [feed.one(where + "/strategies/0", long_ok=True)]
        _write(path, pillar)

    for path in sorted((target / "programs").glob("*/*.yaml")):
        program = _read(path)
        new_id = PROGRAM_IDS[program["id"]]
        where = f"programs/{path.parent.name}/{new_id}.yaml#"
        program["id"] = new_id
        program["name"] = feed.one(where + "/name", 300)
        program["description"] = feed.one(where + "/description", long_ok=True)
        program["tags"] = ["javascript-alert-1", "x-onload"]
        program["lead_agency"] = AGENCY_IDS[program["lead_agency"]]
        program["depends_on"] = [PROGRAM_IDS[d] for d in program.get("depends_on", [])]
        program["partners"] = [
            {"role": "akademisi", "name": feed.one(where + "/partners/0/name", 300)},
            {"role": "media", "name": feed.one(where + "/partners/1/name", 300)},
        ]
        program["budget"][0]["note"] = feed.one(where + "/budget/0/note", 1000)
        indicator = program["indicators"][0]
        indicator["id"] = "onerror-alert-1"
        indicator["name"] = feed.one(where + "/indicators/0/name", 300)
        indicator["unit"] = feed.one(where + "/indicators/0/unit", 100)
        program["rpjmd"] = {
            "code": feed.one(where + "/rpjmd/code", 100),
            "program": feed.one(where + "/rpjmd/program", 300),
        }
        program["renstra"] = {
            "agency": program["lead_agency"],
            "code": feed.one(where + "/renstra/code", 100),
            "program": feed.one(where + "/renstra/program", 300),
        }
        program["risks"] = [
            {
                "description": feed.one(where + "/risks/0/description", long_ok=True),
                "level": "high",
                "mitigation": feed.one(where + "/risks/0/mitigation", long_ok=True),
            }
        ]
        program["sustainability"] = {
            key: feed.one(f"{where}/sustainability/{key}", long_ok=True)
            for key in ("regulation", "institution", "resources", "business_model")
        }
        path.unlink()
        _write(path.parent / f"{new_id}.yaml", program)

    readiness = _read(target / "readiness.yaml")
    for code, aspect in readiness["aspects"].items():
        where = f"readiness.yaml#/aspects/{code}"
        aspect["description"] = feed.one(where + "/description", long_ok=True)
        for sub_code, sub in aspect["subaspects"].items():
            sub["description"] = feed.one(
                f"{where}/subaspects/{sub_code}/description", long_ok=True
            )
            sub["evidence"] = [feed.one(f"{where}/subaspects/{sub_code}/evidence/0", long_ok=True)]
    readiness["aspects"]["struktur"]["subaspects"]["sdm"]["evidence"] = feed.every(
        "readiness.yaml#/aspects/struktur/subaspects/sdm/evidence"
    )
    readiness["swot"] = {
        "strengths": feed.every("readiness.yaml#/swot/strengths"),
        "weaknesses": [feed.one("readiness.yaml#/swot/weaknesses/0", long_ok=True)],
        "opportunities": [feed.one("readiness.yaml#/swot/opportunities/0")],
        "threats": [feed.one("readiness.yaml#/swot/threats/0")],
    }
    readiness["gaps"] = feed.every("readiness.yaml#/gaps")
    _write(target / "readiness.yaml", readiness)
    return feed


@dataclass(frozen=True)
class Rendered:
    prepared: Prepared
    feed: _Feed
    docs: dict[str, dict[str, str]]  # {lang: {format: text}}


def _render_all(prepared: Prepared, langs: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {lang: {fmt: doc.text for fmt, doc in prepared.render(lang).items()} for lang in langs}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("xss") / "plan"
    feed = write_plan(folder, hostile=True)
    prepared = prepare(folder)  # asserts the plan is valid: hostile text is allowed text
    return Rendered(prepared, feed, _render_all(prepared, ("id", "en")))


@pytest.fixture(scope="module")
def benign(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("xss-benign") / "plan"
    feed = write_plan(folder, hostile=False)
    prepared = prepare(folder)
    # the language changes words, not elements: one rendering is the baseline for both
    return Rendered(prepared, feed, _render_all(prepared, ("id",)))


def _docs(rendered: Rendered, fmt: str) -> Iterator[tuple[str, str]]:
    for lang, docs in rendered.docs.items():
        yield lang, docs[fmt]


# --------------------------------------------------------------------------
# The corpus and the plan


def test_corpus_is_large_and_well_formed() -> None:
    assert len(PAYLOADS) >= 30
    ids = [p.id for p in PAYLOADS]
    assert len(ids) == len(set(ids)), "payload ids must be unique"
    assert all(p.text.strip() for p in PAYLOADS)


def test_every_payload_reaches_many_kinds_of_field(hostile: Rendered) -> None:
    placed = hostile.feed.placed
    assert set(placed) == {p.id for p in PAYLOADS}
    for payload in PAYLOADS:
        files = {where.split("#")[0].split("/")[0] for where in placed[payload.id]}
        # every payload is in a list field of plan.yaml and readiness.yaml at least
        assert {"plan.yaml", "readiness.yaml"} <= files, payload.id
    single = {where.split("#")[1] for wheres in placed.values() for where in wheres}
    for field in ("/region/name", "/title", "/vision", "/name", "/short", "/description",
                  "/indicators/0/unit", "/indicators/0/name", "/risks/0/description",
                  "/partners/0/name", "/budget/0/note", "/rpjmd/code", "/goals[]",
                  "/missions[]", "/swot/strengths[]", "/evidence/0"):  # fmt: skip
        assert any(where.endswith(field) for where in single), field


def test_hostile_ids_the_pattern_allows_are_valid(hostile: Rendered) -> None:
    plan = hostile.prepared.plan
    assert sorted(plan.programs) == sorted(PROGRAM_IDS.values())
    assert sorted(plan.agencies) == sorted(AGENCY_IDS.values())


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("plan.yaml", "id: contoh", 'id: "x\\"><script>alert(1)</script>"'),
        ("plan.yaml", "id: contoh", "id: 'contoh onmouseover=alert(1)'"),
        ("agencies.yaml", "id: diskominfo", "id: \"diskominfo'><img src=x onerror=alert(1)>\""),
        ("programs/economy/eco-pasar-digital.yaml", "id: capaian", "id: 'javascript:alert(1)'"),
        ("programs/economy/eco-pasar-digital.yaml", "lead_agency: diskominfo",
         "lead_agency: '<svg onload=alert(1)>'"),
        ("programs/economy/eco-pasar-digital.yaml", "pillar: economy",
         "pillar: economy\ntags: ['<b>tag</b>']"),
        ("plan.yaml", "{id: impact,", "{id: 'IMPACT\"',"),
    ],
)  # fmt: skip
def test_schema_refuses_hostile_ids(tmp_path: Path, file: str, old: str, new: str) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    text = (plan / file).read_text(encoding="utf-8")
    assert old in text
    (plan / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    result = validate_plan(plan)
    assert not result.ok
    errors = [p for p in result.problems if p.severity == "error" and p.file.endswith(file)]
    assert errors, [f"{p.file}: {p.code} {p.message}" for p in result.problems]


# --------------------------------------------------------------------------
# Static checks of the HTML


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def _elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def _shapes(html: str) -> set[tuple[str, frozenset[str]]]:
    return {(tag, frozenset(name for name, _ in attrs)) for tag, attrs in _elements(html).tags}


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def test_html_shows_every_payload_escaped(hostile: Rendered) -> None:
    for lang, html in _docs(hostile, "html"):
        for payload in PAYLOADS:
            shown = {str(escape(payload.text)), str(escape(_collapsed(payload.text)))}
            assert any(s in html for s in shown), f"{lang}: {payload.id} is not shown as text"
            if re.search(r"[<>\"']", payload.text):  # escaped text holds none of these
                assert payload.text not in html, f"{lang}: {payload.id} appears unescaped"
            for marker in payload.absent:
                assert marker not in html, f"{lang}: {payload.id} was evaluated ({marker!r})"


def test_html_has_no_element_or_attribute_from_the_plan(
    hostile: Rendered, benign: Rendered
) -> None:
    for lang, html in _docs(hostile, "html"):
        baseline = benign.docs["id"]["html"]
        allowed = _shapes(baseline)
        extra = _shapes(html) - allowed
        assert not extra, f"{lang}: elements the plan text created: {sorted(extra, key=str)}"
        parsed = _elements(html)
        for tag, attrs in parsed.tags:
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name, value)
                if name in ("href", "xlink:href"):
                    assert value is not None and value.startswith("#"), (tag, name, value)
                assert name not in ("src", "srcdoc", "action", "formaction", "data"), (tag, name)
        assert [t for t, _ in parsed.tags].count("script") == 0
        assert [t for t, _ in parsed.tags].count("style") == 1
        for needle in ("</style", "</title", "</script", "<!--", "<![CDATA["):
            assert html.count(needle) == baseline.count(needle), needle


def test_region_name_cannot_leave_the_css(hostile: Rendered) -> None:
    for lang, html in _docs(hostile, "html"):
        (css,) = _elements(html).styles
        lowered = css.lower()
        for needle in ("url(", "expression(", "@import", "javascript", "</", "<script"):
            assert needle not in lowered, f"{lang}: {needle!r} in the style sheet"
        # every quoted string in the page-margin rule is one CSS string
        margin = re.search(r"@bottom-left \{ content: (\"(?:[^\"\\\n]|\\[0-9a-f]+ )*\");", css)
        assert margin, f"{lang}: the running footer string is not one well-formed CSS string"


def test_template_syntax_in_plan_text_is_shown_not_run(hostile: Rendered) -> None:
    for payload in PAYLOADS:
        if not payload.absent:
            continue
        for lang, docs in hostile.docs.items():
            for fmt, text in docs.items():
                for marker in payload.absent:
                    assert marker not in text, f"{lang}/{fmt}: {payload.id} evaluated"
            assert str(escape(payload.text)) in docs["html"]
            assert "31337*3" in docs["md"]


def test_ids_outside_the_pattern_are_escaped_too(hostile: Rendered) -> None:
    """A Plan built in Python skips the schema; its ids still cannot inject markup."""
    evil = 'x"><img src=x onerror=window.__pwned=1>'
    plan = hostile.prepared.plan
    first = sorted(plan.programs)[0]
    programs = dict(plan.programs)
    program = programs.pop(first)
    programs[evil] = dataclasses.replace(program, id=evil, name=Text("nama"))
    agencies = dict(plan.agencies)
    agency_id = program.lead_agency
    agencies[evil] = dataclasses.replace(agencies.pop(agency_id), id=evil)
    programs = {
        pid: dataclasses.replace(p, lead_agency=evil) if p.lead_agency == agency_id else p
        for pid, p in programs.items()
    }
    bad = dataclasses.replace(plan, programs=programs, agencies=agencies)
    docs = {d.format: d.text for d in render_documents(bad, lang="id")[0]}
    assert evil not in docs["html"]
    assert "<img" not in docs["html"]
    assert str(escape(evil)) in docs["html"]
    assert evil not in docs["md"]
    # the anchor keeps the id, as text: '"' and '<' are references in the value
    _check_markdown_tokens(docs["md"], "python-built plan", anchor='[^"<]+')


# --------------------------------------------------------------------------
# Markdown


def _permissive_markdown() -> MarkdownIt:
    """A viewer as lax as they come: raw HTML on, every URL scheme allowed."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


#: The raw HTML the Markdown templates write themselves.
def _template_html(anchor: str = "[a-z0-9-]+") -> re.Pattern[str]:
    return re.compile(rf'<a id="{anchor}">(</a>)?|</a>|<br>')


def _walk(tokens: list[Any]) -> Iterator[Any]:
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _check_markdown_tokens(md_text: str, label: str, anchor: str = "[a-z0-9-]+") -> None:
    template_html = _template_html(anchor)
    tokens = list(_walk(_permissive_markdown().parse(md_text)))
    for token in tokens:
        if token.type in ("html_inline", "html_block"):
            assert template_html.fullmatch(token.content.strip() if token.type == "html_block"
                                            else token.content), (label, token.content)  # fmt: skip
        if token.type == "link_open":
            href = token.attrGet("href")
            assert href is not None and href.startswith("#"), (label, href)
        assert token.type != "image", (label, token.attrGet("src"))


def test_markdown_has_no_html_and_no_links_from_the_plan(hostile: Rendered) -> None:
    for lang, md_text in _docs(hostile, "md"):
        _check_markdown_tokens(md_text, lang)
        for payload in PAYLOADS:
            if "<" in payload.text:
                assert payload.text not in md_text, f"{lang}: {payload.id} raw in the Markdown"


def _visible(html: str) -> str:
    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


def _comparable(text: str) -> str:
    # Markdown may turn __x__ and *x* into emphasis and eat a backslash escape;
    # what matters is that the characters of the payload are all shown.
    return re.sub(r"[\s_*\\]", "", text)


def test_markdown_reader_sees_each_payload_as_text(hostile: Rendered) -> None:
    md = _permissive_markdown()
    for lang, md_text in _docs(hostile, "md"):
        seen = _comparable(_visible(md.render(md_text)))
        for payload in PAYLOADS:
            if payload.long:
                continue
            assert _comparable(payload.text) in seen, f"{lang}: {payload.id} is not shown"


# --------------------------------------------------------------------------
# In the browser


class WatchfulBrowser(Browser):
    """A Browser that dismisses (and records) every JavaScript dialog."""

    def __init__(self, executable: str) -> None:
        super().__init__(executable, timeout=30.0)
        self.dialogs: list[dict[str, Any]] = []

    def _read_message(self, deadline: float) -> dict[str, Any]:
        message = super()._read_message(deadline)
        if message.get("method") == "Page.javascriptDialogOpening":
            self.dialogs.append(message["params"])
            # an open alert() blocks the page; dismiss it so the test can report it
            self._send(
                "Page.handleJavaScriptDialog",
                {"accept": False},
                message.get("sessionId") or self.session,
            )
        return message


@pytest.fixture(scope="module")
def browser() -> Iterator[WatchfulBrowser]:
    executable = find_chromium()
    if executable is None:
        unavailable("chromium is not installed (apt-get install chromium)")
    assert executable is not None
    with WatchfulBrowser(executable) as running:
        yield running


#: Runs in the page after load: what a reader could trigger by moving the mouse,
#: tabbing and waiting; then what the DOM holds.
_PROBE = """(() => {
  for (const el of document.querySelectorAll('*')) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart',
                        'toggle', 'load', 'error']) {
      el.dispatchEvent(new Event(type, {bubbles: false}));
    }
  }
  const handlers = [], links = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) handlers.push(el.localName + '@' + a.name);
      if (/^(href|xlink:href|src|srcdoc|action|formaction|data|background|poster)$/i.test(a.name)
          && !a.value.startsWith('#')) links.push(el.localName + '@' + a.name + '=' + a.value);
    }
  }
  return {
    pwned: typeof window.__pwned,
    href: location.href,
    frames: window.frames.length,
    tags: [...new Set([...document.querySelectorAll('*')].map(e => e.localName))].sort(),
    handlers, links,
  };
})()"""


def _probe_page(browser: WatchfulBrowser, path: Path) -> dict[str, Any]:
    browser.dialogs.clear()
    browser.open(path.as_uri())
    result = browser.evaluate(_PROBE)
    # let anything scheduled by the probe (timers, late loads) happen
    browser.call(
        "Runtime.evaluate",
        {"expression": "new Promise(r => setTimeout(r, 200))", "awaitPromise": True},
    )
    result["pwned_after"] = browser.evaluate("typeof window.__pwned")
    result["dialogs"] = [d.get("message") for d in browser.dialogs]
    result["requests"] = [
        url for url in browser.requests() if url != path.as_uri() and not url.startswith("data:")
    ]
    result["console_errors"] = browser.console_errors()
    return result


def _assert_inert(result: dict[str, Any], path: Path, allowed_tags: set[str]) -> None:
    assert result["pwned"] == "undefined" and result["pwned_after"] == "undefined", "script ran"
    assert result["dialogs"] == [], "a dialog opened"
    assert result["requests"] == [], "a request left the page"
    assert result["console_errors"] == []
    assert result["href"] == path.as_uri(), "the page navigated away"
    assert result["frames"] == 0
    assert result["handlers"] == []
    assert result["links"] == []
    assert set(result["tags"]) <= allowed_tags, sorted(set(result["tags"]) - allowed_tags)


@pytest.mark.slow
def test_harness_notices_an_unescaped_payload(
    browser: WatchfulBrowser, benign: Rendered, tmp_path: Path
) -> None:
    """The checks below would fail if escaping broke: shown on a deliberately broken page."""
    html = benign.docs["id"]["html"].replace(
        "<body>",
        "<body><img src=x onerror=\"window.__pwned=1;alert('xss')\">"
        '<img src="https://evil.example/p.png">',
        1,
    )
    page = tmp_path / "broken.html"
    page.write_text(html, encoding="utf-8")
    result = _probe_page(browser, page)
    assert result["pwned"] == "number"
    assert "xss" in result["dialogs"]
    assert any("evil.example" in url for url in result["requests"])
    assert "img" in result["tags"]


@pytest.mark.slow
def test_hostile_html_is_inert_in_chromium(
    browser: WatchfulBrowser, hostile: Rendered, benign: Rendered, tmp_path: Path
) -> None:
    clean = tmp_path / "benign.html"
    clean.write_text(benign.docs["id"]["html"], encoding="utf-8")
    baseline = _probe_page(browser, clean)
    _assert_inert(baseline, clean, set(baseline["tags"]))

    for lang in ("id", "en"):
        page = tmp_path / f"hostile-{lang}.html"
        page.write_text(hostile.docs[lang]["html"], encoding="utf-8")
        result = _probe_page(browser, page)
        _assert_inert(result, page, set(baseline["tags"]))
        visible = browser.evaluate("document.body.innerText")
        assert "<script>window.__pwned=1;alert(1)</script>" in visible  # shown as text


@pytest.mark.slow
def test_markdown_in_a_permissive_viewer_is_inert(
    browser: WatchfulBrowser, hostile: Rendered, tmp_path: Path
) -> None:
    md = _permissive_markdown()
    page = tmp_path / "markdown.html"
    page.write_text(
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>md</title></head>'
        "<body>" + md.render(hostile.docs["id"]["md"]) + "</body></html>",
        encoding="utf-8",
    )
    result = _probe_page(browser, page)
    allowed = {"html", "head", "meta", "title", "body", "a", "p", "h1", "h2", "h3", "h4", "ul",
               "ol", "li", "strong", "em", "code", "pre", "table", "thead", "tbody", "tr", "th",
               "td", "br", "hr", "blockquote"}  # fmt: skip
    _assert_inert(result, page, allowed)
