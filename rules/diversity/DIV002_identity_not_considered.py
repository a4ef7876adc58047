"""DIV002 identity-not-considered: the child's sexuality, gender identity, faith or a cultural
practice is recorded as relevant to their wellbeing, and no assessment, plan or safety plan in
the case takes it into account."""

from __future__ import annotations

from recordlint.api import Violation, not_applicable, rule

_WELLBEING = ("wellbeing_impact", "self_harm", "suicidal_thoughts", "mental_health_label")
_IDENTITY = ("identity", "faith_culture")
_PLAN_SECTIONS = {"plan", "actions", "contingency", "analysis"}
_PLAN_KINDS = {"plan", "assessment", "meeting", "strategy discussion"}


@rule(
    code="DIV002",
    name="identity-not-considered",
    severity="warning",
    recommendation="2",
    reference=(
        "Audit recommendation 2: diversity (sexuality, ethnic background, faith, traditional "
        "practices) taken into account in risks and safety planning"
    ),
    message="The child's {topic} is recorded as affecting their wellbeing, but no assessment or "
    "plan takes it into account: {quote}.",
    why="""
        The audit found children whose identity (sexuality, gender identity, faith, a cultural
        practice) was part of what was troubling them, yet assessments and plans never
        mentioned it, so support did not fit the child. A plan, safety plan or assessment
        (a plan or analysis section, or a note recorded as one) that refers to it resolves this.
    """,
    advice="""
        Bring it into the assessment and the plan: what it means for the child, what support
        fits them (including faith or community support, or LGBTQ+ youth services), and how
        the plan will keep them safe from bullying, rejection or harm linked to it.
    """,
)
def check(case, text):
    affected = _relevant(text)
    if not affected:
        return not_applicable("no identity or practice is recorded as affecting the child")
    if _considered(text):
        return []
    first = affected[0]
    return [
        Violation(
            evidence=tuple(m.evidence() for m in affected[:3]),
            details={"topic": _topic(first), "quote": repr(first.sentence.text)},
        )
    ]


def _relevant(text):
    impact = {
        (m.note.note_id, m.sentence.index)
        for m in text.mentions(*_WELLBEING, experiencer=None, historical=None)
    }
    return [
        m
        for m in text.mentions(*_IDENTITY)
        if (m.note.note_id, m.sentence.index) in impact and not m.context.uncertain
    ]


def _considered(text) -> bool:
    for mention in text.mentions(*_IDENTITY, hypothetical=None, experiencer=None, uncertain=None):
        sentence = mention.sentence
        kind = (sentence.note.kind or "").lower()
        if sentence.section in _PLAN_SECTIONS or any(k in kind for k in _PLAN_KINDS):
            return True
        if text.mentions("plan", hypothetical=None, experiencer=None, where=_same(sentence)):
            return True
    return False


def _same(sentence):
    return lambda m: m.note.note_id == sentence.note.note_id and m.sentence.index == sentence.index


def _topic(mention) -> str:
    words = mention.sentence.text.lower()
    if any(w in words for w in ("gay", "lesbian", "trans", "sexual", "gender", "binary", "lgbt")):
        return "sexuality or gender identity"
    if any(w in words for w in ("cultur", "heritage", "racial")):
        return "culture or heritage"
    return "faith"
