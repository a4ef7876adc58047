"""RSK004 missing-without-return-interview: the child is recorded as missing from home, care or
placement and no return home interview is recorded within 72 hours of the return."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import (
    as_it_happened,
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
    r"meals?|appointments?|sessions?|days|bus|deadlines?|homework|college|work"
    # a subject or a part of the day missed ("missing PE days", "worried about missing maths")
    r"|pe|maths|english|science|art|music|lunch|breakfast|exams?|tests?|gcses?|mocks?)\b"
    r"|(?:\b(?:tablets?|pills?|money|£\d+|phone|keys|items?|bottle)\b|\d\s*mg\b)[^.;]{0,30}"
    r"\bmissing\b",
    re.IGNORECASE,
)
#: class "a later mention of an episode already recorded is that episode": the chronology, the
#: minutes of a meeting about it, the child talking about it later, information shared about it
_REFERS_BACK = re.compile(
    r"\b(?:(?:chronology|minutes|re\s+(?:the\s+)?missing|about\s+the\s+(?:weekend|night|day|time)|"
    r"talked\s+about|discussed|protocol|strategy\s+meeting|since\s+the|previous|last\s+episode)\b"
    r"|shared\s*:)",
    re.IGNORECASE,
)
#: class "missing as the name of a service, a role, a document or a topic": "police missing
#: coordinator", "Police/MH Missing Service notification", "Missing profile/Philomena form
#: updated", "safety plan (missing + online safety)"
_MISSING_AS_A_NAME = re.compile(
    r"\bmissing\s+(?:from\s+(?:home|care)\s+)?(?:service|team|coordinator|co-ordinator|worker|officer"
    r"|practitioner|lead|profile|form|protocol|procedure|panel|hub|person\s+report|persons?\s+unit)\b"
    r"|\bmissing\s*(?:[+&/]|\)|,\s*(?:online|exploitation|cse|cce|substance))",
    re.IGNORECASE,
)
#: class "missing someone is not going missing": "missing Lewis a bit", "missing her mum";
#: class "someone else goes missing": "her sister Jade goes missing all the time"
_MISSING_SOMEONE = re.compile(
    r"\bmissing\s+(?:(?:her|his|their|my|the)\s+)?(?:mum|dad|mam|nan|gran|grandad|brother|sister"
    r"|friends?|family|dog|cat|home\s+life|old\s+school)\b|(?-i:\bmissing\s+[A-Z][a-z]+\b)"
    r"|\b(?:sister|brother|cousin|friend|mum|dad|mother|father)\b(?:\s+[A-Z][a-z]+)?\s+"
    r"[\"'“”‘’]?(?:goes|went|has\s+gone|keeps\s+going|is)\s+missing",
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
        and not _only_as_a_name(m.sentence.text)
        and not _MISSING_SOMEONE.search(m.sentence.text)
        and not _REFERS_BACK.search(m.sentence.text)
    ]
    if not episodes:
        return not_applicable("no missing episode is recorded for the child")
    hours = int(options["hours"])
    # class "the day it happened, not the day it was written about": "RHI was done Tue 14/10
    # at 14:00" written on 15/10; a negation elsewhere in the sentence ("C would not name the
    # friend") does not undo the interview, the mention's own context decides
    interviews = [
        as_it_happened(m.sentence)
        for m in text.mentions("return_interview", hypothetical=None, experiencer=None)
        if m.sentence.actual
        or "declin" in m.sentence.text.lower()
        or (not m.context.hypothetical and not _NOT_HELD.match(_rest_of_clause(m)))
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


#: the interview's own clause says it did not happen: "RHI not needed", "RHI - not done"
_NOT_HELD = re.compile(
    r"^[^.;]*?\b(?:not|no|never|n't|declined|refused|cancelled|postponed)\b", re.IGNORECASE
)


def _rest_of_clause(mention) -> str:
    """The words after the mention up to the end of its clause."""
    text = mention.sentence.text[mention.end - mention.sentence.start :]
    return re.split(r"[.;(]|\s[-–]\s", text, maxsplit=1)[0]


def _only_as_a_name(text: str) -> bool:
    """ "missing" only in a name ("police missing coordinator"), not also as an episode
    ("Email from the Missing Persons Unit: Jayden reported missing by mum Sun 10/11")."""
    if not _MISSING_AS_A_NAME.search(text):
        return False
    rest = _MISSING_AS_A_NAME.sub(" ", text)
    return not re.search(r"\bmissing\b|\bMFH\b|\babscond", rest, re.IGNORECASE)
