"""Case documents (TXT, Markdown, DOCX): a `Field: value` header, then dated entries.

The convention (design.md, "Inputs"): each entry begins at the start of a line with a date
(`12/03/2019`, `12-03-2019`, `2019-03-12`, `12 March 2019`), optionally a time, then parts
separated by ` | ` or ` - ` naming the author, the agency and the kind of entry, in any order.
Which part is which is decided from vocabularies (agencies.yaml, note_kinds.yaml) rather than
position, because practitioners do not write them in one order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from recordlint.model import Note, Source, SourceRef
from recordlint.readers.base import Part, ReaderOptions, ReadOutcome, register
from recordlint.readers.columns import KEY_FIELDS, NOTE_FIELDS, map_headers, normalise_header
from recordlint.readers.dates import DateError, future_date_problem, parse_datetime, run_date
from recordlint.readers.identity import file_label, labels_for
from recordlint.readers.tables import NAME_FIELDS
from recordlint.readers.tabular import read_text_file
from recordlint.vocabulary import Vocabulary, per_vocabulary

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
#: an entry opens with its date and time, bare or in brackets ("[12/03/2024 14:05] Sam Okafor |
#: YJS | Home visit", "(2024-03-12 09:00) - HV"), as case systems print them
_ENTRY = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*)?[\[(]?"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}})"
    r"(?:[ ,T]+(?P<time>\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?))?"
    r"[\])]?(?:\*\*)?(?P<rest>(?:\s.*)?)$",
    re.IGNORECASE,
)
_FIELD = re.compile(
    r"^\s*(?:[-*]\s+)?(?:\*\*)?(?P<name>[A-Za-z][A-Za-z0-9 '’/()&.-]{0,48}?)(?:\*\*)?\s*:"
    r"(?:\*\*)?\s*(?P<value>.*)$"
)
_PART_SEPARATOR = re.compile(r"\s+\|\s+|\s+[-–—]\s+|^\s*[|–—-]\s*|\s*\|\s*$")
_HAS_SEPARATOR = re.compile(r"\s\|\s|\s[-–—]\s|^[|–—-]")
_MAX_META_WORDS = 6


@dataclass
class _Entry:
    line: int
    date_text: str
    time_text: str
    meta: list[str]
    lines: list[str] = field(default_factory=list)


@per_vocabulary
def _vocabulary(vocabulary: Vocabulary) -> tuple[dict[str, str], dict[str, str]]:
    def load(name: str) -> dict[str, str]:
        data = vocabulary.data(name)
        return {
            normalise_header(alias): canonical
            for canonical, aliases in data.items()
            for alias in [canonical, *aliases]
        }

    return load("agencies.yaml"), load("note_kinds.yaml")


def parse_document(
    lines: Iterable[str], path: Path, fmt: str, options: ReaderOptions, wraps: bool = True
) -> ReadOutcome:
    """Parse the lines of a case document into one case part.

    `wraps`: a header value may go on over the next lines (a text file wrapped by hand); in a
    Word document each paragraph is a line of its own, so a heading after a field is not part
    of its value.
    """
    outcome = ReadOutcome()
    shown = str(path)
    header: list[tuple[int, str, str]] = []
    entries: list[_Entry] = []
    continuing = False  # a header value may wrap onto the next line, until a blank line
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip()
        match = _ENTRY.match(line)
        if match:
            rest = match["rest"].strip()
            if _HAS_SEPARATOR.search(rest):
                entries.append(
                    _Entry(number, match["date"], match["time"] or "", _split_meta(rest))
                )
            else:  # "12/03/2024 Visited home ...": the rest of the line is the note itself
                entries.append(_Entry(number, match["date"], match["time"] or "", [], [rest]))
            continue
        if entries:
            entries[-1].lines.append(line)
            continue
        field_match = _FIELD.match(line)
        if field_match:
            value = field_match["value"].strip()
            header.append((number, field_match["name"].strip(), value))
            continuing = wraps and bool(value)  # an empty value is a gap, never more text
        elif not line.strip() or line.lstrip().startswith("#"):
            continuing = False
        elif continuing:
            number0, name, value = header[-1]
            header[-1] = (number0, name, f"{value} {line.strip()}")
    if not header and not entries:
        outcome.problem(shown, "no 'Field: value' header and no dated entries found")
        return outcome
    mapping = map_headers([name for _, name, _ in header], options.columns)
    outcome.hint_unread_headers(shown, "field", mapping)
    fields = [(n, mapping[name], value) for n, name, value in header if mapping.get(name)]
    ids: dict[str, str] = {}
    for _, name, value in fields:
        if name in KEY_FIELDS and value:
            ids.setdefault(name, value)
    labels = labels_for(ids) or file_label(shown, path.stem)
    part = Part.identified(labels, Source(shown, fmt, fields=None, has_notes=True))
    for number, name, value in fields:
        if name in NOTE_FIELDS:
            continue
        if name in NAME_FIELDS:
            part.child_name = part.child_name or value
            continue
        part.add_field(name, value, SourceRef(shown, line=number))
    if not entries:
        outcome.problem(shown, "no dated entries found (each entry should start with a date)")
    for index, entry in enumerate(entries, start=1):
        part.notes.append(_to_note(entry, index, shown, outcome))
    part.source = Source(shown, fmt, fields=None, has_notes=bool(entries))
    outcome.add_parts([part])
    return outcome


def opens_entry_or_field(line: str) -> bool:
    """Whether a line starts an entry (a date) or is a `Field: value` line: a reader that
    rejoins wrapped lines (PDF) never joins such a line to the one before, nor one to it."""
    return bool(_ENTRY.match(line) or _FIELD.match(line))


def _split_meta(rest: str) -> list[str]:
    return [p.strip(" *") for p in _PART_SEPARATOR.split(rest) if p and p.strip(" *")]


def _to_note(entry: _Entry, index: int, shown: str, outcome: ReadOutcome) -> Note:
    agencies, kinds = _vocabulary()
    agency = kind = author = ""
    text_lines: list[str] = []
    for part in entry.meta:
        key = normalise_header(part)
        if not agency and key in agencies:
            agency = part
        elif not kind and key in kinds:
            kind = part
        elif not author and len(part.split()) <= _MAX_META_WORDS and not part.endswith("."):
            author = part
        else:
            text_lines.append(part)
    text_lines.extend(entry.lines)
    where = SourceRef(shown, line=entry.line)
    try:
        date, time_known = parse_datetime(entry.date_text, entry.time_text)
    except DateError as exc:
        outcome.problem(shown, f"{exc}; the entry is kept without a date", line=entry.line)
        date, time_known = None, False
    if future := future_date_problem(date, run_date()):
        outcome.problem(shown, future, line=entry.line)
    return Note(
        note_id=f"{Path(shown).name}:{entry.line}",
        text="\n".join(text_lines).strip(),
        date=date,
        time_known=time_known,
        author=author,
        agency=agency,
        kind=kind,
        source=where,
    )


@register("text", ".txt", ".md", ".markdown", ".text")
def read_text_document(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    outcome = ReadOutcome()
    text = read_text_file(path, outcome)
    if text is None:
        return outcome
    parsed = parse_document(text.splitlines(), path, fmt, options)
    parsed.problems[:0] = outcome.problems
    return parsed


@register("docx", ".docx")
def read_docx(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    """Paragraphs and tables in document order; a two-column table row reads as `Field: value`."""
    import zipfile

    import docx  # python-docx; imported here so that plain CSV runs do not pay for it

    if not zipfile.is_zipfile(path):
        outcome = ReadOutcome()
        outcome.problem(str(path), "not a Word document (.docx files are zip archives)")
        return outcome
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several types for damaged packages
        outcome = ReadOutcome()
        outcome.problem(str(path), f"cannot open Word document ({type(exc).__name__})")
        return outcome
    return parse_document(_docx_lines(document), path, fmt, options, wraps=False)


def _unmerged(cells: list[str]) -> list[str]:
    """A merged cell appears once per grid column it spans: keep one of each adjacent run."""
    return [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1] or not c]


def _docx_lines(document) -> Iterable[str]:
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_lines(block)
        else:
            yield from (block.text or "").splitlines() or [""]


def _table_lines(table) -> Iterable[str]:
    return table_lines([_unmerged([cell.text.strip() for cell in row.cells]) for row in table.rows])


def table_lines(rows: list[list[str]]) -> Iterable[str]:
    """A table's rows (each a list of cell texts) as document lines: `Field: value` pairs, or
    an entry's parts joined by ` | ` with the text of any cell that holds several paragraphs
    on the lines after it. Word and PDF tables are both read so."""
    if len(rows) > 1 and not _dated(rows[0]) and any(_dated(cells) for cells in rows[1:]):
        rows = rows[1:]  # a chronology's first row names its columns ("Date | Author | Entry")
    for cells in rows:
        if len(cells) % 2 == 0 and all(_FIELD.match(f"{label}:") for label in cells[::2]):
            # label | value (| label | value ...): each pair is a header field
            for label, value in zip(cells[::2], cells[1::2], strict=True):
                yield f"{label.rstrip(':')}: {' '.join(value.split())}"
        else:
            yield " | ".join(c for c in cells if c and "\n" not in c)
            for cell in cells:
                if "\n" in cell:
                    yield from cell.splitlines()


def _dated(cells: list[str]) -> bool:
    return bool(cells) and _ENTRY.match(cells[0]) is not None
