"""The one module rule packs import: the contract between recordlint and every rule.

    from recordlint.api import rule, Violation, Evidence, not_applicable

Everything a rule needs is here, typed; anything else in recordlint may change between releases,
and an import-linter contract (pyproject.toml, `[tool.importlinter]`) fails CI when a rule in
`rules/` imports past this module. What it offers:

- declaring a rule and what it returns: `rule`, `Violation`, `Evidence`, `not_applicable`,
  `not_evaluated`, `Skip`, `Severity`, `Status`;
- the case model: `Case`, `Note`, `Person`, `FieldValue`, `Finding`;
- structured values: `codelist`, `value_class`, `ValueClass`;
- the notes as read (`CaseText`, `Mention`, `Sentence`) and the shared shapes of practice:
  responses to an indicator (`unanswered`, `report_unanswered`, `looked_for`, `at_or_after`,
  `as_it_happened`,
  `last_entry`, `sentences_of`, `one_per_sentence`), referrals as events (`referral_events`,
  `in_order`, `INTENDED`, `MADE`, `RECEIVED`, agencies), actions and plan items (`actions_in`,
  `plan_items`, `done_by`, `default_days`, `vague_words`), each note as an event (`note_events`,
  `NoteEvent`), strategy discussions;
- dates and time: `parse_date`, `DateError`, `add_working_days`, `working_days_between`, and the
  time layer (`find_times`, `TimeExpression`, `clock_of`; a sentence's own are `Sentence.times`);
- the run's words: `vocabulary()`, `Vocabulary`, `per_vocabulary`; and the declarative `kind`.

`CaseText`, `Mention` and `Sentence` are imported on first use (they bring spaCy with them, and
a run whose rules read no notes should not pay for it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recordlint.codelists import ValueClass, codelist, value_class
from recordlint.model import (
    Case,
    Evidence,
    FieldValue,
    Finding,
    Note,
    Person,
    Severity,
    Skip,
    Status,
    Violation,
    not_applicable,
    not_evaluated,
)
from recordlint.nlp.timex import TimeExpression, clock_of, find_times
from recordlint.practice.action_words import default_days
from recordlint.practice.actions import actions_in, plan_items, vague_words
from recordlint.practice.completion import done_by
from recordlint.practice.events import NoteEvent, note_events
from recordlint.practice.meetings import strategy_discussions
from recordlint.practice.referrals import (
    INTENDED,
    MADE,
    RECEIVED,
    agencies_in,
    agency_of,
    in_order,
    note_agency,
    referral_events,
)
from recordlint.practice.responses import (
    as_it_happened,
    at_or_after,
    last_entry,
    looked_for,
    one_per_sentence,
    report_unanswered,
    sentences_of,
    unanswered,
)
from recordlint.readers.dates import DateError, parse_date
from recordlint.rulebook.kinds import kind
from recordlint.rulebook.rule import Rule, rule
from recordlint.vocabulary import Vocabulary, per_vocabulary
from recordlint.vocabulary import current as vocabulary
from recordlint.worktime import add_working_days, working_days_between

if TYPE_CHECKING:
    from recordlint.nlp.query import CaseText, Mention, Sentence

_LAZY = {"CaseText", "Mention", "Sentence"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from recordlint.nlp import query

        return getattr(query, name)
    raise AttributeError(f"module 'recordlint.api' has no attribute {name!r}")


__all__ = [
    "INTENDED",
    "MADE",
    "RECEIVED",
    "Case",
    "CaseText",
    "DateError",
    "Evidence",
    "FieldValue",
    "Finding",
    "Mention",
    "Note",
    "NoteEvent",
    "Person",
    "Rule",
    "Sentence",
    "Severity",
    "Skip",
    "Status",
    "TimeExpression",
    "ValueClass",
    "Violation",
    "Vocabulary",
    "actions_in",
    "add_working_days",
    "agencies_in",
    "agency_of",
    "as_it_happened",
    "at_or_after",
    "clock_of",
    "codelist",
    "default_days",
    "done_by",
    "find_times",
    "in_order",
    "kind",
    "last_entry",
    "looked_for",
    "not_applicable",
    "not_evaluated",
    "note_agency",
    "note_events",
    "one_per_sentence",
    "parse_date",
    "per_vocabulary",
    "plan_items",
    "referral_events",
    "report_unanswered",
    "rule",
    "sentences_of",
    "strategy_discussions",
    "unanswered",
    "vague_words",
    "value_class",
    "vocabulary",
    "working_days_between",
]
