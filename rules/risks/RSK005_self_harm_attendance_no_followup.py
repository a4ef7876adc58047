"""RSK005 self-harm-attendance-no-followup: the child attended an emergency department for
self-harm or overdose and no CAMHS contact with the child is recorded within the window."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import (
    as_it_happened,
    last_entry,
    not_applicable,
    report_unanswered,
    rule,
    unanswered,
)

HARM = ("self_harm", "overdose", "suicidal_thoughts")
#: an appointment offered, or a call to a parent, is not contact with the child
_OFFER = re.compile(r"\b(?:offer(?:ed|ing)?|to offer|phoned (?:mum|dad|the parents))\b", re.I)
_TAKEN = re.compile(r"\w+\s+(?:him|her|them)\s+to\b", re.IGNORECASE)
_CONTACT_VERB = re.compile(
    r"\b(?:rang|called|phoned|saw|seen|met|visited|assessed|assessment\s+call|spoke\s+(?:to|with))\b",
    re.IGNORECASE,
)
#: class "contact with someone else, or about the child, is not contact with the child": a
#: triage on paper, a call with mum only, a letter, a waiting list, a visit that did not see her
_NOT_WITH_CHILD = re.compile(
    r"\b(?:(?:call|phone|spoke|rang|triage\w*)\b[^.;]{0,25}\bwith\s+(?:mum|dad|mother|father|parents?|carers?)"
    r"|with\s+(?:mum|dad|mother|father|parents?|carers?)\s+only|(?:mum|dad|parents?)\s+only|"
    r"paper|triag\w*|screen(?:ed|ing)\s+(?:the\s+)?referral|waiting\s+list|letter|"
    r"did\s+not\s+see|didn't\s+see|not\s+seen|no\s+contact|dna|did\s+not\s+attend|cancelled)\b",
    re.IGNORECASE,
)


#: class "a contact still awaited": "from today until CAMHS see her", "while waiting for
#: CAMHS to call"; the words just before the contact make it a boundary, not a contact
_AWAITED = re.compile(
    r"\b(?:until|till|til|before|once|when|awaiting|await|waiting\s+for|wait\s+for)\s+(?:\w+\s+){0,3}$",
    re.IGNORECASE,
)


@rule(
    code="RSK005",
    name="self-harm-attendance-no-followup",
    severity="warning",
    recommendation="4",
    reference="Audit finding: the planned 7-day CAMHS follow-up after emergency attendances "
    "(NICE NG225)",
    message="The child attended the emergency department for self-harm and no CAMHS contact "
    "with them is recorded within {days} days: {quote} (looked until {until}).",
    options={"days": 7, "days-if-suicidal-intent": 3},
    why="""
        After an emergency attendance for self-harm or overdose a child should be seen by mental
        health services quickly (NICE NG225; the audit found the planned 7-day CAMHS follow-up a
        strength where it happened). A referral or a triage without contact with the child does
        not count; where suicidal intent is recorded (a stated wish to be dead) the window is
        shorter.
    """,
    advice="""
        Make sure CAMHS (or the crisis team) has seen or spoken with the child, and record the
        contact: who, when, what was assessed, and the safety plan. If it has not happened,
        escalate to CAMHS today.
    """,
)
def check(case, text, options):
    harm_notes = {m.note.note_id for m in text.mentions(*HARM, uncertain=None, historical=False)}
    # class "intent recorded about the attendance in the next note": the wish to be dead may be
    # written by the liaison nurse the next morning, not in the ED note itself
    intent = [m for m in text.mentions("suicidal_intent", uncertain=None) if m.date]
    intent_days = [m.date.date() for m in intent]
    # class "intent written with the attendance, days later": "Mum rang 08:10 (Mon): attended
    # ED Sat 07/03 after taking 30 paracetamol; left a note 'I want to be dead'"
    intent_notes = {m.note.note_id for m in intent}
    attendances = [
        m
        for m in text.mentions("ed_attendance", historical=False, experiencer=None)
        if m.note.note_id in harm_notes
        and m.date is not None
        # the child is who was taken ("mum brought her to Westmarsh General"), whoever took her
        and (m.context.experiencer == "subject" or _TAKEN.match(m.text))
    ]
    first_per_note: dict[str, object] = {}
    for attendance in attendances:
        first_per_note.setdefault(attendance.note.note_id, attendance)
    attendances = list(first_per_note.values())
    if not attendances:
        return not_applicable("no emergency attendance for self-harm or overdose is recorded")
    contacts = [
        m.sentence
        for m in text.mentions("camhs_contact", experiencer=None, historical=None)
        if ("hypothetical" not in m.sentence.marks or m.sentence.past)
        and not _AWAITED.search(m.sentence.text[: m.start - m.sentence.start])
        and not _OFFER.search(m.sentence.text)
        and not _NOT_WITH_CHILD.search(m.sentence.text)
    ]

    # class "CAMHS named as the one who made contact": "Sunita Rao (CAMHS practitioner) rang -
    # first assessment call with Caleb today", "CAMHS saw Mia at school"
    contacts += [
        m.sentence
        for m in text.mentions("camhs", experiencer=None, historical=None)
        if m.sentence.actual
        and _CONTACT_VERB.search(m.sentence.text)
        and not _NOT_WITH_CHILD.search(m.sentence.text)
        and not _OFFER.search(m.sentence.text)
    ]

    following = {(x.note.note_id, x.index - 1): x for x in text.sentences()}

    def happened(attendance) -> dt.date:
        # the attendance's own sentence, or the next when the mention runs on into it
        # ("Referral from the ED safeguarding team:\nMarcus attended ED 21:40 Thu 13/03")
        # class "the day it happened, not the day it was written about"
        sentence = attendance.sentence
        day = as_it_happened(sentence, after=attendance.start).note.date.date()
        after = following.get((sentence.note.note_id, sentence.index))
        if day == sentence.note.date.date() and after is not None and attendance.end > after.start:
            day = as_it_happened(after).note.date.date()
        return day

    def days_for(attendance) -> int:
        day = happened(attendance)
        written = attendance.note.date.date()
        if attendance.note.note_id in intent_notes or any(
            0 <= (intent - day).days <= 1 or 0 <= (intent - written).days <= 1
            for intent in intent_days
        ):
            return int(options["days-if-suicidal-intent"])
        return int(options["days"])

    def window(attendance):
        end = dt.datetime.combine(happened(attendance), dt.time(23, 59))
        return end + dt.timedelta(days=days_for(attendance))

    contacts = [as_it_happened(sentence) for sentence in contacts]
    missed = unanswered(attendances, contacts, window=window, last_entry=last_entry(case))
    if not missed:
        return []
    return [
        report_unanswered(
            missed,
            days=str(days_for(missed[0].indicator)),
            until=missed[0].looked_until.strftime("%d/%m/%Y"),
        )
    ]
