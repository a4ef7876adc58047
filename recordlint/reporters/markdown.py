"""`-f md`: each case as a short checklist to paste into a supervision record."""

from __future__ import annotations

import re
from typing import TextIO

from recordlint.model import Status
from recordlint.results import LintRun
from recordlint.summary import Summary

_MARK = {Status.PASS: "[x]", Status.FAIL: "[ ]", Status.NOT_APPLICABLE: "n/a"}


def _md(text: str) -> str:
    """Note text shown as text: Markdown and HTML characters escaped, one line."""
    text = " ".join(str(text).split())
    return re.sub(r"([\\`*_\[\]<>|~])", r"\\\1", text)


def write_markdown(run: LintRun, summary: Summary, stream: TextIO) -> None:
    names = {rule.code: rule.name for rule in run.rules}
    for report in run.reports:
        score = "n/a" if report.score is None else f"{report.score:.0%}"
        stream.write(f"## Case {_md(report.case_id)}: record check ({score})\n\n")
        by_rule = {f.rule: [] for f in report.findings}
        for finding in report.findings:
            by_rule[finding.rule].append(finding)
        for code, check in sorted(report.checks.items()):
            mark = _MARK.get(check.status, "not checked")
            line = f"- {mark} **{code}** {names.get(code, '')}"
            if check.status is Status.NOT_EVALUATED:
                line += f" (not checked: {_md(check.reason)})"
            stream.write(line + "\n")
            for finding in by_rule.get(code, []):
                stream.write(f"  - {_md(finding.message)}\n")
                quotes = [e.quote for e in finding.evidence if e.quote][:3]
                for quote in quotes:
                    stream.write(f"    > {_md(quote)}\n")
                stream.write(f"  - To record: {_md(finding.advice)}\n")
        stream.write("\n")
