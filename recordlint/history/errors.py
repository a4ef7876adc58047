"""Errors of the history, importable without SQLAlchemy (the CLI catches them)."""

from __future__ import annotations


class HistoryError(RuntimeError):
    """The history database cannot be used; the message says why and what to do."""


class WaiverError(ValueError):
    """A waivers file that cannot be used; the message names the file and row."""
