"""Building the spaCy pipeline once per process, and running notes through it in batches.

The default pipeline downloads nothing: `spacy.blank("en")`, the case-note sentence splitter,
the lookup lemmatizer (tables from spacy-lookups-data), three span rulers built from the concept
lexicons (phrases on lemmas, words as written in any case, abbreviations exactly as written)
the context component and the time layer. When
config names an installed trained pipeline (a package name or a folder), it is loaded instead
and recordlint's components are added to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from recordlint.nlp import components  # noqa: F401  (registers the factories)
from recordlint.nlp.components import CONCEPTS_KEY, NOTE_DATE, NOTE_YEAR, ContextComponent
from recordlint.nlp.errors import PipelineError, VocabError
from recordlint.nlp.vocab import Vocabulary, load_vocabulary, vocab_folders

DEFAULT_BATCH_SIZE = 64
_LINE_BREAKS = str.maketrans({c: "\n" for c in "\r\x0b\x0c\x85\u2028\u2029"})


@dataclass(frozen=True)
class Pipeline:
    """A built pipeline and the vocabulary it was built from."""

    nlp: Language
    vocabulary: Vocabulary
    batch_size: int = DEFAULT_BATCH_SIZE

    @property
    def context(self) -> ContextComponent:
        return self.nlp.get_pipe("recordlint_context")

    def make_doc(self, text: str, note_date: dt.datetime | None = None) -> Doc:
        # old Mac "\r", form feeds and Unicode line separators are line breaks too; one
        # character for one keeps every offset into the note valid
        doc = self.nlp.make_doc(text.translate(_LINE_BREAKS))
        if note_date is not None:
            doc.user_data[NOTE_YEAR] = note_date.year
            doc.user_data[NOTE_DATE] = note_date
        return doc

    def pipe(
        self, items: Iterable[tuple[str, dt.datetime | None, Any]]
    ) -> Iterator[tuple[Doc, Any]]:
        """(text, note date, anything) in; (processed doc, the same anything) out, in order."""
        tagged = ((self.make_doc(text, date), extra) for text, date, extra in items)
        yield from self.nlp.pipe(tagged, as_tuples=True, batch_size=self.batch_size)

    def __call__(self, text: str) -> Doc:
        return self.nlp(self.make_doc(text))


def get_pipeline(
    extra_vocab: Iterable[str] = (),
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Pipeline:
    """The pipeline for these vocab folders and model, built on first use and then reused."""
    pipeline = _cached_pipeline(vocab_folders(extra_vocab), model)
    if batch_size != pipeline.batch_size:
        pipeline = dataclasses.replace(pipeline, batch_size=batch_size)
    return pipeline


@lru_cache(maxsize=4)
def _cached_pipeline(folders: tuple[str, ...], model: str | None) -> Pipeline:
    vocabulary = load_vocabulary(folders)
    return Pipeline(build_nlp(vocabulary, model), vocabulary)


def build_nlp(vocabulary: Vocabulary, model: str | None = None) -> Language:
    if model:
        try:
            nlp = spacy.load(model)
        except OSError as exc:
            raise PipelineError(
                f"cannot load the spaCy pipeline {model!r} named in config: it is not an "
                f"installed package or a pipeline folder ({str(exc).splitlines()[0]})"
            ) from None
        before = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
        splitter = nlp.add_pipe("recordlint_sentences", before=before) if before else None
        if splitter is None:
            splitter = nlp.add_pipe("recordlint_sentences", first=True)
    else:
        nlp = spacy.blank("en")
        splitter = nlp.add_pipe("recordlint_sentences")
    splitter.setup(vocabulary.sections, nlp.make_doc)
    # spaCy's 1,000,000-character guard is for parsers' memory; these components are linear,
    # and a long note must be read, not dropped
    nlp.max_length = 50_000_000
    if "lemmatizer" not in nlp.pipe_names:
        lemmatizer = nlp.add_pipe("recordlint_lemmatizer", name="lemmatizer")
        lemmatizer.setup()  # loads the lookup table from spacy-lookups-data
    _add_concept_rulers(nlp, vocabulary)
    context = nlp.add_pipe("recordlint_context")
    context.setup(nlp, vocabulary)
    nlp.add_pipe("recordlint_time").setup(vocabulary)
    return nlp


def _add_concept_rulers(nlp: Language, vocabulary: Vocabulary) -> None:
    phrases = nlp.add_pipe(
        "span_ruler",
        name="concept_phrases",
        config={"spans_key": CONCEPTS_KEY, "phrase_matcher_attr": "LEMMA", "overwrite": True},
    )
    words = nlp.add_pipe(
        "span_ruler",
        name="concept_words",
        config={"spans_key": CONCEPTS_KEY, "phrase_matcher_attr": "LOWER", "overwrite": False},
    )
    abbreviations = nlp.add_pipe(
        "span_ruler",
        name="concept_abbreviations",
        config={"spans_key": CONCEPTS_KEY, "phrase_matcher_attr": "ORTH", "overwrite": False},
    )
    phrase_patterns: list[dict[str, Any]] = []
    word_patterns: list[dict[str, Any]] = []
    exact_patterns: list[dict[str, Any]] = []
    for concept in vocabulary.concepts.values():
        for phrase in dict.fromkeys(v for p in concept.phrases for v in spelling_variants(p)):
            phrase_patterns.append({"label": concept.name, "pattern": phrase})
        for pattern in concept.patterns:
            _check_pattern(nlp, pattern, f"{', '.join(concept.files)}: concept {concept.name!r}")
            phrase_patterns.append({"label": concept.name, "pattern": pattern})
        for word in dict.fromkeys(v for w in concept.words for v in spelling_variants(w)):
            word_patterns.append({"label": concept.name, "pattern": word})
        for abbreviation in dict.fromkeys(concept.abbreviations):
            exact_patterns.append({"label": concept.name, "pattern": abbreviation})
    phrases.add_patterns(phrase_patterns)
    words.add_patterns(word_patterns)
    abbreviations.add_patterns(exact_patterns)


def spelling_variants(phrase: str) -> list[str]:
    """ "self-harm" is also written "self harm" and "selfharm"."""
    variants = [phrase]
    if "-" in phrase.strip("-"):
        variants += [phrase.replace("-", " "), phrase.replace("-", "")]
    return variants


def _check_pattern(nlp: Language, pattern: list[dict[str, Any]], where: str) -> None:
    """A token pattern spaCy cannot use ({LEMA: cut}) is the vocab file's error, named."""
    try:
        Matcher(nlp.vocab, validate=True).add("check", [pattern])
    except (ValueError, KeyError, TypeError) as exc:
        first = str(exc).strip().splitlines()[0]
        raise VocabError(f"{where}: invalid token pattern {pattern!r} ({first})") from None
