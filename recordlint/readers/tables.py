"""Turning rows of a table (any tabular format) into per-case parts.

One function serves CSV, TSV, XLSX and JSON: they differ in how rows are read, not in what a
row means. What a table is for is told by its columns: a text column makes it a notes table, a
relationship column a people (family) table, otherwise each row holds case fields. A folder of
tables (children, people, notes) therefore needs no special reader: its tables merge on the
case id like any other set of inputs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Mapping
from pathlib import Path

from recordlint.model import Note, Person, Source, SourceRef
from recordlint.readers.base import Part, ReaderOptions, ReadOutcome
from recordlint.readers.columns import (
    KEY_FIELDS,
    NOTE_FIELDS,
    PERSON_FIELDS,
    describe_key_variants,
    map_explicit,
    map_headers,
)
from recordlint.readers.dates import (
    DateError,
    future_date_problem,
    month_first,
    parse_datetime,
    run_date,
)
from recordlint.readers.identity import labels_for, part_key
from recordlint.readers.returns import layout_for


def rows_to_parts(
    path: Path,
    fmt: str,
    headers: list[str],
    rows: Iterable[tuple[int, Mapping[str, object]]],
    options: ReaderOptions,
    outcome: ReadOutcome,
) -> None:
    """Read `(row_number, {header: value})` pairs into parts for `outcome`, handed over every
    `ROWS_PER_BATCH` rows so a long table is never held whole (a case whose rows span batches
    has one part per batch, combined again when cases are merged)."""
    shown = str(path)
    layout = layout_for(headers)  # a statutory return's table is read by its own columns
    if layout is not None:
        mapping = {**layout.mapping(headers), **map_explicit(headers, options.columns)}
    else:
        mapping = map_headers(headers, options.columns)
        outcome.hint_unread_headers(shown, "column", mapping)
    canonical = set(mapping.values())
    key_fields = [k for k in KEY_FIELDS if k in canonical]
    if not key_fields:
        outcome.problem(
            shown,
            f"no case id column (looked for {describe_key_variants()}, ...); "
            "map one in config under [columns]",
        )
        return
    # class "a people table with a notes column is still a people table": a relationship and no
    # entry date ("Related Person, Relationship, ..., Notes") is family, not case notes
    is_people = "relationship" in canonical and "note_date" not in canonical
    is_notes = "text" in canonical and not is_people
    if is_notes and "author" not in canonical and "worker" in canonical:
        # class "in a notes table the worker is who wrote the note": "Worker" beside "Contact
        # Note" is the note's author, not the case's allocated worker
        mapping = {h: ("author" if n == "worker" else n) for h, n in mapping.items()}
        canonical = set(mapping.values())
    source = Source(
        path=shown,
        fmt=fmt,
        fields=frozenset(canonical - NOTE_FIELDS - PERSON_FIELDS),
        has_notes=is_notes,
    )
    parts: dict[str, Part] = {}
    today = run_date()  # a note dated after it is a slip, said and kept
    rows = iter(rows)
    first_rows = list(itertools.islice(rows, ROWS_PER_BATCH))
    month_first = _month_first_fields(first_rows, mapping, shown, outcome) if not layout else set()
    rows = itertools.chain(first_rows, rows)
    if "note_date" in canonical and not is_notes and not is_people and not layout:
        _hint_unread_note_text(first_rows, mapping, shown, outcome)

    def hand_over() -> None:
        for part in parts.values():
            rows_read = {n.source.row for n in part.notes if n.source and n.source.row}
            part.source = dataclasses.replace(source, rows=tuple(sorted(rows_read)))
        outcome.add_parts(parts.values())
        parts.clear()

    for count, (row_number, raw) in enumerate(rows, start=1):
        if count % ROWS_PER_BATCH == 0:
            hand_over()
        cells = [(mapping[h], _cell(v)) for h, v in raw.items() if mapping.get(h)]
        if layout is not None:
            for header, value in raw.items():
                if wrong := layout.date_problem(str(header).strip(), _cell(value), today):
                    outcome.problem(shown, wrong, row_number)
        if month_first:
            cells = [(n, _as_iso(v) if n in month_first else v) for n, v in cells]
        row: dict[str, str] = {}
        for name, value in cells:  # a field in several columns: its first non-blank value
            if not row.get(name):
                row[name] = value
        labels = labels_for(row)
        if is_people and len(labels) > 1:  # a family table's person id is the relative's own
            labels = tuple(label for label in labels if label[1] != "person_id")
        if not labels:
            if any(row.values()):
                outcome.problem(
                    shown,
                    f"no case id in {_columns_of(key_fields, mapping)}; row skipped",
                    row_number,
                )
            continue
        key = part_key(labels)
        part = parts.get(key)
        if part is None:
            part = parts[key] = Part.identified(labels, source)
        where = SourceRef(shown, row=row_number)
        if is_people:
            part.people.append(_person(row, where))
            continue
        _add_case_fields(part, cells, row, where)
        if is_notes:
            note = _note(row, where, shown, outcome, today)
            if note is not None:
                part.notes.append(note)
    hand_over()


#: mean length of a column's values above which it reads as a note's free text
_FREE_TEXT_LENGTH = 60


def _hint_unread_note_text(
    rows: list[tuple[int, Mapping[str, object]]],
    mapping: Mapping[str, str],
    shown: str,
    outcome: ReadOutcome,
) -> None:
    """Class "a notes table whose text column is not read": a table with entry dates and a
    column of long free text that no header variant names ("Contact Note") would otherwise be
    read as case fields, every note lost without a word. Say so, with the line that reads it."""
    for header, name in mapping.items():
        if not name.startswith("x_"):
            continue
        values = [_cell(raw.get(header)) for _, raw in rows]
        values = [v for v in values if v]
        if values and sum(map(len, values)) / len(values) >= _FREE_TEXT_LENGTH:
            quoted = str(header).replace('"', "'")
            outcome.hint(
                shown,
                f"column {header!r} holds long free text and no column was read as the note "
                f"text, so no notes were read; if it is the note, map it in config: [columns] "
                f'"{quoted}" = "text"',
            )
            return


def _columns_of(fields: list[str], mapping: Mapping[str, str]) -> str:
    """The file's own headers for `fields`, as the user would name them."""
    headers = [header for header, name in mapping.items() if name in fields]
    return "column " + headers[0] if len(headers) == 1 else "columns " + ", ".join(headers)


#: rows read before their parts are handed over (see `rows_to_parts`)
ROWS_PER_BATCH = 4000


#: fields holding a date, whose column may be written month first
DATE_FIELDS = frozenset({"note_date", "dob", "open_date", "close_date"})


def _month_first_fields(
    rows: list[tuple[int, Mapping[str, object]]],
    mapping: Mapping[str, str],
    shown: str,
    outcome: ReadOutcome,
) -> set[str]:
    """The date fields whose column is written month first throughout its first rows (a US
    export), each said once; their dates are then read month first, not refused row by row."""
    found = set()
    for header, name in mapping.items():
        if name not in DATE_FIELDS:
            continue
        example = month_first(_cell(raw.get(header)) for _, raw in rows)
        if example is not None:
            found.add(name)
            outcome.hint(
                shown,
                f"column {header!r} is written month first ({example!r}); its dates are read "
                "month first",
            )
    return found


def _as_iso(value: str) -> str:
    """A month-first date as an ISO date, so that every rule reads it as the column meant."""
    try:
        date, time_known = parse_datetime(value, month_first=True)
    except DateError:
        return value
    if date is None:
        return value
    return date.isoformat(sep=" ", timespec="minutes") if time_known else date.date().isoformat()


def _cell(value: object) -> str:
    """A cell as text. Only a truly empty cell is blank: the string "None" is kept, because in
    a religion column it means no religion."""
    if value is None or value != value:  # None, NaN and NaT (NaN is not equal to itself)
        return ""
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    return str(value).strip()


def _add_case_fields(
    part: Part, cells: list[tuple[str, str]], row: Mapping[str, str], where: SourceRef
) -> None:
    """Every column's value is kept, so two ethnicity columns give two values to judge."""
    for name, value in cells:
        if name in NOTE_FIELDS or name in PERSON_FIELDS:
            continue
        if name in NAME_FIELDS:
            continue
        part.add_field(name, value, where)
    name = full_name(row)
    if name and not part.child_name:
        part.child_name = name


#: Fields that make up a name rather than being values to judge.
NAME_FIELDS = frozenset({"child_name", "first_name", "surname"})


def full_name(row: Mapping[str, str]) -> str:
    """A name column, or forename and surname columns joined."""
    parts = (row.get("first_name", ""), row.get("surname", ""))
    return row.get("child_name") or " ".join(p for p in parts if p)


def _note(
    row: Mapping[str, str], where: SourceRef, shown: str, outcome: ReadOutcome, today: dt.date
) -> Note | None:
    text = row.get("text", "")
    date_text = row.get("note_date", "")
    if not text and not date_text:
        return None
    try:
        date, time_known = parse_datetime(date_text, row.get("note_time", ""))
    except DateError as exc:
        outcome.problem(shown, f"{exc}; the note is kept without a date", where.row)
        date, time_known = None, False
    if future := future_date_problem(date, today):
        outcome.problem(shown, future, where.row)
    return Note(
        note_id=row.get("note_id") or f"{Path(shown).name}:{where.row}",
        text=text,
        date=date,
        time_known=time_known,
        author=row.get("author", ""),
        agency=row.get("agency", ""),
        team=row.get("team", ""),
        kind=row.get("kind", ""),
        source=where,
    )


def _person(row: Mapping[str, str], where: SourceRef) -> Person:
    name = row.get("person_name") or full_name(row)
    skip = {"relationship", "person_name", *NAME_FIELDS, *KEY_FIELDS}
    details = {k: v for k, v in row.items() if k not in skip and v}
    return Person(
        role=row.get("relationship", ""),
        name=name,
        person_id=row.get("person_id", ""),
        details=details,
        source=where,
    )
