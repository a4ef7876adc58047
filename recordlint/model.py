"""The canonical case model and the shape of findings and reports.

Readers produce `Case` objects, rules read them and emit `Violation`s, the engine turns those
into `Finding`s and `CaseReport`s, and reporters only ever see reports. Everything here is a
frozen dataclass so a rule cannot change what the next rule sees.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """How much a finding matters; the order drives `--fail-on`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of {names})") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Status(enum.StrEnum):
    """A rule's verdict for one case (see rules.md: fail, pass, n/a, not-evaluated)."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "n/a"
    NOT_EVALUATED = "not-evaluated"


@dataclass(frozen=True)
class SourceRef:
    """Where something came from: a file and, when known, a row (tables) or line (documents)."""

    path: str
    row: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        if self.row is not None:
            return f"{self.path}, row {self.row}"
        if self.line is not None:
            return f"{self.path}, line {self.line}"
        return self.path


@dataclass(frozen=True)
class Source:
    """One input that contributed to a case, and what that input is able to carry.

    `fields` is the set of canonical field names the input has columns for, or None when the
    input is free-form (a case document can record any field). Rules use it to tell "the export
    has no such column" (not-evaluated) from "the column is blank" (a gap).
    """

    path: str
    fmt: str
    fields: frozenset[str] | None = None
    has_notes: bool = False
    rows: tuple[int, ...] = ()

    def can_carry(self, name: str) -> bool:
        return self.fields is None or name in self.fields


@dataclass(frozen=True)
class FieldValue:
    """One structured value for a case, exactly as exported, with where it came from."""

    value: str
    source: SourceRef


@dataclass(frozen=True)
class Person:
    """Someone in the child's life (or the child): role as the export words it, plus details."""

    role: str
    name: str = ""
    person_id: str = ""
    details: Mapping[str, str] = field(default_factory=dict)
    source: SourceRef | None = None


@dataclass(frozen=True)
class Note:
    """One entry in the record. `date` carries the time when the export gives one, and
    `time_known` says whether it did (00:00 is otherwise indistinguishable from "no time")."""

    note_id: str
    text: str
    date: dt.datetime | None = None
    author: str = ""
    agency: str = ""
    team: str = ""
    kind: str = ""
    source: SourceRef | None = None
    time_known: bool = False


@dataclass(frozen=True)
class Case:
    """Everything known about one child, merged across every input that mentions them."""

    case_id: str
    child: Person
    people: tuple[Person, ...] = ()
    fields: Mapping[str, tuple[FieldValue, ...]] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    sources: tuple[Source, ...] = ()

    def values(self, name: str) -> tuple[FieldValue, ...]:
        """Every exported value of a field, blank ones included, in source order."""
        return self.fields.get(name, ())

    def field(self, name: str) -> str | None:
        """The first non-blank value of a field, or None."""
        for item in self.values(name):
            if item.value.strip():
                return item.value
        return None

    def carries(self, name: str) -> bool:
        """True when some input for this case could have recorded the field."""
        return any(source.can_carry(name) for source in self.sources)

    @property
    def has_notes(self) -> bool:
        return any(source.has_notes for source in self.sources)


@dataclass(frozen=True)
class Evidence:
    """What a finding points at: a field value or a sentence in a note, and where it is."""

    source: str
    field: str | None = None
    value: str | None = None
    note_id: str | None = None
    date: dt.datetime | None = None
    agency: str | None = None
    quote: str | None = None
    span: tuple[int, int] | None = None
    trigger: str | None = None


@dataclass(frozen=True)
class Violation:
    """What a rule emits: the engine adds the rule's identity, severity and advice.

    `details` fill the placeholders of the rule's message template; `message` replaces the
    template outright when a rule needs wording of its own.
    """

    evidence: tuple[Evidence, ...] = ()
    details: Mapping[str, str] = field(default_factory=dict)
    message: str | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class Skip:
    """Returned by a rule whose precondition does not hold (n/a) or whose input is absent."""

    status: Status
    reason: str


def not_applicable(reason: str) -> Skip:
    return Skip(Status.NOT_APPLICABLE, reason)


def not_evaluated(reason: str) -> Skip:
    return Skip(Status.NOT_EVALUATED, reason)


@dataclass(frozen=True)
class Finding:
    """One recording gap in one case: the stable record every report format is built from."""

    rule: str
    name: str
    severity: Severity
    message: str
    case_id: str
    evidence: tuple[Evidence, ...] = ()
    advice: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Check:
    """A selected rule's status for one case, with the reason when it was skipped."""

    rule: str
    status: Status
    reason: str = ""


@dataclass(frozen=True)
class Problem:
    """Something that stopped part of a run: an input not (wholly) read, or a rule that crashed.

    `kind` is "input" (exit 2), "internal" (exit 3) or "hint" (something read that may not be
    what the user meant, such as a column that looks like a field; it changes no exit code).
    Always shown as one line.
    """

    path: str
    message: str
    row: int | None = None
    line: int | None = None
    kind: str = "input"
    case_id: str | None = None
    rule: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.row is not None:
            where += f", row {self.row}"
        elif self.line is not None:
            where += f", line {self.line}"
        message = _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), self.message)
        return f"{where}: {'hint: ' if self.kind == 'hint' else ''}{message}"


#: characters that would break a problem's one line (newlines, tabs, other controls)
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


@dataclass(frozen=True)
class CaseReport:
    """One case's result: its findings and every selected rule's status."""

    case: Case
    findings: tuple[Finding, ...]
    checks: Mapping[str, Check]

    @property
    def case_id(self) -> str:
        return self.case.case_id

    @property
    def score(self) -> float | None:
        """Share of applicable rules passed; None when no rule applied."""
        judged = [c for c in self.checks.values() if c.status in (Status.PASS, Status.FAIL)]
        if not judged:
            return None
        return sum(c.status is Status.PASS for c in judged) / len(judged)
