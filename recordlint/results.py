"""What a run gives back: the rules run, one report per case, every problem.

Beside the model (which knows nothing of rules), read by every reporter, the history and
`serve`; made by `engine.lint`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recordlint.model import CaseReport, Problem
from recordlint.rulebook.loader import RuleBook
from recordlint.rulebook.rule import Rule
from recordlint.spool import SpooledReports


@dataclass
class LintRun:
    """Everything a reporter needs: the rules run, one report per case, and every problem."""

    rules: list[Rule]
    reports: list[CaseReport] | SpooledReports = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rulebook: RuleBook | None = None
