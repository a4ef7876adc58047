"""CSV, TSV, XLSX, JSON and JSON Lines exports: one row per note (or per person, or per case).

pandas reads the rows; when its fast parser rejects a file (a row with too many fields, a quote
never closed) the stdlib `csv` module reads it again row by row, so each bad row is reported by
its line and every good row is still linted.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from recordlint.readers.base import ReaderOptions, ReadOutcome, register
from recordlint.readers.columns import KEY_FIELDS, map_headers
from recordlint.readers.encoding import NotText, decode
from recordlint.readers.tables import ROWS_PER_BATCH, rows_to_parts

if TYPE_CHECKING:
    import pandas as pd

_DELIMITERS = ",;\t|"
# a note may be longer than the csv module's default limit of 128 KB a field (limits.max-note-
# chars in config decides how much of it is read, after the file has been)
csv.field_size_limit(2**31 - 1)
#: the delimiter is guessed from the first lines, found in this many characters
_SNIFF_CHARS = 65536
#: How many leading rows of a sheet may be titles before the header row (Annex A has one).
_HEADER_SEARCH_ROWS = 10


def read_text_file(path: Path, outcome: ReadOutcome) -> str | None:
    """Read and decode a text file, reporting (not raising) what goes wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        outcome.problem(str(path), f"cannot read file ({exc.strerror or exc})")
        return None
    if not data.strip():
        outcome.problem(str(path), "file is empty")
        return None
    try:
        decoded = decode(data)
    except NotText as exc:
        outcome.problem(str(path), str(exc))
        return None
    if _NOT_BLANK.search(decoded.text) is None:  # a byte-order mark and nothing else
        outcome.problem(str(path), "file is empty")
        return None
    if decoded.nul_bytes:
        outcome.problem(
            str(path),
            f"{decoded.nul_bytes} NUL byte{'s' if decoded.nul_bytes > 1 else ''} removed "
            "(the first on this line); the rest of the file read",
            line=decoded.nul_line,
        )
    if decoded.damaged_line is not None:
        outcome.problem(
            str(path),
            f"invalid {_encoding_name(decoded.encoding)} byte; shown as \ufffd and the rest of "
            "the file read",
            line=decoded.damaged_line,
        )
    return decoded.text


def _encoding_name(encoding: str) -> str:
    """ "utf-8-sig" -> "UTF-8", "utf-16" -> "UTF-16": how people name it."""
    return encoding.upper().removesuffix("-SIG")


def _sniff_delimiter(text: str, default: str) -> str:
    """The delimiter that splits the header and the first records into the same number of
    fields, the most fields winning.

    Class "a delimiter other than the notes' punctuation": a semicolon-separated notes table
    whose text is full of commas ("yp_ref;Entry date;Text" then notes like "arrived, tired,
    asked for..."): csv.Sniffer counts commas and splits the header into one field. The header
    line names the columns and holds no prose, so it decides; Sniffer only breaks a tie."""
    head = text[:_SNIFF_CHARS].lstrip("\ufeff")
    header = head.lstrip("\r\n").partition("\n")[0]
    widths = {d: _consistent_width(head, d) for d in _DELIMITERS if d in header}
    widths = {d: w for d, w in widths.items() if w > 1}
    if widths:
        best = max(widths.values())
        chosen = [d for d, w in widths.items() if w == best]
        if len(chosen) == 1:
            return chosen[0]
    try:
        return (
            csv.Sniffer().sniff("\n".join(head.splitlines()[:5]), delimiters=_DELIMITERS).delimiter
        )
    except csv.Error:
        return default


def _consistent_width(head: str, delimiter: str, records: int = 5) -> int:
    """The header's number of fields when the first records (a cut-off last one aside) have
    as many; 0 when they do not, or the head cannot be read with `delimiter`."""
    try:
        rows = list(
            itertools.islice(csv.reader(io.StringIO(head), delimiter=delimiter), records + 2)
        )
    except csv.Error:
        return 0
    rows = [row for row in rows if row]
    if len(rows) > records + 1 or len(head) == _SNIFF_CHARS:
        rows = rows[:-1]  # the last record may be cut off at the end of the head
    if not rows:
        return 0
    width = len(rows[0])
    return width if all(len(row) == width for row in rows[1:]) else 0


@register("csv", ".csv")
def read_csv(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    return _read_delimited(path, fmt, options, default=",")


@register("tsv", ".tsv", ".tab")
def read_tsv(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    return _read_delimited(path, fmt, options, default="\t", sniff=False)


def _read_delimited(
    path: Path, fmt: str, options: ReaderOptions, default: str, sniff: bool = True
) -> ReadOutcome:
    outcome = ReadOutcome()
    text = read_text_file(path, outcome)
    if text is None:
        return outcome
    import pandas as pd  # imported on first use: a practitioner's single .txt never pays for it

    first_line = text[:_SNIFF_CHARS].lstrip("\ufeff").lstrip("\r\n").partition("\n")[0]
    if not sniff and default not in first_line:  # a comma-separated file saved as .tsv
        sniff = True
    delimiter = _sniff_delimiter(text, default) if sniff else default
    problems_before = len(outcome.problems)
    try:
        if text.count('"') % 2:
            # a quote opened and never closed: pandas would read on to the next quote, folding
            # the rows between into one field without a word; the careful reader says where
            raise pd.errors.ParserError("unbalanced quotes")
        with warnings.catch_warnings():
            # pandas warns (rather than fails) when rows are longer than the header and it
            # would drop the extra fields: read carefully instead, so nothing goes unreported
            warnings.simplefilter("error", pd.errors.ParserWarning)
            chunks = pd.read_csv(
                # bytes, not io.StringIO, which holds four bytes a character: a large export
                # is held once, as compactly as it came
                io.BytesIO(text.encode("utf-8", errors="surrogatepass")),
                encoding="utf-8",
                encoding_errors="surrogatepass",
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=True,
                index_col=False,  # a trailing comma on every row must not shift the columns
                chunksize=ROWS_PER_BATCH,  # a long export is never held whole
            )
            first = next(chunks)
            headers = [str(c) for c in first.columns]
            if headers and not first.empty:
                rows_to_parts(path, fmt, headers, _chunk_rows(first, chunks), options, outcome)
                return outcome
    except pd.errors.EmptyDataError:
        outcome.problem(str(path), "file has no header row")
        return outcome
    except (pd.errors.ParserError, pd.errors.ParserWarning, ValueError):
        # read again row by row; what the fast reader handed over so far is read again too
        outcome.discard_parts()
        del outcome.problems[problems_before:]
        plain = _plain_tsv_rows(text) if delimiter == "\t" else None
        if plain is not None:
            headers, rows = plain
        else:
            headers, rows = _careful_rows(text, delimiter, str(path), outcome)
    else:
        rows = iter(())
    if not headers:
        outcome.problem(str(path), "file has no header row")
        return outcome
    first_row = next(rows, None)
    if first_row is None:
        outcome.problem(str(path), "file has a header but no rows")
        return outcome
    rows_to_parts(path, fmt, headers, itertools.chain([first_row], rows), options, outcome)
    return outcome


def _chunk_rows(first: pd.DataFrame, rest: Iterator[pd.DataFrame]) -> Iterator[tuple[int, dict]]:
    """The rows of every chunk pandas reads, numbered across chunks."""
    yield from _frame_rows(first)
    row = 2 + len(first)
    for chunk in rest:
        yield from _frame_rows(chunk, first_row=row)
        row += len(chunk)


def _frame_rows(frame: pd.DataFrame, first_row: int = 2) -> Iterator[tuple[int, dict]]:
    """Rows numbered as a spreadsheet shows them: the header is row 1."""
    headers = [str(c) for c in frame.columns]
    for offset, values in enumerate(frame.itertuples(index=False, name=None)):
        yield first_row + offset, dict(zip(headers, values, strict=False))


def _plain_tsv_rows(text: str) -> tuple[list[str], Iterator[tuple[int, dict]]] | None:
    """A TSV read as the format defines it, with no quoting (a quote is part of the text), when
    every row then has the header's number of fields; None when it does not."""
    records = _plain_tsv_records(text)
    headers = next(records, None)
    if headers is None or any(len(values) != len(headers) for values in records):
        return None

    def rows() -> Iterator[tuple[int, dict]]:
        body = _plain_tsv_records(text)
        next(body)
        for number, values in enumerate(body, start=2):
            yield number, dict(zip(headers, values, strict=True))

    return headers, rows()


def _plain_tsv_records(text: str) -> Iterator[list[str]]:
    """The rows of a TSV that hold anything, read with no quoting; the header first."""
    first = True
    for values in csv.reader(_Lines(text), delimiter="\t", quoting=csv.QUOTE_NONE):
        if any(v.strip() for v in values):
            yield [v.strip() for v in values] if first else values
            first = False


#: one line as the csv module reads lines: up to and with its "\n", "\r" or "\r\n"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_NOT_SPACE = re.compile(r"\S")
_NOT_BLANK = re.compile(r"[^\s\ufeff]")


class _Lines:
    """The lines of `text` from `start` on, for the csv module, knowing where the next begins."""

    def __init__(self, text: str, start: int = 0) -> None:
        self.text = text
        self.pos = start

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pos >= len(self.text):
            raise StopIteration
        match = _LINE.match(self.text, self.pos)
        assert match is not None  # the pattern matches at least one character before the end
        self.pos = match.end()
        return match.group()


def _careful_rows(
    text: str, delimiter: str, shown: str, outcome: ReadOutcome
) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The slow path: the csv module, row by row, reporting each malformed row by line.

    A row whose quote is never closed (or closed in the wrong place) is read from its own line
    alone when that gives the header's number of fields; reading goes on from the next line
    when a whole row starts there, and otherwise (a note cut off mid-quote, say) the lines
    after it are reported as not read. Rows are read as they are asked for, never held together.
    """
    source = _Lines(text)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    try:
        header = next((values for values in reader if values), None)
    except csv.Error as exc:
        outcome.problem(shown, f"malformed CSV header ({exc})", line=reader.line_num)
        return [], iter(())
    if header is None:
        return [], iter(())
    headers = [v.strip() for v in header]
    return headers, _careful_body(text, source, reader, headers, delimiter, shown, outcome)


def _careful_body(
    text: str,
    source: _Lines,
    reader: Iterator[list[str]],
    headers: list[str],
    delimiter: str,
    shown: str,
    outcome: ReadOutcome,
) -> Iterator[tuple[int, dict]]:
    width = len(headers)
    row_number = 1
    lines_before = 0  # lines read by the readers before this one (see resuming, below)
    while True:
        row_start = source.pos
        start_line = lines_before + reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line_end = _LINE.match(text, row_start).end()  # type: ignore[union-attr]
            salvaged = _one_line_row(text[row_start:line_end], delimiter, width)
            resumes = _reads_cleanly(_Lines(text, line_end), delimiter, width)
            more = _NOT_SPACE.search(text, line_end) is not None
            after = "" if resumes or not more else "; the lines after it are not read"
            how = "the row is not read" if salvaged is None else salvaged[1]
            outcome.problem(shown, f"malformed CSV row ({exc}); {how}{after}", line=start_line)
            if salvaged is not None:
                row_number += 1
                yield row_number, dict(zip(headers, salvaged[0], strict=False))
            if not resumes:
                return
            source = _Lines(text, line_end)  # go on from the line after the malformed row
            reader = csv.reader(source, delimiter=delimiter, strict=True)
            lines_before = start_line
            continue
        if not any(v.strip() for v in values):
            continue
        row_number += 1
        if any(v.strip() for v in values[width:]):
            outcome.problem(
                shown,
                f"row has {len(values)} fields but the header has {width}; extra fields ignored",
                line=start_line,
            )
        yield row_number, dict(zip(headers, values, strict=False))


def _one_line_row(line: str, delimiter: str, width: int) -> tuple[list[str], str] | None:
    """A row whose quote is not closed, read from its own line alone when that gives the
    header's number of fields: with the quote closed at the end of the line (a note cut off),
    or else with the quote taken as part of the text (a stray quote). Also says which."""
    text = line.rstrip("\r\n")
    for attempt, quoting, how in (
        (text + '"', csv.QUOTE_MINIMAL, "the quote is closed at the end of its line"),
        (text, csv.QUOTE_NONE, "the quote is read as text"),
    ):
        try:
            values = next(csv.reader([attempt], delimiter=delimiter, quoting=quoting), [])
        except csv.Error:
            continue
        if len(values) == width or (
            len(values) > width and not any(v.strip() for v in values[width:])
        ):
            return values, how
    return None


def _reads_cleanly(lines: Iterator[str], delimiter: str, width: int) -> bool:
    """Whether these lines start with a whole row of the header's width, read without error.
    The lines of a quoted note cut off part-way do not, as a rule. (Rows after that one with
    too many fields, or malformed, are found and reported in their turn.)"""
    try:
        for values in csv.reader(lines, delimiter=delimiter, strict=True):
            if any(v.strip() for v in values):
                return len(values) >= width and not any(v.strip() for v in values[width:])
    except csv.Error:
        pass
    return False


@register("xlsx", ".xlsx", ".xlsm")
def read_xlsx(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    """Every sheet whose header row names a case id is read; guidance and code sheets are not.

    Workbooks are opened read-only with cached values: formulas are never evaluated and
    macros never run.
    """
    outcome = ReadOutcome()
    if _is_workbook_package(path, outcome):
        _read_workbook(path, fmt, "openpyxl", options, outcome)
    return outcome


#: the first bytes of an OLE2 compound file, the container of an Excel 97-2003 workbook
_OLE2_SIGNATURE = bytes.fromhex("d0cf11e0a1b11ae1")


@register("xls", ".xls")
def read_xls(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    """An Excel 97-2003 workbook (Annex A lists are still sent so), read by calamine like a
    workbook of today. Many systems name other files .xls: a real .xlsx is read as one, and an
    HTML or text "spreadsheet" is named for what it is."""
    outcome = ReadOutcome()
    shown = str(path)
    try:
        with path.open("rb") as handle:
            start = handle.read(512)
    except OSError as exc:
        outcome.problem(shown, f"cannot read file ({exc.strerror or exc})")
        return outcome
    if start.startswith(_OLE2_SIGNATURE):
        _read_workbook(path, fmt, "calamine", options, outcome)
    elif start.startswith(b"PK") and _is_workbook_package(path, outcome):
        _read_workbook(path, fmt, "openpyxl", options, outcome)
    elif not start.startswith(b"PK"):
        looks = "an HTML page" if start.lstrip()[:1] == b"<" else "not a workbook"
        outcome.problem(
            shown,
            f"not an Excel 97-2003 workbook ({looks}); open it in a spreadsheet and save it as "
            ".xlsx or .csv",
        )
    return outcome


def _is_workbook_package(path: Path, outcome: ReadOutcome) -> bool:
    """Whether `path` is an Office Open XML workbook (a zip holding one), said when not."""
    shown = str(path)
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        outcome.problem(shown, f"cannot read file ({exc.strerror or exc})")
        return False
    if not is_zip:
        outcome.problem(shown, "not an Excel workbook (.xlsx files are zip archives)")
        return False
    try:
        with zipfile.ZipFile(path) as archive:
            is_package = "[Content_Types].xml" in archive.namelist()
    except (OSError, zipfile.BadZipFile) as exc:
        outcome.problem(shown, f"cannot open workbook ({type(exc).__name__}: {exc})")
        return False
    if not is_package:
        outcome.problem(shown, "not an Excel workbook (a zip archive with no workbook in it)")
    return is_package


def _read_workbook(
    path: Path, fmt: str, engine: str, options: ReaderOptions, outcome: ReadOutcome
) -> None:
    import pandas as pd

    try:
        # keep_default_na off: "None" and "N/A" are values to classify, not blanks
        sheets = pd.read_excel(
            path,
            sheet_name=None,
            header=None,
            dtype=object,  # typed dates stay dates (see _typed_cell)
            engine=engine,
            keep_default_na=False,
            na_filter=False,
        )
    except Exception as exc:  # openpyxl and calamine raise many types for a damaged workbook
        outcome.problem(str(path), f"cannot open workbook ({type(exc).__name__}: {exc})")
        return
    found = False
    for sheet_name, typed in sheets.items():
        frame = typed.map(_typed_cell)
        header_row = _find_header_row(frame, options)
        if header_row is None:
            continue
        found = True
        headers = [str(v) for v in frame.iloc[header_row]]
        body = frame.iloc[header_row + 1 :]
        body.columns = headers
        rows = list(_frame_rows(body, first_row=header_row + 2))
        rows_to_parts(
            path.with_name(f"{path.name}[{sheet_name}]"), fmt, headers, rows, options, outcome
        )
    if not found:
        rows_to_parts(path, fmt, [], [], options, outcome)  # reports the missing case id column


def _typed_cell(value: object) -> object:
    """A workbook cell as text, a typed date as the ISO date it is: a date alone when the
    cell holds no time (Excel stores a date as midnight), and never a text to be read day
    first. Text, numbers and booleans read as Excel shows them."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _find_header_row(frame: pd.DataFrame, options: ReaderOptions) -> int | None:
    for index in range(min(_HEADER_SEARCH_ROWS, len(frame))):
        cells = [str(v) for v in frame.iloc[index] if str(v).strip()]
        fields = {f for f in map_headers(cells, options.columns).values() if not f.startswith("x_")}
        # a header names the case id and at least one other known field: a guidance sheet that
        # mentions "Child Unique ID" in a sentence's row is not a table of children
        if fields & set(KEY_FIELDS) and len(fields) >= 2:
            return index
    return None


@register("json", ".json")
def read_json(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    """A list of row objects, or an object holding one such list (`{"records": [...]}`)."""
    outcome = ReadOutcome()
    text = read_text_file(path, outcome)
    if text is None:
        return outcome
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        outcome.problem(str(path), f"invalid JSON ({exc.msg})", line=exc.lineno)
        return outcome
    except RecursionError:
        outcome.problem(str(path), "JSON nested too deeply to read")
        return outcome
    if isinstance(data, dict):
        lists = [v for v in data.values() if isinstance(v, list)]
        if len(lists) != 1:
            outcome.problem(str(path), "expected a list of records (or an object holding one list)")
            return outcome
        data = lists[0]
    if not isinstance(data, list):
        outcome.problem(str(path), "expected a list of records")
        return outcome
    _records_to_parts(path, fmt, enumerate(data, start=1), options, outcome, unit="record")
    return outcome


@register("jsonl", ".jsonl", ".ndjson")
def read_jsonl(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    outcome = ReadOutcome()
    text = read_text_file(path, outcome)
    if text is None:
        return outcome
    records: list[tuple[int, object]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append((line_number, json.loads(line)))
        except json.JSONDecodeError as exc:
            outcome.problem(str(path), f"invalid JSON ({exc.msg}); line skipped", line=line_number)
        except RecursionError:
            outcome.problem(
                str(path), "JSON nested too deeply to read; line skipped", line=line_number
            )
    _records_to_parts(path, fmt, records, options, outcome, unit="line")
    return outcome


def _records_to_parts(path, fmt, records, options, outcome, unit: str) -> None:
    headers: dict[str, None] = {}
    rows: list[tuple[int, dict]] = []
    for number, record in records:
        where = {"row": number} if unit == "record" else {"line": number}
        if not isinstance(record, dict):
            kind = _JSON_KINDS.get(type(record), type(record).__name__)
            outcome.problem(str(path), f"{kind}, not an object; skipped", **where)
            continue
        flat = {}
        for key, value in record.items():
            if isinstance(value, (dict, list)) and _depth(value) > _MAX_VALUE_DEPTH:
                outcome.problem(
                    str(path),
                    f"the value of {str(key)!r} is nested more than {_MAX_VALUE_DEPTH} levels "
                    "deep; left blank",
                    **where,
                )
                value = None
            flat[str(key)] = _scalar(value)
        headers.update(dict.fromkeys(flat))
        rows.append((number, flat))
    if not rows:
        outcome.problem(str(path), "no records")
        return
    rows_to_parts(path, fmt, list(headers), rows, options, outcome)


_JSON_KINDS = {str: "a string", int: "a number", float: "a number", bool: "true or false",
               list: "a list", type(None): "null"}  # fmt: skip

#: a value nested deeper than this is not case data, and turning it back into text could
#: exhaust the interpreter's stack
_MAX_VALUE_DEPTH = 100


def _depth(value: object) -> int:
    """How deeply lists and objects nest in a JSON value (counted without recursion)."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            if deepest > _MAX_VALUE_DEPTH:
                break
            stack.extend((child, depth + 1) for child in item)
    return deepest


def _scalar(value: object) -> str:
    """A JSON value as a cell: lists of plain values joined, whole floats without ".0"."""
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(_scalar(v) for v in value)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
