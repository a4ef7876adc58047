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
from recordlint.paths import vocab_file
from recordlint.rulebook.kinds import kind
from recordlint.rulebook.rule import Rule, rule

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
    "codelist",
    "kind",
    "not_applicable",
    "not_evaluated",
    "rule",
    "value_class",
    "vocab_file",
]
