"""Setup errors of the NLP layer, importable without importing spaCy (the CLI catches them)."""

from __future__ import annotations

from recordlint.errors import RecordlintError


class VocabError(RecordlintError, ValueError):
    """A vocabulary file that cannot be used; the message names the file and entry."""


class PipelineError(RecordlintError, RuntimeError):
    """The configured pipeline cannot be built (a model that is not installed)."""
