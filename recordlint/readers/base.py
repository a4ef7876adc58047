"""What every reader produces, and the registry that picks a reader for a file.

A reader turns one file into `Part`s (what that file says about each case) and `Problem`s
(what it could not read). It never raises for bad content: a broken row becomes a problem and
the rest of the file is still read. Parts from every file are merged per case afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from recordlint.model import FieldValue, Note, Person, Problem, Source, SourceRef


@dataclass(frozen=True)
class ReaderOptions:
    """Reader settings from config: explicit header mappings win over the variants table."""

    columns: Mapping[str, str] = field(default_factory=dict)
    #: one pathological file or note must not exhaust memory (config [limits])
    max_file_bytes: int | None = 200 * 1024 * 1024
    max_note_chars: int | None = 1_000_000


@dataclass
class Part:
    """What one source says about one case, before sources are merged."""

    key: str
    source: Source
    child_name: str = ""
    fields: dict[str, list[FieldValue]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)

    def add_field(self, name: str, value: str, where: SourceRef) -> None:
        """Keep each distinct value once (with where it first appeared), blanks included."""
        values = self.fields.setdefault(name, [])
        if all(existing.value != value for existing in values):
            values.append(FieldValue(value, where))


@dataclass
class ReadOutcome:
    parts: list[Part] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(
        self, path: str, message: str, row: int | None = None, line: int | None = None
    ) -> None:
        self.problems.append(Problem(path, message, row=row, line=line))


Reader = Callable[[Path, str, ReaderOptions], ReadOutcome]

#: format name -> reader; filled by the reader modules through `register`.
READERS: dict[str, Reader] = {}

#: file extension -> format name
EXTENSIONS: dict[str, str] = {}


def register(fmt: str, *extensions: str) -> Callable[[Reader], Reader]:
    def decorate(reader: Reader) -> Reader:
        READERS[fmt] = reader
        for ext in extensions:
            EXTENSIONS[ext] = fmt
        return reader

    return decorate
