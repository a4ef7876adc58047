"""DEM004 father-details-missing: nothing identifies the child's father or a male carer.

The audit (recommendation 1) and The Myth of Invisible Men found men in the household unseen:
the record should name the father and any male carer, say what part they play, or say why not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from recordlint.api import (
    Case,
    Evidence,
    ValueClass,
    Violation,
    Vocabulary,
    not_evaluated,
    per_vocabulary,
    rule,
    value_class,
)

_FIELD = "father_name"


@per_vocabulary
def _roles(vocabulary: Vocabulary) -> dict[str, tuple[str, ...]]:
    data = vocabulary.data("relationships.yaml")
    return {key: tuple(str(v).lower() for v in values) for key, values in data.items()}


def _is_man_in_childs_life(role: str) -> bool:
    text = " ".join(role.lower().replace("’", "'").split())
    return text in _roles()["father"] or text in _roles()["male_carer"]


def _gives_reason(value: str) -> bool:
    text = value.lower()
    return any(reason in text for reason in _roles()["father_reasons"])


# a name beside "Dad": "Dad (Marcus)", "birth father, Mr Ahmed", "Marcus (dad)", "Émile"
_NOT_NAMES = {
    "mum", "dad", "mother", "father", "she", "he", "they", "the", "sw", "yp", "camhs", "police",
    "school", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "christmas", "easter", "i", "a", "an", "mrs", "ms",
    "miss", "dr", "not", "no", "unknown", "none", "it", "this", "that", "there",
}  # fmt: skip
_WORD = r"([^\W\d_][\w'’-]*)"
# a name right after him, set off as names are: "Dad (Marcus)", "Dad - Łukasz", "father, Mr Ahmed,"
_NAME_AFTER = re.compile(
    rf"^\s*(?:\(\s*{_WORD}|[-–:]\s*(?:Mr\.?\s+)?{_WORD}|,\s*Mr\.?\s+{_WORD}"
    rf"|\s(?:Mr\.?\s+)?{_WORD})"
)
_NAME_BEFORE = re.compile(rf"{_WORD}\s*\(\s*$")


def _names_him(sentence: str, start: int, end: int, not_names: set[str]) -> bool:
    after = _NAME_AFTER.match(sentence[end:])
    before = _NAME_BEFORE.search(sentence[:start])
    for match in (after, before):
        if match is None:
            continue
        word = next(g for g in match.groups() if g)
        if word[0].isupper() and word.lower() not in _NOT_NAMES | not_names:
            return True
    return False


def _child_names(case: Case) -> set[str]:
    names = {w.lower() for w in case.child.name.split()}
    for field in ("first_name", "surname", "child_name"):
        names |= {w.lower() for v in case.values(field) for w in v.value.split()}
    return names


@rule(
    code="DEM004",
    name="father-details-missing",
    severity="warning",
    recommendation="1",
    reference="Audit recommendation 1: the family's, fathers' and partners' details",
    message="The child's father or male carer is not identified: {detail}.",
    why="""
        Fathers and men in the household are too often invisible in records (The Myth of
        Invisible Men, 2021): services focus on the mother, and the man's role, history and
        the risk or protection he brings go unexamined. The audit found fathers' details missing.
    """,
    advice="""
        Record the child's father and any male carer or mother's partner: name, relationship,
        whether he lives with the child, contact, parental responsibility, and whether he has been
        seen and checked. If he is unknown, has died or has no contact, record that and why.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case: Case, text):
    if not (case.has_notes or case.people or case.carries(_FIELD) or case.carries("relationship")):
        return not_evaluated("no input for this case has father or family fields, or notes")
    bare: list[Evidence] = []
    for person in case.people:
        if not _is_man_in_childs_life(person.role):
            continue
        named = value_class(person.name) is ValueClass.RECORDED and not _is_role(person.name)
        involved = any(
            value_class(person.details.get(key, "")) is ValueClass.RECORDED
            for key in ("lives_with_child", "parental_responsibility", "contact")
        )
        if named or involved or _gives_reason(person.name):
            return []
        where = str(person.source) if person.source else ""
        bare.append(Evidence(source=where, field="relationship", value=person.role))
    for item in case.values(_FIELD):
        recorded = value_class(item.value) is ValueClass.RECORDED and not _is_role(item.value)
        if recorded or _gives_reason(item.value):
            return []
        bare.append(Evidence(source=str(item.source), field=_FIELD, value=item.value))
    if case.has_notes:
        # a reason about the child's own father, not a condition and not Mum's father
        if text.mentions("father_reason", uncertain=None):
            return []
        described = _described(text, _child_names(case))
        if described is True:
            return []
        bare.extend(described)
    if bare:
        return [
            Violation(
                evidence=tuple(bare),
                details={
                    "detail": "he is mentioned but never named or described, and no "
                    "reason is recorded"
                },
            )
        ]
    return [
        Violation(
            evidence=(Evidence(source=case.sources[0].path if case.sources else ""),),
            details={"detail": "no father, male carer or reason is recorded anywhere"},
        )
    ]


def _is_role(value: str) -> bool:
    """ "Dad" in a name field is a role, not a name."""
    return _is_man_in_childs_life(value)


def _described(text, not_names: set[str]) -> bool | list[Evidence]:
    """True when a note names him or says what he does; otherwise the bare mentions."""
    involved = {
        (m.note.note_id, m.sentence.index)
        for m in text.mentions("involvement", hypothetical=None, experiencer=None)
    }
    bare: list[Evidence] = []
    mentions: Iterable = text.mentions(
        "father_or_male_carer", hypothetical=None, uncertain=None, experiencer=None
    )
    for mention in mentions:
        sentence = mention.sentence
        start, end = mention.start - sentence.start, mention.end - sentence.start
        if (mention.note.note_id, sentence.index) in involved:
            return True
        if _names_him(sentence.text, start, end, not_names):
            return True
        bare.append(mention.evidence())
    return bare
