"""The one module rule packs import.

    from recordlint.api import rule, Violation, Evidence, not_applicable

Everything a rule needs is here; anything else in recordlint may change between releases.
"""

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
from recordlint.rulebook.kinds import kind
from recordlint.rulebook.rule import Rule, rule
from recordlint.vocabulary import Vocabulary, per_vocabulary
from recordlint.vocabulary import current as vocabulary

__all__ = [
    "Case",
    "Evidence",
    "FieldValue",
    "Finding",
    "Note",
    "Person",
    "Rule",
    "Severity",
    "Skip",
    "Status",
    "ValueClass",
    "Violation",
    "Vocabulary",
    "codelist",
    "kind",
    "not_applicable",
    "not_evaluated",
    "per_vocabulary",
    "rule",
    "value_class",
    "vocabulary",
]
