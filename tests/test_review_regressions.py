"""Defects found in review of the foundation, each pinned by a test."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

from recordlint import lint
from recordlint.checking import check_case
from recordlint.cli import main
from recordlint.codelists import ValueClass, codelist
from recordlint.config import ConfigError, load_config
from recordlint.model import Status
from recordlint.readers import read_inputs
from recordlint.readers.dates import DateError, parse_date
from recordlint.rulebook.rule import rule
from recordlint.testing import case_from_example


def test_trailing_comma_on_every_row_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Child ID,Ethnicity,Religion\n22,WBRI,None,\n23,AIND,Sikh,\n")
    cases = read_inputs([path]).cases
    assert [(c.case_id, c.field("ethnicity"), c.field("religion")) for c in cases] == [
        ("22", "WBRI", "None"),
        ("23", "AIND", "Sikh"),
    ]


def test_xlsx_keeps_none_and_na_as_values(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Child ID", "Religion", "Ethnicity"])
    book.active.append(["X1", "None", "N/A"])
    book.save(tmp_path / "n.xlsx")
    case = read_inputs([tmp_path / "n.xlsx"]).cases[0]
    assert case.field("religion") == "None" and case.field("ethnicity") == "N/A"


@pytest.mark.parametrize(
    "header", ["Child ID,Ethnicity,Ethnic Origin\n", "Child ID,Ethnicity,Ethnicity\n"]
)
def test_every_column_for_a_field_is_a_value(tmp_path: Path, header: str) -> None:
    path = tmp_path / "d.csv"
    path.write_text(header + "D1,,WBRI\n")
    case = read_inputs([path]).cases[0]
    assert [v.value for v in case.values("ethnicity")] == ["", "WBRI"]


def test_blank_header_field_never_takes_the_next_line(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Case ID: H1\nReligion:\nFamily background\nLives with: Mum\n  and Gran\n\n")
    case = read_inputs([path]).cases[0]
    assert case.field("religion") is None
    assert case.field("household") == "Mum and Gran"


def test_docx_four_column_table_reads_as_field_pairs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Case ID: W4")
    table = document.add_table(rows=2, cols=4)
    for row, cells in zip(
        table.rows,
        [["Ethnicity", "WBRI", "Gender", "Male"], ["First language", "English", "Religion", ""]],
        strict=True,
    ):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("12/03/2024 | SW Patel | Social Care")
    document.add_paragraph("Seen.")
    document.save(tmp_path / "w.docx")
    case = read_inputs([tmp_path / "w.docx"]).cases[0]
    assert (case.field("ethnicity"), case.field("first_language")) == ("WBRI", "English")
    assert case.field("religion") is None


def test_a_rule_that_yields_the_wrong_thing_is_isolated() -> None:
    bad = rule(code="TST009", name="bad", message="{detail:d}")(lambda case: ["a string"])
    report, problems = check_case(case_from_example({}), [bad.__recordlint_rule__])
    assert report.checks["TST009"].status is Status.NOT_EVALUATED
    assert problems and "Violation" in problems[0].message


@pytest.mark.parametrize("text", ["Monday", "March 2024", "10:30"])
def test_partial_dates_are_not_filled_in_from_today(text: str) -> None:
    with pytest.raises(DateError, match="needs a day, month and year"):
        parse_date(text)


def test_full_dates_still_parse_after_the_partial_date_check() -> None:
    assert parse_date("1 January 2001") == dt.datetime(2001, 1, 1)
    assert parse_date("02/02/2002 10:30") == dt.datetime(2002, 2, 2, 10, 30)


@pytest.mark.parametrize(
    ("listname", "value"),
    [
        ("ethnicity", "Not Known (NK)"),
        ("ethnicity", "TBC - awaiting"),
        ("religion", "Not known - TBC"),
    ],
)
def test_not_known_wording_in_several_parts_is_a_gap(listname: str, value: str) -> None:
    assert codelist(listname).classify(value).value_class is ValueClass.NOT_OBTAINED


def test_english_with_another_language_still_asks_about_an_interpreter() -> None:
    case = case_from_example({"fields": {"first_language": "Urdu, English"}})
    run_rule = next(r for r in lint([], None).rules if r.code == "DEM002")
    report, _ = check_case(case, [run_rule])
    assert report.checks["DEM002"].status is Status.FAIL


def test_json_lists_and_whole_floats(tmp_path: Path) -> None:
    rows = [
        {"Child ID": 12.0, "Ethnicity": [], "First Language": ["English"], "Note": "a"},
        {"Child ID": "12", "Religion": "Sikh", "Note": "b"},
    ]
    (tmp_path / "r.json").write_text(json.dumps(rows))
    (case,) = read_inputs([tmp_path / "r.json"]).cases
    assert case.case_id == "12"
    assert case.field("ethnicity") is None and case.field("first_language") == "English"


def test_the_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Child ID,Note,Date\nA1,x,01/01/2024\n")
    (case,) = read_inputs([path, path, tmp_path]).cases
    assert len(case.notes) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "locked.csv"
    path.write_text("Child ID,Note\nL1,x\n")
    path.chmod(0)
    assert "Permission denied" in read_inputs([path]).problems[0].message


def test_unwritable_report_path_is_a_one_line_usage_error(tmp_path: Path) -> None:
    good = tmp_path / "g.csv"
    good.write_text("Child ID,Ethnicity\nG1,WBRI\n")
    result = CliRunner().invoke(main, ["check", str(good), "-o", str(tmp_path / "no" / "r.json")])
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("cannot write the report (No such file or directory)")


def test_config_select_of_unknown_code_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "recordlint.toml"
    config.write_text('select = ["XYZ"]\n')
    good = tmp_path / "g.csv"
    good.write_text("Child ID,Ethnicity\nG1,WBRI\n")
    result = CliRunner().invoke(main, ["check", str(good), "--config", str(config)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"recordlint: {config}: 'select': no rule code or prefix matches 'XYZ'"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[columns]\nFoo = ["ethnicity"]\n', "not a recordlint field"),
        ('[rules.DEM001]\nreport-declined = "false"\n', "report-declined must be bool"),
    ],
)
def test_config_value_types_are_checked(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "recordlint.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        lint([], load_config(config))


def test_explain_reads_rule_paths_from_config(tmp_path: Path) -> None:
    pack = tmp_path / "mine"
    pack.mkdir()
    (pack / "LOC001_x.py").write_text(
        "from recordlint.api import rule\n"
        "@rule(code='LOC001', name='x', message='m', why='because')\n"
        "def check(case):\n    return []\n"
    )
    config = tmp_path / "recordlint.toml"
    config.write_text('rule-paths = ["mine"]\n')
    result = CliRunner().invoke(main, ["explain", "LOC001", "--config", str(config)])
    assert result.exit_code == 0 and "because" in result.stdout
