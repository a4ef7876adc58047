"""Inputs the fuzz target (fuzz/fuzz_inputs.py) found crashing, each kept as a test once fixed."""

from __future__ import annotations

from pathlib import Path

from recordlint.readers import read_inputs


def test_case_ids_with_unicode_digits_are_ordered(tmp_path: Path) -> None:
    # a superscript two is a digit to regular expressions and str.isdigit, not to int()
    path = tmp_path / "ids.csv"
    path.write_text(
        "Child ID,Entry Date,Case Note\nB²,01/03/2024,Seen.\nB10,01/03/2024,Seen.\n"
        "B9,01/03/2024,Seen.\n٣,01/03/2024,Seen.\n²,01/03/2024,Seen.\n",
        encoding="utf-8",
    )
    result = read_inputs([path])
    assert result.problems == []
    assert [case.case_id for case in result.cases] == ["B9", "B10", "B²", "²", "٣"]


def test_a_truncated_utf16_file_is_read_with_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    text = "Child ID,Entry Date,Case Note\nB1,01/03/2024,Seen at home."
    path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be") + b"\x00")  # one byte short
    result = read_inputs([path])
    assert [case.case_id for case in result.cases] == ["B1"]
    (problem,) = result.problems
    assert problem.path == str(path) and problem.line == 2
    assert problem.message.startswith("invalid UTF-16 byte")


def test_a_long_run_of_digits_in_a_date_is_refused_in_words(tmp_path: Path) -> None:
    # dateutil reads the digits as seconds in a Decimal and raised decimal.InvalidOperation
    path = tmp_path / "notes.tsv"
    date = "3h" + "5" * 70 + "e has been"
    path.write_text(f"Child ID\tEntry Date\tCase Note\nB1\t{date}\tSeen.\n", encoding="utf-8")
    result = read_inputs([path])
    assert [case.case_id for case in result.cases] == ["B1"]
    (problem,) = result.problems
    assert problem.row == 2 and problem.message.startswith("cannot read date")


def test_case_ids_that_sort_alike_keep_one_order(tmp_path: Path) -> None:
    # A01, A1, a1 and A001 are the same number to the natural sort; ties are broken by the id
    # itself, not by a set's (randomised) order
    rows = ["Child ID,Entry Date,Case Note"]
    rows += [f"{case_id},01/03/2024,Seen." for case_id in ["a1", "A001", "A1", "A01"]]
    (tmp_path / "ids.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ids = [case.case_id for case in read_inputs([tmp_path / "ids.csv"]).cases]
    assert ids == ["A001", "A01", "A1", "a1"]
