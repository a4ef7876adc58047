"""`context_of`: the context component on any phrase in any text, for measurement and tests."""

from __future__ import annotations

import re

from recordlint.nlp.context import Context
from recordlint.nlp.pipeline import Pipeline, get_pipeline


def context_of(text: str, term: str, *, pipeline: Pipeline | None = None) -> Context:
    """The context of the first mention of `term` (any phrase, not only a concept) in `text`.

    The match is case-insensitive and on word boundaries ("OD" is not found in "good").
    Raises ValueError when `term` does not occur in `text`.
    """
    if not term or not term.strip():
        raise ValueError("term is blank")
    match = re.search(rf"(?<!\w){re.escape(term.strip())}(?!\w)", text, flags=re.IGNORECASE)
    if match is None:
        raise ValueError(f"{term!r} does not occur in the text")
    pipeline = pipeline or get_pipeline()
    doc = pipeline(text)
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
    return pipeline.context.context(doc, span)
