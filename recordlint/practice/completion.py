"""Whether an action was done: a later sentence that says so, or a later note that is the event.

The plan items and their owners and times are `practice.actions`; this module links an action
to what happened afterwards. A sentence records it when it shares the action's verb (or one
meaning the same, from `rules/vocab/actions.yaml`) and a word of its object, or most of its
object words, or names the owner doing something about the object; a note records it when it
is the event itself, recorded by the owner (`practice.events`).
"""

from __future__ import annotations

import re
from typing import Any

from recordlint.practice.actions import (
    BULLET,
    OWNER,
    PLAN_SECTIONS,
    ROLE_NOUNS,
    Action,
    action_vocabulary,
)
from recordlint.practice.events import event_does, owner_recorded

#: class "a light verb with the event as its object": "do a home visit", "make a referral",
#: "have a session", "carry out the assessment": the object names what will happen
LIGHT_VERBS = frozenset({"do", "make", "have", "carry", "undertake", "hold", "give"})
#: class "a follow-up is done by the owner's next note": "Paed liaison (L Amis) to follow up with
#: MASH and family on Mon 24/02" is done when L Amis next writes
FOLLOW_UP_VERBS = frozenset({"follow", "chase", "liaise"})
#: the events a light verb's object may name
EVENT_NOUNS = frozenset(
    {"visit", "referral", "assessment", "session", "call", "meeting", "check", "review", "decision",
     "appointment", "interview", "screening", "conference", "discussion"}
)  # fmt: skip
_NEGATION = re.compile(
    r"\b(?:no|not|never|nil|none|declined|refused|cancelled|unable)\b|n't\b", re.IGNORECASE
)


def done_by(action: Action, sentences, events=()) -> Any | None:
    """What records the action done: the first later sentence that says so, or a later note
    that is the event itself (`practice.events`: a "Home Visit" by the SW who was to visit);
    None when nothing does.

    A sentence records it when it shares the action's verb (or one meaning the same) and a
    word of its object; or most of its object words; or names the owner doing something about
    the object (class "the owner reporting back": "DC Mand rang: Ryan Coyle arrested" for "DC
    Mand to speak to Ryan Coyle"). A negation elsewhere in the sentence ("GP appt was 16/07,
    no follow up needed") does not undo a clause that records it.
    """
    groups = action_vocabulary()["groups"]
    verbs = groups.get(action.verb or "", frozenset()) | {action.verb}
    objects = action.keys - verbs
    if action.verb in LIGHT_VERBS or action.verb not in groups:
        # a light verb ("do a home visit") or a task with no verb at all ("s47 visit, see T
        # alone", "weekly 1:1 sessions"): its event nouns and any verbs in it name the event
        named = objects & (EVENT_NOUNS | set(groups))
        verbs = verbs | named | {v for word in named for v in groups.get(word, ())}
        objects = objects - named or objects
    names = _owner_names(action.owner)
    for sentence in sentences:
        if not _later(sentence, action.sentence):
            continue
        if "hypothetical" in sentence.marks and not sentence.past & verbs:
            continue  # "to contact school" again; but "test booked for 3 June" was done
        if sentence.section in PLAN_SECTIONS and OWNER.match(BULLET.sub("", sentence.text)):
            continue  # class "a later plan restating the action": "2. Mum to finish the course"
        lemmas = set(sentence.lemmas)
        found = (
            (objects and lemmas & verbs and lemmas & objects)
            or (len(objects) >= 2 and len(lemmas & objects) >= max(2, (len(objects) + 1) // 2))
            or (names and names & _words(sentence.text) and lemmas & (objects - names))
        )
        if found and (
            "negated" not in sentence.marks or _affirmed_clause(sentence, objects | verbs)
        ):
            return sentence
    if action.recurring and names:
        # class "a recurring action shows itself by its owner at work": "ELSA (Mrs Haworth)
        # weekly sessions" is done once a later note names Mrs Haworth or is hers
        for sentence in sentences:
            if _later(sentence, action.sentence) and names & _words(sentence.text):
                return sentence
    set_on = action.set_on
    for event in events:
        if event.note.note_id == action.note.note_id or event.when is None or set_on is None:
            continue
        if event.when >= set_on and event_does(
            frozenset(verbs), frozenset(objects), action.owner, event
        ):
            return event
        if (
            event.when > set_on
            and action.verb in FOLLOW_UP_VERBS
            and owner_recorded(action.owner, event)
        ):
            return event  # class "a follow-up is done by the owner's next note"
    return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", text)}


def _owner_names(owner: str | None) -> set[str]:
    """The owner's own names (not roles or titles): "DC Mand (police)" gives {"mand"},
    "Mentor (Mr Pell)" gives {"pell"}."""
    if not owner:
        return set()
    plain = owner.replace("(", " ").replace(")", " ")
    return {
        w.lower()
        for w in re.findall(r"[A-Z][a-z'’-]+", plain)
        if w.lower() not in action_vocabulary()["owners"]
        and w.lower() not in ROLE_NOUNS
        and w not in {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"}
    }


def _affirmed_clause(sentence, wanted: set[str]) -> bool:
    """A clause of a negated sentence that holds the wanted words and no negation of its own."""
    for clause in re.split(r"[,;:]|\s[-–]\s|\band\b|\bbut\b", sentence.text):
        words = _words(clause)
        if len(words & wanted) >= 1 and not _NEGATION.search(clause):
            return True
    return False


def _later(sentence, than) -> bool:
    if sentence.note.note_id == than.note.note_id:
        return sentence.index > than.index and sentence.section not in PLAN_SECTIONS
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date  # another entry the same day may record it
