"""RSK005 self-harm-attendance-no-followup: the child attended an emergency department for
self-harm or overdose and no CAMHS contact with the child is recorded within the window."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import last_entry, not_applicable, report_unanswered, rule, unanswered

HARM = ("self_harm", "overdose", "suicidal_thoughts")
#: an appointment offered, or a call to a parent, is not contact with the child
_OFFER = re.compile(r"\b(?:offer(?:ed|ing)?|to offer|phoned (?:mum|dad|the parents))\b", re.I)


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
    intent_notes = {m.note.note_id for m in text.mentions("suicidal_intent", uncertain=None)}
    attendances = [
        m
        for m in text.mentions("ed_attendance", historical=False)
        if m.note.note_id in harm_notes and m.date is not None
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
        and not _OFFER.search(m.sentence.text)
    ]

    def days_for(attendance) -> int:
        if attendance.note.note_id in intent_notes:
            return int(options["days-if-suicidal-intent"])
        return int(options["days"])

    def window(attendance):
        end = dt.datetime.combine(attendance.date.date(), dt.time(23, 59))
        return end + dt.timedelta(days=days_for(attendance))

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
