"""``smartplan render`` end to end through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from typer.testing import CliRunner

from smartplan.cli import app
from smartplan.render import RenderedDocument
from tests.render.conftest import KOTIM, MINIMAL


def _runner() -> CliRunner:
    return CliRunner()


def test_render_writes_both_formats_and_prints_paths(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _runner().invoke(app, ["render", str(MINIMAL), "--out", str(out)],
                              catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"wrote {out / 'masterplan-id.md'}" in result.stdout
    assert f"wrote {out / 'masterplan-id.html'}" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["masterplan-id.html", "masterplan-id.md"]


def test_default_output_folder_is_build_inside_the_plan(tmp_path: Path) -> None:
    import pytest

    plan = tmp_path / "plans" / "contoh"
    shutil.copytree(MINIMAL, plan)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    mp = pytest.MonkeyPatch()
    try:
        mp.chdir(elsewhere)
        result = _runner().invoke(app, ["render", str(plan), "--format", "md"],
                                  catch_exceptions=False)  # fmt: skip
    finally:
        mp.undo()
    assert result.exit_code == 0, result.output
    assert (plan / "build" / "masterplan-id.md").is_file()
    assert not (plan / "build" / "masterplan-id.html").exists()
    assert list(elsewhere.iterdir()) == []
    # the plan still validates clean with its output beside it
    assert _runner().invoke(app, ["validate", str(plan)]).exit_code == 0


def test_english_fallback_list_is_capped_with_its_count(tmp_path: Path) -> None:
    from smartplan.cli.render_cmd import FALLBACKS_SHOWN

    result = _runner().invoke(
        app,
        ["render", str(KOTIM), "--lang", "en", "--format", "md", "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    head = lines[0]
    count = int(head.split()[1])
    assert count > FALLBACKS_SHOWN
    listed = [line for line in lines if "#/" in line]
    assert len(listed) == FALLBACKS_SHOWN
    assert lines[-1] == f"  ... and {count - FALLBACKS_SHOWN} more"


def test_cli_output_equals_the_library_rendering(
    tmp_path: Path, kotim_docs: dict[str, dict[str, RenderedDocument]]
) -> None:
    result = _runner().invoke(
        app,
        ["render", str(KOTIM), "--lang", "id", "--format", "md", "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    expected = kotim_docs["id"]["md"].text.encode("utf-8")
    assert (tmp_path / "masterplan-id.md").read_bytes() == expected


def test_english_render_lists_fallbacks(tmp_path: Path) -> None:
    result = _runner().invoke(
        app,
        ["render", str(MINIMAL), "--lang", "en", "--out", str(tmp_path)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0
    assert "no English text and are shown in Indonesian" in result.stderr
    assert "plan.yaml#/missions/0" in result.stderr


def test_invalid_plan_is_refused(tmp_path: Path) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    text = (plan / "plan.yaml").read_text(encoding="utf-8")
    (plan / "plan.yaml").write_text(text.replace("priority_pillar: economy", "priority_pillar: x"),
                                    encoding="utf-8")  # fmt: skip
    out = tmp_path / "out"
    result = _runner().invoke(app, ["render", str(plan), "--out", str(out)])
    assert result.exit_code == 1
    assert "plan.yaml" in result.stderr
    assert not out.exists()


def test_template_error_is_one_clear_line(tmp_path: Path) -> None:
    templates = tmp_path / "tpl" / "md"
    templates.mkdir(parents=True)
    (templates / "vision.md.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    result = _runner().invoke(
        app,
        ["render", str(MINIMAL), "--format", "md", "--templates", str(tmp_path / "tpl"),
         "--out", str(tmp_path / "out")],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "smartplan: error:" in result.stderr
    assert "sandbox" in result.stderr


def _with_logo(tmp_path: Path, name: str, data: bytes) -> Path:
    """A copy of the minimal plan whose front.yaml names the logo ``name`` (written as ``data``)."""
    plan = tmp_path / "plan"
    shutil.copytree(MINIMAL, plan)
    (plan / "front.yaml").write_text(f"kind: front\nlogo: {name}\n", encoding="utf-8")
    if data:
        (plan / name).write_bytes(data)
    return plan


def test_the_cover_shows_the_logo_of_front_yaml_as_a_data_uri(tmp_path: Path) -> None:
    import base64

    logo = (KOTIM / "logo-kotim.svg").read_bytes()
    plan = _with_logo(tmp_path, "lambang.svg", logo)
    out = tmp_path / "out"
    result = _runner().invoke(app, ["render", str(plan), "--format", "html", "--out", str(out)],
                              catch_exceptions=False)  # fmt: skip
    assert result.exit_code == 0, result.output
    html = (out / "masterplan-id.html").read_text(encoding="utf-8")
    uri = "data:image/svg+xml;base64," + base64.b64encode(logo).decode("ascii")
    cover = html[html.index('<header class="page cover"') : html.index("</header>")]
    assert f'<img class="cover-logo" src="{uri}"' in cover
    # without a logo, none: the plain minimal plan
    plain = tmp_path / "plain"
    args = ["render", str(MINIMAL), "--format", "html", "--out", str(plain)]
    result = _runner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert '<img class="cover-logo"' not in (plain / "masterplan-id.html").read_text(
        encoding="utf-8"
    )


def test_a_bad_logo_is_rule_L001_and_refuses_the_render_without_a_traceback(
    tmp_path: Path,
) -> None:
    plan = _with_logo(tmp_path, "https://kotimkab.go.id/logo.png", b"")
    out = tmp_path / "out"
    result = _runner().invoke(app, ["render", str(plan), "--format", "html", "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert "L001" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not out.exists()
