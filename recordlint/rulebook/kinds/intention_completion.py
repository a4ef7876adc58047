"""Kind `intention_then_completion`: an action set in the notes is done, or it is overdue.

ACT001 (action not completed) is this kind. Actions are those with an owner or a due date
(`practice.actions.actions_in`); judged at the case's last entry, an action is overdue when its
due day (`Action.due`: a deadline, the day it is for, or the end of something that runs; or,
without one, the rule's `working-days-without-date` option after it was set) has passed and no
later note records it done. An action that records itself done, or runs with no end, is never
overdue. Actions of `except_verbs` or naming
`except_words` are another rule's (referrals are REF001's).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from recordlint.model import Violation, not_applicable, not_evaluated
from recordlint.practice.action_words import default_days
from recordlint.practice.actions import actions_in
from recordlint.practice.completion import done_by
from recordlint.practice.events import note_events
from recordlint.rulebook.kinds.registry import Spec, kind


@kind(
    "intention_then_completion",
    keys={"except_verbs", "except_words", "not_applicable"},
    required=set(),
    notes="required",
)
def intention_then_completion(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `except_verbs` and `except_words` (actions left to other rules), `not_applicable`
    (why, when no action is recorded). Option `working-days-without-date`."""
    spec = Spec(data, where)
    verbs, words = set(spec.texts("except_verbs")), set(spec.texts("except_words"))
    none_reason = spec.text("not_applicable", "no action with an owner or a due date is recorded")

    def check(case, text, options):
        actions = [a for a in actions_in(text) if a.verb not in verbs and not words & set(a.keys)]
        if not actions:
            return not_applicable(none_reason)
        last = max((n.date for n in case.notes if n.date), default=None)
        if last is None:
            return not_evaluated("no dated notes to judge deadlines by")
        days = int(options.get("working-days-without-date", default_days()))
        sentences = text.sentences()
        events = note_events(text)
        violations = []
        for action in actions:
            if action.done_when_set:
                continue
            deadline = action.deadline(days)
            if deadline is None or deadline >= last.date():
                continue
            if done_by(action, sentences, events) is not None:
                continue
            due = deadline.strftime("%d/%m/%Y")
            if action.due is None:
                due += f", {days} working days after it was set"
            shown = f"owner {action.owner!r}" if action.owner else f"due {action.due_text!r}"
            violations.append(
                Violation(
                    evidence=(action.evidence(shown),),
                    details={"action": repr(action.text), "due": due},
                )
            )
        return violations

    return check
