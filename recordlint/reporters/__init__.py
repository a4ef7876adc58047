"""Report formats: each a view of the same run (reports per case, problems, summary).

A reporter is a function `(run, summary, stream)` registered under a format name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from recordlint.engine import LintRun
from recordlint.reporters.json_report import write_json
from recordlint.reporters.text import write_text
from recordlint.summary import Summary

Reporter = Callable[[LintRun, Summary, TextIO], None]

REPORTERS: dict[str, Reporter] = {"text": write_text, "json": write_json}
