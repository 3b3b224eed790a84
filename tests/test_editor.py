"""Editor support, proven with the real client: yaml-language-server over stdio.

``smartplan init`` writes a ``# yaml-language-server: $schema=...`` modeline on
every plan file and a ``.vscode/settings.json`` mapping the schemas. These
tests start the same language server VS Code's YAML extension runs, speak LSP
JSON-RPC to it, open a program file written by init with a misspelled key and
wait for the diagnostic.

The server comes from the npm registry. Install it outside the repository::

    npm install --prefix ~/.cache/smartplan-npm --no-audit --no-fund yaml-language-server@1

or point ``SMARTPLAN_YAML_LANGUAGE_SERVER`` at its executable. Without Node.js
or the server the tests are skipped, unless ``SMARTPLAN_REQUIRE_EDITOR=1``
(as in CI), where they fail instead.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from smartplan.scaffold import init_plan
from tests.tools import unavailable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
NPM_PREFIX = Path.home() / ".cache" / "smartplan-npm"
INSTALL = f"npm install --prefix {NPM_PREFIX} --no-audit --no-fund yaml-language-server@1"
TIMEOUT = 30.0
PROGRAM = Path("programs/economy/eco-contoh-retribusi-nontunai.yaml")
#: One file of each kind, a top-level key in it, and a misspelling of that key.
MISSPELLINGS = [
    (PROGRAM, "budget", "budjet"),
    (Path("plan.yaml"), "vision", "vison"),
    (Path("agencies.yaml"), "agencies", "agencys"),
    (Path("readiness.yaml"), "swot", "swat"),
    (Path("pillars/economy.yaml"), "elements", "elemens"),
]


def _unavailable(reason: str) -> None:
    unavailable(reason, "SMARTPLAN_REQUIRE_EDITOR")


def find_server() -> list[str]:
    """The command that starts yaml-language-server, or skip (fail when required)."""
    if shutil.which("node") is None:
        _unavailable("Node.js (node) is not installed; yaml-language-server needs it")
    configured = os.environ.get("SMARTPLAN_YAML_LANGUAGE_SERVER")
    candidates = [Path(configured)] if configured else []
    candidates += [
        NPM_PREFIX / "node_modules" / ".bin" / "yaml-language-server",
        ROOT / "node_modules" / ".bin" / "yaml-language-server",
    ]
    on_path = shutil.which("yaml-language-server")
    if on_path:
        candidates.append(Path(on_path))
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate), "--stdio"]
    _unavailable(f"yaml-language-server is not installed; install it with: {INSTALL}")
    raise AssertionError("unreachable")


class LanguageServer:
    """A minimal LSP client: framed JSON-RPC over the server's stdin and stdout."""

    def __init__(self, command: list[str], settings: dict[str, Any]) -> None:
        self.settings = settings
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.stderr: list[bytes] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- transport

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self.messages.put(json.loads(stream.read(length)))

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.stderr.append(line)

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self._next_id += 1
        request_id = self._next_id
        self.send({"id": request_id, "method": method, "params": params})
        reply = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m)
        assert "error" not in reply, reply
        return reply.get("result")

    def wait_for(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Answer the server's own requests until a message ``wanted`` accepts arrives."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no answer from yaml-language-server in {TIMEOUT:g} s")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            if message is None:
                err = b"".join(self.stderr).decode(errors="replace")
                raise AssertionError(f"yaml-language-server exited: {err[-2000:]}")
            if "method" in message and "id" in message:
                self._answer(message)
            elif wanted(message):
                return message

    def _answer(self, message: dict[str, Any]) -> None:
        result: Any = None
        if message["method"] == "workspace/configuration":
            result = [
                self.settings if item.get("section") == "yaml" else None
                for item in message["params"]["items"]
            ]
        self.send({"id": message["id"], "result": result})

    # -- LSP

    def start(self, root: Path) -> None:
        self.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": {
                    "workspace": {"configuration": True},
                    "textDocument": {
                        "publishDiagnostics": {},
                        "completion": {"completionItem": {"snippetSupport": False}},
                        "hover": {"contentFormat": ["plaintext"]},
                    },
                },
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": {"yaml": self.settings}})

    def open(self, path: Path, text: str) -> list[dict[str, Any]]:
        """Open a document; return the diagnostics the server publishes for it."""
        uri = path.as_uri()
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
        )
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
            )
        )
        return message["params"]["diagnostics"]

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                self.request("shutdown", {})
                self.notify("exit", {})
                self.process.wait(timeout=5)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()


BASE_SETTINGS: dict[str, Any] = {
    "validate": True,
    "completion": True,
    "hover": True,
    "schemaStore": {"enable": False},
}


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    target = tmp_path / "plan"
    init_plan(target, region="Contoh", province="Kalimantan Tengah", period=(2025, 2034))
    return target


@pytest.fixture
def server_command() -> list[str]:
    return find_server()


@pytest.fixture
def start_server(server_command: list[str]) -> Iterator[Callable[..., LanguageServer]]:
    started: list[LanguageServer] = []

    def start(root: Path, settings: dict[str, Any]) -> LanguageServer:
        server = LanguageServer(server_command, settings)
        started.append(server)
        server.start(root)
        return server

    yield start
    for server in started:
        server.close()


def _misspell(text: str, key: str = "budget", wrong: str = "budjet") -> tuple[str, int]:
    """Rename the top-level ``key`` to ``wrong``; return the text and the line it is on."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = lines[index].replace(key, wrong, 1)
    return "\n".join(lines), index


def _not_allowed(
    diagnostics: list[dict[str, Any]], line: int, key: str = "budjet"
) -> list[dict[str, Any]]:
    return [
        d
        for d in diagnostics
        if key in d["message"]
        and "not allowed" in d["message"]
        and d["range"]["start"]["line"] == line
    ]


def test_modeline_schema_reports_misspelled_key(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    path = plan / PROGRAM
    original = path.read_text(encoding="utf-8")
    assert original.startswith("# yaml-language-server: $schema=../../.smartplan/")
    server = start_server(plan, BASE_SETTINGS)

    clean = server.open(path, original)
    assert clean == [], clean

    broken_path = path.with_name("eco-contoh-salah-ketik.yaml")
    broken, line = _misspell(original)
    diagnostics = server.open(broken_path, broken)
    found = _not_allowed(diagnostics, line)
    assert found, diagnostics
    assert found[0].get("severity") == 1  # error
    schema_uris = found[0].get("data", {}).get("schemaUri", [])
    if schema_uris:  # the offline copy init wrote, not a download
        assert schema_uris == [(plan / ".smartplan/schemas/program.schema.json").as_uri()]

    for rel, key, wrong in MISSPELLINGS[1:]:  # the other kinds of file, by their modelines
        other = plan / rel
        text, line = _misspell(other.read_text(encoding="utf-8"), key, wrong)
        assert text.startswith("# yaml-language-server: $schema=")
        diagnostics = server.open(other, text)
        assert _not_allowed(diagnostics, line, wrong), (rel, diagnostics)


def test_completion_offers_schema_keys(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    path = plan / PROGRAM
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    index = lines.index("budget:")
    # drop the budget block, leave an empty line where a key goes
    end = index + 1
    while lines[end].startswith(" "):
        end += 1
    lines[index:end] = [""]
    server = start_server(plan, BASE_SETTINGS)
    server.open(path, "\n".join(lines))
    result = server.request(
        "textDocument/completion",
        {"textDocument": {"uri": path.as_uri()}, "position": {"line": index, "character": 0}},
    )
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert "budget" in labels, sorted(labels)
    assert "kind" not in labels  # already present

    years = lines.index("years:")
    hover = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": path.as_uri()}, "position": {"line": years, "character": 2}},
    )
    contents = json.dumps(hover, ensure_ascii=False)
    assert "Tahun pelaksanaan" in contents, contents


def test_vscode_settings_map_schemas_without_modeline(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    """The yaml.schemas mapping init writes covers every kind of plan file."""
    vscode = json.loads((plan / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    settings = {**BASE_SETTINGS, "schemas": vscode["yaml.schemas"]}
    broken_files = []
    for rel, key, wrong in MISSPELLINGS:
        path = plan / rel
        without_modeline = path.read_text(encoding="utf-8").split("\n", 1)[1]
        assert "yaml-language-server" not in without_modeline
        broken, line = _misspell(without_modeline, key, wrong)
        path.write_text(broken, encoding="utf-8")
        broken_files.append((path, broken, line, wrong))

    server = start_server(plan, settings)
    for path, broken, line, wrong in broken_files:
        diagnostics = server.open(path, broken)
        assert _not_allowed(diagnostics, line, wrong), (path.name, diagnostics)


def _value_completions(server: LanguageServer, path: Path, text: str, key: str) -> set[str]:
    """What the server offers after ``key: `` (the value blanked) in ``text``."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: "
    server.open(path, "\n".join(lines))
    result = server.request(
        "textDocument/completion",
        {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": index, "character": len(lines[index])},
        },
    )
    items = result["items"] if isinstance(result, dict) else result
    return {item["label"] for item in items}


def test_plan_specific_schemas_complete_the_plans_own_ids(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    """``smartplan schema --plan`` makes the editor offer the plan's agency and element ids."""
    from typer.testing import CliRunner

    from smartplan.cli import app

    agencies = plan / "agencies.yaml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8")
        + "  - id: dinas-contoh-baru\n    name:\n      id: Dinas Contoh Baru\n"
        "    short: DCB\n",
        encoding="utf-8",
    )
    path = plan / PROGRAM
    text = path.read_text(encoding="utf-8")

    generic = start_server(plan, BASE_SETTINGS)
    assert "dinas-contoh-baru" not in _value_completions(generic, path, text, "lead_agency")
    generic.close()

    result = CliRunner().invoke(app, ["schema", "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    server = start_server(plan, BASE_SETTINGS)
    offered = _value_completions(server, path, text, "lead_agency")
    assert {"dinas-contoh-baru", "diskominfo", "bappeda"} <= offered, sorted(offered)
    elements = _value_completions(server, path, text, "element")
    assert "ECO-1" in elements, sorted(elements)
    # a misspelt agency id is flagged as you type
    wrong = text.replace(
        next(line for line in text.split("\n") if line.startswith("lead_agency:")),
        "lead_agency: diskominf",
    )
    diagnostics = server.open(path.with_name("eco-contoh-salah.yaml"), wrong)
    assert any("diskominfo" in d["message"] for d in diagnostics), diagnostics


def _replace_top_level(text: str, key: str, value: str) -> tuple[str, int]:
    """Set the top-level ``key`` to ``value``; return the text and the line it is on."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
    lines[index] = f"{key}: {value}"
    return "\n".join(lines), index


def _on_line(diagnostics: list[dict[str, Any]], line: int) -> list[str]:
    return [d["message"] for d in diagnostics if d["range"]["start"]["line"] == line]


def test_bad_values_get_the_schemas_bilingual_messages_not_regexes(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    """A bad program id shows the Indonesian / English message, not the pattern."""
    path = plan / PROGRAM
    original = path.read_text(encoding="utf-8")
    server = start_server(plan, BASE_SETTINGS)

    broken, line = _replace_top_level(original, "id", "Eco_Pasar Digital")
    messages = _on_line(server.open(path.with_name("eco-contoh-id-salah.yaml"), broken), line)
    assert messages, f"no diagnostic on line {line + 1}"
    assert any(
        m.startswith("id: huruf kecil, angka dan tanda hubung")
        and " / id: lower-case letters, digits and hyphens" in m
        for m in messages
    ), messages
    assert not any("pattern" in m or "^[a-z0-9]" in m for m in messages), messages

    broken, line = _replace_top_level(original, "horizon", "pendek")
    messages = _on_line(server.open(path.with_name("eco-contoh-jangka.yaml"), broken), line)
    assert (
        "Jangka waktu: salah satu dari short, medium, long / Horizon: one of short, medium, long"
        in messages
    ), messages


def test_plan_specific_schemas_show_the_bilingual_messages_too(
    plan: Path, start_server: Callable[..., LanguageServer]
) -> None:
    from typer.testing import CliRunner

    from smartplan.cli import app

    result = CliRunner().invoke(app, ["schema", "--plan", str(plan)])
    assert result.exit_code == 0, result.output
    path = plan / PROGRAM
    original = path.read_text(encoding="utf-8")
    server = start_server(plan, BASE_SETTINGS)

    broken, line = _replace_top_level(original, "lead_agency", "diskominf")
    messages = _on_line(server.open(path.with_name("eco-contoh-opd.yaml"), broken), line)
    assert any(
        m.startswith("OPD di agencies.yaml: salah satu dari ")
        and "diskominfo" in m
        and " / agencies in agencies.yaml: one of " in m
        for m in messages
    ), messages

    broken, line = _replace_top_level(original, "id", "Eco_Pasar")
    messages = _on_line(server.open(path.with_name("eco-contoh-id.yaml"), broken), line)
    assert any(m.startswith("id: huruf kecil") for m in messages), messages
