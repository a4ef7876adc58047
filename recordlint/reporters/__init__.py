"""Report formats: each a view of the same run (reports per case, problems, summary).

Stream formats (text, json, csv, md) write to standard output or, with `-o`, to a file; file
formats write a workbook (xlsx) or a folder (html) and need `-o`. Files are written whole and
owner-only (`writing`); `--redact` masks personal details in every format first (`redact`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from recordlint.redact import redact_reports
from recordlint.reporters.csv_report import write_csv
from recordlint.reporters.json_report import write_json
from recordlint.reporters.markdown import write_markdown
from recordlint.reporters.text import write_text
from recordlint.reporters.writing import write_file, write_folder, writing_file
from recordlint.results import LintRun
from recordlint.summary import Summary

Reporter = Callable[[LintRun, Summary, TextIO], None]

REPORTERS: dict[str, Reporter] = {
    "text": write_text,
    "json": write_json,
    "csv": write_csv,
    "md": write_markdown,
}
FILE_FORMATS = ("xlsx", "html")
FORMATS = sorted([*REPORTERS, *FILE_FORMATS])


class ReportError(ValueError):
    """The report cannot be written as asked (a file format with no -o)."""


def write_report(
    run: LintRun,
    summary: Summary,
    fmt: str,
    output: Path | None = None,
    *,
    stream: TextIO | None = None,
    redact: bool = False,
) -> None:
    """Write the run in `fmt` to `output` (a file, or a folder for html), or to `stream`."""
    if redact:
        run = dataclasses.replace(run, reports=redact_reports(run.reports))
    if fmt in FILE_FORMATS:
        if output is None:
            raise ReportError(f"-f {fmt} writes a {'folder' if fmt == 'html' else 'file'}: give -o")
        if fmt == "xlsx":
            from recordlint.reporters.xlsx_report import workbook_bytes

            write_file(output, workbook_bytes(run, summary))
        else:
            from recordlint.reporters.html_report import write_html

            write_folder(output, lambda folder: write_html(run, summary, folder, redacted=redact))
        return
    reporter = REPORTERS[fmt]
    if output is None:
        reporter(run, summary, stream)
        return
    with writing_file(output) as handle:
        reporter(run, summary, handle)


__all__ = ["FILE_FORMATS", "FORMATS", "REPORTERS", "ReportError", "write_report"]
