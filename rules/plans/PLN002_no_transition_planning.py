"""PLN002 no-transition-planning: the child is 17 or over at the last entry (or turns 18 within
six months of it) and no transition or contingency planning for 18 is recorded."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta

from recordlint.api import (
    DateError,
    Evidence,
    Violation,
    not_applicable,
    not_evaluated,
    parse_date,
    rule,
)


@rule(
    code="PLN002",
    name="no-transition-planning",
    severity="warning",
    recommendation="6c",
    reference="Audit finding: there was a lack of contingency planning for a young person "
    "reaching 18 years",
    message="{name} is {age} at the last entry ({last}) and no planning for turning 18 is "
    "recorded.",
    options={"from-age": 17, "months-before-18": 6},
    why="""
        The audit found no contingency planning for young people reaching 18. Planning should
        start from Year 9 (NICE NG43), and a looked-after young person needs a pathway plan and a
        personal adviser. Without it, support (CAMHS above all) stops at 18 with nothing in its
        place.
    """,
    advice="""
        Record the plan for 18: which adult services (adult mental health, adult social care,
        leaving care, the 16+ team) are involved, a named worker, the pathway plan if looked
        after, and what happens if the transfer is delayed.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case, text, options):
    dob_value = case.field("dob")
    if not dob_value:
        return not_evaluated("no date of birth is recorded")
    try:
        dob = parse_date(dob_value)
    except DateError:
        return not_evaluated(f"the date of birth {dob_value!r} cannot be read")
    last = max((n.date for n in case.notes if n.date), default=None)
    if last is None:
        return not_evaluated("no dated entries to judge the age at")
    age = relativedelta(last, dob).years
    eighteen = dob + relativedelta(years=18)
    soon = eighteen <= last + relativedelta(months=int(options["months-before-18"]))
    if age < int(options["from-age"]) and not soon:
        return not_applicable(f"the child is {age} at the last entry")
    if case.has_notes and text.mentions(
        "transition_to_adulthood", hypothetical=None, uncertain=None, experiencer=None
    ):
        return []
    source = next((v.source for v in case.values("dob") if v.value.strip()), None)
    return [
        Violation(
            evidence=(
                Evidence(source=str(source) if source else "", field="dob", value=dob_value),
            ),
            details={
                "name": case.child.name or "The child",
                "age": str(age),
                "last": f"{last:%d/%m/%Y}",
            },
        )
    ]
