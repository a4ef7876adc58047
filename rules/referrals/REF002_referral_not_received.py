"""REF002 referral-not-received: a referral recorded as made with no record that it was
received, acknowledged or decided on within the configured working days; with several agencies'
exports for the child, the receiving agency's own record must hold it."""

from __future__ import annotations

import re

from recordlint.api import (
    MADE,
    RECEIVED,
    Evidence,
    Violation,
    add_working_days,
    agencies_in,
    agency_of,
    in_order,
    not_applicable,
    note_agency,
    referral_events,
    rule,
)


@rule(
    code="REF002",
    name="referral-not-received",
    severity="warning",
    recommendation="1",
    reference=(
        "Audit finding: no record of the referrals being received by Children Social Care, "
        "so the children were not known to them"
    ),
    message="A referral {where} made on {sent} has no record of being received by {due}{because}.",
    options={"working-days": 3},
    why="""
        The audit found referrals that one agency recorded as sent and the receiving agency had
        no record of, so the child was not known to them. Working Together expects the referrer
        to be told the referral was received and what was decided (within one working day for
        Children's Social Care). When the receiving agency's own export is linted with the
        sender's, its record must show the referral; otherwise any note of receipt,
        acknowledgement or decision counts.
    """,
    advice="""
        Confirm with the receiving service that the referral arrived, and record who confirmed
        it, when, and what was decided. If it did not arrive, send it again and record that.
    """,
)
def check(case, text, options):
    events = in_order(referral_events(text))
    made = [e for e in events if e.stage == MADE and e.date is not None]
    if not made:
        return not_applicable("no referral is recorded as made")
    last = max(n.date for n in case.notes if n.date)
    holders = agencies_in(case)
    violations = []
    for sent in made:
        due = add_working_days(sent.date, int(options["working-days"]))
        if last.date() < due:
            continue  # the record ends before the referral was due to be received
        window = [e for e in events if e.date and sent.date <= e.date and e.date.date() <= due]
        receiver = agency_of(sent.destination)
        if receiver and receiver != sent.agency and receiver in holders:
            # the receiving agency's export is here: its own record must show the referral
            if any(_held_by(e, receiver, sent) for e in window):
                continue
            late = [e for e in events if _held_by(e, receiver, sent) and e.after(sent)]
            files = ", ".join(holders[receiver])
            if late:
                when = late[0].date.strftime("%d/%m/%Y")
                because = f": {receiver}'s own record ({files}) first shows it on {when}"
                missing = (late[0].mention.evidence(trigger="received late"),)
            else:
                because = f": {receiver}'s own record ({files}) holds nothing about it"
                missing = tuple(Evidence(source=path) for path in holders[receiver])
        else:
            if any(e.stage == RECEIVED and e.goes_to(sent.destination) for e in window):
                continue
            if _acknowledged_in_the_same_note(sent, text):
                continue
            because, missing = "", ()
        where = f"to {sent.destination}" if sent.destination else "(destination not named)"
        violations.append(
            Violation(
                evidence=(sent.mention.evidence(trigger="recorded as made"), *missing),
                details={
                    "where": where,
                    "sent": sent.date.strftime("%d/%m/%Y"),
                    "due": due.strftime("%d/%m/%Y"),
                    "because": because,
                },
            )
        )
    return violations


def _held_by(event, receiver: str, sent) -> bool:
    """The receiving agency's record shows this referral: a referral it records about the same
    destination (or one that names none, such as "referral received from school")."""
    return (
        event is not sent
        and note_agency(event.note) == receiver
        and event.goes_to(sent.destination)
    )


_ACKNOWLEDGED = re.compile(
    r"^\W*(?:(?:the\s+)?(?:referral|it|this)\s+(?:was\s+)?)?"
    r"(?:acknowledged|received|accepted|screened|triaged)\b",
    re.IGNORECASE,
)


def _acknowledged_in_the_same_note(sent, text) -> bool:
    """A later sentence of the same note about the receipt itself ("Referral made to the IDVA
    service. Acknowledged by email the same day."), not any sentence with "acknowledged" in it."""
    return any(
        sentence.note.note_id == sent.note.note_id
        and sentence.index > sent.mention.sentence.index
        and sentence.actual
        and _ACKNOWLEDGED.search(sentence.text)
        for sentence in text.sentences()
    )
