"""DIV001 diversity-assumption-unexplored: hedged, second-hand or assumptive wording about faith,
culture, ethnicity, traditional practices, sexuality or gender identity, never explored with the
child or family in that note or a later one."""

from __future__ import annotations

from recordlint.api import Violation, not_applicable, rule

#: people whose faith or culture is not the family's ("his friend is very religious")
_OUTSIDE_FAMILY = {"friend", "other adult"}
_EXPLORING = {"discuss", "explore", "ask", "talk", "explain", "describe"}
_TOPICS = ("faith_culture", "religion_topic", "identity", "faith_harm")


@rule(
    code="DIV001",
    name="diversity-assumption-unexplored",
    severity="warning",
    recommendation="2",
    reference=(
        "Audit finding: 'parents believed to be spiritual' with no evidence it was explored; "
        "recommendation 2"
    ),
    message="An assumption about {topic} was recorded and never explored: {quote}.",
    why="""
        The audit found phrases such as "parents believed to be spiritual" written and never
        explored: an assumption is not an understanding of the child's lived experience, and
        the Children Act 1989 s22(5)(c) requires due consideration of a looked-after child's
        religion, race, culture and language. It is resolved by the same or a later note that
        records exploring it with the child or family (what it means for them, its impact on the
        child). Wording about language ("limited English") is DEM002's and COM001's concern.
    """,
    advice="""
        Ask the child and family about it in their own words: what their faith, culture or
        identity means to them, how it shapes family life, and what it means for the child.
        Record what they said, who you spoke to and when, instead of the assumption.
    """,
)
def check(case, text):
    assumptions = _assumptions(text)
    if not assumptions:
        return not_applicable("no hedged or assumptive wording about faith, culture or identity")
    explored = _explorations(text)
    violations = []
    for mention in assumptions:
        if any(_same_or_later(e, mention.sentence) for e in explored):
            continue
        violations.append(
            Violation(
                evidence=(mention.evidence(),),
                details={"topic": _topic(mention), "quote": repr(mention.sentence.text)},
            )
        )
    return violations


def _assumptions(text):
    found, seen = [], set()
    for mention in text.mentions(
        "faith_culture", "diversity_assumption", experiencer=None, uncertain=None, negated=None
    ):
        # assumptive wording counts whatever surrounds it ("would not let her go, for cultural
        # reasons"); a faith or culture word counts when it is hedged and not denied
        assumptive = mention.concept == "diversity_assumption"
        hedged = mention.context.uncertain and not mention.context.negated
        if not (assumptive or hedged) or mention.context.person in _OUTSIDE_FAMILY:
            continue
        key = (mention.note.note_id, mention.sentence.index)
        if key not in seen:
            seen.add(key)
            found.append(mention)
    return found


def _explorations(text):
    """Sentences that record exploring faith, culture or identity with the child or family."""
    explored = [
        m.sentence for m in text.mentions("diversity_explored", experiencer=None, uncertain=None)
    ]
    for mention in text.mentions(*_TOPICS, experiencer=None, uncertain=False):
        sentence = mention.sentence
        if sentence.actual and _EXPLORING & set(sentence.lemmas) | _EXPLORING & sentence.past:
            explored.append(sentence)
    return explored


def _same_or_later(sentence, than) -> bool:
    if sentence.note.note_id == than.note.note_id:
        return sentence.index > than.index
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date


def _topic(mention) -> str:
    words = mention.text.lower()
    if any(w in words for w in ("gay", "lesbian", "trans", "sexual", "gender", "binary")):
        return "sexuality or gender identity"
    if any(w in words for w in ("cultur", "tradition", "honour", "shame", "community")):
        return "culture"
    return "faith"
