"""Actions in plans: who is to do what by when, and whether a later note records it done.

An action is an item of a plan, actions or next-steps section (a bullet, a numbered item, or a
";"-separated part of "Plan: ...") naming an owner ("SW Okafor to complete the assessment",
"Mum to attend the GP") or a due date ("by 12/05", "within 2 weeks", "on 20/10/2023"). Without a
date it is due a configured number of working days after it was set. A later sentence that is
neither negated nor intended, and shares the action's verb (or one meaning the same, from
`rules/vocab/actions.yaml`) and a word of its object, records it done.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from dateutil.relativedelta import relativedelta

from recordlint.vocabulary import Vocabulary, per_vocabulary
from recordlint.worktime import add_working_days

PLAN_SECTIONS = {"plan", "actions"}
_BULLET = re.compile(r"^\s*(?:[-*•·–>+]|\d{1,2}[.)]|[a-z][.)])\s*")
_OWNER = re.compile(
    r"^(?P<owner>(?:[A-Za-z][\w'’&/.+-]*(?:\s*\([^)]*\))?\s+){0,5}?[A-Za-z][\w'’&/.+-]*"
    r"(?:\s*\([^)]*\))?)"
    r"\s+(?:advised\s+)?(?:to|will|should|must|is to|are to)\s+(?!be\b)(?P<task>\S.*)$"
)
#: the last word of a lower-case owner that names a role ("diabetes nurse", "the school")
_ROLE_NOUNS = {
    "nurse", "worker", "team", "officer", "service", "practitioner", "teacher", "carer", "carers",
    "school", "college", "police", "gp", "hv", "camhs", "sw", "dsl", "senco", "paediatrician",
    "consultant", "manager", "mentor", "coordinator", "lead", "visitor", "therapist",
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "ten": 10,
}


@dataclass(frozen=True)
class Action:
    text: str  # the item as written
    owner: str | None
    due: dt.date | None  # None when no due date was written
    due_text: str | None
    sentence: Any  # recordlint.nlp.query.Sentence
    keys: frozenset[str]  # content lemmas of the task
    verb: str | None

    @property
    def note(self):
        return self.sentence.note

    @property
    def set_on(self) -> dt.datetime | None:
        return self.sentence.note.date

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

    def deadline(self, default_days: int) -> dt.date | None:
        if self.due is not None:
            return self.due
        return add_working_days(self.set_on, default_days) if self.set_on else None


@per_vocabulary
def _vocabulary(vocabulary: Vocabulary) -> dict[str, Any]:
    data = vocabulary.data("actions.yaml")
    groups: dict[str, frozenset[str]] = {}
    for group in data["verb_groups"]:
        for verb in group:
            groups[verb] = groups.get(verb, frozenset()) | frozenset(group)
    return {
        "default_days": int(data["default_working_days"]),
        "owners": {o.lower() for o in data["owners"]},
        "groups": groups,
        "ignore": set(data["ignore"]),
    }


def default_days() -> int:
    return _vocabulary()["default_days"]


def plan_items(text) -> list[Action]:
    """Every item of every plan, actions or next-steps section, with or without an owner and a
    timescale (PLN001 judges them all)."""
    found = []
    for sentence in text.sentences():
        if sentence.section not in PLAN_SECTIONS:
            continue
        for item in re.split(r";\s*", sentence.text):
            action = _action(item, sentence)
            if action is not None:
                found.append(action)
    return found


def actions_in(text) -> list[Action]:
    """Plan items with an owner or a due date: the actions ACT001 follows up (an item with
    neither is PLN001's concern)."""
    return [a for a in plan_items(text) if a.owner is not None or a.due_text is not None]


def _action(item: str, sentence) -> Action | None:
    item = _BULLET.sub("", item).strip().rstrip(".")
    if not item or item.endswith(":") or not re.search(r"[A-Za-z]{2}", item):
        return None
    owner, task = None, item
    match = _OWNER.match(item)
    if match and _is_owner(match.group("owner")):
        owner, task = match.group("owner").strip(), match.group("task")
    due, due_text = _due(task, sentence.note.date)
    words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", task)]
    lemmas = [lemma for lemma in sentence.lemmas if lemma in {w.lower() for w in words}]
    keys = frozenset(lemmas) - _vocabulary()["ignore"]
    verb = next((lemma for lemma in sentence.lemmas if lemma == _first_word(task)), None)
    verb = verb or _first_word(task)
    return Action(item, owner, due, due_text, sentence, keys, verb)


def _first_word(task: str) -> str:
    word = re.match(r"[A-Za-z'’-]+", task)
    return word.group(0).lower() if word else ""


def _is_owner(owner: str) -> bool:
    """A person, role or agency: a capitalised name or role ("SW Okafor", "School (DSL)"), a
    known lower-case owner ("mum"), a role noun ("diabetes nurse"), or several joined by "and"."""
    parts = [p.strip() for p in re.split(r"\s+and\s+|\s*&\s*|,\s*", owner) if p.strip()]
    return bool(parts) and all(_one_owner(part) for part in parts)


def _one_owner(owner: str) -> bool:
    plain = re.sub(r"\s*\([^)]*\)", "", owner).strip()
    words = plain.split()
    if not words:
        return False
    lowered = plain.lower()
    if lowered in _vocabulary()["owners"] or words[-1].lower() in _ROLE_NOUNS:
        return True
    if words[0].lower() in {"to", "it", "this", "there", "that", "a", "an"}:
        return False
    return words[0][0].isupper()


def _due(task: str, set_on: dt.datetime | None) -> tuple[dt.date | None, str | None]:
    """The due date written in an action, and the words that gave it."""
    base = set_on.date() if set_on else None
    dated = re.search(
        r"\b(?:by|on|before|from|starting|until)\s+(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?",
        task,
    )
    if dated:
        day, month, year = dated.groups()
        return _dated(int(day), int(month), year, base), dated.group(0)
    iso = re.search(r"\b(?:by|on|before|from|until)\s+(\d{4})-(\d{1,2})-(\d{1,2})\b", task)
    if iso:
        year, month, day = iso.groups()
        return _dated(int(day), int(month), year, base), iso.group(0)
    worded = re.search(
        r"\b(?:by|on|before|from|until)\s+(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?"
        r"(?:\s+(\d{4}))?",
        task,
    )
    if worded and worded.group(2).lower()[:3] in _MONTHS:
        day, month, year = worded.groups()
        return _dated(int(day), _MONTHS[month.lower()[:3]], year, base), worded.group(0)
    within = re.search(
        r"\b(?:within|in)\s+(\d+|an?|one|two|three|four|five|six|ten)\s+"
        r"(working\s+days?|days?|weeks?|fortnights?|months?)",
        task,
        re.IGNORECASE,
    )
    if within and base:
        number = within.group(1).lower()
        count = int(number) if number.isdigit() else _NUMBERS[number]
        unit = within.group(2).lower()
        if unit.startswith("fortnight"):
            count, unit = count * 2, "weeks"
        if unit.startswith("working"):
            return add_working_days(base, count), within.group(0)
        if unit.startswith("day"):
            return base + dt.timedelta(days=count), within.group(0)
        if unit.startswith("week"):
            return base + dt.timedelta(weeks=count), within.group(0)
        return base + relativedelta(months=count), within.group(0)
    weekday = re.search(r"\bby\s+(" + "|".join(_WEEKDAYS) + r")\b", task, re.IGNORECASE)
    if weekday and base:
        target = _WEEKDAYS.index(weekday.group(1).lower())
        return base + dt.timedelta(days=(target - base.weekday() - 1) % 7 + 1), weekday.group(0)
    if base and re.search(r"\btoday\b", task, re.IGNORECASE):
        return base, "today"
    if base and re.search(r"\btomorrow\b", task, re.IGNORECASE):
        return base + dt.timedelta(days=1), "tomorrow"
    vague = re.search(
        r"\b(?:by|before|at|for|until)\s+(?:the\s+)?(?:next|end of the)\s+\w+",
        task,
        re.IGNORECASE,
    )
    if vague:
        return None, vague.group(0)  # a timescale with no date: the default period applies
    every = re.search(
        r"\b(?:daily|weekly|fortnightly|monthly|every\s+\w+|each\s+(?:morning|week|day|visit)"
        r"|twice a week|once a week)\b",
        task,
        re.IGNORECASE,
    )
    if every:
        return None, every.group(0)  # a frequency is a timescale; the first is due by default
    return None, None


def _dated(day: int, month: int, year: str | None, base: dt.date | None) -> dt.date | None:
    try:
        if year:
            full = int(year) + (2000 if len(year) == 2 else 0)
            return dt.date(full, month, day)
        if base is None:
            return None
        due = dt.date(base.year, month, day)
        return due if due >= base else dt.date(base.year + 1, month, day)
    except ValueError:
        return None


def done_by(action: Action, sentences) -> Any | None:
    """The first later sentence that records the action done, or None."""
    groups = _vocabulary()["groups"]
    verbs = groups.get(action.verb or "", frozenset()) | {action.verb}
    objects = action.keys - verbs
    for sentence in sentences:
        if not _later(sentence, action.sentence) or "negated" in sentence.marks:
            continue
        if "hypothetical" in sentence.marks and not sentence.past & verbs:
            continue  # "to contact school" again; but "test booked for 3 June" was done
        lemmas = set(sentence.lemmas)
        if objects and lemmas & verbs and lemmas & objects:
            return sentence
        if len(objects) >= 2 and len(lemmas & objects) >= max(2, (len(objects) + 1) // 2):
            return sentence
    return None


def _later(sentence, than) -> bool:
    if sentence.note.note_id == than.note.note_id:
        return sentence.index > than.index and sentence.section not in PLAN_SECTIONS
    if sentence.note.date is None or than.note.date is None:
        return False
    return sentence.note.date >= than.note.date  # another entry the same day may record it


VAGUE = re.compile(
    r"\b(?:monitor(?:ing)?|support(?:ing)?|continue|continuing|as needed|as required|as and when"
    r"|encourage|keep an eye|try to|where possible|if possible|ongoing)\b",
    re.IGNORECASE,
)


def vague_words(item: Action) -> list[str]:
    """Verbs and phrases with no measure in them ("monitor", "support", "as needed")."""
    return [m.group(0).lower() for m in VAGUE.finditer(item.text)]
