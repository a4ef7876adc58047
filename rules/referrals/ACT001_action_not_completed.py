"""ACT001 action-not-completed: an action with an owner or a due date is overdue at the case's
last entry and no later note records it done."""

from __future__ import annotations

from recordlint.api import (
    Violation,
    actions_in,
    default_days,
    done_by,
    not_applicable,
    not_evaluated,
    rule,
)


@rule(
    code="ACT001",
    name="action-not-completed",
    severity="warning",
    recommendation="1",
    reference="Audit recommendation 1: recording includes actions identified and undertaken",
    message="An action is overdue with no record of it being done: {action} (due {due}).",
    options={"working-days-without-date": 10},
    why="""
        The audit's first recommendation is that case records show the actions identified and
        those undertaken, so progress can be seen and decisions challenged or escalated. An
        action written into a plan and never recorded as done leaves nobody knowing whether it
        happened. Judged at the case's last entry: an action is overdue when its date (or, without
        one, the configured working days after it was set) has passed. Referral actions are
        REF001's concern; plan items with neither owner nor date are PLN001's.
    """,
    advice="""
        Record the action done (what was done, by whom, when), or record why it was not and what
        replaces it, with a new owner and date.
    """,
)
def check(case, text, options):
    actions = [a for a in actions_in(text) if not _is_referral(a)]
    if not actions:
        return not_applicable("no action with an owner or a due date is recorded")
    last = max((n.date for n in case.notes if n.date), default=None)
    if last is None:
        return not_evaluated("no dated notes to judge deadlines by")
    days = int(options.get("working-days-without-date", default_days()))
    sentences = text.sentences()
    violations = []
    for action in actions:
        deadline = action.deadline(days)
        if deadline is None or deadline >= last.date():
            continue
        if done_by(action, sentences) is not None:
            continue
        due = deadline.strftime("%d/%m/%Y")
        if action.due is None:
            due += f", {days} working days after it was set"
        violations.append(
            Violation(
                evidence=(
                    action.evidence(
                        f"owner {action.owner!r}" if action.owner else f"due {action.due_text!r}"
                    ),
                ),
                details={"action": repr(action.text), "due": due},
            )
        )
    return violations


def _is_referral(action) -> bool:
    return action.verb in {"refer", "re-refer"} or "referral" in action.keys
