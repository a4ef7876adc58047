"""`-f xlsx -o FILE`: Summary, Cases and Findings sheets for an auditor, filters and frozen
headers on each, and every cell inert: text is stored as text, so a note beginning "=" shows as
written and never runs as a formula."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from recordlint.reporters.audit import Tally, audit_summary
from recordlint.reporters.csv_report import COLUMNS, finding_rows
from recordlint.results import LintRun
from recordlint.summary import Summary

_BOLD = Font(bold=True)


def workbook_bytes(run: LintRun, summary: Summary) -> bytes:
    audit = audit_summary(run)
    book = Workbook()
    sheet = book.active
    sheet.title = "Summary"
    rows: list[list] = [
        ["recordlint audit summary"],
        ["cases checked", summary.cases],
        ["cases with findings", summary.cases_with_findings],
        ["findings", summary.findings],
        ["input errors", summary.input_errors],
        [],
        ["", "passing", "pass", "fail", "n/a", "not evaluated"],
    ]
    for title, tallies in (
        ("By audit recommendation", audit.recommendations),
        ("By rule", audit.rules),
        ("By agency", audit.agencies),
        ("By team", audit.teams),
    ):
        rows.append([title])
        rows.extend(_tally_row(t) for t in tallies)
        rows.append([])
    _fill(sheet, rows, header_row=7)

    cases = book.create_sheet("Cases")
    codes = [rule.code for rule in run.rules]
    case_rows = [["case", "score", "findings", "agencies", "teams", *codes]]
    for row in audit.cases:
        case_rows.append(
            [
                row.case_id,
                None if row.score is None else round(row.score, 4),
                len(row.report.findings),
                ", ".join(row.agencies),
                ", ".join(row.teams),
                *[
                    row.report.checks[c].status.value if c in row.report.checks else ""
                    for c in codes
                ],
            ]
        )
    _fill(cases, case_rows, header_row=1)

    findings = book.create_sheet("Findings")
    _fill(findings, [COLUMNS, *finding_rows(run)], header_row=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _tally_row(tally: Tally) -> list:
    counts = tally.counts
    passing = None if tally.passing is None else round(tally.passing, 4)
    return [
        tally.label,
        passing,
        counts["pass"],
        counts["fail"],
        counts["n/a"],
        counts["not-evaluated"],
    ]


def _fill(sheet, rows: list[list], header_row: int) -> None:
    for number, row in enumerate(rows, start=1):
        sheet.append(row)
        for cell in sheet[number]:
            if isinstance(cell.value, str):
                # text stays text: openpyxl would store "=SUM(1,2)" as a formula
                cell.data_type = "s"
    for cell in sheet[header_row]:
        cell.font = _BOLD
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    width = max((len(r) for r in rows), default=1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(width)}{max(len(rows), header_row)}"
    for column in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18 if column > 1 else 28
