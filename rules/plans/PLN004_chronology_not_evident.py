"""PLN004 chronology-not-evident: the case has been open for the configured days at its last
entry and no chronology is recorded as completed, updated or shared."""

from __future__ import annotations

import re

from recordlint.api import (
    DateError,
    Evidence,
    Violation,
    not_applicable,
    not_evaluated,
    parse_date,
    rule,
)

_DATE = (
    r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{1,2}-\d{1,2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})"
)
# "case opened on 01/01/2024", "Case opened: 1st January 2024", "open to social care since ..."
_OPENED = re.compile(
    rf"\b(?:case\s+)?(?:opened|open|allocated)\b[^.\n]{{0,40}}?(?:on|since|from|:)?\s*{_DATE}",
    re.IGNORECASE,
)


@rule(
    code="PLN004",
    name="chronology-not-evident",
    severity="warning",
    recommendation="6c",
    reference="Audit finding: chronologies should have been more robust and shared with partners",
    message="The case has been open {days} days (since {opened}, from {where}) and no chronology "
    "is recorded as completed, updated or shared.",
    options={"days": 90},
    why="""
        The audit found drift and delay where chronologies were not robust or shared: without
        one, the history of involvement is not seen, and patterns (repeated missing episodes,
        repeated referrals) stay hidden. Every allocated case needs a chronology, started when it
        opens and kept up to date at each significant event.
    """,
    advice="""
        Start (or update) the chronology of significant events, record that it was done, and
        share it with the partners in the core group or at the next review.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case, text, options):
    dated = [n for n in case.notes if n.date]
    if not dated:
        return not_evaluated("no dated entries")
    last = max(n.date for n in dated)
    opened, where = _open_date(case)
    days = (last.date() - opened.date()).days
    if days < int(options["days"]):
        return not_applicable(f"open {days} days at the last entry")
    if text.mentions("chronology_done", experiencer=None, uncertain=None):
        return []
    return [
        Violation(
            evidence=(Evidence(source=case.sources[0].path if case.sources else ""),),
            details={"days": str(days), "opened": f"{opened:%d/%m/%Y}", "where": where},
        )
    ]


def _open_date(case):
    for item in case.values("open_date"):
        try:
            parsed = parse_date(item.value)
        except DateError:
            continue
        if parsed:
            return parsed, "the case start field"
    for note in case.notes:
        match = _OPENED.search(note.text)
        if match:
            try:
                parsed = parse_date(re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", match.group(1)))
            except DateError:
                continue
            if parsed:
                return parsed, "a note"
    first = min(n.date for n in case.notes if n.date)
    return first, "the first entry"
