"""Cells for spreadsheets and CSV: note text must never become a formula.

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` (or a
tab or carriage return before one) as a formula, so a note reading `=HYPERLINK(...)` would run
when an auditor opens the export (OWASP "CSV injection"). Such a value gets a leading apostrophe,
which spreadsheets show as text and do not print.
"""

from __future__ import annotations

from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert(value: Any) -> Any:
    """The value, made safe to put in a spreadsheet cell."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
