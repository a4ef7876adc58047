"""The work of a process that checks cases for a run: local pool workers and Dask workers.

A worker builds the rules, the vocabulary and the NLP pipeline once, from the run's config (a
rule is a function loaded from a file by path, which cannot be sent to another process, so the
config goes instead and the worker loads the same packs), then checks chunks of cases.
"""

from __future__ import annotations

import signal
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from recordlint.checking import check_case, needs_text, prepare_rules, without_record
from recordlint.config import Config
from recordlint.model import Case, CaseReport, Check, Finding, Problem
from recordlint.readers import Inputs, Linked
from recordlint.readers.store import DiskParts
from recordlint.vocabulary import set_for_process, using

if TYPE_CHECKING:
    from recordlint.nlp.pipeline import Pipeline
    from recordlint.nlp.query import CaseText


#: cases per task handed to a worker: enough to batch notes through nlp.pipe, small enough to
#: keep both cores busy to the end
CASES_PER_TASK = 16
_WORKER: dict[str, Any] = {}

#: what a worker sends back for one case: findings, checks and problems
CaseResult = tuple[tuple[Finding, ...], dict[str, Check], list[Problem]]


def check_stored(
    task: tuple[str, list[Linked], bool],
) -> list[tuple[CaseReport, list[Problem]]]:
    """A pool worker's task: merge these cases from the run's disk store itself, check them,
    and send back their reports (cut to id and sources unless the cases are kept)."""
    folder, linked, keep_cases = task
    store = _WORKER.get("store")
    if store is None or str(store.folder) != folder:
        store = _WORKER["store"] = DiskParts(folder)
    cases = list(Inputs(store, linked=linked).cases())
    reports = []
    for case, (findings, checks, problems) in zip(cases, _check_chunk(cases), strict=True):
        report = CaseReport(case=case, findings=findings, checks=checks)
        reports.append((report if keep_cases else without_record(report), problems))
    return reports


def check_chunk(config: Config, cases: Sequence[Case]) -> list[CaseResult]:
    """Check `cases` in this process with `config`'s rules, building the rules and pipeline on
    first use and reusing them while the config is the same: the task a worker process runs,
    whether it belongs to `--jobs` or to a Dask cluster."""
    if _WORKER.get("config") != config:
        _start_worker(config)
    return _check_chunk(cases)


def start_pool_worker(config: Config) -> None:
    """Ctrl-C reaches every process of the terminal's group: the parent stops the run and
    shuts the pool down, so a worker ignores it rather than dying with a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):  # the parent's handlers are for the parent
        signal.signal(sig, signal.SIG_DFL)
    _start_worker(config)


def _start_worker(config: Config) -> None:
    rules, book = prepare_rules(config)
    _WORKER["config"] = config
    _WORKER["rules"] = rules
    _WORKER["debug"] = config.debug
    _WORKER["vocabulary"] = book.vocabulary
    set_for_process(book.vocabulary)  # what a pool worker reads files with
    _WORKER["pipeline"] = None
    if needs_text(rules):
        from recordlint.nlp.pipeline import get_pipeline

        _WORKER["pipeline"] = get_pipeline(
            book.vocab_folders, config.nlp_model, config.nlp_batch_size
        )


def _check_chunk(cases: Sequence[Case]) -> list[CaseResult]:
    rules, pipeline = _WORKER["rules"], _WORKER["pipeline"]
    results = []
    with using(_WORKER["vocabulary"]):  # a Dask task runs in a thread of its own
        for case, text in with_text(cases, pipeline):
            report, problems = check_case(case, rules, debug=_WORKER["debug"], text=text)
            results.append((report.findings, dict(report.checks), problems))
    return results


def with_text(
    cases: Iterable[Case], pipeline: Pipeline | None
) -> Iterable[tuple[Case, CaseText | None]]:
    if pipeline is None:
        return ((case, None) for case in cases)
    from recordlint.nlp.annotate import annotate_cases

    return annotate_cases(cases, pipeline)
