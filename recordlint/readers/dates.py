"""Day-first date parsing for English case records.

dateutil does the parsing; the one thing it gets wrong for us is year-first dates under
`dayfirst=True` ("2019-3-12" and "2019-03-12 9:05" become 3 December), so year-first text goes
through `datetime.fromisoformat` first and, failing that, through dateutil year first: a date
that starts with its year is never read day first. A column written month first throughout (a
US export) is found by `month_first` and read that way, said once. Exports write the same few
shapes on every row, so "12/03/2019" and "12/03/2019 14:05" are built directly (dateutil's
tokenizer was a tenth of a whole run), and each distinct text is parsed once.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import ClassVar

from dateutil import parser as dateutil_parser

_DEFAULT_A = dt.datetime(2001, 1, 1)
_DEFAULT_B = dt.datetime(2002, 2, 2, 1, 1)
_YEAR_FIRST = re.compile(r"^\d{4}(?:([-/.])\d{1,2}\1\d{1,2}|\d{4}(?!\d))")
_DAY_FIRST = re.compile(
    r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", re.ASCII
)


class _CaseRecordWords(dateutil_parser.parserinfo):
    """dateutil's words for days, with the abbreviations English records also write.

    Class "a weekday in a longer abbreviation": "Tues 26th Nov 24 13:00", "Weds 3 May",
    "Thurs 2nd Oct 25" (dateutil knows "Tue" and "Thu" only, and refuses the whole date).
    The weekday adds nothing to a full date; it must only not stop the date being read."""

    WEEKDAYS: ClassVar[list[tuple[str, ...]]] = [
        ("Mon", "Monday"),
        ("Tu", "Tue", "Tues", "Tuesday"),
        ("Wed", "Weds", "Wednesday"),
        ("Th", "Thu", "Thur", "Thurs", "Thursday"),
        ("Fri", "Friday"),
        ("Sat", "Saturday"),
        ("Sun", "Sunday"),
    ]


_WORDS = _CaseRecordWords()

#: any day/month/year written in numbers, with a two- or four-digit year
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(?:\d{4}|\d{2})(?!\d)", re.ASCII)


class DateError(ValueError):
    """A date that cannot be read; the message is fit to show a user."""


def run_date() -> dt.date:
    """The day of the run, against which a note's date is in the future: today, or the day
    `SOURCE_DATE_EPOCH` names (so a test or a rerun gives the same report on any day)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def future_date_problem(date: dt.datetime | None, today: dt.date) -> str | None:
    """A note cannot be written after the day it is read: a date past today is a slip (2062
    for 2026, or a two-digit year read in the wrong century) and is said, the note kept."""
    if date is None or date.date() <= today:
        return None
    return (
        f"date {date:%d/%m/%Y} is after the day of the run ({today:%d/%m/%Y}); the note is kept "
        "with that date: check its year"
    )


def date_value_problem(
    label: str, value: str, today: dt.date, future_allowed: bool = False
) -> str | None:
    """Why a field that must hold a date is wrong, or None: a value that is not a date
    (31/02/2019), or one after the day of the run unless the field may look ahead (a target or
    expected date). `label` names the column or element as the file writes it."""
    value = value.strip()
    if not value:
        return None
    try:
        date, _ = parse_datetime(value)
    except DateError:
        return f"{label} {value!r} is not a date"
    if date is not None and date.date() > today and not future_allowed:
        return f"{label} {value!r} is after the day of the run ({today:%d/%m/%Y}); check its year"
    return None


def parse_date(text: str, time_text: str = "") -> dt.datetime | None:
    """Parse a day-first date (and optional separate time); None for a blank value."""
    return parse_datetime(text, time_text)[0]


def parse_datetime(
    text: str, time_text: str = "", month_first: bool = False
) -> tuple[dt.datetime | None, bool]:
    """Like `parse_date`, and also whether the text gave a time of day (midnight or unknown?).
    `month_first` reads "03/25/2024" as 25 March (a column `month_first` found so)."""
    value = " ".join(str(text).split())
    if time_text and str(time_text).strip():
        value = f"{value} {str(time_text).strip()}"
    if not value:
        return None, False
    if month_first and (match := _NUMERIC.match(value)):
        month, separator, day = match.group(1, 2, 3)
        value = f"{day}{separator}{month}{value[len(month) + len(separator) + len(day) :]}"
    return _parse(value)


def month_first(values: Iterable[str]) -> str | None:
    """An example value when every numeric date in `values` reads month first and at least one
    can only be read so ("03/25/2024"); None otherwise (a day-first column, or no evidence)."""
    example = None
    for value in values:
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        first, second = int(match[1]), int(match[3])
        if first > 12:
            return None  # a day: the column is day first
        if second > 12 and example is None:
            example = value.strip()
    return example


@lru_cache(maxsize=65536)
def _parse(value: str) -> tuple[dt.datetime, bool]:
    """Parse normalised, non-blank text (cached: an export repeats its dates on many rows)."""
    if match := _DAY_FIRST.fullmatch(value):
        day, _, month, year, hour, minute, second = match.groups()
        try:
            parsed = dt.datetime(
                int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
            )
            return parsed, hour is not None
        except ValueError as exc:  # 31/02/2020; 12/13/2021 is refused below
            if int(month) <= 12:
                raise DateError(f"cannot read date {value!r} ({exc})") from None
    if (numeric := _NUMERIC.match(value)) and int(numeric[3]) > 12:
        # dateutil reads 12/13/21 as 13 December: a day-first reader must not guess month-first
        raise DateError(f"cannot read date {value!r} (month must be in 1..12; dates are day first)")
    year_first = bool(_YEAR_FIRST.match(value))
    if year_first:
        try:
            parsed = dt.datetime.fromisoformat(value.replace("/", "-")).replace(tzinfo=None)
            return parsed, len(value) > 10
        except ValueError:
            pass
    day_first = not year_first
    try:
        # parsed twice with different defaults: a part that changes was not in the text, and
        # a date missing its day, month or year would otherwise be filled in from today
        first = dateutil_parser.parse(
            value, _WORDS, dayfirst=day_first, yearfirst=year_first, default=_DEFAULT_A
        )
        second = dateutil_parser.parse(
            value, _WORDS, dayfirst=day_first, yearfirst=year_first, default=_DEFAULT_B
        )
    except (ValueError, OverflowError, ArithmeticError) as exc:
        # ArithmeticError: dateutil's decimal seconds overflow on a long run of digits
        reason = str(exc).split(":")[0] if "out of range" in str(exc) else "not a date"
        raise DateError(f"cannot read date {value!r} ({reason})") from None
    if first.date() != second.date():
        raise DateError(f"cannot read date {value!r} (needs a day, month and year)")
    return first.replace(tzinfo=None), first.time() == second.time()
