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

from recordlint.nlp.timex import clock_of
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


#: class "a discussion decided against": "strategy discussion not required", "not needed
#: tonight", "no need for a strategy meeting"
_NOT_HELD = re.compile(
    r"\b(?:not|no longer)\s+(?:\w+\s+)?(?:required|needed|indicated|warranted|necessary|"
    r"held|convened|called)\b|\bno\s+need\s+for\b|\bdecided\s+against\b",
    re.IGNORECASE,
)
#: class "a meeting planned, booked or referred to is not one held": "to hold a strategy
#: meeting", "follow up strategy booked Weds 15/11", "EDT convening", "since the strategy call"
_NOT_YET = re.compile(
    r"\b(?:to\s+(?:hold|convene|arrange|book|chair|call)|booked|planned|arranged\s+for|will\s+be|"
    r"convening|to\s+be\s+held|since\s+the|at\s+the\s+(?:next|day\s+team)|request(?:ed)?\s+(?:a|for)"
    # class "a decision that one is needed is not the meeting": "threshold met for strategy
    # discussion", "strategy meeting recommended", "being arranged, invite to follow",
    # "strategy discussion tomorrow"
    r"|threshold|recommended|being\s+(?:arranged|convened|organised|set\s+up)|invites?\s+to\s+follow"
    r"|tomorrow|tmrw)\b",
    re.IGNORECASE,
)


def _held(mention) -> bool:
    """The mention records a discussion that took place when the note was written."""
    sentence = mention.sentence
    if _READING.search(sentence.text) or _NOT_HELD.search(sentence.text):
        return False
    if sentence.section in ("plan", "actions") or _NOT_YET.search(sentence.text):
        return False
    written = mention.note.date
    for time in sentence.times:
        # a day after the note, or a time later the same day ("strategy meeting today 10:00"
        # written at 08:30): planned, not held
        if time.day is not None and written is not None and time.day > written.date():
            return False
    if written is None or not mention.note.time_known:
        return True
    today = re.search(r"\btoday\b", sentence.text, re.IGNORECASE) is not None
    clocks = [clock_of(time) for time in sentence.times]
    return not (today and any(c is not None and c > written.time() for c in clocks))


def strategy_discussions(case, text) -> list[Discussion]:
    held = text.mentions("strategy_discussion", experiencer=None, uncertain=None)
    held_notes = {m.note.note_id: m for m in held if _held(m)}
    discussions: list[Discussion] = []
    for note in case.notes:
        if note.date is None:
            continue
        by_type = "strategy" in (note.kind or "").lower() and not any(
            _NOT_HELD.search(m.sentence.text) for m in held if m.note.note_id == note.note_id
        )
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
        elif _absent_near(mention.note.text, mention.start, mention.end):
            # the note's text, not the sentence's: a label line ("Not invited:") may be
            # split from the names it heads
            discussion.invited.add(agency)
        elif mention.context.hypothetical:
            continue  # class "told afterwards is not taking part": "paediatrician to be told"
        else:
            discussion.agencies.add(agency)
    # a denial ("CAMHS not invited", "no health representative") wins over the agency named in
    # passing elsewhere in the note, except the agency that wrote it
    own = {_NOTE_AGENCY.get(note_agency(n) or "") for n in discussion.notes}
    for agency in discussion.denied:
        if agency not in own:
            discussion.agencies.discard(agency)
    # named participants stay, whatever is denied elsewhere in the note
    # class "participants named by title": "Dr Rao", "DS Nwosu", "PC Yates" in the note
    # (the clause that names them decides: "CAMHS: Dr Ferris checked the GP summary - not
    # invited" has Dr Ferris taking part and CAMHS not)
    titled: set[str] = set()
    for note in discussion.notes:
        for sentence_text in _sentences_of(text, note):
            for clause in re.split(r"[,;:]|\s[-–]\s", sentence_text):
                if _NOT_TAKING_PART.search(clause):
                    continue
                for pattern, agency in ((_DOCTOR, "health"), (_OFFICER, "police")):
                    for match in pattern.finditer(clause):
                        at = sentence_text.find(clause) + match.start()
                        if not _absent_near(sentence_text, at, at + len(match.group(0))):
                            titled.add(agency)
    discussion.agencies |= titled


#: class "invited, not taking part" in the words around a participant: after it ("Dr Osei,
#: paediatrician - invited, did not attend", "health invited but no one took part") or as a
#: label before it ("Not invited: health", "Apologies from CAMHS")
_ABSENT_AFTER = re.compile(
    r"\b(?:apologies|unable\s+to\s+(?:attend|join)|could\s*n[o']t\s+(?:attend|join)|did\s+not\s+"
    r"(?:attend|join|take\s+part)|didn't\s+(?:attend|join|take\s+part)|not\s+(?:contacted|invited"
    r"|taking\s+part|present)|no\s+one\s+(?:took\s+part|attended|joined)|invited,?\s+but|declined)\b",
    re.IGNORECASE,
)
_ABSENT_BEFORE = re.compile(
    r"\b(?:apologies|not\s+invited|not\s+present|absent|not\s+contacted|unable\s+to\s+attend)"
    r"(?:\s+from)?\s*:?[^.;:]*$",
    re.IGNORECASE,
)
_TITLE_OR_END = re.compile(r"[;/]|\.\s|\b(?:Dr|DS|DC|PC|PS|Sgt|Insp|Mr|Mrs|Ms|Miss)\.?\s+[A-Z]")


def _absent_near(sentence: str, start: int, end: int) -> bool:
    """The participant at `start:end` is named as invited, absent or not contacted: in the
    words after it, up to the next person or clause, or by a label before it in its clause."""
    after = sentence[end : end + 70]
    cut = _TITLE_OR_END.search(after)
    if cut:
        after = after[: cut.start()]
    before = re.split(r"[.;\n]", sentence[max(0, start - 60) : start])[-1]
    return bool(_ABSENT_AFTER.search(after) or _ABSENT_BEFORE.search(before))


_DOCTOR = re.compile(r"\b(?:Dr|Doctor)\.?\s+[A-Z][a-z]")
_OFFICER = re.compile(r"\b(?:DS|DC|PC|PS|DI|DCI|Sgt|Insp)\.?\s+(?:\d+\s+)?[A-Z][a-z]")
_NOT_TAKING_PART = re.compile(
    r"\b(?:not\s+(?:invited|involved|present|attend)|apologies|unable)\b", re.I
)
#: class "a follow-up that names the discussion it follows": "strategy meeting (follow up to
#: the EDT strategy)" is not itself out of hours
_FOLLOWS = re.compile(r"\b(?:follow(?:ing|-|\s)?up|following|further\s+to|after\s+the)\b", re.I)


def _sentences_of(text, note) -> list[str]:
    return [s.text for n in text.notes if n.note.note_id == note.note_id for s in n.sentences]


def _out_of_hours(discussion: Discussion, text) -> str | None:
    note_ids = {n.note_id for n in discussion.notes}
    for note in discussion.notes:
        if note.time_known and is_out_of_hours(note.date):
            return f"held at {note.date:%H:%M} on {note.date:%A %d/%m/%Y}"
        if not is_working_day(note.date.date()):
            return f"held on {note.date:%A %d/%m/%Y}, not a working day"
    if any(n.time_known for n in discussion.notes):
        return None  # held in working hours: "EDT" there names who handed it over
    words = text.mentions(
        "out_of_hours",
        experiencer=None,
        uncertain=None,
        where=lambda m: m.note.note_id in note_ids and not _FOLLOWS.search(m.sentence.text),
    )
    if words:
        return f"recorded as {words[0].text!r}"
    return None
