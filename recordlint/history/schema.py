"""The history database: its tables, and the migrations that made them.

Any SQLAlchemy URL works (a SQLite file by default, PostgreSQL in production). The schema
version is stored in the database; each migration takes it one step, in order, inside the
caller's transaction, so a history written by an older recordlint is brought up to date and one
written by a newer recordlint is refused rather than damaged.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from recordlint.history.errors import HistoryError

metadata = MetaData()

schema_version = Table("recordlint_schema", metadata, Column("version", Integer, nullable=False))


def _sweep_columns() -> list[Column]:
    """The columns sweeps had in schema version 1 (fresh objects each call)."""
    return [
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("started_at", DateTime, nullable=False),
        Column("finished_at", DateTime, nullable=False),
        Column("tool_version", String(40), nullable=False),
        Column("rules_hash", String(64), nullable=False),
        Column("config", Text, nullable=False),  # JSON
        Column("inputs", Text, nullable=False),  # JSON: path -> sha256
        Column("cases", Integer, nullable=False),
        Column("findings", Integer, nullable=False),
    ]


sweeps = Table(
    "sweeps",
    metadata,
    *_sweep_columns(),
    Column("label", String(200), nullable=True),  # added by migration 2
)

case_status = Table(
    "case_status",
    metadata,
    Column("sweep_id", Integer, ForeignKey("sweeps.id"), nullable=False, index=True),
    Column("case_id", String(200), nullable=False),
    Column("rule", String(20), nullable=False),
    Column("recommendation", String(20), nullable=False),
    Column("status", String(20), nullable=False),
    Column("score", Float, nullable=True),
)

findings = Table(
    "findings",
    metadata,
    Column("sweep_id", Integer, ForeignKey("sweeps.id"), nullable=False, index=True),
    Column("case_id", String(200), nullable=False),
    Column("rule", String(20), nullable=False),
    Column("fingerprint", String(32), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("message", Text, nullable=False),
    Column("evidence", Text, nullable=False),  # JSON
    Column("change", String(12), nullable=False),  # new | persisting
    Column("waived", Boolean, nullable=False, default=False),
    Column("waiver_reason", Text, nullable=True),
)

LATEST = 2


def _v1(connection: Connection) -> None:
    """The first schema: sweeps, every case's rule statuses, every finding."""
    first_sweeps = Table("sweeps", MetaData(), *_sweep_columns())
    first_sweeps.create(connection)
    for table in (schema_version, case_status, findings):
        table.create(connection)


def _v2(connection: Connection) -> None:
    """Sweeps can carry a label ("weekly export 2024-03-04")."""
    connection.execute(text("ALTER TABLE sweeps ADD COLUMN label VARCHAR(200)"))


MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]


def current_version(connection: Connection) -> int:
    if not inspect(connection).has_table("recordlint_schema"):
        if inspect(connection).has_table("sweeps"):
            raise HistoryError("the database has a sweeps table but no recordlint schema version")
        return 0
    row = connection.execute(select(schema_version.c.version)).first()
    return row[0] if row else 0


def migrate(connection: Connection, upto: int = LATEST) -> int:
    """Bring the schema to `upto` (the latest by default); returns the version it was at."""
    found = current_version(connection)
    if found > LATEST:
        raise HistoryError(
            f"this history was written by a newer recordlint (schema version {found}; this "
            f"version understands up to {LATEST}): upgrade recordlint to use it"
        )
    for version in range(found + 1, upto + 1):
        MIGRATIONS[version - 1](connection)
        connection.execute(schema_version.delete())
        connection.execute(schema_version.insert().values(version=version))
    return found
