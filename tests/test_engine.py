"""The engine: selection, statuses, scores, config applied to rules, and crash isolation."""

from __future__ import annotations

import pytest

from recordlint.checking import SelectionError, check_case, configure_rules, select_rules
from recordlint.config import Config, ConfigError
from recordlint.model import Severity, Status, Violation, not_applicable
from recordlint.rulebook.loader import load_rulebook
from recordlint.rulebook.rule import Rule, RuleDefinitionError, rule
from recordlint.testing import case_from_example

BOOK = load_rulebook(entry_points=False)


def make_rule(code: str, check) -> Rule:
    return rule(code=code, name="test-rule", message="{what} went wrong")(check).__recordlint_rule__


def test_select_by_prefix_and_code_and_ignore() -> None:
    codes = [r.code for r in select_rules(BOOK.rules, ["DEM"], ["DEM002"])]
    assert codes == ["DEM001", "DEM003", "DEM004", "DEM005", "DEM006"]
    assert [r.code for r in select_rules(BOOK.rules, ["DEM003"])] == ["DEM003"]
    assert len(select_rules(BOOK.rules)) == len(BOOK.rules)


@pytest.mark.parametrize(("select", "ignore"), [(["XYZ"], []), ([], ["DEM999"])])
def test_unknown_selection_is_an_error(select, ignore) -> None:
    with pytest.raises(SelectionError, match="no rule code or prefix matches"):
        select_rules(BOOK.rules, select, ignore)


def test_statuses_and_score() -> None:
    case = case_from_example({"fields": {"ethnicity": "WBRI", "religion": ""}})

    def skip(case):
        return not_applicable("no strategy discussion")

    rules = [BOOK.rules["DEM001"], BOOK.rules["DEM003"], make_rule("TST001", skip)]
    report, problems = check_case(case, rules)
    assert problems == []
    statuses = {code: c.status for code, c in report.checks.items()}
    assert statuses == {
        "DEM001": Status.PASS,
        "DEM003": Status.FAIL,
        "TST001": Status.NOT_APPLICABLE,
    }
    assert report.checks["TST001"].reason == "no strategy discussion"
    assert report.score == 0.5
    assert [f.rule for f in report.findings] == ["DEM003"]


def test_message_template_filled_from_violation_details() -> None:
    def check(case):
        yield Violation(details={"what": "something"})

    report, _ = check_case(case_from_example({}), [make_rule("TST002", check)])
    assert report.findings[0].message == "something went wrong"
    assert report.findings[0].severity is Severity.WARNING


def test_a_crashing_rule_is_an_internal_error_for_that_case_and_the_run_goes_on() -> None:
    def boom(case):
        raise KeyError("surprise")

    case = case_from_example({"fields": {"ethnicity": ""}})
    report, problems = check_case(case, [make_rule("TST003", boom), BOOK.rules["DEM001"]])
    assert report.checks["TST003"].status is Status.NOT_EVALUATED
    assert report.checks["DEM001"].status is Status.FAIL
    assert [(p.kind, p.rule, p.case_id) for p in problems] == [("internal", "TST003", "EXAMPLE")]
    assert "KeyError" in problems[0].message and "\n" not in problems[0].message


def test_config_overrides_severity_and_options() -> None:
    config = Config(rule_settings={"DEM001": {"severity": Severity.ERROR, "report-declined": True}})
    (configured,) = configure_rules([BOOK.rules["DEM001"]], config)
    assert configured.severity is Severity.ERROR
    report, _ = check_case(case_from_example({"fields": {"ethnicity": "REFU"}}), [configured])
    assert [f.severity for f in report.findings] == [Severity.INFO]


def test_unknown_rule_option_is_a_config_error() -> None:
    config = Config(rule_settings={"DEM001": {"colour": "red"}}, source="recordlint.toml")
    with pytest.raises(
        ConfigError, match=r"recordlint.toml: \[rules.DEM001\]: unknown option 'colour'"
    ):
        configure_rules([BOOK.rules["DEM001"]], config)


def test_rule_decorator_rejects_bad_codes_names_and_inputs() -> None:
    with pytest.raises(RuleDefinitionError, match="capital letters"):
        rule(code="dem1", name="x", message="m")(lambda case: [])
    with pytest.raises(RuleDefinitionError, match="lower-case words"):
        rule(code="TST001", name="Bad Name", message="m")(lambda case: [])
    with pytest.raises(RuleDefinitionError, match="'database' is not an input"):
        rule(code="TST001", name="ok", message="m")(lambda database: [])


def test_a_rule_that_reads_notes_is_not_called_on_a_case_without_any() -> None:
    calls = []

    @rule(code="TST010", name="reads-notes", message="m")
    def reads_notes(case, text):
        calls.append(case.case_id)
        return not_applicable("nothing")

    @rule(code="TST011", name="notes-or-fields", message="m", notes="optional")
    def notes_or_fields(case, text):
        calls.append(case.case_id)
        return not_applicable("nothing")

    no_notes = case_from_example({"fields": {"ethnicity": "WBRI"}})
    with_notes = case_from_example({"notes": [{"date": "2024-03-12", "text": "Seen alone."}]})
    rules = [reads_notes.__recordlint_rule__, notes_or_fields.__recordlint_rule__]
    report, _ = check_case(no_notes, rules)
    assert report.checks["TST010"].status is Status.NOT_EVALUATED
    assert report.checks["TST010"].reason == "no notes to read"
    assert report.checks["TST011"].status is Status.NOT_APPLICABLE
    check_case(with_notes, rules)
    assert calls == [no_notes.case_id, with_notes.case_id, with_notes.case_id]


def test_notes_must_be_required_or_optional() -> None:
    with pytest.raises(RuleDefinitionError, match="notes must be 'required' or 'optional'"):
        rule(code="TST012", name="bad", message="m", notes="sometimes")(lambda text: None)
