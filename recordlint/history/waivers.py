"""Waivers: accepted exceptions, each with a reason, who accepted it, and when it expires.

A waivers file is CSV (`case_id,rule,reason,accepted_by,expires`) or YAML (a list of mappings
with the same keys; an optional `fingerprint` pins one finding). A waived finding is still
reported, as waived; a waiver past its expiry stops applying and is reported as expired; a waiver
that matched no finding is reported as stale, so the file does not quietly rot.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from recordlint.history.errors import WaiverError
from recordlint.readers.dates import DateError, parse_date

_KEYS = {"case_id", "rule", "reason", "accepted_by", "expires", "fingerprint"}


@dataclass(frozen=True)
class Waiver:
    case_id: str
    rule: str
    reason: str
    accepted_by: str = ""
    expires: dt.date | None = None
    fingerprint: str | None = None
    where: str = ""

    def covers(self, case_id: str, rule: str, fingerprint: str) -> bool:
        return (
            self.case_id == case_id
            and self.rule == rule
            and (self.fingerprint is None or self.fingerprint == fingerprint)
        )


@dataclass
class WaiverMatch:
    active: dict[tuple[str, str, str], Waiver] = field(default_factory=dict)
    expired: list[tuple[Waiver, Any]] = field(default_factory=list)
    stale: list[Waiver] = field(default_factory=list)


def load_waivers(path: str | Path) -> list[Waiver]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise WaiverError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise WaiverError(f"{path}: not UTF-8 text; save the waivers file as UTF-8") from None
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            # every value as written: a case id 0123 stays "0123", not the number 83
            data = yaml.load(text, Loader=yaml.BaseLoader) or []
        except yaml.YAMLError as exc:
            raise WaiverError(f"{path}: invalid YAML ({exc})") from None
        if not isinstance(data, list):
            raise WaiverError(f"{path}: expected a list of waivers")
        rows = [(f"{path}, waiver {n}", row) for n, row in enumerate(data, start=1)]
    else:
        reader = csv.DictReader(text.splitlines())
        rows = [(f"{path}, row {n}", row) for n, row in enumerate(reader, start=2)]
    return [_waiver(row, where) for where, row in rows]


def _waiver(row: Any, where: str) -> Waiver:
    if not isinstance(row, dict):
        raise WaiverError(f"{where}: expected case_id, rule, reason, accepted_by, expires")
    unknown = set(row) - _KEYS - {None}
    if unknown:
        raise WaiverError(f"{where}: unknown column {sorted(map(str, unknown))[0]!r}")
    values = {k: str(v).strip() for k, v in row.items() if k and v is not None}
    for required in ("case_id", "rule", "reason"):
        if not values.get(required):
            raise WaiverError(f"{where}: a waiver needs a {required}")
    expires = None
    if values.get("expires"):
        try:
            parsed = parse_date(values["expires"])
        except DateError as exc:
            raise WaiverError(f"{where}: expires: {exc}") from None
        expires = parsed.date() if parsed else None
    return Waiver(
        case_id=values["case_id"],
        rule=values["rule"].upper(),
        reason=values["reason"],
        accepted_by=values.get("accepted_by", ""),
        expires=expires,
        fingerprint=values.get("fingerprint") or None,
        where=where,
    )


def match_waivers(waivers: Sequence[Waiver], items: Iterable[Any], today: dt.date) -> WaiverMatch:
    """Apply waivers to keyed findings (anything with case_id, rule and fingerprint)."""
    result = WaiverMatch()
    used: set[int] = set()
    for item in items:
        covering = [
            (index, w)
            for index, w in enumerate(waivers)
            if w.covers(item.case_id, item.rule, item.fingerprint)
        ]
        used.update(index for index, _ in covering)
        in_force = [w for _, w in covering if w.expires is None or w.expires >= today]
        if in_force:  # a renewed waiver wins over the expired row it replaced
            result.active[(item.case_id, item.rule, item.fingerprint)] = in_force[0]
        elif covering:
            result.expired.append((covering[0][1], item))
    result.stale = [w for i, w in enumerate(waivers) if i not in used]
    return result
