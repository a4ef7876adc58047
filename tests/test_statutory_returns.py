"""The demographic rules on real statutory-return formats (../shared/samples; skipped without).

A census or Annex A list carries ethnicity but no notes, language, religion or family: the rules
that need those report not-evaluated, never a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint import lint
from recordlint.model import Status

NOT_CARRIED = ("DEM002", "DEM003", "DEM004", "DEM005")


@pytest.fixture
def run_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs on 7 December 2026, whatever today is, so "after the day of the run" is fixed."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796601600")


def statuses(run, code: str) -> dict[str, Status]:
    return {r.case_id: r.checks[code].status for r in run.reports}


def test_cin_census_dem001_is_exactly_the_nobt_children(samples: Path, run_day) -> None:
    run = lint([samples / "fake_CIN_data.xml"])
    # the sample's own slips: two children with referral, closure and conference dates to 2031
    assert {p.message.split(":")[0] for p in run.problems} == {"child 169", "child 298"}
    assert all("is after the day of the run (07/12/2026)" in p.message for p in run.problems)
    assert len(run.problems) == 6
    ethnicity = {r.case_id: r.case.field("ethnicity") for r in run.reports}
    failed = {r.case_id for r in run.reports for f in r.findings if f.rule == "DEM001"}
    nobt = {case for case, code in ethnicity.items() if code == "NOBT"}
    assert len(nobt) == 15
    assert failed == nobt
    assert all(len([f for f in r.findings if f.rule == "DEM001"]) <= 1 for r in run.reports)
    refused = {case for case, code in ethnicity.items() if code == "REFU"}
    assert len(refused) == 20 and not refused & failed
    for code in NOT_CARRIED:
        assert set(statuses(run, code).values()) == {Status.NOT_EVALUATED}, code
    assert set(statuses(run, "DEM006").values()) == {Status.PASS}


def test_cin_census_2024_layout_with_a_stray_text_node(samples: Path, run_day) -> None:
    run = lint([samples / "CIN_Census_2024.xml"])
    path = samples / "CIN_Census_2024.xml"
    assert [str(p) for p in run.problems] == [
        f"{path}: child 1: stray text 'PersonBirthDate' after <UPNunknown>",
        f"{path}: child 1: <AssessmentActualStartDate> '2028-04-28' is after the day of the run "
        "(07/12/2026); check its year",
    ]
    assert sorted(r.case_id for r in run.reports) == ["DfEX0000001", "child_fails_assessments"]
    assert all(r.checks["DEM001"].status is Status.PASS for r in run.reports)


def test_annex_a_lists_are_cases_and_the_guidance_sheets_are_not(samples: Path) -> None:
    run = lint([samples / "cscdp_2015-01-sample.xlsx"])
    assert run.problems == []
    assert [r.case_id for r in run.reports] == ["1", "2", "3", "4", "5"]
    assert all("[List_3]" in r.case.sources[0].path for r in run.reports)
    assert set(statuses(run, "DEM001").values()) == {Status.PASS}
    for code in NOT_CARRIED:
        assert set(statuses(run, code).values()) == {Status.NOT_EVALUATED}, code


def test_an_annex_a_workbook_with_spaced_list_names_and_prefixed_codes(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    guidance = book.active
    guidance.title = "Guidance"
    guidance.append(["List Number/Title", "Field Heading", "Detailed Guidance"])
    guidance.append(["List 1: Contacts", "Child Unique ID", "Unique Identity number"])
    for sheet, rows in {
        "List 1": [["A1", "a) WBRI"], ["A2", "b) NOBT"]],
        "List 6": [["A1", "White British"], ["A3", "a) APKN"]],
    }.items():
        ws = book.create_sheet(sheet)
        ws.append([f"{sheet}: title row"])
        ws.append(["Child Unique ID", "Gender", "Ethnicity"])
        for child, ethnicity in rows:
            ws.append([child, "a) Male", ethnicity])
    path = tmp_path / "annex_a.xlsx"
    book.save(path)
    run = lint([path])
    assert run.problems == []
    assert statuses(run, "DEM001") == {
        "A1": Status.PASS,  # "a) WBRI" and "White British" are one answer
        "A2": Status.FAIL,
        "A3": Status.PASS,
    }
    assert statuses(run, "DEM006")["A1"] is Status.PASS


# -- SSDA903: synthetic tables in the return's own layout ---------------------------------------

SSDA903_TABLES = {
    "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
    "L903A,1,04/05/2010,WBRI,A123456789012,,\n"
    "L903B,2,17/11/2008,NOBT,B123456789012,1,02/02/2025\n",
    "episodes.csv": "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,"
    "HOME_POST,PL_POST,URN\n"
    "L903A,01/04/2024,S,C2,N1,U1,PR1,,,,AB1 2CD,EF3 4GH,SC123456\n"
    "L903B,12/06/2023,S,V2,N4,K2,PR3,30/09/2024,E11,,AB1 2CD,EF3 4GH,SC654321\n",
    "uasc.csv": "CHILD,SEX,DOB,DUC\nL903A,1,04/05/2010,04/05/2028\n",
    "missing.csv": "CHILD,DOB,MISSING,MIS_START,MIS_END\n"
    "L903B,17/11/2008,M,03/03/2024,05/03/2024\n",
    "reviews.csv": "CHILD,DOB,REVIEW,REVIEW_CODE\nL903A,04/05/2010,15/05/2024,PN1\n",
}


def write_903(folder: Path, tables: dict[str, str] = SSDA903_TABLES) -> Path:
    folder.mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_ssda903_tables_are_one_case_per_child_keyed_by_child(tmp_path: Path, run_day) -> None:
    run = lint([write_903(tmp_path / "903")])
    assert run.problems == []
    cases = {r.case_id: r.case for r in run.reports}
    assert sorted(cases) == ["L903A", "L903B"]  # CHILD is the case id; the UPN is not
    girl = cases["L903B"]
    assert girl.field("ethnicity") == "NOBT" and girl.field("upn") == "B123456789012"
    assert girl.field("x_mother") == "1"  # she is a mother: not her mother's name
    assert girl.field("mother_name") is None and not girl.child.name and not girl.people
    assert girl.field("x_mis_start") == "03/03/2024"
    assert len(girl.sources) == 3  # header, episodes and missing, joined on CHILD
    assert statuses(run, "DEM001") == {"L903A": Status.PASS, "L903B": Status.FAIL}


def test_ssda903_xml_children_are_the_same_cases_as_its_tables(tmp_path: Path, run_day) -> None:
    xml = tmp_path / "ssda903.xml"
    xml.write_text(
        "<?xml version='1.0' encoding='utf-8'?><EXPSSDA903><CHILD><HEADER><CHILDID>L903A</CHILDID>"
        "<UPN>A123456789012</UPN><SEX>1</SEX><DOB>04/05/2010</DOB><ETHNIC>WBRI</ETHNIC>"
        "<UASC><DUC>04/05/2028</DUC></UASC><AREVIEW><REVIEW>15/05/2024</REVIEW>"
        "<REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW><MOTHER /><MC_DOB /></HEADER>"
        "<EPISODE><DECOM>01/04/2024</DECOM><RNE>S</RNE><LS>C2</LS><PL>U1</PL></EPISODE></CHILD>"
        "<CHILD><HEADER><CHILDID>L903C</CHILDID><SEX>2</SEX><DOB>09/09/2012</DOB>"
        "<ETHNIC>APKN</ETHNIC><MOTHER>0</MOTHER></HEADER></CHILD></EXPSSDA903>",
        encoding="utf-8",
    )
    alone = lint([xml])
    assert alone.problems == []
    assert sorted(r.case_id for r in alone.reports) == ["L903A", "L903C"]
    child = next(r.case for r in alone.reports if r.case_id == "L903A")
    assert child.field("x_decom") == "01/04/2024" and child.field("ethnicity") == "WBRI"
    assert child.sources[0].fmt == "ssda903"
    both = lint([xml, write_903(tmp_path / "903")])
    assert sorted(r.case_id for r in both.reports) == ["L903A", "L903B", "L903C"]


def test_ssda903_dates_that_cannot_be_are_one_line_problems_naming_row_and_column(
    tmp_path: Path, run_day
) -> None:
    tables = {
        "header.csv": "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nL1,1,31/02/2010,WBRI,,,\n",
        "episodes.csv": "CHILD,DECOM,RNE,LS,DEC\nL1,01/04/2031,S,C2,\n",
        "uasc.csv": "CHILD,SEX,DOB,DUC\nL1,1,28/02/2010,04/05/2029\n",  # DUC looks ahead
    }
    folder = write_903(tmp_path / "903", tables)
    run = lint([folder])
    assert sorted(str(p) for p in run.problems) == [
        f"{folder / 'episodes.csv'}, row 2: DECOM '01/04/2031' is after the day of the run "
        "(07/12/2026); check its year",
        f"{folder / 'header.csv'}, row 2: DOB '31/02/2010' is not a date",
    ]
    assert [r.case_id for r in run.reports] == ["L1"]


@pytest.mark.parametrize(
    "headers",
    [
        ["CHILD", "DOB", "SEX"],  # columns any export may have: not told to be a return
        ["CHILD", "DOB", "Ethnicity"],  # a header no 903 table has
        ["Child", "Mother", "DOB"],  # written as a person would, not as the guidance spells it
    ],
)
def test_tables_that_are_not_ssda903_are_read_by_their_headers(headers: list[str]) -> None:
    from recordlint.readers.returns import layout_for

    assert layout_for(headers) is None


def test_an_xml_file_of_no_return_is_one_line_naming_its_root(tmp_path: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<Report><Child/></Report>", encoding="utf-8")
    (problem,) = lint([path]).problems
    assert str(problem) == (
        f"{path}: not a statutory return recordlint reads (root element <Report>, expected "
        "<EXPSSDA903> or <Message>)"
    )


def test_an_annex_a_workbook_saved_as_excel_97_2003(tmp_path: Path) -> None:
    import datetime as dt

    import xlwt  # test dependency: writes the .xls that calamine reads

    book = xlwt.Workbook()
    guidance = book.add_sheet("Guidance")
    guidance.write(0, 0, "List 1: Contacts")
    sheet = book.add_sheet("List 1")
    sheet.write(0, 0, "List 1: Contacts")
    for column, header in enumerate(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth"]):
        sheet.write(1, column, header)
    dated = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for row, (child, ethnicity) in enumerate([("X1", "a) WBRI"), ("X2", "NOBT")], start=2):
        sheet.write(row, 0, child)
        sheet.write(row, 1, "b) Female")
        sheet.write(row, 2, ethnicity)
        sheet.write(row, 3, dt.date(2014, 3, 11), dated)  # typed: 11 March, never 3 November
    path = tmp_path / "annex_a.xls"
    book.save(str(path))
    run = lint([path])
    assert run.problems == []
    assert statuses(run, "DEM001") == {"X1": Status.PASS, "X2": Status.FAIL}
    case = next(r.case for r in run.reports if r.case_id == "X1")
    assert case.sources[0].fmt == "xls" and "[List 1]" in case.sources[0].path
    assert [v.value for v in case.values("dob")] == ["2014-03-11"]


def test_a_file_named_xls_that_is_an_html_page_is_named_for_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_text("<html><table><tr><td>Child ID</td></tr></table></html>", encoding="utf-8")
    (problem,) = lint([path]).problems
    assert problem.message == (
        "not an Excel 97-2003 workbook (an HTML page); open it in a spreadsheet and save it as "
        ".xlsx or .csv"
    )
