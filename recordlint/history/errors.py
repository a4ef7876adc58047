"""Errors of the history, importable without SQLAlchemy (the CLI catches them)."""

from __future__ import annotations

from recordlint.errors import RecordlintError


class HistoryError(RecordlintError, RuntimeError):
    """The history database cannot be used; the message says why and what to do."""


class WaiverError(RecordlintError, ValueError):
    """A waivers file that cannot be used; the message names the file and row."""
