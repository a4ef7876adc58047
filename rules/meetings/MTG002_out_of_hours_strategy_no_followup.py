"""MTG002 out-of-hours-strategy-no-followup: a strategy discussion held out of hours with no
follow-up discussion or meeting with partner agencies within the configured working days."""

from __future__ import annotations

import datetime as dt
import re

from recordlint.api import Violation, add_working_days, not_applicable, rule, strategy_discussions

_READING = re.compile(r"\b(?:read|reviewed|review of|notes of|record of)\b", re.IGNORECASE)
_PARTNERS = re.compile(
    r"\b(?:police|health|school|camhs|gp|nurse|paediatric\w*|partners?|agencies|multi-agency)\b",
    re.IGNORECASE,
)


def _end_of(day):
    return dt.datetime.combine(day, dt.time(23, 59))


@rule(
    code="MTG002",
    name="out-of-hours-strategy-no-followup",
    severity="warning",
    recommendation="6b",
    reference="Audit recommendation 6b: follow-up discussions after out-of-hours strategy meetings",
    message="A strategy discussion out of hours ({why}) has no follow-up with partners by {due}.",
    options={"working-days": 2},
    why="""
        The audit found no follow-up after strategy discussions held out of hours. An emergency
        duty team decides with whoever can be reached at night or at the weekend; the daytime
        partners (school, health, CAMHS, the allocated worker) need a follow-up discussion or
        meeting soon after, not only a note to read.
    """,
    advice="""
        Hold a follow-up strategy discussion or multi-agency meeting with the daytime partners
        within two working days, and record who took part and what changed.
    """,
)
def check(case, text, options):
    discussions = [d for d in strategy_discussions(case, text) if d.out_of_hours]
    if not discussions:
        return not_applicable("no strategy discussion was held out of hours")
    last = max(n.date for n in case.notes if n.date)
    days = int(options["working-days"])
    everything = strategy_discussions(case, text)
    meetings = [
        m
        for m in text.mentions("meeting", experiencer=None, uncertain=None)
        if not _READING.search(m.sentence.text) and _PARTNERS.search(m.sentence.text)
    ]
    violations = []
    for discussion in discussions:
        due = add_working_days(discussion.date, days)
        if last.date() < due:
            continue  # the record ends before a follow-up was due
        own = {n.note_id for n in discussion.notes}
        # a follow-up with partners: another discussion with an agency beside social care, or
        # a meeting naming partners; one agency reading the record is not one
        followed = [
            d
            for d in everything
            if d is not discussion
            and discussion.date < d.date
            and d.date.date() <= due
            and d.agencies - {"social care"}
        ] + [
            m
            for m in meetings
            if m.date and discussion.date < m.date <= _end_of(due) and m.note.note_id not in own
        ]
        if followed:
            continue
        first = discussion.first
        evidence = (first.evidence(trigger=discussion.out_of_hours),) if first else ()
        violations.append(
            Violation(
                evidence=evidence,
                details={"why": discussion.out_of_hours, "due": f"{due:%d/%m/%Y}"},
            )
        )
    return violations
