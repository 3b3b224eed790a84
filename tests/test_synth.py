"""The synthetic plan generator: deterministic for a seed, valid by construction, N × M."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from smartplan.check.engine import validate_plan
from smartplan.check.yamlload import read_file
from smartplan.domain import PILLARS
from smartplan.problem import Problem
from smartplan.scaffold import plan_files
from smartplan.synth import main, write_plan, write_plans


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _program_files(plan_dir: Path) -> list[Path]:
    return sorted((plan_dir / "programs").rglob("*.yaml"))


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    first = _tree(write_plan(tmp_path / "a", 60, seed=11))
    second = _tree(write_plan(tmp_path / "b", 60, seed=11))
    assert first == second
    assert len(first) == 3 + len(PILLARS) + 60


def test_another_seed_another_plan(tmp_path: Path) -> None:
    first = _tree(write_plan(tmp_path / "a", 60, seed=11))
    other = _tree(write_plan(tmp_path / "b", 60, seed=12))
    assert first.keys() != other.keys() or first != other


@pytest.mark.parametrize(("programs", "seed"), [(6, 1), (400, 2024), (1000, 3)])
def test_valid_by_construction(tmp_path: Path, programs: int, seed: int) -> None:
    plan_dir = write_plan(tmp_path / "plan", programs, seed)
    result = validate_plan(plan_dir)
    assert result.ok
    assert result.problems == [], _shown(result.problems)
    assert len(result.plan.programs) == programs
    assert result.files_checked == 3 + len(PILLARS) + programs


@pytest.mark.parametrize(("programs", "seed"), [(25, 9), (40, 2), (150, 7)])
def test_small_plans_are_clean(tmp_path: Path, programs: int, seed: int) -> None:
    # Pillars are dealt in turn with economy twice per round, so even a small
    # plan leads with its priority pillar and V002 has nothing to say.
    plan_dir = write_plan(tmp_path / "plan", programs, seed)
    result = validate_plan(plan_dir)
    assert result.problems == [], _shown(result.problems)
    assert len(result.plan.programs) == programs


def _shown(problems: list[Problem]) -> list[str]:
    return [f"{p.file}:{p.line} {p.code} {p.message}" for p in problems]


def test_every_pillar_has_programs_and_some_depend_on_others(tmp_path: Path) -> None:
    plan_dir = write_plan(tmp_path / "plan", 200, seed=5)
    pillars = {p.parent.name for p in _program_files(plan_dir)}
    assert pillars == set(PILLARS)
    documents = [read_file(p).data for p in _program_files(plan_dir)]
    assert sum(1 for d in documents if d.get("depends_on")) > 20
    assert sum(1 for d in documents if d.get("quick_win")) >= 1
    ids = [d["id"] for d in documents]
    assert len(set(ids)) == len(ids)
    files = _program_files(plan_dir)
    assert all(p.stem == d["id"] for p, d in zip(files, documents, strict=True))


def test_n_plans_of_m_programs(tmp_path: Path) -> None:
    paths = write_plans(tmp_path, plans=3, programs=25, seed=9)
    assert [p.name for p in paths] == ["plan-000", "plan-001", "plan-002"]
    plan_ids = set()
    for path in paths:
        assert len(_program_files(path)) == 25
        result = validate_plan(path)
        assert result.ok, _shown(result.problems)
        assert result.problems == [], _shown(result.problems)
        assert len(result.plan.programs) == 25
        assert result.plan.info is not None
        plan_ids.add(result.plan.info.id)
    assert len(plan_ids) == 3
    # each plan has its own seed (seed + index), so the plans differ
    assert _tree(paths[0] / "programs") != _tree(paths[1] / "programs")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main([str(tmp_path / "out"), "--plans", "2", "--programs", "12", "--seed", "3"])
    printed = capsys.readouterr().out.split()
    assert printed == [str(tmp_path / "out" / "plan-000"), str(tmp_path / "out" / "plan-001")]
    again = _tree(write_plans(tmp_path / "again", 2, 12, 3)[1])
    assert _tree(tmp_path / "out" / "plan-001") == again


def test_agencies_and_criteria_are_those_of_init(tmp_path: Path) -> None:
    """The generator reads init's tables, so the two never drift apart."""
    init_files = plan_files(region="Contoh", province="Bali", period=(2025, 2034))
    init_agencies = yaml.safe_load(init_files["agencies.yaml"])["agencies"]
    init_criteria = yaml.safe_load(init_files["plan.yaml"])["scoring"]["criteria"]
    plan_dir = write_plan(tmp_path / "plan", 6, seed=1)
    synth_agencies = yaml.safe_load((plan_dir / "agencies.yaml").read_bytes())["agencies"]
    synth_plan = yaml.safe_load((plan_dir / "plan.yaml").read_bytes())
    shorts = {a["id"]: a["short"] for a in init_agencies}
    assert len(synth_agencies) == 15
    assert {a["id"]: a["short"] for a in synth_agencies}.items() <= shorts.items()
    assert [(c["id"], c["name"], c["kind"]) for c in synth_plan["scoring"]["criteria"]] == [
        (c["id"], c["name"]["id"], c["kind"]) for c in init_criteria
    ]
