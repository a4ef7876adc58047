"""What rules see of the NLP layer: sentences and concept mentions, as plain frozen objects.

Rules never touch spaCy. A rule asks for `text` and queries it:

    for mention in text.mentions("self_harm"):              # affirmed, actual, about the child
        ...
    text.mentions("domestic_abuse", experiencer=None)       # about anyone
    text.mentions("referral", hypothetical=True, after=d)   # intentions after a date

Defaults follow rules.md's definition of a mention: not negated, not hypothetical, about the
child; historical and uncertain mentions are kept unless a rule asks otherwise.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from recordlint.model import Evidence, Note
from recordlint.nlp.context import SUBJECT, Context, section_of
from recordlint.nlp.timex import TimeExpression


@dataclass(frozen=True)
class Sentence:
    """A sentence of a note, with its character offsets in the note and its section heading."""

    note: Note
    index: int
    text: str
    start: int
    end: int
    section: str = ""
    #: modifiers with a trigger anywhere in the sentence, or set by its heading
    marks: frozenset[str] = frozenset()
    #: lemmas of its content words (no stop words, punctuation or numbers), for matching
    lemmas: tuple[str, ...] = ()
    #: lemmas of its words written in a past form ("booked", "spoke", "sent")
    past: frozenset[str] = frozenset()
    #: its time expressions (the time layer), offsets in the note text
    times: tuple[TimeExpression, ...] = ()
    #: the words `lemmas` were made from, in lower case and the same order
    words: tuple[str, ...] = ()

    def times_in(self, start: int, end: int) -> tuple[TimeExpression, ...]:
        """The time expressions inside a part of the sentence (offsets in the note)."""
        return tuple(t for t in self.times if start <= t.start and t.end <= end)

    @property
    def actual(self) -> bool:
        """Neither negated nor intended: the sentence says something happened or is so."""
        return not ({"negated", "hypothetical"} & self.marks)


@dataclass(frozen=True)
class Mention:
    """One concept found in a note, with its context and the sentence it sits in."""

    concept: str
    text: str
    note: Note
    sentence: Sentence
    start: int  # character offsets in the note text
    end: int
    context: Context

    @property
    def date(self) -> dt.datetime | None:
        return self.note.date

    def evidence(self, trigger: str | None = None) -> Evidence:
        """Evidence quoting the sentence; `span` is where the mention sits inside the quote."""
        offset = self.sentence.start
        why = trigger if trigger is not None else (self.context.describe() or None)
        return Evidence(
            source=str(self.note.source) if self.note.source else "",
            note_id=self.note.note_id,
            date=self.note.date,
            agency=self.note.agency or None,
            quote=self.sentence.text,
            span=(self.start - offset, self.end - offset),
            trigger=why,
        )


@dataclass(frozen=True)
class NoteText:
    note: Note
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class CaseText:
    """Every note of one case as the NLP layer read it, in date order."""

    notes: tuple[NoteText, ...] = ()

    def mentions(
        self,
        *concepts: str,
        negated: bool | None = False,
        hypothetical: bool | None = False,
        historical: bool | None = None,
        uncertain: bool | None = None,
        experiencer: str | None = SUBJECT,
        after: dt.datetime | None = None,
        before: dt.datetime | None = None,
        where: Callable[[Mention], bool] | None = None,
    ) -> list[Mention]:
        """Mentions of any of `concepts`, filtered by context (None: either way) and date.

        `after`/`before` are exclusive bounds on the note date; an undated note is never inside
        a date window.
        """
        wanted = set(concepts)
        found = []
        for mention in self._all_mentions():
            context = mention.context
            if wanted and mention.concept not in wanted:
                continue
            if not (
                _matches(negated, context.negated)
                and _matches(hypothetical, context.hypothetical)
                and _matches(historical, context.historical)
                and _matches(uncertain, context.uncertain)
                and (experiencer is None or context.experiencer == experiencer)
            ):
                continue
            if (after or before) and not _within(mention.date, after, before):
                continue
            if where is not None and not where(mention):
                continue
            found.append(mention)
        return found

    def sentences(self, section: str | None = None) -> list[Sentence]:
        return [
            sentence
            for note in self.notes
            for sentence in note.sentences
            if section is None or sentence.section == section
        ]

    def concepts(self) -> set[str]:
        """Every concept mentioned anywhere, whatever its context."""
        return {m.concept for m in self._all_mentions()}

    def _all_mentions(self) -> Iterator[Mention]:
        for note in self.notes:
            yield from note.mentions


def _matches(wanted: bool | None, actual: bool) -> bool:
    return wanted is None or wanted == actual


def _within(date: dt.datetime | None, after: dt.datetime | None, before: dt.datetime | None):
    if date is None:
        return False
    return (after is None or date > after) and (before is None or date < before)


#: class "an initialism's plural": "CAWNs", "RHIs", "EHCPs" mean the CAWN, RHI, EHCP
_INITIALISM_PLURAL = re.compile(r"[A-Z]{2,}s")


def _lemma(token) -> str:
    """The token's lemma, with an initialism's plural made singular (spaCy leaves "CAWNs")."""
    if _INITIALISM_PLURAL.fullmatch(token.text):
        return token.text[:-1].lower()
    return token.lemma_


def note_text_from_doc(note: Note, doc) -> NoteText:
    """Turn a processed doc into spaCy-free sentences and mentions (called by the annotator)."""
    sentences: list[Sentence] = []
    by_start: dict[int, Sentence] = {}
    for index, sent in enumerate(doc.sents):
        text = sent.text.strip()
        if not text:
            continue
        found = section_of(doc, sent.start)
        section = found[3] if found else ""
        leading = len(sent.text) - len(sent.text.lstrip())
        start = sent.start_char + leading
        marks = (doc._.recordlint_sentence_marks or {}).get(sent.start, frozenset())
        content = [t for t in sent if t.is_alpha and not t.is_stop and len(t) > 1]
        lemmas = tuple(_lemma(t) for t in content)
        words = tuple(t.lower_ for t in content)
        past = frozenset(
            t.lemma_
            for t in sent
            if t.is_alpha and t.lemma_ != t.lower_ and not t.lower_.endswith(("ing", "s"))
        )
        end = start + len(text)
        times = tuple(t for t in doc._.recordlint_times or () if start <= t.start < end)
        sentence = Sentence(
            note, index, text, start, end, section, marks, lemmas, past, times, words
        )
        sentences.append(sentence)
        by_start[sent.start] = sentence
    mentions = []
    for span, context in doc._.recordlint_mentions or ():
        sentence = by_start.get(span.sent.start)
        if sentence is None:
            continue
        mentions.append(
            Mention(span.label_, span.text, note, sentence, span.start_char, span.end_char, context)
        )
    return NoteText(note, tuple(sentences), tuple(mentions))
