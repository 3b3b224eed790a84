"""Indonesian and English messages: the catalogs, the choice of language, real commands.

The rest of the suite reads English (tests/conftest.py pins SMARTPLAN_LANG=en);
here every test chooses its own language, through ``--lang``, SMARTPLAN_LANG
or the locale, as a user would.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from typer.testing import CliRunner, Result

from smartplan import i18n
from smartplan.cli import app
from tests.planedit import apply_edits

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
KOTIM = ROOT / "plans" / "kotim"
PO = ROOT / "smartplan" / "locale" / "id" / "LC_MESSAGES" / "smartplan.po"
ECO = "programs/economy/eco-pasar-digital.yaml"

#: one error (R002, with a hint) in a program and one warning (B003) in plan.yaml
BROKEN = {
    ECO: {"replace": [["lead_agency: diskominfo", "lead_agency: dinas-kominfo"]]},
    "plan.yaml": {"replace": [["  2026: 5000000000\n", "  2026: 5000000000\n  2031: 1\n"]]},
}
#: every variable that chooses the language, cleared; a test sets the one it means
NO_LANGUAGE: dict[str, str | None] = {
    "SMARTPLAN_LANG": None,
    "LC_ALL": None,
    "LC_MESSAGES": None,
    "LANG": None,
    "GITHUB_ACTIONS": None,
    "NO_COLOR": None,
    "FORCE_COLOR": None,
}
#: a named python-format placeholder, %(name)s or %(n)d (smartplan formats by name only),
#: and a str.format one, {name} (typer's own words)
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa])|\{(\w+)(!r)?\}")


def invoke(*args: str, **env: str) -> Result:
    return CliRunner().invoke(app, list(args), env={**NO_LANGUAGE, **env})


def run(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    """smartplan in a real process, with only the language variables given."""
    clean = {k: v for k, v in os.environ.items() if k not in NO_LANGUAGE}
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def broken_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    apply_edits(plan, BROKEN)
    return plan


# --------------------------------------------------------------------------- the catalogs


def _placeholders(text: str) -> list[tuple[str, str]]:
    return sorted(
        (m.group(1) or m.group(3), m.group(2) or m.group(4) or "")
        for m in PLACEHOLDER.finditer(text)
    )


def _stray_percent(text: str) -> bool:
    """A ``%`` that is neither a placeholder nor ``%%``: formatting would fail on it."""
    return "%" in re.sub(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|%%", "", text)


def test_catalogs_are_current() -> None:
    """Every msgid in the source is in the .pot and the .po; the .mo is compiled from the .po.

    Fails when a message is added or changed without ``make messages``, or
    left untranslated.
    """
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import messages
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert messages.check() == []


def test_every_msgid_has_an_indonesian_translation_with_the_same_placeholders() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="id")
    ids = [m for m in catalog if m.id]
    assert len(ids) > 300
    for message in ids:
        singular = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert strings and all(s.strip() for s in strings), f"untranslated: {singular!r}"
        assert not message.fuzzy, f"fuzzy: {singular!r}"
        if not isinstance(message.id, tuple):
            assert _placeholders(message.string) == _placeholders(singular), singular
        else:
            # Indonesian has one form; its placeholders are those of either English form
            wanted = {tuple(_placeholders(form)) for form in message.id}
            for form in strings:
                assert tuple(_placeholders(form)) in wanted, singular
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        if any("%(" in form for form in english):  # formatted with %: no stray per cent
            assert not any(_stray_percent(form) for form in (*strings, *english)), singular


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel cannot extract ``_("…")`` inside an f-string's braces: it would stay English."""
    marked = re.compile(r"""\{(?:_|ngettext|N_|lazy|lazy_plural)\(["']""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in (ROOT / "smartplan").rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if marked.search(line)
    ]
    assert found == []


# --------------------------------------------------------------------------- the choice


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "id"}, "id"),
        ({"LANG": "in_ID"}, "id"),  # the old code some systems (Java) still use
        ({"LANG": "de_DE.UTF-8"}, "en"),  # a language smartplan does not speak: English
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_MESSAGES": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}, "id"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "id_ID.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
        ({"LC_ALL": "id_ID.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "id"),
        ({"SMARTPLAN_LANG": "id", "LC_ALL": "en_US.UTF-8"}, "id"),
        ({"SMARTPLAN_LANG": "en", "LANG": "id_ID.UTF-8"}, "en"),
        ({"SMARTPLAN_LANG": "", "LANG": "id_ID.UTF-8"}, "id"),  # empty counts as unset
    ],
)
def test_language_from_the_environment(environ: dict[str, str], expected: str) -> None:
    assert i18n.choose(None, environ) == expected


def test_explicit_language_wins_over_the_environment() -> None:
    assert i18n.choose("en", {"SMARTPLAN_LANG": "id", "LANG": "id_ID.UTF-8"}) == "en"
    assert i18n.choose("id", {"LANG": "de_DE.UTF-8"}) == "id"


def test_lazy_message_is_english_and_translates_later() -> None:
    message = i18n.lazy("hint: %(hint)s", hint="x")
    assert message == "hint: x" and isinstance(message, str)
    with i18n.speaking("id"):
        assert i18n.localize(message) == "saran: x"
        assert str(message) == "hint: x"  # what JSON and SARIF write
    assert i18n.localize(message) == "hint: x"
    copy = pickle.loads(pickle.dumps(message))
    assert copy == message and isinstance(copy, i18n.Message)
    assert i18n.localize("plain text") == "plain text"
    assert i18n.localize(None) is None


def test_a_schema_message_is_said_in_its_own_half_of_each_language() -> None:
    from types import SimpleNamespace

    from smartplan.check.schemacheck import _pattern_message

    # the three attributes _pattern_message reads of a ValidationError
    error = SimpleNamespace(
        validator_value="^[a-z]+[.][a-z_]+$",
        instance="Kepemimpinan",
        schema={
            "patternErrorMessage": "aspek.subaspek, mis. tata_kelola.sdm / "
            "aspect.subaspect, e.g. governance.staff"
        },
    )
    message = _pattern_message(error)  # type: ignore[arg-type]
    assert message == "text 'Kepemimpinan' does not fit (aspect.subaspect, e.g. governance.staff)"
    with i18n.speaking("id"):
        said = i18n.localize(message)
    assert said is not None and said.endswith("(aspek.subaspek, mis. tata_kelola.sdm)")
    assert "aspect.subaspect" not in said
    copy = pickle.loads(pickle.dumps(message))
    with i18n.speaking("id"):
        assert i18n.localize(copy) == said


def test_a_command_restores_the_language_before_it() -> None:
    before = i18n.language()
    result = invoke("validate", str(KOTIM), "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "tidak ada masalah" in result.stdout
    assert i18n.language() == before


# --------------------------------------------------------------------------- real commands


def test_validate_under_an_indonesian_locale(broken_plan: Path) -> None:
    result = run("validate", str(broken_plan), LANG="id_ID.UTF-8")
    assert result.returncode == 1
    out = result.stdout
    assert "kesalahan" in out and "peringatan" in out
    assert "saran:" in out
    assert "1 kesalahan, 1 peringatan dalam 2 berkas" in out
    # rule codes and names stay as they are
    assert "R002" in out and "B003" in out
    assert "error" not in out and "hint:" not in out


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["validate", "--lang", "id"], {}),
        (["--lang", "id", "validate"], {}),  # on the root
        (["validate"], {"SMARTPLAN_LANG": "id"}),
        (["validate"], {"LANG": "id_ID.UTF-8"}),
        (["validate"], {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US.UTF-8"}),
    ],
)
def test_every_way_to_choose_indonesian(args: list[str], env: dict[str, str]) -> None:
    result = invoke(*args, str(KOTIM), **env)
    assert result.exit_code == 0, result.output
    assert "tidak ada masalah (" in result.stdout and "berkas diperiksa" in result.stdout


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["validate"], {"LANG": "de_DE.UTF-8"}),  # German: not spoken, English
        (["validate"], {}),
        (["validate", "--lang", "en"], {"SMARTPLAN_LANG": "id"}),  # the option wins
        (["--lang", "id", "validate", "--lang", "en"], {}),  # the command's over the root's
    ],
)
def test_english_and_the_fallback(args: list[str], env: dict[str, str]) -> None:
    result = invoke(*args, str(KOTIM), **env)
    assert result.exit_code == 0, result.output
    assert "no problems (" in result.stdout and "files checked" in result.stdout


def test_german_locale_falls_back_to_english_in_a_real_process(broken_plan: Path) -> None:
    result = run("validate", str(broken_plan), LANG="de_DE.UTF-8")
    assert result.returncode == 1
    assert "1 error, 1 warning in 2 files" in result.stdout
    assert "hint:" in result.stdout


def test_errors_and_hints_of_the_cli_in_indonesian(tmp_path: Path) -> None:
    result = run("validate", "--format", "nope", str(KOTIM), SMARTPLAN_LANG="id")
    assert result.returncode == 2
    assert "smartplan: kesalahan: format 'nope' tidak dikenal" in result.stderr
    assert "saran: pilih dari" in result.stderr


def test_prioritize_table_in_indonesian() -> None:
    result = invoke("prioritize", str(KOTIM), "--lang", "id", "--sensitivity", "--draws", "50")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Bobot kriteria (AHP" in out
    assert "Konsistensi AHP (kriteria)" in out and "konsisten" in out
    assert "Matriks quick win" in out
    assert "Sensitivitas 10 teratas" in out
    assert "10 teratas tidak berubah" in out


def test_prioritize_schedule_in_indonesian() -> None:
    result = invoke("prioritize", str(KOTIM), "--schedule", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "Peta jalan" in result.stdout
    assert "Tujuan:" in result.stdout


def test_rules_list_in_indonesian() -> None:
    result = invoke("rules", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "aturan smartplan" in result.stdout
    assert "R002" in result.stdout  # codes and names stay as they are


# --------------------------------------------------------------------------- machine formats


@pytest.mark.parametrize("name", ["json", "sarif", "junit", "gitlab"])
def test_validate_machine_formats_do_not_change_with_the_language(
    broken_plan: Path, name: str
) -> None:
    english = invoke("validate", str(broken_plan), "--format", name, "--lang", "en")
    indonesian = invoke("validate", str(broken_plan), "--format", name, "--lang", "id")
    assert english.exit_code == indonesian.exit_code == 1
    assert english.stdout == indonesian.stdout
    assert "2031" in english.stdout  # the problem is there, in English


@pytest.mark.parametrize(
    "args",
    [
        ["prioritize", "--format", "json", "--sensitivity", "--draws", "20", "--schedule"],
        ["prioritize", "--format", "csv", "--sensitivity", "--draws", "20", "--schedule"],
    ],
)
def test_prioritize_machine_formats_do_not_change_with_the_language(args: list[str]) -> None:
    english = invoke(*args, str(KOTIM), "--lang", "en")
    indonesian = invoke(*args, str(KOTIM), "--lang", "id")
    assert english.exit_code == indonesian.exit_code == 0, indonesian.output
    assert english.stdout_bytes == indonesian.stdout_bytes


def test_problem_messages_of_the_checks_in_indonesian(broken_plan: Path) -> None:
    result = invoke("validate", str(broken_plan), "--lang", "id")
    assert result.exit_code == 1
    out = result.stdout
    assert "pagu untuk 2031 berada di luar periode rencana 2025–2029" in out  # B003
    assert "tidak ada di agencies.yaml" in out  # R002
    assert "saran: mungkin maksud Anda 'diskominfo'?" in out


def test_validate_json_is_the_same_under_an_indonesian_locale(broken_plan: Path) -> None:
    english = run("validate", str(broken_plan), "--format", "json", LANG="C.UTF-8")
    indonesian = run("validate", str(broken_plan), "--format", "json", LANG="id_ID.UTF-8")
    assert english.returncode == indonesian.returncode == 1
    assert english.stdout == indonesian.stdout
    assert "is not in agencies.yaml" in indonesian.stdout


@pytest.mark.parametrize("output", ["json", "csv"])
def test_evaluate_machine_formats_do_not_change_with_the_language(output: str) -> None:
    args = ("evaluate", str(KOTIM), "--year", "2024", "--format", output)
    english = invoke(*args, "--lang", "en")
    indonesian = invoke(*args, "--lang", "id")
    assert english.exit_code == indonesian.exit_code == 0, indonesian.output
    assert english.stdout_bytes == indonesian.stdout_bytes


def test_evaluate_table_in_indonesian() -> None:
    result = invoke("evaluate", str(KOTIM), "--year", "2024", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "Pemantauan dan evaluasi 2024" in result.stdout
    assert "Per pilar" in result.stdout and "Per program" in result.stdout


def test_render_documents_do_not_follow_the_message_language(tmp_path: Path) -> None:
    """The document's language is the plan's (or render --lang); the messages are the user's."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    english = invoke("render", str(plan), "--format", "md", "-o", str(tmp_path / "en"))
    indonesian = invoke(
        "render", str(plan), "--format", "md", "-o", str(tmp_path / "id"), LANG="id_ID.UTF-8"
    )
    assert english.exit_code == indonesian.exit_code == 0, indonesian.output
    assert "wrote " in english.stdout and "menulis " in indonesian.stdout
    written = sorted(p.name for p in (tmp_path / "en").iterdir())
    assert written == sorted(p.name for p in (tmp_path / "id").iterdir())
    for name in written:
        assert (tmp_path / "en" / name).read_bytes() == (tmp_path / "id" / name).read_bytes()


def test_render_lang_chooses_the_messages_too(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    result = invoke("render", str(plan), "--format", "md", "--lang", "en", SMARTPLAN_LANG="id")
    assert result.exit_code == 0, result.output
    assert "wrote " in result.stdout
    assert (plan / "build" / "masterplan-en.md").is_file()


def test_init_and_schema_in_indonesian(tmp_path: Path) -> None:
    created = invoke(
        "init", str(tmp_path / "contoh"), "--region", "Kabupaten Contoh", "--lang", "id"
    )
    assert created.exit_code == 0, created.output
    assert "Langkah berikutnya:" in created.stdout
    assert "Menulis " in created.stdout
    listed = invoke("schema", SMARTPLAN_LANG="id")
    assert listed.exit_code == 0, listed.output
    assert "JSON Schema di" in listed.stdout


def test_diff_in_indonesian(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "plan"], cwd=repo, check=True)
    result = run("diff", str(repo), cwd=repo, SMARTPLAN_LANG="id")
    assert result.returncode == 0, result.stderr
    assert "Tidak ada perubahan." in result.stdout
    missing = run("diff", "no-such-revision", str(repo), cwd=repo, SMARTPLAN_LANG="id")
    assert missing.returncode == 2
    assert "smartplan: kesalahan: revisi tidak dikenal: no-such-revision" in missing.stderr


def test_monitor_new_in_indonesian(tmp_path: Path) -> None:
    plan = tmp_path / "kotim"
    shutil.copytree(KOTIM, plan)
    result = invoke("monitor", "new", str(plan), "--year", "2025", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "menulis " in result.stdout or "membiarkan " in result.stdout


def test_the_rules_table_keeps_codes_and_says_severities_in_indonesian() -> None:
    result = invoke("rules", "--lang", "id")
    assert result.exit_code == 0, result.output
    assert "kesalahan" in result.stdout and "peringatan" in result.stdout
    assert "references.agency" in result.stdout


# --------------------------------------------------------------------------- --help


def test_help_in_indonesian_under_the_locale() -> None:
    result = run("--help", LANG="id_ID.UTF-8")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Penggunaan: python -m smartplan")
    assert "Validasi, susun prioritas, dan render" in out
    assert "Perintah:" in out and "Opsi:" in out
    assert "Tampilkan pesan ini lalu keluar." in out
    # the one-line summaries of the commands too
    assert "Periksa berkas rencana terhadap skema" in out


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "--help", "--lang", "id"],
        ["validate", "--lang", "id", "--help"],
        ["--lang", "id", "validate", "--help"],
    ],
)
def test_command_help_follows_lang(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 0, result.stderr
    assert "Periksa berkas rencana terhadap skema dan aturan konsistensi." in result.stdout
    assert "Gagal (keluar 1) juga karena peringatan." in result.stdout  # --strict


def test_help_falls_back_to_english_and_leaves_the_commands_as_they_were() -> None:
    german = run("prioritize", "--help", LANG="de_DE.UTF-8")
    assert german.stdout.startswith("Usage: python -m smartplan prioritize")
    assert "Rank the plan's programs" in german.stdout
    indonesian = invoke("--lang", "id", "prioritize", "--help")
    assert "Susun peringkat program" in indonesian.stdout
    english = invoke("prioritize", "--help")
    assert "Rank the plan's programs" in english.stdout
    assert "Susun peringkat" not in english.stdout
