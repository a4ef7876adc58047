"""Uploads and pasted notes, kept for one request only, then shown under their own names.

Files are written to a private temporary folder that is removed when the request ends, also
when it fails. Paths inside that folder never reach the page: a report names the file the
practitioner chose ("case.docx"), not where it waited.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from recordlint.model import CaseReport, Evidence, Finding, Problem, Source
from recordlint.readers.base import ReaderOptions
from recordlint.readers.documents import parse_document
from recordlint.results import LintRun
from recordlint.tempstore import private_folder

#: what the page accepts (the same readers as `recordlint check`)
ACCEPTED = (".docx", ".txt", ".md", ".csv", ".tsv", ".xlsx", ".json", ".jsonl")
PASTED_NAME = "pasted-notes.txt"


@contextmanager
def request_folder() -> Iterator[Path]:
    """A folder only this user can open, gone when the block ends however it ends."""
    folder = private_folder("serve")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def safe_name(name: str, taken: set[str]) -> str:
    """The chosen file's own name, reduced to a plain file name and made unique."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^\w .()-]+", "_", base).strip(" .") or "upload"
    stem, suffix = _bytes_cut(Path(base).stem, 120), _bytes_cut(Path(base).suffix.lower(), 10)
    candidate, number = f"{stem}{suffix}", 1
    while candidate in taken:
        number += 1
        candidate = f"{stem} ({number}){suffix}"
    taken.add(candidate)
    return candidate


def _bytes_cut(text: str, most: int) -> str:
    """At most `most` bytes of UTF-8, whole characters only: file systems count bytes (255), and
    a name of 80 four-byte characters is already too long."""
    return text.encode("utf-8")[:most].decode("utf-8", errors="ignore")


def pasted_document(text: str, today: dt.date) -> tuple[str, bool]:
    """Pasted notes as a case document. Text with no dated entry is read as one note dated
    today (said on the page); a paste with no case id is case "pasted". Returns the document
    and whether today's date was supplied."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    outcome = parse_document(lines, Path(PASTED_NAME), "text", ReaderOptions())
    part = outcome.parts[0] if outcome.parts else None
    dated = part is not None and bool(part.notes)
    has_id = part is not None and part.label != Path(PASTED_NAME).stem
    if dated:
        document = lines if has_id else ["Case ID: pasted", "", *lines]
    else:  # everything pasted is the one note's text
        document = ["Case ID: pasted", "", today.strftime("%d/%m/%Y"), *lines]
    return "\n".join(document) + "\n", not dated


def relabel(run: LintRun, folder: Path) -> LintRun:
    """The run with every path inside `folder` shown as the file's own name."""
    prefix = str(folder) + "/"

    def plain(text: str) -> str:
        return text.replace(prefix, "")

    def source(item: Source) -> Source:
        return dataclasses.replace(item, path=plain(item.path))

    def evidence(item: Evidence) -> Evidence:
        return dataclasses.replace(item, source=plain(item.source))

    def finding(item: Finding) -> Finding:
        return dataclasses.replace(
            item, message=plain(item.message), evidence=tuple(evidence(e) for e in item.evidence)
        )

    def report(item: CaseReport) -> CaseReport:
        case = dataclasses.replace(item.case, sources=tuple(source(s) for s in item.case.sources))
        return dataclasses.replace(
            item, case=case, findings=tuple(finding(f) for f in item.findings)
        )

    def problem(item: Problem) -> Problem:
        return dataclasses.replace(item, path=plain(item.path), message=plain(item.message))

    return dataclasses.replace(
        run,
        reports=[report(r) for r in run.reports],
        problems=[problem(p) for p in run.problems],
        files=[plain(f) for f in run.files],
    )
