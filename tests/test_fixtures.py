"""The bundled fixtures give exactly the statuses fixtures/README.md promises."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from recordlint import lint
from recordlint.model import Status

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

EXPECTED = yaml.safe_load((Path(__file__).parent / "fixture_expectations.yaml").read_text())


def test_every_fixture_case_gets_its_expected_statuses() -> None:
    run = lint([FIXTURES])
    assert run.problems == []
    got = {r.case_id: {c: check.status.value for c, check in r.checks.items()} for r in run.reports}
    assert got == EXPECTED


def test_multi_agency_cases_merge_across_all_four_exports() -> None:
    run = lint([FIXTURES / "export"])
    case = next(r.case for r in run.reports if r.case_id == "C1003")
    formats = sorted(Path(s.path).name for s in case.sources)
    assert formats == [
        "education_notes.tsv",
        "health_notes.csv",
        "police_notes.csv",
        "social_care_notes.csv",
    ]
    dates = [n.date for n in case.notes if n.date]
    assert dates == sorted(dates)
    assert {n.agency for n in case.notes} >= {"Health", "Police", "Education"}


def test_windows_1252_health_export_is_decoded() -> None:
    run = lint([FIXTURES / "export" / "health_notes.csv"])
    texts = " ".join(n.text for r in run.reports for n in r.case.notes)
    assert "\u2019" in texts or "ë" in texts
    assert "\ufffd" not in texts


def test_fixture_failures_are_findings_with_evidence() -> None:
    run = lint([FIXTURES])
    for report in run.reports:
        for finding in report.findings:
            assert finding.evidence, f"{report.case_id} {finding.rule} has no evidence"
            failed = report.checks[finding.rule].status
            assert failed is Status.FAIL


def test_every_rule_both_fails_and_passes_in_the_fixtures() -> None:
    codes = {code for statuses in EXPECTED.values() for code in statuses}
    assert {"DEM001", "REF001", "REF002", "ACT001", "DIV001", "DIV002"} <= codes
    for code in codes:
        statuses = {statuses[code] for statuses in EXPECTED.values()}
        assert {"pass", "fail"} <= statuses, code


def test_notes_alone_can_record_or_leave_the_gaps() -> None:
    run = lint([FIXTURES / "documents" / "D2006_case_record.txt"])
    (report,) = run.reports
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["DEM003"].severity.label == "info"  # "believed to be Muslim" is a guess
    assert "Ethnicity not known - to ask Mum" in by_rule["DEM001"].message
    assert by_rule["DEM004"].evidence[0].quote.startswith("Yasmin talked about Dad")
    (clean,) = lint([FIXTURES / "documents" / "D2007_case_record.txt"]).reports
    assert clean.findings == ()
    demographic = {"ethnicity", "first_language", "religion", "father_name", "household"}
    assert not demographic & set(clean.case.fields)  # every answer came from the notes


def test_referral_between_two_agencies_exports() -> None:
    run = lint([FIXTURES / "export"])
    reports = {r.case_id: r for r in run.reports}
    # school referred C1008 to MASH; the social care export holds nothing about it
    (sent,) = [f for f in reports["C1008"].findings if f.rule == "REF002"]
    assert "children's social care" in sent.message and "holds nothing about it" in sent.message
    assert "education_notes.tsv" in sent.evidence[0].source
    assert sent.evidence[1].source.endswith("social_care_notes.csv")
    # school referred C1006 to MASH and social care recorded the contact the next day
    c1006 = [f.message for f in reports["C1006"].findings if f.rule == "REF002"]
    assert not any("children's social care" in message for message in c1006)


def _two_agency_export(folder: Path, received_note: str) -> Path:
    """A school's notes and a social care export whose notes mostly name no agency."""
    (folder / "school.csv").write_text(
        "Child ID,Entry Date,Recorded By,Agency,Case Note\n"
        "Z1,02/09/2024 10:00,Mrs Hall (DSL),Education,MARF sent to MASH today re bruising.\n"
        "Z1,30/09/2024 10:00,Mrs Hall (DSL),Education,Check-in with Zoe.\n",
        encoding="utf-8",
    )
    (folder / "social_care.csv").write_text(
        "Child ID,Entry Date,Recorded By,Agency,Case Note\n"
        "Z1,01/08/2024 22:00,EDT - Jo Lowe,,EDT log: call from mum about a row.\n"
        f"Z1,03/09/2024 09:00,Hollie Grant,,{received_note}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize(
    ("received_note", "held"),
    [
        ("MARF received from school (sent 02/09) and screened.", True),
        ("Contact from school received today, RAG amber.", True),
        ("Home visit to nan about the summer holiday.", False),
    ],
)
def test_a_note_naming_no_agency_is_its_files_agency(tmp_path, received_note, held) -> None:
    # class "a file's agency is its notes' agency": the EDT note makes the file social care's,
    # so Hollie Grant's note in it is social care's own record of the referral
    run = lint([_two_agency_export(tmp_path, received_note)])
    (report,) = run.reports
    missing = [f for f in report.findings if f.rule == "REF002" and "holds nothing" in f.message]
    assert bool(missing) is not held
