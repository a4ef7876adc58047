"""Running whole cases through the pipeline: every note in `nlp.pipe` batches, across cases.

Notes of many cases share batches (a case often has a handful of notes, and spaCy is fastest on
batches), yet cases come out one at a time and in order, so a large export streams.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from recordlint.model import Case
from recordlint.nlp.pipeline import Pipeline
from recordlint.nlp.query import CaseText, note_text_from_doc

#: how many cases' notes are read together before their CaseTexts are handed out
CASES_PER_CHUNK = 32


def annotate_cases(cases: Iterable[Case], pipeline: Pipeline) -> Iterator[tuple[Case, CaseText]]:
    iterator = iter(cases)
    while chunk := list(islice(iterator, CASES_PER_CHUNK)):
        items = (
            (note.text, note.date, (index, note))
            for index, case in enumerate(chunk)
            for note in case.notes
        )
        per_case: list[list] = [[] for _ in chunk]
        for doc, (index, note) in pipeline.pipe(items):
            per_case[index].append(note_text_from_doc(note, doc))
        for case, notes in zip(chunk, per_case, strict=True):
            yield case, CaseText(tuple(notes))


def read_case_text(case: Case, pipeline: Pipeline) -> CaseText:
    """One case on its own (the practitioner's single-case check)."""
    return next(annotate_cases([case], pipeline))[1]
