"""RSK004 missing-without-return-interview: the child is recorded as missing from home, care or
placement and no return home interview is recorded within 72 hours of the return."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import (
    last_entry,
    not_applicable,
    one_per_sentence,
    report_unanswered,
    rule,
    unanswered,
)

_RETURNED = re.compile(
    r"\b(?:returned|came (?:back|home)|come home|was found|been found|located|back home)\b",
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
        if (m.note.note_id, m.sentence.index) not in school and m.date is not None
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
            s.note
            for s in returns
            if indicator.date <= s.note.date <= indicator.date + dt.timedelta(days=7)
        ]
        note = later[-1] if later else indicator.note
        date = note.date
        if not note.time_known:
            date = dt.datetime.combine(date.date(), dt.time(23, 59))
        return date + dt.timedelta(hours=hours)

    missed = unanswered(episodes, interviews, window=window, last_entry=last_entry(case))
    if not missed:
        return []
    return [
        report_unanswered(
            missed, hours=str(hours), until=missed[0].looked_until.strftime("%d/%m/%Y %H:%M")
        )
    ]
