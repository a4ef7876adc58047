"""The versioned JSON report: the stable contract other programs build on (design.md, Outputs).

Keys are only ever added within a schema version; renaming or removing one bumps
`REPORT_SCHEMA_VERSION`.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any, TextIO

from recordlint import REPORT_SCHEMA_VERSION, __version__
from recordlint.model import CaseReport, Evidence, Finding, Problem, Source
from recordlint.results import LintRun
from recordlint.summary import Summary


def report_dict(run: LintRun, summary: Summary) -> dict[str, Any]:
    packs = run.rulebook.packs if run.rulebook else []
    return {
        "tool": {
            "name": "recordlint",
            "version": __version__,
            "schema_version": REPORT_SCHEMA_VERSION,
            "packs": [{"name": p.name, "version": p.version, "origin": p.origin} for p in packs],
            "rules": [
                {"code": r.code, "name": r.name, "severity": r.severity.label, "pack": r.pack}
                for r in run.rules
            ],
        },
        "cases": [_case(report) for report in run.reports],
        "errors": [_problem(p) for p in run.problems],
        "summary": {
            "cases": summary.cases,
            "cases_with_findings": summary.cases_with_findings,
            "findings": summary.findings,
            "by_severity": summary.by_severity,
            "by_rule": summary.by_rule,
            "files": summary.files,
            "input_errors": summary.input_errors,
            "internal_errors": summary.internal_errors,
            "fail_on": summary.fail_on,
            "exit_code": summary.exit_code,
        },
    }


def _case(report: CaseReport) -> dict[str, Any]:
    score = report.score
    return {
        "case_id": report.case_id,
        "sources": [_source(s) for s in report.case.sources],
        "score": None if score is None else round(score, 4),
        "checks": {code: check.status.value for code, check in report.checks.items()},
        "skipped": {code: check.reason for code, check in report.checks.items() if check.reason},
        "findings": [_finding(f) for f in report.findings],
    }


def _source(source: Source) -> dict[str, Any]:
    return {"path": source.path, "format": source.fmt, "rows": list(source.rows)}


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule,
        "name": finding.name,
        "severity": finding.severity.label,
        "message": finding.message,
        "evidence": [_evidence(e) for e in finding.evidence],
        "advice": finding.advice,
        "reference": finding.reference,
    }


def _evidence(evidence: Evidence) -> dict[str, Any]:
    return {
        "source": evidence.source,
        "field": evidence.field,
        "value": evidence.value,
        "note_id": evidence.note_id,
        "date": evidence.date.isoformat() if evidence.date else None,
        "agency": evidence.agency,
        "quote": evidence.quote,
        "span": list(evidence.span) if evidence.span else None,
        "trigger": evidence.trigger,
    }


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind,
        "path": problem.path,
        "row": problem.row,
        "line": problem.line,
        "message": problem.message,
        "case_id": problem.case_id,
        "rule": problem.rule,
    }


def write_json(run: LintRun, summary: Summary, stream: TextIO) -> None:
    """Write the report a case at a time (a large run's cases are never all in memory), in
    exactly the bytes `json.dump(report_dict(run, summary), indent=2)` would give."""
    whole = report_dict(dataclasses.replace(run, reports=[]), summary)
    stream.write("{")
    for number, (key, value) in enumerate(whole.items()):
        stream.write(",\n  " if number else "\n  ")
        stream.write(json.dumps(key) + ": ")
        if key == "cases" and run.reports:
            stream.write("[")
            for index, report in enumerate(run.reports):
                stream.write(",\n    " if index else "\n    ")
                stream.write(_nested(_case(report), depth=2))
            stream.write("\n  ]")
        else:
            stream.write(_nested(value, depth=1))
    stream.write("\n}\n")


def _nested(value: Any, depth: int) -> str:
    """`value` as json.dump(indent=2) writes it `depth` levels down."""
    text = json.dumps(value, indent=2, ensure_ascii=False)
    return text.replace("\n", "\n" + "  " * depth)
