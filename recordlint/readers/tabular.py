"""CSV, TSV, XLSX, JSON and JSON Lines exports: one row per note (or per person, or per case).

pandas reads the rows; when its fast parser rejects a file (a row with too many fields, a quote
never closed) the stdlib `csv` module reads it again row by row, so each bad row is reported by
its line and every good row is still linted.
"""

from __future__ import annotations

import csv
import io
import json
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
    if decoded.damaged_line is not None:
        outcome.problem(
            str(path),
            "invalid UTF-8 byte; shown as \ufffd and the rest of the file read",
            line=decoded.damaged_line,
        )
    return decoded.text


def _sniff_delimiter(text: str, default: str) -> str:
    head = "\n".join(text.splitlines()[:5])
    try:
        return csv.Sniffer().sniff(head, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return default


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

    delimiter = _sniff_delimiter(text, default) if sniff else default
    problems_before = len(outcome.problems)
    try:
        with warnings.catch_warnings():
            # pandas warns (rather than fails) when rows are longer than the header and it
            # would drop the extra fields: read carefully instead, so nothing goes unreported
            warnings.simplefilter("error", pd.errors.ParserWarning)
            chunks = pd.read_csv(
                io.StringIO(text),
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
        headers, rows = _careful_rows(text, delimiter, str(path), outcome)
    else:
        rows = []
    if not headers:
        outcome.problem(str(path), "file has no header row")
        return outcome
    if not rows:
        outcome.problem(str(path), "file has a header but no rows")
        return outcome
    rows_to_parts(path, fmt, headers, rows, options, outcome)
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


def _careful_rows(
    text: str, delimiter: str, shown: str, outcome: ReadOutcome
) -> tuple[list[str], list[tuple[int, dict]]]:
    """The slow path: the csv module, row by row, reporting each malformed row by line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: list[str] = []
    rows: list[tuple[int, dict]] = []
    row_number = 1
    while True:
        start_line = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            outcome.problem(
                shown, f"malformed CSV ({exc}); rows after it not read", line=start_line
            )
            break
        if not headers:
            headers = [v.strip() for v in values]
            continue
        if not any(v.strip() for v in values):
            continue
        row_number += 1
        if any(v.strip() for v in values[len(headers) :]):
            outcome.problem(
                shown,
                f"row has {len(values)} fields but the header has {len(headers)}; "
                "extra fields ignored",
                line=start_line,
            )
        rows.append((row_number, dict(zip(headers, values, strict=False))))
    return headers, rows


@register("xlsx", ".xlsx", ".xlsm")
def read_xlsx(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    """Every sheet whose header row names a case id is read; guidance and code sheets are not.

    Workbooks are opened read-only with cached values: formulas are never evaluated and
    macros never run.
    """
    import pandas as pd

    outcome = ReadOutcome()
    shown = str(path)
    try:
        is_zip = zipfile.is_zipfile(path)
    except OSError as exc:
        outcome.problem(shown, f"cannot read file ({exc.strerror or exc})")
        return outcome
    if not is_zip:
        outcome.problem(shown, "not an Excel workbook (.xlsx files are zip archives)")
        return outcome
    try:
        # keep_default_na off: "None" and "N/A" are values to classify, not blanks
        sheets = pd.read_excel(
            path,
            sheet_name=None,
            header=None,
            dtype=str,
            engine="openpyxl",
            keep_default_na=False,
            na_filter=False,
        )
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        outcome.problem(shown, f"cannot open workbook ({type(exc).__name__}: {exc})")
        return outcome
    found = False
    for sheet_name, frame in sheets.items():
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
    return outcome


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
    _records_to_parts(path, fmt, records, options, outcome, unit="line")
    return outcome


def _records_to_parts(path, fmt, records, options, outcome, unit: str) -> None:
    headers: dict[str, None] = {}
    rows: list[tuple[int, dict]] = []
    for number, record in records:
        if not isinstance(record, dict):
            outcome.problem(str(path), f"{unit} {number} is not an object; skipped")
            continue
        flat = {str(k): _scalar(v) for k, v in record.items()}
        headers.update(dict.fromkeys(flat))
        rows.append((number, flat))
    if not rows:
        outcome.problem(str(path), "no records")
        return
    rows_to_parts(path, fmt, list(headers), rows, options, outcome)


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
