"""The spaCy components recordlint adds to a pipeline.

- `recordlint_sentences`: sentence boundaries for case-note style: line breaks, bullets, numbered
  items, "Plan:" headings (each sentence remembers its section), and full stops that end
  sentences but not "approx." or "no. 5".
- `recordlint_lemmatizer`: spaCy's lookup lemmatizer (tables from spacy-lookups-data) looking up
  the lower-cased word, so "Cutting" and "cutting" both lemmatise to "cut" and concept phrases
  match whatever the capitalisation.
- `recordlint_context`: ConText marks for every concept span the span rulers found.
- `recordlint_time`: the time layer, every date, time, period, frequency and occasion valued.

Components that need the vocabularies get them through `setup()` after `add_pipe`, because the
vocabularies are Python objects built once per process, not pipeline config.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER, SENT_START
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token

from recordlint.nlp.context import Context, ContextMatcher
from recordlint.nlp.errors import PipelineError
from recordlint.nlp.timex import find_times
from recordlint.nlp.vocab import Vocabulary

CONCEPTS_KEY = "concepts"
#: user_data key for the date of the note a doc was made from (the time layer's reference)
NOTE_DATE = "recordlint.note_date"
#: user_data key for the year of the note a doc was made from ("in 2015" is history or not)
NOTE_YEAR = "recordlint.note_year"

if not Doc.has_extension("recordlint_sections"):
    Doc.set_extension("recordlint_sections", default=None)
if not Doc.has_extension("recordlint_mentions"):
    Doc.set_extension("recordlint_mentions", default=None)
if not Doc.has_extension("recordlint_times"):
    Doc.set_extension("recordlint_times", default=None)
if not Doc.has_extension("recordlint_sentence_marks"):
    Doc.set_extension("recordlint_sentence_marks", default=None)

_FINAL = {".", "!", "?", "…", "...", "!!", "??", "?!"}
_CLOSERS = {'"', "'", "”", "’", ")", "]"}
_BULLETS = {"-", "*", "•", "·", "–", "—", "o", ">", "+", "▪", "◦"}
# a full stop after these does not end a sentence when the next word is lower case or a number
_MAX_LABEL_TOKENS = 4
_NOT_FINAL_BEFORE = {"approx", "no", "nos", "tel", "ref", "vs", "cf", "inc", "dept", "ext", "fig"}


class SentenceSplitter:
    """Sentence starts for notes that are written in lines, bullets and headings, not prose."""

    def __init__(self) -> None:
        self.headings: dict[tuple[str, ...], str] = {}
        self.longest = 1

    def setup(self, sections: Mapping[str, Sequence[str]], make_doc) -> None:
        for section, phrases in sections.items():
            for phrase in phrases:
                words = tuple(t.lower_ for t in make_doc(phrase))
                self.headings[words] = section
                self.longest = max(self.longest, len(words))

    def __call__(self, doc: Doc) -> Doc:
        starts = [i == 0 for i in range(len(doc))]
        headings: list[tuple[int, int, str]] = []  # heading start, end (tokens), section
        line_start = True
        for i, token in enumerate(doc):
            if token.is_space and "\n" in token.text:
                line_start = True
                continue
            if i > 0 and line_start:
                starts[i] = self._line_starts_sentence(doc, i)
            elif i > 0 and self._after_sentence_end(doc, i):
                starts[i] = True
            if line_start or starts[i]:
                # a heading opens a line, or a sentence mid-line ("Seen at home. Plan: ...")
                heading = self._heading(doc, i, known_only=not line_start)
                if heading is not None:
                    section, after = heading
                    starts[i] = True
                    headings.append((i, after, section))
                    if after < len(doc) and not doc[after].is_space:
                        starts[after] = True
            line_start = False
        # a run of spaces or newlines belongs to the sentence before it, never starts one; set in
        # one array (token by token, spaCy rescans the whole doc on every assignment)
        values = (
            numpy.array(
                [1 if starts[i] and not (t.is_space and i > 0) else -1 for i, t in enumerate(doc)],
                dtype="int64",
            )
            .astype("uint64")
            .reshape(-1, 1)
        )  # spaCy stores -1 ("not a start") as its uint64
        if len(doc):
            doc.from_array([SENT_START], values)
        doc._.recordlint_sections = _with_reach(doc, headings)
        return doc

    def _heading(self, doc: Doc, i: int, known_only: bool = False) -> tuple[str, int] | None:
        """A heading at the start of a line, then ":" (or the end of the line, for a known one).

        Known headings (sections.yaml) name their section; any other short capitalised label
        alone on its line before a colon ("Update 14:30:") is an unnamed heading that ends the
        one before.
        """
        for length in range(min(self.longest, len(doc) - i), 0, -1):
            words = tuple(t.lower_ for t in doc[i : i + length])
            section = self.headings.get(words)
            if section is None:
                continue
            after = i + length
            if after >= len(doc):
                return section, after
            if doc[after].text in {":", "-", "–"}:
                return section, after + 1
            if doc[after].is_space and "\n" in doc[after].text:
                return section, after
        if known_only or not (doc[i].is_title or doc[i].is_upper) or doc[i].text in _BULLETS:
            return None
        qualified = self._qualified_heading(doc, i)
        if qualified is not None:
            return qualified
        for j in range(i + 1, min(i + _MAX_LABEL_TOKENS + 1, len(doc))):
            if doc[j].is_space or doc[j].text in _FINAL:
                return None
            if doc[j].text == ":":
                # only alone on its line: "Self-harm: nil" is a field and its value
                line_ends = j + 1 >= len(doc) or "\n" in doc[j + 1].text
                return ("", j + 1) if line_ends else None
        return None

    def _qualified_heading(self, doc: Doc, i: int) -> tuple[str, int] | None:
        """Class "a known heading with qualifiers": "EARLY HELP PLAN (TAF 1) - Alex, mum, dad",
        "TAF plan 20-09-2023", "Safety plan 12/11:", "CIN Plan:". Up to four capitalised
        words, then a known one-word heading (plan, actions), then a bracket, a date or a list
        of who was there, and the end of the line or a colon. "Plan to visit Friday" is not.
        Class "a meeting's actions": after a capitalised first word, qualifiers in lower case
        ("Core group actions:", "Strategy meeting actions:") when a colon closes the heading."""
        lower_case = False
        for j in range(i, min(i + 5, len(doc))):
            token = doc[j]
            if token.is_space or token.text in _FINAL:
                return None
            section = self.headings.get((token.lower_,))
            if section is None or j == i:
                if not (token.is_title or token.is_upper or token.text in {"&", "/", "-"}):
                    if j == i or not token.is_alpha:
                        return None
                    lower_case = True
                continue
            k = j + 1
            if k < len(doc) and doc[k].text == "(":
                while k < len(doc) and doc[k].text != ")" and "\n" not in doc[k].text:
                    k += 1
                k += 1
            while k < len(doc) and re.fullmatch(r"\d[\d/.-]*", doc[k].text):
                k += 1  # a date written after the heading
            if k < len(doc) and doc[k].text == ":":
                return section, k + 1
            if lower_case:
                return None
            if k >= len(doc) or (doc[k].is_space and "\n" in doc[k].text):
                return section, k
            if doc[k].text in {"-", "–", "—"}:
                end = k
                while end < len(doc) and "\n" not in doc[end].text:
                    end += 1
                return section, end  # "- Alex, mum, dad": who was there, part of the heading
            return None
        return None

    @staticmethod
    def _line_starts_sentence(doc: Doc, i: int) -> bool:
        """A new line starts a sentence unless it carries on a line wrapped mid-sentence."""
        token = doc[i]
        previous = _previous_word(doc, i)
        if previous is None or "\n\n" in doc[i - 1].text or doc[i - 1].text.count("\n") > 1:
            return True
        if token.text in _BULLETS or token.like_num or not token.is_lower:
            return True
        return previous.text in _FINAL | {":", ";"} | _CLOSERS

    @staticmethod
    def _after_sentence_end(doc: Doc, i: int) -> bool:
        token = doc[i]
        previous = doc[i - 1]
        if previous.text in _CLOSERS and i >= 2 and doc[i - 2].text in _FINAL:
            return token.text not in _CLOSERS
        if previous.text not in _FINAL or token.text in _FINAL | _CLOSERS:
            return False
        if previous.text == "?" and not previous.whitespace_:
            return False  # "?CSE": a question mark written against a word is a hedge
        if previous.text == "?" and (
            i < 2 or (doc[i - 2].is_space and "\n" in doc[i - 2].text) or doc[i - 2].text in ":-–"
        ):
            return False  # "? self-harm" opening a line, "Ethnicity: ? Pakistani": a query
        if previous.text == "." and i >= 2 and _is_list_number(doc, i - 2):
            return False  # "1. Refer to MASH": a numbered item, not a sentence "1."
        if previous.text == "." and i >= 2:
            before = doc[i - 2].lower_
            if before in _NOT_FINAL_BEFORE and (token.is_lower or token.like_num):
                return False
        return True


def _with_reach(doc: Doc, headings: list[tuple[int, int, str]]) -> list[tuple[int, int, int, str]]:
    """How far each heading reaches: a heading with text after it on its line ("Plan: SW to
    visit") covers that line and the lines under it that go on as a list (class "an inline
    plan's list": "Plan: rx sent.\nmonitor mood\nsupport mum", each line opening in lower case
    or with a bullet); a heading on a line of its own covers the lines below it until a blank
    line or the next heading."""
    sections = []
    for number, (start, end, name) in enumerate(headings):
        limit = headings[number + 1][0] if number + 1 < len(headings) else len(doc)
        inline = end < len(doc) and not doc[end].is_space
        reach = limit
        for j in range(end, limit):
            text = doc[j].text
            if doc[j].is_space and ("\n" in text if inline else text.count("\n") > 1):
                if inline and text.count("\n") == 1 and _goes_on_as_a_list(doc, j + 1):
                    continue
                reach = j
                break
        sections.append((start, end, reach, name))
    return sections


def _goes_on_as_a_list(doc: Doc, i: int) -> bool:
    """The line starting at token `i` opens in lower case or with a bullet."""
    if i >= len(doc):
        return False
    first = doc[i].text
    return first in _BULLETS or first[:1].islower()


def _is_list_number(doc: Doc, i: int) -> bool:
    """A number (or one letter) alone at the start of a line: "1." or "b."."""
    token = doc[i]
    at_line_start = i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)
    return at_line_start and (token.like_num or (token.is_alpha and len(token) == 1))


def _previous_word(doc: Doc, i: int) -> Token | None:
    for j in range(i - 1, -1, -1):
        if not doc[j].is_space:
            return doc[j]
    return None


@Language.factory("recordlint_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    return SentenceSplitter()


class LowercaseLookupLemmatizer(Lemmatizer):
    """spaCy's lookup lemmatizer, looking up the lower-cased word and returning lower case.

    The table is spaCy's English lemma lookup (spacy-lookups-data), held as a plain dict: read
    so, it loads in a sixth of the time spaCy's `Lookups` takes, which a practitioner waits for
    on every single-case check. A whole doc is lemmatised through arrays (each distinct word
    looked up once per process), not token by token: on notes it was a tenth of the NLP time.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._table: dict[str, str] = {}
        self._lemma_of: dict[int, int] = {}  # hash of the lower-cased word -> hash of its lemma

    def setup(self) -> None:
        """Load the lookup table (instead of `initialize`, which builds spaCy's `Lookups`)."""
        from spacy.util import load_language_data, registry

        tables = (
            registry.lookups.get(self.vocab.lang) if self.vocab.lang in registry.lookups else {}
        )
        if "lemma_lookup" not in tables:
            raise PipelineError(
                f"no lemma table for language {self.vocab.lang!r}: is spacy-lookups-data installed?"
            )
        self._table = load_language_data(tables["lemma_lookup"])
        self._validated = True

    def lookup_lemmatize(self, token: Token) -> list[str]:
        lower = token.lower_
        return [self._table.get(lower, lower)]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemma_of, strings, table = self._lemma_of, doc.vocab.strings, self._table
        lemmas = []
        for word in doc.to_array(LOWER).tolist():
            lemma = lemma_of.get(word)
            if lemma is None:
                lower = strings[word]
                lemma = lemma_of[word] = strings.add(table.get(lower, lower))
            lemmas.append(lemma)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64").reshape(-1, 1))
        return doc


@Language.factory("recordlint_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LowercaseLookupLemmatizer:
    return LowercaseLookupLemmatizer(nlp.vocab, None, name, mode="lookup", overwrite=True)


class ContextComponent:
    """Marks every concept span with its context, in `doc._.recordlint_mentions`."""

    def __init__(self) -> None:
        self.matcher: ContextMatcher | None = None

    def setup(self, nlp: Language, vocabulary: Vocabulary) -> None:
        self.matcher = ContextMatcher(nlp.vocab, vocabulary, nlp.make_doc)

    def __call__(self, doc: Doc) -> Doc:
        if self.matcher is None:
            raise RuntimeError("recordlint_context used before setup()")
        spans = _longest_per_concept(doc.spans.get(CONCEPTS_KEY, ()))
        found = self.matcher.find(doc)
        year = doc.user_data.get(NOTE_YEAR)
        doc._.recordlint_mentions = [
            (span, self.matcher.assess(doc, span, found, year)) for span in spans
        ]
        doc._.recordlint_sentence_marks = {
            sent.start: self.matcher.sentence_marks(doc, sent, found) for sent in doc.sents
        }
        return doc

    def context(self, doc: Doc, span: Span) -> Context:
        """The context of any span of a processed doc, concept or not."""
        if self.matcher is None:
            raise RuntimeError("recordlint_context used before setup()")
        return self.matcher.assess(doc, span, self.matcher.find(doc), doc.user_data.get(NOTE_YEAR))


class TimeComponent:
    """The time layer (`recordlint.nlp.timex`): every time expression of the note, valued
    against the note's date, in `doc._.recordlint_times`."""

    def __init__(self) -> None:
        self.words: dict = {}

    def setup(self, vocabulary: Vocabulary) -> None:
        self.words = dict(vocabulary.time)

    def __call__(self, doc: Doc) -> Doc:
        doc._.recordlint_times = find_times(doc.text, doc.user_data.get(NOTE_DATE), self.words)
        return doc


@Language.factory("recordlint_time")
def make_time(nlp: Language, name: str) -> TimeComponent:
    return TimeComponent()


@Language.factory("recordlint_context")
def make_context(nlp: Language, name: str) -> ContextComponent:
    return ContextComponent()


def _longest_per_concept(spans: Sequence[Span]) -> list[Span]:
    """Within one concept keep the longest of overlapping matches ("deliberate self-harm" over
    "self-harm"); different concepts may overlap ("CAMHS crisis" is a service and a response)."""
    by_label: dict[str, list[Span]] = {}
    for span in spans:
        by_label.setdefault(span.label_, []).append(span)
    kept: list[Span] = []
    for label_spans in by_label.values():
        # greedy sweep, longest first at each start: linear after the sort
        chosen: list[Span] = []
        for span in sorted(label_spans, key=lambda s: (s.start, s.start - s.end)):
            if not chosen or span.start >= chosen[-1].end:
                chosen.append(span)
            elif len(span) > len(chosen[-1]):
                chosen[-1] = span  # a longer match overlapping the one kept
        kept.extend(chosen)
    return sorted(kept, key=lambda s: (s.start, s.end, s.label_))
