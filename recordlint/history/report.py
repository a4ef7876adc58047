"""What a sweep and the history say: changes since last time, waivers, and trends across sweeps."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TextIO

from markupsafe import escape
from sqlalchemy import Engine, select

from recordlint.history.schema import case_status, migrate, sweeps
from recordlint.history.sweep import SweepResult
from recordlint.model import Severity
from recordlint.reporters.cells import inert
from recordlint.reporters.text import printable
from recordlint.summary import EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL


def sweep_exit_code(result: SweepResult, fail_on: Severity | None, new_only: bool) -> int:
    """3 internal error > 2 input error > 1 an unwaived finding at or above `fail_on` (only new
    ones with `new_only`) > 0."""
    problems = result.run.problems
    if any(p.kind == "internal" for p in problems):
        return EXIT_INTERNAL
    if any(p.kind == "input" for p in problems):
        return EXIT_INPUT
    items = result.new if new_only else [*result.new, *result.persisting]
    counted = [i for i in items if not result.is_waived(i)]
    if fail_on is not None and any(i.finding.severity >= fail_on for i in counted):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def write_sweep_text(result: SweepResult, stream: TextIO) -> None:
    since = f"since sweep {result.previous_id}" if result.previous_id else "(first sweep)"
    waived = sum(result.is_waived(i) for i in [*result.new, *result.persisting])
    stream.write(
        f"sweep {result.sweep_id} {since}: {len(result.new)} new, {len(result.persisting)} "
        f"persisting, {len(result.resolved)} resolved, {waived} waived; "
        f"{len(result.run.reports)} cases\n"
    )
    for title, items in (("new", result.new), ("resolved", result.resolved)):
        for item in items:
            mark = " [waived]" if result.is_waived(item) else ""
            stream.write(f"  {title}{mark} {item.case_id} {item.rule}: {printable(item.message)}\n")
    for item in result.persisting:
        if result.is_waived(item):
            waiver = result.waived[(item.case_id, item.rule, item.fingerprint)]
            stream.write(
                f"  waived {item.case_id} {item.rule}: {printable(waiver.reason)}"
                f" (accepted by {printable(waiver.accepted_by) or 'no one named'})\n"
            )
    for waiver, _item in result.expired:
        stream.write(
            f"  expired waiver {waiver.case_id} {waiver.rule} ({waiver.where}): expired "
            f"{waiver.expires:%d/%m/%Y}, no longer applied\n"
        )
    for waiver in result.stale:
        stream.write(
            f"  stale waiver {waiver.case_id} {waiver.rule} ({waiver.where}): matched no finding\n"
        )


def sweep_dict(result: SweepResult) -> dict:
    def item(i):
        waiver = result.waived.get((i.case_id, i.rule, i.fingerprint))
        return {
            "case_id": i.case_id,
            "rule": i.rule,
            "fingerprint": i.fingerprint,
            "message": i.message,
            "waived": waiver is not None,
            "waiver_reason": waiver.reason if waiver else None,
        }

    return {
        "sweep": result.sweep_id,
        "previous": result.previous_id,
        "new": [item(i) for i in result.new],
        "persisting": [item(i) for i in result.persisting],
        "resolved": [item(i) for i in result.resolved],
        "expired_waivers": [
            {"case_id": w.case_id, "rule": w.rule, "expires": str(w.expires), "where": w.where}
            for w, _ in result.expired
        ],
        "stale_waivers": [
            {"case_id": w.case_id, "rule": w.rule, "where": w.where} for w in result.stale
        ],
    }


def write_sweep_json(result: SweepResult, stream: TextIO) -> None:
    json.dump(sweep_dict(result), stream, indent=2)
    stream.write("\n")


@dataclass(frozen=True)
class Trend:
    """Share of cases passing one rule or recommendation in each sweep (None: never applied)."""

    key: str
    passing: dict[int, float | None]


def trends(engine: Engine) -> tuple[list[dict], list[Trend], list[Trend]]:
    """The sweeps, and compliance per rule and per recommendation across them."""
    with engine.begin() as connection:
        migrate(connection)
        runs = [
            dict(r._mapping)
            for r in connection.execute(
                select(
                    sweeps.c.id, sweeps.c.started_at, sweeps.c.cases, sweeps.c.findings
                ).order_by(sweeps.c.id)
            )
        ]
        rows = connection.execute(
            select(
                case_status.c.sweep_id,
                case_status.c.rule,
                case_status.c.recommendation,
                case_status.c.status,
            )
        ).all()
    return runs, _tally(rows, "rule", runs), _tally(rows, "recommendation", runs)


def _tally(rows, key: str, runs: list[dict]) -> list[Trend]:
    counts: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for row in rows:
        if row.status in ("pass", "fail"):
            pair = counts[getattr(row, key)][row.sweep_id]
            pair[0] += row.status == "pass"
            pair[1] += 1
    return [
        Trend(
            name,
            {
                run["id"]: (per[run["id"]][0] / per[run["id"]][1])
                if per.get(run["id"]) and per[run["id"]][1]
                else None
                for run in runs
            },
        )
        for name, per in sorted(counts.items())
    ]


def write_trends_text(engine: Engine, stream: TextIO) -> None:
    runs, by_rule, by_recommendation = trends(engine)
    header = "".join(f"{'#' + str(r['id']):>7}" for r in runs)
    stream.write(f"{len(runs)} sweeps; share of cases passing\n")
    for title, rows in (("recommendation", by_recommendation), ("rule", by_rule)):
        stream.write(f"{title:<16}{header}\n")
        for trend in rows:
            cells = "".join(_percent(trend.passing.get(r["id"])).rjust(7) for r in runs)
            stream.write(f"{trend.key:<16}{cells}\n")


def trends_in(engine: Engine, fmt: str) -> str:
    """The trends in `fmt` ("text", "csv" or "html")."""
    if fmt == "csv":
        return trends_csv(engine)
    if fmt == "html":
        return trends_html(engine)
    buffer = io.StringIO()
    write_trends_text(engine, buffer)
    return buffer.getvalue()


def trends_csv(engine: Engine) -> str:
    runs, by_rule, by_recommendation = trends(engine)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["kind", "key", *[f"sweep {r['id']} ({r['started_at']:%Y-%m-%d})" for r in runs]]
    )
    for kind, rows in (("recommendation", by_recommendation), ("rule", by_rule)):
        for trend in rows:
            values = [trend.passing.get(r["id"]) for r in runs]
            writer.writerow(
                [kind, inert(trend.key), *["" if v is None else f"{v:.4f}" for v in values]]
            )
    return buffer.getvalue()


def trends_html(engine: Engine) -> str:
    """A page of line charts (inline SVG): compliance per recommendation and rule over sweeps."""
    runs, by_rule, by_recommendation = trends(engine)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
        "style-src 'unsafe-inline'\"><title>recordlint: trends</title><style>"
        "body{font:14px system-ui,sans-serif;margin:2rem}svg{background:#fff;border:1px solid #ddd}"
        "polyline{fill:none;stroke:#2f6f3e;stroke-width:2}text{font-size:11px}</style></head><body>",
        f"<h1>Compliance across {len(runs)} sweeps</h1>",
    ]
    for title, rows in (("By audit recommendation", by_recommendation), ("By rule", by_rule)):
        parts.append(f"<h2>{escape(title)}</h2>")
        for trend in rows:
            parts.append(_line(trend, runs))
    parts.append("</body></html>")
    return "".join(parts)


def _line(trend: Trend, runs: list[dict]) -> str:
    width, height = 320, 60
    points = []
    for index, run in enumerate(runs):
        value = trend.passing.get(run["id"])
        if value is None:
            continue
        x = 10 + (width - 20) * (index / max(len(runs) - 1, 1))
        y = height - 10 - (height - 20) * value
        points.append(f"{x:.1f},{y:.1f}")
    last = next(
        (
            trend.passing.get(r["id"])
            for r in reversed(runs)
            if trend.passing.get(r["id"]) is not None
        ),
        None,
    )
    return (
        f"<p>{escape(trend.key)}: {_percent(last)} at the last sweep</p>"
        f"<svg role='img' aria-label='{escape(trend.key)}' width='{width}' height='{height}'>"
        f"<polyline points='{' '.join(points)}'></polyline></svg>"
    )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"
