#!/usr/bin/env python3
"""Coverage-guided fuzz target (atheris/libFuzzer) for the loader and validate.

Each input is one plan file. Its first byte picks which file of a copy of
``tests/fixtures/minimal`` it replaces (plan.yaml, agencies.yaml,
readiness.yaml, a pillar, a program, or the optional smartplan.yaml); the
remaining bytes are written as that file. The plan then goes through
:func:`smartplan.yamlload.load_text` and
:func:`smartplan.check.engine.validate_plan` and, when it is valid,
:func:`smartplan.prioritize.prioritize`, its sensitivity, the roadmap
:func:`smartplan.prioritize.schedule`, and the document
(:func:`smartplan.render.render_plan`, Markdown and HTML, in Indonesian and,
for every other input, English). A plan that validates clean must rank and
render every one of its programs: a program missing from the ranking or the
document is a finding too. Problems in the plan are
expected; any exception that is not a :class:`smartplan.errors.SmartplanError`
is a finding (libFuzzer saves the input as ``crash-<sha1>``).

Run on demand (atheris is not a test dependency)::

    pip install atheris==2.3.0
    python tests/fuzz/fuzz_validate.py -max_total_time=1800 /tmp/fuzz-corpus tests/fuzz/corpus

See tests/fuzz/README.md. Reproduce a saved input with
``python tests/fuzz/fuzz_validate.py crash-<sha1>`` (with or without atheris
installed; without it the inputs are replayed once each and tracebacks shown).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib
import os
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

try:
    import atheris
except ImportError:  # without atheris, saved inputs can still be replayed (see main)
    atheris = None

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

with (
    atheris.instrument_imports(include=["smartplan", "yaml"])
    if atheris is not None
    else contextlib.nullcontext()
):
    # Import now everything validate imports lazily (the rules, the schema
    # checks): atheris instruments only modules imported inside this block.
    for _lazy in (
        "smartplan.check.fastcheck",
        "smartplan.resources",
        "smartplan.check.schemacheck",
    ):
        importlib.import_module(_lazy)
    from smartplan.check.engine import validate_plan
    from smartplan.check.rules import load_all
    from smartplan.check.yamlload import load_text
    from smartplan.errors import SmartplanError
    from smartplan.prioritize import prioritize, schedule, sensitivity
    from smartplan.render import render_plan

    load_all()

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"

#: The file a given first byte selects (byte modulo the number of targets).
TARGETS = (
    "plan.yaml",
    "agencies.yaml",
    "readiness.yaml",
    "pillars/economy.yaml",
    "programs/economy/eco-pasar-digital.yaml",
    "programs/living/liv-telemedisin.yaml",
    "smartplan.yaml",  # the optional rule configuration (absent from the fixture)
)

_SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None
_BASE = Path(tempfile.mkdtemp(prefix="smartplan-fuzz-", dir=_SCRATCH))
atexit.register(shutil.rmtree, _BASE, True)
PLAN = _BASE / "plan"
OUT = _BASE / "out"
shutil.copytree(MINIMAL, PLAN)
ORIGINAL = {rel: (PLAN / rel).read_bytes() if (PLAN / rel).exists() else None for rel in TARGETS}


def target_for(data: bytes) -> tuple[str, bytes]:
    """Which plan file the input replaces, and its content."""
    if not data:
        return TARGETS[0], b""
    return TARGETS[data[0] % len(TARGETS)], data[1:]


#: With SMARTPLAN_FUZZ_FINDINGS=<dir>, unexpected exceptions are saved there
#: (input and traceback, once per exception type and raising line) and the
#: run goes on, so one long run collects every distinct finding. Without it
#: the exception propagates and libFuzzer stops and saves a crash- file.
FINDINGS = os.environ.get("SMARTPLAN_FUZZ_FINDINGS")
_seen: set[str] = set()


def _record(data: bytes, exc: BaseException) -> None:
    frame = traceback.extract_tb(exc.__traceback__)[-1]
    signature = f"{type(exc).__name__}-{Path(frame.filename).stem}-{frame.lineno}"
    if signature in _seen:
        return
    _seen.add(signature)
    folder = Path(FINDINGS)  # type: ignore[arg-type]
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{signature}-{hashlib.sha1(data).hexdigest()[:12]}"
    (folder / f"{name}.input").write_bytes(data)
    (folder / f"{name}.txt").write_text("".join(traceback.format_exception(exc)), "utf-8")
    print(f"\n=== FINDING {name}: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)


def run_one(data: bytes) -> None:
    rel, content = target_for(data)
    path = PLAN / rel
    path.write_bytes(content)
    try:
        text = content.decode("utf-8", errors="replace")
        load_text(text, [])
        result = validate_plan(PLAN)
        if result.usable:
            plan = result.plan
            ranking = prioritize(plan)
            sensitivity(ranking)
            roadmap = schedule(plan, ranking, local_search=False)
            missing = set(plan.programs) - {p.id for p in ranking.programs}
            if missing:
                raise AssertionError(f"valid programs missing from the ranking: {missing}")
            lang = "en" if data and data[-1] % 2 else "id"
            render_plan(plan, lang=lang, out_dir=OUT, priorities=ranking, schedule=roadmap)
            html = (OUT / f"masterplan-{lang}.html").read_text("utf-8")
            absent = [i for i in plan.programs if f'id="program-{i}"' not in html]
            if absent:
                raise AssertionError(f"valid programs missing from the document: {absent}")
    except SmartplanError:
        pass
    except Exception as exc:
        if not FINDINGS:
            raise
        _record(data, exc)
    finally:
        original = ORIGINAL[rel]
        if original is None:
            path.unlink()
        else:
            path.write_bytes(original)


def replay(paths: list[str]) -> int:
    """Run saved inputs once each, without atheris; print what each one raised."""
    failed = 0
    for name in paths:
        data = Path(name).read_bytes()
        rel, _content = target_for(data)
        try:
            run_one(data)
        except Exception:
            failed += 1
            print(f"{name} (as {rel}): FAILS", file=sys.stderr)
            traceback.print_exc()
        else:
            print(f"{name} (as {rel}): ok")
    return 1 if failed else 0


def main() -> None:
    if atheris is None:
        if not sys.argv[1:] or any(arg.startswith("-") for arg in sys.argv[1:]):
            sys.exit(
                "atheris is not installed (pip install atheris==2.3.0); without it this "
                "script only replays saved inputs: fuzz_validate.py FILE..."
            )
        sys.exit(replay(sys.argv[1:]))
    atheris.Setup(sys.argv, run_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
