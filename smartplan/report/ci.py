"""validate's CI reporters: SARIF 2.1.0 and JUnit XML renderings of the problems."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any, TextIO
from urllib.parse import quote

from smartplan import __version__
from smartplan.check.rules import all_rules
from smartplan.problem import Problem, Severity
from smartplan.report.validate import RunSummary

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _message(problem: Problem) -> str:
    return problem.message + (f" (hint: {problem.hint})" if problem.hint else "")


def sarif_log(problems: Sequence[Problem]) -> dict[str, Any]:
    """A SARIF 2.1.0 log with every rule described and every problem located."""
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "smartplan",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc},
                "help": {"text": rule.doc},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            }
            for rule in rules
        ],
    }
    results = []
    for problem in problems:
        physical: dict[str, Any] = {"artifactLocation": {"uri": quote(problem.file)}}
        if problem.line > 0:
            physical["region"] = {"startLine": problem.line, "startColumn": max(problem.column, 1)}
        result: dict[str, Any] = {
            "ruleId": problem.code,
            "level": _SARIF_LEVEL[problem.severity],
            "message": {"text": _message(problem)},
            "locations": [{"physicalLocation": physical}],
        }
        if problem.code in index:
            result["ruleIndex"] = index[problem.code]
        if problem.pointer:
            result["properties"] = {"jsonPointer": problem.pointer}
        results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}
        ],
    }


def junit_xml(problems: Sequence[Problem], files: Sequence[str]) -> str:
    """JUnit XML: one test case per file, failing when the file has an error."""
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    names = list(dict.fromkeys([*files, *by_file]))
    failures = sum(
        1 for name in names if any(p.severity is Severity.ERROR for p in by_file.get(name, ()))
    )
    suites = ET.Element(
        "testsuites", name="smartplan validate", tests=str(len(names)), failures=str(failures)
    )
    suite = ET.SubElement(
        suites,
        "testsuite",
        name="smartplan validate",
        tests=str(len(names)),
        failures=str(failures),
        errors="0",
        skipped="0",
    )
    for name in names:
        case = ET.SubElement(suite, "testcase", classname="smartplan.validate", name=name)
        found = by_file.get(name, [])
        lines = [
            f"{name}:{p.line}:{p.column}: [{p.severity.value}] {_message(p)} ({p.code})"
            for p in found
        ]
        errors = [p for p in found if p.severity is Severity.ERROR]
        if errors:
            failure = ET.SubElement(
                case,
                "failure",
                type="error",
                message=f"{len(errors)} error(s): {errors[0].message}",
            )
            failure.text = "\n".join(lines)
        elif lines:
            ET.SubElement(case, "system-out").text = "\n".join(lines)
    ET.indent(suites)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
    )


def sarif(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """A SARIF 2.1.0 log (GitHub code scanning and other viewers read it)."""
    json.dump(sarif_log(problems), out, ensure_ascii=False, indent=2)
    out.write("\n")


def junit(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """JUnit XML: one test case per file checked, failing where the file has errors."""
    out.write(junit_xml(problems, run.file_list))
