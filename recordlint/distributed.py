"""Checking cases on a Dask distributed cluster (the `recordlint[dask]` extra).

The same per-case map as `--jobs`, with the chunks of cases sent to the cluster's workers
instead of local processes (`DaskRunner`, a runner like `runners.ProcessRunner`): each task is
`worker.check_chunk(config, cases)`, which builds the
rules and NLP pipeline once per worker process. Only a bounded number of chunks is in flight at
once, so a large export is read only as fast as the workers check it, and results come back
strictly in the chunks' order, so the report is the same as a local run's.

Every worker needs the same recordlint version, with the same rule packs at the same paths;
`distributed` is imported only here, only when a scheduler is given.
"""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from typing import Any

from recordlint import __version__
from recordlint.checking import without_record
from recordlint.config import Config
from recordlint.errors import RecordlintError
from recordlint.model import Case, CaseReport
from recordlint.rulebook.loader import load_rulebook
from recordlint.runners import Checked, Work
from recordlint.worker import CASES_PER_TASK, CaseResult, check_chunk

#: chunks in flight per worker thread: enough to keep every worker busy while results are
#: collected in order, few enough that the chunks waiting here and on the cluster stay bounded
TASKS_PER_THREAD = 4

_INSTALL = 'pip install "recordlint[dask]"'


class DaskRunner:
    """Check a run's cases on the Dask cluster at `scheduler` (files are read here)."""

    def __init__(self, scheduler: str) -> None:
        self.scheduler = scheduler

    @contextlib.contextmanager
    def open(self, config: Config) -> Iterator[Callable[..., Iterable]]:
        yield map

    def check(self, work: Work) -> Iterator[Checked]:
        """Cases go to the cluster's workers in chunks (the workers build the rules from the
        config); each chunk's results come back in order and are paired with the chunk, which
        waits here meanwhile."""
        sent: deque[list[Case]] = deque()

        def chunks() -> Iterator[list[Case]]:
            linked = work.inputs.linked
            for i in range(0, len(linked), CASES_PER_TASK):
                chunk = list(work.inputs.cases(linked[i : i + CASES_PER_TASK]))
                sent.append(chunk)
                yield chunk

        for results in check_on_cluster(chunks(), work.config, self.scheduler):
            chunk = sent.popleft()
            for case, (findings, checks, problems) in zip(chunk, results, strict=True):
                report = CaseReport(case=case, findings=findings, checks=checks)
                yield (report if work.keep_cases else without_record(report)), problems


class ClusterError(RecordlintError, RuntimeError):
    """The cluster cannot be used: the extra is not installed, the scheduler cannot be reached,
    or its workers cannot run this recordlint."""


def check_on_cluster(
    chunks: Iterable[Sequence[Case]], config: Config, scheduler: str
) -> Iterator[list[CaseResult]]:
    """Check each chunk of cases on the Dask cluster at `scheduler` and yield each chunk's
    results in the chunks' order. Raises `ClusterError` for a setup problem; a task that fails
    on a worker raises its exception here."""
    try:
        import dask.config
        import distributed
        from dask.utils import parse_timedelta
    except ImportError as exc:
        raise ClusterError(f"a Dask cluster needs the dask extra: {_INSTALL} ({exc})") from None
    # Dask's own setting (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT), 30 s unless changed
    timeout = parse_timedelta(dask.config.get("distributed.comm.timeouts.connect"))
    client = _connect(distributed, scheduler, timeout)
    pending: deque[Any] = deque()
    try:
        _check_workers(client, config, scheduler, timeout)
        limit = max(2, TASKS_PER_THREAD * sum(client.nthreads().values()))
        # The config goes with every task rather than scattered once: it is a few hundred bytes,
        # and scattered data is lost for good with the workers holding it, where a task whose
        # worker dies is simply run again on another.
        run = uuid.uuid4().hex
        for number, chunk in enumerate(chunks):
            if len(pending) >= limit:
                yield _result(pending.popleft(), scheduler)
            pending.append(
                client.submit(
                    _check_chunk_serially,
                    config,
                    list(chunk),
                    key=f"recordlint-check-{run}-{number}",
                )
            )
        while pending:
            yield _result(pending.popleft(), scheduler)
    finally:
        try:
            if pending:
                client.cancel(list(pending))
        finally:
            client.close()


def _result(future: Any, scheduler: str) -> list[CaseResult]:
    """A task's results; its own exception if it failed, a ClusterError if the cluster dropped it
    (the scheduler went away, or the task was cancelled there)."""
    try:
        return future.result()
    except CancelledError as exc:
        raise ClusterError(
            f"the Dask cluster at {scheduler} stopped the run ({_one_line(exc)})"
        ) from None


def _connect(distributed: Any, scheduler: str, timeout: float) -> Any:
    from distributed.comm import parse_address
    from distributed.comm.registry import get_backend

    if not scheduler.strip():
        raise ClusterError("--scheduler needs an address such as tcp://host:8786")
    try:
        # checked first: a bad scheme would otherwise leave a half-built client behind
        get_backend(parse_address(scheduler)[0])
    except ValueError as exc:
        raise ClusterError(
            f"{scheduler}: not a Dask scheduler address ({_one_line(exc)})"
        ) from None
    try:
        return distributed.Client(scheduler, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"cannot connect to the Dask scheduler at {scheduler} ({_one_line(exc)})"
        ) from None


def _check_workers(client: Any, config: Config, scheduler: str, timeout: float) -> None:
    """Fail early, with one line, when no worker is there or a worker would check with other
    rules than this machine (another recordlint version, other packs): its report would differ."""
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError):
        raise ClusterError(
            f"the Dask scheduler at {scheduler} has no workers (none joined in {timeout:g} s)"
        ) from None
    here = _rules_signature(config)
    try:
        theirs = client.run(_rules_signature, config)
    except Exception as exc:
        raise ClusterError(
            f"the workers of {scheduler} cannot load recordlint's rules "
            f"({type(exc).__name__}: {_one_line(exc)}); every worker needs recordlint "
            f"{__version__} with the same rule packs at the same paths"
        ) from None
    for worker, signature in sorted(theirs.items()):
        if signature == here:
            continue
        if signature[0] != here[0]:
            raise ClusterError(f"worker {worker} runs recordlint {signature[0]}, not {here[0]}")
        missing = sorted(set(here[1]) - set(signature[1]))
        extra = sorted(set(signature[1]) - set(here[1]))
        raise ClusterError(
            f"worker {worker} loads other rules than this machine ("
            + "; ".join(
                f"{label}: {', '.join(items)}"
                for label, items in (("lacks", missing), ("adds", extra))
                if items
            )
            + ")"
        )


def _rules_signature(config: Config) -> tuple[str, tuple[str, ...]]:
    """This process's recordlint version, and every pack (with its version) and rule code that
    `config` loads here."""
    book = load_rulebook(config.rule_paths)
    packs = [f"pack {p.name} {p.version}" for p in book.packs]
    return __version__, tuple(sorted([*packs, *book.rules]))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


_ONE_AT_A_TIME = threading.Lock()


def _check_chunk_serially(config: Config, cases: Sequence[Case]) -> list[CaseResult]:
    """`check_chunk` on a worker, one task at a time per process: a worker keeps one set of
    rules and one pipeline per process, which threads must not build or use at once (a worker
    started without `--nthreads 1` is still correct, only no faster)."""
    with _ONE_AT_A_TIME:
        return check_chunk(config, cases)
