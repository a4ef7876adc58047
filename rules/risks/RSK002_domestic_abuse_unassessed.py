"""RSK002 domestic-abuse-unassessed: domestic abuse between adults or intimate partners in the
child's family is mentioned and no DASH, MARAC, referral or safety plan follows."""

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

RESPONSES = ("domestic_abuse_response", "referral", "strategy_discussion")
SAFETY_PLAN = ("suicide_self_harm_response", "plan")


@rule(
    code="RSK002",
    name="domestic-abuse-unassessed",
    severity="warning",
    recommendation="3",
    reference="Audit recommendation 3: domestic abuse considered beside mental health",
    message="Domestic abuse is recorded and no risk assessment, referral or safety plan follows: "
    "{quote} ({looked}).",
    why="""
        The audit found domestic abuse visible in the notes and missing from assessments and
        plans. Under the Domestic Abuse Act 2021 a child who sees, hears or experiences the
        effects of abuse between adults in their family is a victim in their own right. The abuse
        may be between any adults or partners in the child's family (a parent living elsewhere
        and an adult sibling included); conflict between a parent and the child is not this
        rule's concern.
    """,
    advice="""
        Complete a DASH risk assessment with the adult victim, refer to MARAC if high risk and to
        the IDVA or domestic abuse service, and make a safety plan that covers the child. Record
        what the child saw or heard and how it affects them.
    """,
)
def check(case, text):
    indicators = one_per_sentence(text.mentions("domestic_abuse", experiencer=None, uncertain=None))
    if not indicators:
        return not_applicable("no domestic abuse is recorded in the family")
    responses = sentences_of(text.mentions(*RESPONSES, hypothetical=None, experiencer=None))
    responses += [
        m.sentence
        for m in text.mentions(*SAFETY_PLAN, hypothetical=None, experiencer=None)
        if "safety plan" in m.sentence.text.lower()
    ]
    missed = unanswered(indicators, responses, last_entry=last_entry(case))
    if not missed:
        return []
    return [
        report_unanswered(
            missed, looked=looked_for(missed, "DASH, MARAC, a referral or a safety plan")
        )
    ]
