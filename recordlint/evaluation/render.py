"""The evaluation as text for a terminal, JSON for programs, CSV for a spreadsheet and a page.

Every format carries the same figures; text, JSON and HTML also carry each disagreement with
recordlint's evidence and the gold reason, unless `figures_only` (for a blind measurement,
whose errors must not be read before its figures are written down).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from recordlint.evaluation.compare import NOT_FOUND, Evaluation, Pair
from recordlint.evaluation.scores import Confusion, Figures
from recordlint.model import Finding
from recordlint.reporters.text import evidence_line, printable

FORMATS = ("text", "json", "csv", "html")
_FIGURES = ("precision", "recall", "f1", "kappa")


def render(evaluation: Evaluation, fmt: str, *, figures_only: bool = False) -> str:
    """The evaluation in `fmt`, one of FORMATS."""
    if fmt == "json":
        return json.dumps(as_dict(evaluation, figures_only=figures_only), indent=2) + "\n"
    if fmt == "csv":
        return figures_csv(evaluation)
    if fmt == "html":
        from recordlint.evaluation.page import evaluation_page

        return evaluation_page(as_dict(evaluation, figures_only=figures_only))
    return as_text(evaluation, figures_only=figures_only)


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def confusion_dict(counts: Confusion) -> dict[str, Any]:
    return {
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
        "tn": counts.tn,
        **{name: _number(getattr(counts, name)) for name in _FIGURES},
    }


def figures_dict(figures: Figures) -> dict[str, Any]:
    return {
        "rules": list(figures.rules),
        "micro": confusion_dict(figures.micro),
        "macro": {
            "precision": _number(figures.macro_precision),
            "recall": _number(figures.macro_recall),
            "f1": _number(figures.macro_f1),
            "kappa": _number(figures.macro_kappa),
        },
    }


def as_dict(evaluation: Evaluation, *, figures_only: bool = False) -> dict[str, Any]:
    """Everything in the evaluation, as plain data (the JSON output)."""
    how = [m.how for m in evaluation.matches]
    result: dict[str, Any] = {
        "gold": evaluation.gold,
        "cases": evaluation.cases,
        "judgements": len(evaluation.pairs),
        "matched": {
            "by_id": how.count("id"),
            "by_other_id": how.count("field"),
            "by_file": how.count("file"),
            "not_found": how.count(NOT_FOUND),
        },
        "rules": [
            {"code": code, "name": evaluation.names.get(code, ""), **confusion_dict(counts)}
            for code, counts in evaluation.by_rule.items()
        ],
        "all": figures_dict(evaluation.overall),
        "core": figures_dict(evaluation.core),
        "cases_not_found": [
            {"input": m.input, "case_id": m.case_id}
            for m in evaluation.matches
            if m.how == NOT_FOUND
        ],
        "cases_read_under_another_id": [
            {"input": m.input, "case_id": m.case_id, "read_as": m.report_id, "matched_by": m.how}
            for m in evaluation.matches
            if m.how in ("field", "file")
        ],
        "errors": [str(p) for p in evaluation.problems],
    }
    if not figures_only:
        result["disagreements"] = [_pair_dict(p) for p in evaluation.disagreements]
    return result


def _pair_dict(pair: Pair) -> dict[str, Any]:
    label = pair.label
    return {
        "outcome": pair.outcome,
        "input": label.input,
        "case_id": label.case_id,
        "rule": label.rule,
        "gold": "fail" if label.fails else "clear",
        "why": label.why,
        "gold_row": label.row,
        "recordlint": pair.status,
        "reason": pair.reason,
        "findings": [_finding_dict(f) for f in pair.findings],
    }


def _finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity.label,
        "message": finding.message,
        "evidence": [evidence_line(e) for e in finding.evidence],
    }


def figures_csv(evaluation: Evaluation) -> str:
    """One row per rule, then the micro and macro rows for all rules and for the core six."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["rule", "name", "tp", "fp", "fn", "tn", *_FIGURES])
    for code, counts in evaluation.by_rule.items():
        writer.writerow([code, evaluation.names.get(code, ""), *_counts_row(counts)])
    for label, figures in (("all", evaluation.overall), ("core", evaluation.core)):
        writer.writerow([f"{label} (micro)", "", *_counts_row(figures.micro)])
        writer.writerow([f"{label} (macro)", "", "", "", "", "", *_macro_row(figures)])
    return buffer.getvalue()


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _counts_row(counts: Confusion) -> list[Any]:
    return [
        counts.tp,
        counts.fp,
        counts.fn,
        counts.tn,
        *(_cell(getattr(counts, n)) for n in _FIGURES),
    ]


def _macro_row(figures: Figures) -> list[str]:
    values = (figures.macro_precision, figures.macro_recall, figures.macro_f1, figures.macro_kappa)
    return [_cell(v) for v in values]


def figure(value: float | None) -> str:
    """A figure as people read it: two places, or "-" where it has no denominator."""
    return "-" if value is None else f"{value:.2f}"


def _shown(value: float | None) -> str:
    return figure(value).rjust(4)


def figures_table(evaluation: Evaluation) -> list[str]:
    """The per-rule table with the all-rules and core-six rows, as lines of text."""
    head = f"{'rule':<8} {'name':<34} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}"
    lines = [head + "  prec  recall    F1  kappa"]

    def row(code: str, name: str, counts: Confusion) -> str:
        return (
            f"{code:<8} {name[:34]:<34} {counts.tp:>4} {counts.fp:>4} {counts.fn:>4} {counts.tn:>4}"
            f"  {_shown(counts.precision):>4}  {_shown(counts.recall):>6}  {_shown(counts.f1):>4}"
            f"  {_shown(counts.kappa):>5}"
        )

    for code, counts in evaluation.by_rule.items():
        lines.append(row(code, evaluation.names.get(code, ""), counts))
    for label, figures in (("all rules", evaluation.overall), ("core six", evaluation.core)):
        lines.append(row("", f"{label}, micro", figures.micro))
        lines.append(
            f"{'':<8} {label + ', macro':<34} {'':>4} {'':>4} {'':>4} {'':>4}"
            f"  {_shown(figures.macro_precision):>4}  {_shown(figures.macro_recall):>6}"
            f"  {_shown(figures.macro_f1):>4}  {_shown(figures.macro_kappa):>5}"
        )
    return lines


def as_text(evaluation: Evaluation, *, figures_only: bool = False) -> str:
    data = as_dict(evaluation, figures_only=True)
    matched = data["matched"]
    lines = [
        f"{evaluation.gold}: {data['cases']} cases, {data['judgements']} judgements "
        f"of {len(evaluation.by_rule)} rules",
        f"cases found by id {matched['by_id']}, by another of their ids "
        f"{matched['by_other_id']}, by file {matched['by_file']}, not found {matched['not_found']}",
        "",
        *figures_table(evaluation),
        "",
        "TP both fail it; FP recordlint fails it, the gold says clear; FN the gold fails it, "
        "recordlint does not; TN both clear; - no denominator.",
    ]
    for case in data["cases_read_under_another_id"]:
        lines.append(
            f"note: case {case['case_id']} ({case['input']}) was read as {case['read_as']}"
        )
    for case in data["cases_not_found"]:
        lines.append(
            f"note: case {case['case_id']} ({case['input']}) was not in recordlint's reports; "
            "every rule counts as not failing"
        )
    if not figures_only:
        disagreements = evaluation.disagreements
        lines += ["", f"Disagreements: {len(disagreements)}"]
        for pair in disagreements:
            lines += _pair_lines(pair)
    return "\n".join(printable(line) for line in lines) + "\n"


def _pair_lines(pair: Pair) -> list[str]:
    label = pair.label
    gold = "fail" if label.fails else "clear"
    said = "fail" if pair.predicted else pair.status
    if pair.reason:
        said += f" ({pair.reason})"
    lines = [
        "",
        f"{pair.outcome} {label.rule} case {label.case_id} ({label.input}; gold row {label.row})",
        f"    gold: {gold}" + (f": {label.why}" if label.why else ""),
        f"    recordlint: {said}",
    ]
    for finding in pair.findings:
        lines.append(f"      {finding.severity.label}: {finding.message}")
        lines += [f"        > {evidence_line(e)}" for e in finding.evidence]
    return lines
