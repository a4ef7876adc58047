"""Statutory returns whose tables have fixed columns: the SSDA903 return of looked-after children.

The 903 tables (header, episodes, reviews, uasc, missing, OC2, OC3, ...) are keyed by `CHILD`,
the council's id for the child, and use short upper-case column names that mean something else
in any other export: `CHILD` is an id, not a name, and `MOTHER` says whether the child is a
mother, not who the child's mother is. So a table whose headers are all 903 columns is read by
the return's own layout (from `rules/vocab/columns.yaml`), not by the header variants, and its
dates are checked on every row as the return's validators would: a date that cannot be one
(31/02/2019) or one after the day of the run is a one-line problem naming the row and column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from recordlint.readers.columns import RETURN_SPECS
from recordlint.readers.dates import date_value_problem


@dataclass(frozen=True)
class ReturnLayout:
    """One return's columns: which are fields, which are dates, and which name the child."""

    name: str
    key: tuple[str, ...]
    fields: Mapping[str, str]
    columns: frozenset[str]
    shared: frozenset[str]
    dates: frozenset[str]
    future_allowed: frozenset[str]

    def field(self, column: str) -> str:
        """The canonical field of a column, or `x_<column in lower case>`."""
        return self.fields.get(column) or f"x_{column.lower()}"

    def mapping(self, headers: Iterable[str]) -> dict[str, str]:
        return {header: self.field(header.strip()) for header in headers}

    def date_problem(
        self, column: str, value: str, today: dt.date, label: str | None = None
    ) -> str | None:
        """Why a value of a date column is wrong, or None (also for a column of no date);
        `label` is how the message names the column (its header, or `<DOB>` in XML)."""
        if column not in self.dates:
            return None
        return date_value_problem(label or column, value, today, column in self.future_allowed)


@cache
def layouts() -> tuple[ReturnLayout, ...]:
    return tuple(_layout(spec) for spec in RETURN_SPECS.values())


def _layout(spec: Mapping[str, object]) -> ReturnLayout:
    tables: Mapping[str, list[str]] = spec["tables"]  # type: ignore[assignment]
    columns = {c for table in tables.values() for c in table} | set(spec["key"])  # type: ignore[arg-type]
    return ReturnLayout(
        name=str(spec["name"]),
        key=tuple(spec["key"]),  # type: ignore[arg-type]
        fields=dict(spec["fields"]),  # type: ignore[arg-type]
        columns=frozenset(columns),
        shared=frozenset(spec.get("shared") or ()),  # type: ignore[attr-defined]
        dates=frozenset(spec.get("dates") or ()),  # type: ignore[attr-defined]
        future_allowed=frozenset(spec.get("future_allowed") or ()),  # type: ignore[attr-defined]
    )


def layout_for(headers: Iterable[object]) -> ReturnLayout | None:
    """The return a table's headers are written for: every header one of its columns (as the
    guidance spells them), its key among them, and one column no other export would have."""
    written = {str(h).strip() for h in headers if str(h).strip()}
    for layout in layouts():
        if written <= layout.columns and written & set(layout.key) and written - layout.shared:
            return layout
    return None


def ssda903() -> ReturnLayout:
    """The SSDA903 layout, for its XML form."""
    return next(layout for layout in layouts() if layout.name == "SSDA903")
