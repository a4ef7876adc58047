"""Kind `plan_item_smart`: each action in a plan has what it needs to be followed up.

PLN001 (plans not SMART) is this kind. Plan items are the actions of a plan or actions section
(`practice.actions.plan_items`); each must have every part in `requires` (`owner`: a person,
role or agency; `timescale`: a date, period, frequency or occasion). A finding per item names
what is missing, and the verbs that measure nothing ("monitor", "support") when the item uses
them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from recordlint.model import Violation, not_applicable
from recordlint.practice.actions import plan_items, vague_words
from recordlint.rulebook.kinds.registry import Spec, kind

#: a part an item may be required to have, and how it is read from the item
_PARTS = {"owner": lambda item: item.owner, "timescale": lambda item: item.timescale}


@kind(
    "plan_item_smart", keys={"requires", "not_applicable"}, required={"requires"}, notes="required"
)
def plan_item_smart(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `requires` (the parts each item needs: owner, timescale), `not_applicable` (why,
    when the notes hold no plan)."""
    spec = Spec(data, where)
    required = spec.texts("requires")
    if not required or any(part not in _PARTS for part in required):
        raise spec.fail(f"'requires' names parts of an item: {', '.join(_PARTS)}")
    none_reason = spec.text("not_applicable", "no plan or list of actions is recorded")

    def check(case, text):
        # an item that records itself done is progress, not an action still to plan
        items = [item for item in plan_items(text) if not item.done_when_set]
        if not items:
            return not_applicable(none_reason)
        violations = []
        for item in items:
            missing = [part for part in required if not _PARTS[part](item)]
            if not missing:
                continue
            vague = vague_words(item)
            violations.append(
                Violation(
                    evidence=(item.evidence(f"in the {item.sentence.section} section"),),
                    details={
                        "missing": " and no ".join(missing),
                        "action": repr(item.text),
                        "vague": f" ({', '.join(repr(v) for v in vague)} says nothing measurable)"
                        if vague
                        else "",
                    },
                )
            )
        return violations

    return check
