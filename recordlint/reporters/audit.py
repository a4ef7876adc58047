"""The audit summary every report format shares: compliance per rule, per audit recommendation,
and by agency and team, the way the audit report reads; and one row per case, worst first.

"Passing" is the share of cases where a rule applied (pass or fail) and passed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from recordlint.model import CaseReport, Status
from recordlint.practice.referrals import note_agency
from recordlint.results import LintRun


@dataclass
class Tally:
    """Pass/fail/n/a/not-evaluated counts for one row of a summary table."""

    label: str
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Status})
    cases: set[str] = field(default_factory=set)
    cases_with_findings: set[str] = field(default_factory=set)

    def add(self, status: Status, case_id: str) -> None:
        self.counts[status.value] += 1
        self.cases.add(case_id)

    @property
    def judged(self) -> int:
        return self.counts["pass"] + self.counts["fail"]

    @property
    def passing(self) -> float | None:
        return self.counts["pass"] / self.judged if self.judged else None


@dataclass
class CaseRow:
    report: CaseReport
    agencies: list[str]
    teams: list[str]

    @property
    def case_id(self) -> str:
        return self.report.case_id

    @property
    def score(self) -> float | None:
        return self.report.score


@dataclass
class AuditSummary:
    rules: list[Tally]
    recommendations: list[Tally]
    agencies: list[Tally]
    teams: list[Tally]
    cases: list[CaseRow]


def audit_summary(run: LintRun, reports: Iterable[CaseReport] | None = None) -> AuditSummary:
    reports = list(reports if reports is not None else run.reports)
    by_code = {rule.code: rule for rule in run.rules}
    rules = {code: Tally(f"{code} {rule.name}") for code, rule in by_code.items()}
    recommendations: dict[str, Tally] = {}
    agencies: dict[str, Tally] = defaultdict(lambda: Tally(""))
    teams: dict[str, Tally] = defaultdict(lambda: Tally(""))
    rows = []
    for report in reports:
        case_agencies = sorted({a for n in report.case.notes if (a := note_agency(n))})
        case_teams = sorted({n.team for n in report.case.notes if n.team})
        rows.append(CaseRow(report, case_agencies, case_teams))
        for code, check in report.checks.items():
            rules[code].add(check.status, report.case_id)
            recommendation = by_code[code].recommendation or "other"
            tally = recommendations.setdefault(
                recommendation, Tally(f"Recommendation {recommendation}")
            )
            tally.add(check.status, report.case_id)
            for name, groups in ((case_agencies, agencies), (case_teams, teams)):
                for group in name:
                    groups[group].label = group
                    groups[group].add(check.status, report.case_id)
        for group in (*[agencies[a] for a in case_agencies], *[teams[t] for t in case_teams]):
            if report.findings:
                group.cases_with_findings.add(report.case_id)
    rows.sort(key=lambda r: (r.score if r.score is not None else 2.0, r.case_id))
    return AuditSummary(
        rules=[rules[c] for c in sorted(rules)],
        recommendations=[recommendations[k] for k in sorted(recommendations, key=_rec_order)],
        agencies=sorted(agencies.values(), key=lambda t: t.label),
        teams=sorted(teams.values(), key=lambda t: t.label),
        cases=rows,
    )


def _rec_order(text: str) -> tuple[int, str]:
    digits = "".join(c for c in text if c.isdigit())
    return (int(digits) if digits else 99, text)
