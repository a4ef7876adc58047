"""Whether an action was done: a later sentence that says so, or a later note that is the event.

The plan items and their owners and times are `practice.actions`; this module links an action
to what happened afterwards. A sentence records it when it shares the action's verb (or one
meaning the same, from `rules/vocab/actions.yaml`) and a word of its object, or most of its
object words, or names the owner doing something about the object; a note records it when it
is the event itself, recorded by the owner (`practice.events`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from recordlint.practice.action_words import action_vocabulary
from recordlint.practice.actions import BULLET, PLAN_SECTIONS, Action
from recordlint.practice.events import PLACES, event_does, owner_recorded
from recordlint.practice.owners import OWNER, ROLE_NOUNS

#: class "a light verb with the event as its object": "do a home visit", "make a referral",
#: "have a session", "carry out the assessment": the object names what will happen
LIGHT_VERBS = frozenset(
    {"do", "make", "have", "carry", "undertake", "hold", "give", "complete", "conduct"}
)
#: class "a follow-up is done by the owner's next note": "Paed liaison (L Amis) to follow up with
#: MASH and family on Mon 24/02" is done when L Amis next writes
FOLLOW_UP_VERBS = frozenset({"follow", "chase", "liaise"})
#: the events a light verb's object may name
EVENT_NOUNS = frozenset(
    {"visit", "referral", "assessment", "session", "call", "meeting", "check", "review", "decision",
     "appointment", "interview", "screening", "conference", "discussion"}
)  # fmt: skip
#: verbs of getting in touch: done by a note that names whom (or what about)
CONTACT_VERBS = frozenset(
    {"contact", "call", "ring", "phone", "telephone", "speak", "email", "message", "text",
     "liaise", "tell", "inform", "notify"}
)  # fmt: skip
#: an agreement that someone will do something, in a note's prose
_AGREEING = re.compile(r"\bagreed\s+(?:that\s+)?\S+(?:\s+\S+)?\s+(?:to|will|would)\s", re.I)
#: verbs of asking someone for an answer, and the verbs of the answer that records it asked
ASKING_VERBS = frozenset({"ask", "confirm", "check", "request", "query", "seek", "consult"})
ANSWER_VERBS = frozenset(
    {"agree", "say", "confirm", "decline", "refuse", "accept", "reply", "respond", "answer"}
)
#: class "an arrangement is done when the arranged thing is recorded as fixed": "SW to arrange
#: weekly sibling contact" is done by "weekly sibling contact starts Sat 10/05", future tense
#: and all
ARRANGING_VERBS = frozenset({"arrange", "book", "organise", "organize", "schedule", "set"})
#: the words of an item that make it an appointment on a day ("Dr Marsh r/v 27/01", "MW Dunn
#: next appt 18/11", "R to go to dentist 22/10 11:00")
APPOINTMENT_WORDS = frozenset(
    {"r/v", "rv", "review", "appt", "appointment", "revisit", "visit", "see", "attend",
     "clinic", "session", "next", "f/u", "fu", "bloods", "dentist", "optician", "check"}
)  # fmt: skip
#: how long after its day an appointment may be written up and still be the record of it
APPOINTMENT_WINDOW = dt.timedelta(days=14)
#: an intention written in a clause: "will", "to be", "needs to", "if"
_INTENDED = re.compile(
    r"\b(?:will|shall|going\s+to|plan(?:s|ned)?\s+to|intend\w*|needs?\s+to|should|must|would"
    r"|could|if|awaiting|await|tbc|to\s+be|yet\s+to|still\s+to)\b|'ll\b",
    re.IGNORECASE,
)
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
    if not objects:
        # class "the object written as the item's topic": "Swimming lessons - Simran to book
        # by 30/04" is done by "swimming booked at the leisure centre"
        objects = action.topic - verbs
    arranging = bool(verbs & ARRANGING_VERBS)
    names = _owner_names(action.owner)
    # whom an asking action asks: a role ("the host", "school"), never a person named in it
    # ("SW to request GP records for Kelsey" is not answered by "Kelsey says ...")
    askable = objects - names - {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z]*\b", action.text)}
    for sentence in sentences:
        if not _later(sentence, action.sentence):
            continue
        if (
            "hypothetical" in sentence.marks
            and not sentence.past & verbs
            and not _actual_clause(sentence, objects | verbs, verbs, arranging)
        ):
            continue  # "to contact school" again; but "test booked for 3 June" was done
        if (sentence.section in PLAN_SECTIONS or BULLET.match(sentence.text)) and OWNER.match(
            BULLET.sub("", sentence.text)
        ):
            # class "a later plan restating the action": "2. Mum to finish the course", also
            # where no heading makes it a plan ("2. DM to ask Mary to help with mediation")
            continue
        if "hypothetical" in sentence.marks and _AGREEING.search(sentence.text):
            continue  # class "another agreement is not a record": "agreed OB to refer J ..."
        lemmas = set(sentence.lemmas) | _initialism_words(sentence, action)
        if _QUOTE.search(sentence.text):
            # class "someone's own words are not the record of the action": "Tyler said 'the
            # phone got taken off me by the police'" is not a police report got
            lemmas &= _stems(_words(_QUOTE.sub(" ", sentence.text))) | set(
                lemma for lemma in lemmas if lemma not in _stems(_quoted_words(sentence.text))
            )
        found = (
            (objects and lemmas & verbs and lemmas & objects)
            or _most_objects(objects, lemmas)
            or (arranging and _fixed(objects, lemmas, sentence))
            or (names and names & _words(sentence.text) and lemmas & (objects - names))
            # class "the owner reports a task that has no object": "CPN Mbah to visit again
            # 19/09" is done by "Email CPN Mbah: visit 19/09 done"
            or (names and not objects and names & _words(sentence.text) and lemmas & verbs)
            # class "a clipped form of the task's verb": "GP reg done" for "SW to register R
            # with a GP", "dentist appt booked", "CAMHS ref sent"
            or (objects and lemmas & objects and _clipped(verbs, lemmas))
            # class "an asking action is done by the answer of the one asked": "PA to confirm
            # with the host" and "Host agreed Staying Close"; "SW to ask school" and "school
            # said no concerns"
            or (verbs & ASKING_VERBS and lemmas & askable and lemmas & ANSWER_VERBS)
        )
        negated = "negated" in sentence.marks or _NEGATION.search(sentence.text)
        if found and (not negated or _affirmed_clause(sentence, objects | verbs)):
            return sentence
    if action.recurring and names:
        # class "a recurring action shows itself by its owner at work": "ELSA (Mrs Haworth)
        # weekly sessions" is done once a later note names Mrs Haworth or is hers
        for sentence in sentences:
            if _later(sentence, action.sentence) and names & _words(sentence.text):
                return sentence
    standing = _a_standing_arrangement_kept(action, objects, verbs, sentences)
    if standing is not None:
        return standing
    numbered = _by_its_number(action, sentences)
    if numbered is not None:
        return numbered
    reported = _reported_with_its_day(action, objects, verbs, sentences)
    if reported is not None:
        return reported
    on_the_day = _on_its_day(action, objects, verbs, sentences, events)
    if on_the_day is not None:
        return on_the_day
    set_on = action.set_on
    for event in events:
        if event.note.note_id == action.note.note_id or event.when is None or set_on is None:
            continue
        if (
            event.when >= set_on
            and (action.verb not in CONTACT_VERBS or _names_its_object(event, objects, sentences))
            and (
                event_does(frozenset(verbs), frozenset(objects), action.owner, event)
                # class "a task with no object is done by the event it names": "SW - visit by
                # 05/06" and a "Home visit" note
                or (not objects and bool(verbs & event.what))
            )
            and not _says_not_done(event.note, set(action.keys) | set(objects), sentences)
        ):
            return event  # class "a note that says it did not happen is not the event"
        if (
            event.when > set_on
            and action.verb in FOLLOW_UP_VERBS
            and owner_recorded(action.owner, event)
        ):
            return event  # class "a follow-up is done by the owner's next note"
    return None


#: how long after its due day an action reported done with its own day is still this action
REPORT_WINDOW = dt.timedelta(days=14)


def _a_standing_arrangement_kept(action: Action, objects: set[str], verbs: set[str], sentences):
    """Class "a standing arrangement is kept, not completed": "DSL to do a daily check-in with D
    until 30/09", "mum to praise 3 brave behaviours a day till 31/01", "mentor weekly from
    11/02 to Easter". Something that recurs or runs until a day has no moment of completion;
    it is done when any later note while it runs (or soon after its end) records a piece of
    it: its verb or a word of its object, not negated."""
    runs = action.recurring or any(t.role == "until" for t in action.times)
    due, set_on = action.due, action.set_on
    if not runs or set_on is None:
        return None
    end = (due or set_on.date()) + REPORT_WINDOW
    # its words as written too, hyphens split: a "check-in" is recorded as "check-ins done"
    written = {w for w in re.split(r"[^a-z]+", action.text.lower()) if len(w) >= 4}
    wanted = (set(objects) | set(verbs) | _stems(written)) - _NOT_THE_ARRANGEMENT
    wanted -= _owner_words(action)  # who keeps it, not what it is
    if not wanted:
        return None
    for sentence in sentences:
        date = sentence.note.date
        if not _later(sentence, action.sentence) or date is None or date.date() > end:
            continue
        if sentence.section in PLAN_SECTIONS or "hypothetical" in sentence.marks:
            continue
        said = set(sentence.lemmas) | _stems(_words(sentence.text))
        if said & wanted and not ("negated" in sentence.marks or _NEGATION.search(sentence.text)):
            return sentence
    return None


def _reported_with_its_day(action: Action, objects: set[str], verbs: set[str], sentences):
    """Class "done, reported with the day it happened": "Mia saw CAMHS on Thursday 09/05" for
    "CAMHS (Jess Lane) - assessment with Mia - 09/05", "Ben did the home visit 10/05" for "SW -
    home visit with both parents - by 10/05". A later sentence that dates a past event between
    the day the action was set and a fortnight after its due day, and names its verb, a word of
    its object that is not a person's name, or its owner, records it done. The time layer links
    them, not the wording alone."""
    due, set_on = action.due, action.set_on
    if due is None or set_on is None:
        return None
    # names and initials (a person's, "LM", or an agency's, "GP") are too common to link by
    names = {w.lower() for w in re.findall(r"\b[A-Z][A-Za-z]+\b", action.text)}
    things = set(objects) - names - PLACES_AND_TIMES
    if action.verb and action.verb not in action_vocabulary()["groups"]:
        things.add(action.verb)  # a task written as a noun phrase: "home visit", "tenancy check"
    owner = _owner_names(action.owner) | {
        w.lower() for w in re.findall(r"\b[A-Z]{2,6}\b", action.owner or "")
    }
    wanted = things | verbs
    for sentence in sentences:
        date = sentence.note.date
        if date is None or sentence.note.note_id == action.note.note_id or date < set_on:
            continue
        if sentence.section in PLAN_SECTIONS or "hypothetical" in sentence.marks:
            continue
        days = [t.day for t in sentence.times if t.kind in ("date", "datetime", "relative")]
        if not any(d and set_on.date() <= d <= min(date.date(), due + REPORT_WINDOW) for d in days):
            continue
        lemmas = set(sentence.lemmas)
        if not (lemmas & things or (lemmas & verbs and owner & _words(sentence.text))):
            continue  # a word of its object, or its verb with its owner named
        if not _affirmed_clause(sentence, wanted):
            continue
        if "negated" in sentence.marks or _NEGATION.search(sentence.text):
            continue
        return sentence
    return None


#: words of an item that say where or when, not what
PLACES_AND_TIMES = PLACES | frozenset(
    {"today", "tomorrow", "week", "weekly", "day", "am", "pm", "mon", "tue", "wed", "thu", "fri"}
)  # fmt: skip

#: words of an arrangement that say nothing of what it is
_NOT_THE_ARRANGEMENT = PLACES_AND_TIMES | frozenset(
    {"daily", "nightly", "weekly", "fortnightly", "monthly", "until", "till", "from", "with",
     "each", "every", "review", "school", "home", "this", "that", "next", "then", "session",
     "sessions", "week", "weeks", "days", "month"}
)  # fmt: skip


def _fixed(objects: set[str], lemmas: set[str], sentence) -> bool:
    """Class "an arrangement is done when the arranged thing is recorded as fixed": every thing
    it was to arrange named with a day or a frequency ("contact with nan starts Sun 30/03")."""
    things = objects - action_vocabulary()["owners"]
    return (
        bool(things)
        and things <= lemmas
        and any(t.dated or t.kind == "frequency" for t in sentence.times)
    )


#: a quotation in any of the quote marks notes use
#: (several words: a quoted name, "Jace", is a name, not speech)
_QUOTE = re.compile(
    r"\"[^\"]*\w\s+\w[^\"]*\"|“[^”]*\w\s+\w[^”]*”|(?<!\w)'[^']*\w\s+\w[^']*'(?!\w)|‘[^’]*\w\s+\w[^’]*’"
)


def _quoted_words(text: str) -> set[str]:
    return {w for match in _QUOTE.finditer(text) for w in _words(match.group(0))}


def _owner_words(action: Action) -> set[str]:
    """The owner's words, lower case: they name who keeps an arrangement, not what it is."""
    return _stems({w.lower() for w in re.findall(r"[A-Za-z]+", action.owner or "")}) | set(
        action_vocabulary()["owners"]
    )


def _clipped(verbs: set[str], lemmas: set[str]) -> bool:
    """A word of the sentence that is the start of one of the verbs, as shorthand clips them
    ("reg" for register, "assess" for assessment is a verb's own lemma already)."""
    return any(
        len(lemma) >= 3 and len(verb) >= len(lemma) + 2 and verb.startswith(lemma)
        for lemma in lemmas
        for verb in verbs
    )


def _most_objects(objects: set[str], lemmas: set[str]) -> bool:
    """Most of the task's object words, people aside: "an attendance meeting with mum" is not
    done by a letter to mum about attendance (class "the people an action names are not what
    it is about")."""
    things = objects - action_vocabulary()["owners"]
    return len(things) >= 2 and len(lemmas & things) >= max(2, (len(things) + 1) // 2)


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _tokens(text: str) -> set[str]:
    """Its words and its clinical shorthand with a slash ("r/v", "f/u")."""
    return _words(text) | set(re.findall(r"[a-z][a-z/]*", text.lower()))


def _owner_names(owner: str | None) -> set[str]:
    """The owner's own names (not roles or titles): "DC Mand (police)" gives {"mand"},
    "Mentor (Mr Pell)" gives {"pell"}; and a worker's initials, which name one person as a
    name does (class "the owner by initials reporting back": "RJ to see R alone by Weds" is
    done by "RJ saw R alone at school today")."""
    if not owner:
        return set()
    plain = owner.replace("(", " ").replace(")", " ")
    names = {
        w.lower()
        for w in re.findall(r"[A-Z][a-z'’-]+", plain)
        if w.lower() not in action_vocabulary()["owners"]
        and w.lower() not in ROLE_NOUNS
        and w not in {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"}
    }
    initials = {
        w.lower()
        for w in re.findall(r"\b[A-Z]{2,3}\b", plain)
        if w.lower() not in action_vocabulary()["owners"] and w.lower() not in ROLE_NOUNS
    }
    return names | initials


def _clauses(text: str) -> list[str]:
    return re.split(r"[,;:]|\s[-–]\s|\band\b|\bbut\b|(?<=[a-z])\.\s", text)


def _actual_clause(sentence, wanted: set[str], verbs: set[str], arranging: bool) -> bool:
    """A clause of a sentence marked hypothetical that holds the wanted words and says they
    happened: with no intention or negation of its own, and not the action's verb in the
    infinitive ("to contact school"). For an arrangement the arranged thing in the future is
    the record ("contact starts Sat 10/05")."""
    for clause in _clauses(sentence.text):
        words, wanted_stems = _stems(_words(clause)), _stems(wanted)
        if len(words & wanted_stems) < 2 and not words & _stems(verbs):
            continue
        intended = _INTENDED.search(clause)
        if (
            intended
            and arranging
            and re.fullmatch(r"will|shall|going\s+to|'ll", intended.group(0), re.I)
        ):
            intended = None  # "tutoring will run Wednesdays from 02/04" is the arrangement
        if _NEGATION.search(clause) or intended:
            continue
        if re.search(r"\bto\s+(?:\w+\s+)?(?:" + "|".join(map(re.escape, verbs)) + r")\b", clause):
            continue
        return True
    return False


def _initialism_words(sentence, action: Action) -> set[str]:
    """Class "written out in one, in initials in the other": "review health assessment" and
    "RHA", "return home interview" and "RHI". For an initialism in capitals on one side, the
    words it stands for on the other, so both count as the same object."""
    found: set[str] = set()
    action_words = [w.lower() for w in _WORD.findall(action.text)]
    for initials in _capitals(sentence.text):
        found |= set(_run_spelling(action_words, initials) or ())
    for initials in _capitals(action.text):
        if _run_spelling(list(sentence.lemmas), initials):
            found.add(initials)
    return found


def _capitals(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z]{3,4}s?\b", text)} - {"and", "the"}


def _run_spelling(words: list[str], initials: str) -> list[str] | None:
    """The run of consecutive words whose first letters spell `initials` ("rha")."""
    initials = initials.rstrip("s") if len(initials) > 3 else initials
    size = len(initials)
    for i in range(len(words) - size + 1):
        run = words[i : i + size]
        if "".join(w[0] for w in run) == initials:
            return run
    return None


def _on_its_day(action: Action, objects: set[str], verbs: set[str], sentences, events):
    """Class "an appointment is done by the note of its day": an item for a day ("Dr Marsh
    r/v 27/01", "MW Dunn next appt 18/11", "R to go to dentist 22/10 11:00 with Shanice") is
    done by the owner's note written on that day or up to two weeks after, or by a note of
    those days naming what it was for ("Dentist with R 11:00")."""
    due = action.due
    words = (
        set(action.keys)
        | _words(action.text)
        | set(re.findall(r"[a-z][a-z/]*", action.text.lower()))
    )
    if due is None or action.set_on is None:
        return None
    if not words & APPOINTMENT_WORDS and not _owner_and_day_only(action):
        return None
    if any(t.role == "due" and t.dated for t in action.times):
        return None  # a task due by a day is done by what a note says (`done_by`), not its day
    first, last = due - dt.timedelta(days=2), due + APPOINTMENT_WINDOW
    for event in events:
        when = event.when.date() if event.when else None
        if when is None or not first <= when <= last or event.note.note_id == action.note.note_id:
            continue
        if (
            owner_recorded(action.owner, event)
            and _names_the_owner(action.owner)
            and not _says_not_done(event.note, words, sentences)
        ):
            return event
    named = objects - PLACES_AND_TIMES - APPOINTMENT_WORDS
    for sentence in sentences:
        date = sentence.note.date
        if date is None or sentence.note.note_id == action.note.note_id:
            continue
        if first <= date.date() <= last and named & set(sentence.lemmas):
            if sentence.section in PLAN_SECTIONS or not _affirmed_clause(sentence, named):
                continue
            return sentence
    return None


#: class "a plan item named by its number": "Action 4 - Spectrum referral sent", "iPad
#: downloaded 28/05 (action 1 done)"
#: (class "items named by a range of numbers": "MARAC actions 1-3 done", "actions 2 to 4
#: completed")
_ACTION_NUMBER = re.compile(
    r"\bactions?\s*(?:no\.?\s*)?(\d{1,2})(?:\s*(?:-|–|to)\s*(\d{1,2}))?\b", re.IGNORECASE
)
_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})[.)]\s")


def _by_its_number(action: Action, sentences):
    """A later note that names the item by its number and says it was done, in the clause
    naming it."""
    number = _ITEM_NUMBER.match(action.sentence.text)
    if number is None:
        return None
    for sentence in sentences:
        if sentence.note.note_id == action.note.note_id or not _later(sentence, action.sentence):
            continue
        if sentence.section in PLAN_SECTIONS:
            continue
        for match in _ACTION_NUMBER.finditer(sentence.text):
            low, high = int(match.group(1)), int(match.group(2) or match.group(1))
            if not low <= int(number.group(1)) <= high:
                continue
            clause = sentence.text[match.start() : match.start() + 120]
            clause = re.split(r";|\.\s|\baction\s*\d", clause[match.end() - match.start() :])[0]
            if not _NEGATION.search(clause) and not _INTENDED.search(clause):
                return sentence
    return None


def _names_its_object(event, objects: set[str], sentences) -> bool:
    """Class "the owner's note about someone else is not the action": "T Bayliss to contact the
    head of year (Ms Rhodes)" is not done by T Bayliss's note that mum rang. An action with a
    thing or a person as its object needs the note to name one of them; one whose object is
    only a place ("visit home") does not."""
    things = objects - PLACES_AND_TIMES - action_vocabulary()["owners"]
    if not things:
        return True
    said: set[str] = set()
    for sentence in sentences:
        if sentence.note.note_id == event.note.note_id:
            said |= set(sentence.lemmas) | _stems(_words(sentence.text))
    return bool(things & said)


def _says_not_done(note, words: set[str], sentences) -> bool:
    """The note says, in a clause naming the action, that it did not happen ("RHI not
    completed - no answer", "did not attend")."""
    for sentence in sentences:
        if sentence.note.note_id != note.note_id:
            continue
        for clause in _clauses(sentence.text):
            said = _tokens(clause)
            if said & words and (_NEGATION.search(clause) or _DID_NOT_HAPPEN.search(clause)):
                return True
    return False


#: an appointment that did not happen, in the words appointments use
_DID_NOT_HAPPEN = re.compile(
    r"\b(?:dna|did\s+not\s+attend|was\s+not\s+brought|wnb|no\s+answer|no\s+access|rearranged"
    r"|re-?booked|postponed|cancell?ed)\b",
    re.IGNORECASE,
)


def _owner_and_day_only(action: Action) -> bool:
    """Class "an owner and a day is an appointment": "MW Adair 15/04", "MW Dunn 19/05"."""
    rest = action.text
    for part in [action.owner or "", *(t.text for t in action.times)]:
        rest = rest.replace(part, " ") if part else rest
    rest = re.sub(r"\([^)]*\)", " ", rest)
    return bool(action.owner) and len(re.findall(r"[A-Za-z]{2,}", rest)) <= 1


def _names_the_owner(owner: str | None) -> bool:
    """An owner named as a person ("Dr Marsh", "MW Dunn", "CPN Mbah"), not a role alone: a
    role's note on the day ("SW") may be about anything."""
    return bool(_owner_names(owner))


def _affirmed_clause(sentence, wanted: set[str]) -> bool:
    """A clause of a negated sentence that holds the wanted words and no negation of its own."""
    wanted = _stems(wanted)
    parts = re.split(r"([,;:]|\s[-–]\s|\band\b|\bbut\b)", sentence.text)
    for at in range(0, len(parts), 2):
        clause = parts[at]
        words = _stems(_words(clause))
        if len(words & wanted) < 1 or _NEGATION.search(clause):
            continue
        # class "a label and its status": "GP records: not yet requested", "GP appt - not
        # done yet"; the status after a colon or a dash is the clause's own
        joiner = parts[at + 1] if at + 1 < len(parts) else ""
        status = parts[at + 2] if at + 2 < len(parts) else ""
        if joiner.strip() in (":", "-", "–") and _NEGATED_STATUS.match(status):
            continue
        return True
    return False


_NEGATED_STATUS = re.compile(
    r"\s*(?:not|no|never|nil|none|outstanding|still\s+(?:outstanding|to\s+(?:do|be))|awaited"
    r"|pending|tbc)\b",
    re.IGNORECASE,
)


def _stems(words: set[str]) -> set[str]:
    """Words with an inflection taken off ("phoned", "phones" and "phone" alike), for comparing
    a clause's words, which are not lemmatised, with lemmas."""
    stems = set(words)
    for word in words:
        base = re.sub(r"(?<=\w{3})(?:ing|ed|es|s|d)$", "", word)
        stems |= {base, base + "e"}
    return stems


def _later(sentence, than) -> bool:
    if sentence.note.note_id == than.note.note_id:
        return sentence.index > than.index and sentence.section not in PLAN_SECTIONS
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date  # another entry the same day may record it
