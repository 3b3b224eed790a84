"""validate's CI reporters: SARIF 2.1.0, JUnit XML and GitLab Code Quality.

Under ``--strict`` (``RunSummary.strict``) a warning fails the run, so every
format says so too: a SARIF ``error`` level, a JUnit failure, a GitLab
``major`` issue. A job that fails must not report ``failures="0"``.
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any, TextIO
from urllib.parse import quote

from smartplan import HOMEPAGE, __version__, rule_help_uri
from smartplan.check.rules import all_rules
from smartplan.problem import Problem, Severity
from smartplan.report.validate import RunSummary, fails

_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _message(problem: Problem) -> str:
    return problem.message + (f" (hint: {problem.hint})" if problem.hint else "")


def sarif_log(problems: Sequence[Problem], *, strict: bool = False) -> dict[str, Any]:
    """A SARIF 2.1.0 log with every rule described and every problem located.

    ``strict`` raises warnings to the ``error`` level, as ``--strict`` fails on them.
    """
    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    driver = {
        "name": "smartplan",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": HOMEPAGE,
        "rules": [
            {
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.doc},
                "help": {"text": rule.doc},
                "helpUri": rule_help_uri(rule.code),
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
        level = _SARIF_LEVEL[problem.severity]
        if strict and problem.severity is Severity.WARNING:
            level = "error"
        result: dict[str, Any] = {
            "ruleId": problem.code,
            "level": level,
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


def junit_xml(problems: Sequence[Problem], files: Sequence[str], *, strict: bool = False) -> str:
    """JUnit XML: one test case per file, failing when the file has an error.

    With ``strict`` a warning fails its file's test case too.
    """
    run = RunSummary(plans=0, files=0, strict=strict)
    by_file: dict[str, list[Problem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    names = list(dict.fromkeys([*files, *by_file]))
    failures = sum(1 for name in names if any(fails(p, run) for p in by_file.get(name, ())))
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
        errors = [p for p in found if fails(p, run)]
        if errors:
            kind = "error" if any(p.severity is Severity.ERROR for p in errors) else "warning"
            failure = ET.SubElement(
                case,
                "failure",
                type=kind,
                message=f"{len(errors)} {kind}(s): {errors[0].message}",
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
    json.dump(sarif_log(problems, strict=run.strict), out, ensure_ascii=False, indent=2)
    out.write("\n")


def junit(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """JUnit XML: one test case per file checked, failing where the file has errors."""
    out.write(junit_xml(problems, run.file_list, strict=run.strict))


#: GitLab Code Quality severities: info, minor, major, critical, blocker
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def gitlab_issues(problems: Sequence[Problem], *, strict: bool = False) -> list[dict[str, Any]]:
    """GitLab Code Quality issues (the documented fields), one per problem.

    The fingerprint hashes the file, rule, JSON pointer and message, not the
    line, so a problem keeps its fingerprint when lines above it move and
    GitLab's merge-request widget does not report it as fixed and new again.
    Identical problems get an occurrence number, keeping fingerprints unique.
    """
    seen: dict[str, int] = {}
    issues = []
    for p in problems:
        key = "\0".join((p.file, p.code, p.pointer, p.message))
        nth = seen[key] = seen.get(key, 0) + 1
        digest = hashlib.sha256(f"{key}\0{nth}".encode()).hexdigest()
        severity = _GITLAB_SEVERITY[p.severity]
        if strict and p.severity is Severity.WARNING:
            severity = "major"
        issues.append(
            {
                "type": "issue",
                "description": _message(p),
                "check_name": f"{p.code} {p.rule}".strip(),
                "fingerprint": digest,
                "severity": severity,
                "location": {"path": p.file, "lines": {"begin": max(p.line, 1)}},
            }
        )
    return issues


def gitlab(problems: Sequence[Problem], run: RunSummary, out: TextIO, color: bool) -> None:
    """GitLab Code Quality JSON (``artifacts: reports: codequality``)."""
    json.dump(gitlab_issues(problems, strict=run.strict), out, ensure_ascii=False, indent=2)
    out.write("\n")
