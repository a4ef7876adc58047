"""Dates are day-first, except ISO dates, which are year-month-day."""

from __future__ import annotations

import datetime as dt

import pytest

from recordlint.readers.dates import DateError, parse_date, parse_datetime


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12/03/2019", dt.datetime(2019, 3, 12)),
        ("2019-03-12", dt.datetime(2019, 3, 12)),
        ("12-03-2019 14:10", dt.datetime(2019, 3, 12, 14, 10)),
        ("12 March 2019", dt.datetime(2019, 3, 12)),
        ("3/4/2024 9:05", dt.datetime(2024, 4, 3, 9, 5)),
        ("2015-03-15 00:00:00", dt.datetime(2015, 3, 15)),
        ("2024-03-12T08:30:00Z", dt.datetime(2024, 3, 12, 8, 30)),
    ],
)
def test_parse(text: str, expected: dt.datetime) -> None:
    assert parse_date(text) == expected


def test_separate_time() -> None:
    assert parse_date("12/03/2019", "14:10") == dt.datetime(2019, 3, 12, 14, 10)


def test_blank_is_none() -> None:
    assert parse_date("  ") is None


@pytest.mark.parametrize("text", ["31/02/2020", "yesterday afternoon", "13/13/2020"])
def test_unreadable(text: str) -> None:
    with pytest.raises(DateError, match="cannot read date"):
        parse_date(text)


@pytest.mark.parametrize(
    "text",
    ["12/03/2019", "1/2/2020", "12.03.2019", "12-03-2019", "12/03/2019 14:05", "12/03/2019 00:00",
     "01/12/2019 9:05:30", "29/02/2024"],
)  # fmt: skip
def test_common_shapes_read_directly_agree_with_dateutil(text):
    from dateutil import parser as dateutil_parser

    expected = dateutil_parser.parse(text, dayfirst=True)
    assert parse_datetime(text) == (expected, ":" in text)


def test_the_day_of_the_run_can_be_fixed_for_a_repeatable_report(monkeypatch, tmp_path) -> None:
    from pathlib import Path

    from recordlint.readers import read_inputs
    from recordlint.readers.dates import run_date

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026
    assert run_date() == dt.date(2026, 1, 1)
    document = Path(tmp_path) / "case.txt"
    document.write_text(
        "Child ID: B1\n\n02/01/2026 Home visit\nSeen alone.\n01/01/2026 Phone call\nMum rang.\n",
        encoding="utf-8",
    )
    result = read_inputs([document])
    (problem,) = result.problems
    assert problem.line == 3
    assert problem.message.startswith("date 02/01/2026 is after the day of the run (01/01/2026)")
    assert len(result.cases[0].notes) == 2
