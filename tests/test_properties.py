"""Property-based tests (Hypothesis) for the readers and the case-document parser.

Two kinds of property: whatever bytes arrive, reading never raises and every problem is one
line naming its file; and whatever a well-formed export says, reading it loses nothing (every
row's note comes back, in its case, with its text). In CI (CI=true) the examples are derived
from the test names, so a run is repeatable; locally they are random, to keep finding new ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from recordlint.readers import read_inputs  # noqa: E402
from recordlint.readers.base import ReaderOptions  # noqa: E402
from recordlint.readers.dates import DateError, parse_datetime  # noqa: E402
from recordlint.readers.documents import parse_document  # noqa: E402

settings.register_profile(
    "recordlint",
    max_examples=150,
    deadline=None,
    derandomize=os.environ.get("CI") == "true",
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("recordlint")

EXTENSIONS = [".csv", ".tsv", ".txt", ".md", ".json", ".jsonl", ".xml", ".xlsx", ".docx"]
#: text people type: any letter, number, punctuation, symbol or space (no control characters)
TYPED = st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x85\u2028\u2029")
CASE_IDS = st.from_regex(r"[A-Z][0-9]{3,6}", fullmatch=True)


def assert_one_line_problems(result, path: Path) -> None:
    for problem in result.problems:
        line = str(problem)
        assert "\n" not in line and "\r" not in line, line
        assert str(path) in line or problem.path == str(path), line


@given(data=st.binary(max_size=2048), extension=st.sampled_from(EXTENSIONS))
def test_any_bytes_in_any_format_are_read_or_reported(tmp_path: Path, data, extension) -> None:
    path = tmp_path / f"input{extension}"
    path.write_bytes(data)
    result = read_inputs([path])  # must not raise
    assert_one_line_problems(result, path)
    assert result.cases or result.problems  # something read, or a reason why not


@given(text=st.text(max_size=3000), extension=st.sampled_from(EXTENSIONS[:6]))
def test_any_text_in_a_text_format_is_read_or_reported(tmp_path: Path, text, extension) -> None:
    path = tmp_path / f"input{extension}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    result = read_inputs([path])
    assert_one_line_problems(result, path)


ROWS = st.lists(
    st.tuples(
        CASE_IDS,
        # up to the day of the run (a later date is said: test_a_date_after_the_run_is_said)
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2025, 12, 31)),
        st.text(TYPED, min_size=1, max_size=200).filter(str.strip),
    ),
    min_size=1,
    max_size=40,
)


@given(rows=ROWS, delimiter=st.sampled_from([",", ";", "\t", "|"]))
def test_every_row_of_a_well_formed_table_is_read(tmp_path: Path, rows, delimiter) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Child ID", "Entry Date", "Case Note"])
    for case_id, date, note in rows:
        writer.writerow([case_id, date.strftime("%d/%m/%Y"), note])
    path = tmp_path / ("export.tsv" if delimiter == "\t" else "export.csv")
    path.write_text(buffer.getvalue(), encoding="utf-8")
    result = read_inputs([path])
    assert result.problems == []
    read = sorted(
        (case.case_id, note.date.date(), note.text) for case in result.cases for note in case.notes
    )
    assert read == sorted((case_id, date, note.strip()) for case_id, date, note in rows)


ENTRIES = st.lists(
    st.tuples(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)),
        st.lists(
            st.text(TYPED, min_size=1, max_size=80).filter(lambda s: s.strip() and s[0].isalpha()),
            min_size=1,
            max_size=4,
        ),
    ),
    min_size=1,
    max_size=12,
)


@given(case_id=CASE_IDS, entries=ENTRIES)
def test_every_entry_of_a_case_document_is_read(case_id, entries) -> None:
    lines = [f"Child ID: {case_id}", ""]
    for date, text_lines in entries:
        lines.append(f"{date:%d/%m/%Y} Visit")
        lines.extend(f"  {line}" for line in text_lines)
    outcome = parse_document(lines, Path("case.txt"), "text", ReaderOptions())
    (part,) = outcome.parts
    assert part.label == case_id
    assert [n.date.date() for n in part.notes] == [date for date, _ in entries]
    for note, (_, text_lines) in zip(part.notes, entries, strict=True):
        for line in text_lines:
            assert line.strip() in note.text


@given(lines=st.lists(st.text(max_size=120), max_size=60))
def test_any_lines_parse_as_a_document_or_a_reason(lines) -> None:
    outcome = parse_document(lines, Path("case.txt"), "text", ReaderOptions())
    assert outcome.parts or outcome.problems
    for problem in outcome.problems:
        assert "\n" not in str(problem)


@given(text=st.text(max_size=40), time=st.text(max_size=12))
def test_a_date_is_read_or_refused_in_words(text, time) -> None:
    try:
        parsed, _ = parse_datetime(text, time)
    except DateError as exc:
        assert str(exc).startswith("cannot read date")
    else:
        assert parsed is None or isinstance(parsed, dt.datetime)


@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_day_first_dates_read_back_in_every_common_shape(day) -> None:
    for shape in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y"):
        parsed, time_known = parse_datetime(day.strftime(shape))
        assert parsed.date() == day and not time_known


@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_date_after_the_run_is_said_and_kept(tmp_path: Path, monkeypatch, day) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 1 January 2026, 00:00 UTC
    path = tmp_path / "notes.csv"
    path.write_text(f"Child ID,Entry Date,Case Note\nB1,{day:%d/%m/%Y},Seen.\n", encoding="utf-8")
    result = read_inputs([path])
    (note,) = result.cases[0].notes
    assert note.date.date() == day  # kept as written
    said = [p for p in result.problems if "after the day of the run (01/01/2026)" in p.message]
    assert len(said) == (day > dt.date(2026, 1, 1)) and all(p.row == 2 for p in said)
