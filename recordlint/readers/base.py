"""What every reader produces, and the registry that picks a reader for a file.

A reader turns one file into `Part`s (what that file says about each case) and `Problem`s
(what it could not read). It never raises for bad content: a broken row becomes a problem and
the rest of the file is still read. Parts from every file are merged per case afterwards.

A large export is not held in memory: while `read_inputs` reads a file, readers hand their parts
to a sink (`sending_parts_to`) that stores them on disk as they come, a few thousand rows at a
time, and the cases are merged from there one at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from recordlint.model import FieldValue, Note, Person, Problem, Source, SourceRef
from recordlint.readers.columns import resembles
from recordlint.readers.identity import Label, part_key


@dataclass(frozen=True)
class ReaderOptions:
    """Reader settings from config: explicit header mappings win over the variants table."""

    columns: Mapping[str, str] = field(default_factory=dict)
    #: one pathological file or note must not exhaust memory (config [limits])
    max_file_bytes: int | None = 200 * 1024 * 1024
    max_note_chars: int | None = 1_000_000
    #: exports larger than this are stored on disk while read, not in memory (see store.py)
    spill_over_bytes: int = 2 * 1024 * 1024


@dataclass
class Part:
    """What one source says about one case, before sources are merged.

    `labels` are every id the source gives the case; `key` (made from them) is where the part
    is stored. Which parts are one case is decided once every file is read (`identity.link`).
    """

    key: str
    source: Source
    child_name: str = ""
    fields: dict[str, list[FieldValue]] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    labels: tuple[Label, ...] = ()

    @classmethod
    def identified(cls, labels: tuple[Label, ...], source: Source) -> Part:
        return cls(key=part_key(labels), source=source, labels=labels)

    @property
    def label(self) -> str:
        """The id the part would be shown under on its own."""
        return min(self.labels)[2] if self.labels else self.key

    def add_field(self, name: str, value: str, where: SourceRef) -> None:
        """Keep each distinct value once (with where it first appeared), blanks included."""
        values = self.fields.setdefault(name, [])
        if all(existing.value != value for existing in values):
            values.append(FieldValue(value, where))


class PartSink(Protocol):
    """Where a reader's parts go while one file is read (see `sending_parts_to`)."""

    def add(self, parts: list[Part]) -> None: ...

    def discard(self) -> None:
        """Forget every part of the file so far (it is being read again another way)."""


_SINK: ContextVar[PartSink | None] = ContextVar("recordlint_part_sink", default=None)


@contextmanager
def sending_parts_to(sink: PartSink) -> Iterator[None]:
    """Readers called inside this block send their parts to `sink` instead of keeping them."""
    token = _SINK.set(sink)
    try:
        yield
    finally:
        _SINK.reset(token)


@dataclass
class ReadOutcome:
    parts: list[Part] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sink: PartSink | None = field(default_factory=_SINK.get, repr=False, compare=False)

    def add_parts(self, parts: Iterable[Part]) -> None:
        """Keep these parts, or hand them to the sink when one is set."""
        if self.sink is None:
            self.parts.extend(parts)
        else:
            self.sink.add(list(parts))

    def discard_parts(self) -> None:
        self.parts.clear()
        if self.sink is not None:
            self.sink.discard()

    def problem(
        self, path: str, message: str, row: int | None = None, line: int | None = None
    ) -> None:
        self.problems.append(Problem(path, message, row=row, line=line))

    def hint(self, path: str, message: str) -> None:
        """Something read that may not be what the user meant; it does not fail the run."""
        self.problems.append(Problem(path, message, kind="hint"))

    def hint_unread_headers(self, path: str, what: str, mapping: Mapping[str, str]) -> None:
        """Name each header that was not read but looks like a field, with the config line
        that would read it ("column 'Ethnicty' ... [columns] "Ethnicty" = "ethnicity")."""
        for header, name in mapping.items():
            field_name = resembles(header) if name.startswith("x_") else None
            if field_name:
                shown = header.replace('"', "'")
                self.hint(
                    path,
                    f"{what} {header!r} was not read; if it is {field_name}, map it in config: "
                    f'[columns] "{shown}" = "{field_name}"',
                )


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
