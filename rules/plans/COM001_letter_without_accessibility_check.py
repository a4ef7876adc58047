"""COM001 letter-without-accessibility-check: a decision or closure is sent to a parent by
letter, their language is not English, their literacy is in doubt, or their language is
unrecorded, and no note records considering whether they could read and understand it."""

from __future__ import annotations

from recordlint.api import Violation, at_or_after, codelist, not_applicable, rule

_SENDING = {"write", "send", "post", "email", "give", "hand"}


@rule(
    code="COM001",
    name="letter-without-accessibility-check",
    severity="warning",
    recommendation="1",
    reference="Audit finding: a mother told by letter that her case was closing without anyone "
    "considering whether she could read it",
    message="A decision was sent by letter ({quote}) and {because}, but no note records checking "
    "that the parent could read and understand it.",
    why="""
        The audit found a mother told by letter that her case was closing, with no thought for
        whether she could read it. When the parent's language is not English, their literacy is
        in doubt, or their language was never recorded, a letter alone may tell them nothing.
    """,
    advice="""
        Before (or as well as) the letter, check how the parent reads and understands: send it
        translated or in easy read, go through it with them in person or by phone, with an
        interpreter where needed, and record that you did.
    """,
)
def check(case, text):
    decisions = {
        m.note.note_id
        for m in text.mentions("decision_or_closure", hypothetical=None, experiencer=None)
    }
    letters = [
        m
        for m in text.mentions("letter", experiencer=None, hypothetical=None)
        if m.note.note_id in decisions
        # "Wrote to mum to confirm...": sent, though "to confirm" reads as intended
        and (not m.context.hypothetical or m.sentence.past & _SENDING)
    ]
    if not letters:
        return not_applicable("no decision or closure is recorded as sent by letter")
    because = _doubt(case, text)
    if because is None:
        return []
    accessible = text.mentions(
        "letter_accessibility", "interpreter", hypothetical=None, experiencer=None
    )
    violations = []
    for letter in letters:
        if any(at_or_after(m.sentence, letter.sentence) for m in accessible):
            continue
        violations.append(
            Violation(
                evidence=(letter.evidence(),),
                details={"quote": repr(letter.sentence.text), "because": because},
            )
        )
    return violations


def _doubt(case, text) -> str | None:
    """Why the parent may not read the letter, or None when nothing suggests it."""
    literacy = text.mentions("literacy_doubt", experiencer=None, uncertain=None)
    if literacy:
        return f"a note doubts their literacy ({literacy[0].sentence.text!r})"
    barrier = text.mentions("language_barrier", experiencer=None, uncertain=None)
    if barrier:
        return f"a note shows limited English ({barrier[0].sentence.text!r})"
    languages = codelist("language")
    values = [
        v.value
        for name in ("first_language", "preferred_language")
        for v in case.values(name)
        if languages.classify(v.value).value_class.value == "recorded"
    ]
    if any(not languages.is_english(v) for v in values):
        return f"the family's language is {values[0]!r}"
    if not values:
        return "the family's language is not recorded"
    return None
