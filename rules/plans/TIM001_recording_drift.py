"""TIM001 recording-drift: the case is open and two consecutive entries are more than the
configured days apart."""

from __future__ import annotations

from itertools import pairwise

from recordlint.api import Evidence, Violation, not_applicable, not_evaluated, rule


@rule(
    code="TIM001",
    name="recording-drift",
    severity="warning",
    recommendation="6c",
    reference="Audit finding: in some cases drift and delay was identified",
    message="{count} gap(s) of more than {days} days with no entry while the case was open; the "
    "longest is {longest} days, from {start} to {end}.",
    options={"days": 28},
    why="""
        The audit found drift and delay: open cases where nothing was recorded for weeks, so
        nobody could tell whether the plan was being followed or the child had been seen. A gap
        after the case was recorded as closed does not count.
    """,
    advice="""
        Record every contact, visit and decision as it happens; if the plan is paused, record why
        and until when, and if the case should close, close it with a recorded decision.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case, text, options):
    dated = sorted((n for n in case.notes if n.date), key=lambda n: n.date)
    if len(dated) < 2:
        return not_evaluated("fewer than two dated entries")
    closures = {m.note.note_id for m in text.mentions("case_closure", experiencer=None)}
    reopenings = {
        m.note.note_id
        for m in text.mentions("referral", "front_door_contact", experiencer=None)
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
