"""Indicator, then response: the shape of the risk rules (RSK001 to RSK005).

A risk rule finds indicator mentions (affirmed, actual, about whoever the rule says) and asks
whether a response is recorded at or after each one, optionally within a window. What counts as
an indicator and as a response is data (concepts in `rules/vocab/concepts/`); the rules say which
concepts, which window, and what else may count.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from recordlint.nlp.timex import clock_of

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


#: how far back a note may record what happened and still be dated by it
RECORDED_LATE = dt.timedelta(days=14)


def as_it_happened(sentence: Sentence, after: int | None = None) -> Sentence:
    """The sentence with its note dated when the thing it records happened, not when it was
    written: class "the day it happened, not the day it was written about". "RHI was done Tue
    14/10 at 14:00" written on 15/10 happened on 14/10 at 14:00; "CAMHS saw her yesterday (Mon
    12/05)" on 12/05. The sentence's first time expression is its own event's: a day (up to two
    weeks back) with its clock, or a clock on the note's day; a later one is an aside about
    something else ("RHI at school 10:20, 70 hrs after the return 13:00 18/01"). A day with no
    clock is read at noon; a sentence whose first time is neither is returned as is.

    `after` (an offset in the note) starts the search at the event's own mention: class "the
    event's time, not the call's": in "Mum rang 08:10: Gabby attended ED Sat 07/03 02:00" the
    attendance happened on Saturday, not at 08:10."""
    note = sentence.note
    times = [t for t in sentence.times if after is None or t.start >= after] or list(sentence.times)
    if note.date is None or not times:
        return sentence
    written = note.date.date()
    first = times[0]
    clock = clock_of(first)
    if first.kind == "time" and len(times) > 1:
        following = times[1]
        if following.dated and following.start - first.end <= 3:
            first = following  # "attended ED 21:40 Thu 13/03": a clock written before its day
            clock = clock_of(first) or clock
    if first.dated and first.day and written - RECORDED_LATE <= first.day <= written:
        day = first.day
    elif first.kind == "time" and clock is not None:
        day = written
    else:
        return sentence
    if day == written and clock is None:
        return sentence
    moment = dt.datetime.combine(day, clock or dt.time(12, 0))
    if day == written and note.time_known and moment > note.date:
        return sentence  # "seen at 16:00" in a note written at 15:00 is its plan
    return dataclasses.replace(sentence, note=dataclasses.replace(note, date=moment))


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
