"""PLN003 ehcp-not-in-plan: the child has an EHCP or SEND support recorded and no plan, safety
plan, review or meeting record refers to it."""

from __future__ import annotations

from recordlint.api import (
    Evidence,
    ValueClass,
    Violation,
    not_applicable,
    not_evaluated,
    rule,
    value_class,
)

PLAN_SECTIONS = {"plan", "actions", "contingency"}
PLAN_KINDS = ("plan", "meeting", "review", "conference", "core group", "strategy")
_NO = {"no", "n", "none", "false", "0", "not applicable", "n/a"}


@rule(
    code="PLN003",
    name="ehcp-not-in-plan",
    severity="warning",
    recommendation="6c",
    reference="Audit finding: EHCPs and special educational needs not visible in plans",
    message="The child has {what} recorded and no plan or meeting record refers to it.",
    why="""
        A child's EHCP or SEND support says what they need to learn and be safe; a plan that
        ignores it can ask the impossible of them. A mention in an assessment or a referral
        alone does not count: the plan, safety plan, review or meeting record should use it.
    """,
    advice="""
        Bring the EHCP or SEND support into the plan: what it provides, who the SENCO or
        caseworker is, how the plan and the EHCP fit together, and invite the school or SEND
        service to reviews.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case, text):
    field_evidence = [
        Evidence(source=str(v.source), field=name, value=v.value)
        for name in ("ehcp", "send")
        for v in case.values(name)
        if value_class(v.value) is ValueClass.RECORDED and v.value.strip().lower() not in _NO
    ]
    noted = text.mentions("ehcp_send", historical=None) if case.has_notes else []
    if not field_evidence and not noted:
        if not case.has_notes and not (case.carries("ehcp") or case.carries("send")):
            return not_evaluated("no EHCP or SEND field, and no notes")
        return not_applicable("no EHCP or SEND support is recorded")
    if case.has_notes:
        for mention in text.mentions(
            "ehcp_send", hypothetical=None, historical=None, negated=None, experiencer=None
        ):
            sentence = mention.sentence
            kind = (sentence.note.kind or "").lower()
            if sentence.section in PLAN_SECTIONS or any(k in kind for k in PLAN_KINDS):
                return []
            if text.mentions(
                "plan",
                "meeting",
                "strategy_discussion",
                hypothetical=None,
                experiencer=None,
                where=lambda m, s=sentence: (
                    m.note.note_id == s.note.note_id and m.sentence.index == s.index
                ),
            ):
                return []
    evidence = tuple(field_evidence) + tuple(m.evidence() for m in noted[:2])
    what = (
        "an EHCP"
        if any("ehcp" in (e.field or e.quote or "").lower() for e in evidence)
        else ("SEND support")
    )
    return [Violation(evidence=evidence, details={"what": what})]
