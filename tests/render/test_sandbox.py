"""User templates run sandboxed: escapes to Python and to the file system are refused.

Each template below tries to leave the sandbox: walking attributes up to
``object.__subclasses__()`` or a function's ``__globals__`` (to reach ``os``),
the ``str.format`` and ``|attr`` tricks (including the forms of CVE-2024-56326
and CVE-2025-27516), Flask's ``config``/``request``, and including or
importing files from outside the template folders (by path, by ``..``, through
a symbolic link). Every one must stop the render with one clear line naming the
template file and line: through the API (a :class:`RenderError`, nothing
written) and through the CLI (exit code 2, no traceback). Templates that would
run a command try to create a sentinel file; it must never appear.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.errors import RenderError
from smartplan.render import render_plan
from tests.render.conftest import MINIMAL, ROOT, Prepared

SANDBOX = "refused by the sandbox"
UNDEFINED = "undefined value in template"
NOT_FOUND = "not found"

#: (name, template source, what the error says). ``{S}`` is the sentinel path.
ESCAPES: list[tuple[str, str, str]] = [
    ("mro-subclasses", "{{ ''.__class__.__mro__[1].__subclasses__() }}", SANDBOX),
    ("tuple-bases", "{{ ().__class__.__bases__[0].__subclasses__() }}", SANDBOX),
    ("for-subclasses-popen",
     "{% for c in [].__class__.__base__.__subclasses__() %}{% if c.__name__ == 'Popen' %}"
     "{{ c(['touch', '{S}']) }}{% endif %}{% endfor %}", SANDBOX),
    ("cycler-os-popen", "{{ cycler.__init__.__globals__.os.popen('touch {S}').read() }}", SANDBOX),
    ("joiner-globals", "{{ joiner.__init__.__globals__.os.system('touch {S}') }}", SANDBOX),
    ("namespace-globals", "{{ namespace.__init__.__globals__.os.system('touch {S}') }}", SANDBOX),
    ("lipsum-globals", "{{ lipsum.__globals__['os'].popen('touch {S}').read() }}", SANDBOX),
    ("lipsum-builtins-open", "{{ lipsum.__globals__.__builtins__.open('{S}', 'w') }}", SANDBOX),
    ("self-context", "{{ self._TemplateReference__context }}", SANDBOX),
    ("self-import",
     "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch {S}') }}",
     SANDBOX),
    ("self-dict", "{{ self.__dict__ }}", SANDBOX),
    ("catalog-globals", "{{ t.__call__.__globals__ }}", SANDBOX),
    ("catalog-class", "{{ t.__class__.__init__.__globals__ }}", SANDBOX),
    ("data-class", "{{ doc.__class__.__base__.__subclasses__() }}", SANDBOX),
    ("flask-config", "{{ config }}", UNDEFINED),
    ("flask-config-globals",
     "{{ config.__class__.__init__.__globals__['os'].popen('touch {S}') }}", SANDBOX),
    ("flask-request", "{{ request }}", UNDEFINED),
    ("flask-request-app",
     "{{ request.application.__globals__.__builtins__.__import__('os').popen('touch {S}') }}",
     UNDEFINED),
    ("format-class", "{{ '{0.__class__}'.format(doc) }}", SANDBOX),
    ("format-globals", "{{ '{0.__globals__[os]}'.format(lipsum) }}", SANDBOX),
    ("format-map", "{{ '{x.__class__}'.format_map({'x': doc}) }}", SANDBOX),
    ("format-stored",  # CVE-2024-56326: a stored reference to str.format
     "{% set f = '{0.__globals__[os]}'.format %}{{ f(lipsum) }}", SANDBOX),
    ("format-in-dict",
     "{% set x = {'f': '{0.__globals__[os]}'.format} %}{{ x.f(lipsum) }}", SANDBOX),
    ("format-via-attr",  # CVE-2025-27516: |attr('format')
     "{{ '{0.__globals__[os]}'|attr('format')(lipsum) }}", SANDBOX),
    ("attr-class", "{{ doc|attr('__class__') }}", SANDBOX),
    ("attr-chain",
     "{{ (doc|attr('__class__')|attr('__base__')|attr('__subclasses__'))() }}", UNDEFINED),
    ("attr-globals", "{{ (lipsum|attr('__globals__'))['os'] }}", SANDBOX),
    ("include-absolute", "{% include '/etc/passwd' %}", NOT_FOUND),
    ("include-dotdot", "{% include '../../../../../../../../etc/passwd' %}", NOT_FOUND),
    ("include-inner-dotdot", "{% include 'md/../../../../../../etc/passwd' %}", NOT_FOUND),
    ("import-absolute", "{% import '/etc/passwd' as passwd %}", NOT_FOUND),
    ("from-import-dotdot", "{% from '../../../../../../etc/passwd' import root %}", NOT_FOUND),
    ("extends-dotdot", "{% extends '../../../../../../etc/passwd' %}", NOT_FOUND),
    # building a huge value in one step
    ("repeat-text", "{{ 'x' * 10 ** 9 }}", "exceeds the limit"),
    ("repeat-text-reversed", "{{ 10 ** 8 * 'abc' }}", "exceeds the limit"),
    ("repeat-list", "{{ ([1, 2] * 10 ** 8)|length }}", "exceeds the limit"),
    ("power", "{{ 9 ** 99999 }}", "too large"),
    ("float-power", "{{ 10.0 ** 400 }}", "OverflowError"),
    # growing a value step by step, or asking Jinja's helpers for a huge one
    ("range-huge", "{{ range(10 ** 12)|length }}", "exceeds the limit"),
    ("range-beyond-maxsize", "{{ range(10 ** 30)|length }}", "exceeds the limit"),
    ("lipsum-huge", "{{ lipsum(10 ** 7) }}", "exceeds the limit"),
    ("lipsum-long-paragraphs", "{{ lipsum(1, max=10 ** 9) }}", "exceeds the limit"),
    ("double-by-join",
     "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
     "{% endfor %}{{ ns.s|length }}", "exceeds the limit"),
    ("double-by-plus",
     "{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
     "{% endfor %}{{ ns.s|length }}", "exceeds the limit"),
    ("double-list",
     "{% set ns = namespace(s=[1]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}"
     "{% endfor %}{{ ns.s|length }}", "exceeds the limit"),
    ("filter-center", "{{ 'x'|center(3 * 10 ** 7) }}", "exceeds the limit"),
    ("filter-join", "{{ ('x' * 10 ** 7)|join(',,') }}", "exceeds the limit"),
    # undefined values hidden in a list, a mapping or a filter's result
    ("undefined-in-list", "{{ [doc.titel] }}", UNDEFINED),
    ("undefined-in-dict", "{{ {'a': doc.titel} }}", UNDEFINED),
    ("undefined-from-map", "{{ pillars|map(attribute='nosuch')|list }}", UNDEFINED),
    ("undefined-joined", "{{ pillars|map(attribute='nosuch')|join(', ') }}", UNDEFINED),
]  # fmt: skip

#: Bounded operators still work within their limits.
WITHIN_LIMITS = (
    "{{ '=' * 3 }}|{{ 3 * 'ab' }}|{{ ([0] * 2)|length }}|{{ 2 ** 10 }}|{{ 1.5 * 2 }}"
    "|{{ 'a' ~ 1 }}|{{ 'b' + 'c' }}|{{ [1] + [2] }}|{{ range(3)|list }}|{{ 1 + 2 }}"
    "|{% for i in range(3) %}{{ loop.index }}/{{ loop.length }}{{ ',' if not loop.last }}"
    "{% endfor %}|{{ lipsum(1, false, 2, 3)|length > 0 }}|{{ 'x'|center(5) }}"
)

#: The chapter partial the escapes are written into, at this line.
PARTIAL = "md/vision.md.j2"
LINE = 3


def _template_folder(root: Path, source: str, sentinel: Path) -> Path:
    folder = root / "templates"
    path = folder / PARTIAL
    path.parent.mkdir(parents=True, exist_ok=True)
    # two harmless lines first, so the line number in the error is checked
    path.write_text(
        "{{ chapter.title }}\n\n" + source.replace("{S}", str(sentinel)) + "\n", encoding="utf-8"
    )
    return folder


def _assert_clear(message: str, folder: Path, expected: str) -> None:
    assert "\n" not in message, message
    assert message.startswith(f"{folder / PARTIAL}:{LINE}: "), message
    assert expected in message, message
    assert "Traceback" not in message


@pytest.mark.parametrize(("name", "source", "expected"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_api_refuses(
    minimal: Prepared, tmp_path: Path, name: str, source: str, expected: str
) -> None:
    sentinel = tmp_path / "pwned"
    folder = _template_folder(tmp_path, source, sentinel)
    out = tmp_path / "out"
    with pytest.raises(RenderError) as info:
        render_plan(
            minimal.plan,
            formats=("md", "html"),  # md first: the escape is in a Markdown partial
            out_dir=out,
            templates_dir=folder,
            priorities=minimal.priorities,
            schedule=minimal.schedule,
        )
    _assert_clear(info.value.message, folder, expected)
    assert not sentinel.exists(), "a command ran"
    assert not out.exists(), "something was written"


@pytest.mark.parametrize(("name", "source", "expected"), ESCAPES, ids=[e[0] for e in ESCAPES])
def test_cli_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, source: str, expected: str
) -> None:
    sentinel = tmp_path / "pwned"
    folder = _template_folder(tmp_path, source, sentinel)
    out = tmp_path / "out"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SMARTPLAN_DEBUG", raising=False)
    result = CliRunner().invoke(
        app, ["render", str(MINIMAL), "--templates", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("smartplan: error: "), result.stderr
    _assert_clear(lines[0].removeprefix("smartplan: error: "), folder, expected)
    assert all(line.startswith("  hint: ") for line in lines[1:]), result.stderr
    assert "Traceback" not in result.output
    assert not sentinel.exists(), "a command ran"
    assert not out.exists()


#: Run as separate processes, exactly as a user runs smartplan.
REAL_CLI = ["for-subclasses-popen", "cycler-os-popen", "format-via-attr", "include-dotdot"]


@pytest.mark.slow
def test_real_cli_process_refuses(tmp_path: Path) -> None:
    cases = [e for e in ESCAPES if e[0] in REAL_CLI]
    assert len(cases) == len(REAL_CLI)
    env = {k: v for k, v in os.environ.items() if k != "SMARTPLAN_DEBUG"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")

    def run(
        case: tuple[str, str, str],
    ) -> tuple[Path, Path, Path, subprocess.CompletedProcess[str]]:
        root = tmp_path / case[0]
        root.mkdir()
        sentinel = root / "pwned"
        folder = _template_folder(root, case[1], sentinel)
        out = root / "out"
        result = subprocess.run(
            [sys.executable, "-m", "smartplan", "render", str(MINIMAL),
             "--templates", str(folder), "--out", str(out)],
            cwd=root, env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        return folder, sentinel, out, result

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(run, cases))
    for (name, _, expected), (folder, sentinel, out, result) in zip(cases, results, strict=True):
        assert result.returncode == 2, (name, result.stderr)
        assert "Traceback" not in result.stderr, name
        first, *rest = result.stderr.splitlines()
        _assert_clear(first.removeprefix("smartplan: error: "), folder, expected)
        assert all(line.startswith("  hint: ") for line in rest), result.stderr
        assert not sentinel.exists(), f"{name}: a command ran"
        assert not out.exists()


def test_html_partial_is_refused_too(minimal: Prepared, tmp_path: Path) -> None:
    sentinel = tmp_path / "pwned"
    folder = tmp_path / "templates"
    (folder / "html").mkdir(parents=True)
    (folder / "html" / "vision.html.j2").write_text(
        f"<p>\n{{{{ cycler.__init__.__globals__.os.popen('touch {sentinel}').read() }}}}\n",
        encoding="utf-8",
    )
    with pytest.raises(RenderError, match=r"html/vision\.html\.j2:2: template refused"):
        minimal.render("id", formats=("html",), templates_dir=folder)
    assert not sentinel.exists()


# --------------------------------------------------------------------------
# Symbolic links out of the template folder


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-TOKEN\n", encoding="utf-8")
    return path


def test_linked_partial_outside_the_folder_is_refused(
    minimal: Prepared, tmp_path: Path, secret: Path
) -> None:
    folder = tmp_path / "templates"
    (folder / "md").mkdir(parents=True)
    (folder / "md" / "secret.md.j2").symlink_to(secret)
    (folder / "md" / "vision.md.j2").write_text(
        "x\n{% include 'md/secret.md.j2' %}\n", encoding="utf-8"
    )
    with pytest.raises(RenderError) as info:
        minimal.render("id", formats=("md",), templates_dir=folder)
    message = info.value.message
    assert message.startswith(f"{folder / 'md' / 'vision.md.j2'}:2: "), message
    assert "outside the template folder" in message and "\n" not in message
    assert "TOP-SECRET" not in message


def test_linked_chapter_override_outside_the_folder_is_refused(
    minimal: Prepared, tmp_path: Path, secret: Path
) -> None:
    folder = tmp_path / "templates"
    (folder / "md").mkdir(parents=True)
    (folder / "md" / "vision.md.j2").symlink_to(secret)
    with pytest.raises(RenderError, match="outside the template folder"):
        minimal.render("id", formats=("md",), templates_dir=folder)


def test_linked_label_catalog_outside_the_folder_is_refused(
    minimal: Prepared, tmp_path: Path
) -> None:
    outside = tmp_path / "labels.yaml"
    outside.write_text("chapter:\n  vision: TOP-SECRET-TOKEN\n", encoding="utf-8")
    folder = tmp_path / "templates"
    (folder / "i18n").mkdir(parents=True)
    (folder / "i18n" / "id.yaml").symlink_to(outside)
    with pytest.raises(RenderError, match="outside the template folder"):
        minimal.render("id", formats=("md",), templates_dir=folder)


def test_links_inside_the_folder_still_work(minimal: Prepared, tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "md" / "shared").mkdir(parents=True)
    (folder / "md" / "shared" / "vision.md.j2").write_text("VISI BERSAMA\n", encoding="utf-8")
    (folder / "md" / "vision.md.j2").symlink_to(folder / "md" / "shared" / "vision.md.j2")
    md = minimal.render("id", formats=("md",), templates_dir=folder)["md"].text
    assert "VISI BERSAMA" in md


def test_bounded_operators_work_within_their_limits(minimal: Prepared, tmp_path: Path) -> None:
    folder = _template_folder(tmp_path, WITHIN_LIMITS, tmp_path / "unused")
    render_plan(minimal.plan, formats=("md",), out_dir=tmp_path / "out", templates_dir=folder)
    text = (tmp_path / "out" / "masterplan-id.md").read_text(encoding="utf-8")
    assert "===|ababab|2|1024|3.0|a1|bc|[1, 2]|[0, 1, 2]|3|1/3,2/3,3/3|True|  x  " in text


def test_a_template_running_out_of_memory_is_one_clear_error(
    minimal: Prepared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A format width is not bounded; let the allocation fail as it would
    # on a machine without the memory.
    import smartplan.render.environment as environment

    def exhausted(value: object) -> list[str]:
        raise MemoryError

    monkeypatch.setattr(environment, "_paragraphs", exhausted)
    folder = _template_folder(tmp_path, "{{ 'x'|paragraphs }}", tmp_path / "unused")
    with pytest.raises(RenderError) as info:
        render_plan(minimal.plan, formats=("md",), out_dir=tmp_path / "out", templates_dir=folder)
    _assert_clear(info.value.message, folder, "the template ran out of memory")
    assert not (tmp_path / "out").exists()


# --------------------------------------------------------------------------
# Label placeholders: a catalog override is code we did not write either


def _label_folder(root: Path, source: str, label: str) -> Path:
    folder = _template_folder(root, source, root / "unused")
    (folder / "i18n").mkdir()
    (folder / "i18n" / "id.yaml").write_text(f"x:\n  leak: {label!r}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("source", "label"),
    [
        ("{{ t('x.leak', f=cycler) }}", "{f.__init__.__globals__[os].environ[SMARTPLAN_SECRET]}"),
        ("{{ t('x.leak', f=lipsum) }}", "{f.__globals__[os].environ[SMARTPLAN_SECRET]}"),
        ("{{ t('x.leak', f=joiner) }}", "{f.__init__.__globals__[os].environ[SMARTPLAN_SECRET]}"),
        ("{{ t('x.leak', f=doc) }}", "{f.__class__}"),
    ],
    ids=["cycler", "lipsum", "joiner", "context-object"],
)
def test_label_placeholders_cannot_walk_objects(
    minimal: Prepared, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, label: str
) -> None:
    monkeypatch.setenv("SMARTPLAN_SECRET", "TOP-SECRET-TOKEN")
    folder = _label_folder(tmp_path, source, label)
    out = tmp_path / "out"
    with pytest.raises(RenderError) as info:
        render_plan(minimal.plan, formats=("md",), out_dir=out, templates_dir=folder)
    message = info.value.message
    _assert_clear(message, folder, "label 'x.leak'")
    assert "not a text or a number" in message
    assert "TOP-SECRET" not in message
    assert not out.exists()


@pytest.mark.parametrize(
    "label",
    ["{f.__class__}", "{f[0]}", "{f!r}", "{f:>99999999}", "{0}", "{}"],
)
def test_label_placeholders_are_plain_names(minimal: Prepared, tmp_path: Path, label: str) -> None:
    folder = _label_folder(tmp_path, "{{ t('x.leak', f='text') }}", label)
    with pytest.raises(RenderError) as info:
        render_plan(minimal.plan, formats=("md",), out_dir=tmp_path / "out", templates_dir=folder)
    _assert_clear(info.value.message, folder, "is not a plain {name}")


def test_label_placeholders_take_texts_and_numbers(minimal: Prepared, tmp_path: Path) -> None:
    source = "{{ t('x.leak', a='teks', b=3, c=1.5, d=doc.period, e='x'|safe) }}"
    folder = _label_folder(tmp_path, source, "[{a}|{b}|{c}|{d}|{e}|{{braces}}]")
    md = minimal.render("id", formats=("md",), templates_dir=folder)["md"].text
    assert re.search(r"\[teks\|3\|1\.5\|\d{4}(–\d{4})?\|x\|\{braces\}\]", md), md[:2000]


def test_label_with_an_undefined_value_is_an_undefined_error(
    minimal: Prepared, tmp_path: Path
) -> None:
    folder = _label_folder(tmp_path, "{{ t('x.leak', f=nosuch) }}", "{f}")
    with pytest.raises(RenderError) as info:
        render_plan(minimal.plan, formats=("md",), out_dir=tmp_path / "out", templates_dir=folder)
    _assert_clear(info.value.message, folder, UNDEFINED)


# --------------------------------------------------------------------------
# Time and memory limits of a render

#: Loops that would run for hours, without calling anything a hook could see.
ENDLESS = [
    "{% for i in range(10 ** 6) %}{% for j in range(10 ** 6) %}{% endfor %}{% endfor %}",
    "{% set x = 'x' * 10 ** 7 %}{% for i in x %}{% for j in x %}{% endfor %}{% endfor %}",
    "{% for i in range(10 ** 6) %}{% for j in range(10 ** 6) %}{{ i }}{% endfor %}{% endfor %}",
]


@pytest.mark.parametrize("source", ENDLESS, ids=["range", "text", "output"])
def test_a_template_running_too_long_is_stopped(
    minimal: Prepared, tmp_path: Path, source: str
) -> None:
    import time

    folder = _template_folder(tmp_path, source, tmp_path / "unused")
    started = time.monotonic()
    with pytest.raises(RenderError) as info:
        render_plan(
            minimal.plan,
            formats=("md",),
            out_dir=tmp_path / "out",
            templates_dir=folder,
            time_limit=0.5,
        )
    assert time.monotonic() - started < 10
    _assert_clear(info.value.message, folder, "longer than the time limit of 0.5 s")
    assert "SMARTPLAN_TIME_LIMIT" in (info.value.hint or "")
    assert not (tmp_path / "out").exists()


def test_the_time_limit_comes_from_the_environment_in_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _template_folder(tmp_path, ENDLESS[0], tmp_path / "unused")
    monkeypatch.setenv("SMARTPLAN_TIME_LIMIT", "0.5")
    monkeypatch.delenv("SMARTPLAN_DEBUG", raising=False)
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["render", str(MINIMAL), "--templates", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 2, result.output
    first = result.stderr.splitlines()[0].removeprefix("smartplan: error: ")
    _assert_clear(first, folder, "time limit of 0.5 s")
    assert not out.exists()


def test_a_render_within_the_limits_is_unchanged(minimal: Prepared) -> None:
    plain = minimal.render("id")
    limited = minimal.render("id", time_limit=30, memory_limit_bytes=1 << 30)
    unlimited = minimal.render("id", time_limit=0, memory_limit_bytes=0)
    for fmt in ("md", "html"):
        assert plain[fmt].text == limited[fmt].text == unlimited[fmt].text


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="RLIMIT_AS is set on Linux")
def test_a_template_past_the_memory_limit_is_one_clear_error(
    minimal: Prepared, tmp_path: Path
) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    # one filter call allocating 4 GB: refused by the address-space limit, not after
    folder = _template_folder(tmp_path, "{{ 'x'|center(4 * 10 ** 9) }}", tmp_path / "unused")
    with pytest.raises(RenderError) as info:
        render_plan(
            minimal.plan,
            formats=("md",),
            out_dir=tmp_path / "out",
            templates_dir=folder,
            memory_limit_bytes=256 << 20,
        )
    _assert_clear(info.value.message, folder, "ran out of memory")
    assert "SMARTPLAN_MEMORY_LIMIT" in (info.value.hint or "")
    assert resource.getrlimit(resource.RLIMIT_AS) == before, "the limit outlived the render"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, (60.0, 1 << 30)),
        ({"SMARTPLAN_TIME_LIMIT": "2.5", "SMARTPLAN_MEMORY_LIMIT": "512M"}, (2.5, 512 << 20)),
        ({"SMARTPLAN_TIME_LIMIT": "0", "SMARTPLAN_MEMORY_LIMIT": "0"}, (None, None)),
        ({"SMARTPLAN_MEMORY_LIMIT": "2GiB"}, (60.0, 2 << 30)),
        ({"SMARTPLAN_MEMORY_LIMIT": "1000"}, (60.0, 1000)),
    ],
)
def test_limits_from_the_environment(environ: dict[str, str], expected: tuple) -> None:
    from smartplan.render.limits import resolve_limits

    limits = resolve_limits(environ=environ)
    assert (limits.time, limits.memory) == expected
    # given values win over the environment
    given = resolve_limits(3, 4096, environ=environ)
    assert (given.time, given.memory) == (3, 4096)


@pytest.mark.parametrize(
    "environ",
    [
        {"SMARTPLAN_TIME_LIMIT": "soon"},
        {"SMARTPLAN_TIME_LIMIT": "-1"},
        {"SMARTPLAN_TIME_LIMIT": "nan"},
        {"SMARTPLAN_MEMORY_LIMIT": "lots"},
        {"SMARTPLAN_MEMORY_LIMIT": "-5M"},
    ],
)
def test_unreadable_limits_are_one_clear_error(environ: dict[str, str]) -> None:
    from smartplan.render.limits import resolve_limits

    with pytest.raises(RenderError) as info:
        resolve_limits(environ=environ)
    assert next(iter(environ)) in info.value.message
