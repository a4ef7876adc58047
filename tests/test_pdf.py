"""Case records printed to PDF read back as the records they were printed from.

The prints (tests/pdf_prints, written by scripts/make_pdf_prints.py) are one column over two
pages, a side column of details beside the chronology, a tabled chronology, and a page drawn in
no reading order; each carries a running header and a "Page n" footer.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from recordlint import lint
from recordlint.readers import read_inputs

ROOT = Path(__file__).resolve().parents[1]
PRINTS = ROOT / "tests" / "pdf_prints"


def _generator():
    spec = importlib.util.spec_from_file_location("prints", ROOT / "scripts" / "make_pdf_prints.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PRINTED = _generator().CASES


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_a_print_reads_back_as_the_record_it_was_printed_from(name: str) -> None:
    fields, entries = PRINTED[name]
    result = read_inputs([PRINTS / name])
    assert result.problems == []
    (case,) = result.cases
    truth = dict(fields)
    assert case.case_id == truth["Case ID"] and case.child.name == truth["Child"]
    assert case.field("ethnicity") == truth["Ethnicity"]
    assert case.field("first_language") == truth["First language"]
    assert case.field("religion") == truth["Religion"]
    got = [
        (n.date.strftime("%d/%m/%Y"), n.author, n.kind, " ".join(n.text.split()))
        for n in case.notes
    ]
    assert got == [(date, worker, kind, text) for date, worker, _, kind, text in entries]


def test_running_headers_and_footers_are_not_part_of_any_note() -> None:
    cases = read_inputs(sorted(PRINTS.glob("*.pdf"))).cases
    texts = " ".join(note.text for case in cases for note in case.notes)
    assert "Printed 07/12/2026" not in texts and "Page 2" not in texts
    assert "Case record print" not in texts


def test_a_wrapped_paragraph_is_one_paragraph_again() -> None:
    (case,) = read_inputs([PRINTS / "P3002_two_column.pdf"]).cases
    assert "\n" not in case.notes[0].text  # the page wrapped it; the worker wrote one paragraph


def test_the_rules_judge_a_pdf_print_as_they_judge_its_text() -> None:
    run = lint([PRINTS / "P3002_two_column.pdf"])
    (report,) = run.reports
    assert report.checks["DEM001"].status.value == "pass"
    assert report.checks["DEM002"].status.value == "pass"  # Dutch, interpreter "No" recorded


def test_the_generator_makes_the_committed_prints() -> None:
    built = _generator().build()
    assert set(built) == {p.name for p in PRINTS.glob("*.pdf")}
    for name, data in built.items():
        assert (PRINTS / name).read_bytes() == data, name
