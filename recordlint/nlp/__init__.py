"""The NLP layer: reading case notes like a practitioner.

Rules see only `CaseText` (sentences and concept mentions with their context, see `query`);
spaCy stays inside this package. `context_of` exposes the context component on any phrase, so it
can be measured against labelled sentence sets (see `bench/context_eval.py`).

Names are imported on first use: importing spaCy takes a good part of a second, and a run whose
rules read no notes should not pay for it.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "context_of": "recordlint.nlp.api",
    "get_pipeline": "recordlint.nlp.pipeline",
    "Pipeline": "recordlint.nlp.pipeline",
    "annotate_cases": "recordlint.nlp.annotate",
    "read_case_text": "recordlint.nlp.annotate",
    "Context": "recordlint.nlp.context",
    "Trigger": "recordlint.nlp.context",
    "SUBJECT": "recordlint.nlp.context",
    "OTHER": "recordlint.nlp.context",
    "CaseText": "recordlint.nlp.query",
    "Mention": "recordlint.nlp.query",
    "NoteText": "recordlint.nlp.query",
    "Sentence": "recordlint.nlp.query",
    "VocabError": "recordlint.nlp.errors",
    "PipelineError": "recordlint.nlp.errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'recordlint.nlp' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
