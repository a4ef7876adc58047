"""Reading inputs: find the files, pick a reader for each, merge what they say per case.

`read_inputs` is the one way in. It never raises for a bad input: every file that cannot be read
(or rows within it) becomes an `Problem`, and every other file is still read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from recordlint.model import Case, FieldValue, Note, Person, Problem
from recordlint.readers import (  # noqa: F401  (registers readers)
    cin_census,
    documents,
    pdf,
    ssda903_xml,
    statutory_xml,
    tabular,
)
from recordlint.readers.base import (
    EXTENSIONS,
    READERS,
    Part,
    PartSink,
    ReaderOptions,
    ReadOutcome,
    sending_parts_to,
)
from recordlint.readers.identity import Linked, link
from recordlint.readers.store import DiskParts, MemoryParts, PartStore

__all__ = [
    "Inputs",
    "Linked",
    "ReadResult",
    "ReaderOptions",
    "open_inputs",
    "read_inputs",
    "supported_extensions",
]

_DIGITS = re.compile(r"([0-9]+)")

#: Files a directory walk passes over: documentation that sits beside exports.
_IGNORED_NAMES = ("readme", "license", "licence", "changelog", "contributing")


@dataclass
class ReadResult:
    cases: list[Case] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def supported_extensions() -> list[str]:
    return sorted(EXTENSIONS)


def read_inputs(paths: Iterable[str | Path], options: ReaderOptions | None = None) -> ReadResult:
    """Read every path (files or folders) and merge the parts into one Case per case id."""
    with open_inputs(paths, options) as inputs:
        return ReadResult(list(inputs.cases()), inputs.problems, inputs.files)


#: what `open_inputs` hands to each file's reading: the store, the file's place and path
ReadTask = tuple["PartStore | str", int, Path, ReaderOptions]


@dataclass
class Inputs:
    """Every input read, its parts stored until cases are merged one at a time from them.

    Use it as a context manager: closing it removes what was stored on disk.
    """

    store: PartStore
    files: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: every case, in order of case id, with the store keys its parts are under
    linked: list[Linked] = field(default_factory=list)

    def case(self, which: Linked) -> Case:
        parts = [part for key in which.keys for part in self.store.parts(key)]
        # in the order the files were read, as if the case's parts were all under one key
        parts.sort(key=lambda part: part.source.path)
        return _merge(which.case_id, parts)

    def cases(self, which: Iterable[Linked] | None = None) -> Iterator[Case]:
        """The cases in order of case id (numbers in ids compare as numbers)."""
        for one in self.linked if which is None else which:
            yield self.case(one)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Inputs:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_inputs(
    paths: Iterable[str | Path],
    options: ReaderOptions | None = None,
    read_map: Callable[[Callable[[ReadTask], list[Problem]], list[ReadTask]], Iterable] = map,
) -> Inputs:
    """Read every path and store its parts; merging into cases happens as `Inputs` is read.

    Exports bigger than `options.spill_over_bytes` are stored on disk. `read_map` maps reading
    over the files (a process pool's `map` reads them side by side; it needs the disk store).
    """
    options = options or ReaderOptions()
    problems: list[Problem] = []
    seen: set[Path] = set()
    files: list[Path] = []
    for path, problem in _expand(paths):
        if problem is not None:
            problems.append(problem)
            continue
        try:
            real = path.resolve()
        except (OSError, RuntimeError) as exc:  # a symlink loop made after it was looked at
            problems.append(Problem(str(path), f"cannot read file ({_reason(exc)})"))
            continue
        if real in seen:  # the same file named twice (or via a folder) is read once
            continue
        seen.add(real)
        files.append(path)
    # read in one order whatever the order given: which source's value comes first, and so the
    # report, must not depend on how the command line was typed
    files.sort(key=str)
    on_disk = read_map is not map or _total_bytes(files) > options.spill_over_bytes
    store: PartStore = DiskParts() if on_disk else MemoryParts()
    inputs = Inputs(store, files=[str(p) for p in files], problems=problems)
    try:
        handle = str(store.folder) if isinstance(store, DiskParts) else store
        tasks = [(handle, index, path, options) for index, path in enumerate(files)]
        for file_problems in read_map(read_into_store, tasks):
            inputs.problems.extend(file_problems)
        # ties in the natural order (A01, A1, a1) are broken by the id itself: a set's order
        # changes from run to run
        inputs.linked = sorted(
            link(store.labels()), key=lambda one: (_natural_key(one.case_id), one.case_id)
        )
    except BaseException:
        inputs.close()
        raise
    return inputs


def read_into_store(task: ReadTask) -> list[Problem]:
    """Read one file into the store; its problems come back (run in a worker, or here)."""
    handle, index, path, options = task
    store = DiskParts(handle) if isinstance(handle, str) else handle
    sink = _CappedNotes(store.sink(index), options.max_note_chars)
    try:
        with sending_parts_to(sink):
            outcome = read_file(path, options)
        outcome.add_parts(outcome.parts)  # a reader that kept its parts all the same
    finally:
        sink.close()
    return outcome.problems + sink.problems


def _total_bytes(files: list[Path]) -> int:
    total = 0
    for path in files:
        with contextlib.suppress(OSError):
            total += path.stat().st_size
    return total


def read_file(path: Path, options: ReaderOptions) -> ReadOutcome:
    limit = options.max_file_bytes
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # the reader reports why it cannot be read
    if limit is not None and size > limit:
        outcome = ReadOutcome()
        outcome.problem(
            str(path),
            f"file is {size / 1048576:,.0f} MB, over the limit of {limit / 1048576:,.0f} MB "
            "(limits.max-file-mb in config); not read",
        )
        return outcome
    return _read_by_type(path, options)


class _CappedNotes:
    """Passes parts on after reading only the first `limit` characters of an over-long note,
    and says so."""

    def __init__(self, sink: PartSink, limit: int | None) -> None:
        self.sink = sink
        self.limit = limit
        self.problems: list[Problem] = []

    def add(self, parts: list[Part]) -> None:
        if self.limit is not None:
            for part in parts:
                self._cap(part, self.limit)
        self.sink.add(parts)

    def _cap(self, part: Part, limit: int) -> None:
        for index, note in enumerate(part.notes):
            if len(note.text) > limit:
                where = note.source
                self.problems.append(
                    Problem(
                        where.path if where else "",
                        f"note {note.note_id} is {len(note.text):,} characters, over the limit "
                        f"of {limit:,} (limits.max-note-chars in config); the first {limit:,} "
                        "are read",
                        row=where.row if where else None,
                        line=where.line if where else None,
                    )
                )
                part.notes[index] = replace(note, text=note.text[:limit])

    def discard(self) -> None:
        self.problems.clear()
        self.sink.discard()

    def close(self) -> None:
        self.sink.close()


def _read_by_type(path: Path, options: ReaderOptions) -> ReadOutcome:
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        outcome = ReadOutcome()
        known = ", ".join(supported_extensions())
        outcome.problem(
            str(path), f"unsupported file type '{path.suffix}' (recordlint reads {known})"
        )
        return outcome
    return READERS[fmt](path, fmt, options)


def _expand(paths: Iterable[str | Path]) -> Iterator[tuple[Path, Problem | None]]:
    """Yield each file to read; a folder yields its supported files, sorted, recursively."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path, _not_a_file(path, missing="no such file or folder")


def _not_a_file(path: Path, missing: str) -> Problem | None:
    """Why `path` cannot be read as a file (None when it can): reading a named pipe or a
    device would wait for ever or never end, and a symbolic link may lead nowhere or round."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(str(path), "symbolic link loop; not read")
        if exc.errno == errno.ENOENT:
            return Problem(str(path), "broken symbolic link" if path.is_symlink() else missing)
        return Problem(str(path), f"cannot read file ({_reason(exc)})")
    if not stat.S_ISREG(mode):
        kind = "a named pipe" if stat.S_ISFIFO(mode) else "a device or socket"
        return Problem(str(path), f"not a regular file ({kind}); not read")
    return None


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc)


def _walk(folder: Path) -> Iterator[tuple[Path, Problem | None]]:
    found = False
    seen: set[tuple[int, int]] = set()
    unreadable: list[OSError] = []
    for root, dirs, files in os.walk(folder, followlinks=True, onerror=unreadable.append):
        info = os.stat(root)
        if (info.st_dev, info.st_ino) in seen:  # a symlink loop: each folder is read once
            dirs.clear()
            continue
        seen.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root) / name
            if name.startswith(".") or name.lower().startswith(_IGNORED_NAMES):
                continue
            if path.suffix.lower() not in EXTENSIONS:
                continue
            found = True
            yield path, _not_a_file(path, missing="file vanished while the folder was read")
    for error in unreadable:
        yield (
            Path(error.filename or folder),
            Problem(
                str(error.filename or folder), f"cannot read folder ({error.strerror or error})"
            ),
        )
    if not found and not unreadable:
        yield folder, Problem(str(folder), "folder holds no files recordlint can read")


def _natural_key(text: str) -> list[tuple[int, int | str]]:
    # numbers are runs of ASCII digits: "²" is a digit to str.isdigit, not a number to int()
    pieces = _DIGITS.split(text)
    return [(0, int(t)) if _DIGITS.fullmatch(t) else (1, t.lower()) for t in pieces if t]


def _merge(key: str, parts: list[Part]) -> Case:
    group = _one_part_per_source(parts)
    fields: dict[str, list[FieldValue]] = {}
    for part in group:
        for name, values in part.fields.items():
            fields.setdefault(name, []).extend(values)
    notes = _unique_ids([note for part in group for note in part.notes])
    people = _unique_people(person for part in group for person in part.people)
    child_name = next((p.child_name for p in group if p.child_name), "")
    return Case(
        case_id=key,
        child=Person(role="child", name=child_name, person_id=key),
        people=tuple(people),
        fields={name: tuple(values) for name, values in fields.items()},
        notes=tuple(sorted(notes, key=_note_order)),
        sources=tuple(part.source for part in group),
    )


def _one_part_per_source(parts: list[Part]) -> list[Part]:
    """A long table hands a case over in several parts (one per batch of rows): join them, so
    the case reads as if the file had been read whole."""
    joined: dict[str, Part] = {}
    for part in parts:
        first = joined.get(part.source.path)
        if first is None:
            joined[part.source.path] = part
            continue
        if any(first is p for p in parts):  # join into a copy: the stored parts may be merged again
            first = joined[part.source.path] = _copy(first)
        for name, values in part.fields.items():
            for value in values:
                first.add_field(name, value.value, value.source)
        first.notes.extend(part.notes)
        first.people.extend(part.people)
        first.child_name = first.child_name or part.child_name
        rows = sorted({*first.source.rows, *part.source.rows})
        first.source = replace(first.source, rows=tuple(rows))
    return list(joined.values())


def _copy(part: Part) -> Part:
    fields = {name: list(values) for name, values in part.fields.items()}
    return replace(part, fields=fields, notes=list(part.notes), people=list(part.people))


def _unique_ids(notes: list[Note]) -> list[Note]:
    """Note ids are unique within a case: two exports that both number their entries from 1
    would otherwise be read as one note by every rule that tells notes apart."""
    seen: set[str] = set()
    unique = []
    for note in notes:
        note_id = note.note_id
        if note_id in seen and note.source is not None:
            note_id = f"{Path(note.source.path).name}:{note.note_id}"
        while note_id in seen:
            note_id += "'"
        seen.add(note_id)
        unique.append(note if note_id == note.note_id else replace(note, note_id=note_id))
    return unique


def _note_order(note: Note) -> tuple[bool, dt.datetime]:
    """Dated notes in date order; undated ones after them in the order they were read."""
    return (note.date is None, note.date or dt.datetime.min)


def _unique_people(people: Iterable[Person]) -> list[Person]:
    seen: set[tuple[str, str, str]] = set()
    unique = []
    for person in people:
        identity = (person.role.lower(), person.name.lower(), person.person_id)
        if identity not in seen:
            seen.add(identity)
            unique.append(person)
    return unique
