"""Write the broken-input corpus: small files that are damaged, odd or hostile in one way each.

Every file in this folder except this script, `expected.yaml` and `.gitattributes` is written
here, so each file's exact bytes (NULs, stray carriage returns, encodings, zip members) are
stated in one place and can be made again. Everything in them is invented: case ids such as
B0401 (each file has ids of its own, so a run over the whole corpus merges nothing), made-up
names, no real place or person.

`expected.yaml` says what recordlint must do with each file; `tests/test_broken_inputs.py`
checks it, and that running this script again gives the committed files.

The output is byte-for-byte deterministic: zip members get a fixed timestamp and workbook and
document properties a fixed date.

Usage (needs openpyxl, python-docx, xlwt and reportlab):
    python tests/broken_inputs/make_corpus.py [FOLDER]
"""

from __future__ import annotations

import codecs
import io
import json
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED_DATE = datetime(2024, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

#: the columns most CSV files here use (a notes export with the child's details repeated)
HEADER = [
    "Child ID",
    "Child Name",
    "Ethnicity",
    "First Language",
    "Religion",
    "Entry Date",
    "Recorded By",
    "Agency",
    "Case Note",
]


def row(*cells: str, sep: str = ",") -> str:
    return sep.join(cells)


def table(rows: list[list[str]], sep: str = ",", newline: str = "\n") -> str:
    return "".join(sep.join(cells) + newline for cells in rows)


def child(case_id: str, name: str, ethnicity: str = "WBRI", language: str = "English",
          religion: str = "No religion") -> list[str]:  # fmt: skip
    return [case_id, name, ethnicity, language, religion]


FILES: dict[str, Callable[[], bytes]] = {}


def corpus_file(name: str) -> Callable[[Callable[[], bytes]], Callable[[], bytes]]:
    def register(build: Callable[[], bytes]) -> Callable[[], bytes]:
        FILES[name] = build
        return build

    return register


# --- empty and nearly empty ---------------------------------------------------------------------


@corpus_file("empty.csv")
def _empty() -> bytes:
    return b""


@corpus_file("bom_only.csv")
def _bom_only() -> bytes:
    return codecs.BOM_UTF8


@corpus_file("header_only.csv")
def _header_only() -> bytes:
    return (",".join(HEADER) + "\r\n").encode()


# --- broken quoting, delimiters and line endings ----------------------------------------------


@corpus_file("truncated_mid_quote.csv")
def _truncated() -> bytes:
    # the export was cut off inside the last note's quotes
    return (
        table(
            [
                HEADER,
                [*child("B0401", "Tallis Fernhope"), "04/03/2024", "SW Oona Pike", "Social Care",
                 "Home visit; Tallis seen alone in his room."],
                [*child("B0402", "Marigold Yates"), "05/03/2024", "SW Oona Pike", "Social Care",
                 '"Phone call with mum.\nShe said, ""things are calmer now""."'],
            ]
        )
        + row(*child("B0403", "Cosmo Ridley"), "06/03/2024", "SW Oona Pike", "Social Care",
              '"Visited home, mum said she')
        + "\nwas worried about"
    ).encode()  # fmt: skip


@corpus_file("stray_quote_mid_file.csv")
def _stray_quote() -> bytes:
    # one note opens a quote it never closes; the rows after it are fine
    return table(
        [
            HEADER,
            [*child("B0501", "Juniper Hale"), "01/02/2024", "SW Ravi Moss", "Social Care",
             "Seen at school."],
            [*child("B0502", "Otto Brannigan"), "02/02/2024", "SW Ravi Moss", "Social Care",
             '"Mum said no to the visit'],
            [*child("B0503", "Perpetua Lowe"), "03/02/2024", "SW Ravi Moss", "Social Care",
             '"Seen with mum, at home"'],
            [*child("B0504", "Ferris Quint"), "04/02/2024", "SW Ravi Moss", "Social Care",
             "Seen alone."],
        ]
    ).encode()  # fmt: skip


@corpus_file("two_stray_quotes.csv")
def _two_stray_quotes() -> bytes:
    # reading goes on after each malformed row; a quoted note over two lines after them is whole
    return table(
        [
            ["Child ID", "Entry Date", "Case Note"],
            ["B2801", "01/03/2024", "Seen."],
            ["B2802", "02/03/2024", '"Stray one'],
            ["B2803", "03/03/2024", '"Seen, with dad"'],
            ["B2804", "04/03/2024", "Seen."],
            ["B2805", "05/03/2024", '"Stray two'],
            ["B2806", "06/03/2024", '"Two\nlines"'],
            ["B2807", "07/03/2024", "Seen", " with gran"],
        ]
    ).encode()


@corpus_file("semicolon_delimited.csv")
def _semicolons() -> bytes:
    return table(
        [
            HEADER,
            [*child("B0601", "Linnea Vos", "WOTH", "Dutch", "Christian"), "07/03/2024",
             "SW Ada Krol", "Early Help", "Seen at home, with dad, in the kitchen."],
            [*child("B0601", "Linnea Vos", "WOTH", "Dutch", "Christian"), "14/03/2024",
             "SW Ada Krol", "Early Help", "Linnea said school is ok, lunch is not."],
        ],
        sep=";",
    ).encode()  # fmt: skip


@corpus_file("comma_separated.tsv")
def _comma_tsv() -> bytes:
    # a comma-separated export saved with a .tsv name
    return table(
        [
            HEADER,
            [*child("B0701", "Rosalind Peck"), "11/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone at home."],
        ]
    ).encode()  # fmt: skip


@corpus_file("pipe_delimited.csv")
def _pipes() -> bytes:
    return table(
        [
            HEADER,
            [*child("B0801", "Wilbur Sand"), "12/03/2024", "SW Ada Krol", "Social Care",
             "Seen at home, mum present, dad at work."],
        ],
        sep="|",
    ).encode()  # fmt: skip


@corpus_file("mixed_line_endings.csv")
def _line_endings() -> bytes:
    lines = [
        ",".join(HEADER) + "\r\n",
        row(*child("B0901", "Imogen Tarr"), "01/03/2024", "SW Ada Krol", "Social Care",
            "Seen alone.") + "\n",
        row(*child("B0901", "Imogen Tarr"), "02/03/2024", "SW Ada Krol", "Social Care",
            "Called school.") + "\r",
        row(*child("B0902", "Hector Bale"), "03/03/2024", "SW Ada Krol", "Social Care",
            '"Two lines,\r\nin one note."') + "\r\n",
        row(*child("B0902", "Hector Bale"), "04/03/2024", "SW Ada Krol", "Social Care",
            "Last row with no line break at the end."),
    ]  # fmt: skip
    return "".join(lines).encode()


@corpus_file("extra_columns.csv")
def _extra_columns() -> bytes:
    return table(
        [
            HEADER,
            [*child("B2201", "Ansel Crane"), "01/03/2024", "SW Ada Krol", "Social Care",
             "First visit."],
            [*child("B2201", "Ansel Crane"), "08/03/2024", "SW Ada Krol", "Social Care",
             "Second visit", " mum present", " dad away"],
            [*child("B2202", "Bryony Crane"), "09/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone."],
        ]
    ).encode()  # fmt: skip


@corpus_file("fewer_columns.csv")
def _fewer_columns() -> bytes:
    return table(
        [
            HEADER,
            [*child("B2301", "Lorcan Ebb"), "01/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone."],
            child("B2302", "Maud Ebb", "WIRI"),
        ]
    ).encode()  # fmt: skip


@corpus_file("trailing_commas.csv")
def _trailing_commas() -> bytes:
    return table(
        [
            [*HEADER, ""],
            [*child("B3001", "Petra Lund", "WOTH", "Swedish", "Christian"), "01/03/2024",
             "SW Ada Krol", "Social Care", "Seen at home.", ""],
            [*child("B3002", "Rune Lund", "WOTH", "Swedish", "Christian"), "02/03/2024",
             "SW Ada Krol", "Social Care", "Seen at school.", ""],
        ]
    ).encode()  # fmt: skip


@corpus_file("UPPER_CASE_EXTENSION.CSV")
def _upper_case() -> bytes:
    return table(
        [
            HEADER,
            [*child("B3101", "Tamsin Reed"), "01/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone at school."],
        ]
    ).encode()  # fmt: skip


@corpus_file("stray_quote.tsv")
def _stray_quote_tsv() -> bytes:
    # TSV has no quoting: a quote that begins a field is part of the text
    return table(
        [
            HEADER,
            [*child("B3401", "Neve Harrow"), "01/03/2024", "SW Ada Krol", "Social Care",
             '"Mum said she would ring back.'],
            [*child("B3402", "Caspian Harrow"), "02/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone."],
            [*child("B3403", "Wren Harrow"), "03/03/2024", "SW Ada Krol", "Social Care",
             'Said the new flat is "ok".'],
        ],
        sep="\t",
    ).encode()  # fmt: skip


# --- bytes and encodings ---------------------------------------------------------------------


@corpus_file("nul_bytes.csv")
def _nul_bytes() -> bytes:
    return (
        table([HEADER])
        + row(*child("B1001", "Dora Finch"), "01/03/2024", "SW Ada Krol", "Social Care",
              "Seen at home.")
        + "\n"
        + row(*child("B1001", "Dora Finch"), "08/03/2024", "SW Ada Krol", "Social Care",
              "Called mum\x00 no answer.")
        + "\n"
        + row(*child("B1002", "Silas Finch\x00\x00\x00\x00"), "09/03/2024", "SW Ada Krol",
              "Social Care", "Seen alone.")
        + "\n"
    ).encode()  # fmt: skip


@corpus_file("windows_1252.csv")
def _cp1252() -> bytes:
    return table(
        [
            HEADER,
            [*child("B1101", "Zoë Marchbanks", "WOTH", "French", "Catholic"), "01/03/2024",
             "SW Renée Oduya", "Social Care",
             "Mum said “we’re fine” – gave £20 for the school trip; café visit."],
        ]
    ).encode("cp1252")  # fmt: skip


@corpus_file("latin1_case.txt")
def _latin1() -> bytes:
    return (
        "Case ID: B1201\n"
        "Child: Iñaki Müller\n"
        "Ethnicity: WOTH\n"
        "First language: Spanish\n"
        "Interpreter required: No\n"
        "Religion: Catholic\n"
        "Father: Jürgen Müller (lives with Iñaki)\n"
        "Lives with: Mother (Begoña Ibáñez) and father\n"
        "\n"
        "12/03/2024 | SW Aoife Ní Bhraonáin | Social Care | Home visit\n"
        "Iñaki seen alone; he said the heating is at 18° and ½ the flat is cold.\n"
    ).encode("latin-1")


@corpus_file("utf16_bom.csv")
def _utf16_bom() -> bytes:
    text = table(
        [
            HEADER,
            [*child("B1301", "Kalinda Rao", "AIND", "Tamil", "Hindu"), "01/03/2024",
             "SW Ada Krol", "Social Care", "Seen alone; said “I’m ok”."],
        ],
        newline="\r\n",
    )  # fmt: skip
    return text.encode("utf-16")  # with the byte-order mark Windows writes


@corpus_file("utf16_no_bom.txt")
def _utf16_no_bom() -> bytes:
    return (
        "Case ID: B1401\n"
        "Child: Ottilie Brand\n"
        "Ethnicity: WBRI\n"
        "\n"
        "05/03/2024 | SW Ada Krol | Social Care | Home visit\n"
        "Ottilie seen alone in her room.\n"
    ).encode("utf-16-le")


@corpus_file("damaged_utf8.csv")
def _damaged_utf8() -> bytes:
    good = table(
        [
            HEADER,
            [*child("B1501", "Amélie Stroud"), "01/03/2024", "SW Ada Krol", "Social Care",
             "Seen at the café with mum."],
        ]
    ).encode()  # fmt: skip
    bad = (
        row(
            *child("B1502", "Cyrus Stroud"), "02/03/2024", "SW Ada Krol", "Social Care", "Seen "
        ).encode()
        + b"\xff"
        + b" alone.\n"
    )
    return good + bad


@corpus_file("binary_renamed.csv")
def _binary() -> bytes:
    """A small real PNG image (a grey gradient with noise) saved with a .csv name."""
    width = height = 32
    seed = 12345
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            raw.append((x * 8 + y * 4 + (seed >> 16)) & 0xFF)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
        + chunk(b"IEND", b"")
    )


# --- rows and values -------------------------------------------------------------------------


@corpus_file("duplicate_ids_conflicting.csv")
def _duplicates() -> bytes:
    return table(
        [
            ["Child ID", "Child Name", "Date of Birth", "Ethnicity", "First Language",
             "Religion", "Entry Date", "Recorded By", "Agency", "Case Note"],
            ["B2401", "Ivo Pennant", "02/05/2012", "WBRI", "English", "No religion",
             "01/03/2024", "SW Ada Krol", "Social Care", "Seen at home."],
            ["B2401", "Ivo Pennant", "05/02/2012", "AIND", "Punjabi", "Sikh", "02/03/2024",
             "HV Lorna Gage", "Health", "Seen at clinic."],
        ]
    ).encode()  # fmt: skip


@corpus_file("impossible_dates.csv")
def _impossible_dates() -> bytes:
    dates = ["31/02/2020", "29/02/2023", "12/13/2021", "00/01/2020", "01/03/2024"]
    return table(
        [HEADER]
        + [
            [*child("B2501", "Ada Thorne"), date, "SW Ada Krol", "Social Care", f"Note {n}."]
            for n, date in enumerate(dates, start=1)
        ]
    ).encode()


@corpus_file("future_dates.csv")
def _future_dates() -> bytes:
    return table(
        [
            HEADER,
            [*child("B2601", "Bram Keel"), "01/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone."],
            [*child("B2601", "Bram Keel"), "01/03/2099", "SW Ada Krol", "Social Care",
             "Typed 2099 for 2024."],
        ]
    ).encode()  # fmt: skip


@corpus_file("two_digit_years.csv")
def _two_digit_years() -> bytes:
    return table(
        [
            HEADER,
            [*child("B2701", "Cleo Marr"), "12/03/19", "SW Ada Krol", "Social Care",
             "Seen alone."],
            [*child("B2701", "Cleo Marr"), "3/4/07", "SW Ada Krol", "Social Care",
             "Old record carried over."],
            [*child("B2701", "Cleo Marr"), "01/06/45", "SW Ada Krol", "Social Care",
             "A two-digit year read in the window dateutil uses."],
        ]
    ).encode()  # fmt: skip


@corpus_file("no_case_id_column.csv")
def _no_case_id() -> bytes:
    return table(
        [
            ["Child Name", "Ethnicity", "Entry Date", "Case Note"],
            ["Dev Anand-Price", "AIND", "01/03/2024", "Seen alone."],
        ]
    ).encode()


@corpus_file("blank_case_ids.csv")
def _blank_ids() -> bytes:
    return table(
        [
            HEADER,
            [*child("B2901", "Edie Coyle"), "01/03/2024", "SW Ada Krol", "Social Care",
             "Seen alone."],
            [*child("", "Edie Coyle"), "02/03/2024", "SW Ada Krol", "Social Care",
             "This row has no case id."],
            [*child("   ", "Edie Coyle"), "03/03/2024", "SW Ada Krol", "Social Care",
             "Nor does this one."],
            [*child("B2901", "Edie Coyle"), "04/03/2024", "SW Ada Krol", "Social Care",
             "Seen at school."],
        ]
    ).encode()  # fmt: skip


@corpus_file("formula_notes.csv")
def _formula_notes() -> bytes:
    notes = [
        '"=HYPERLINK(""http://example.invalid/x"",""Click for case"")"',
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
    ]
    return table(
        [HEADER]
        + [
            [*child("B3201", "Fen Ogilvy"), f"0{n}/03/2024", "SW Ada Krol", "Social Care", note]
            for n, note in enumerate(notes, start=1)
        ]
    ).encode()


@corpus_file("ansi_and_script.csv")
def _ansi() -> bytes:
    note = (
        '"\x1b[31mRED\x1b[0m \x1b[2J\x1b]0;owned\x07 <script>alert(1)</script> '
        '<img src=x onerror=alert(2)>"'
    )
    return table(
        [
            HEADER,
            [*child("B3301", "Gus <b>Loam</b>"), "01/03/2024", "SW Ada Krol", "Social Care",
             note],
            [*child("B3301", "Gus <b>Loam</b>"), "31/02/2024\x1b[2J", "SW Ada Krol",
             "Social Care", "Date cell holds an escape sequence."],
        ]
    ).encode()  # fmt: skip


# --- JSON --------------------------------------------------------------------------------------


@corpus_file("json_object.json")
def _json_object() -> bytes:
    record = {
        "Child ID": "B3601",
        "Ethnicity": "WBRI",
        "Case Note": "Seen.",
        "Entry Date": "01/03/2024",
    }
    return json.dumps(record, indent=2).encode()  # fmt: skip


@corpus_file("json_mixed_records.json")
def _json_mixed() -> bytes:
    def record(case_id: str, ethnicity: str, date: str) -> dict[str, str]:
        return {
            "Child ID": case_id,
            "Ethnicity": ethnicity,
            "Case Note": "Seen.",
            "Entry Date": date,
        }

    records = [record("B3701", "WBRI", "01/03/2024"), "not a record", 42,
               record("B3702", "AIND", "02/03/2024")]  # fmt: skip
    return json.dumps(records, indent=2).encode()


@corpus_file("deeply_nested.json")
def _deep_json() -> bytes:
    return b"[" * 100_000 + b"]" * 100_000


@corpus_file("deeply_nested.jsonl")
def _deep_jsonl() -> bytes:
    def record(case_id: str, **extra: object) -> str:
        return json.dumps({"Child ID": case_id, "Case Note": "Seen.", "Entry Date": "01/03/2024",
                           **extra})  # fmt: skip

    too_deep = '{"Child ID": "B3803", "Extra": ' + "[" * 5000 + "]" * 5000 + "}"
    return (
        record("B3801")
        + "\n"
        + record("B3802", Extra=json.loads("[" * 300 + "]" * 300))
        + "\n"
        + too_deep
        + "\n"
        + record("B3804")
        + "\n"
    ).encode()


@corpus_file("jsonl_one_bad_line.jsonl")
def _jsonl_bad_line() -> bytes:
    lines = [
        json.dumps({"Child ID": "B3501", "Case Note": "Seen.", "Entry Date": "01/03/2024"}),
        '{"Child ID": "B3501", "Case Note": "cut off mid',
        json.dumps({"Child ID": "B3502", "Case Note": "Seen.", "Entry Date": "03/03/2024"}),
        "",
        json.dumps(["B3503", "a list, not an object"]),
    ]
    return ("\n".join(lines) + "\n").encode()


# --- case documents ----------------------------------------------------------------------------


@corpus_file("no_dated_entries.txt")
def _no_entries() -> bytes:
    return (
        b"Case ID: B4201\n"
        b"Child: Hal Winterbourne\n"
        b"Ethnicity: WBRI\n"
        b"Religion: No religion\n"
        b"\n"
        b"Hal was seen at home last week and said things are better.\n"
        b"Nobody wrote down when.\n"
    )


@corpus_file("not_a_case_document.md")
def _not_a_document() -> bytes:
    return b"# Meeting room booking\n\nPlease book rooms through the front desk.\n"


@corpus_file("impossible_date_entry.txt")
def _impossible_entry() -> bytes:
    return (
        b"Case ID: B4401\n"
        b"Child: Ines Varga\n"
        b"\n"
        b"01/03/2024 | SW Ada Krol | Social Care | Home visit\n"
        b"Seen alone.\n"
        b"31/02/2024 | SW Ada Krol | Social Care | Phone call\n"
        b"Mum rang.\n"
    )


@corpus_file("not_a_zip.docx")
def _not_a_zip() -> bytes:
    return b"Case ID: B4001\n\n01/03/2024 | SW Ada Krol | Social Care\nThis is text, not Word.\n"


@corpus_file("tables_and_headers.docx")
def _docx_tables() -> bytes:
    from docx import Document

    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE: case record B4101"
    section.footer.paragraphs[0].text = "Page 1 of 1 - printed 01/01/2024"
    doc.add_heading("Case record", level=1)
    doc.add_paragraph("Case ID: B4101")
    doc.add_paragraph("Child: Mabli Trevelyan")
    fields = doc.add_table(rows=0, cols=4)
    for cells in (
        ["Ethnicity", "WBRI", "First language", "Welsh"],
        ["Interpreter required", "No", "Religion", "Christian"],
    ):
        for cell, text in zip(fields.add_row().cells, cells, strict=True):
            cell.text = text
    doc.add_paragraph("Lives with: Mother (Gwen Trevelyan) and grandmother")
    doc.add_heading("Chronology", level=2)
    chronology = doc.add_table(rows=0, cols=4)
    for cells in (
        ["Date", "Author", "Agency", "Entry"],
        ["04/03/2024 10:00", "SW Ada Krol", "Social Care", "Home visit"],
        ["11/03/2024", "SN Pip Lowry", "Health", "Contact"],
    ):
        for cell, text in zip(chronology.add_row().cells, cells, strict=True):
            cell.text = text
    # a note cell with two paragraphs, as Word keeps a multi-line entry
    chronology.rows[1].cells[3].add_paragraph("Mabli seen alone in her room.")
    chronology.rows[1].cells[3].add_paragraph("Mum said the new school is better.")
    chronology.rows[2].cells[3].add_paragraph("Mabli attended the drop-in and talked about sleep.")
    doc.add_heading("Later entries", level=2)
    doc.add_paragraph("18/03/2024 | SW Ada Krol | Social Care | Phone call")
    doc.add_paragraph("Spoke to mum; Mabli is sleeping better.")
    props = doc.core_properties
    props.author = props.last_modified_by = "recordlint tests"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return normalise_zip(raw.getvalue())


# --- workbooks ---------------------------------------------------------------------------------


@corpus_file("zip_renamed.xlsx")
def _zip_renamed() -> bytes:
    return make_zip({"notes.txt": b"Child ID,Case Note\nB1801,Seen.\n"})


@corpus_file("formulas.xlsx")
def _formulas() -> bytes:
    """Formula cells with the values Excel cached when it last saved the file, one without a
    cached value, a DDE-style formula, and a text cell that only looks like a formula."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Child ID", "Ethnicity", "Entry Date", "Case Note", "Score"])
    sheet.append(["B1901", "WBRI", "01/03/2024", '=CONCATENATE("Seen ","alone.")', "=1+1"])
    sheet.append(["B1901", "WBRI", "02/03/2024", '=WEBSERVICE("http://example.invalid/")', 7])
    sheet.append(["B1902", "WBRI", "03/03/2024", "=cmd|' /C calc'!A0", "=A1/0"])
    sheet.append(["B1902", "WBRI", "04/03/2024", "TEXT_CELL", 1])
    sheet["D5"].value = '=HYPERLINK("http://example.invalid/","Click")'
    sheet["D5"].data_type = "s"  # a string that starts with '=', not a formula
    data = save_workbook(book)
    cached = {
        "D2": "Seen alone.",
        "E2": "2",
        "D3": "#NAME?",
        "D4": "#REF!",
        "E4": "#DIV/0!",
    }
    return normalise_zip(data, {"xl/worksheets/sheet1.xml": lambda xml: cache_values(xml, cached)})


@corpus_file("macro.xlsm")
def _macro() -> bytes:
    """A macro-enabled workbook: the VBA project is inert bytes here, and recordlint must read
    the sheet without running (or even loading) it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Child ID", "Ethnicity", "Entry Date", "Case Note"])
    sheet.append(["B2001", "WBRI", "01/03/2024", "Seen alone at home."])
    data = save_workbook(book)
    vba = (
        b'Attribute VB_Name = "ThisWorkbook"\r\n'
        b'Sub Workbook_Open()\r\n  Shell "calc"\r\nEnd Sub\r\n'
    )

    def content_types(xml: bytes) -> bytes:
        xml = xml.replace(
            b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
            b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
        )
        return xml.replace(
            b"<Default ",
            b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            b"<Default ",
            1,
        )

    def rels(xml: bytes) -> bytes:
        return xml.replace(
            b"</Relationships>",
            b'<Relationship Id="rIdVba" Target="vbaProject.bin" Type="http://schemas.microsoft'
            b'.com/office/2006/relationships/vbaProject"/></Relationships>',
        )

    return normalise_zip(
        data,
        {"[Content_Types].xml": content_types, "xl/_rels/workbook.xml.rels": rels},
        add={"xl/vbaProject.bin": vba},
    )  # fmt: skip


@corpus_file("xlsx_no_case_id.xlsx")
def _xlsx_no_case_id() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Guidance"
    book.active.append(["How to fill in this export"])
    book.active.append(["Put the child's name in column A."])
    return normalise_zip(save_workbook(book))


# --- XML ---------------------------------------------------------------------------------------

CENSUS_CHILD = (
    "<Child><ChildIdentifiers>{id}<UPN>A123456789012</UPN><PersonBirthDate>2012-05-01"
    "</PersonBirthDate><Sex>F</Sex></ChildIdentifiers><ChildCharacteristics><Ethnicity>{eth}"
    "</Ethnicity></ChildCharacteristics><CINdetails><CINreferralDate>2024-01-15"
    "</CINreferralDate></CINdetails></Child>"
)


@corpus_file("census_missing_id.xml")
def _census() -> bytes:
    children = CENSUS_CHILD.format(id="<LAchildID>B4801</LAchildID>", eth="WBRI") + (
        CENSUS_CHILD.format(id="", eth="AIND")
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>'
        "<Collection>CIN</Collection><Year>2024</Year></CollectionDetails></Header>\n"
        f"<Children>{children}</Children></Message>\n"
    ).encode()


@corpus_file("not_census.xml")
def _not_census() -> bytes:
    return b'<?xml version="1.0"?>\n<rss><channel><title>News</title></channel></rss>\n'


@corpus_file("malformed.xml")
def _malformed_xml() -> bytes:
    return (
        '<?xml version="1.0"?>\n<Message>\n<Children>\n'
        + CENSUS_CHILD.format(id="<LAchildID>B4701</LAchildID>", eth="WBRI")
        + "\n<Child><ChildIdentifiers>\n"
    ).encode()


@corpus_file("xml_entities.xml")
def _xml_entities() -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        b"<Message><Children><Child><ChildIdentifiers><LAchildID>&lol2;</LAchildID>"
        b"</ChildIdentifiers></Child></Children></Message>\n"
    )


# --- other -------------------------------------------------------------------------------------


@corpus_file("unsupported.rtf")
def _unsupported() -> bytes:
    return b"{\\rtf1\\ansi Case ID: B5101\\par 12/03/2024 Seen alone.\\par}\n"


# --- statutory returns: SSDA903, CIN census, Excel 97-2003 ---------------------------------------


@corpus_file("ssda903_episodes_bad_dates.csv")
def _ssda903_bad_dates() -> bytes:
    return table(
        [
            ["CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC"],
            ["B5201", "31/02/2024", "S", "C2", "N1", "U1", "PR1", "", ""],
            ["B5201", "01/05/2024", "P", "C2", "N1", "U3", "PR1", "01/05/2031", "E11"],
            ["B5202", "14/06/2023", "S", "V2", "N4", "K2", "PR3", "", ""],
        ]
    ).encode()


@corpus_file("ssda903_stray_text.xml")
def _ssda903_xml() -> bytes:
    return (
        b"<?xml version='1.0' encoding='utf-8'?>\n<EXPSSDA903>"
        b"<CHILD><HEADER><CHILDID>B5301</CHILDID><UPN>B530100000001</UPN><SEX>2</SEX>"
        b"<DOB>12/12/2030</DOB><ETHNIC>WBRI</ETHNIC><MOTHER>1</MOTHER></HEADER>"
        b"<EPISODE><DECOM>01/09/2024</DECOM>PL<RNE>S</RNE></EPISODE></CHILD>"
        b"<CHILD><HEADER><SEX>1</SEX><DOB>01/01/2012</DOB></HEADER></CHILD>"
        b"</EXPSSDA903>\n"
    )


@corpus_file("census_stray_text_future_date.xml")
def _census_stray() -> bytes:
    child = (
        CENSUS_CHILD.format(id="<LAchildID>B5401</LAchildID>", eth="WBRI")
        .replace("</UPN>", "</UPN>PersonBirthDate")
        .replace("<CINreferralDate>2024-01-15", "<CINreferralDate>2028-01-15")
    )
    child = child.replace("A123456789012", "B540100000001")  # a UPN of its own: never merged
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>'
        "<Collection>CIN</Collection><Year>2024</Year></CollectionDetails></Header>\n"
        f"<Children>{child}</Children></Message>\n"
    ).encode()


@corpus_file("annex_a_97_2003.xls")
def _xls() -> bytes:
    """An Annex A list saved as Excel 97-2003 (xlwt writes the format xlrd and calamine read)."""
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Guidance").write(0, 0, "List 1: Contacts")
    sheet = book.add_sheet("List 1")
    sheet.write(0, 0, "List 1: Contacts")
    for column, header in enumerate(["Child Unique ID", "Gender", "Ethnicity", "Date of Birth"]):
        sheet.write(1, column, header)
    dated = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    sheet.write(2, 0, "B5501")
    sheet.write(2, 1, "a) Male")
    sheet.write(2, 2, "a) WBRI")
    sheet.write(2, 3, datetime(2014, 3, 11), dated)  # typed: 11 March, never 3 November
    raw = io.BytesIO()
    book.save(raw)
    return raw.getvalue()


@corpus_file("web_page_saved_as.xls")
def _html_xls() -> bytes:
    return (
        b"<html><body><table><tr><td>Child ID</td><td>Ethnicity</td></tr></table></body></html>\n"
    )


# --- PDF case records -----------------------------------------------------------------------


def _pdf_print(encrypt=None, draw=None) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    raw = io.BytesIO()
    canvas = Canvas(raw, pagesize=A4, invariant=1, encrypt=encrypt)
    if draw is None:
        canvas.setFont("Helvetica", 10)
        for number, line in enumerate(
            [
                "Case ID: B5601",
                "Ethnicity: WBRI",
                "",
                "12/03/2024 | SW Ilse Marren | Visit",
                "Seen alone at home.",
            ]
        ):
            canvas.drawString(72, 760 - 14 * number, line)
    else:
        draw(canvas)
    canvas.showPage()
    canvas.save()
    return raw.getvalue()


@corpus_file("scanned.pdf")
def _scanned_pdf() -> bytes:
    """A scan: one page that is an image of text, with no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    image = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(image).rectangle((20, 20, 380, 40), fill=0)  # a line of "writing"
    return _pdf_print(draw=lambda canvas: canvas.drawImage(ImageReader(image), 72, 500))


@corpus_file("encrypted.pdf")
def _encrypted_pdf() -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _pdf_print(encrypt=StandardEncryption("user-secret", "owner-secret"))


@corpus_file("encrypted_no_open_password.pdf")
def _owner_only_pdf() -> bytes:
    """Encrypted with an owner password only (printing and copying restricted): anyone may
    open it, so it is read."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    return _pdf_print(encrypt=StandardEncryption("", "owner-secret", canCopy=0))


@corpus_file("truncated.pdf")
def _truncated_pdf() -> bytes:
    """A print cut off in transfer: its first 300 bytes."""
    return _pdf_print()[:300]


@corpus_file("not_really.pdf")
def _fake_pdf() -> bytes:
    return b"%PDF-1.4\n% not really a PDF\n"


# --- shapes other systems export (as the evaluation corpus brought them) -------------------------


@corpus_file("month_first_dates.csv")
def _month_first() -> bytes:
    return table(
        [
            ["Child ID", "Entry Date", "Case Note"],
            ["B5701", "03/25/2024", "Seen alone."],
            ["B5701", "04/02/2024", "Seen at school."],
        ]
    ).encode()


@corpus_file("mixed_typed_text_dates.xlsx")
def _mixed_dates_workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Notes"
    sheet.append(["Child ID", "Entry Date", "Case Note"])
    sheet.append(["B5801", datetime(2024, 3, 11), "Typed date."])
    sheet.append(["B5801", "12/03/2024", "Text date."])
    sheet.append(["B5801", "2024-03-13", "ISO text date."])
    return save_workbook(book)


@corpus_file("family_ref_siblings.csv")
def _family_ref() -> bytes:
    return table(
        [
            ["Case Ref", "NHS Number", "Child Name", "Ethnicity", "Entry Date", "Case Note"],
            ["FAM-B59", "999 590 0010", "Ari Tollan", "WBRI", "12/03/2024", "Ari seen."],
            ["FAM-B59", "999 590 0028", "Bea Tollan", "WBRI", "12/03/2024", "Bea seen."],
        ]
    ).encode()


@corpus_file("header_hints.csv")
def _header_hints() -> bytes:
    return table(
        [
            ["Child ID", "Ethnicty", "Mother's religion", "Entry Date", "Case Note"],
            ["B6001", "WBRI", "None", "12/03/2024", "Seen alone."],
        ]
    ).encode()


@corpus_file("case_id_and_nhs_number.txt")
def _case_id_header() -> bytes:
    return (
        b"Case ID: HX-B6101\nNHS Number: 999 610 1019\nEthnicity: WBRI\n\n"
        b"12/03/2024 | SW Ilse Marren | Social Care | Visit\nSeen alone at home.\n"
    )


@corpus_file("no_header_line.csv")
def _no_header_line() -> bytes:
    """A file whose first line is data (its header lost): no column is a case id, and no hint
    is made of a sentence."""
    return (
        b"B6201,12/03/2024,Seen at home; she said she has been getting headaches every night "
        b"since the move and ethnicity was discussed\n"
    )


@corpus_file("forenames_and_entry_time.csv")
def _forenames() -> bytes:
    """Forename and surname columns, the time of an entry in a column of its own, a BOM."""
    return (
        codecs.BOM_UTF8
        + table(
            [
                [
                    "Child ID",
                    "Forename",
                    "Surname",
                    "Ethnic Origin",
                    "Entry Date",
                    "Entry Time",
                    "Recorded By",
                    "Narrative",
                ],
                ["B6301", "Nell", "Varga", "WOTH", "12/03/2024", "14:05", "SW Marren", "Seen."],
            ]
        ).encode()
    )


@corpus_file("case_and_person_refs.jsonl")
def _jsonl_refs() -> bytes:
    rows = [
        {"Case Ref": "B6401-C", "Person Ref": "P6401", "NHS Number": "999 640 1012",
         "Ethnicity": "White British", "Entry Date": "2024-03-12", "Narrative": "Seen alone."},
        {"Case Ref": "B6401-C", "Person Ref": "P6401", "NHS Number": "999 640 1012",
         "Ethnicity": "White British", "Entry Date": "2024-03-19", "Narrative": "Seen again."},
    ]  # fmt: skip
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


@corpus_file("people_related_ref.csv")
def _people_related() -> bytes:
    return table(
        [
            [
                "Case Ref",
                "Person Ref",
                "Related Person Ref",
                "Forename",
                "Surname",
                "Relationship",
                "Lives With Child (Y/N)",
            ],
            ["B6501-C", "P6501", "P6502", "Dana", "Hollis", "Mother", "Y"],
        ]
    ).encode()


@corpus_file("mixed_folder/children.csv")
def _folder_children() -> bytes:
    return table(
        [
            ["Child ID", "Child Name", "Ethnicity", "First Language", "Religion"],
            ["B5001", "Oriel Fane", "WBRI", "English", "No religion"],
        ]
    ).encode()


@corpus_file("mixed_folder/notes/notes.csv")
def _folder_notes() -> bytes:
    return table(
        [
            ["Child ID", "Entry Date", "Recorded By", "Agency", "Case Note"],
            ["B5001", "01/03/2024", "SW Ada Krol", "Social Care", "Oriel seen alone at home."],
            ["B5001", "08/03/2024", "SW Ada Krol", "Social Care", "Oriel seen at school."],
        ]
    ).encode()


@corpus_file("mixed_folder/notes/broken.docx")
def _folder_broken_docx() -> bytes:
    return b"PK\x03\x04 not really a zip"


@corpus_file("mixed_folder/notes/empty.json")
def _folder_empty_json() -> bytes:
    return b"   \n"


@corpus_file("mixed_folder/README.md")
def _folder_readme() -> bytes:
    return b"An export folder; recordlint passes over README files.\n"


@corpus_file("mixed_folder/README.pdf")
def _folder_pdf() -> bytes:
    return _pdf_print(draw=lambda canvas: canvas.drawString(72, 760, "How to use this export"))


@corpus_file("mixed_folder/.hidden.csv")
def _folder_hidden() -> bytes:
    return b"Child ID,Case Note\nB5099,A hidden file is passed over.\n"


# --- helpers -----------------------------------------------------------------------------------


def save_workbook(book) -> bytes:
    book.properties.creator = book.properties.lastModifiedBy = "recordlint tests"
    book.properties.created = book.properties.modified = FIXED_DATE
    raw = io.BytesIO()
    book.save(raw)
    # openpyxl stamps the time of saving as the modified date whatever it is given
    fixed = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    return normalise_zip(
        raw.getvalue(),
        {
            "docProps/core.xml": lambda xml: re.sub(
                rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + fixed, xml
            )
        },
    )


def cache_values(xml: bytes, cached: dict[str, str]) -> bytes:
    """Give formula cells the value Excel would have cached (openpyxl writes none)."""
    for ref, value in cached.items():
        start = xml.index(f'<c r="{ref}"'.encode())
        end = xml.index(b"</c>", start)
        cell = xml[start:end]
        kind = b' t="e"' if value.startswith("#") else (b"" if value.isdigit() else b' t="str"')
        cell = cell.replace(f'<c r="{ref}"'.encode(), f'<c r="{ref}"'.encode() + kind, 1)
        cell = cell.replace(b"<v></v>", b"<v>" + value.encode() + b"</v>").replace(
            b"<v />", b"<v>" + value.encode() + b"</v>"
        )
        if b"<v>" not in cell:
            cell += b"<v>" + value.encode() + b"</v>"
        xml = xml[:start] + cell + xml[end:]
    return xml


def make_zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()


def normalise_zip(
    data: bytes,
    edit: dict[str, Callable[[bytes], bytes]] | None = None,
    add: dict[str, bytes] | None = None,
) -> bytes:
    """The package again with fixed member timestamps (and any member edited or added)."""
    edit = edit or {}
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {
            info.filename: edit.get(info.filename, lambda b: b)(source.read(info.filename))
            for info in source.infolist()
        }
    members.update(add or {})
    return make_zip(members)


def build() -> dict[str, bytes]:
    return {name: make() for name, make in FILES.items()}


def write(folder: Path) -> list[Path]:
    written = []
    for name, data in build().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    written = write(folder)
    print(f"wrote {len(written)} files to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
