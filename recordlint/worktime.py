"""Working days and out-of-hours, as English statutory timescales count them.

Working days skip Saturdays, Sundays and England's bank holidays (from the maintained `holidays`
package, which knows the moved and one-off ones, such as the 2022 state funeral). "Out of hours"
is when a front door hands over to an emergency duty team: 17:00 to 08:59 on a working day, and
all of a weekend or bank holiday. Deadlines are judged at the case's last entry, so nothing here
reads today's date.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

#: the working day runs from 09:00 until 17:00
DAY_STARTS = dt.time(9, 0)
DAY_ENDS = dt.time(17, 0)


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> dict[dt.date, str]:
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year))


def bank_holiday_name(day: dt.date) -> str | None:
    """ "Good Friday" for 29 March 2024; None on an ordinary day."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    if isinstance(day, dt.datetime):
        day = day.date()
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (before it, for a negative number).

    Counting starts the day after `start`, as "within 3 working days of the referral" does: a
    referral on Friday has Monday, Tuesday and Wednesday.
    """
    if isinstance(start, dt.datetime):
        start = start.date()
    step = 1 if days >= 0 else -1
    day, remaining = start, abs(days)
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if isinstance(start, dt.datetime):
        start = start.date()
    if isinstance(end, dt.datetime):
        end = end.date()
    if end < start:
        return -working_days_between(end, start)
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day)
    return count


def is_out_of_hours(moment: dt.datetime) -> bool:
    """17:00 to 08:59 on a working day, or any time on a weekend or bank holiday."""
    if not is_working_day(moment.date()):
        return True
    return not (DAY_STARTS <= moment.time() < DAY_ENDS)
