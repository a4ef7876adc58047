"""Reading a gold file: `input,case_id,rule,expected,why`, one row per case and rule.

`expected` is `fail` or `clear` (clear covers both a pass and a precondition that does not
hold: what a reader of the record would say, not how recordlint would get there). A mistake in
the file is one line naming the file and its row, as for any other input.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from recordlint.errors import RecordlintError

#: the 25 codes of the rule contract (rules.md): a full gold corpus judges every one per case
CONTRACT_RULES = (
    *("DEM001", "DEM002", "DEM003", "DEM004", "DEM005"),
    *("REF001", "REF002", "ACT001", "DIV001", "DIV002"),
    *("RSK001", "RSK002", "RSK003", "RSK004", "RSK005"),
    *("MTG001", "MTG002", "PLN001", "PLN002", "PLN003"),
    *("PLN004", "VOC001", "PLN005", "COM001", "TIM001"),
)
#: the six rules the audit's first recommendations rest on, figured apart in every evaluation
CORE_RULES = ("DEM001", "DEM002", "DEM003", "DEM004", "REF001", "DIV001")

COLUMNS = ("input", "case_id", "rule", "expected", "why")
EXPECTED = ("fail", "clear")
_CODE = re.compile(r"^[A-Z]{2,5}\d{3}$")


class GoldError(RecordlintError, ValueError):
    """The gold file cannot be used: unreadable, a missing column, or a bad row."""


@dataclass(frozen=True)
class GoldLabel:
    """One judgement: this rule, on this case, should fail or be clear."""

    input: str
    case_id: str
    rule: str
    fails: bool
    why: str
    row: int

    @property
    def case_key(self) -> tuple[str, str]:
        return (self.input, self.case_id)


def load_gold(path: Path) -> list[GoldLabel]:
    """Every row of the gold file at `path`, checked; raises `GoldError` naming the row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot read the gold file ({exc})") from None
    reader = csv.DictReader(text.splitlines())
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS[:4] if name not in header]
    if missing:
        raise GoldError(f"{path}: the gold file has no column {', '.join(missing)} (row 1)")
    reader.fieldnames = header
    labels: list[GoldLabel] = []
    seen: dict[tuple[str, str, str], int] = {}
    for row_number, row in enumerate(reader, start=2):
        label = _label(path, row, row_number)
        if label is None:
            continue
        key = (label.input, label.case_id, label.rule)
        if key in seen:
            raise GoldError(
                f"{path}, row {row_number}: {label.rule} for case {label.case_id} is judged "
                f"already in row {seen[key]}"
            )
        seen[key] = row_number
        labels.append(label)
    if not labels:
        raise GoldError(f"{path}: the gold file has no judgements")
    return labels


def _label(path: Path, row: dict[str, str | None], number: int) -> GoldLabel | None:
    values = {name: (row.get(name) or "").strip() for name in COLUMNS}
    if not any(values.values()):
        return None  # a blank line
    for name in COLUMNS[:4]:
        if not values[name]:
            raise GoldError(f"{path}, row {number}: no {name}")
    rule = values["rule"].upper()
    if not _CODE.match(rule):
        raise GoldError(f"{path}, row {number}: {values['rule']!r} is not a rule code")
    expected = values["expected"].lower()
    if expected not in EXPECTED:
        raise GoldError(
            f"{path}, row {number}: expected is {values['expected']!r}; write fail or clear"
        )
    return GoldLabel(
        input=values["input"],
        case_id=values["case_id"],
        rule=rule,
        fails=expected == "fail",
        why=values["why"],
        row=number,
    )
