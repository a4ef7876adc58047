"""Totals across a run, and the exit code a scheduler acts on.

The summary owns the exit code (as black's `Report.return_code`): 0 no finding at or above
`--fail-on`; 1 such findings; 2 some input could not be read (wins over 1); 3 a rule crashed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from recordlint.model import Severity, Status
from recordlint.results import LintRun

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3


@dataclass(frozen=True)
class Summary:
    cases: int
    cases_with_findings: int
    findings: int
    by_severity: dict[str, int]
    by_rule: dict[str, dict[str, int]]
    input_errors: int
    internal_errors: int
    files: int
    exit_code: int
    fail_on: str = "warning"


def summarise(run: LintRun, fail_on: Severity | None) -> Summary:
    severities: Counter[Severity] = Counter()
    by_rule: dict[str, dict[str, int]] = {
        rule.code: {status.value: 0 for status in Status} for rule in run.rules
    }
    cases = cases_with_findings = 0
    for report in run.reports:  # once: a large run's reports are read back from disk
        cases += 1
        cases_with_findings += bool(report.findings)
        severities.update(f.severity for f in report.findings)
        for code, check in report.checks.items():
            by_rule[code][check.status.value] += 1
    input_errors = sum(p.kind == "input" for p in run.problems)
    internal_errors = sum(p.kind == "internal" for p in run.problems)
    failing = fail_on is not None and any(s >= fail_on for s in severities)
    if internal_errors:
        code = EXIT_INTERNAL
    elif input_errors:
        code = EXIT_INPUT
    elif failing:
        code = EXIT_FINDINGS
    else:
        code = EXIT_CLEAN
    return Summary(
        cases=cases,
        cases_with_findings=cases_with_findings,
        findings=sum(severities.values()),
        by_severity={s.label: severities.get(s, 0) for s in sorted(Severity, reverse=True)},
        by_rule=by_rule,
        input_errors=input_errors,
        internal_errors=internal_errors,
        files=len(run.files),
        exit_code=code,
        fail_on=fail_on.label if fail_on else "never",
    )
