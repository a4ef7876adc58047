"""Each rule's pass/fail examples (kept next to the rule) run as tests, and every rule has them."""

from __future__ import annotations

import pytest

from recordlint.model import Status
from recordlint.rulebook.loader import load_rulebook
from recordlint.testing import assert_example

BOOK = load_rulebook(entry_points=False)


def test_rule_example(rule_example) -> None:
    rule, example = rule_example
    assert_example(rule, example)


@pytest.mark.parametrize("code", sorted(BOOK.rules))
def test_every_rule_has_pass_and_fail_examples(code: str) -> None:
    expected = {e.expect for e in BOOK.rules[code].examples}
    assert Status.PASS in expected, f"{code} has no example that passes"
    assert Status.FAIL in expected, f"{code} has no example that fails"


@pytest.mark.parametrize("code", sorted(BOOK.rules))
def test_every_rule_says_why_what_to_record_and_where_it_comes_from(code: str) -> None:
    rule = BOOK.rules[code]
    assert len(rule.why) > 40, f"{code}: 'why' should explain the audit finding"
    assert len(rule.advice) > 40, f"{code}: 'advice' should say what to record"
    assert rule.reference.startswith("Audit"), f"{code}: reference should cite the audit"


#: the public rule contract (../shared/rules.md): every code with its name, never renumbered
CONTRACT = {
    "DEM001": "ethnicity-not-recorded",
    "DEM002": "language-not-recorded",
    "DEM003": "religion-not-recorded",
    "DEM004": "father-details-missing",
    "DEM005": "household-not-recorded",
    "REF001": "referral-not-actioned",
    "REF002": "referral-not-received",
    "ACT001": "action-not-completed",
    "DIV001": "diversity-assumption-unexplored",
    "DIV002": "identity-not-considered",
    "RSK001": "exploitation-risk-unassessed",
    "RSK002": "domestic-abuse-unassessed",
    "RSK003": "self-harm-procedure-not-evident",
    "RSK004": "missing-without-return-interview",
    "RSK005": "self-harm-attendance-no-followup",
    "MTG001": "strategy-partners-not-involved",
    "MTG002": "out-of-hours-strategy-no-followup",
    "PLN001": "plan-not-smart",
    "PLN002": "no-transition-planning",
    "PLN003": "ehcp-not-in-plan",
    "PLN004": "chronology-not-evident",
    "VOC001": "child-voice-absent",
    "PLN005": "exploitation-not-in-plan",
    "COM001": "letter-without-accessibility-check",
    "TIM001": "recording-drift",
}


def test_every_contract_code_is_a_rule_with_its_name() -> None:
    assert len(CONTRACT) == 25
    names = {code: rule.name for code, rule in BOOK.rules.items()}
    assert {code: names.get(code) for code in CONTRACT} == CONTRACT
    assert set(names) - set(CONTRACT) == {"DEM006"}  # the one code added by this project


def test_a_wrong_example_is_reported_with_what_the_rule_said() -> None:
    rule = BOOK.rules["DEM001"]
    wrong = next(e for e in rule.examples if e.name == "blank").__class__(
        rule="DEM001", name="wrong", expect=Status.PASS, case={"fields": {"ethnicity": ""}}
    )
    with pytest.raises(AssertionError, match="expected pass, got fail"):
        assert_example(rule, wrong)
