"""Kind `phrase_unless_explored`: a hedged or assumptive phrase stands until it is explored.

DIV001 ("parents believed to be spiritual", "for cultural reasons") is this kind. A sentence
counts when it mentions one of `assumptive` in any context, or one of `phrases` hedged and not
denied, about the family (not one of `not_about`, such as a friend). It is resolved by the same
note later on, or a later note, that records exploring it: a sentence mentioning `explored_by`,
or an actual sentence about one of `explored_topics` with one of `exploring_words` ("discussed
with Mum what her faith means to her"). Each unexplored sentence is a finding, its topic named
by the first of `topics` whose words it holds (else `otherwise`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from recordlint.model import Violation, not_applicable
from recordlint.rulebook.kinds.registry import Spec, kind

_KEYS = {
    "phrases",
    "assumptive",
    "not_about",
    "explored_by",
    "explored_topics",
    "exploring_words",
    "topics",
    "otherwise",
    "not_applicable",
}


@kind(
    "phrase_unless_explored",
    keys=_KEYS,
    required={"phrases", "explored_by", "not_applicable"},
    notes="required",
)
def phrase_unless_explored(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `phrases` and `assumptive` (concepts), `not_about` (people whose phrase is not the
    family's), `explored_by`, `explored_topics` (concepts) and `exploring_words` (lemmas),
    `topics` (a list of `label` and `words`), `otherwise` (the topic when none matches),
    `not_applicable` (why, when nothing is assumed)."""
    spec = Spec(data, where)
    phrases = spec.concepts("phrases")
    assumptive = set(spec.concepts("assumptive")) if "assumptive" in data else set()
    outside = set(spec.texts("not_about"))
    explored_by = spec.concepts("explored_by")
    topics_explored = spec.concepts("explored_topics") if "explored_topics" in data else ()
    exploring = set(spec.texts("exploring_words"))
    topics = [(t.text("label"), t.texts("words")) for t in spec.parts("topics", {"label", "words"})]
    otherwise = spec.text("otherwise", "it")
    none_reason = spec.text("not_applicable")

    def assumptions(text) -> list[Any]:
        found, seen = [], set()
        for mention in text.mentions(*phrases, experiencer=None, uncertain=None, negated=None):
            # assumptive wording counts whatever surrounds it; another phrase counts when it is
            # hedged and not denied
            hedged = mention.context.uncertain and not mention.context.negated
            if not (mention.concept in assumptive or hedged) or mention.context.person in outside:
                continue
            key = (mention.note.note_id, mention.sentence.index)
            if key not in seen:
                seen.add(key)
                found.append(mention)
        return found

    def explorations(text) -> list[Any]:
        explored = [
            m.sentence for m in text.mentions(*explored_by, experiencer=None, uncertain=None)
        ]
        if topics_explored:
            for mention in text.mentions(*topics_explored, experiencer=None, uncertain=False):
                sentence = mention.sentence
                if sentence.actual and exploring & set(sentence.lemmas) | exploring & sentence.past:
                    explored.append(sentence)
        return explored

    def topic(mention) -> str:
        words = mention.text.lower()
        return next((label for label, ws in topics if any(w in words for w in ws)), otherwise)

    def check(case, text):
        found = assumptions(text)
        if not found:
            return not_applicable(none_reason)
        explored = explorations(text)
        return [
            Violation(
                evidence=(mention.evidence(),),
                details={"topic": topic(mention), "quote": repr(mention.sentence.text)},
            )
            for mention in found
            if not any(_same_or_later(e, mention.sentence) for e in explored)
        ]

    return check


def _same_or_later(sentence, than) -> bool:
    if sentence.note.note_id == than.note.note_id:
        return sentence.index > than.index
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date
