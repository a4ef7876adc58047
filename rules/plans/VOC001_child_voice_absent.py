"""VOC001 child-voice-absent: no note records the child's own words, views, wishes and feelings,
or the child being seen or spoken to alone."""

from __future__ import annotations

import re

from recordlint.api import Evidence, Violation, rule

# "Keira said "I did it to feel something"", "he told me ‘...’": quoted words after a speech verb
_QUOTED = re.compile(
    r"\b(?P<who>[A-Z][\w'’-]+|she|he|they)\s+(?:said|says|told\s+\w+|described|explained|wrote|"
    r"asked|replied)\b[^\"“‘]{0,40}[\"“‘]",
)
_NOT_THE_CHILD = {
    "mum", "mother", "dad", "father", "nan", "grandma", "gran", "carer", "sw", "teacher", "dsl",
    "school", "police", "gp", "hv", "nurse", "she", "he", "they",
}  # fmt: skip


@rule(
    code="VOC001",
    name="child-voice-absent",
    severity="warning",
    recommendation="2",
    reference="Audit finding: the child's voice recorded but their lived experience not understood",
    message="The record never gives the child's own words, views or wishes, or says they were "
    "seen alone{generic}.",
    why="""
        The Children Act 1989 (s17(4A), s47(5A)) requires the child's wishes and feelings to be
        ascertained and considered. The audit found the child's voice recorded in generic phrases
        ("presented well", "no concerns raised") that say nothing of their lived experience. What
        counts: their own words, their views and wishes, direct work with them, or being seen or
        spoken to alone.
    """,
    advice="""
        See the child alone, and record what they said in their own words (quotation marks),
        what they want, what worries them, and what the plan means for them; use direct work
        (three houses, my day, all about me) where words are hard.
    """,
)
def check(case, text):
    if text.mentions("child_voice", hypothetical=False, uncertain=None):
        return []
    for sentence in text.sentences():
        if not sentence.actual:
            continue
        match = _QUOTED.search(sentence.text)
        if match and match.group("who").lower() not in _NOT_THE_CHILD | _family_words(case):
            return []
        if (
            match
            and match.group("who").lower() in {"she", "he", "they"}
            and not _adult_nearby(sentence.text, match.start())
        ):
            return []
    generic = text.mentions("generic_voice", experiencer=None, uncertain=None, negated=None)
    shown = (
        f"; only generic phrases such as {generic[0].text!r}, which say nothing of what the "
        "child thinks or feels"
        if generic
        else ""
    )
    evidence = tuple(m.evidence() for m in generic[:3]) or tuple(
        Evidence(source=s.path) for s in case.sources if s.has_notes
    )
    return [Violation(evidence=evidence, details={"generic": shown})]


def _family_words(case) -> set[str]:
    return {p.role.lower() for p in case.people if p.role}


def _adult_nearby(text: str, at: int) -> bool:
    """ "Mum ... she said "..."": the pronoun is the adult just named."""
    before = text[max(0, at - 60) : at].lower()
    return bool(re.search(r"\b(?:mum|mother|dad|father|nan|gran|carer|teacher|nurse)\b", before))
