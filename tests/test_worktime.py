"""Working days and out of hours, against England's real bank holidays."""

from __future__ import annotations

import datetime as dt

import pytest

from recordlint.worktime import (
    add_working_days,
    bank_holiday_name,
    is_out_of_hours,
    is_working_day,
    working_days_between,
)

D = dt.date


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2024, 3, 11), 3, D(2024, 3, 14)),  # Monday + 3 = Thursday
        (D(2024, 3, 15), 1, D(2024, 3, 18)),  # Friday + 1 = Monday
        (D(2024, 3, 28), 1, D(2024, 4, 2)),  # Maundy Thursday: Good Friday, Easter Monday skipped
        (D(2024, 12, 24), 1, D(2024, 12, 27)),  # Christmas Day and Boxing Day
        (D(2022, 9, 16), 1, D(2022, 9, 20)),  # the Queen's state funeral, 19 Sep 2022
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # the coronation bank holiday, 8 May 2023
        (D(2024, 3, 14), -3, D(2024, 3, 11)),
        (D(2024, 3, 14), 0, D(2024, 3, 14)),
    ],
)
def test_add_working_days(start: dt.date, days: int, expected: dt.date) -> None:
    assert add_working_days(start, days) == expected


def test_working_days_between_counts_after_start_up_to_end() -> None:
    assert working_days_between(D(2024, 3, 28), D(2024, 4, 2)) == 1
    assert working_days_between(D(2024, 4, 2), D(2024, 3, 28)) == -1
    assert working_days_between(D(2024, 3, 11), D(2024, 3, 11)) == 0
    # 45 working days is the assessment timescale; round trip agrees
    end = add_working_days(D(2024, 1, 8), 45)
    assert working_days_between(D(2024, 1, 8), end) == 45


def test_england_not_scotland() -> None:
    assert is_working_day(D(2024, 1, 2))  # a bank holiday in Scotland only
    assert bank_holiday_name(D(2024, 3, 29)) == "Good Friday"
    assert bank_holiday_name(D(2024, 3, 27)) is None


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2024, 3, 12, 9, 0), False),
        (dt.datetime(2024, 3, 12, 16, 59), False),
        (dt.datetime(2024, 3, 12, 17, 0), True),
        (dt.datetime(2024, 3, 12, 8, 59), True),
        (dt.datetime(2024, 3, 16, 11, 0), True),  # Saturday
        (dt.datetime(2024, 5, 6, 11, 0), True),  # early May bank holiday
    ],
)
def test_out_of_hours(moment: dt.datetime, expected: bool) -> None:
    assert is_out_of_hours(moment) is expected


def test_notes_know_whether_a_time_was_given() -> None:
    from recordlint.readers.dates import parse_datetime

    assert parse_datetime("12/03/2024", "17:30") == (dt.datetime(2024, 3, 12, 17, 30), True)
    assert parse_datetime("12/03/2024") == (dt.datetime(2024, 3, 12), False)
    assert parse_datetime("12/03/2024 00:00")[1] is True
    assert parse_datetime("2024-03-12T18:05")[1] is True
    assert parse_datetime("2024-03-12")[1] is False
