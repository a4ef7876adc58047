"""Readers: header variants, encodings, formats, merging, and bad input that loses nothing."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from recordlint.model import Problem
from recordlint.readers import ReaderOptions, read_inputs
from recordlint.readers.columns import map_headers, resembles

HEADER = "Child ID,Ethnic Origin,First Language,Faith,Entry Date,Recorded By,Agency,Case Note\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def only_case(result):
    assert len(result.cases) == 1, result.cases
    return result.cases[0]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Child ID", "child_id"),
        ("CASE REF", "case_id"),
        ("Person ID", "person_id"),
        ("Ethnic Origin", "ethnicity"),
        ("Ethnicity Code", "ethnicity"),
        ("first_language", "first_language"),
        ("Preferred Language", "preferred_language"),
        ("Interpreter Required?", "interpreter_required"),
        ("Faith", "religion"),
        ("Narrative", "text"),
        ("Case Note", "text"),
        ("Event Date", "note_date"),
        ("Recorded By", "author"),
        ("Entry Type", "kind"),
        ("Child's Name", "child_name"),
        ("D.O.B.", "dob"),
    ],
)
def test_header_variants(header: str, field: str) -> None:
    assert map_headers([header])[header] == field


def test_a_plain_case_id_beats_an_organisations_own_id() -> None:
    assert map_headers(["Harlow ID", "Case ID"]) == {
        "Harlow ID": "x_harlow_id",
        "Case ID": "case_id",
    }


def test_child_id_beats_pupil_id_whatever_the_column_order() -> None:
    mapping = map_headers(["Pupil ID", "Child ID"])
    assert mapping["Child ID"] == "child_id"
    assert mapping["Pupil ID"] == "x_pupil_id"


@pytest.mark.parametrize(
    ("header", "field"),
    [
        # a qualifier in brackets, or after the field
        ("Ethnicity (self defined)", "ethnicity"),
        ("Religion [as stated by family]", "religion"),
        ("Interpreter Y/N", "interpreter_required"),
        ("Disability (Y/N)", "disability"),
        ("Ethnicity if known", "ethnicity"),
        # abbreviations, "?" and possessives
        ("Interpreter req'd?", "interpreter_required"),
        ("Home Lang", "first_language"),
        ("Father's details", "father_name"),
        ("Fathers Details", "father_name"),
        # words in another order
        ("Language - first", "first_language"),
        ("Language (First)", "first_language"),
        # a prefix naming the child, or which of several values
        ("Client Ref", "child_id"),
        ("Client DOB", "dob"),
        ("Child's Religion", "religion"),
        ("Main Religion", "religion"),
        ("Legal Forename", "first_name"),
        ("Lives With Pupil", "lives_with_child"),
        # each side of a "/"
        ("Religion/Belief", "religion"),
        ("Ethnicity/Culture", "ethnicity"),
        # a date field without the word "date"
        ("Case Start", "open_date"),
        ("CIN Start", "open_date"),
        # national ids are fields of their own
        ("NHS No.", "nhs_number"),
        ("Unique Pupil Number", "upn"),
        # class "a note's field named by its occasion"
        ("Visit Notes", "text"),
        ("Visit Date", "note_date"),
        ("encounter_datetime", "note_date"),
        ("entry_body", "text"),
        ("Meeting Type", "kind"),
        ("Practitioner Name", "author"),
        # class "the language in the family's words"
        ("Language used at home", "first_language"),
        ("Language at home", "first_language"),
        # class "the case id named by the organisation", the last resort
        ("Fenwick Ref", "case_id"),
        ("Harlow ID", "case_id"),
    ],
)
def test_header_forms_other_systems_export(header: str, field: str) -> None:
    assert map_headers([header])[header] == field


@pytest.mark.parametrize(
    "header",
    [
        "First Contact Date",  # a rank prefix never makes a note's date
        "Case Details",  # a qualifier never makes an id
        "Mother's religion",  # someone else's
        "Related Person Ref",
        "Staff ID",  # an id, but not the case's
        "Crime Ref",
        "Contact Number",  # a note prefix leads only to a note's own fields
    ],
)
def test_headers_that_only_look_like_a_field_are_not_read_as_it(header: str) -> None:
    assert map_headers([header])[header].startswith("x_")


def test_a_header_like_a_field_gets_a_one_line_hint_with_the_config_line(tmp_path: Path) -> None:
    path = write(
        tmp_path / "children.csv",
        "Case ID,Ethnicty,Mother's religion,Worker Role\nC1,WBRI,None,SW\n",
    )
    result = read_inputs([path])
    (hint,) = result.problems
    assert hint.kind == "hint"
    assert str(hint) == (
        f"{path}: hint: column 'Ethnicty' was not read; if it is ethnicity, map it in config: "
        '[columns] "Ethnicty" = "ethnicity"'
    )
    assert only_case(result).field("ethnicity") is None


@pytest.mark.parametrize(
    "header",
    [
        "Ethnicity\nC1/03/2024,getting headaches",  # a data line quoted into the header
        "Seen at home\x01 ethnicity",  # control characters
        "the child has been getting headaches every night since the move and ethnicity",
    ],
)
def test_a_header_no_person_typed_gets_no_hint(header: str) -> None:
    assert resembles(header) is None


def test_a_problem_is_one_line_whatever_its_message_holds() -> None:
    problem = Problem("in.csv", "column 'a\nb\tc\x01' was not read", row=3)
    assert str(problem) == "in.csv, row 3: column 'a\\nb\\tc\\x01' was not read"


def test_the_variants_table_is_data_beside_the_other_vocabularies() -> None:
    from recordlint.paths import vocab_file
    from recordlint.yamlio import load_yaml

    table = load_yaml(vocab_file("columns.yaml").read_text(encoding="utf-8"))
    assert "ethnic origin" in table["fields"]["ethnicity"]
    assert table["identifiers"]["child"] == ["nhs_number", "upn"]


def test_explicit_column_mapping_wins() -> None:
    mapping = map_headers(
        ["Ref", "Ethnicity (self)"], {"Ref": "child_id", "ethnicity (self)": "ethnicity"}
    )
    assert mapping == {"Ref": "child_id", "Ethnicity (self)": "ethnicity"}


def test_csv_row_per_note(tmp_path: Path) -> None:
    path = write(
        tmp_path / "notes.csv",
        HEADER
        + 'C1,WBRI,English,None,12/03/2024 14:10,SW Ali,Social Care,"Visit, mum ""present""."\n'
        + "C1,WBRI,English,None,2024-01-05,SW Ali,Social Care,Earlier note\n",
    )
    case = only_case(read_inputs([path]))
    assert case.field("ethnicity") == "WBRI"
    assert case.field("religion") == "None"
    assert [n.date for n in case.notes] == [
        dt.datetime(2024, 1, 5),
        dt.datetime(2024, 3, 12, 14, 10),
    ]
    assert case.notes[1].text == 'Visit, mum "present".'
    assert case.notes[1].author == "SW Ali" and case.notes[1].agency == "Social Care"
    assert case.notes[1].source.row == 2


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    path = write(
        tmp_path / "n.csv",
        HEADER + "C1,WBRI,English,None,12/03/2024,Zoë Smith,Health,Café ’ visit\n",
        encoding,
    )
    result = read_inputs([path])
    assert result.problems == []
    note = only_case(result).notes[0]
    assert note.author == "Zoë Smith"
    assert note.text == "Café ’ visit"


def test_damaged_utf8_byte_is_reported_by_line_and_the_rest_kept(tmp_path: Path) -> None:
    data = (
        HEADER + "C1,WBRI,English,None,12/03/2024,Zoë,Health,ok\n"
    ).encode() + b"C2,WBRI,English,None,13/03/2024,A,Health,bad \xff byte\n"
    path = tmp_path / "n.csv"
    path.write_bytes(data)
    result = read_inputs([path])
    assert [c.case_id for c in result.cases] == ["C1", "C2"]
    assert len(result.problems) == 1 and result.problems[0].line == 3
    assert "UTF-8" in result.problems[0].message


def test_semicolon_delimiter_is_sniffed(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.csv", "Child ID;Ethnicity;Note;Date\nC1;AIND;Seen at home;01/02/2024\n"
    )
    assert only_case(read_inputs([path])).field("ethnicity") == "AIND"


@pytest.mark.parametrize(
    ("header", "rows", "separator"),
    [
        # class "a delimiter csv.Sniffer cannot decide": a quoted note running over several
        # lines, so the lines Sniffer reads do not hold the delimiter equally often
        (
            "Pupil ref;Date of entry;Recorded by;Entry",
            [
                "P7;12.03.2024;A. Lund;Phoned, no answer, will try again",
                'P7;14.03.2024;A. Lund;"Home visit, mum and dad seen.\nDad said, again,'
                ' that\nthings are fine.\nSiblings seen, all well.\nNext visit, Friday."',
            ],
            ";",
        ),
        (
            "Client ID|Session Date|Worker|Notes",
            [
                'Y4|2024-05-02|Jo|"Low mood, tired.\nSaid, twice:\nit is all fine\nLooked'
                ' tearful, left early,\nwill follow up"',
                "Y4|2024-05-09|Jo|Did not attend, text sent",
            ],
            "|",
        ),
    ],
)
def test_the_header_decides_the_delimiter_when_the_notes_confuse_the_sniffer(
    tmp_path: Path, header: str, rows: list[str], separator: str
) -> None:
    path = write(tmp_path / "n.csv", "\r\n".join([header, *rows]) + "\r\n")
    case = only_case(read_inputs([path]))
    written = [next(csv.reader([row.replace("\n", " ")], delimiter=separator))[-1] for row in rows]
    assert [" ".join(note.text.split()) for note in case.notes] == written


def test_tsv(tmp_path: Path) -> None:
    path = write(
        tmp_path / "n.tsv",
        "LA Child ID\tReligion\tNote\tEvent Date\nC9\tSikh\tA, b\t1 March 2024\n",
    )
    case = only_case(read_inputs([path]))
    assert case.case_id == "C9" and case.notes[0].date == dt.datetime(2024, 3, 1)


def test_xlsx_with_a_title_row_above_the_header(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Notes"
    sheet.append(["Case notes export"])
    sheet.append(["Case Ref", "Ethnicity", "Note", "Entry Date"])
    sheet.append(["K1", "BAFR", "Seen alone at school.", dt.datetime(2024, 3, 12, 9, 0)])
    guidance = workbook.create_sheet("Guidance")
    guidance.append(["How to fill this in", "Case Ref", "is the case reference"])
    workbook.save(tmp_path / "export.xlsx")
    case = only_case(read_inputs([tmp_path / "export.xlsx"]))
    assert case.case_id == "K1"
    assert case.notes[0].date == dt.datetime(2024, 3, 12, 9, 0)
    assert case.notes[0].source.row == 3


def test_json_and_jsonl(tmp_path: Path) -> None:
    rows = [
        {
            "Child ID": "J1",
            "Religion": "Hindu",
            "Narrative": "Home visit",
            "Event Date": "01/05/2024",
        }
    ]
    (tmp_path / "a.json").write_text(json.dumps({"records": rows}))
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"Child ID": "J1", "Ethnicity": "AIND"}) + "\n{not json\n"
    )
    result = read_inputs([tmp_path / "a.json", tmp_path / "b.jsonl"])
    case = only_case(result)
    assert case.field("religion") == "Hindu" and case.field("ethnicity") == "AIND"
    assert [(p.path.endswith("b.jsonl"), p.line) for p in result.problems] == [(True, 2)]


def test_folder_of_tables_joins_on_case_id(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    write(
        folder / "children.csv",
        "Child ID,Ethnicity,Religion,Date of Birth\nF1,WBRI,None,01/02/2010\n",
    )
    write(
        folder / "people.csv",
        "Child ID,Person Name,Relationship,Parental Responsibility\nF1,Tom Ash,Father,Yes\n",
    )
    write(folder / "notes.csv", "Child ID,Entry Date,Case Note\nF1,03/04/2024,Visited.\n")
    write(folder / "README.md", "Not a case record.\n")
    result = read_inputs([folder])
    assert result.problems == []
    case = only_case(result)
    assert case.field("dob") == "01/02/2010"
    assert [(p.role, p.name, p.details["parental_responsibility"]) for p in case.people] == [
        ("Father", "Tom Ash", "Yes")
    ]
    assert case.notes[0].text == "Visited."


DOCUMENT = """\
# Case record
Case ID: T1
Child: Test Child
Ethnicity: Not known
Lives with: Mum and
  two younger brothers

12/03/2024 14:10 | SW Amara Okafor | Social Care | Home visit
Seen at home with mum.
Plan:
- SW to visit again by 20/03/2024
2024-03-15 - School Nurse Bell - Health - Contact
Called school.
15 March 2024 Spoke to her alone at school.
## 16-03-2024 | Police
Welfare check.
"""


def test_text_case_document(tmp_path: Path) -> None:
    case = only_case(read_inputs([write(tmp_path / "case.md", DOCUMENT)]))
    assert case.case_id == "T1" and case.child.name == "Test Child"
    assert case.field("household") == "Mum and two younger brothers"
    first, second, third, fourth = case.notes
    assert (first.date, first.author, first.agency, first.kind) == (
        dt.datetime(2024, 3, 12, 14, 10),
        "SW Amara Okafor",
        "Social Care",
        "Home visit",
    )
    assert first.text == "Seen at home with mum.\nPlan:\n- SW to visit again by 20/03/2024"
    assert (second.author, second.agency, second.kind) == ("School Nurse Bell", "Health", "Contact")
    assert third.text == "Spoke to her alone at school." and third.author == ""
    assert fourth.agency == "Police" and fourth.date == dt.datetime(2024, 3, 16)
    assert first.source.line == 8


@pytest.mark.parametrize(
    "header",
    [
        "[12/03/2024 14:10] Jo Reid | Police | Home visit",
        "(2024-03-12 14:10) Jo Reid - Police - Home visit",
    ],
)
def test_an_entry_date_in_brackets_opens_an_entry(tmp_path: Path, header: str) -> None:
    # class "an entry header with its date in brackets", as some case systems print them
    second = "[13/03/2024 09:00] Jo Reid | YJS | Call"
    text = f"Client No: D1\n\n{header}\nSeen at home.\n\n{second}\nRang mum.\n"
    case = only_case(read_inputs([write(tmp_path / "case.txt", text)]))
    first, second = case.notes
    assert (first.date, first.author, first.agency, first.kind) == (
        dt.datetime(2024, 3, 12, 14, 10),
        "Jo Reid",
        "Police",
        "Home visit",
    )
    assert first.text == "Seen at home." and second.date == dt.datetime(2024, 3, 13, 9, 0)


def test_document_without_case_id_uses_the_file_name(tmp_path: Path) -> None:
    case = only_case(
        read_inputs([write(tmp_path / "my_case.txt", "Religion: None\n\n01/02/2024 Seen.\n")])
    )
    assert case.case_id == "my_case"


def test_docx_case_document(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Case ID: W1")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Religion"
    table.rows[0].cells[1].text = "Muslim"
    document.add_paragraph("12/03/2024 | SW Patel | Social Care")
    document.add_paragraph("Seen alone.")
    document.save(tmp_path / "w.docx")
    case = only_case(read_inputs([tmp_path / "w.docx"]))
    assert case.case_id == "W1" and case.field("religion") == "Muslim"
    assert case.notes[0].text == "Seen alone." and case.notes[0].author == "SW Patel"


def test_several_paths_merge_into_one_case(tmp_path: Path) -> None:
    a = write(tmp_path / "a.csv", "Child ID,Ethnicity,Note,Date\nM1,,Health note,01/01/2024\n")
    b = write(tmp_path / "b.csv", "Child Ref,Ethnicity,Note,Date\nM1,WBRI,Police note,02/01/2024\n")
    case = only_case(read_inputs([a, b]))
    assert [v.value for v in case.values("ethnicity")] == ["", "WBRI"]
    assert len(case.sources) == 2 and len(case.notes) == 2


def test_cin_census_sample(samples: Path) -> None:
    result = read_inputs([samples / "fake_CIN_data.xml"])
    # only dates after the day of the run (2028-2031 in the sample), each said; none is lost
    assert result.problems and all("after the day of the run" in p.message for p in result.problems)
    assert len(result.cases) == 332
    codes = [c.field("ethnicity") for c in result.cases]
    assert codes.count("NOBT") == 15 and codes.count("REFU") == 20
    assert not any(c.has_notes for c in result.cases)


def test_annex_a_sample_reads_list_sheets_only(samples: Path) -> None:
    result = read_inputs([samples / "cscdp_2015-01-sample.xlsx"])
    assert result.problems == []
    assert result.cases and all(c.case_id.isdigit() for c in result.cases)
    assert all(c.field("ethnicity") for c in result.cases)


# --- bad input: one clear problem each, and the good input beside it still read -------------


def good_file(tmp_path: Path) -> Path:
    return write(tmp_path / "good.csv", "Child ID,Ethnicity,Note,Date\nG1,WBRI,Fine,01/01/2024\n")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "file is empty"),
        ("header.csv", b"Child ID,Note\n", "header but no rows"),
        ("binary.csv", bytes(range(256)) * 4, "binary file"),
        ("nokey.csv", b"Name,Note\nA,B\n", "no case id column"),
        ("fake.xlsx", b"not a zip", "not an Excel workbook"),
        ("object.json", b'{"a": 1, "b": 2}', "expected a list of records"),
        ("bad.json", b"[{", "invalid JSON"),
        ("notes.pdf", b"%PDF-1.4", "cannot read PDF"),
        ("notes.rtf", b"{\\rtf1 }", "unsupported file type"),
        ("bad.xml", b"<Message><Children>", "malformed XML"),
    ],
)
def test_bad_input_is_one_problem_and_good_input_is_kept(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    result = read_inputs([bad, good_file(tmp_path)])
    assert [c.case_id for c in result.cases] == ["G1"]
    assert len(result.problems) == 1, result.problems
    problem = result.problems[0]
    assert problem.path == str(bad) and message in problem.message
    assert "\n" not in str(problem)


def test_missing_file(tmp_path: Path) -> None:
    result = read_inputs([tmp_path / "nope.csv", good_file(tmp_path)])
    assert [str(p) for p in result.problems] == [f"{tmp_path / 'nope.csv'}: no such file or folder"]
    assert len(result.cases) == 1


def test_unreadable_date_names_the_row_and_keeps_the_note(tmp_path: Path) -> None:
    path = write(tmp_path / "d.csv", "Child ID,Note,Date\nD1,ok,01/01/2024\nD1,kept,31/02/2020\n")
    result = read_inputs([path])
    assert [(p.row, "31/02/2020" in p.message) for p in result.problems] == [(3, True)]
    assert [n.text for n in only_case(result).notes] == ["ok", "kept"]


def test_row_with_too_many_fields_is_reported_by_line_and_kept(tmp_path: Path) -> None:
    path = write(
        tmp_path / "w.csv",
        "Child ID,Note,Date\nW1,a,01/01/2024\nW1,b,02/01/2024,extra\nW1,c,03/01/2024\n",
    )
    result = read_inputs([path])
    assert [
        (p.line, "has 4 fields but the header has 3" in p.message) for p in result.problems
    ] == [(3, True)]
    assert [n.text for n in only_case(result).notes] == ["a", "b", "c"]


def test_unterminated_quote_keeps_rows_before_it(tmp_path: Path) -> None:
    path = write(
        tmp_path / "q.csv", 'Child ID,Note,Date\nQ1,fine,01/01/2024\nQ1,"never closed,02/01/2024\n'
    )
    result = read_inputs([path])
    assert len(result.problems) == 1 and result.problems[0].line == 3
    assert "the quote is read as text" in result.problems[0].message
    # the row itself is kept too: read from its own line, the stray quote is part of the note
    notes = only_case(result).notes
    assert [(n.text, n.date) for n in notes] == [
        ("fine", dt.datetime(2024, 1, 1)),
        ('"never closed', dt.datetime(2024, 1, 2)),
    ]


def test_row_without_case_id_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path / "k.csv", "Child ID,Note,Date\n,orphan note,01/01/2024\nK1,ok,01/01/2024\n"
    )
    result = read_inputs([path])
    assert [p.row for p in result.problems] == [2]
    assert only_case(result).case_id == "K1"


def test_inputs_are_never_modified(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    read_inputs([path], ReaderOptions())
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_a_contact_note_is_the_note_and_the_worker_wrote_it(tmp_path: Path) -> None:
    # classes "the note named by its contact" and "in a notes table the worker is who wrote it"
    text = (
        "YP Ref,Date/Time of Contact,Worker,Contact Type,Contact Note\n"
        "K1,12/03/2024 14:05,Jo Reid,Home visit,Seen at home with mum.\n"
    )
    (note,) = only_case(read_inputs([write(tmp_path / "notes.csv", text)])).notes
    assert (note.text, note.author, note.kind) == (
        "Seen at home with mum.",
        "Jo Reid",
        "Home visit",
    )


def test_a_notes_table_whose_text_column_is_unread_is_said(tmp_path: Path) -> None:
    # class "a notes table whose text column is not read": said as a hint, not lost silently
    long = "Seen at home with mum and her partner; talked about school and sleep. " * 2
    text = f"Case Ref,Entry Date,Jottings\nK1,12/03/2024,{long}\nK1,13/03/2024,{long}\n"
    result = read_inputs([write(tmp_path / "notes.csv", text)])
    (hint,) = [p for p in result.problems if "free text" in p.message]
    assert "'Jottings'" in hint.message and '"Jottings" = "text"' in hint.message


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("PatientName", "child_name"),
        ("MainLanguage", "first_language"),
        ("NHSNumber", "nhs_number"),
        ("EthnicityText", "ethnicity"),
        ("ConsultationDate", "note_date"),
    ],
)
def test_headers_in_camel_case_and_with_qualifiers_are_read(header: str, field: str) -> None:
    # classes "a header written in camel case" and "a field's header with a trailing qualifier"
    from recordlint.readers.columns import map_headers

    assert map_headers([header], {})[header] == field
