"""Running rules on one case: selecting and configuring rules, and checking a case with them.

Each rule gets exactly the inputs it asks for; a rule that raises on one case becomes an
internal-error problem for that case and rule (status not-evaluated) and the run goes on. A rule
that reads notes is not called on a case with none. This is the work every runner does, on one
case at a time, wherever it runs (`engine` for the run, `worker` in another process).
"""

from __future__ import annotations

import dataclasses
import string
import traceback
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from recordlint.config import Config, ConfigError
from recordlint.errors import RecordlintError
from recordlint.model import (
    Case,
    CaseReport,
    Check,
    Finding,
    Problem,
    Skip,
    Status,
    Violation,
)
from recordlint.rulebook.loader import RuleBook, load_rulebook
from recordlint.rulebook.rule import Rule

if TYPE_CHECKING:
    from recordlint.nlp.query import CaseText


class SelectionError(RecordlintError, ValueError):
    """--select/--ignore named something no rule matches."""


def select_rules(
    rules: Mapping[str, Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[Rule]:
    """Rules matching any of `select` (codes or prefixes; all when empty) and none of `ignore`."""
    for pattern in [*select, *ignore]:
        if not any(code.startswith(pattern) for code in rules):
            raise SelectionError(
                f"no rule code or prefix matches {pattern!r} (see `recordlint rules`)"
            )
    chosen = [
        rule
        for code, rule in sorted(rules.items())
        if (not select or any(code.startswith(p) for p in select))
        and not any(code.startswith(p) for p in ignore)
    ]
    return chosen


def configure_rules(rules: Iterable[Rule], config: Config) -> list[Rule]:
    """Apply per-rule severity overrides and options from config, validating option names."""
    configured = []
    for rule in rules:
        settings = dict(config.rule_settings.get(rule.code, {}))
        severity = settings.pop("severity", None)
        unknown = set(settings) - set(rule.options)
        if unknown:
            takes = ", ".join(sorted(rule.options)) or "no options"
            raise ConfigError(
                f"{config.source}: [rules.{rule.code}]: unknown option {sorted(unknown)[0]!r} "
                f"({rule.code} takes {takes})"
            )
        for name, value in settings.items():
            default = rule.options[name]
            if default is not None and type(value) is not type(default):
                raise ConfigError(
                    f"{config.source}: [rules.{rule.code}]: {name} must be "
                    f"{type(default).__name__} like {default!r}, not {value!r}"
                )
        rule = rule.replace(options={**rule.options, **settings})
        if severity is not None:
            rule = rule.replace(severity=severity)
        configured.append(rule)
    return configured


def needs_text(rules: Iterable[Rule]) -> bool:
    """Whether any rule reads notes through the NLP layer (else spaCy is never imported)."""
    return any("text" in rule.inputs for rule in rules)


class _LazyText:
    """Stands in for the case's CaseText and reads the notes only when a rule first uses it,
    so a rule that settles on structured fields never starts spaCy for a single case."""

    def __init__(self, case: Case, text: CaseText | None, vocab_folders: Sequence[str]) -> None:
        self._case = case
        self._value = text
        self._vocab_folders = vocab_folders

    def _get(self) -> CaseText:
        if self._value is None:
            from recordlint.nlp.annotate import read_case_text
            from recordlint.nlp.pipeline import get_pipeline

            self._value = read_case_text(self._case, get_pipeline(self._vocab_folders))
        return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


def _call(rule: Rule, case: Case, options: Mapping[str, Any], text: _LazyText) -> Any:
    available = {
        "case": lambda: case,
        "fields": lambda: case.fields,
        "notes": lambda: case.notes,
        "people": lambda: case.people,
        "child": lambda: case.child,
        "options": lambda: options,
        "text": lambda: text,
    }
    return rule.check(**{name: available[name]() for name in rule.inputs})


class _Template(string.Formatter):
    """Fill a message template; a placeholder with no value stays visible instead of raising."""

    def get_value(self, key, args, kwargs):
        return kwargs.get(key, "{" + str(key) + "}")


_TEMPLATE = _Template()


def _to_finding(rule: Rule, case: Case, violation: Violation) -> Finding:
    if not isinstance(violation, Violation):
        raise TypeError(f"a rule must yield Violation objects, not {type(violation).__name__}")
    message = violation.message or _TEMPLATE.format(rule.message, **dict(violation.details))
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=violation.severity or rule.severity,
        message=message,
        case_id=case.case_id,
        evidence=violation.evidence,
        advice=rule.advice,
        reference=rule.reference,
    )


#: why a rule that reads notes was not evaluated on a case without any
NO_NOTES = "no notes to read"


def check_case(
    case: Case,
    rules: Sequence[Rule],
    debug: bool = False,
    *,
    text: CaseText | None = None,
    vocab_folders: Sequence[str] = (),
) -> tuple[CaseReport, list[Problem]]:
    """Run `rules` on one case. `text` is the case already read by the NLP layer (a batch run
    reads many cases' notes together); without it, the notes are read when a rule first asks."""
    lazy_text = _LazyText(case, text, vocab_folders)
    findings: list[Finding] = []
    checks: dict[str, Check] = {}
    problems: list[Problem] = []
    for rule in rules:
        if rule.needs_notes and not case.has_notes:
            checks[rule.code] = Check(rule.code, Status.NOT_EVALUATED, NO_NOTES)
            continue
        try:
            result = _call(rule, case, rule.options, lazy_text)
            if isinstance(result, Skip):
                checks[rule.code] = Check(rule.code, result.status, result.reason)
                continue
            new = [_to_finding(rule, case, v) for v in result or ()]
        except Exception as exc:
            detail = traceback.format_exc() if debug else f"{type(exc).__name__}: {exc}"
            problems.append(
                Problem(
                    path=case.sources[0].path if case.sources else "",
                    message=f"rule {rule.code} failed on case {case.case_id} ({detail.strip()})",
                    kind="internal",
                    case_id=case.case_id,
                    rule=rule.code,
                )
            )
            checks[rule.code] = Check(rule.code, Status.NOT_EVALUATED, "internal error in the rule")
            continue
        findings.extend(new)
        checks[rule.code] = Check(rule.code, Status.FAIL if new else Status.PASS)
    return CaseReport(case=case, findings=tuple(findings), checks=checks), problems


def prepare_rules(config: Config, rulebook: RuleBook | None = None) -> tuple[list[Rule], RuleBook]:
    book = rulebook or load_rulebook(config.rule_paths)
    config.check_codes(book.rules)
    return configure_rules(select_rules(book.rules, config.select, config.ignore), config), book


def without_record(report: CaseReport) -> CaseReport:
    """The report with its case cut to id, child and sources (`engine.lint(keep_cases=False)`)."""
    case = dataclasses.replace(report.case, people=(), fields={}, notes=())
    return dataclasses.replace(report, case=case)
