"""Classifying exported values with the code lists and missing-value vocabulary (domain.md 1.6)."""

from __future__ import annotations

import pytest

from recordlint.codelists import ValueClass, codelist, normalise

CASES = [
    ("ethnicity", "WBRI", ValueClass.RECORDED),
    ("ethnicity", "a) APKN", ValueClass.RECORDED),
    ("ethnicity", "WBRI - White British", ValueClass.RECORDED),
    ("ethnicity", "White British", ValueClass.RECORDED),
    ("ethnicity", "N", ValueClass.RECORDED),  # NHS: African
    ("ethnicity", "Indian Gujarati", ValueClass.RECORDED),
    ("ethnicity", "NOBT", ValueClass.NOT_OBTAINED),
    ("ethnicity", "99", ValueClass.NOT_OBTAINED),
    ("ethnicity", " not known ", ValueClass.NOT_OBTAINED),
    ("ethnicity", "Unknown.", ValueClass.NOT_OBTAINED),
    ("ethnicity", "TBC", ValueClass.NOT_OBTAINED),
    ("ethnicity", "a) Not known", ValueClass.NOT_OBTAINED),
    ("ethnicity", "REFU", ValueClass.DECLINED),
    ("ethnicity", "Z", ValueClass.DECLINED),
    ("ethnicity", "Z - Not stated", ValueClass.DECLINED),
    ("ethnicity", "None", ValueClass.EMPTY),
    ("ethnicity", "", ValueClass.EMPTY),
    ("ethnicity", "-", ValueClass.EMPTY),
    ("ethnicity", "N/A", ValueClass.NOT_APPLICABLE),
    ("ethnicity", "believed to be Pakistani", ValueClass.INFERRED),
    ("religion", "None", ValueClass.RECORDED),
    ("religion", "No religion", ValueClass.RECORDED),
    ("religion", "N", ValueClass.NOT_OBTAINED),  # NHS: religion unknown
    ("religion", "M", ValueClass.DECLINED),
    ("religion", "Prefer not to say", ValueClass.DECLINED),
    ("religion", "Not stated", ValueClass.NOT_OBTAINED),
    ("language", "ENB", ValueClass.INFERRED),
    ("language", "OTB", ValueClass.INFERRED),
    ("language", "NOT", ValueClass.NOT_OBTAINED),
    ("language", "REF", ValueClass.DECLINED),
    ("language", "Polish", ValueClass.RECORDED),
    ("interpreter", "Y", ValueClass.RECORDED),
    ("interpreter", "Not known", ValueClass.NOT_OBTAINED),
]


@pytest.mark.parametrize(("listname", "value", "expected"), CASES)
def test_classify(listname: str, value: str, expected: ValueClass) -> None:
    assert codelist(listname).classify(value).value_class is expected


def test_gaps_are_empty_not_obtained_and_not_applicable_only() -> None:
    gaps = {c for c in ValueClass if c.is_gap}
    assert gaps == {ValueClass.EMPTY, ValueClass.NOT_OBTAINED, ValueClass.NOT_APPLICABLE}


def test_code_label_is_returned() -> None:
    assert codelist("ethnicity").classify("a) WBRI").label == "White British"


@pytest.mark.parametrize("value", ["ENG", "English", "ENB", "eng"])
def test_english(value: str) -> None:
    assert codelist("language").is_english(value)


@pytest.mark.parametrize("value", ["Polish", "BSL", "OTB"])
def test_not_english(value: str) -> None:
    assert not codelist("language").is_english(value)


def test_normalise() -> None:
    assert normalise("  Not   Known. ") == "not known"
