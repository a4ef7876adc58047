"""RSK004 missing-without-return-interview: the child is recorded as missing from home, care or
placement and no return home interview is recorded within 72 hours of the return."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import (
    clock_of,
    last_entry,
    not_applicable,
    one_per_sentence,
    report_unanswered,
    rule,
    unanswered,
)

_RETURNED = re.compile(
    r"\b(?:returned|came (?:back|home)|come home|was found|been found|found by|located|back home"
    r"|brought home|home at|turned up|walked in)\b|^\W*home\s+\d",
    re.IGNORECASE,
)
#: class "missing something is not going missing": "missing lots of school", "missing her
#: lunchtime doses", "cried about missing the trip", "2 x 5mg may be missing"
_MISSING_SOMETHING = re.compile(
    r"\bmissing\s+(?:lots\s+of\s+|a\s+lot\s+of\s+|the\s+|her\s+|his\s+|their\s+|some\s+|several\s+"
    r"|\d+\s+)?(?:(?:friday|monday|tuesday|wednesday|thursday|lunchtime|morning|school|maths|"
    r"english|evening|weekend)\s+)?(?:school|lessons?|class(?:es)?|doses?|medication|meds|trips?|"
    r"meals?|appointments?|sessions?|days|bus|deadlines?|homework|college|work)\b"
    r"|\b(?:tablets?|pills?|mg|money|£\d+|phone|keys|items?|bottle)\b[^.;]{0,30}\bmissing\b",
    re.IGNORECASE,
)
#: class "a later mention of an episode already recorded is that episode": the chronology, the
#: minutes of a meeting about it, the child talking about it later, information shared about it
_REFERS_BACK = re.compile(
    r"\b(?:chronology|minutes|re\s+(?:the\s+)?missing|about\s+the\s+(?:weekend|night|day|time)|"
    r"talked\s+about|discussed|shared:|protocol|strategy\s+meeting|since\s+the|previous|last\s+episode)\b",
    re.IGNORECASE,
)


@rule(
    code="RSK004",
    name="missing-without-return-interview",
    severity="warning",
    recommendation="3",
    reference="Audit recommendation 3: risks beside mental health, including missing episodes; "
    "a return home interview within 72 hours (DfE 2014)",
    message="The child went missing and no return home interview is recorded within "
    "{hours} hours: {quote} (looked until {until}).",
    options={"hours": 72},
    why="""
        Every child who goes missing should be offered an independent return home interview
        within 72 hours of coming back, to find out why they went, where and with whom, and what
        would keep them safe; the audit found missing episodes without one, in children whose
        exploitation went unseen. A decision not to hold one must be recorded too. Missing from
        school is not a missing episode.
    """,
    advice="""
        Arrange the return home interview with someone independent of the child's care within
        72 hours of their return, and record it (or the recorded decision not to hold one, and
        why); share what the child said with the exploitation and safety planning.
    """,
)
def check(case, text, options):
    school = {
        (m.note.note_id, m.sentence.index)
        for m in text.mentions("school_absence", negated=None, hypothetical=None, experiencer=None)
    }
    episodes = [
        m
        for m in one_per_sentence(text.mentions("missing_episode", uncertain=None))
        if (m.note.note_id, m.sentence.index) not in school
        and m.date is not None
        and not _MISSING_SOMETHING.search(m.sentence.text)
        and not _REFERS_BACK.search(m.sentence.text)
    ]
    if not episodes:
        return not_applicable("no missing episode is recorded for the child")
    hours = int(options["hours"])
    interviews = [
        m.sentence
        for m in text.mentions("return_interview", hypothetical=None, experiencer=None)
        if m.sentence.actual or "declin" in m.sentence.text.lower()
    ]

    returns = [
        s
        for s in text.sentences()
        if s.note.date is not None and _RETURNED.search(s.text) and "negated" not in s.marks
    ]

    def window(indicator):
        # the 72 hours run from the return: the episode's own note, or a note within a week
        # after it that records the return; a note that only gives a date is read as its end
        later = [
            s
            for s in returns
            if indicator.date <= s.note.date <= indicator.date + dt.timedelta(days=7)
        ]
        if later:
            returned = _moment(later[-1])
        else:
            note = indicator.note
            returned = note.date if note.time_known else _end_of_day(note.date)
        return returned + dt.timedelta(hours=hours)

    missed = unanswered(episodes, interviews, window=window, last_entry=last_entry(case))
    if not missed:
        return []
    return [
        report_unanswered(
            missed, hours=str(hours), until=missed[0].looked_until.strftime("%d/%m/%Y %H:%M")
        )
    ]


def _end_of_day(moment: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(moment.date(), dt.time(23, 59))


def _moment(sentence) -> dt.datetime:
    """When the child came back: the time the return sentence gives ("found by police 02:10",
    "home 18:00 Sun 31/03"), on its day or the note's; else the note's own time (its end, when
    the note has no time). Class "the return timed in the words, not by the note"."""
    note = sentence.note
    day = note.date.date()
    clock = None
    for time in sentence.times:
        if time.kind in ("date", "datetime") and time.day is not None and time.day <= day:
            day = time.day
        clock = clock_of(time) or clock
    if clock is not None:
        return dt.datetime.combine(day, clock)
    return (
        note.date
        if note.time_known and day == note.date.date()
        else _end_of_day(dt.datetime.combine(day, dt.time()))
    )
