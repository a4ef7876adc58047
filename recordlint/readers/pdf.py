"""Case records printed to PDF: the text layer read back into the lines of a case document.

A case system's "print record" is often all an auditor is sent. pdfplumber (on pdfminer.six)
gives every word with its position and finds ruled tables, which is what a print needs: the
order a PDF's content stream draws text in is the generator's, not the reader's, so lines are
rebuilt from positions. Measured on the project's prints (`bench/pdf_reading.py`), pypdf's
stream-order text read the side column well but put every table cell on a line of its own, so
a tabled chronology lost its entries; pdfplumber's plain text merged the side column into the
entries line by line. Here each page becomes lines in reading order:

- a ruled table is read row by row like a Word table (`documents.table_lines`);
- other words are grouped into lines; a gap of several spaces inside a line splits it into
  cells, so an unruled "Label      value" row reads as `Label: value` and a dated row as an
  entry's parts joined by ` | `;
- a vertical gutter with text side by side on both sides is two columns, the left read first;
- a running header or footer (in the page's top or bottom band and repeated on other pages, or
  a page number) is dropped, so "Printed ... Page 2 of 5" never becomes part of a note.

The lines then go to the same parser as TXT and DOCX. A PDF with no text layer (a scan), one
that needs a password, and a damaged one are each one line naming the file.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from recordlint.readers.base import ReaderOptions, ReadOutcome, register
from recordlint.readers.documents import opens_entry_or_field, parse_document, table_lines

#: a gap between words wider than this many points splits a line into cells
_CELL_GAP = 14.0
#: words whose tops are within this many points are on one line
_LINE_TOLERANCE = 3.0
#: the share of the page's height, top and bottom, where running headers and footers sit
_FURNITURE_BAND = 0.07
#: a gutter must be at least this wide, with this many lines beside each other across it
_GUTTER_WIDTH = 10.0
_GUTTER_LINES = 3
_PAGE_NUMBER = re.compile(r"\b(?:page\s+)?\d+\s+of\s+\d+\b|\bpage\s+\d+\b|^\W*\d+\W*$", re.I)
_DATED = re.compile(r"^\s*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2})\b")


@dataclass
class _Line:
    top: float
    bottom: float
    cells: list[str]
    #: carries on the paragraph of the line before (wrapped by the page, not by the writer)
    continues: bool = False

    @property
    def text(self) -> str:
        """The line as a document line: cells of a dated row are an entry's parts; a short
        label beside a value is a `Label: value` field."""
        cells = self.cells
        if len(cells) == 1:
            return cells[0]
        if _DATED.match(cells[0]):
            return " | ".join(cells)
        if len(cells) == 2 and len(cells[0].split()) <= 5 and not cells[0].endswith("."):
            return f"{cells[0].rstrip(':')}: {cells[1]}"
        return " ".join(cells)


@register("pdf", ".pdf")
def read_pdf(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    shown = str(path)
    outcome = ReadOutcome()
    try:
        with pdfplumber.open(str(path)) as pdf:
            pages = [_page_lines(page) for page in pdf.pages]
            images = sum(len(page.images) for page in pdf.pages)
    except Exception as exc:  # pdfminer raises many types, which pdfplumber wraps
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if isinstance(cause, PDFPasswordIncorrect):
            outcome.problem(
                shown,
                "the PDF is encrypted and needs a password to open; recordlint reads it once it "
                "is saved without one",
            )
        else:
            reason = " ".join(str(cause).split())[:80] or type(cause).__name__
            outcome.problem(shown, f"cannot read PDF (damaged or not a PDF: {reason})")
        return outcome
    if not any(lines for lines in pages):
        scan = " (it holds only images: a scan?)" if images else ""
        outcome.problem(
            shown,
            f"the PDF has no text layer{scan}; recordlint reads a PDF's text, not its images: "
            "print the record from the case system, or run OCR first",
        )
        return outcome
    lines = list(_without_furniture(pages))
    return parse_document(lines, path, fmt, options, wraps=False)


def _page_lines(page) -> list[tuple[_Line, bool]]:
    """The page's lines in reading order, each with whether it sits in the top or bottom band
    (where running headers and footers are)."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    words = [w for w in page.extract_words() if not any(_inside(w, box) for box in boxes)]
    blocks: list[tuple[int, float, list[_Line]]] = []
    gutter = _gutter(words, page.width)
    for column, column_words in enumerate(_split(words, gutter)):
        previous = None
        for line in _lines(column_words):
            line.continues = previous is not None and _wrapped(previous, line)
            blocks.append((column, line.top, [line]))
            previous = line
    for table, box in zip(tables, boxes, strict=True):
        rows = [[" ".join((cell or "").split()) for cell in row] for row in table.extract()]
        column = 1 if gutter is not None and box[0] >= gutter else 0
        lines = [_Line(box[1], box[3], [text]) for text in table_lines(rows) if text.strip()]
        blocks.append((column, box[1], lines))
    blocks.sort(key=lambda block: (block[0], block[1]))
    band = page.height * _FURNITURE_BAND
    return [
        (line, line.top < band or line.bottom > page.height - band)
        for _, _, lines in blocks
        for line in lines
    ]


def _wrapped(before: _Line, line: _Line) -> bool:
    """Whether `line` is the page wrapping the paragraph of `before`: single text lines set
    close together (a paragraph's gap is wider than its leading), neither an entry's first line
    nor a field."""
    height = before.bottom - before.top
    return (
        len(before.cells) == 1
        and len(line.cells) == 1
        and line.top - before.bottom < 0.5 * height
        and not opens_entry_or_field(before.text)
        and not opens_entry_or_field(line.text)
    )


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    middle_x = (word["x0"] + word["x1"]) / 2
    middle_y = (word["top"] + word["bottom"]) / 2
    return x0 <= middle_x <= x1 and top <= middle_y <= bottom


def _lines(words: list[dict]) -> Iterator[_Line]:
    """Words grouped into lines by their tops, each line's words split into cells at wide gaps."""
    ordered = sorted(words, key=lambda w: (round(w["top"]), w["x0"]))
    current: list[dict] = []
    for word in ordered:
        if current and abs(word["top"] - current[0]["top"]) > _LINE_TOLERANCE:
            yield _line(current)
            current = []
        current.append(word)
    if current:
        yield _line(current)


def _line(words: list[dict]) -> _Line:
    words = sorted(words, key=lambda w: w["x0"])
    cells: list[list[str]] = [[words[0]["text"]]]
    for before, word in itertools.pairwise(words):
        if word["x0"] - before["x1"] > _CELL_GAP:
            cells.append([])
        cells[-1].append(word["text"])
    return _Line(
        min(w["top"] for w in words),
        max(w["bottom"] for w in words),
        [" ".join(cell) for cell in cells],
    )


def _gutter(words: list[dict], width: float) -> float | None:
    """The x of a vertical strip no word crosses, in the middle of the page, with lines of text
    beside each other on both sides: the page is set in two columns there."""
    if not words:
        return None
    covered = [False] * (int(width) + 2)
    for word in words:
        for x in range(max(0, int(word["x0"])), min(len(covered), int(word["x1"]) + 1)):
            covered[x] = True
    start = None
    best: tuple[float, float] | None = None
    for x in range(int(width * 0.2), int(width * 0.8) + 1):
        if not covered[x]:
            start = x if start is None else start
            continue
        if (
            start is not None
            and x - start >= _GUTTER_WIDTH
            and (best is None or x - start > best[1])
        ):
            best = (start + (x - start) / 2, x - start)
        start = None
    if best is None:
        return None
    left, right = (list(_lines(side)) for side in _split(words, best[0]))
    left_beside = sum(1 for line in left if _beside(line, right))
    right_beside = sum(1 for line in right if _beside(line, left))
    if right_beside < _GUTTER_LINES:
        return None  # too little text side by side to be columns
    if left_beside == len(left) and right_beside == len(right):
        return None  # every line has its partner: labels beside their values, not columns
    return best[0]


def _beside(line: _Line, others: list[_Line]) -> bool:
    return any(abs(line.top - other.top) <= _LINE_TOLERANCE for other in others)


def _split(words: list[dict], gutter: float | None) -> list[list[dict]]:
    if gutter is None:
        return [words]
    return [[w for w in words if w["x1"] <= gutter], [w for w in words if w["x1"] > gutter]]


def _without_furniture(pages: list[list[tuple[_Line, bool]]]) -> Iterable[str]:
    """Every page's lines but its running header and footer: a line in the top or bottom band
    that is a page number, or that another page repeats (its digits aside)."""

    def shape(text: str) -> str:
        return re.sub(r"\d+", "#", text.lower())

    seen: dict[str, int] = {}
    for lines in pages:
        for key in {shape(line.text) for line, in_band in lines if in_band}:
            seen[key] = seen.get(key, 0) + 1
    for lines in pages:
        paragraph = ""
        for line, in_band in lines:
            text = line.text
            if in_band and (_PAGE_NUMBER.search(text) or seen.get(shape(text), 0) > 1):
                continue
            if paragraph and line.continues:
                paragraph = f"{paragraph} {text}"
                continue
            if paragraph:
                yield paragraph
            paragraph = text
        if paragraph:
            yield paragraph
        yield ""  # a page ends a paragraph
