"""RSK003 self-harm-procedure-not-evident: the child's self-harm, overdose or suicidal thoughts
are mentioned and no risk assessment, safety plan, CAMHS involvement or procedure follows."""

from __future__ import annotations

from recordlint.api import (
    last_entry,
    looked_for,
    not_applicable,
    one_per_sentence,
    report_unanswered,
    rule,
    sentences_of,
    unanswered,
)

INDICATORS = ("self_harm", "overdose", "suicidal_thoughts")
RESPONSES = ("suicide_self_harm_response", "camhs", "camhs_contact")


@rule(
    code="RSK003",
    name="self-harm-procedure-not-evident",
    severity="warning",
    recommendation="4",
    reference="Audit finding: awareness and use of the LLR Self-Harm and Suicide procedures "
    "was not evident",
    message="The child's self-harm or suicidal thoughts are recorded and no risk assessment, "
    "safety plan or CAMHS involvement follows: {quote} ({looked}).",
    why="""
        The audit found that awareness and use of the Self-Harm and Suicide procedures was not
        evident. When a child self-harms, takes an overdose or speaks of suicide, the record
        should show the response: a risk assessment, a safety plan made with the child, CAMHS
        involvement, or the procedure followed. Another person's self-harm ("Mum has a history of
        overdose") and a condition ("if she self-harms, call 111") are not the child's.
    """,
    advice="""
        Follow the Self-Harm and Suicide procedure: talk to the child without delay, assess risk,
        make a safety plan with them and their carers, and involve CAMHS (or the crisis team).
        Record each step, who was involved and when.
    """,
)
def check(case, text):
    indicators = one_per_sentence(text.mentions(*INDICATORS, uncertain=None))
    if not indicators:
        return not_applicable("no self-harm, overdose or suicidal thoughts recorded for the child")
    # a response recorded, not one promised ("a safety plan will be completed")
    responses = sentences_of(
        m
        for m in text.mentions(*RESPONSES, hypothetical=None, experiencer=None, historical=None)
        if not m.context.hypothetical
    )
    missed = unanswered(indicators, responses, last_entry=last_entry(case))
    if not missed:
        return []
    return [
        report_unanswered(
            missed,
            looked=looked_for(missed, "a risk assessment, safety plan, CAMHS or the procedure"),
        )
    ]
