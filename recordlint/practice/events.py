"""What each note records happening: its event, who did it and when, for linking to actions.

A note is often the record of the very thing a plan asked for: "SW (FS) to visit home by Fri
13/09" is done by a note of type "Home Visit" written by Farah Siddiqui (SW) on 12/09 that opens
"HV." and never repeats the verb. So each note gives one `NoteEvent`: the words naming what
happened (its entry type and the opening of its text), who recorded it (author, agency, team,
and their initials) and when. An action is linked to a later event by role (the event's
recorder is the action's owner), by what happened (the action's verb, or one meaning the same,
names the event) and by place (an action at school is not done by a home visit).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from recordlint.vocabulary import Vocabulary, per_vocabulary

#: places an action may name; an event at another place does not do it
PLACES = frozenset(
    {"home", "school", "college", "nursery", "ward", "hospital", "clinic", "office", "placement"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")


@dataclass(frozen=True)
class NoteEvent:
    """One note as an event: what happened (lemmas), who recorded it, when."""

    note: Any  # recordlint.model.Note
    what: frozenset[str]
    who: frozenset[str]  # lower-case words and initials of author, agency and team
    when: dt.datetime | None


@per_vocabulary
def _vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    data = vocabulary.data("actions.yaml")
    return {
        key.lower(): frozenset(w.lower() for w in words)
        for key, words in (data.get("event_words") or {}).items()
    }


def note_events(text) -> list[NoteEvent]:
    """Every note of the case as an event, in date order."""
    events = []
    for note_text in text.notes:
        note = note_text.note
        opening = note_text.sentences[0] if note_text.sentences else None
        words = {w.lower() for w in _WORD.findall(note.kind)}
        if opening is not None:
            # the opening's first words label the note ("HV.", "Home visit - seen alone", "JV
            # with police"); further in, "outcomes met" is not a meeting
            first = {w.lower() for w in _WORD.findall(opening.text)[:3]}
            words |= first | {
                lemma for lemma in opening.lemmas[:3] if lemma in first or len(first) < 3
            }
        for word in list(words):
            words |= _vocabulary().get(word, frozenset())
        events.append(NoteEvent(note, frozenset(words), _recorder(note), note.date))
    return events


def _recorder(note) -> frozenset[str]:
    words: set[str] = set()
    for part in (note.author, note.agency, note.team):
        tokens = re.findall(r"[A-Za-z][A-Za-z'’.-]*", part or "")
        words |= {t.lower().strip(".") for t in tokens}
        # "Farah Siddiqui" and "T Green" both give initials (fs, tg)
        names = [t for t in tokens if t[:1].isupper() and (not t.isupper() or len(t) == 1)]
        if len(names) >= 2:
            words.add("".join(n[0] for n in names).lower())  # Farah Siddiqui: fs
        words |= {t.lower() for t in tokens if t.isupper() and 2 <= len(t) <= 6}
    return frozenset(words)


def owner_recorded(owner: str | None, event: NoteEvent) -> bool:
    """The event was recorded by the action's owner: the same role ("SW"), the same initials
    ("SW (FS)" and Farah Siddiqui), or the same surname ("PC Fordham" and "PC A Fordham")."""
    if not owner:
        return False
    tokens = {t.lower().strip(".") for t in re.findall(r"[A-Za-z][A-Za-z'’.-]*", owner)}
    tokens -= {"to", "and", "the", "mr", "mrs", "ms", "miss", "dr"}
    return bool(tokens & event.who)


def event_does(
    verbs: frozenset[str], objects: frozenset[str], owner: str | None, event: NoteEvent
) -> bool:
    """The event records an action with these verbs, objects and owner as done."""
    if not (verbs & event.what):
        return False
    places = objects & PLACES
    if places and (event.what & PLACES) and not places & event.what:
        return False  # a home visit does not do "visit school"
    return owner_recorded(owner, event) or bool((objects - PLACES) & event.what)
