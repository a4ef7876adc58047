"""The actions vocabulary (rules/vocab/actions.yaml, per vocabulary): who may own an action in
lower case, verbs that mean the same when a later note records it done, words that are no
action's object, topics that head an item, initials that are abbreviations, and how many
working days an action without a date has."""

from __future__ import annotations

from typing import Any

from recordlint.vocabulary import Vocabulary, per_vocabulary


@per_vocabulary
def action_vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    data = vocabulary.data("actions.yaml")
    groups: dict[str, frozenset[str]] = {}
    for group in data["verb_groups"]:
        for verb in group:
            groups[verb] = groups.get(verb, frozenset()) | frozenset(group)
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
