"""PLN001 plan-not-smart: an action in a plan has no named owner or no timescale."""

from __future__ import annotations

from recordlint.api import Violation, not_applicable, plan_items, rule, vague_words


@rule(
    code="PLN001",
    name="plan-not-smart",
    severity="warning",
    recommendation="6c",
    reference="Audit finding: plans were not SMART in all of the cases",
    message="A plan action has no {missing}: {action}{vague}.",
    why="""
        The audit found plans that were not SMART in every case. An action nobody owns, or with
        no timescale, cannot be followed up, challenged or escalated: each action needs who (a
        person, role or agency), what, and by when (a date, a period, "by the next review").
        Verbs with no measure ("monitor", "support", "continue", "as needed") say nothing about
        what will be different.
    """,
    advice="""
        Rewrite each action as who will do what by when, and how you will know it worked:
        "SW Patel to visit Zara at home fortnightly until the review on 12/06", not "monitor".
    """,
)
def check(case, text):
    items = plan_items(text)
    if not items:
        return not_applicable("no plan or list of actions is recorded")
    violations = []
    for item in items:
        missing = [
            label
            for label, present in (("owner", item.owner), ("timescale", item.due_text))
            if not present
        ]
        if not missing:
            continue
        vague = vague_words(item)
        violations.append(
            Violation(
                evidence=(item.evidence(f"in the {item.sentence.section} section"),),
                details={
                    "missing": " and no ".join(missing),
                    "action": repr(item.text),
                    "vague": f" ({', '.join(repr(v) for v in vague)} says nothing measurable)"
                    if vague
                    else "",
                },
            )
        )
    return violations
