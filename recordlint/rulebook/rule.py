"""The one runtime shape of a rule, and the decorator that makes a Python function one.

Declarative (YAML) rules and Python rules both end up as a `Rule`: code, identity, severity,
the audit reference, its why and advice, option defaults, a check function and its examples.
A check function asks for what it needs by parameter name (flake8 style): `case`, `fields`,
`notes`, `people`, `child`, `options`, `text`. It returns (or yields) `Violation`s, or returns a
`Skip` (`not_applicable(...)`, `not_evaluated(...)`) when the rule does not apply to the case.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from recordlint.errors import RecordlintError
from recordlint.model import Severity, Status

#: Parameter names a check function may ask for, and what each receives.
INJECTABLE = {
    "case": "the whole Case",
    "fields": "Case.fields: every structured value per field, with its source",
    "notes": "the notes, sorted by date",
    "people": "family and household members",
    "child": "the child (a Person)",
    "options": "this rule's options, defaults merged with config",
    "text": "the notes as the NLP layer read them (CaseText): sentences and concept mentions",
}

CODE_PATTERN = re.compile(r"^[A-Z]{2,5}[0-9]{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")

#: What attaches a Rule to a decorated function; the loader looks for it.
RULE_ATTRIBUTE = "__recordlint_rule__"


class RuleDefinitionError(RecordlintError, ValueError):
    """A rule that cannot be loaded; the message names the file (and line, where known)."""


@dataclass(frozen=True)
class Example:
    """One pass/fail example of a rule, kept as data next to the rule and run as a test."""

    rule: str
    name: str
    expect: Status
    case: Mapping[str, Any]
    options: Mapping[str, Any] = field(default_factory=dict)
    findings: int | None = None
    path: str = ""

    @property
    def test_id(self) -> str:
        return f"{self.rule}_{self.expect.value.replace('/', '').replace('-', '_')}_{self.name}"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    message: str
    check: Callable[..., Any]
    why: str = ""
    advice: str = ""
    reference: str = ""
    recommendation: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "python"
    pack: str = ""
    path: str = ""
    examples: tuple[Example, ...] = ()
    aliases: tuple[str, ...] = ()
    #: "required": the rule judges the notes, so a case with none is not evaluated ("no notes
    #: to read") without the rule being called; "optional": it also judges fields, and is
    #: called either way
    notes: str = "optional"

    @property
    def inputs(self) -> tuple[str, ...]:
        return _parameters(self.check)

    @property
    def needs_notes(self) -> bool:
        return self.notes == "required" and "text" in self.inputs

    def replace(self, **changes: Any) -> Rule:
        return dataclasses.replace(self, **changes)


@functools.lru_cache(maxsize=1024)
def _parameters(check: Callable[..., Any]) -> tuple[str, ...]:
    """What a check asks for (asked on every case, so read from its signature once)."""
    return tuple(inspect.signature(check).parameters)


def validate_identity(code: str, name: str, where: str) -> None:
    if not CODE_PATTERN.match(code or ""):
        raise RuleDefinitionError(
            f"{where}: rule code {code!r} must be 2-5 capital letters and 3 digits, like DEM001"
        )
    if not NAME_PATTERN.match(name or ""):
        raise RuleDefinitionError(
            f"{where}: rule name {name!r} must be lower-case words joined by hyphens"
        )


def validate_inputs(check: Callable[..., Any], where: str) -> None:
    for parameter in inspect.signature(check).parameters:
        if parameter not in INJECTABLE:
            known = ", ".join(INJECTABLE)
            raise RuleDefinitionError(
                f"{where}: check parameter {parameter!r} is not an input recordlint provides "
                f"(choose from {known})"
            )


def rule(
    *,
    code: str,
    name: str,
    severity: str = "warning",
    message: str,
    why: str = "",
    advice: str = "",
    reference: str = "",
    recommendation: str = "",
    options: Mapping[str, Any] | None = None,
    aliases: tuple[str, ...] = (),
    notes: str = "required",
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a Python rule: one decorated function in a file named after its code.

    A check that asks for `text` is not called on a case with no notes (it is not evaluated,
    "no notes to read") unless `notes="optional"`: a rule that also judges fields."""

    def decorate(check: Callable[..., Any]) -> Callable[..., Any]:
        where = f"{check.__module__}.{check.__qualname__}"
        validate_identity(code, name, where)
        validate_inputs(check, where)
        if notes not in ("required", "optional"):
            raise RuleDefinitionError(f"{where}: notes must be 'required' or 'optional'")
        setattr(
            check,
            RULE_ATTRIBUTE,
            Rule(
                code=code,
                name=name,
                severity=Severity.parse(severity),
                message=message,
                check=check,
                why=inspect.cleandoc(why),
                advice=inspect.cleandoc(advice),
                reference=reference,
                recommendation=str(recommendation),
                options=dict(options or {}),
                aliases=tuple(aliases),
                notes=notes,
            ),
        )
        return check

    return decorate
