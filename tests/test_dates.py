"""Dates are day-first, except ISO dates, which are year-month-day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recordlint.readers import read_inputs
from recordlint.readers.dates import DateError, month_first, parse_date, parse_datetime


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
        # class "a weekday in a longer abbreviation" (none of these is the date that showed it)
        ("Weds 3rd May 23 10:00", dt.datetime(2023, 5, 3, 10, 0)),
        ("Thur 3 Apr 2025", dt.datetime(2025, 4, 3)),
        ("Tues 9 Sept 2025", dt.datetime(2025, 9, 9)),
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


@pytest.mark.parametrize(
    "text",
    ["2024-3-11", "2024/3/11", "2024-03-11 9:05", "2024-3-11T09:05", "20240311", "2024.03.11"],
)
def test_a_date_that_starts_with_its_year_is_never_read_day_first(text: str) -> None:
    assert parse_date(text).date() == dt.date(2024, 3, 11)


def test_a_column_written_month_first_is_found_only_on_evidence() -> None:
    assert month_first(["03/25/2024", "04/01/2024", ""]) == "03/25/2024"
    assert month_first(["13/02/2024", "03/25/2024"]) is None  # a day: the column is day first
    assert month_first(["01/02/2024", "2024-03-25"]) is None  # nothing says month first
    assert parse_datetime("03/25/2024 10:00", month_first=True) == (
        dt.datetime(2024, 3, 25, 10, 0),
        True,
    )


def test_a_month_first_csv_column_is_said_once_and_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "us.csv"
    path.write_text(
        "Case ID,Date of Birth,Entry Date,Note\n"
        "U1,07/30/2010,03/05/2024,First.\nU1,07/30/2010,03/25/2024 14:00,Second.\n",
        encoding="utf-8",
    )
    result = read_inputs([path])
    said = "is written month first ({!r}); its dates are read month first"
    assert [(p.kind, p.message) for p in result.problems] == [
        ("hint", "column 'Date of Birth' " + said.format("07/30/2010")),
        ("hint", "column 'Entry Date' " + said.format("03/25/2024 14:00")),
    ]
    (case,) = result.cases
    assert [n.date for n in case.notes] == [dt.datetime(2024, 3, 5), dt.datetime(2024, 3, 25, 14)]
    assert case.field("dob") == "2010-07-30"


def test_a_workbook_column_of_typed_and_text_dates_reads_each_as_it_is(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Child ID", "Entry Date", "Note"])
    sheet.append(["C1", dt.datetime(2024, 3, 11), "typed date"])
    sheet.append(["C1", "12/03/2024", "text date, day first"])
    sheet.append(["C1", dt.datetime(2024, 3, 13, 14, 5), "typed date and time"])
    sheet.append(["C1", "2024-3-14 9:05", "ISO text"])
    book.save(tmp_path / "mixed.xlsx")
    result = read_inputs([tmp_path / "mixed.xlsx"])
    assert result.problems == []
    notes = result.cases[0].notes
    assert [(n.date, n.time_known) for n in notes] == [
        (dt.datetime(2024, 3, 11), False),  # Excel's midnight is a date with no time
        (dt.datetime(2024, 3, 12), False),
        (dt.datetime(2024, 3, 13, 14, 5), True),
        (dt.datetime(2024, 3, 14, 9, 5), True),
    ]
