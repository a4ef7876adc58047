"""Large exports stream: parts wait on disk, long tables are handed over in batches of rows,
and none of it changes a case or a report."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from recordlint import lint
from recordlint.readers import ReaderOptions, open_inputs, read_inputs, tables, tabular
from recordlint.reporters.json_report import report_dict
from recordlint.summary import summarise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def cases_read(options: ReaderOptions | None = None):
    with open_inputs([FIXTURES], options) as inputs:
        return list(inputs.cases()), inputs.problems


def test_parts_stored_on_disk_give_the_same_cases_as_in_memory() -> None:
    in_memory = cases_read()
    on_disk = cases_read(ReaderOptions(spill_over_bytes=0))
    assert on_disk == in_memory
    assert len(in_memory[0]) == 23


def test_a_table_read_in_small_batches_gives_the_same_cases(monkeypatch) -> None:
    whole = cases_read()
    monkeypatch.setattr(tables, "ROWS_PER_BATCH", 2)
    monkeypatch.setattr(tabular, "ROWS_PER_BATCH", 2)
    assert cases_read() == whole
    assert cases_read(ReaderOptions(spill_over_bytes=0)) == whole


def test_a_bad_row_after_the_first_batch_is_read_once(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tables, "ROWS_PER_BATCH", 2)
    monkeypatch.setattr(tabular, "ROWS_PER_BATCH", 2)
    rows = ["Child ID,Entry Date,Case Note"]
    rows += [f"C1,0{d}/03/2024,Seen at home {d}" for d in range(1, 8)]
    rows.insert(6, "C1,09/03/2024,too,many,fields")
    (tmp_path / "notes.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = read_inputs([tmp_path / "notes.csv"])
    (case,) = result.cases
    assert len(case.notes) == 8  # seven good rows and the long one, each once
    assert [p.message for p in result.problems] == [
        "row has 5 fields but the header has 3; extra fields ignored"
    ]


def test_reports_without_the_record_are_the_same_json() -> None:
    full = lint([FIXTURES])
    lean = lint([FIXTURES], keep_cases=False)
    assert all(not r.case.notes and not r.case.fields for r in lean.reports)
    assert report_dict(lean, summarise(lean, None)) == report_dict(full, summarise(full, None))
    pooled = lint([FIXTURES], keep_cases=False, jobs=2)
    assert report_dict(pooled, summarise(pooled, None)) == report_dict(full, summarise(full, None))


def test_the_stored_parts_are_removed_when_a_run_is_interrupted(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def interrupt(done: int, total: int) -> None:
        assert list(tmp_path.glob("recordlint-*/parts-*.sqlite"))  # stored while running
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        lint([FIXTURES], jobs=2, progress=interrupt)
    assert list(tmp_path.iterdir()) == []
    lint([FIXTURES], jobs=2)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("paths", [[FIXTURES], []])
def test_the_json_written_a_case_at_a_time_is_the_whole_document(paths) -> None:
    import io
    import json

    from recordlint.reporters.json_report import write_json

    run = lint(paths)
    summary = summarise(run, None)
    written = io.StringIO()
    write_json(run, summary, written)
    whole = json.dumps(report_dict(run, summary), indent=2, ensure_ascii=False) + "\n"
    assert written.getvalue() == whole


def test_spooled_reports_read_back_as_written() -> None:
    from recordlint.spool import SpooledReports

    reports = lint([FIXTURES]).reports
    spooled = SpooledReports()
    for report in reports:
        spooled.append(report)
    assert len(spooled) == len(reports) == 23
    assert list(spooled) == reports
    assert spooled[5] == reports[5] and spooled[-1] == reports[-1]
    pairs = [(a.case_id, b.case_id) for a in spooled for b in spooled]  # loops interleave
    assert pairs == [(a.case_id, b.case_id) for a in reports for b in reports]
