"""How the cases of a run are checked: one after another here, or in a pool of local processes.

The engine maps "check this chunk of cases" over a runner and knows nothing of where it runs: a
runner says how files are read (`read_map`) while it is open, and checks the run's cases in
order, handing back each case's report and problems. `SerialRunner` takes the built rules and
the pipeline as they are; `ProcessRunner` (`--jobs N`) forks workers that start with both, or
rebuilds them from the config where a process cannot be forked. A Dask cluster is one more
runner (`distributed.DaskRunner`), which plugs in the same way.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from recordlint.checking import check_case, without_record
from recordlint.config import Config
from recordlint.model import CaseReport, Problem
from recordlint.readers import Inputs
from recordlint.rulebook.rule import Rule
from recordlint.worker import CASES_PER_TASK, check_stored, start_pool_worker, with_text

if TYPE_CHECKING:
    from recordlint.nlp.pipeline import Pipeline

#: one case's result as a runner hands it back
Checked = tuple[CaseReport, list[Problem]]


@dataclass(frozen=True)
class Work:
    """What a runner checks: the run's cases (`inputs`) with the built rules and pipeline;
    `keep_cases` off cuts each report's case to its id and sources."""

    inputs: Inputs
    rules: list[Rule]
    pipeline: Pipeline | None
    config: Config
    keep_cases: bool


class Runner(Protocol):
    """Where a run's cases are checked."""

    def open(self, config: Config) -> contextlib.AbstractContextManager[Callable[..., Iterable]]:
        """Start (a pool, a connection) for the run; gives the `map` that reads the files."""
        ...

    def check(self, work: Work) -> Iterator[Checked]:
        """Every case of the work checked, in order."""
        ...


class SerialRunner:
    """Every case in this process, one after another, with the rules and pipeline as built."""

    @contextlib.contextmanager
    def open(self, config: Config) -> Iterator[Callable[..., Iterable]]:
        yield map

    def check(self, work: Work) -> Iterator[Checked]:
        for case, text in with_text(work.inputs.cases(), work.pipeline):
            report, problems = check_case(case, work.rules, work.config.debug, text=text)
            yield (report if work.keep_cases else without_record(report)), problems


class ProcessRunner:
    """`jobs` local processes that read the files side by side and check chunks of cases;
    results come back in the cases' order, so the report is the serial one."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = None

    @contextlib.contextmanager
    def open(self, config: Config) -> Iterator[Callable[..., Iterable]]:
        """Processes that each build the rules and pipeline once (forked where the system can,
        so they start with the parent's pipeline already built)."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=start_pool_worker,
            initargs=(config,),
        )
        self._pool = pool
        try:
            yield pool.map
        finally:
            self._pool = None
            pool.shutdown(wait=True, cancel_futures=True)

    def check(self, work: Work) -> Iterator[Checked]:
        """Workers merge their cases from the store themselves and send back the reports (cut
        there when `keep_cases` is off), so the parent neither merges nor ships the cases."""
        if self._pool is None:
            raise RuntimeError("ProcessRunner.check outside ProcessRunner.open")
        folder = str(work.inputs.store.folder)  # on disk whenever there is a pool
        linked = work.inputs.linked
        tasks = [
            (folder, linked[i : i + CASES_PER_TASK], work.keep_cases)
            for i in range(0, len(linked), CASES_PER_TASK)
        ]
        for results in self._pool.map(check_stored, tasks):
            yield from results


def runner_for(jobs: int) -> Runner:
    """The local runner for `--jobs`."""
    return ProcessRunner(jobs) if jobs > 1 else SerialRunner()
