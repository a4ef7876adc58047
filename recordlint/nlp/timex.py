"""The time layer: every date, time, duration, frequency and named occasion in a note, valued.

Rules that reason about time (a plan item's timescale, an action's due date, a follow-up
window) read the `TimeExpression`s of a sentence instead of looking for dates themselves, so
"by Fri 13/09", "until the review on 10/10", "weekly sessions from 15/09 for 8 weeks", "(appt
booked for 02/05)", "at each session" and "to the end of term" are all seen the same way.

Why not a library's search alone (bench/time_libraries.py measures them on
bench/time_expressions.yaml): dateparser's `search_dates` values dates well but finds "may",
"sun" and "march" as dates, reads "07/09/24" as 2124, and finds no frequency, occasion or
working-day period; ctparse returns one parse per text with ragged spans; timexy finds a quarter
of the expressions. So the layer finds spans itself, with patterns whose words are data
(`rules/vocab/time.yaml`), reads numeric dates day first as the readers do, and hands worded and
relative dates ("3rd Oct", "next Tuesday", "in two weeks", "last night") to dateparser, which
values them against the note's date.

Each expression has a `role`, from the word that governs it: "due" (by, before, within, due),
"from" (from, starting, commencing: a start, not a deadline), "until" (until, till, up to: an
end of something ongoing), "every" (a frequency), "for" (a duration) or "at" (anything else).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta

from recordlint.worktime import add_working_days

KINDS = ("date", "datetime", "time", "duration", "frequency", "occasion", "relative")


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: where it is in the note, what kind, and what it means."""

    start: int  # character offsets in the note text
    end: int
    text: str
    kind: str  # one of KINDS
    #: the day it names, or the last day of the period it names ("this week": its Friday);
    #: None for a time of day, a duration, a frequency or an occasion with no date
    day: dt.date | None
    #: normalised: YYYY-MM-DD, HH:MM, an ISO 8601 period (P2W), or an occasion's words
    value: str
    role: str = "at"  # due, from, until, every, for, at

    @property
    def dated(self) -> bool:
        return self.day is not None


_WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "weds": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
_FULL_DAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_SHORT_DAYS = "mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun"
#: a weekday in any of the forms notes write it ("Thurs", "Wednesday", "Fridays"), for callers
WEEKDAY = rf"(?:{_FULL_DAYS}|{_SHORT_DAYS})s?"
#: the same, capitalised ("Thurs", not str.title()'s "Thu(?:Rs?)?", which never matches "Thurs")
_SHORT_DAYS_TITLED = "(?:Mon|Tues?|Weds?|Thu(?:rs?)?|Fri|Sat|Sun)"
_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "couple of": 2,
    "few": 3, "several": 3,
}  # fmt: skip
_NUMBER = r"(?:\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?:working\s+days?|school\s+days?|wds?|days?|weeks?|wks?|fortnights?|months?|hours?|hrs?)"
_CLOCK = (
    r"(?:\d{1,2}[:.]\d{2}\s*(?:[ap]\.m\.|am\b|pm\b)?|\d{1,2}\s*(?:[ap]\.m\.|am\b|pm\b)"
    r"|\d{3,4}\s*hrs)"
)

_ROLE_WORDS = [
    ("due", r"(?:by|before|no\s+later\s+than|not\s+later\s+than|within|due(?:\s+by|\s+on)?"
     r"|deadline|ahead\s+of|prior\s+to|in\s+time\s+for)"),
    ("from", r"(?:from|starting(?:\s+on)?|commencing|beginning|start(?:s|ed)?(?:\s+on)?|wef)"),
    ("until", r"(?:until|till|til|up\s+to|to|through)"),
]  # fmt: skip
_ROLE_BEFORE = re.compile(
    r"(?P<word>" + "|".join(f"(?P<{name}>{words})" for name, words in _ROLE_WORDS) + r")"
    r"\s+(?:the\s+|on\s+|at\s+)?$",
    re.IGNORECASE,
)


def _patterns(
    occasions: Iterable[str], units: Iterable[str]
) -> tuple[re.Pattern, list[tuple[str, re.Pattern]]]:
    """An occasion written just before a date ("CIN review 06/01"), and (kind, pattern) in the
    order they are tried: a later pattern never takes a span an earlier one holds, so a date
    with its time is one datetime, not a date and a time."""
    occasion = "|".join(sorted((re.escape(o) for o in occasions), key=len, reverse=True))
    unit = "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
    weekday_prefix = (
        rf"(?:(?:w/c|wc|w\.c\.|wk\s+commencing|week\s+commencing|week\s+beginning)\s+)?"
        rf"(?:(?:{_FULL_DAYS}|{_SHORT_DAYS})\.?,?\s+)?"
    )
    numeric = (
        rf"{weekday_prefix}(?<![\d/.:-])(?P<d>\d{{1,2}})(?P<sep>/)(?P<m>\d{{1,2}})"
        rf"(?:/(?P<y>\d{{4}}|\d{{2}}))?(?![\d/])"
        rf"|{weekday_prefix}(?<![\d/.:-])(?P<d2>\d{{1,2}})(?P<sep2>[.-])(?P<m2>\d{{1,2}})"
        rf"(?P=sep2)(?P<y2>\d{{4}}|\d{{2}})(?![\d.-]?\d)"
        # a day and month with a dot and no year ("by 14.02", "Mon 09.09"): kept only where
        # `_dotted_day_and_month` says it is a date, not a time of day
        rf"|{weekday_prefix}(?<![\d/.:-])(?P<d3>\d{{1,2}})(?P<sep3>\.)(?P<m3>\d{{1,2}})"
        rf"(?![\d.:]?\d)(?!\s*(?:am|pm|hrs?|h)\b)"
        rf"|(?<![\d/-])(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)"
    )
    with_time = rf"(?:(?:T|,?\s+(?:at\s+|@\s*)?)(?P<clock>{_CLOCK}))?"
    worded = (
        rf"{weekday_prefix}(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{_MONTH}\b\.?"
        rf"(?:,?\s+\d{{4}})?"
        rf"|(?-i:[A-Z][a-z]+)(?<=\w)(?:\s+the)?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
        rf"|(?-i:[A-Z][a-z]{{2,8}})\s+\d{{4}}\b"
    )
    relative = (
        r"\b(?:today|tonight|(?:tomorrow|tmrw|tmw)(?:\s+(?:morning|afternoon|evening|night))?"
        r"|yesterday(?:\s+(?:morning|afternoon|evening))?"
        rf"|mid[-\s]{_MONTH}"
        rf"|(?:(?<=on\s)|(?<=by\s)|(?<=from\s)|(?<=next\s)|(?<=until\s))(?-i:{_SHORT_DAYS_TITLED})\b\.?"
        rf"|(?-i:{_SHORT_DAYS_TITLED})\b\.?(?=\s+{_CLOCK})"
        r"|this\s+(?:morning|afternoon|evening)|last\s+night|overnight"
        rf"|(?:next|this|last|coming|following)\s+(?:{_FULL_DAYS}|week|wk|weekend|month|fortnight)"
        # class "the next day of work": "next working day", "the following school day"
        r"|(?:the\s+)?(?:next|following)\s+(?:working|school|business)\s+day"
        rf"|(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the\s+|this\s+|next\s+)?"
        rf"(?:week|month|year|{_MONTH})"
        rf"|(?:in|within)\s+(?:the\s+next\s+)?{_NUMBER}\s*{_UNIT}"
        rf"|{_NUMBER}\s+{_UNIT}\s+(?:later|from\s+now|time)"
        rf"|(?:on\s+|by\s+|this\s+)?(?-i:(?:{_FULL_DAYS.title()}|{_FULL_DAYS}))\b(?!s)"
        r"|asap|as\s+soon\s+as\s+possible|immediately|same\s+day|next\s+day|the\s+following\s+day"
        r")\b"
    )
    frequency = (
        r"\b(?:daily|nightly|weekly|fortnightly|bi-?weekly|monthly|termly|quarterly|annually"
        r"|yearly|(?:once|twice|three\s+times|\d+\s*x|\d+\s+times)\s+(?:a|per|each|every)\s+"
        rf"(?:{unit})|per\s+(?:{unit})"
        rf"|(?:at\s+|after\s+|before\s+)?(?:each|every)\s+(?:other\s+|second\s+)?"
        rf"(?:(?:\d{{1,2}}|{_NUMBER})\s*)?(?:{_FULL_DAYS}|{unit})s?"
        rf"|(?:on\s+)?(?:{_FULL_DAYS})s"
        # class "days of the week with a part of the day": "Monday and Thursday mornings"
        rf"|(?:{_FULL_DAYS})(?:\s*(?:,|and|&)\s*(?:{_FULL_DAYS}))*\s+(?:mornings|afternoons|evenings"
        r"|nights)"
        r"|(?:on\s+)?weekends|weekday\s+(?:mornings|evenings|afternoons)"
        r")\b"
    )
    durations = (
        rf"\b(?:for\s+(?:the\s+next\s+)?|over\s+(?:the\s+next\s+)?)?"
        rf"(?:(?<=for\s)(?:an?\s+)|(?:\d+(?:\.\d+)?|{_NUMBER})(?:\s*(?:-|to)\s*\d+)?\s*)"
        rf"(?:{_UNIT}|sessions|visits|appointments)\b"
        r"|(?<![\d/])\d{1,2}/52(?![\d/])"
    )
    # clinical shorthand for days and months ("r/v 2/7", "f/u in 3/12") only where a follow-up
    # word says so: elsewhere 2/7 is the 2nd of July
    clinical = r"(?:(?<=r/v\s)|(?<=f/u\s)|(?<=for\s)|(?<=in\s)|(?<=tci\s))\d{1,2}/(?:7|12)(?![\d/])"
    clock = (
        rf"(?<![\d/.:])(?:(?<=at\s)|(?<=@\s)|(?<=@))?{_CLOCK}(?![\d/])"
        # class "a bare hour after at": "collecting at 12", "back at 3 then"; "at 12 years" is not
        r"|(?<=\bat\s)(?:[1-9]|1\d|2[0-3])(?=\s*$|\s*[,.;)]|\s+(?:today|tonight|tomorrow|on|and|"
        r"then|with|noon|o'?clock)\b)"
    )
    occasions_pattern = (
        r"\b(?:(?:by|before|until|till|at|after|from|for|over|during|ahead\s+of|prior\s+to|in\s+time\s+for"
        r"|following)\s+(?:the\s+|her\s+|his\s+|their\s+|this\s+)?(?:next\s+|following\s+|first\s+)?"
        r"|to\s+(?:the\s+)?(?:next\s+)?(?=(?:end|start)\s+of\b)"
        r"|(?:the\s+)?(?:next|following)\s+)"
        rf"(?:{occasion})\b"
        r"(?!\s+(?:centre|center|worker|details|number|team|officer|form|notes?|record|log|room))"
    )
    flags = re.IGNORECASE
    occasion_before_date = re.compile(
        rf"\b(?:the\s+|her\s+|his\s+)?(?:next\s+|final\s+|first\s+|youth\s+)?(?:{occasion})"
        r"\s*(?:[:(-]\s*)?(?:(?:is|on|date|due|for)\s+)*$",
        flags,
    )
    return occasion_before_date, [
        ("duration", re.compile(clinical, flags)),
        ("date", re.compile(rf"(?:{numeric}){with_time}", flags)),
        ("date", re.compile(rf"(?:{worded}){with_time}", flags)),
        ("frequency", re.compile(frequency, flags)),
        ("relative", re.compile(relative, flags)),
        ("duration", re.compile(durations, flags)),
        ("time", re.compile(clock, flags)),
        ("occasion", re.compile(occasions_pattern, flags)),
    ]


@lru_cache(maxsize=8)
def _compiled(occasions: tuple[str, ...], units: tuple[str, ...]):
    return _patterns(occasions, units)


def find_times(
    text: str, base: dt.datetime | dt.date | None, vocabulary: Mapping[str, Any] | None = None
) -> list[TimeExpression]:
    """Every time expression in `text`, valued against `base` (the note's date), in order."""
    if vocabulary is None:
        vocabulary = _builtin_vocabulary()
    occasion_before_date, patterns = _compiled(
        tuple(vocabulary.get("occasions", ())), tuple(vocabulary.get("frequency_units", ()))
    )
    base_day = base.date() if isinstance(base, dt.datetime) else base
    taken: list[tuple[int, int]] = []
    found: list[TimeExpression] = []
    for kind, pattern in patterns:
        for match in pattern.finditer(text):
            start, end = _trimmed(text, match.start(), match.end())
            if start >= end or any(s < end and start < e for s, e in taken):
                continue
            expression = _valued(kind, match, text[start:end], base_day)
            if expression is None:
                continue
            role = _role(text, start, expression)
            expression = _looking_ahead(expression, role, text[start:end], base_day)
            found.append(
                TimeExpression(start, end, text[start:end], expression[0], expression[1],
                               expression[2], role)
            )  # fmt: skip
            taken.append((start, end))
    found = _ranges(text, sorted(found, key=lambda t: t.start))
    found = _follow_up_periods(text, found, base_day)
    return _occasions_with_dates(text, found, occasion_before_date)


#: the words before a period that make it the time to the next contact, in clinical shorthand
#: and plain words: "r/v 3/12", "f/u in 2/52", "review 6 weeks", "recall 4/52"
_FOLLOW_UP_BEFORE = re.compile(
    r"(?:\br/v|\brv|\bf/u|\bfu|\breview|\brecall|\btci|\bsee|\bfollow[\s-]?up)(?:\s+in)?\s*$",
    re.IGNORECASE,
)


def _follow_up_periods(
    text: str, found: list[TimeExpression], base: dt.date | None
) -> list[TimeExpression]:
    """Class "a review after a period": "Dr Gale r/v 3/12" is a review due three months after
    the note: the period is the day the review is for."""
    if base is None:
        return found
    timed = []
    for expression in found:
        if expression.kind == "duration" and _FOLLOW_UP_BEFORE.search(text[: expression.start]):
            day = after_period(base, expression.value or "")
            if day is not None:
                expression = replace(
                    expression, kind="date", day=day, value=day.isoformat(), role="at"
                )  # the day of the review, as "r/v 27/01" is, not a deadline
        timed.append(expression)
    return timed


#: what joins the two ends of a range: "05/10 - 14/12/2021", "Tuesdays 17/09 to 03/12"
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|thru|through)\s*", re.IGNORECASE)


def _same_day_in(day: dt.date, year: int) -> dt.date | None:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return None


def _ranges(text: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """Class "a range of days": "weekly sessions, Tuesdays 05/10 - 14/12/2021" starts on the
    first day and runs until the second, so the first is a start ("from"), not the day it is
    due, and the second its end ("until")."""
    ranged = list(found)
    for i in range(len(ranged) - 1):
        first, second = ranged[i], ranged[i + 1]
        if not (first.dated and second.dated and first.role in ("at", "from")):
            continue
        if not _RANGE_JOIN.fullmatch(text[first.end : second.start]):
            continue
        start = first
        if first.day and second.day and re.fullmatch(r"\d{1,2}[/.-]\d{1,2}", first.text.strip()):
            # "17/09 - 03/12/2026": the first end has the year of the second
            same_year = _same_day_in(first.day, second.day.year)
            if same_year is not None and same_year > second.day:
                same_year = _same_day_in(first.day, second.day.year - 1)  # "12/11 - 03/01/2025"
            if same_year is not None and same_year <= second.day:
                start = replace(first, day=same_year, value=same_year.isoformat())
        if start.day and second.day and second.day <= start.day:
            continue
        ranged[i] = replace(start, role="from")
        ranged[i + 1] = replace(second, role="until")
    return ranged


def _occasions_with_dates(
    text: str, found: list[TimeExpression], occasion_before_date: re.Pattern
) -> list[TimeExpression]:
    """ "until the review on 10/10", "next CIN review 22 Oct", "court date 10/06/2025": an
    occasion and the date it falls on are one expression, dated, in the occasion's role."""
    merged: list[TimeExpression] = []
    for expression in found:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.kind == "occasion"
            and expression.dated
            and re.fullmatch(
                r"[\s,:(-]*(?:on|is|of|for|at|due|date)?[\s,:(-]*",
                text[previous.end : expression.start],
                re.IGNORECASE,
            )
        ):
            merged[-1] = TimeExpression(
                previous.start, expression.end, text[previous.start : expression.end],
                expression.kind, expression.day, expression.value, previous.role,
            )  # fmt: skip
            continue
        before = occasion_before_date.search(text[max(0, expression.start - 60) : expression.start])
        if (
            expression.dated
            and before
            and (previous is None or previous.end <= expression.start - len(before.group(0)))
            and not re.search(r"\bto\s+$", text[: expression.start - len(before.group(0))])
        ):  # "to visit Tuesday" is a verb and its day, not an occasion
            start = expression.start - len(before.group(0))
            expression = TimeExpression(
                start, expression.end, text[start : expression.end], expression.kind,
                expression.day, expression.value, _role(text, start, (expression.kind, None, "")),
            )  # fmt: skip
        merged.append(expression)
    return merged


def _looking_ahead(
    expression: tuple[str, dt.date | None, str], role: str, words: str, base: dt.date | None
) -> tuple[str, dt.date | None, str]:
    """A deadline, a start or an end looks ahead: "by 3/1" written in May is next January, and
    "by Wednesday" written on a Wednesday is the week after. Elsewhere a date with no year is
    the one nearest the note."""
    kind, day, _ = expression
    if role not in ("due", "from", "until") or day is None or base is None:
        return expression
    if re.search(r"\b\d{4}\b|/\d{2}\b(?!/)", words) and not re.fullmatch(r"\d{1,2}/\d{1,2}", words):
        return expression  # the year is written
    if day < base - dt.timedelta(days=7):
        day = day + relativedelta(years=1)
    elif day <= base and words.lower().strip() in _WEEKDAYS:
        day = day + dt.timedelta(days=7)
    return kind, day, day.isoformat()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Leading governing words ("by", "on", "at") belong to the role, not the span."""
    lead = re.match(r"(?:(?:by|on|at|for|over|from|until|till|to|before|after)\s+)+",
                    text[start:end], re.IGNORECASE)  # fmt: skip
    if lead and lead.end() < end - start:
        start += lead.end()
    return start, end - (len(text[start:end]) - len(text[start:end].rstrip(" ,.")))


def _role(text: str, start: int, expression: tuple[str, dt.date | None, str]) -> str:
    kind = expression[0]
    if kind == "frequency":
        return "every"
    before = _ROLE_BEFORE.search(text[max(0, start - 30) : start])
    if before:
        for name, _ in _ROLE_WORDS:
            if before.group(name):
                return name
    words = text[start : start + 12].lower()
    if words.startswith(("within", "in ")):
        return "due"
    if kind == "duration":
        return "for"
    return "at"


def _valued(
    kind: str, match: re.Match, words: str, base: dt.date | None
) -> tuple[str, dt.date | None, str] | None:
    """(kind, day, value) for a match, or None when it is not a time expression after all."""
    lowered = " ".join(words.lower().split())
    if kind == "date":
        groups = match.groupdict()
        if groups.get("sep3") and not _dotted_day_and_month(match):
            return None
        numeric = groups.get("sep") or groups.get("sep2") or groups.get("sep3") or groups.get("iy")
        return _numeric(match, base) if numeric else _worded(words, base)
    if kind == "frequency":
        return "frequency", None, _frequency_value(lowered)
    if kind == "duration":
        return _duration(lowered)
    if kind == "time":
        value = _clock(lowered)
        return ("time", None, value) if value else None
    if kind == "occasion":
        return (
            "occasion",
            None,
            re.sub(
                r"^(?:by|before|until|till|at|after|from|for|to|ahead of|prior to|in time for"
                r"|following)\s+|^(?:the |her |his |their |this )",
                "",
                re.sub(
                    r"^(?:by|before|until|till|at|after|from|for|to|ahead of|prior to|in time for"
                    r"|following)\s+",
                    "",
                    lowered,
                ),
            ),
        )
    return _relative(lowered, base)


#: words that govern a date and not a time of day, just before a dotted "14.02"
_DATE_BEFORE = re.compile(
    r"\b(?:by|on|from|until|till|before|after|due|w/?c|starting|commencing|since|dated)\s+$",
    re.IGNORECASE,
)
#: a full date written with dots ("06.02.2025"): the writer's way of writing dates
_DOTTED_FULL_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?![\d.]?\d)")


def _dotted_day_and_month(match: re.Match) -> bool:
    """Class "a day and month written with a dot": "by 14.02", "arr 05.02 eve", "Mon 09.09".

    "14.30" is a time as often as "14.03" is a date; a dot is read as a date only where
    the month can be one (1-12, so "15.30" and "10.00" stay times), and either a weekday or a
    word that governs dates ("by", "from", "until", "w/c") comes just before it, or the same
    note writes its full dates with dots ("06.02.2025"): the writer's own style."""
    groups = match.groupdict()
    if not 1 <= int(groups["m3"]) <= 12 or not 1 <= int(groups["d3"]) <= 31:
        return False
    text, start = match.string, match.start("d3")
    before = text[max(0, start - 12) : start]
    if re.search(r"(?:\bat|@)\s*$", before, re.IGNORECASE):
        return False
    weekday = match.start() < start
    return bool(weekday or _DATE_BEFORE.search(before) or _DOTTED_FULL_DATE.search(text))


def _numeric(match: re.Match, base: dt.date | None) -> tuple[str, dt.date | None, str] | None:
    groups = match.groupdict()
    if groups.get("iy"):
        day, month, year = int(groups["id"]), int(groups["im"]), groups["iy"]
    elif groups.get("sep"):
        day, month, year = int(groups["d"]), int(groups["m"]), groups.get("y")
    elif groups.get("sep3"):
        day, month, year = int(groups["d3"]), int(groups["m3"]), None
    else:
        day, month, year = int(groups["d2"]), int(groups["m2"]), groups.get("y2")
    if (day, month) == (24, 7) and not year and not re.search(r"/0\d", match.group(0)):
        return None  # "24/7": all the time, not 24 July ("by 24/07" is 24 July)
    found = _calendar_day(day, month, year, base)
    if found is None:
        return None
    clock = _clock(groups["clock"].lower()) if groups.get("clock") else None
    return ("datetime" if clock else "date"), found, found.isoformat()


def _calendar_day(day: int, month: int, year: str | None, base: dt.date | None):
    """A day-first date; a missing year is the one that puts it nearest the note's date, and a
    two-digit year is this century's."""
    try:
        if year:
            full = int(year) + (2000 if len(year) == 2 else 0)
            return dt.date(full, month, day)
        if base is None:
            return None
        candidates = []
        for offset in (-1, 0, 1):
            try:
                candidates.append(dt.date(base.year + offset, month, day))
            except ValueError:
                continue
        return min(candidates, key=lambda d: abs((d - base).days)) if candidates else None
    except ValueError:
        return None


def _worded(words: str, base: dt.date | None) -> tuple[str, dt.date | None, str] | None:
    lowered = words.lower()
    month_words = re.findall(r"[a-z]+", lowered)
    if not any(w in _MONTHS for w in month_words):
        return None  # "Thursday the 12" or a capitalised word before a number: not a month
    parsed = _dateparser_day(re.sub(r"\bthe\b|\bof\b|,", " ", lowered), base)
    if parsed is None:
        return None
    has_year = bool(re.search(r"\b\d{4}\b", lowered))
    if not has_year and base is not None:
        parsed = min(
            (parsed + relativedelta(years=k) for k in (-1, 0, 1)),
            key=lambda d: abs((d - base).days),
        )
    clock = (
        re.search(rf"{_CLOCK}$", lowered) if re.search(r"\d[:.]\d\d|am|pm|hrs", lowered) else None
    )
    return ("datetime" if clock else "date"), parsed, parsed.isoformat()


def _relative(lowered: str, base: dt.date | None) -> tuple[str, dt.date | None, str] | None:
    lowered = re.sub(r"^(?:on|by|this)\s+(?=(?:" + _FULL_DAYS + r")\b)", "", lowered)
    lowered = re.sub(r"^(?:tmrw|tmw)\b", "tomorrow", lowered).rstrip(".")
    lowered = re.sub(r"\bwk$", "week", lowered)
    lowered = re.sub(r"^(yesterday|tomorrow) (?:morning|afternoon|evening|night)$", r"\1", lowered)
    if lowered in _WEEKDAYS and len(lowered) <= 5 and base is not None:
        ahead = (_WEEKDAYS[lowered] - base.weekday() - 1) % 7 + 1
        day = base + dt.timedelta(days=ahead)
        return "date", day, day.isoformat()
    middle = re.fullmatch(rf"mid[- ]({_MONTH})", lowered)
    if middle and base is not None:
        lowered = f"the middle of {middle.group(1)}"
    if lowered in ("asap", "as soon as possible", "immediately", "same day"):
        return "relative", base, base.isoformat() if base else lowered
    if base is None:
        return "relative", None, lowered
    edge = re.match(r"(?:the )?(end|start|beginning|middle) of (?:the |this |next )?(\w+)", lowered)
    if edge:
        day = _edge_day(edge.group(1), edge.group(2), "next" in lowered, base)
        return ("date", day, day.isoformat()) if day else ("relative", None, lowered)
    counted = re.match(rf"(?:in|within) (?:the next )?({_NUMBER}) ?({_UNIT})", lowered)
    if counted:
        count = _count(counted.group(1))
        unit = counted.group(2)
        if unit.startswith("hour") or unit.startswith("hr"):
            return "duration", None, f"PT{count}H" if count % 24 else f"P{count // 24}D"
        if unit.startswith(("working", "school", "wd")):
            day = add_working_days(base, count)
            return "date", day, day.isoformat()
        return "date", _after(base, count, unit), _after(base, count, unit).isoformat()
    later = re.match(rf"({_NUMBER}) ({_UNIT}) (?:later|from now|time)", lowered)
    if later:
        day = _after(base, _count(later.group(1)), later.group(2))
        return "date", day, day.isoformat()
    if re.fullmatch(r"(?:the )?(?:next|following) (?:working|school|business) day", lowered):
        day = add_working_days(base, 1)
        return "date", day, day.isoformat()
    if lowered in ("next day", "the following day"):
        day = base + dt.timedelta(days=1)
        return "relative", day, day.isoformat()
    if lowered in ("this week", "next week", "last week", "coming week", "following week"):
        shift = {"next": 1, "following": 1, "coming": 1, "last": -1}.get(lowered.split()[0], 0)
        friday = base + dt.timedelta(days=4 - base.weekday() + 7 * shift)
        return "date", friday, friday.isoformat()
    if lowered in ("this weekend", "next weekend", "coming weekend", "the weekend"):
        sunday = base + dt.timedelta(days=6 - base.weekday())
        return "date", sunday, sunday.isoformat()
    day = _dateparser_day(lowered, base)
    if day is None:
        return None
    if lowered in _WEEKDAYS and day < base:
        day += dt.timedelta(days=7)
    return ("relative" if lowered.split()[0] in _RELATIVE_WORDS else "date"), day, day.isoformat()


_RELATIVE_WORDS = {"today", "tonight", "tomorrow", "yesterday", "this", "last", "overnight"}


def _edge_day(edge: str, what: str, following: bool, base: dt.date) -> dt.date | None:
    if what == "week":
        friday = base + dt.timedelta(days=4 - base.weekday() + (7 if following else 0))
        return friday if edge == "end" else friday - dt.timedelta(days=4)
    if what == "month":
        year, month = base.year, base.month + (1 if following else 0)
        if month == 13:
            year, month = year + 1, 1
    elif what == "year":
        return dt.date(base.year + (1 if following else 0), 12 if edge == "end" else 1,
                       31 if edge == "end" else 1)  # fmt: skip
    elif what in _MONTHS:
        month = _MONTHS[what]
        year = base.year if month >= base.month or base.month - month < 6 else base.year + 1
    else:
        return None
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, {"end": last, "middle": 15}.get(edge, 1))


def clock_of(expression: TimeExpression) -> dt.time | None:
    """The time of day an expression gives: a time's own value ("02:10"), or the clock part of a
    date with its time ("19/08 at 22:10"); None for any other."""
    if expression.kind == "time":
        return dt.time.fromisoformat(expression.value)
    if expression.kind == "datetime":
        found = re.search(rf"{_CLOCK}$", expression.text.lower())
        value = _clock(found.group(0)) if found else None
        return dt.time.fromisoformat(value) if value else None
    return None


def after_period(day: dt.date, period: str) -> dt.date | None:
    """The day a period after `day` ("P8W" eight weeks on); None for a period not in days,
    weeks or months ("6 sessions")."""
    match = re.fullmatch(r"P(\d+)([DWM])", period)
    if not match:
        return None
    unit = {"D": "days", "W": "weeks", "M": "months"}[match.group(2)]
    return _after(day, int(match.group(1)), unit)


def _after(base: dt.date, count: int, unit: str) -> dt.date:
    if unit.startswith("day"):
        return base + dt.timedelta(days=count)
    if unit.startswith(("week", "wk")):
        return base + dt.timedelta(weeks=count)
    if unit.startswith("fortnight"):
        return base + dt.timedelta(weeks=2 * count)
    return base + relativedelta(months=count)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)


def _frequency_value(lowered: str) -> str:
    simple = {
        "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
        "biweekly": "P2W", "bi-weekly": "P2W", "monthly": "P1M", "termly": "P1T",
        "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
    }  # fmt: skip
    if lowered in simple:
        return simple[lowered]
    every = re.search(rf"(?:each|every) (?:other |second )?(?:({_NUMBER}) )?(\w+)", lowered)
    if every:
        count = _count(every.group(1)) if every.group(1) else 1
        if "other" in lowered or "second" in lowered:
            count *= 2
        unit = every.group(2).rstrip("s")
        code = {"day": "D", "week": "W", "fortnight": "W", "month": "M"}.get(unit)
        if unit == "fortnight":
            count *= 2
        if code:
            return f"P{count}{code}"
        if unit in _WEEKDAYS:
            return f"P{count}W"
        return lowered.split(" ", 1)[1] if lowered.startswith(("at ", "after ")) else lowered
    if re.search(_FULL_DAYS, lowered):
        return "P1W"
    per = re.search(r"(?:a|per|each|every) (\w+)$", lowered)
    if per:
        return {"day": "P1D", "week": "P1W", "fortnight": "P2W", "month": "P1M"}.get(
            per.group(1), lowered
        )
    return lowered


def _duration(lowered: str) -> tuple[str, dt.date | None, str] | None:
    shorthand = re.fullmatch(r"(\d{1,2})/(52|7|12)", lowered)
    if lowered == "24/7":
        return None  # all the time, not 24 weeks
    if shorthand:  # clinical shorthand: 2/52 two weeks, 2/7 two days, 3/12 three months
        unit = {"52": "W", "7": "D", "12": "M"}[shorthand.group(2)]
        return "duration", None, f"P{int(shorthand.group(1))}{unit}"
    match = re.search(
        rf"(\d+(?:\.\d+)?|{_NUMBER})(?:\s*(?:-|to)\s*(\d+))? ?(working days?|school days?|wds?"
        r"|days?|weeks?|wks?|fortnights?|months?|hours?|hrs?|sessions|visits|appointments)",
        lowered,
    )
    if not match:
        return None
    if "." in match.group(1):
        return "duration", None, f"PT{match.group(1)}H" if "h" in match.group(3) else lowered
    count, unit = _count(match.group(2) or match.group(1)), match.group(3)
    if unit.startswith(("session", "visit", "appointment")):
        return "duration", None, f"{count} {unit}"
    if unit.startswith(("hour", "hr")):
        return "duration", None, f"PT{count}H" if count % 24 else f"P{count // 24}D"
    code = "D" if unit.startswith(("day", "working", "school", "wd")) else "M" if unit.startswith(
        "month") else "W"  # fmt: skip
    if unit.startswith("fortnight"):
        count *= 2
    return "duration", None, f"P{count}{code}"


def _clock(lowered: str) -> str | None:
    lowered = lowered.replace("a.m.", "am").replace("p.m.", "pm")
    match = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", lowered.strip())
    hrs = re.match(r"(\d{1,2})(\d{2})\s*hrs$", lowered.strip())
    if hrs:
        hour, minute, suffix = int(hrs.group(1)), int(hrs.group(2)), None
    elif match:
        hour, minute, suffix = int(match.group(1)), int(match.group(2) or 0), match.group(3)
    else:
        return None
    if suffix == "pm" and hour < 12:
        hour += 12
    if suffix == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


@lru_cache(maxsize=4096)
def _dateparser_day(words: str, base: dt.date | None) -> dt.date | None:
    """dateparser values worded and relative dates against the note's day ("next Tuesday",
    "3rd Oct 2024", "last night"); cached, because notes repeat the same few words."""
    import dateparser  # imported on first use: most notes need it for a few words at most

    settings: dict[str, Any] = {"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future"}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(12))
    moment = dateparser.parse(" ".join(words.split()), languages=["en"], settings=settings)
    return moment.date() if moment else None


@lru_cache(maxsize=1)
def _builtin_vocabulary() -> Mapping[str, Any]:
    from recordlint.vocabulary import builtin

    return builtin().data("time.yaml") or {}
