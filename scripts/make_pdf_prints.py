"""Write tests/pdf_prints/: synthetic case records printed to PDF the ways case systems print them.

A case management system's "print record" gives a PDF, and often that is all an auditor is sent.
The prints here carry the same kind of record three ways, each with a running header and a
"Page n of m" footer on every page, as real prints do:

- `P3001_plain.pdf`: one column, header fields then dated entries, over two pages;
- `P3002_two_column.pdf`: the case details in a narrow left column beside the entries;
- `P3003_tabled.pdf`: the details as a label/value table and the chronology as a table
  (Date | Worker | Agency | Entry), the entry text wrapping inside its cell;
- `P3004_drawn.pdf`: drawn as a report writer draws, labels and values in two unruled columns
  with no colon, each entry's date, worker and type in columns of their own, and the text
  drawn in no reading order (the last line first), so only positions give the order.

Everything in them is invented. `CASES` is the truth each print must read back as (the tests
and `bench/pdf_reading.py` compare against it). The output is byte-for-byte deterministic
(reportlab's invariant mode: no creation date, no random document id).

Usage (needs reportlab):  python scripts/make_pdf_prints.py [FOLDER]
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parents[1] / "tests" / "pdf_prints"

#: file -> (header fields, entries as (date, worker, agency, kind, text))
CASES: dict[str, tuple[list[tuple[str, str]], list[tuple[str, str, str, str, str]]]] = {
    "P3001_plain.pdf": (
        [
            ("Case ID", "P3001"),
            ("Child", "Marnie Oyelaran-Firth"),
            ("Date of birth", "03/02/2010"),
            ("Ethnicity", "MWBA"),
            ("First language", "English"),
            ("Religion", "Christian"),
            ("Agency", "Social Care"),
        ],
        [
            (
                "14/02/2024",
                "SW Tamsin Ardley",
                "Social Care",
                "Home visit",
                "Marnie seen alone in her room. She said she has not been going to school "
                'because of girls on the bus, and that she has been "sad most days". Mum '
                "agreed to a referral to the school counsellor.",
            ),
            (
                "21/02/2024",
                "SW Tamsin Ardley",
                "Social Care",
                "Telephone",
                "Spoke to the head of year, who confirmed the counselling referral was "
                "received on 19/02/2024 and a first session is booked for 28/02/2024.",
            ),
        ]
        + [
            (
                f"{day:02d}/03/2024",
                "SW Tamsin Ardley",
                "Social Care",
                "Visit",
                "Marnie seen at home with Mum. Attendance has improved to four days a week. "
                'She talked about her art project and said the counsellor is "easy to talk '
                'to". Plan reviewed with Mum; no new concerns were raised on this visit.',
            )
            for day in (6, 13, 20, 27)
        ],
    ),
    "P3002_two_column.pdf": (
        [
            ("Case ID", "P3002"),
            ("Child", "Idris Vantongeren"),
            ("Date of birth", "22/07/2012"),
            ("Ethnicity", "WOTH"),
            ("First language", "Dutch"),
            ("Interpreter required", "No"),
            ("Religion", "No religion"),
            ("Agency", "Early Help"),
        ],
        [
            (
                "09/01/2024",
                "FSW Priya Langdon",
                "Early Help",
                "Visit",
                "First visit. Idris lives with his father and two younger sisters. Dad said "
                "Idris has been angry since the family moved in the summer.",
            ),
            (
                "23/01/2024",
                "FSW Priya Langdon",
                "Early Help",
                "Visit",
                "Idris seen alone. He said he misses his friends and that nobody at the new "
                "school speaks to him at lunch. Agreed to ask school about a buddy scheme.",
            ),
            (
                "30/01/2024",
                "FSW Priya Langdon",
                "Early Help",
                "Telephone",
                "School confirmed Idris has joined the lunchtime club and has a buddy from his "
                "form group.",
            ),
        ],
    ),
    "P3003_tabled.pdf": (
        [
            ("Case ID", "P3003"),
            ("Child", "Keeley Abara-Stoun"),
            ("Date of birth", "11/11/2008"),
            ("Ethnicity", "BCRB"),
            ("First language", "English"),
            ("Religion", "Muslim"),
            ("Agency", "Health"),
        ],
        [
            (
                "05/03/2024",
                "School Nurse Okafor",
                "Health",
                "Contact",
                "Keeley came to the drop-in with headaches and said she is not sleeping. She "
                'said things at home are "loud" and she stays at her aunt\'s most weekends. '
                "Agreed to see her again next week and to speak to the DSL with her consent.",
            ),
            (
                "12/03/2024",
                "School Nurse Okafor",
                "Health",
                "Contact",
                "Keeley seen alone. Sleep a little better. She gave consent to share with the "
                "DSL, who was told the same day.",
            ),
            (
                "19/03/2024",
                "School Nurse Okafor",
                "Health",
                "Contact",
                "Follow-up: Keeley says the headaches have stopped. To be seen again at the "
                "next drop-in.",
            ),
        ],
    ),
    "P3004_drawn.pdf": (
        [
            ("Case ID", "P3004"),
            ("Child", "Tobiah Quennell-Rao"),
            ("Date of birth", "30/06/2011"),
            ("Ethnicity", "AIND"),
            ("First language", "Gujarati"),
            ("Interpreter required", "Yes"),
            ("Religion", "Hindu"),
        ],
        [
            (
                "02/04/2024",
                "SW Olu Bramwell",
                "Social Care",
                "Visit",
                "Tobiah seen with his grandmother and an interpreter. He said he likes his new "
                "school.",
            ),
            (
                "16/04/2024",
                "SW Olu Bramwell",
                "Social Care",
                "Telephone",
                "Grandmother said Tobiah is eating well and sleeping through the night.",
            ),
        ],
    ),
}

_STYLES = getSampleStyleSheet()
_BODY = _STYLES["BodyText"]
_TITLE = _STYLES["Heading2"]


def _running_header_and_footer(canvas, doc) -> None:
    """What every system print carries on every page: who printed it, when, page n of m."""
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.drawString(18 * mm, A4[1] - 12 * mm, "Case Management System - Case record print")
    canvas.drawRightString(
        A4[0] - 18 * mm, 10 * mm, f"Printed 07/12/2026 09:14 by A Auditor    Page {doc.page}"
    )
    canvas.restoreState()


def _entry_heading(date: str, worker: str, agency: str, kind: str) -> str:
    return f"{date} | {worker} | {agency} | {kind}"


def _plain(fields, entries) -> list:
    story: list = [Paragraph("Case record", _TITLE)]
    story += [Paragraph(f"{label}: {value}", _BODY) for label, value in fields]
    for date, worker, agency, kind, text in entries:
        story += [Spacer(1, 4 * mm), Paragraph(_entry_heading(date, worker, agency, kind), _BODY)]
        story.append(Paragraph(text, _BODY))
    return story


def _two_column(fields, entries) -> list:
    story: list = [Paragraph("Case details", _TITLE)]
    story += [Paragraph(f"{label}: {value}", _BODY) for label, value in fields]
    story.append(FrameBreak())
    story.append(Paragraph("Chronology", _TITLE))
    for date, worker, agency, kind, text in entries:
        story += [Spacer(1, 3 * mm), Paragraph(_entry_heading(date, worker, agency, kind), _BODY)]
        story.append(Paragraph(text, _BODY))
    return story


def _tabled(fields, entries) -> list:
    grid = TableStyle(
        [("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    )
    details = Table([[label, value] for label, value in fields], colWidths=[45 * mm, 100 * mm])
    details.setStyle(grid)
    rows = [["Date", "Worker", "Agency", "Type", "Entry"]]
    rows += [
        [date, Paragraph(worker, _BODY), agency, kind, Paragraph(text, _BODY)]
        for date, worker, agency, kind, text in entries
    ]
    chronology = Table(rows, colWidths=[22 * mm, 30 * mm, 22 * mm, 18 * mm, 82 * mm])
    chronology.setStyle(grid)
    return [Paragraph("Case record", _TITLE), details, Spacer(1, 6 * mm), chronology]


def _document(buffer: io.BytesIO, two_columns: bool) -> BaseDocTemplate:
    doc = BaseDocTemplate(
        buffer, pagesize=A4, invariant=1, title="Case record", author="recordlint fixtures"
    )
    width, height = A4
    margin = 18 * mm
    if two_columns:
        left = Frame(margin, margin, 58 * mm, height - 2 * margin, id="details")
        right = Frame(margin + 62 * mm, margin, width - 2 * margin - 62 * mm, height - 2 * margin)
        frames = [left, right]
    else:
        frames = [Frame(margin, margin, width - 2 * margin, height - 2 * margin)]
    doc.addPageTemplates([PageTemplate(frames=frames, onPage=_running_header_and_footer)])
    return doc


def _drawn(fields, entries) -> bytes:
    """A report writer's page: every string placed at its own position, in no reading order."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle("Case record")
    strings: list[tuple[float, float, str]] = []
    y = A4[1] - 30 * mm
    for label, value in fields:
        strings += [(20 * mm, y, label), (65 * mm, y, value)]
        y -= 6 * mm
    for date, worker, _agency, kind, text in entries:
        y -= 6 * mm
        strings += [(20 * mm, y, date), (45 * mm, y, worker), (90 * mm, y, kind)]
        y -= 6 * mm
        strings.append((20 * mm, y, text))
        y -= 6 * mm
    canvas.setFont("Helvetica", 9)
    for x, y, text in reversed(strings):  # drawn bottom up: the stream's order is no guide
        canvas.drawString(x, y, text)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def build() -> dict[str, bytes]:
    layouts = {
        "P3001_plain.pdf": _plain,
        "P3002_two_column.pdf": _two_column,
        "P3003_tabled.pdf": _tabled,
    }
    built = {}
    for name, (fields, entries) in CASES.items():
        if name not in layouts:
            built[name] = _drawn(fields, entries)
            continue
        buffer = io.BytesIO()
        _document(buffer, two_columns=name == "P3002_two_column.pdf").build(
            layouts[name](fields, entries)
        )
        built[name] = buffer.getvalue()
    return built


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else HERE
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in build().items():
        (folder / name).write_bytes(data)
    print(f"wrote {len(CASES)} PDF prints to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
