"""A sweep: a check stored in the history, compared with the previous sweep, with waivers applied.

Findings are keyed on case, rule and a fingerprint of their evidence *text* (quotes, fields and
values, never file rows or paths), so a re-ordered or re-exported file does not make everything
new. Against the previous sweep each finding is new or persisting, and what disappeared is
resolved. Waived findings are still reported, marked waived with their reason.

A sweep is one transaction, taken under a lock (SQLite: BEGIN IMMEDIATE, so a second writer
waits, then fails clearly; PostgreSQL: a transaction advisory lock): killed half way, the history
is as it was; two at once do not interleave.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, insert, select, text
from sqlalchemy.exc import OperationalError

from recordlint import __version__
from recordlint.config import Config
from recordlint.engine import lint
from recordlint.history.schema import HistoryError, case_status, findings, migrate, sweeps
from recordlint.history.waivers import Waiver, WaiverMatch, match_waivers
from recordlint.model import Finding
from recordlint.results import LintRun

_LOCK_KEY = 7_420_117  # an arbitrary constant: recordlint's PostgreSQL advisory lock


@dataclass(frozen=True)
class Keyed:
    """A finding with the key it is compared on across sweeps."""

    case_id: str
    rule: str
    fingerprint: str
    finding: Finding | None  # None for a resolved finding known only from the history
    message: str


@dataclass
class SweepResult:
    sweep_id: int
    previous_id: int | None
    run: LintRun
    new: list[Keyed] = field(default_factory=list)
    persisting: list[Keyed] = field(default_factory=list)
    resolved: list[Keyed] = field(default_factory=list)
    waived: dict[tuple[str, str, str], Waiver] = field(default_factory=dict)
    expired: list[WaiverMatch] = field(default_factory=list)
    stale: list[Waiver] = field(default_factory=list)

    def is_waived(self, item: Keyed) -> bool:
        return (item.case_id, item.rule, item.fingerprint) in self.waived


def fingerprint(finding: Finding) -> str:
    """What a finding says and quotes, without where: the same gap in a re-ordered export has
    the same fingerprint."""
    parts = [finding.case_id, finding.rule]
    for evidence in finding.evidence:
        parts.append(
            "|".join(
                " ".join(str(x).split())
                for x in (evidence.field, evidence.value, evidence.quote)
                if x is not None
            )
        )
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


def open_history(url: str) -> Engine:
    """An engine for the history at `url` (a plain file path means a SQLite file)."""
    if "://" not in url:
        url = f"sqlite:///{Path(url)}"
    engine = create_engine(url, connect_args={"timeout": 30} if url.startswith("sqlite") else {})
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _no_pysqlite_transactions(dbapi_connection, _record):
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves

        @event.listens_for(engine, "begin")
        def _begin_immediate(connection):
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # take the write lock at once

    return engine


def _lock(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def run_sweep(
    paths: Sequence[str | Path],
    history: str,
    config: Config | None = None,
    *,
    waivers: Sequence[Waiver] = (),
    label: str | None = None,
    now: dt.datetime | None = None,
) -> SweepResult:
    """Lint `paths`, store the run in `history`, and compare it with the previous sweep."""
    config = config or Config()
    started = now or dt.datetime.now()
    run = lint(paths, config)
    current = _keyed(run)
    engine = open_history(history)
    try:
        with engine.begin() as connection:
            _lock(connection)
            migrate(connection)
            previous_id = connection.execute(select(func.max(sweeps.c.id))).scalar()
            before = _previous(connection, previous_id)
            result = _compare(run, current, before, previous_id)
            matched = match_waivers(waivers, current, started.date())
            result.waived = matched.active
            result.expired = matched.expired
            result.stale = matched.stale
            result.sweep_id = _store(connection, run, config, result, paths, started, label)
    except OperationalError as exc:
        if "locked" in str(exc).lower():
            raise HistoryError(
                f"{history}: another sweep is writing this history; try again when it ends"
            ) from None
        raise HistoryError(f"{history}: {str(exc.orig).strip() or exc}") from None
    finally:
        engine.dispose()
    return result


def _keyed(run: LintRun) -> list[Keyed]:
    return [
        Keyed(f.case_id, f.rule, fingerprint(f), f, f.message)
        for report in run.reports
        for f in report.findings
    ]


def _previous(connection: Connection, sweep_id: int | None) -> dict[tuple, str]:
    if sweep_id is None:
        return {}
    rows = connection.execute(
        select(
            findings.c.case_id, findings.c.rule, findings.c.fingerprint, findings.c.message
        ).where(findings.c.sweep_id == sweep_id)
    )
    return {(r.case_id, r.rule, r.fingerprint): r.message for r in rows}


def _compare(
    run: LintRun, current: list[Keyed], before: dict[tuple, str], previous_id: int | None
) -> SweepResult:
    result = SweepResult(sweep_id=0, previous_id=previous_id, run=run)
    now_keys = set()
    for item in current:
        key = (item.case_id, item.rule, item.fingerprint)
        now_keys.add(key)
        (result.persisting if key in before else result.new).append(item)
    result.resolved = [
        Keyed(case_id, rule, fp, None, message)
        for (case_id, rule, fp), message in sorted(before.items())
        if (case_id, rule, fp) not in now_keys
    ]
    return result


def _store(
    connection: Connection,
    run: LintRun,
    config: Config,
    result: SweepResult,
    paths: Iterable[str | Path],
    started: dt.datetime,
    label: str | None,
) -> int:
    sweep_id = connection.execute(
        insert(sweeps).returning(sweeps.c.id),
        {
            "started_at": started,
            "finished_at": dt.datetime.now(),
            "tool_version": __version__,
            "rules_hash": _rules_hash(run),
            "config": json.dumps(_config_dict(config), sort_keys=True, default=str),
            "inputs": json.dumps(_input_hashes(run.files or [str(p) for p in paths])),
            "cases": len(run.reports),
            "findings": sum(len(r.findings) for r in run.reports),
            "label": label,
        },
    ).scalar_one()
    recommendations = {rule.code: rule.recommendation or "other" for rule in run.rules}
    statuses = [
        {
            "sweep_id": sweep_id,
            "case_id": report.case_id,
            "rule": code,
            "recommendation": recommendations.get(code, "other"),
            "status": check.status.value,
            "score": report.score,
        }
        for report in run.reports
        for code, check in report.checks.items()
    ]
    if statuses:
        connection.execute(insert(case_status), statuses)
    rows = []
    for change, items in (("new", result.new), ("persisting", result.persisting)):
        for item in items:
            waiver = result.waived.get((item.case_id, item.rule, item.fingerprint))
            rows.append(
                {
                    "sweep_id": sweep_id,
                    "case_id": item.case_id,
                    "rule": item.rule,
                    "fingerprint": item.fingerprint,
                    "severity": item.finding.severity.label,
                    "message": item.message,
                    "evidence": json.dumps(
                        [
                            {k: v for k, v in vars(e).items() if k != "date"}
                            for e in item.finding.evidence
                        ],
                        default=str,
                    ),
                    "change": change,
                    "waived": waiver is not None,
                    "waiver_reason": waiver.reason if waiver else None,
                }
            )
    if rows:
        connection.execute(insert(findings), rows)
    return sweep_id


def _rules_hash(run: LintRun) -> str:
    described = [
        (r.code, r.name, r.severity.label, json.dumps(dict(r.options), sort_keys=True, default=str))
        for r in run.rules
    ]
    return hashlib.sha256(json.dumps(described).encode()).hexdigest()


def _config_dict(config: Config) -> dict:
    return {
        "select": list(config.select),
        "ignore": list(config.ignore),
        "fail_on": config.fail_on.label if config.fail_on else "never",
        "source": config.source,
        "rules": {code: dict(settings) for code, settings in config.rule_settings.items()},
    }


def _input_hashes(files: Iterable[str]) -> dict[str, str]:
    hashes = {}
    for name in files:
        path = Path(name)
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
            hashes[str(path)] = digest.hexdigest()
    return hashes
