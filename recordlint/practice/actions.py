"""Actions in plans: who is to do what by when, and whether a later note records it done.

An action is an item of a plan, actions or next-steps section (a bullet, a numbered item, or a
";"-separated part of "Plan: ...") naming an owner ("SW Okafor to complete the assessment",
"Mum to attend the GP") or a timescale. Its timescale is every time expression the time layer
(`recordlint.nlp.timex`) found in it, and its due day comes from their roles: a deadline ("by Fri
13/09", "within 5 working days"), the day it is for ("review 31/03"), or the end of something
that runs ("until the review on 10/10", "from 15/09 for 8 weeks"); an action that starts and
runs with no end ("weekly from 15/09") is never overdue. Without any date it is due a
configured number of working days after it was set. An item that records itself done
("completed today") is done; whether any other was done is `practice.completion`'s question.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from recordlint.nlp.timex import WEEKDAY, after_period
from recordlint.practice.action_words import action_vocabulary
from recordlint.practice.owners import (
    CONTINUING_VERBS,
    OWNER,
    STILL_TO_DO,
    TOPIC,
    first_word,
    is_owner,
    one_owner,
    owner_and_task,
)
from recordlint.worktime import add_working_days

PLAN_SECTIONS = {"plan", "actions"}
BULLET = re.compile(r"^\s*(?:[-*•·–>+]|\d{1,2}[.)]|\d{1,2}(?=\s+[A-Za-z])|[a-z][.)])\s*")


@dataclass(frozen=True)
class Action:
    text: str  # the item as written
    owner: str | None
    sentence: Any  # recordlint.nlp.query.Sentence
    keys: frozenset[str]  # content lemmas of the task
    verb: str | None
    #: the item's time expressions (recordlint.nlp.timex), read by the time layer
    times: tuple[Any, ...] = ()
    #: the item records itself done ("flag placed (completed today)", "referral sent")
    done_when_set: bool = False
    #: content lemmas of the item's topic heading and other words outside the task
    #: ("Swimming lessons - Simran to book by 30/04": swim, lesson), the object of a task
    #: written as a bare verb
    topic: frozenset[str] = frozenset()
    #: class "a condition governs the parts of its item after it": "if Ruby goes missing again
    #: mum to report it; Missing Service to do the RHI within 72 hrs"
    condition: str | None = None

    @property
    def note(self):
        return self.sentence.note

    @property
    def set_on(self) -> dt.datetime | None:
        return self.sentence.note.date

    @property
    def timescale(self) -> str | None:
        """The words that time the item: any date, time, period, frequency or occasion, or the
        event that triggers a contingency ("call 999 if he turns up")."""
        return ", ".join(t.text for t in self.times) or self.trigger

    @property
    def trigger(self) -> str | None:
        """Class "a contingency timed by its trigger": "Chelsea to call 999 if Jordan turns up",
        "if the wetting carries on after the review the GP may refer"; "if needed" and "as
        required" time nothing."""
        match = _TRIGGER.search(self.text)
        return match.group(0) if match else self.condition

    @property
    def due_text(self) -> str | None:
        return self.timescale

    @property
    def due(self) -> dt.date | None:
        """The day it is due: a deadline ("by Fri 13/09", "within 5 working days"), else the
        day it is for ("review 31/03"); the end of an action that runs ("until the review on
        10/10", "from 15/09 for 8 weeks"); None when it has no such day."""
        dated = [t for t in self.times if t.dated and t.text.lower() not in _RESPONSE_TIMES]
        if self.trigger is not None:
            # "within 5 working days of notice": the period runs from the trigger
            # and a date in passing ("none at RHI 28/05") is no deadline; "by 30/04" still is
            dated = [t for t in dated if not re.match(r"(?:within|in)\b", t.text, re.I)
                     and t.kind not in ("duration", "relative")
                     and t.role in ("due", "until")]  # fmt: skip
        if any(t.role == "from" for t in dated):
            # class "the slot of a series is not its due day": "6 sessions, Tues 14:00 from
            # 13/02", "Weds after school, starting 05/03": a bare weekday beside a start says
            # when each session falls
            dated = [t for t in dated if not (t.role == "at" and _BARE_WEEKDAY.fullmatch(t.text))]
        for roles in (("due",), ("until",), ("at",)):
            chosen = [t for t in dated if t.role in roles]
            if chosen:
                return chosen[0].day
        starts = [t for t in dated if t.role == "from"]
        lengths = [t for t in self.times if t.kind == "duration" and t.role == "for"]
        if starts and lengths:
            return after_period(starts[0].day, lengths[0].value)
        return None

    @property
    def ongoing(self) -> bool:
        """An action that runs from a start with no end ("weekly sessions from 15/09",
        "starting 24/04"), carries on what already happens ("continue fortnightly CBT"), or
        stands ready for an event ("tell SW the same day if Tony makes contact"): not overdue
        while it runs."""
        if self.due is not None:
            return False
        return (
            any(t.role == "from" and t.dated for t in self.times)
            or self.verb in CONTINUING_VERBS
            or self.trigger is not None
            or self.recurring  # class "a standing arrangement": "Contact - mum fortnightly"
        )

    def evidence(self, trigger: str):
        """The sentence it sits in, with the item itself as the highlighted span."""
        from recordlint.model import Evidence

        sentence = self.sentence
        start = sentence.text.find(self.text)
        return Evidence(
            source=str(sentence.note.source) if sentence.note.source else "",
            note_id=sentence.note.note_id,
            date=sentence.note.date,
            agency=sentence.note.agency or None,
            quote=sentence.text,
            span=(start, start + len(self.text)) if start >= 0 else None,
            trigger=trigger,
        )

    @property
    def recurring(self) -> bool:
        """It happens again and again ("weekly sessions until the RCPC", "daily check-in")."""
        return any(t.kind == "frequency" for t in self.times)

    def deadline(self, default_days: int) -> dt.date | None:
        """When it must be done by: its due day, or `default_days` working days after it was
        set; None for an action that runs with no end, carries on what already happens, or has
        no date to count from. A recurring action with an end ("weekly sessions until the RCPC
        12/03") is judged at its end, by whether any of it is recorded."""
        if self.verb in CONTINUING_VERBS:
            return None
        if self.due is not None:
            return self.due
        if self.ongoing:
            return None
        return add_working_days(self.set_on, default_days) if self.set_on else None


_BARE_WEEKDAY = re.compile(rf"(?:on\s+)?{WEEKDAY}\.?", re.IGNORECASE)

#: class "a response time, not a deadline": "tell SW immediately of any breach", "the same day"
_RESPONSE_TIMES = {"immediately", "same day", "as soon as possible", "asap"}


def plan_items(text) -> list[Action]:
    """Every item of every plan, actions or next-steps section, with or without an owner and a
    timescale (PLN001 judges them all).

    An item is a bullet, a numbered item or a ";"-separated part of one. Three kinds of line in
    a plan are not items of their own: the writer's sign-off ("TE", "Jo Briggs (FSW)"); a line
    the page wrapped, which starts in lower case with no bullet and continues the item above
    ("programme (child to parent violence), 8 weeks starting 27/02"); and a ";" clause with no
    owner or timescale of its own after one that has an owner, which says more about it
    ("SW to refer to mediation by 14/02; sessions to include faith and independence").
    """
    found: list[Action] = []
    for note in text.notes:
        previous: Action | None = None
        listed = _listed_blocks(note.sentences)
        for sentence in note.sentences:
            if sentence.section not in PLAN_SECTIONS:
                previous = None
                continue
            if previous is not None and _continues(sentence.text) and not previous.done_when_set:
                # (a line under an item done already is an item of its own: "Plan: rx sent to
                # Boots.\nmonitor mood")
                found[-1] = previous = _joined(previous, sentence.text, sentence.times)
                continue
            if listed.get(sentence.index) and not BULLET.match(sentence.text):
                # class "prose around a plan's list": where a plan lists its items with
                # bullets or numbers, a sentence without one is the writer's prose ("A copy
                # of this letter goes to parents.", "Session 7 after the meeting.")
                previous = None
                continue
            condition = None
            for piece, offset in _pieces(sentence):
                action = _action(piece, offset, sentence)
                trigger = _TRIGGER.search(piece)
                if action is not None and condition and not trigger:
                    action = replace(action, condition=condition)
                condition = trigger.group(0) if trigger else condition
                if action is None:
                    continue
                if previous is not None and (
                    _elaborates(action, previous, sentence) or _dates(action, previous, sentence)
                ):
                    found[-1] = previous = _joined(previous, action.text, action.times)
                    continue
                found.append(action)
                previous = action
    return found


def _listed_blocks(sentences) -> dict[int, bool]:
    """For each plan sentence, whether its run of plan sentences lists items with bullets or
    numbers (two or more of them)."""
    listed: dict[int, bool] = {}
    run: list[int] = []
    bullets = 0
    for sentence in [*sentences, None]:
        if sentence is not None and sentence.section in PLAN_SECTIONS:
            run.append(sentence.index)
            bullets += bool(BULLET.match(sentence.text))
            continue
        for index in run:
            listed[index] = bullets >= 2
        run, bullets = [], 0
    return listed


def actions_in(text) -> list[Action]:
    """Plan items with an owner or a timescale, and actions agreed in the prose of a note: the
    actions ACT001 follows up (an item with neither is PLN001's concern)."""
    planned = [a for a in plan_items(text) if a.owner is not None or a.times]
    seen = {(a.note.note_id, " ".join(a.text.lower().split())) for a in planned}
    agreed = [
        a
        for a in agreed_in_prose(text)
        if (a.note.note_id, " ".join(a.text.lower().split())) not in seen
    ]
    return planned + agreed


#: class "an action agreed in the prose of a note": "agreed OB to refer J to the school nurse
#: drop-in by 16/05", "D agreed HP will refer them to the college nurse", "it was agreed that
#: dad will take her to the GP"; the agreement names an owner and what they will do
_AGREED = re.compile(
    r"\bagreed(?:\s+with\s+[\w'’ ]{1,30}?)?\s+(?:that\s+)?(?=[A-Za-z])", re.IGNORECASE
)
#: the end of the agreed action: the sentence's end, a ";" or a new clause after a comma
_AGREED_END = re.compile(r";|,\s+(?:and\s+|but\s+|as\s+|so\s+|which\s+|(?-i:[A-Z]))|\s+-\s+|$")


def agreed_in_prose(text) -> list[Action]:
    """Actions agreed in a note's narrative, outside any plan section (`_AGREED`): kept only
    when the agreement names an owner (a person, role or agency) and a task to do."""
    found: list[Action] = []
    for note in text.notes:
        for sentence in note.sentences:
            if sentence.section in PLAN_SECTIONS or "quoted" in sentence.marks:
                continue
            for match in _AGREED.finditer(sentence.text):
                rest = sentence.text[match.end() :]
                owned = OWNER.match(rest) or _WILL.match(rest)
                if not owned or not _named_owner(owned.group("owner")):
                    continue
                piece = rest[: _AGREED_END.search(rest).start()]
                action = _action(piece, sentence.start + match.end(), sentence)
                if action is not None and action.owner is not None and not action.done_when_set:
                    found.append(action)
    return found


def _named_owner(owner: str) -> bool:
    """An owner in prose is a name, initials or a role word, never a phrase with a verb in it
    ("agreed I need to share this", "agreed Ahmed moves to his cousin's")."""
    plain = re.sub(r"\([^)]*\)", " ", owner).split()
    words = [w for w in plain if w.lower() not in ("the", "a", "an", "and", "+", "&", "/")]
    if not words or not is_owner(owner):
        return False
    owners = action_vocabulary()["owners"]
    return owner.lower() in owners or all(w[:1].isupper() for w in words)


#: an owner and "will" or "would": "HP will refer them", "dad would take her"
_WILL = re.compile(r"(?P<owner>[A-Z][\w'’()/&. -]{0,40}?|mum|dad|[a-z]+)\s+(?:will|would)\s+\w")


#: a line a page wrapped: no bullet or number, starts in lower case
_CONTINUATION = re.compile(r"^[a-z(]")
#: the writer's initials or name at the foot of a plan ("TE", "J.B.", "Jo Briggs (FSW)")
_SIGN_OFF = re.compile(
    r"^(?:[A-Z]{2,4}|(?:[A-Z]\.\s?){2,3}|(?:[A-Z][a-z'’-]+\s+){1,2}[A-Z][a-z'’-]+"
    r"(?:\s*[,(]\s*[A-Za-z /]+\)?)?|(?:signed|sig)\b.*)$"
)
#: an item written after the fact: "(completed today)", "referral sent to CAMHS", "- done"
_SELF_DONE = re.compile(
    r"\((?:[^)]*\b(?:completed|done|booked|sent|made|actioned|in place|arranged)\b[^)]*)\)"
    r"|\s[-–]\s*(?:done|completed|booked|sent|actioned)\b|[✓✔]"
    r"|^(?:[\w'’()/&-]+\s+){0,4}(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?"
    r"(?:placed|sent|made|booked|completed|done|shared|arranged|submitted|actioned|held|rec'?d"
    r"|received|attended|closed|finished|started|opened|updated|agreed(?!\s+to\b))\b"
    # class "written after the fact, today": "Dr Marsh gave Papyrus HOPELINE today", "POP
    # started - rx today", "entitlements explained by PA today", "condoms given today"
    r"|\b(?:gave|given|taken|started|explained|issued|prescribed|rx'?d?|signposted|provided|offered"
    r"|discussed|done|completed|sent|made|booked|shared|advised)\b[^;]*\btoday\b"
    # class "a state reached, not a task": "SW aware", "school informed", "GP notified"
    r"|^[\w'’()./ -]{1,30}?\s(?:made\s+)?(?:aware|informed|notified|updated)\s*$",
    re.IGNORECASE,
)
_TRIGGER = re.compile(
    r"\b(?:if|when|whenever|should|in case|in the event that|as soon as)\s+(?!(?:needed|necessary|"
    r"required|appropriate|possible|able|wanted|helpful|applicable)\b)[a-z]+(?:['’]s)?\s+\w+[^,;]*"
    # class "a period counted from an event, not from the note": "within 24 hrs of any further
    # missing episode", "within 5 working days of notice"
    r"|\bwithin\s+[\w ]{1,25}?\s+of\s+(?:any|each|every|a|an|the|their|his|her|notice)\b[^,;]*"
    # class "timed by someone's return": "MRS to do the RHI on D's return", "on discharge"
    r"|\b(?:on|upon|after)\s+(?:(?:[A-Z]\w*|his|her|their)['’]?s?\s+)?(?:return|discharge|release"
    r"|arrival)\b",
    re.IGNORECASE,
)
#: class "booked for a day": "assessment with RN Holt booked Thu 23/10 10:00" is arranged
_BOOKED = re.compile(r"\b(?:booked|arranged|confirmed)\s+(?:for\s+|on\s+)?(?=[^;]{0,12}\d)", re.I)


def _pieces(sentence) -> list[tuple[str, int]]:
    """The ";"-separated parts of a sentence, each with its offset in the note."""
    pieces, at = [], 0
    for part in re.split(r"(;\s*)", sentence.text):
        if part and not re.fullmatch(r";\s*", part):
            pieces.append((part, sentence.start + at))
        at += len(part)
    return pieces


def _continues(line: str) -> bool:
    return bool(_CONTINUATION.match(line)) and not BULLET.match(line)


def _elaborates(action: Action, previous: Action, sentence) -> bool:
    return (
        action.owner is None
        and not action.times
        and previous.owner is not None
        and previous.sentence is sentence
    )


def _dates(action: Action, previous: Action, sentence) -> bool:
    """Class "a fact after ';' gives the item its day": "IDVA - support Grace with the
    application; hearing listed 27/02", "SW to prepare mum; panel set for 03/12"."""
    return (
        action.done_when_set
        and bool(action.times)
        and not previous.times
        and previous.sentence is sentence
        and action.owner is None
    )


def _joined(action: Action, more: str, times: tuple[Any, ...]) -> Action:
    return replace(action, text=f"{action.text}; {more.strip().rstrip('.')}",
                   times=action.times + tuple(times))  # fmt: skip


def _action(piece: str, offset: int, sentence) -> Action | None:
    bullet = BULLET.match(piece)
    skipped = bullet.end() if bullet else 0
    item = piece[skipped:].strip().rstrip(".")
    skipped += len(piece[skipped:]) - len(piece[skipped:].lstrip())
    if not item or item.endswith(":") or not re.search(r"[A-Za-z]{2}", item):
        return None
    if _SIGN_OFF.match(item) and not re.search(r"\bto\b|\d", item):
        return None
    if item.endswith(")") and "(" not in item:
        return None  # the tail of a bracket split at ";": "(if he calls; mum to call 999)"
    start = offset + skipped
    times = sentence.times_in(start, start + len(item) + 1)
    if _not_an_item(item, times):
        return None
    owner, task = owner_and_task(" ".join(item.split()))  # a wrapped line is one item
    done = bool(_SELF_DONE.search(item) or _BOOKED.search(item)) and not STILL_TO_DO.search(item)
    to_do = OWNER.match(" ".join(item.split()))
    if (
        to_do
        and is_owner(to_do.group("owner"))
        and not re.search(r"\([^)]*\)|\s[-–]\s*\w+$|[✓✔]", item)
    ):
        done = False  # "SW to send the referral" is still to do
    elif not done:
        done = _past_statement(item, sentence)
    ignore = action_vocabulary()["ignore"]
    # class "the words of its time are not its object": "Fri" in "by Fri 28/11"
    # (class "the occasion as the item's subject": "next review to be held by Fri 22/03",
    # "CIN meeting to be arranged by 12/05": the review is what is to happen)
    timed = _content_lemmas(
        sentence,
        " ".join(t.text for t in times if not (t.kind == "occasion" and item.startswith(t.text))),
    )
    keys = _content_lemmas(sentence, task) - ignore - timed
    outside = _content_lemmas(sentence, item) - keys - _content_lemmas(sentence, owner or "")
    verb = next((lemma for lemma in sentence.lemmas if lemma == first_word(task)), None)
    verb = verb or first_word(task)
    # the calendar words of its time are not its topic either ("Weds" in "by Weds 14/05"); an
    # occasion's words are ("CIN review" in "SW to chair CIN review 31/03": the review happens)
    calendar = _content_lemmas(
        sentence, " ".join(w for t in times for w in _CALENDAR_WORD.findall(t.text))
    )
    return Action(item, owner, sentence, keys, verb, times, done, outside - ignore - calendar)


_CALENDAR_WORD = re.compile(
    rf"\b{WEEKDAY}\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:today|tomorrow|tonight|next|week|wk)\b",
    re.IGNORECASE,
)


#: class "an item written in the past tense is done, not planned": "police flag put on the
#: address today", "Shona Platt visited Riley + mum 15/10", "KB added I to the waiting list",
#: "hearing listed 27/02" (not "Mum agreed to ring the GP": an intention)
_PAST_FORMS = frozenset(
    {"put", "set", "sent", "met", "saw", "seen", "gave", "given", "took", "taken", "made", "rang",
     "spoke", "told", "got", "held", "wrote", "written", "brought", "kept", "found", "went", "did",
     "done", "shown", "began", "begun"}
)  # fmt: skip
_PAST_STATEMENT = re.compile(
    r"^(?P<subject>(?:(?!(?:to|will|should|must|needs?|not)\b)[\w'’()./+&-]+\s+){1,5}?)"
    r"(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+|had\s+)?"
    rf"(?P<verb>[a-z]+ed|{'|'.join(sorted(_PAST_FORMS))})\b"
    r"(?!\s+(?:to\s+[a-z]|if|when|that)\b)"
)


def _past_statement(item: str, sentence) -> bool:
    """The item records what was done. A word ending in "-ed" is past only when the
    lemmatizer makes it another word ("visited", not "bed" or "need")."""
    if STILL_TO_DO.search(item):
        return False
    item = " ".join(item.split())
    match = _PAST_STATEMENT.match(item) or _PAST_STATEMENT.match(TOPIC.sub("", item, count=1))
    if match is None:
        return False
    verb = match.group("verb")
    if verb in _PAST_FORMS:
        return True
    words = zip(sentence.lemmas, sentence.words, strict=False)  # words may be empty
    return next((lemma for lemma, word in words if word == verb), verb) != verb


def _content_lemmas(sentence, part: str) -> frozenset[str]:
    """The lemmas of the sentence's content words that `part` of it holds: "sessions" gives
    "session", so an inflected word in a plan item still matches the note that does it."""
    words = {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", part)}
    if sentence.words:
        return frozenset(
            lemma
            for lemma, word in zip(sentence.lemmas, sentence.words, strict=True)
            if word in words
        )
    return frozenset(lemma for lemma in sentence.lemmas if lemma in words)


#: class "not an action of the plan": the child's or a parent's words quoted in it ("Ellis's
#: view: ..."), a theme heading over its items ("Exploitation / safety", "Family"), and the
#: plan's own next review on a line of its own ("CIN review 4/4/24")
_QUOTED_VIEW = re.compile(
    r"^(?:[\w'’ ]{1,30}?(?:'s|’s)\s+(?:view|views|wishes|words)\b|[A-Z][\w'’]*\s*(?:said|says)?\s*:"
    r"\s*[\"“]|[\"“'‘])"
)
_REVIEW_LINE = re.compile(
    r"^(?:the\s+)?(?:next\s+|final\s+|first\s+)?(?:[A-Z]{2,5}\s+)?(?:review|core group|"
    r"conference|meeting|rcpc|icpc)\b",
    re.IGNORECASE,
)


#: class "a plan carried forward by name": "CSE plan continues", "safe travel plan stays in place"
_CARRIED_FORWARD = re.compile(
    r"\bplan\s+(?:continues|remains|stays|in place|ongoing|unchanged)\b", re.I
)
#: class "an observation written under a plan heading": "Mood good", "Aisha said the meet &
#: greet might help", "Summer plans - wants a job at the garden centre"
_OBSERVATION = re.compile(
    r"\b(?:said|says|told|reports?|reported|wants?|wanted|feels?|felt|is|was|are|were|has|had"
    r"|seems?|good|better|worse|happy|settled|on wk)\b",
    re.IGNORECASE,
)
#: a plan's own heading line ("Family plan", "TAF plan 20-09-2023 (agreed with mum)")
_HEADING_LINE = re.compile(
    r"^(?:[A-Za-z][\w'’&/-]*\s+){0,4}(?:plan|plans|actions|next steps)\b\s*(?:\([^)]*\))?\s*"
    r"(?:\d[\d/.-]*)?\s*[-:–]?\s*$",
    re.IGNORECASE,
)


#: class "a table's header row is not an item": "Who: When", "Action | Who | By when", ": Action"
_HEADER_ROW = re.compile(
    r"\W*(?:(?:action|actions|task|who|lead|owner|by\s+when|when|due|due\s+date|date|timescale"
    r"|status|outcome|by|responsible|progress|review)\W*)+",
    re.IGNORECASE,
)


def _not_an_item(item: str, times: tuple[Any, ...]) -> bool:
    if _QUOTED_VIEW.match(item) or _HEADING_LINE.match(item) or _HEADER_ROW.fullmatch(item):
        return True
    owned = OWNER.match(item)
    if not (owned and is_owner(owned.group("owner"))) and (
        _CARRIED_FORWARD.search(item) or (not times and _OBSERVATION.search(item))
    ):
        return True
    words = item.split()
    if (
        len(words) <= 5
        and not times
        and not re.search(r"\d|\bto\b", item)
        and words[0][:1].isupper()
        and (len(words) <= 3 or re.search(r"[/&]", item))
        and words[0].lower().strip(",:") not in action_vocabulary()["verbs"]
        and not VAGUE.search(item)
        and (
            not one_owner(words[0])
            or re.search(r"[/&]", item)
            or len(words) == 1  # one word with no task ("Family") heads the items below
        )
    ):
        return True  # a theme heading ("Family", "School & friendships")
    if _REVIEW_LINE.match(item) and len(times) == 1 and times[0].dated:
        rest = (item[: times[0].start - times[0].start] + item).replace(times[0].text, "")
        return not re.search(r"\bto\s+[a-z]", rest) and len(rest.split()) <= 4
    return False


VAGUE = re.compile(
    r"\b(?:monitor(?:ing)?|support(?:ing)?|continue|continuing|as needed|as required|as and when"
    r"|encourage|keep an eye|try to|where possible|if possible|ongoing)\b",
    re.IGNORECASE,
)


def vague_words(item: Action) -> list[str]:
    """Verbs and phrases with no measure in them ("monitor", "support", "as needed")."""
    return [m.group(0).lower() for m in VAGUE.finditer(item.text)]
