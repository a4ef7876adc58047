"""MTG001 strategy-partners-not-involved: a strategy discussion without social care, police and
health taking part, or without CAMHS invited where CAMHS is involved with the child."""

from __future__ import annotations

import re

from recordlint.api import Evidence, Violation, not_applicable, rule, strategy_discussions

STATUTORY = ("social care", "police", "health")
_NOT_INVOLVED = re.compile(
    r"\b(?:not\s+(?:involved|open|known|active)|no\s+(?:\w+\s+)?involvement|never\s+(?:been\s+)?(?:involved|open))\b",
    re.IGNORECASE,
)


@rule(
    code="MTG001",
    name="strategy-partners-not-involved",
    severity="warning",
    recommendation="6a",
    reference="Audit recommendation 6a: all relevant partners, including CAMHS, invited to "
    "strategy meetings",
    message="A strategy discussion on {date} has no record of {missing} taking part.",
    why="""
        Working Together requires at least social care, police and health in a strategy
        discussion, and the audit found partners (CAMHS above all) not invited to strategy
        meetings and missing-child meetings. Where CAMHS is involved with the child, it should
        be invited. Taking part is read from the note and from other agencies' notes of that
        day: an attendee list ("Present: DS Khan (police), SW Patel, Dr Okafor"), the agencies
        named, and the agency that wrote it; "CAMHS not invited" counts against.
    """,
    advice="""
        Record who took part in the strategy discussion, by name, role and agency, and who was
        invited but absent. Include police and a health practitioner every time, and CAMHS when
        CAMHS knows the child; if a partner could not join, record why and how they were
        consulted.
    """,
)
def check(case, text):
    discussions = strategy_discussions(case, text)
    if not discussions:
        return not_applicable("no strategy discussion is recorded")
    # class "CAMHS named only to say it is not involved": "CAMHS not involved with Isla", "CAMHS:
    # no involvement ever", "CAMHS - not open"
    camhs_known = [
        m
        for m in text.mentions("camhs", experiencer=None, hypothetical=None)
        if m.date and not _NOT_INVOLVED.search(m.sentence.text)
    ]
    violations = []
    for discussion in discussions:
        missing = [a for a in STATUTORY if not discussion.has(a)]
        camhs_involved = any(m.date <= discussion.date for m in camhs_known)
        if camhs_involved and not discussion.invited_or_present("CAMHS"):
            missing.append("CAMHS (involved with the child)")
        if not missing:
            continue
        evidence = (
            discussion.first.evidence(trigger=f"took part: {_list(discussion.agencies)}")
            if discussion.first
            else Evidence(
                source=str(discussion.notes[0].source), note_id=discussion.notes[0].note_id
            )
        )
        denials = tuple(m.evidence() for m in discussion.denied.values())
        violations.append(
            Violation(
                evidence=(evidence, *denials),
                details={"date": f"{discussion.date:%d/%m/%Y}", "missing": _list(missing)},
            )
        )
    return violations


def _list(items) -> str:
    items = sorted(items)
    if not items:
        return "no agency"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
