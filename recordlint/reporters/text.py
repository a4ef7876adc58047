"""The terminal report: findings grouped by case, the evidence quoted, a summary line last.

Written for a practitioner reading their own record: what is missing, where recordlint looked,
and what to record. Clean cases are counted, not listed.
"""

from __future__ import annotations

import textwrap
from typing import TextIO

import click

from recordlint.model import CaseReport, Evidence, Severity
from recordlint.results import LintRun
from recordlint.summary import Summary

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_WIDTH = 100
_INDENT = " " * 4


_CONTROL = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F] if c not in (0x0A,)}
_CONTROL[0x0A] = " "


def printable(text: str) -> str:
    """Note text with control characters shown, not obeyed: a quote cannot move the cursor,
    clear the line or colour the terminal (line breaks become spaces)."""
    return text.translate(_CONTROL)


def evidence_line(evidence: Evidence) -> str:
    if evidence.quote:
        return f'"{printable(evidence.quote)}"  ({printable(evidence.source)})'
    if evidence.field is None:
        return f"looked in {evidence.source}: nothing recorded"
    if evidence.value is None:
        return f"no {evidence.field} recorded in {evidence.source}"
    shown = printable(evidence.value) if evidence.value.strip() else "(blank)"
    if evidence.value.strip():
        shown = f'"{shown}"'
    return f"{evidence.field} = {shown}  ({printable(evidence.source)})"


def _case_block(report: CaseReport) -> list[str]:
    score = report.score
    sources = ", ".join(s.path for s in report.case.sources)
    score_text = "n/a" if score is None else f"{score:.0%}"
    lines = [click.style(f"{report.case_id}", bold=True) + f"  score {score_text}  ({sources})"]
    for finding in report.findings:
        colour = _COLOURS[finding.severity]
        head = (
            f"  {click.style(finding.severity.label, fg=colour)} {finding.rule} {finding.name}: "
            f"{printable(finding.message)}"
        )
        lines.append(head)
        for evidence in finding.evidence:
            lines.append(f"{_INDENT}> {evidence_line(evidence)}")
        if finding.advice:
            lines.extend(
                textwrap.wrap(
                    "What to record: " + finding.advice,
                    width=_WIDTH,
                    initial_indent=_INDENT,
                    subsequent_indent=_INDENT + "  ",
                )
            )
        if finding.reference:
            lines.append(f"{_INDENT}({finding.reference})")
    return lines


def summary_line(summary: Summary) -> str:
    parts = [
        f"{summary.cases} case{'s' if summary.cases != 1 else ''} checked "
        f"from {summary.files} file{'s' if summary.files != 1 else ''}",
        f"{summary.cases_with_findings} with findings",
    ]
    counts = [
        f"{n} {label}{'s' if n != 1 else ''}" for label, n in summary.by_severity.items() if n
    ]
    if counts:
        parts[-1] += f" ({', '.join(counts)})"
    parts.append(f"{summary.cases - summary.cases_with_findings} clean")
    unjudged = [
        f"{code} ({counts['not-evaluated']})"
        for code, counts in summary.by_rule.items()
        if counts.get("not-evaluated")
    ]
    if unjudged:
        parts.append("not evaluated, the input lacks what they need: " + ", ".join(unjudged))
    if summary.input_errors:
        parts.append(
            f"{summary.input_errors} input problem{'s' if summary.input_errors != 1 else ''}"
        )
    if summary.internal_errors:
        parts.append(
            f"{summary.internal_errors} internal error{'s' if summary.internal_errors != 1 else ''}"
        )
    return "; ".join(parts) + "."


def write_text(run: LintRun, summary: Summary, stream: TextIO) -> None:
    colour = stream.isatty() if hasattr(stream, "isatty") else False
    for report in run.reports:
        if not report.findings:
            continue
        for line in _case_block(report):
            click.echo(line, file=stream, color=colour)
        click.echo("", file=stream)
    click.echo(summary_line(summary), file=stream, color=colour)
