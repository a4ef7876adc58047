"""Checking cases on a Dask distributed cluster (the `recordlint[dask]` extra).

Placeholder: implemented in issue 10.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from recordlint.config import Config
from recordlint.engine import CaseResult
from recordlint.model import Case


def check_on_cluster(
    chunks: Iterable[Sequence[Case]], config: Config, scheduler: str
) -> Iterator[list[CaseResult]]:
    raise NotImplementedError
