"""Who a plan item names to do it, in any of the forms plans write ("SW Okafor to visit", "DS
Nwosu - intel check by 15/04", "Tom (CAMHS) weekly sessions", "next review by 22/03 (DP)",
"dating scan 21/02 - ANC", "me to see Tyler fortnightly"), and the task left when the owner is
taken out. An owner is a person, role or agency, never a clause, a treatment or a topic."""

from __future__ import annotations

import re

from recordlint.practice.action_words import action_vocabulary

_NAME_TOKEN = r"(?:[A-Za-z][\w'’&/.+-]*|&|\+|/)(?:\s*\([^)]*\))?"


#: class "owner to task": "SW Okafor to visit", "Abdul & Rokeya to attend", "Sandra collecting
#: at 12" (an arrangement in progress names its owner as well)
OWNER = re.compile(
    rf"^(?P<owner>(?:{_NAME_TOKEN}\s+){{0,5}}?{_NAME_TOKEN})"
    r"\s+(?:advised\s+)?(?:(?:to|will|should|must|is to|are to)\s+(?!be\b)"
    r"|(?=(?!(?:wellbeing|meeting|housing|training|funding|parenting|morning|evening|building"
    r"|clothing|counselling|offending|safeguarding|bedding|setting)\b)[a-z]+ing\s(?!to\b)))"
    r"(?P<task>\S.*)$"
)


#: class "owner, dash, task": "DS Nwosu - intel check by 15/04", "Mum: meds in a locked box"
#: (class "a range's dash is no owner's": "Mondays 10/06 - 29/07" ends in a day, not a name)
_OWNER_DASH = re.compile(r"^(?P<owner>[^-–—:;]{1,60}?(?<!\d))\s*(?:\s[-–—]|:)\s+(?P<task>\S.*)$")


#: class "owner first, task as a noun phrase": "Tom (CAMHS) weekly sessions until 30-06",
#: "Mrs Lyle (pastoral) daily check-in from 31/3", "SW + DC Okoro joint visit by 8/1"
_OWNER_NOUN_PHRASE = re.compile(
    r"^(?P<owner>(?:[A-Z][\w'’.-]*(?:\s+(?:\+|&|and))?\s+){0,3}[A-Z][\w'’.-]*"
    r"(?:\s*\([^)]*\))?)\s+(?P<task>[a-z0-9].*)$"
)


#: class "the owner's initials in brackets at the end": "next review to be held by 22/03 (DP)"
_INITIALS_AT_END = re.compile(r"\(([A-Z]{2,3})\)\s*$")


#: class "owner named after the occasion": "Review 27-03-23, Nat to arrange", "CIN review
#: 17/4 at home (SW to arrange)", "college counsellor appt - tutor to book by 7/2/25"
_OWNER_AFTER = re.compile(
    r"(?:[,(;]|\s[-–]\s)\s*(?P<clause>[A-Za-z][^,();]*?\bto\s+[a-z]+[^,();]*)\)?\s*$"
)


#: class "a first name, then the task as a noun phrase, on a dated line": "Jo last 1:1 session
#: 18-05-23", "Beverley last session on 13-03-25"
_FIRST_NAME_THEN_TASK = re.compile(r"^(?P<owner>[A-Z][a-z]{1,14})\s+(?P<task>[a-z].*\d.*)$")


_NOT_A_FIRST_NAME = frozenset(
    {"session", "review", "meeting", "visit", "appointment", "appt", "contact", "weekly", "daily",
     "fortnightly", "monthly", "next", "final", "last", "first", "plan", "action", "safety",
     "home", "school", "family", "education", "health", "referral", "case", "core", "strategy",
     "transition", "summer", "group", "sessions", "check", "letter", "call", "report"}
)  # fmt: skip


#: the last word of a lower-case owner that names a role ("diabetes nurse", "the school")
ROLE_NOUNS = {
    "nurse", "worker", "team", "officer", "service", "practitioner", "teacher", "carer", "carers",
    "school", "college", "police", "gp", "hv", "camhs", "sw", "dsl", "senco", "paediatrician",
    "consultant", "manager", "mentor", "coordinator", "lead", "visitor", "therapist", "tutor",
    "counsellor", "salt", "iro", "pa", "ot", "rep", "solicitor", "advocate", "adviser", "advisor",
    "guardian", "chair", "interpreter", "host", "hosts",
}  # fmt: skip


#: a topic heading an item ("Exploitation - Ola to...", "Turning 18: SW to...")
TOPIC = re.compile(r"^[A-Za-z0-9][\w'’/+&-]*(?:\s+[\w'’/+&-]+){0,3}?\s*(?:\s[-–—]|:)\s+(?=\S)")


STILL_TO_DO = re.compile(r"\b(?:to\s+be|will|needs?\s+to|should|must|awaiting|await)\b", re.I)


def owner_and_task(item: str) -> tuple[str | None, str]:
    """Who the item names to do it, in any of the forms plans write, and the task."""
    if _WRITER_WILL.match(item):
        # class "the writer implied by 'will'": "Will r/v in 2/52", "If further bruising -
        # will consider CSC referral", "if mood dips, will refer to perinatal MH"
        return "the writer", item
    untopped = TOPIC.sub("", item, count=1)
    for candidate in (item, untopped):
        match = OWNER.match(candidate)
        if match and (is_owner(match.group("owner")) or _initials(match.group("owner"))):
            # class "initials doing something are a person's": "SH to arrange the TAC", "NB to
            # refer" (an abbreviation never arranges or refers)
            return match.group("owner").strip(), match.group("task")
    for candidate in (item, untopped):
        dash = _OWNER_DASH.match(candidate)
        if dash and is_owner(dash.group("owner")) and _named(dash.group("owner")):
            return dash.group("owner").strip(), dash.group("task")
    for candidate in (item, untopped):
        noun = _OWNER_NOUN_PHRASE.match(candidate)
        if (
            noun
            and is_owner(noun.group("owner"))
            and (
                _role_marked(noun.group("owner"))
                # class "the owner after the item's topic": "Exploitation - Jade + Hollie
                # weekly direct work", "Housing: Amira fortnightly visits from 02/03"
                or (candidate is untopped and candidate != item and _named(noun.group("owner")))
            )
            and not STILL_TO_DO.search(noun.group("task"))
        ):
            return noun.group("owner").strip(), noun.group("task")
    initials = _INITIALS_AT_END.search(item)
    if initials and initials.group(1) not in action_vocabulary()["not_initials"]:
        return initials.group(1), item
    within = _INITIALS_WITHIN.search(item)
    if within and within.group(1) not in action_vocabulary()["not_initials"]:
        # class "the owner's initials in brackets within the item": "exploitation sessions
        # fortnightly (KA) 11/01 - 22/03/2022"
        return within.group(1), item
    last = _OWNER_LAST.match(item)
    if last:
        # class "the owner named last, after a dash": "dating scan 21/02 - ANC", "A to remain
        # with Bernadette - SW, review 24/08/25", "CBT, 8 weekly sessions - Dr Lindqvist"
        owner = last.group("owner").split(",")[0].strip()
        if _owner_named_last(owner):
            return owner, last.group("task")
    bracket = _OWNER_IN_BRACKETS_AT_END.search(item)
    if bracket and _owner_named_last(bracket.group(1).strip()):
        # class "the owner in brackets at the end": "booking bloods taken today (MW Adair)",
        # "salbutamol via spacer 4 hrly today (parents)"
        return bracket.group(1).strip(), item[: bracket.start()].strip()
    cells = [cell.strip() for cell in item.split(" | ")]
    for cell in cells[1:]:
        # class "an action table's row": "Arrange family mediation | Bethany Rhodes SW |
        # 14/03/2025", "Attendance plan - daily meet + greet | Mr Hale | from 27/02"
        if _owner_named_last(cell) or (is_owner(cell) and _named(cell) and len(cell.split()) <= 4):
            return cell, cells[0]
    for bracket in _BRACKET.finditer(item):
        # class "the owner in brackets within the item": "1:1 literacy (SENCo), reviewed at
        # PEP", "police flag on address (Cobhurst Police, placed today)", "(PS Venn)"
        first = bracket.group(1).split(",")[0].strip()
        if _owner_named_last(first) and first.upper() not in _RISK_INITIALS:
            return first, item
    agent = _PASSIVE_AGENT.search(item)
    if agent and (_owner_named_last(agent.group("owner")) or _initials(agent.group("owner"))):
        # class "the owner as the agent of a passive": "Strategy review 02/06, chaired by TM",
        # "weekly sessions, delivered by the YOT worker"
        return agent.group("owner"), item
    after = _OWNER_AFTER.search(item)
    if after:
        match = OWNER.match(after.group("clause").strip())
        if match and is_owner(match.group("owner")):
            return match.group("owner").strip(), item
    first = _FIRST_NAME_THEN_TASK.match(item)
    if first:
        name = first.group("owner").lower()
        vocabulary = action_vocabulary()
        if (
            name not in _NOT_A_FIRST_NAME | vocabulary["verbs"] | vocabulary["topics"]
            and not name.endswith("ing")  # "Leaving care entitlements explained" is no name
        ):
            return first.group("owner"), first.group("task")
    return None, item


_WRITER_WILL = re.compile(
    r"^(?:(?:if|when|should|unless|in case)\b[^;]*?(?:\s[-–]\s|,\s*|\s(?=will\b)))?"
    r"will\s+(?!be\b)[a-z]",
    re.IGNORECASE,
)


_INITIALS_WITHIN = re.compile(r"(?<=\w)\s+\(([A-Z]{2,3})\)\s")


_OWNER_LAST = re.compile(r"^(?P<task>.+?\S)\s+[-–—]\s+(?P<owner>[^-–—:;]{1,40}?)\s*\.?$")


_OWNER_IN_BRACKETS_AT_END = re.compile(r"\(([^()]{1,30})\)\s*\.?$")
_BRACKET = re.compile(r"\(([^()]{1,60})\)")
#: initials of a risk or a document in brackets, never an owner: "(CSE)", "(DV)", "(EHCP)"
_RISK_INITIALS = frozenset({"CSE", "CCE", "DV", "DA", "SH", "EHCP", "PEP", "ASD", "ADHD"})
_PASSIVE_AGENT = re.compile(
    r"\b(?:chaired|led|run|done|completed|delivered|held|arranged|facilitated|coordinated|"
    r"overseen|monitored|supported)\s+by\s+(?P<owner>(?:the\s+)?[\w'’.]+(?:\s+[A-Z][\w'’.]*){0,2})"
)


def _owner_named_last(owner: str) -> bool:
    """An owner written after the task: a known owner or role, a title and a name, an
    agency's initials (not a risk's: "(CSE)"), or a child's initial ("- J")."""
    words = owner.split()
    if not words or len(words) > 4 or re.search(r"\d", owner):
        return False
    if owner.upper() in action_vocabulary()["not_initials"]:
        return False
    if re.fullmatch(r"[A-Z]", owner):
        return True
    return is_owner(owner) and (_named(owner) or owner.lower() in action_vocabulary()["owners"])


def _named(owner: str) -> bool:
    """An owner before a dash is a person, role or agency, not the item's topic
    ("Exploitation - ..."): a known owner or role, a title, initials, or a name of two words."""
    plain = re.sub(r"\s*\([^)]*\)", "", owner).strip()
    words = plain.split()
    if not words or plain.lower() in action_vocabulary()["topics"]:
        return False
    return (
        (len(words) >= 2 and all(w[:1].isupper() or w in {"+", "&", "and"} for w in words))
        or _role_marked(owner)
        or plain.lower() in action_vocabulary()["owners"]
        or (
            words[0][:1].isupper()
            and plain.lower() not in action_vocabulary()["topics"]
            and len(plain) <= 12
        )
    )


def _role_marked(owner: str, strict: bool = False) -> bool:
    """An owner with a role in brackets, a title or a known role, or (unless `strict`) an
    agency's initials."""
    plain = re.sub(r"\s*\([^)]*\)", "", owner).strip()
    tokens = {t.lower() for t in re.split(r"[\s+&]+", plain) if t}
    return (
        "(" in owner
        or (not strict and bool(re.search(r"\b[A-Z]{2,6}\b", plain)))
        or bool(tokens & action_vocabulary()["owners"])
        or bool(re.match(r"(?:Mr|Mrs|Ms|Miss|Dr|Mx|PC|DC|DS|PS|Sgt)\b", plain))
        or plain.lower() in action_vocabulary()["owners"]
        or plain.split()[-1].lower() in ROLE_NOUNS
    )


def _initials(owner: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,3}", owner.strip()))


def first_word(task: str) -> str:
    word = re.match(r"[A-Za-z'’-]+", task)
    return word.group(0).lower() if word else ""


def is_owner(owner: str) -> bool:
    """A person, role or agency: a capitalised name or role ("SW Okafor", "School (DSL)"), a
    known lower-case owner ("mum"), a role noun ("diabetes nurse"), or several joined by "and"."""
    owner = re.sub(r"\s*\([^)]*\)", "", owner)
    parts = [p.strip() for p in re.split(r"\s+and\s+|\s*[&+/]\s*|,\s*", owner) if p.strip()]
    return bool(parts) and all(one_owner(part) for part in parts)


def one_owner(owner: str) -> bool:
    plain = re.sub(r"\s*\([^)]*\)", "", owner).strip()
    words = plain.split()
    if not words:
        return False
    lowered = plain.lower()
    if lowered in action_vocabulary()["owners"] or words[-1].lower() in ROLE_NOUNS:
        return True
    if plain.upper() in action_vocabulary()["not_initials"] or words[0].lower() in CONTINUING_VERBS:
        return False  # class "a treatment or a risk named first is no owner": "CBT for panic"
    if re.fullmatch(r"[A-Z]\.?", words[0]) and len(words) == 2 and words[1][:1].isupper():
        return True  # an initial and a surname: "A Kilbride"
    if words[0].lower() in {"to", "it", "this", "there", "that", "a", "an"}:
        return False
    if _A_CLAUSE.search(plain):
        return False  # class "an owner is never a clause": "M doesn't want the mentoring yet"
    return words[0][0].isupper()


#: words that make a phrase a clause, not a person, role or agency ("P stays at Orchard House
#: to 18", "M doesn't want the mentoring yet - mum accepts that")
_A_CLAUSE = re.compile(
    r"n't\b|\b(?:not|is|are|was|were|has|have|had|does|did|wants?|stays?|says?|said|accepts?"
    r"|goes|went|lives?|feels?|likes?|needs|given|sent|done|made)\b"
    r"|(?-i:\s[a-z]{3,}ed\b)",  # "KB added I to the list", "Mum agreed": a past verb
    re.IGNORECASE,
)


#: class "an action that carries on what already happens": "continue fortnightly CBT", "carry on
#: Sunday seva", "keep the phone overnight": ongoing, never overdue
CONTINUING_VERBS = frozenset(
    # class "monitoring has no end": "school to monitor attendance", "GP to monitor weight"
    {"continue", "carry", "keep", "maintain", "remain", "stay", "monitor"}
)
