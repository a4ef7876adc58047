"""The one base of every error a user can cause and fix.

A bad config key, a rule pack that does not load, a typo in a vocabulary, a gold file without its
columns, a history that cannot be opened, a cluster out of reach: each is raised as a subclass of
`RecordlintError` with a message fit to show as it is, naming the file and line where there is
one. The command line catches this one type and prints its message as one line with the exit
status the error carries, so a new kind of mistake needs no new handling there.
"""

from __future__ import annotations


class RecordlintError(Exception):
    """A setup or usage mistake: one line to the user, exit status `exit_status` (2)."""

    exit_status = 2


class UsageError(RecordlintError):
    """Options that cannot go together, or a format that needs an output path."""
