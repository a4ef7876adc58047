"""ConText for case notes: is a mention negated, hypothetical, historical, uncertain, or
about someone other than the child?

The algorithm is ConText's (Harkema, Dowling, Thornblade and Chapman 2009; as in medspaCy):
trigger phrases found in a sentence open a scope forwards, backwards or both; a scope ends at
the sentence end, at a terminator ("but", "however", ";", or a modifier's own terminators such
as a reporting verb for the experiencer), or after `max_scope` tokens; phrases that merely
contain a trigger ("not only", "no doubt") are pseudo-triggers and cancel it. A mention inside
a trigger's scope gets the trigger's mark, and the trigger is recorded so a report can say why.

Everything case-note specific is data in `rules/vocab/context.yaml`; this module knows only the
algorithm, plus two things a phrase list cannot say: "May" the month is not "may" the hedge, and
"in 2015" is history on a 2024 note but not on a 2015 one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from recordlint.nlp.errors import VocabError
from recordlint.nlp.vocab import DIRECTIONS, MODIFIERS, ModifierRules, Vocabulary

SUBJECT = "subject"
OTHER = "other"
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass(frozen=True)
class Trigger:
    """One trigger that set a mark: the modifier, the words, and where they are in the text."""

    modifier: str
    text: str
    start: int  # character offsets in the text that was analysed
    end: int
    person: str | None = None  # for the experiencer: who the mention is about

    def __str__(self) -> str:
        who = f" ({self.person})" if self.person else ""
        return f"{self.modifier}: {self.text!r}{who}"


@dataclass(frozen=True)
class Context:
    """The context of one mention. `experiencer` is "subject" (the child) or "other"."""

    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    uncertain: bool = False
    experiencer: str = SUBJECT
    person: str | None = None
    triggers: tuple[Trigger, ...] = ()

    @property
    def affirmed(self) -> bool:
        return not self.negated

    @property
    def about_child(self) -> bool:
        return self.experiencer == SUBJECT

    def trigger_for(self, modifier: str) -> Trigger | None:
        return next((t for t in self.triggers if t.modifier == modifier), None)

    def describe(self) -> str:
        """Plain words for a report: "negated by 'no concerns about'; about mother ('Mum')"."""
        parts = []
        for trigger in self.triggers:
            if trigger.modifier == "experiencer":
                parts.append(f"about {trigger.person or 'someone else'} ({trigger.text!r})")
            else:
                parts.append(f"{trigger.modifier} by {trigger.text!r}")
        return "; ".join(parts)


@dataclass
class _TriggerMatch:
    modifier: str
    start: int  # token offsets in the doc
    end: int
    directions: set[str]
    person: str | None = None
    max_scope: int | None = None
    year: int | None = None


@dataclass
class DocTriggers:
    """The usable triggers and terminator positions found in one doc, by modifier."""

    triggers: dict[str, list[_TriggerMatch]] = field(default_factory=dict)
    terminators: dict[str, set[int]] = field(default_factory=dict)
    _by_sentence: dict[tuple[str, int], list[_TriggerMatch]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    def in_sentence(self, modifier: str, sentence: Span) -> list[_TriggerMatch]:
        """The modifier's triggers inside one sentence (a binary search over the triggers,
        which are in document order, so a long note stays linear)."""
        key = (modifier, sentence.start)
        if key not in self._by_sentence:
            triggers = self.triggers.get(modifier, [])
            if modifier not in self._starts:
                self._starts[modifier] = [t.start for t in triggers]
            starts = self._starts[modifier]
            first = bisect_left(starts, sentence.start)
            last = bisect_left(starts, sentence.end, lo=first)
            self._by_sentence[key] = [t for t in triggers[first:last] if t.end <= sentence.end]
        return self._by_sentence[key]


class ContextMatcher:
    """Finds triggers in a doc once, then judges any number of target spans against them."""

    def __init__(self, vocab, vocabulary: Vocabulary, make_doc) -> None:
        self.rules = vocabulary.modifiers
        self.phrases = PhraseMatcher(vocab, attr="LOWER")
        self.patterns = Matcher(vocab)
        self._keys: dict[int, tuple[str, str, str | None]] = {}
        self._pattern_scopes: dict[int, int | None] = {}
        self._pattern_lengths: dict[str, int | None] = {}
        self._not_names = set(vocabulary.modifiers["experiencer"].not_names)

        def add(modifier: str, kind: str, phrases: Iterable[str], person: str | None = None):
            key = f"{modifier}|{kind}|{person or ''}"
            docs = [make_doc(p) for p in dict.fromkeys(phrases)]
            if docs:
                self.phrases.add(key, docs)
                self._keys[vocab.strings[key]] = (modifier, kind, person)

        add("*", "terminate", vocabulary.terminators)
        for name, rules in vocabulary.modifiers.items():
            for direction in DIRECTIONS:
                if name == "experiencer" and direction == "backward":
                    for person, words in self._backward_persons(rules).items():
                        add(name, direction, words, person)
                else:
                    add(name, direction, rules.phrases[direction])
            for person, words in rules.persons.items():
                add(name, "forward", words, person)
            add(name, "pseudo", rules.pseudo)
            add(name, "terminate", rules.terminate)
            for number, pattern in enumerate(rules.patterns):
                try:
                    Matcher(vocab, validate=True).add("check", [pattern.pattern])
                except (ValueError, KeyError, TypeError) as exc:
                    first = str(exc).strip().splitlines()[0]
                    raise VocabError(
                        f"context.yaml: modifier {name!r}, pattern {number + 1}: invalid token "
                        f"pattern {pattern.pattern!r} ({first})"
                    ) from None
                self._pattern_lengths[f"{name}|{pattern.direction}|pattern{number}"] = (
                    pattern.trigger_tokens
                )
                key = f"{name}|{pattern.direction}|pattern{number}"
                self.patterns.add(key, [pattern.pattern])
                self._keys[vocab.strings[key]] = (name, pattern.direction, None)
                self._pattern_scopes[vocab.strings[key]] = pattern.max_scope

    @staticmethod
    def _backward_persons(rules: ModifierRules) -> dict[str | None, list[str]]:
        """Sort "by her mother" under mother: the person is whichever person word it contains."""
        by_person: dict[str | None, list[str]] = {}
        words = sorted(
            ((w.lower(), person) for person, ws in rules.persons.items() for w in ws),
            key=lambda item: -len(item[0]),
        )
        for phrase in rules.phrases["backward"]:
            lowered = f" {phrase.lower().strip('()')} "
            person = next((p for w, p in words if f" {w} " in lowered), None)
            by_person.setdefault(person, []).append(phrase)
        return by_person

    def find(self, doc: Doc) -> DocTriggers:
        found = DocTriggers()
        raw: dict[str, list[_TriggerMatch]] = {m: [] for m in MODIFIERS}
        pseudo: dict[str, list[tuple[int, int]]] = {m: [] for m in MODIFIERS}
        terminate: dict[str, list[tuple[int, int]]] = {m: [] for m in [*MODIFIERS, "*"]}
        matches = [(k, s, e, None) for k, s, e in self.phrases(doc)]
        for key, start, end in self.patterns(doc):
            # a pattern may look past its trigger: "to be" + a past participle
            length = self._pattern_lengths.get(doc.vocab.strings[key])
            end = start + length if length else end
            matches.append((key, start, end, self._pattern_scopes.get(key)))
        for key, start, end, max_scope in matches:
            modifier, kind, person = self._keys[key]
            if kind == "pseudo":
                pseudo[modifier].append((start, end))
            elif kind == "terminate":
                terminate[modifier].append((start, end))
            else:
                if self._is_month(doc, modifier, start, end):
                    continue
                directions = {"forward", "backward"} if kind == "both" else {kind}
                year = _year(doc[start:end].text) if modifier == "historical" else None
                raw[modifier].append(
                    _TriggerMatch(modifier, start, end, directions, person, max_scope, year)
                )
        for modifier in MODIFIERS:
            kept = _not_cancelled(raw[modifier], pseudo[modifier])
            found.triggers[modifier] = _merge_overlapping(kept)
            positions: set[int] = set()
            # a terminator inside a trigger or a pseudo-trigger is part of a phrase, not an end
            shields = [(t.start, t.end) for t in found.triggers[modifier]] + pseudo[modifier]
            shielded = {i for start, end in shields for i in range(start, end)}
            for start, end in [*terminate["*"], *terminate[modifier]]:
                if not any(i in shielded for i in range(start, end)):
                    positions.update(range(start, end))
            if modifier == "experiencer" and found.triggers[modifier]:
                # a name other than a family word ("Mum suspects Keira is seeing...") is most
                # often the child's, and ends the person's scope as "she" does
                # (only sentences holding a person's trigger: scope never leaves a sentence)
                not_names = self._not_names
                sentences = {doc[t.start].sent for t in found.triggers[modifier]}
                positions.update(
                    t.i
                    for sentence in sentences
                    for t in sentence[1:]
                    if t.is_title and t.is_alpha and t.i not in shielded and t.text not in not_names
                )
            found.terminators[modifier] = positions
        return found

    def sentence_marks(self, doc: Doc, sentence: Span, found: DocTriggers) -> frozenset[str]:
        """The modifiers a whole sentence carries: a trigger anywhere in it ("Plan to visit",
        "did not attend"), or the heading it sits under. For rules that judge sentences, such
        as whether a later note records an action done."""
        marks = set()
        for modifier in ("negated", "hypothetical", "historical", "uncertain"):
            inside = bool(found.in_sentence(modifier, sentence))
            heading = _section_heading(doc, sentence, self.rules[modifier].sections)
            if inside or heading is not None:
                marks.add(modifier)
        return frozenset(marks)

    def _is_month(self, doc: Doc, modifier: str, start: int, end: int) -> bool:
        """ "on 3 May", "May 2024", "in May": the month, not the hedge."""
        rules = self.rules[modifier]
        if end - start != 1 or doc[start].text not in rules.month_words:
            return False
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if (before is not None and before.like_num) or (after is not None and after.like_num):
            return True
        return doc[start].text[0].isupper() and not doc[start].is_sent_start

    def assess(
        self,
        doc: Doc,
        target: Span,
        found: DocTriggers,
        note_year: int | None = None,
    ) -> Context:
        sentence = target.sent
        marks: dict[str, bool] = {}
        triggers: list[Trigger] = []
        person: str | None = None
        for modifier in MODIFIERS:
            rules = self.rules[modifier]
            best: _TriggerMatch | None = None
            best_distance = None
            if modifier == "experiencer":
                receiver = _receiver(doc, target, found.in_sentence(modifier, sentence))
                if receiver is _CHILD:
                    continue
                if receiver is not None:
                    best, best_distance = receiver, 0
            for trigger in found.in_sentence(modifier, sentence) if best is None else ():
                if target.start <= trigger.start and trigger.end <= target.end:
                    continue  # a trigger inside the mention ("older boyfriend") is part of it
                if trigger.year is not None and note_year is not None and trigger.year >= note_year:
                    continue  # "in 2024" on a 2024 note is not history
                distance = _reaches(trigger, target, rules, found.terminators[modifier])
                if distance is not None and (best_distance is None or distance < best_distance):
                    best, best_distance = trigger, distance
            if best is None:
                heading = _section_heading(doc, target, rules.sections)
                if heading is not None:
                    marks[modifier] = True
                    triggers.append(Trigger(modifier, heading.text, *_chars(heading)))
                continue
            marks[modifier] = True
            span = doc[best.start : best.end]
            triggers.append(Trigger(modifier, span.text, *_chars(span), best.person))
            if modifier == "experiencer":
                person = best.person
        return Context(
            negated=marks.get("negated", False),
            hypothetical=marks.get("hypothetical", False),
            historical=marks.get("historical", False),
            uncertain=marks.get("uncertain", False),
            experiencer=OTHER if marks.get("experiencer") else SUBJECT,
            person=person,
            triggers=tuple(triggers),
        )


_CHILD = _TriggerMatch("experiencer", -1, -1, set())
_OBJECT_PRONOUNS = {"him", "her", "them"}
_POSSESSIVES = {"her", "his", "their"}
_PREPOSITIONS = {"with", "to", "for", "by", "at", "from", "of", "in", "on", "about"}


def _receiver(doc: Doc, target: Span, persons: Sequence[_TriggerMatch]) -> _TriggerMatch | None:
    """Who receives the action written right after the mention: "hit Mum" is about Mum and
    "pushed him" or "hit Tyler" about the child, whoever did it. None when nothing follows."""
    if doc[target.end - 1].lower_ in _PREPOSITIONS:
        return None  # "lives with her mum": whose it is comes from before, not after
    if doc[target.end - 1].lower_ in _OBJECT_PRONOUNS:
        return _CHILD  # the mention itself ends with who received it: "hit her"
    after = target.end
    if after >= target.sent.end:
        return None
    starting = {t.start: t for t in persons}
    if after in starting:
        return starting[after]
    token = doc[after]
    if token.lower_ in _POSSESSIVES and after + 1 in starting:
        return starting[after + 1]  # "hit her sister"
    following = doc[after + 1] if after + 1 < target.sent.end else None
    possessive = token.lower_ == "her" and following is not None and following.is_alpha
    if (token.lower_ in _OBJECT_PRONOUNS and not possessive) or (token.is_title and token.is_alpha):
        return _CHILD
    return None


def _section_heading(doc: Doc, target: Span, sections: Sequence[str]) -> Span | None:
    """The heading the target sits under ("Plan:"), when that section sets this modifier."""
    if not sections:
        return None
    found = section_of(doc, target.start)
    if found is None:
        return None
    start, end, reach, name = found
    if end <= target.start and target.end <= reach and name in sections:
        return doc[start:end]
    return None


def section_of(doc: Doc, token: int) -> tuple[int, int, int, str] | None:
    """The heading whose reach holds a token: the last heading starting at or before it (a
    binary search, since headings are in order and do not overlap)."""
    sections = doc._.recordlint_sections or ()
    starts = doc.user_data.get(_SECTION_STARTS)
    if starts is None or len(starts) != len(sections):
        starts = [section[0] for section in sections]
        doc.user_data[_SECTION_STARTS] = starts
    index = bisect_right(starts, token) - 1
    if index < 0:
        return None
    section = sections[index]
    return section if token < section[2] else None


_SECTION_STARTS = "recordlint.section_starts"


def _chars(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _reaches(
    trigger: _TriggerMatch, target: Span, rules: ModifierRules, terminators: set[int]
) -> int | None:
    """How many tokens separate a trigger from the target it reaches; None when out of scope.
    A trigger that runs into the target ("to refer" over "refer") reaches it."""
    if trigger.start < target.end and target.start < trigger.end:
        return 0
    if "forward" in trigger.directions and trigger.end <= target.start:
        gap = target.start - trigger.end
        limit = trigger.max_scope or rules.max_scope
        blocked = any(i in terminators for i in range(trigger.end, target.start))
        if (limit is None or gap < limit) and not blocked:
            return gap
    if "backward" in trigger.directions and trigger.start >= target.end:
        gap = trigger.start - target.end
        limit = trigger.max_scope or rules.backward_scope or rules.max_scope
        blocked = any(i in terminators for i in range(target.end, trigger.start))
        if (limit is None or gap < limit) and not blocked:
            return gap
    return None


def _year(text: str) -> int | None:
    years = [int(m.group(0)) for m in _YEAR.finditer(text)]
    return max(years) if years else None


def _not_cancelled(
    triggers: list[_TriggerMatch], pseudo: Sequence[tuple[int, int]]
) -> list[_TriggerMatch]:
    """Drop triggers a pseudo-trigger cancels: one it contains ("not only") or overlaps and
    outruns ("no longer" over "no"). Pseudo-triggers are indexed by token, so this is linear."""
    covering: dict[int, list[tuple[int, int]]] = {}
    for start, end in pseudo:
        for i in range(start, end):
            covering.setdefault(i, []).append((start, end))
    kept = []
    for trigger in triggers:
        length = trigger.end - trigger.start
        if any(
            end - start >= length
            for i in range(trigger.start, trigger.end)
            for start, end in covering.get(i, ())
        ):
            continue
        kept.append(trigger)
    return kept


def _merge_overlapping(triggers: list[_TriggerMatch]) -> list[_TriggerMatch]:
    """Drop a trigger inside a longer one, which takes its directions ("if" in "if she")."""
    by_span: dict[tuple[int, int], _TriggerMatch] = {}
    for trigger in triggers:
        key = (trigger.start, trigger.end)
        if key in by_span:
            kept = by_span[key]
            kept.directions |= trigger.directions
            kept.person = kept.person or trigger.person
            kept.year = kept.year or trigger.year
        else:
            by_span[key] = trigger
    if not by_span:
        return []
    longest_first = sorted(by_span.values(), key=lambda t: (t.start - t.end, t.start))
    kept: list[_TriggerMatch] = []
    covering: dict[int, list[_TriggerMatch]] = {}  # token -> kept triggers over it
    for trigger in longest_first:
        holder = next((k for k in covering.get(trigger.start, ()) if trigger.end <= k.end), None)
        if holder is None:
            for i in range(trigger.start, trigger.end):
                covering.setdefault(i, []).append(trigger)
            # overlapping without containing ("is thought" backward, "thought to" forward):
            # both stand, each in its own direction
            kept.append(trigger)
        else:
            # "if she" (listed backward) still opens forwards as "if" does
            holder.directions |= trigger.directions
    return sorted(kept, key=lambda t: t.start)


__all__ = ["OTHER", "SUBJECT", "Context", "ContextMatcher", "DocTriggers", "Trigger"]
