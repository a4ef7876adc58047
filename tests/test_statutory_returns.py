"""The demographic rules on real statutory-return formats (../shared/samples; skipped without).

A census or Annex A list carries ethnicity but no notes, language, religion or family: the rules
that need those report not-evaluated, never a failure.
"""

from __future__ import annotations

from pathlib import Path

from recordlint import lint
from recordlint.model import Status

NOT_CARRIED = ("DEM002", "DEM003", "DEM004", "DEM005")


def statuses(run, code: str) -> dict[str, Status]:
    return {r.case_id: r.checks[code].status for r in run.reports}


def test_cin_census_dem001_is_exactly_the_nobt_children(samples: Path) -> None:
    run = lint([samples / "fake_CIN_data.xml"])
    assert run.problems == []
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


def test_cin_census_2024_layout_with_a_stray_text_node(samples: Path) -> None:
    run = lint([samples / "CIN_Census_2024.xml"])
    assert run.problems == []
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
