"""How well each way of reading a PDF print gives back the case record it was printed from.

    python -m pip install pypdf && python bench/pdf_reading.py

Reads the prints of `scripts/make_pdf_prints.py` (one column over two pages, a side column of
case details, a tabled chronology; each with a running header and footer) three ways and hands
each text to recordlint's document parser: pypdf's text (content-stream order), pdfplumber's
plain text (position order), and recordlint's PDF reader (pdfplumber's words and tables rebuilt
into lines). A print is read back when each header field has its value and each entry its date,
author and exact text (spaces aside). pypdf is optional: without it that row is left out.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from recordlint.readers import read_inputs
from recordlint.readers.base import ReaderOptions
from recordlint.readers.documents import parse_document

ROOT = Path(__file__).resolve().parents[1]
PRINTS = ROOT / "tests" / "pdf_prints"


def _cases():
    spec = importlib.util.spec_from_file_location("prints", ROOT / "scripts" / "make_pdf_prints.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CASES


def pypdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def from_text(text: str, path: Path):
    outcome = parse_document(text.splitlines(), path, "pdf", ReaderOptions(), wraps=False)
    return outcome.parts[0] if outcome.parts else None


def recordlint_reader(path: Path):
    result = read_inputs([path])
    return result.cases[0] if result.cases else None


def score(case, fields, entries) -> tuple[int, int]:
    """(fields with their value, entries with date, author and text exact)."""
    if case is None:
        return 0, 0
    name = case.child.name if hasattr(case, "child") else case.child_name
    values = {v.value for vs in case.fields.values() for v in vs} | {name}
    if hasattr(case, "case_id"):
        values.add(case.case_id)
    got = sum(value in values for _, value in fields)
    notes = {(n.date.strftime("%d/%m/%Y") if n.date else "", n.author, " ".join(n.text.split()))
             for n in case.notes}  # fmt: skip
    found = sum((date, worker, " ".join(text.split())) in notes
                for date, worker, _, _, text in entries)  # fmt: skip
    return got, found


def main() -> int:
    ways = {"recordlint (pdfplumber words and tables)": recordlint_reader}
    ways["pdfplumber extract_text"] = lambda p: from_text(pdfplumber_text(p), p)
    if importlib.util.find_spec("pypdf"):
        ways["pypdf extract_text"] = lambda p: from_text(pypdf_text(p), p)
    cases = _cases()
    print(f"| reader | {' | '.join(cases)} | entries read |")
    print(f"|---|{'---|' * len(cases)}---|")
    for name, read in ways.items():
        cells, total, found_all = [], 0, 0
        for file, (fields, entries) in cases.items():
            got, found = score(read(PRINTS / file), fields, entries)
            cells.append(f"fields {got}/{len(fields)}, entries {found}/{len(entries)}")
            total += len(entries)
            found_all += found
        print(f"| {name} | {' | '.join(cells)} | {found_all}/{total} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
