"""Kind `made_then_received`: a referral recorded as made is received within N working days.

REF002 is this kind. Referrals are events moving through intended, made, received and decided,
each with a destination (`practice.referrals.referral_events`). A referral made on a day is
answered by a receipt to the same destination within the rule's `working-days` option, or by a
later sentence of the same note that is about the receipt itself and opens with one of
`receipt_words` ("Acknowledged by email the same day."). When the receiving agency's own export
is read with the sender's, its record must hold the referral: there any referral event of that
agency about the same destination counts, and a late one is named. A record that ends before
the referral was due is not judged. `destinations` limits the rule to referrals to those
services (every destination when absent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from recordlint.model import Evidence, Violation, not_applicable
from recordlint.practice.referrals import (
    MADE,
    RECEIVED,
    acted_on,
    agencies_in,
    agency_of,
    destination_aliases,
    destinations_in,
    in_order,
    note_agency,
    referral_events,
    referral_vocabulary,
)
from recordlint.rulebook.kinds.registry import Spec, kind
from recordlint.worktime import add_working_days


@kind(
    "made_then_received",
    keys={"receipt_words", "destinations", "not_applicable"},
    required={"receipt_words"},
    notes="required",
)
def made_then_received(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `receipt_words` (words opening a sentence about the receipt), `destinations`
    (limit to these), `not_applicable`. Option `working-days`."""
    spec = Spec(data, where)
    words = spec.texts("receipt_words")
    if not words:
        raise spec.fail("'receipt_words' must name at least one word")
    acknowledged = re.compile(
        r"^\W*(?:(?:the\s+)?(?:referral|it|this)\s+(?:was\s+)?)?"
        rf"(?:{'|'.join(re.escape(w) for w in words)})\b",
        re.IGNORECASE,
    )
    destinations = {d.lower() for d in spec.texts("destinations")}
    none_reason = spec.text("not_applicable", "no referral is recorded as made")

    def acknowledged_in_the_same_note(sent, text) -> bool:
        """A later sentence of the same note about the receipt itself, not any sentence with
        "acknowledged" in it."""
        return any(
            sentence.note.note_id == sent.note.note_id
            and sentence.index > sent.mention.sentence.index
            and sentence.actual
            and acknowledged.search(sentence.text)
            for sentence in text.sentences()
        )

    def check(case, text, options):
        aliases = destination_aliases(text)
        events = in_order(referral_events(text, aliases))
        made = [
            e
            for e in events
            if e.stage == MADE
            and e.date is not None
            and (not destinations or (e.destination or "").lower() in destinations)
        ]
        if not made:
            return not_applicable(none_reason)
        last = max(n.date for n in case.notes if n.date)
        holders = agencies_in(case)
        writers = _writers(text)
        violations = []
        for sent in made:
            due = add_working_days(sent.date, int(options["working-days"]))
            if last.date() < due:
                continue  # the record ends before the referral was due to be received
            window = [e for e in events if e.date and sent.date <= e.date and e.date.date() <= due]
            receiver = agency_of(sent.destination)
            own_file = (
                sent.agency is None
                and sent.note.source is not None
                and sent.note.source.path in holders.get(receiver or "", [])
            )  # class "the referrer's own export is not the receiver's"
            if receiver and receiver != sent.agency and receiver in holders and not own_file:
                # the receiving agency's export is here: its own record must show the referral
                its_files = holders[receiver]
                if any(_held_by(e, receiver, sent, its_files) for e in window):
                    continue
                if _written_by_the_destination(sent, writers, due):
                    continue
                late = [
                    e for e in events if _held_by(e, receiver, sent, its_files) and e.after(sent)
                ]
                files = ", ".join(holders[receiver])
                if late:
                    when = late[0].date.strftime("%d/%m/%Y")
                    because = f": {receiver}'s own record ({files}) first shows it on {when}"
                    missing = (late[0].mention.evidence(trigger="received late"),)
                else:
                    because = f": {receiver}'s own record ({files}) holds nothing about it"
                    missing = tuple(Evidence(source=path) for path in holders[receiver])
            else:
                if any(e.stage == RECEIVED and e.goes_to(sent.destination) for e in window):
                    continue
                if acknowledged_in_the_same_note(sent, text):
                    continue
                if any(
                    acted_on(s, sent.destination, aliases)
                    for s in text.sentences()
                    if s.note.date
                    and sent.date <= s.note.date
                    and s.note.date.date() <= due
                    and (
                        s.note.note_id != sent.note.note_id or s.index > sent.mention.sentence.index
                    )
                ):
                    continue  # the destination acted on it in time
                if _written_by_the_destination(sent, writers, due) or _its_reference_answered(
                    sent, text, due
                ):
                    continue
                because, missing = "", ()
            shown = f"to {sent.destination}" if sent.destination else "(destination not named)"
            violations.append(
                Violation(
                    evidence=(sent.mention.evidence(trigger="recorded as made"), *missing),
                    details={
                        "where": shown,
                        "sent": sent.date.strftime("%d/%m/%Y"),
                        "due": due.strftime("%d/%m/%Y"),
                        "because": because,
                    },
                )
            )
        return violations

    return check


def _held_by(event, receiver: str, sent, files: Sequence[str] = ()) -> bool:
    """The receiving agency's record shows this referral: a referral it records about the same
    destination (or one that names none, such as "referral received from school"). Class "a
    file's agency is its notes' agency": a note that names no agency, in a file the receiver's
    other notes come from, is the receiver's too."""
    agency = note_agency(event.note)
    in_its_file = (
        agency is None and event.note.source is not None and event.note.source.path in files
    )
    return (
        event is not sent
        and (agency == receiver or in_its_file)
        and event.goes_to(sent.destination)
    )


def _in_window(sent, note, due) -> bool:
    """A note (not the referral's own) written between the referral and its due day."""
    return (
        note.date is not None
        and note.note_id != sent.note.note_id
        and sent.date <= note.date
        and note.date.date() <= due
    )


def _written_by_the_destination(sent, writers, due) -> bool:
    """Class "the destination's own note is its receipt": "Referred to CAMHS crisis" (ED,
    14/10 23:30) and, next morning, a note by "Fallowmere CAMHS" that saw the child: a note in
    the window whose agency or team names the referral's destination (`writers`: each note
    with the destinations its agency and team name, from `_writers`)."""
    return bool(sent.destination) and any(
        sent.destination in named and _in_window(sent, note, due) for note, named in writers
    )


def _writers(text) -> list[tuple[object, frozenset[str]]]:
    """Each note with the destinations its agency and team name, worked out once a case."""
    found = []
    for note_text in text.notes:
        note = note_text.note
        writer = " ".join(filter(None, (note.agency, note.team)))
        if writer:
            found.append((note, frozenset(name for _, name in destinations_in(writer))))
    return found


#: a case or referral reference: letters and digits joined by "-" or "/" ("NRM-26-0091876")
_REFERENCE = re.compile(
    r"\b(?=[\w/-]*\d)(?=[\w/-]*[A-Za-z])[A-Za-z0-9]+(?:[-/][A-Za-z0-9]+){1,4}\b"
)


def _its_reference_answered(sent, text, due) -> bool:
    """Class "the referral's reference links its receipt": "NRM referral submitted to SCA,
    ref NRM-26-0091876" and "SCA acknowledgement rec'd for NRM-26-0091876" (a later sentence
    in the window that names the same reference and a word of receipt)."""
    references = {
        r.group(0).upper()
        for r in _REFERENCE.finditer(sent.mention.sentence.text)
        if len(r.group(0)) >= 6
    }
    if not references:
        return False
    receipt = referral_vocabulary().receipt
    return any(
        _in_window(sent, sentence.note, due)
        and references & {r.group(0).upper() for r in _REFERENCE.finditer(sentence.text)}
        and receipt.search(sentence.text)
        for sentence in text.sentences()
    )
