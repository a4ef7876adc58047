"""`-f csv`: the findings table, one row a finding, every cell inert in a spreadsheet."""

from __future__ import annotations

import csv
from typing import TextIO

from recordlint.reporters.cells import inert
from recordlint.results import LintRun
from recordlint.summary import Summary

COLUMNS = [
    "case_id", "rule", "name", "severity", "message", "source", "note_id", "date", "agency",
    "field", "value", "quote", "why", "advice", "reference",
]  # fmt: skip


def finding_rows(run: LintRun) -> list[list[str]]:
    rows = []
    for report in run.reports:
        for finding in report.findings:
            for evidence in finding.evidence or (None,):
                rows.append(
                    [
                        report.case_id,
                        finding.rule,
                        finding.name,
                        finding.severity.label,
                        finding.message,
                        evidence.source if evidence else "",
                        (evidence.note_id or "") if evidence else "",
                        f"{evidence.date:%Y-%m-%d %H:%M}" if evidence and evidence.date else "",
                        (evidence.agency or "") if evidence else "",
                        (evidence.field or "") if evidence else "",
                        (evidence.value or "") if evidence else "",
                        (evidence.quote or "") if evidence else "",
                        (evidence.trigger or "") if evidence else "",
                        finding.advice,
                        finding.reference,
                    ]
                )
    return rows


def write_csv(run: LintRun, summary: Summary, stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in finding_rows(run):
        writer.writerow([inert(cell) for cell in row])
