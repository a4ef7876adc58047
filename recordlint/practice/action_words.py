"""The actions vocabulary (rules/vocab/actions.yaml, per vocabulary): who may own an action in
lower case, verbs that mean the same when a later note records it done, words that are no
action's object, topics that head an item, initials that are abbreviations, and how many
working days an action without a date has."""

from __future__ import annotations

from typing import Any

from recordlint.vocabulary import Vocabulary, per_vocabulary

#: "re" and a verb that is another word, not the verb again
_NOT_AGAIN = frozenset({"reset", "recall", "remessage"})


@per_vocabulary
def action_vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    data = vocabulary.data("actions.yaml")
    groups: dict[str, frozenset[str]] = {}
    for group in data["verb_groups"]:
        for verb in group:
            groups[verb] = groups.get(verb, frozenset()) | frozenset(group)
    for verb, group in list(groups.items()):
        # class "a verb done again means the same event": "revisit", "rebook", "recontact",
        # "re-refer" are recorded done by a visit, a booking, a contact, a referral
        for again in (f"re{verb}", f"re-{verb}"):
            if " " not in verb and again not in groups and again not in _NOT_AGAIN:
                groups[again] = group | {again}
    return {
        "default_days": int(data["default_working_days"]),
        "owners": {o.lower() for o in data["owners"]},
        "groups": groups,
        "ignore": set(data["ignore"]),
        "topics": {t.lower() for t in data.get("topics", [])},
        "not_initials": {w.upper() for w in data.get("not_initials", [])},
        "verbs": {verb for group in data["verb_groups"] for verb in group}
        | {"refer", "monitor", "support", "continue", "review", "attend", "make", "take", "keep"},
    }


def default_days() -> int:
    return action_vocabulary()["default_days"]
