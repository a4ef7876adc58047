"""Setup errors of the NLP layer, importable without importing spaCy (the CLI catches them)."""

from __future__ import annotations

from recordlint.errors import RecordlintError
from recordlint.vocabulary import VocabError

__all__ = ["PipelineError", "VocabError"]


class PipelineError(RecordlintError, RuntimeError):
    """The configured pipeline cannot be built (a model that is not installed)."""
