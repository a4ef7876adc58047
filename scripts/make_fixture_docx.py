"""Write fixtures/documents/D2005_case_record.docx, a synthetic Word case record.

Everything in it is invented. The document follows the case-document convention in design.md:
header fields as ``Field: value`` paragraphs (some of them in a two-column table), then entries
that each start with a dated paragraph (``14/03/2024 10:00 | author | agency | type``) followed
by one or more text paragraphs.

Designed gap: first language is Bengali and "Interpreter required" is blank, so DEM002 fails;
ethnicity (ABAN) and religion (Muslim) are recorded, so DEM001 and DEM003 pass.

The output is byte-for-byte deterministic: core properties use a fixed date and author, and
every zip member gets a fixed timestamp.

Usage (needs python-docx):  python scripts/make_fixture_docx.py [OUTPUT]
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document

FIXED_DATE = datetime(2024, 1, 1, 0, 0, 0)
AUTHOR = "recordlint fixtures"
DEFAULT_OUT = (
    Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "D2005_case_record.docx"
)

HEADER_PARAGRAPHS_BEFORE = [
    ("Case ID", "D2005"),
    ("Child", "Anika Haqbury"),
    ("Date of birth", "15/08/2011"),
]
HEADER_TABLE = [
    ("Ethnicity", "ABAN"),
    ("First language", "Bengali"),
    ("Interpreter required", ""),
    ("Religion", "Muslim"),
    ("Father", "Jamal Haqbury (lives with Anika)"),
    ("Lives with", "Mother (Rokeya Haqbury), father and paternal grandparents"),
]
HEADER_PARAGRAPHS_AFTER = [
    ("Agency", "Social Care"),
    ("Team", "Child in Need Team 1"),
]

ENTRIES = [
    (
        "07/03/2024 11:20 | Farah Lyle | Social Care | Contact",
        [
            "Contact from Harbury Lane Primary: Anika's attendance has fallen to 72% this term and she has told "
            'her teacher she feels "invisible" at home and at school.',
            "Outcome: Child and Family Assessment; allocated to SW Amara Okafor.",
        ],
    ),
    (
        "14/03/2024 10:00 | SW Amara Okafor | Social Care | Home visit",
        [
            "Home visit. Mother, grandmother and Anika present; father at work. Anika translated for her mother "
            "during the visit.",
            'Anika seen alone in her bedroom. She said "nobody talks to me at school" and that she stays in bed '
            "on Mondays because her stomach hurts.",
            "Plan:",
            "- SW Okafor to meet the school SENCO about Anika's attendance by 22/03/2024",
            "- SW Okafor to ask the GP to review Anika's stomach pains by 29/03/2024",
        ],
    ),
    (
        "21/03/2024 15:30 | SW Amara Okafor | Social Care | School visit",
        [
            "Met the SENCO, Ms R. Tran. School will offer a key adult and a lunchtime club from 25/03/2024.",
            'Anika seen at school and said the library club is "the best bit of the day".',
        ],
    ),
    (
        "28/03/2024 09:45 | SW Amara Okafor | Social Care | Phone call",
        [
            "GP surgery confirmed an appointment for Anika on 02/04/2024. Father informed by phone and will take her.",
        ],
    ),
    (
        "18/04/2024 16:00 | SW Amara Okafor | Social Care | Home visit",
        [
            'Home visit with both parents. Attendance now 89%. Anika said she has "one proper friend now".',
            "Actions:",
            "- SW Okafor to complete the assessment by 02/05/2024",
            "- School (Ms Tran) to review the key adult support on 10/05/2024",
        ],
    ),
]


def build() -> bytes:
    doc = Document()
    for field, value in HEADER_PARAGRAPHS_BEFORE:
        doc.add_paragraph(f"{field}: {value}")
    table = doc.add_table(rows=0, cols=2)
    for field, value in HEADER_TABLE:
        cells = table.add_row().cells
        cells[0].text = field
        cells[1].text = value
    for field, value in HEADER_PARAGRAPHS_AFTER:
        doc.add_paragraph(f"{field}: {value}")
    doc.add_paragraph("")
    for heading, lines in ENTRIES:
        doc.add_paragraph(heading)
        for line in lines:
            doc.add_paragraph(line)

    props = doc.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.title = "Case record D2005 (synthetic)"
    props.comments = "Synthetic test fixture for recordlint; all people are invented."
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.revision = 1

    raw = io.BytesIO()
    doc.save(raw)
    return _normalise_zip(raw.getvalue())


def _normalise_zip(data: bytes) -> bytes:
    """Rewrite the package with fixed member timestamps so repeated runs give identical bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
