"""Referrals in the notes: which were intended, which were made, which were received, and where.

A referral is found where a note mentions the `referral` concept ("refer", "referral", "MARF")
or contacting the front door ("spoke to First Response", "will contact MASH"). Its stage comes
from the mention's context and the sentence's wording:

- **intended**: hypothetical ("will refer", "agreed to refer", "referral to be made by SN"),
  unless the sentence is a condition ("if concerns escalate, refer to MASH"; "a referral will be
  considered") or the referral is someone else's to make ("advised Mum to self-refer");
- **received**: actual, with receipt wording ("referral received from school", "acknowledged",
  "outcome: NFA");
- **made**: actual otherwise ("MARF sent to Duty and Advice", "referred on to CAMHS").

Destinations, conditions and receipt wording are data in `rules/vocab/referrals.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from recordlint.vocabulary import Vocabulary, per_vocabulary

REFERRAL_CONCEPTS = ("referral", "front_door_contact")
INTENDED, MADE, RECEIVED = "intended", "made", "received"


@dataclass(frozen=True)
class Destination:
    name: str
    agency: str | None
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ReferralVocabulary:
    destinations: tuple[Destination, ...]
    conditional: re.Pattern[str]
    not_own: re.Pattern[str]
    receipt: re.Pattern[str]
    consent: re.Pattern[str]
    acted_on: re.Pattern[str]


@dataclass(frozen=True)
class ReferralEvent:
    """One referral mention: its stage, where it goes (None when the note does not say)."""

    stage: str
    destination: str | None
    mention: Any  # recordlint.nlp.query.Mention

    @property
    def note(self):
        return self.mention.note

    @property
    def date(self) -> dt.datetime | None:
        return self.mention.note.date

    @property
    def agency(self) -> str | None:
        return note_agency(self.mention.note)

    def after(self, other: ReferralEvent) -> bool:
        """True when this event is recorded later than `other` (a later sentence of the same
        note counts; an undated note is never later)."""
        if self.note.note_id == other.note.note_id:
            return self.mention.sentence.index > other.mention.sentence.index
        if self.date is None or other.date is None:
            return False
        return self.date >= other.date

    def goes_to(self, destination: str | None) -> bool:
        """Same destination; a referral that names none matches any."""
        return destination is None or self.destination is None or self.destination == destination


def _pattern(words: Iterable[Any], exact: Iterable[Any] = ()) -> re.Pattern[str]:
    """Whole-word alternatives, longest first; `exact` ones keep their case ("EH", not "eh")."""

    def alternatives(items: Iterable[Any]) -> str:
        return "|".join(sorted((re.escape(str(w)) for w in items), key=len, reverse=True))

    parts = []
    if loose := alternatives(words):
        parts.append(f"(?i:{loose})")
    if strict := alternatives(exact):
        parts.append(strict)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")


@per_vocabulary
def referral_vocabulary(vocabulary: Vocabulary) -> ReferralVocabulary:
    data = vocabulary.data("referrals.yaml")
    destinations = tuple(
        Destination(
            name=name,
            agency=entry.get("agency"),
            pattern=_pattern(entry.get("names", ()), entry.get("exact", ())),
        )
        for name, entry in data["destinations"].items()
    )
    return ReferralVocabulary(
        destinations=destinations,
        conditional=_pattern(data["conditional"]),
        not_own=_pattern(data["not_own"]),
        receipt=_pattern(data["receipt"]),
        consent=_pattern(data.get("consent", ())),
        acted_on=_pattern(data.get("acted_on", ())),
    )


def destinations_in(text: str, start: int = 0) -> list[tuple[int, str]]:
    """(offset, destination) for every destination named in `text` from `start` on; where two
    names overlap the longer wins ("adult social care" is not children's social care)."""
    matches = [
        (match.start(), match.end(), destination.name)
        for destination in referral_vocabulary().destinations
        for match in destination.pattern.finditer(text, start)
    ]
    kept: list[tuple[int, int, str]] = []
    for begin, end, name in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        if not any(b < end and begin < e for b, e, _ in kept):
            kept.append((begin, end, name))
    return sorted((begin, name) for begin, _, name in kept)


def _destination_of(mention) -> list[str]:
    """Where a referral mention goes: the destinations named after it in its clause ("refer
    Tyler to the 16+ team and to adult mental health"), else the nearest named before it
    ("CAMHS referral"), else none."""
    sentence = mention.sentence
    offset = mention.start - sentence.start
    text = sentence.text
    end_of_mention = mention.end - sentence.start
    clause = text[: _clause_end(text, end_of_mention)]
    after = [
        name
        for at, name in destinations_in(clause, end_of_mention)
        # "to be completed by the school nurse", "referral from school": who refers, not where
        if not re.search(r"\b(?:by|from)\b", clause[end_of_mention:at])
        # class "the referrer's role in brackets": "NRM referral submitted (CSC first responder)"
        and not (_NAMED_BEFORE.search(text[:offset]) and "(" in clause[end_of_mention:at])
    ]
    if after:
        return list(dict.fromkeys(after))
    # "CAMHS referral", "the MASH referral form": named just before; not "HV to refer", where
    # the name before is who refers
    before = [(at, name) for at, name in destinations_in(text[:offset]) if offset - at <= 25]
    # "Dr Ahmed (CAMHS) - transition referral": the service in brackets is who refers
    if before and not re.search(
        r"\b(?:to|will|should|must|would|has|have|had)\b|\)", text[before[-1][0] : offset]
    ):
        return [before[-1][1]]
    # the mention itself may name it: "contacted MASH"
    inside = destinations_in(text[offset:end_of_mention])
    return [inside[0][1]] if inside else []


#: a destination's name just before the referral word ("NRM referral", "CAMHS referral")
_NAMED_BEFORE = re.compile(r"\b[A-Z][A-Za-z+&]{1,8}\s+$")


def _clause_end(text: str, start: int) -> int:
    match = re.search(r"[;.]\s|\bbut\b|\bhowever\b", text[start:])
    return start + match.start() if match else len(text)


#: a short name in brackets after a destination's full name: "Calder Exploitation Hub (CEH)"
_ALIAS = re.compile(r"\(([A-Z][A-Za-z&+]{1,7})\)")


def destination_aliases(text) -> dict[str, str]:
    """Class "a destination's own abbreviation": a record that writes "Calder Exploitation Hub
    (CEH)" once then says "CEH referral submitted" and "CEH acknowledged 04/02" means the
    exploitation team each time. The short names a case defines, each with its destination."""
    aliases: dict[str, str] = {}
    for sentence in text.sentences():
        for match in _ALIAS.finditer(sentence.text):
            named = [
                name
                for at, name in destinations_in(sentence.text[: match.start()])
                if match.start() - at <= 60
            ]
            # a catch-all ("other services") tells one service from another no better than
            # no name at all
            if (
                named
                and named[-1] != "other services"
                and match.group(1).lower() not in {"sw", "dsl", "hv", "gp", "sn"}
            ):
                aliases.setdefault(match.group(1), named[-1])
    return aliases


def _aliased(mention, aliases: Mapping[str, str]) -> list[str]:
    """The destination a case's own short name gives a mention that names none: just before
    it ("CEH referral") or after it in its clause ("referral to CEH")."""
    sentence = mention.sentence
    offset, end = mention.start - sentence.start, mention.end - sentence.start
    text = sentence.text
    near = text[max(0, offset - 20) : _clause_end(text, end)]
    return [name for alias, name in aliases.items() if re.search(rf"\b{re.escape(alias)}\b", near)][
        :1
    ]


def referral_events(text, aliases: Mapping[str, str] | None = None) -> list[ReferralEvent]:
    """Every referral event in a case's notes, in record order (`aliases`: the case's
    `destination_aliases`, when the caller has them already)."""
    vocabulary = referral_vocabulary()
    if aliases is None:
        aliases = destination_aliases(text)
    events: list[ReferralEvent] = []
    seen: set[tuple[str, int, str | None]] = set()
    mentions = text.mentions(
        *REFERRAL_CONCEPTS,
        negated=False,
        hypothetical=None,
        experiencer=None,
        uncertain=None,
    )
    for mention in mentions:
        stage = _stage(mention, vocabulary)
        if stage is None:
            continue
        for destination in _destination_of(mention) or _aliased(mention, aliases) or [None]:
            key = (mention.note.note_id, mention.sentence.index, destination)
            if key in seen:  # "contacted MASH and made a referral": one event
                continue
            seen.add(key)
            events.append(ReferralEvent(stage, destination, mention))
    # "Referral made to the adult alcohol service; referral form completed": one referral; and
    # class "a mention with no destination continues the note's referral": "Referral sent" as
    # an entry's type line above "CAMHS referral sent (SPA form) Monday 22/01"
    named = {(e.note.note_id, e.stage) for e in events if e.destination}
    return [e for e in events if e.destination or (e.note.note_id, e.stage) not in named]


#: class "decided against": the referral's clause goes on to say it is not needed
_DECIDED_AGAINST = re.compile(
    r"^[\s\w/'’-]{0,30}?\b(?:not|isn't|wasn't)\s+(?:required|needed|necessary|warranted|indicated)\b",
    re.IGNORECASE,
)
#: an open bracket listing contents after a document's verb: "Chronology updated (admission,"
_LISTED_IN_BRACKETS = re.compile(
    r"\b(?:updated|shared|includes?|including|covering|covers|listing|summary|summarised|completed"
    r"|events)\b"
    r"[^()]{0,20}\([^)]*$",
    re.IGNORECASE,
)


def _bracket_end(text: str, start: int) -> int:
    close = text.find(")", start)
    return close if close >= 0 else len(text)


#: a condition written after the referral in its clause: "refer to MASH if concerns escalate"
_CONDITION_AFTER = re.compile(
    r"\b(?:if|unless|in the event|in case|should (?:things|concerns|she|he|they|there|it|the))\b",
    re.IGNORECASE,
)


def _stage(mention, vocabulary: ReferralVocabulary) -> str | None:
    sentence = mention.sentence.text
    if vocabulary.not_own.search(sentence):
        return None
    start = mention.start - mention.sentence.start
    before = sentence[max(0, start - 30) : start]
    if _QUOTED_HEADER.match(sentence) or _AS_DOCUMENT.search(
        sentence[max(0, start - 12) : start + 40]
    ):
        return None  # a pasted email's subject line, or the referral read as a document
    if _NOT_A_REFERRAL.search(sentence) or re.match(
        r"\s*orders?\b", sentence[mention.end - mention.sentence.start :], re.I
    ):
        # class "a consultation or a call about the case is not a referral", and "referral
        # order sessions" is a court order
        return None
    if re.search(r"\b(?:can|could|may)\s+(?:re-?)?$", before, re.IGNORECASE):
        return None  # "discharged, can re-refer any time"
    end = mention.end - mention.sentence.start
    if _DECIDED_AGAINST.match(sentence[end : _clause_end(sentence, end)]):
        return None  # class "decided against": "CSC referral not required", "not needed"
    if _LISTED_IN_BRACKETS.search(sentence[:start]) and not _DONE_WORDS.search(
        sentence[start : _bracket_end(sentence, start)]
    ):
        return None  # class "a referral listed as what a document holds": "Chronology
        # updated (admission, KVEH referral, missing episode)"
    if _REPORTED_INTENTION.search(sentence[: start + 20]):
        return INTENDED  # "ED said they'd refer to CAMHS": someone else's intention, reported
    # (the window is read without its asides: "Mum consented (via Marta) to a Young Carers
    # referral")
    unbracketed = re.sub(r"\s*\([^)]*\)", "", sentence[max(0, start - 100) : start])[-30:]
    if vocabulary.consent.search(unbracketed) and not re.search(
        r"\b(?:sent|made|submitted|completed|emailed)\b", sentence, re.IGNORECASE
    ):
        return None  # "Mum has consented to this referral": consent, not the referral
    if mention.context.hypothetical and not _SENT_AFTER.match(
        sentence[mention.end - mention.sentence.start :]
    ):
        # a condition is what makes it hypothetical ("If concerns escalate, refer", "will be
        # considered"), or one follows it in its clause; "should refer" is an instruction
        trigger = mention.context.trigger_for("hypothetical")
        if trigger is not None and vocabulary.conditional.match(trigger.text.strip()):
            return None
        if trigger is not None and re.search(r"\bconsider", trigger.text, re.IGNORECASE):
            return None
        end = mention.end - mention.sentence.start
        governed = re.split(r",|\band\b", sentence[end : _clause_end(sentence, end)])[0]
        if _CONDITION_AFTER.search(governed):
            return None
        return INTENDED
    if _INSTRUCTION.match(_cell_before(sentence, start)) and not _DONE_WORDS.search(
        sentence[start : _clause_end(sentence, start)]
    ):
        # class "an instruction is not a record": an action table's row "Refer Tyler to the
        # Youth Hub | Marcus Bell SW | 24/05", "Submit NRM referral | DS Harrop", "SW to do
        # NRM referral."
        return INTENDED
    if mention.sentence.section in ("plan", "actions") and not _DONE_WORDS.search(sentence):
        return INTENDED  # class "a plan item is an intention": "T Hussey - refer to REACH by 04/04"
    if _SENDER_BEFORE.search(before) and not _own_sender(
        mention.note, _SENDER_BEFORE.search(before)
    ):
        return (
            RECEIVED  # class "a referral arriving is its receipt": "GP referral (sent 09/06): ..."
        )
    if _INBOUND.match(sentence[mention.end - mention.sentence.start :]):
        return RECEIVED  # "MARF from Hopefield Primary DSL 09:35", "Contact from YJS officer"
    if _LOG_LINE.fullmatch(sentence.strip()) or _LOGGED_WITH_SENDER.match(sentence):
        return RECEIVED  # an arriving request logged by its type (and who sent it)
    if _DECISION_ON.search(sentence[:start]):
        return RECEIVED  # class "a decision on a referral is its receipt": "MASH decision 07/01
        # on Greyhithe Academy referral", "outcome of the school's referral: NFA"
    if _GOT_IT.search(sentence[max(0, start - 30) : start + 20]):
        # class "receipt with the referral as its object": "got Leah's referral thanks",
        # "thanks for the referral", "received Amir's referral today"
        return RECEIVED
    if (_BY_PHONE.search(sentence) or _A_CALL.match(mention.text)) and not _NOT_THROUGH.search(
        sentence
    ):
        # class "a referral by phone is received in the call": "rang EDT 15:55", "Mum rang
        # EDT to let us know", "phoned the front door"
        return RECEIVED
    if _came_in(sentence, start, mention.end - mention.sentence.start):
        return RECEIVED
    near = sentence[max(0, start - 40) : mention.end - mention.sentence.start + 60]
    if vocabulary.receipt.search(near) or _RECEIVED_AFTER.match(
        sentence[mention.end - mention.sentence.start :]
    ):
        return RECEIVED
    after = sentence[mention.end - mention.sentence.start :]
    if vocabulary.acted_on.search(after) and re.search(r"\d{1,2}[/.]\d{1,2}", after):
        return RECEIVED  # "Referred to CAMHS, Dr Mirza to see him 28/05": it led somewhere
    return MADE


#: an instruction opening the mention's clause or table cell: an imperative ("Refer Tyler
#: to", "Submit NRM referral", "Make a referral") or an owner and "to" ("SW to do NRM referral")
_INSTRUCTION = re.compile(
    r"^\W*(?:(?:refer|submit|make|complete|send|do)\b"
    r"|(?:[A-Z][\w'’.]*(?:\s+[A-Z][\w'’.]*){0,2}|[a-z]+)\s+to\s+(?:do|make|send|complete|submit"
    r"|refer|re-refer)\b)",
)


def _cell_before(sentence: str, start: int) -> str:
    """The sentence from the start of the mention's clause or table cell (" | ", ";") on."""
    cut = max(sentence.rfind(" | ", 0, start), sentence.rfind(";", 0, start))
    return sentence[cut + 1 :] if cut >= 0 else sentence


#: class "receipt in the receiver's words", the referral its subject: "referral for Dean Royle
#: received yesterday", "police referral for Sophie Bennett received (dated 24/03)"; not
#: "referral sent to MASH as Jade received injuries"
_RECEIVED_AFTER = re.compile(
    r"^(?:\s+(?!(?:sent|made|as|because|and|but|was\s+made|to)\b)[\w'’()-]+){0,5}?\s+"
    r"(?:(?:was|is|has\s+been)\s+)?(?:received|receipted|confirmed|accepted)\b",
    re.IGNORECASE,
)


#: class "a consultation or a call about the case is not a referral": "rang MASH consultation
#: line for advice only (not a referral)", "rang CSC duty to ask when the strategy is"
_NOT_A_REFERRAL = re.compile(
    r"\b(?:consultation|advice only|for advice|not a referral|to ask when|to ask if|to chase|"
    r"for an update|to check on|to check whether)\b",
    re.IGNORECASE,
)
_REPORTED_INTENTION = re.compile(
    r"\b(?:said|says|told\s+\w+|advised)\s+(?:that\s+)?(?:they|she|he|it|the\s+\w+)?\s*"
    r"(?:'d|would|will|are going to|were going to)\s+(?:re-?)?refer",
    re.IGNORECASE,
)
#: an entry that is only its type ("Request for support", "Referral received"): the receiver
#: logging what arrived
_LOG_LINE = re.compile(
    r"(?:new\s+)?(?:request for support|referral|contact|marf|early help request)"
    # class "an entry typed as a referral": "Contact / Referral", "Referral / case opened",
    # "Referral and assessment" (the receiver logging what arrived, the type line of its entry)
    r"(?:\s*(?:/|&|\band\b)\s*(?:referral|contact|case\s+opened|assessment|screening))?",
    re.I,
)
#: class "an arriving request logged by its type, then its sender": "MARF - Mrs Ali, DSL
#: Orchard Vale High", "Referral: from Hopefield Primary"
_LOGGED_WITH_SENDER = re.compile(
    r"^\W*(?:new\s+)?(?:marf|referral|contact|request for support|early help request)\s*[-–:]\s*"
    r"(?:from\s+)?(?:Mr|Mrs|Ms|Miss|Dr|DS|DC|PC|[A-Z][a-z]+\s+[A-Z])",
    re.IGNORECASE,
)
_DECISION_ON = re.compile(
    r"\b(?:decision|outcome|decided|screening|triage)\b[^.;:]{0,30}\b(?:on|of|about)\s+[^.;:]{0,40}$",
    re.IGNORECASE,
)
_GOT_IT = re.compile(
    r"\b(?:got|received|rec'?d|thanks\s+for|thank\s+you\s+for|receipt\s+of)\s+(?:the\s+|your\s+|her\s+|his\s+"
    r"|their\s+|[A-Z][a-z]+['’]s\s+)(?:[\w&'’-]+[\s/]+){0,2}?referral\b",
)


#: class "a referral recorded as sent is made, whatever else the sentence plans": "transition
#: referral to the 18-25 service sent 23/07; joint meeting booked 20/08"
_SENT_AFTER = re.compile(
    r"^(?:(?!\b(?:to\s+be|will|would|should|needs?\s+to)\b)[^;.])*?\b(?:sent|submitted|emailed|faxed)\b",
    re.IGNORECASE,
)
_QUOTED_HEADER = re.compile(
    r"^\W*(?:>\s*)*(?:subject|re|fw|fwd)\s*:"
    # class "a pasted email's header": ">> From: Kitto, Karen  Sent: 05 September  To: MHST
    # Referrals" names a mailbox, not a referral
    r"|^\W*(?:>\s*)*from\s*:.*\b(?:sent|to)\s*:",
    re.IGNORECASE,
)
#: class "the referral read as a document": "HV note on the referral:", "the referral says"
_AS_DOCUMENT = re.compile(
    r"\b(?:on|in|per|from|read)\s+the\s+(?:\w+\s+)?referral\b|\breferral\s+(?:says|said|states|stated|notes|noted|mentions|mentioned|describes|described)\b"
    # class "a document cited": "as per MARF", "info as per the referral"
    r"|\bas\s+per\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w'’]+\s+)?(?:referral|marf|form)\b",
    re.IGNORECASE,
)
_DONE_WORDS = re.compile(
    r"\b(?:sent|made|submitted|completed|done|emailed|faxed|uploaded|referred)\b", re.IGNORECASE
)
#: who sent it, named before it: "GP referral", "school's referral", "police referral"
_SENDER_BEFORE = re.compile(
    r"\b(?P<sender>GP|school|police|HV|health visitor|nursery|college|ED|A&E|hospital|DSL|YJS"
    # class "a school role as the sender": "SENCo re-referral:", "HoY referral", "tutor referral"
    r"|YOT|SENCo|SENDCo|HoY|head of year|class teacher|form tutor|tutor|pastoral lead)(?:'s)?"
    r"\s+(?:urgent\s+|routine\s+|e-?|re-?)?$",
    re.IGNORECASE,
)
_INBOUND = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?(?:rec'?d\s+|received\s+)?(?:\d{1,2}[:.]\d{2}\s+)?from\b", re.I
)
#: class "a call that did not get through": "on hold 20 mins, call dropped", "no answer, left a
#: message", "line engaged"
_NOT_THROUGH = re.compile(
    r"\b(?:on\s+hold|(?:call|line)\s+(?:dropped|cut\s+off|engaged|busy)|no\s+(?:answer|reply|response)"
    r"|voicemail|left\s+(?:a\s+)?(?:message|msg|vm)|(?:could\s*n[o']t|unable\s+to|did\s*n[o']t)\s+get\s+through)\b",
    re.IGNORECASE,
)
_A_CALL = re.compile(r"(?:rang|ring|call|called|phoned?|telephoned?|spoke|speak|talked?)\b", re.I)
#: class "a referral that came to the writer": "self-referred", "referred by HoY", "referred in
#: by CF", "Referral was from the SENCO", "referral only came to me 24/09" (unless it goes on
#: to name where it went: "referred by SW to CAMHS")
_CAME_IN_AFTER = re.compile(
    r"^(?:\s+in)?\s+(?:by|from|(?:was|came|arrived)\s+(?:in\s+)?from"
    r"|(?:\w+\s+){0,2}came\s+(?:in\s+)?to\s+(?:me|us|the\s+(?:team|service)))\b(?![^.;]*\bto\s+[A-Z])",
    re.IGNORECASE,
)
#: "HoY referral: attendance down", "Class teacher referral - crying at break": the sender's
#: referral logged as its entry's heading
_SENDER_HEADING = re.compile(r"^\W*(?:[A-Za-z][\w&'’]*\s+){1,3}$")


def _came_in(sentence: str, start: int, end: int) -> bool:
    if re.search(r"\bself[- ]?$", sentence[:start], re.IGNORECASE) or sentence[
        start:end
    ].lower().startswith("self"):
        return True
    if _CAME_IN_AFTER.match(sentence[end:]):
        return True
    return bool(
        _SENDER_HEADING.match(sentence[:start])
        and re.match(r"\s*[:–-]\s", sentence[end:])
        and not destinations_in(sentence[:start])
        and not _DONE_WORDS.search(sentence[end:])
    )


_BY_PHONE = re.compile(
    r"\b(?:by\s+(?:phone|telephone)|rang|phoned|called|spoke\s+(?:to|with))\b[^.;]*"
    r"\b(?:SW|social worker|duty|manager|[A-Z][a-z]+\s+[A-Z][a-z]+)\b",
)


def _own_sender(note, sender: re.Match) -> bool:
    """The note is the sender's own ("GP referral" written by the GP)."""
    words = f"{note.author} {note.agency} {note.team}".lower()
    return sender.group("sender").lower() in re.findall(r"[a-z&]+", words)


def acted_on(sentence, destination: str | None, aliases: Mapping[str, str] | None = None) -> bool:
    """The sentence records the destination acting on a referral ("CAMHS crisis visit Sun
    13/04", "Young Carers rang mum"): it names the destination and what it did."""
    vocabulary = referral_vocabulary()
    aliases = aliases or {}
    if destination is None:
        return False
    named = [name for _, name in destinations_in(sentence.text)]
    named += [
        name
        for alias, name in aliases.items()
        if re.search(rf"\b{re.escape(alias)}\b", sentence.text)
    ]
    if destination not in named:
        return False
    # class "a negation in an aside does not undo the act": "CAMHS SPA: triage call with dad
    # 13/11 (Freya at school, not spoken to). Appointment offered"
    for clause in re.split(r"[;()]|\.\s|\s[-–]\s", sentence.text):
        if vocabulary.acted_on.search(clause) and not _NEGATED_CLAUSE.search(clause):
            return not _NOT_THROUGH.search(sentence.text)  # "Called CAMHS, line engaged"
    return False


_NEGATED_CLAUSE = re.compile(
    r"\b(?:no|not|never|nil|none|haven't|hasn't|didn't|not\s+yet|declined|refused|unable)\b|n't\b",
    re.IGNORECASE,
)


def agencies_in(case) -> dict[str, list[str]]:
    """The agencies whose notes this case holds, each with the files they came from."""
    found: dict[str, list[str]] = {}
    for note in case.notes:
        agency = note_agency(note)
        if agency and note.source is not None:
            paths = found.setdefault(agency, [])
            if note.source.path not in paths:
                paths.append(note.source.path)
    return found


@per_vocabulary
def _agency_names(vocabulary: Vocabulary) -> dict[str, str]:
    data = vocabulary.data("agencies.yaml")
    names = {}
    for agency, words in data.items():
        names[agency.lower()] = agency
        for word in words:
            names[str(word).lower()] = agency
    return names


def note_agency(note) -> str | None:
    """The note's agency, from its agency, team or author ("Farah Lyle (MASH Social Worker)")."""
    for text in (note.agency, note.team):
        agency = canonical_agency(text) or _agency_within(text)
        if agency:
            return agency
    role = re.search(r"\(([^)]*)\)", note.author or "")
    if role:
        agency = _agency_within(role.group(1))
        if agency:
            return agency
    # class "the recorder's role beside the name": "S.MWANGI SW", "EDT - Gemma Lowe"
    return _agency_within(re.sub(r"\([^)]*\)", " ", note.author or ""), roles_only=True)


#: the role words an author field may carry outside brackets, each with its agency
_AUTHOR_ROLES = {"sw": "Social Care", "edt": "Social Care", "mash": "Social Care",
                 "iro": "Social Care", "pc": "Police", "dc": "Police", "ds": "Police",
                 "hv": "Health", "sn": "Health", "gp": "Health", "mw": "Health",
                 "cpn": "Health"}  # fmt: skip


def _agency_within(text: str | None, roles_only: bool = False) -> str | None:
    """Class "an agency named with its place": "Ravensholt Children's Social Care", "Kestrel
    Vale Police" name the agency within a longer name; the longest name found wins."""
    if not text:
        return None
    lowered = text.lower()
    for word, agency in _AUTHOR_ROLE_NAMES if roles_only else _agency_and_role_names():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            return agency
    return None


_AUTHOR_ROLE_NAMES = tuple(sorted(_AUTHOR_ROLES.items(), key=lambda item: -len(item[0])))


@per_vocabulary
def _agency_and_role_names(vocabulary: Vocabulary) -> tuple[tuple[str, str], ...]:
    """Every agency name and author role, longest first (so "mash police" beats "mash")."""
    names = {**_agency_names(), **_AUTHOR_ROLES}
    return tuple(sorted(names.items(), key=lambda item: -len(item[0])))


def canonical_agency(name: str) -> str | None:
    """ "Children's Social Care", "MASH" -> "Social Care"; None when unrecognised."""
    return _agency_names().get(" ".join(name.lower().split())) if name else None


def agency_of(destination: str | None) -> str | None:
    for entry in referral_vocabulary().destinations:
        if entry.name == destination:
            return entry.agency
    return None


def in_order(events: Sequence[ReferralEvent]) -> list[ReferralEvent]:
    return sorted(
        events,
        key=lambda e: (e.date is None, e.date or dt.datetime.min, e.mention.sentence.index),
    )
