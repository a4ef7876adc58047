"""Kind `maximum_gap`: while the case is open, no two consecutive entries are too far apart.

TIM001 (recording drift) is this kind. Entries are the dated notes in date order; the case is
closed from a note mentioning one of `closed_by` until a note mentioning one of `reopened_by`
(a new referral or contact), and a gap while it is closed does not count. The limit is the
rule's `days` option, so a council sets its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import pairwise
from typing import Any

from recordlint.model import Evidence, Violation, not_applicable, not_evaluated
from recordlint.rulebook.kinds.registry import Spec, kind


@kind("maximum_gap", keys={"closed_by", "reopened_by"}, required={"closed_by", "reopened_by"})
def maximum_gap(data: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """Keys: `closed_by` (concepts whose note closes the case), `reopened_by` (concepts whose
    note opens it again). Option `days` (required in the rule's options): the longest gap."""
    spec = Spec(data, where)
    closing, reopening = spec.concepts("closed_by"), spec.concepts("reopened_by")

    def check(case, text, options):
        dated = sorted((n for n in case.notes if n.date), key=lambda n: n.date)
        if len(dated) < 2:
            return not_evaluated("fewer than two dated entries")
        closures = {m.note.note_id for m in text.mentions(*closing, experiencer=None)}
        reopenings = {
            m.note.note_id
            for m in text.mentions(*reopening, experiencer=None)
            if m.note.note_id not in closures
        }
        limit = int(options["days"])
        gaps = []
        closed = False
        for before, after in pairwise(dated):
            if before.note_id in closures:
                closed = True
            elif before.note_id in reopenings:
                closed = False
            if closed:
                continue  # closed until a new referral or contact reopens it
            days = (after.date.date() - before.date.date()).days
            if days > limit:
                gaps.append((days, before, after))
        if not gaps:
            if closures and all(n.note_id in closures for n in dated[:-1]):
                return not_applicable("the case was closed between entries")
            return []
        longest = max(gaps, key=lambda g: g[0])
        return [
            Violation(
                evidence=tuple(
                    Evidence(
                        source=str(b.source) if b.source else "",
                        note_id=b.note_id,
                        date=b.date,
                        trigger=f"{d} days until the next entry on {a.date:%d/%m/%Y}",
                    )
                    for d, b, a in sorted(gaps, key=lambda g: -g[0])[:3]
                ),
                details={
                    "count": str(len(gaps)),
                    "days": str(limit),
                    "longest": str(longest[0]),
                    "start": f"{longest[1].date:%d/%m/%Y}",
                    "end": f"{longest[2].date:%d/%m/%Y}",
                },
            )
        ]

    return check
