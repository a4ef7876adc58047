"""REF001 referral-not-actioned: a referral was intended, agreed or instructed and no later note
records it being made to that destination."""

from __future__ import annotations

from recordlint.api import (
    INTENDED,
    MADE,
    RECEIVED,
    Violation,
    in_order,
    not_applicable,
    referral_events,
    rule,
)


@rule(
    code="REF001",
    name="referral-not-actioned",
    severity="warning",
    recommendation="1",
    reference=(
        "Audit finding: no record of actions to make a referral to Children Social Care "
        "having been actioned"
    ),
    message="A referral {where} was intended but no later note records it being made: {looked}.",
    why="""
        The audit found referrals agreed at meetings, or promised in notes, that were never made,
        so the child was not known to the service that should have helped. A referral counts as
        made only when a later note says so (sent, submitted, "spoke to First Response, ref ..."),
        or the receiving service records it. A condition ("if concerns escalate, refer to MASH";
        "a referral will be considered") is not an intention, and advising a parent to refer
        themselves is not the agency's own referral, so neither is judged here.
    """,
    advice="""
        Make the referral, or record why it was not made (who decided, when and why). When it is
        made, record where it went, how (form, phone, portal), when, and any reference number.
    """,
)
def check(case, text):
    events = in_order(referral_events(text))
    intended = [e for e in events if e.stage == INTENDED]
    if not intended:
        return not_applicable("no referral was intended, agreed or instructed")
    done = [e for e in events if e.stage in (MADE, RECEIVED)]
    last = max((n.date for n in case.notes if n.date), default=None)
    violations = []
    reported: set[str | None] = set()
    for intention in intended:
        if any(d.after(intention) and d.goes_to(intention.destination) for d in done):
            continue
        if intention.destination in reported:
            continue
        reported.add(intention.destination)
        where = (
            f"to {intention.destination}" if intention.destination else "(destination not named)"
        )
        since = intention.date.strftime("%d/%m/%Y") if intention.date else "the note"
        until = last.strftime("%d/%m/%Y") if last else "the last note"
        looked = (
            f"looked for a referral {where} in every note from {since} to the last entry on {until}"
        )
        violations.append(
            Violation(
                evidence=(intention.mention.evidence(trigger=_why(intention)),),
                details={"where": where, "looked": looked},
            )
        )
    return violations


def _why(event) -> str:
    trigger = event.mention.context.trigger_for("hypothetical")
    return f"intended ({trigger.text!r})" if trigger else "intended"
