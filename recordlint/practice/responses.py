"""Indicator, then response: the shape of the risk rules (RSK001 to RSK005).

A risk rule finds indicator mentions (affirmed, actual, about whoever the rule says) and asks
whether a response is recorded at or after each one, optionally within a window. What counts as
an indicator and as a response is data (concepts in `rules/vocab/concepts/`); the rules say which
concepts, which window, and what else may count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

Mention = Any  # recordlint.nlp.query.Mention
Sentence = Any  # recordlint.nlp.query.Sentence


@dataclass(frozen=True)
class Unanswered:
    """An indicator with no response in time, and the window that was searched."""

    indicator: Mention
    looked_until: dt.datetime | None  # None: to the last entry


def at_or_after(sentence: Sentence, than: Sentence) -> bool:
    """Recorded in the same sentence or later: later in the same note, or a note dated the same
    day or after (an undated note is never after)."""
    if sentence.note.note_id == than.note.note_id:
        return sentence.index >= than.index
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date


def within(sentence: Sentence, until: dt.datetime | None) -> bool:
    if until is None:
        return True
    date = sentence.note.date
    return date is not None and date <= until


def unanswered(
    indicators: Iterable[Mention],
    responses: Sequence[Sentence],
    *,
    window: Callable[[Mention], dt.datetime | None] = lambda _: None,
    last_entry: dt.datetime | None = None,
) -> list[Unanswered]:
    """Indicators with no response sentence at or after them (within `window`, when it gives an
    end). An indicator whose window ends after the last entry is not judged yet."""
    found = []
    for indicator in indicators:
        until = window(indicator)
        if until is not None and last_entry is not None and last_entry < until:
            continue
        if any(at_or_after(r, indicator.sentence) and within(r, until) for r in responses):
            continue
        found.append(Unanswered(indicator, until))
    return found


def one_per_sentence(mentions: Iterable[Mention]) -> list[Mention]:
    """The first mention of each sentence: "cuts to her arms, self-harm" is one indicator."""
    seen, kept = set(), []
    for mention in mentions:
        key = (mention.note.note_id, mention.sentence.index)
        if key not in seen:
            seen.add(key)
            kept.append(mention)
    return kept


def sentences_of(mentions: Iterable[Mention]) -> list[Sentence]:
    return list({(m.note.note_id, m.sentence.index): m.sentence for m in mentions}.values())


def last_entry(case) -> dt.datetime | None:
    return max((note.date for note in case.notes if note.date), default=None)


def report_unanswered(missed: Sequence[Unanswered], **details: str):
    """One finding for a case's unanswered indicators: the first quoted in the message, up to
    three as evidence, and `details` for the rule's message."""
    from recordlint.model import Violation

    first = missed[0].indicator
    return Violation(
        evidence=tuple(m.indicator.evidence() for m in missed[:3]),
        details={"quote": repr(first.sentence.text), **details},
    )


def looked_for(missed: Sequence[Unanswered], wanted: str) -> str:
    """ "looked for X from DATE to the last entry; 2 more indicator(s) unanswered" """
    first = missed[0].indicator
    since = first.date.strftime("%d/%m/%Y") if first.date else "that note"
    until = missed[0].looked_until
    to = f"to {until:%d/%m/%Y}" if until is not None else "to the last entry"
    looked = f"looked for {wanted} from {since} {to}"
    if len(missed) > 1:
        looked += f"; {len(missed) - 1} more indicator(s) unanswered"
    return looked
