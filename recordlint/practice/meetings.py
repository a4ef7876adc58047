"""Strategy discussions in the notes: when they were held, and which agencies took part.

A discussion is a note recorded as a strategy discussion (its type), or a note that mentions one
as held (not planned, not denied). Discussions recorded by several agencies on the same day are
one discussion. Who took part comes from the whole note and from other agencies' notes that day
about it: an agency named there and not denied ("CAMHS not invited", "no health representative")
counts, and so does the agency that wrote the note. Whether it was out of hours comes from the
note's time (17:00 to 08:59, weekends, bank holidays) or its words ("EDT", "overnight").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from recordlint.practice.referrals import note_agency
from recordlint.worktime import is_out_of_hours, is_working_day

#: concept -> the agency it shows taking part
AGENCY_CONCEPTS = {
    "police": "police",
    "health_practitioner": "health",
    "camhs": "CAMHS",
    "front_door": "social care",
    "people_abbreviations": None,  # "SW" is social care; decided per word below
}
_ABSENT = re.compile(r"\b(?:apologies|unable to attend|could not attend|couldn't attend)\b", re.I)
_SOCIAL_CARE_WORDS = {"sw", "social worker", "family support worker", "fsw", "iro"}
_NOTE_AGENCY = {"Social Care": "social care", "Police": "police", "Health": "health"}


@dataclass
class Discussion:
    date: dt.datetime
    notes: list[Any] = field(default_factory=list)  # recordlint.model.Note
    mentions: list[Any] = field(default_factory=list)  # the strategy mentions
    agencies: set[str] = field(default_factory=set)
    invited: set[str] = field(default_factory=set)  # invited, absent ("apologies from CAMHS")
    denied: dict[str, Any] = field(default_factory=dict)  # agency -> the mention denying it
    out_of_hours: str | None = None  # why it is out of hours

    @property
    def first(self):
        return self.mentions[0] if self.mentions else None

    def invited_or_present(self, agency: str) -> bool:
        return agency in self.agencies or agency in self.invited

    def has(self, agency: str) -> bool:
        if agency == "health":
            return "health" in self.agencies or "CAMHS" in self.agencies
        return agency in self.agencies


#: a note about reading or reviewing a discussion's record is not a discussion
_READING = re.compile(
    r"\b(?:read|reviewed|review of|notes of|record of|minutes of)\b", re.IGNORECASE
)
#: notes of the same discussion (by several agencies) fall within this much of each other
_SAME_DISCUSSION = dt.timedelta(hours=3)


def strategy_discussions(case, text) -> list[Discussion]:
    held = text.mentions("strategy_discussion", experiencer=None, uncertain=None)
    held_notes = {m.note.note_id: m for m in held if not _READING.search(m.sentence.text)}
    discussions: list[Discussion] = []
    for note in case.notes:
        if note.date is None:
            continue
        by_type = "strategy" in (note.kind or "").lower()
        mention = held_notes.get(note.note_id)
        if not (by_type or mention):
            continue
        discussion = next((d for d in discussions if _same(d, note)), None)
        if discussion is None:
            discussion = Discussion(note.date)
            discussions.append(discussion)
        discussion.notes.append(note)
        if mention is not None:
            discussion.mentions.append(mention)
    for discussion in discussions:
        _participants(discussion, text)
        discussion.out_of_hours = _out_of_hours(discussion, text)
    return sorted(discussions, key=lambda d: d.date)


def _same(discussion: Discussion, note) -> bool:
    """The same discussion: the same day, and (where both times are known) close in time."""
    if discussion.date.date() != note.date.date():
        return False
    timed = [n for n in discussion.notes if n.time_known]
    if note.time_known and timed:
        return any(abs(n.date - note.date) <= _SAME_DISCUSSION for n in timed)
    return True


def _participants(discussion: Discussion, text) -> None:
    note_ids = {n.note_id for n in discussion.notes}
    for note in discussion.notes:
        agency = _NOTE_AGENCY.get(note_agency(note) or "")
        if agency:
            discussion.agencies.add(agency)
    mentions = text.mentions(
        *AGENCY_CONCEPTS,
        negated=None,
        hypothetical=None,
        experiencer=None,
        uncertain=None,
        where=lambda m: m.note.note_id in note_ids,
    )
    for mention in mentions:
        agency = AGENCY_CONCEPTS[mention.concept]
        if agency is None:
            if mention.text.lower() not in _SOCIAL_CARE_WORDS:
                continue
            agency = "social care"
        if mention.context.negated:
            discussion.denied.setdefault(agency, mention)
        elif _ABSENT.search(mention.sentence.text):
            discussion.invited.add(agency)
        else:
            discussion.agencies.add(agency)
    # a denial ("CAMHS not invited", "no health representative") wins over the agency named in
    # passing elsewhere in the note, except the agency that wrote it
    own = {_NOTE_AGENCY.get(note_agency(n) or "") for n in discussion.notes}
    for agency in discussion.denied:
        if agency not in own:
            discussion.agencies.discard(agency)


def _out_of_hours(discussion: Discussion, text) -> str | None:
    note_ids = {n.note_id for n in discussion.notes}
    for note in discussion.notes:
        if note.time_known and is_out_of_hours(note.date):
            return f"held at {note.date:%H:%M} on {note.date:%A %d/%m/%Y}"
        if not is_working_day(note.date.date()):
            return f"held on {note.date:%A %d/%m/%Y}, not a working day"
    words = text.mentions(
        "out_of_hours", experiencer=None, uncertain=None, where=lambda m: m.note.note_id in note_ids
    )
    if words:
        return f"recorded as {words[0].text!r}"
    return None
