"""Kind `indicator_response`: something in the notes calls for a response, and none follows.

The shape of the risk rules: exploitation indicators and no screening or plan (RSK001), domestic
abuse and no DASH, MARAC or safety plan (RSK002), self-harm and no risk assessment or CAMHS
(RSK003). Each indicator (the first mention in each sentence of the `indicators` concepts, with
their context filters) is answered by a response recorded in the same sentence or later: a
sentence mentioning one of `responses` (each with its own concepts, context filters, and
optionally `in_sections` or `sentence_says`), within `within` days or working days of the
indicator when given. An indicator whose window ends after the last entry is not judged yet.
One finding per case quotes the first unanswered indicator and says what was looked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from recordlint.model import Violation, not_applicable
from recordlint.practice.responses import (
    last_entry,
    looked_for,
    one_per_sentence,
    report_unanswered,
    sentences_of,
    unanswered,
)
from recordlint.rulebook.kinds.registry import Spec, kind
from recordlint.worktime import add_working_days

_RESPONSE_KEYS = {"concepts", "context", "in_sections", "sentence_says"}


@kind(
    "indicator_response",
    keys={"indicators", "responses", "within", "not_applicable", "looked_for"},
    required={"indicators", "responses", "not_applicable", "looked_for"},
    notes="required",
)
def indicator_response(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `indicators` (`concepts`, `context`), `responses` (a list of `concepts`,
    `context`, and `in_sections` (note sections the mention must sit in) or `sentence_says`
    (words its sentence must hold)), `within` (`days` or `working_days` after the indicator's
    day), `not_applicable` (why, when there is no indicator), `looked_for` (what a response
    would be, in the message's words)."""
    spec = Spec(data, where)
    indicator = spec.part("indicators", {"concepts", "context"})
    indicator_concepts, indicator_context = indicator.concepts("concepts"), indicator.context()
    responses = [
        (
            part.concepts("concepts"),
            part.context(),
            frozenset(part.texts("in_sections")),
            part.text("sentence_says").lower() if "sentence_says" in part.data else "",
        )
        for part in spec.parts("responses", _RESPONSE_KEYS)
    ]
    window = _window(spec) if "within" in data else None
    none_reason, wanted = spec.text("not_applicable"), spec.text("looked_for")

    def check(case, text) -> list[Violation] | Any:
        indicators = one_per_sentence(text.mentions(*indicator_concepts, **indicator_context))
        if not indicators:
            return not_applicable(none_reason)
        answers = []
        for concepts, context, sections, says in responses:
            mentions = text.mentions(*concepts, **context)
            if sections:
                mentions = [m for m in mentions if m.sentence.section in sections]
            if says:
                mentions = [m for m in mentions if says in m.sentence.text.lower()]
            answers += sentences_of(mentions)
        missed = unanswered(
            indicators, answers, window=window or (lambda _: None), last_entry=last_entry(case)
        )
        if not missed:
            return []
        return [report_unanswered(missed, looked=looked_for(missed, wanted))]

    return check


def _window(spec: Spec) -> Callable[[Any], dt.datetime | None]:
    within = spec.part("within", {"days", "working_days"})
    if len(within.data) != 1:
        raise spec.fail("'within' takes one of days or working_days")
    if "days" in within.data:
        days = within.number("days")

        def end(indicator: Any) -> dt.datetime | None:
            if indicator.date is None:
                return None
            return dt.datetime.combine(indicator.date.date(), dt.time(23, 59)) + dt.timedelta(days)

        return end
    working = within.number("working_days")

    def end_working(indicator: Any) -> dt.datetime | None:
        if indicator.date is None:
            return None
        return dt.datetime.combine(
            add_working_days(indicator.date.date(), working), dt.time(23, 59)
        )

    return end_working
