"""A run: read the inputs, check every case over a runner, collect the results.

Cases are independent, so a run is a map over cases: the engine builds the rules, the run's
vocabulary and the NLP pipeline once, then hands the cases to a runner (one after another, a
pool of processes, or a cluster) and gathers each case's report in order. Checking one case is
`checking.check_case`; the result is a `results.LintRun`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from recordlint.checking import (  # noqa: F401  (re-exported: the engine's API before the split)
    NO_NOTES,
    SelectionError,
    check_case,
    configure_rules,
    needs_text,
    prepare_rules,
    select_rules,
)
from recordlint.config import Config
from recordlint.readers import ReaderOptions, open_inputs
from recordlint.readers.store import DiskParts
from recordlint.results import LintRun
from recordlint.rulebook.loader import RuleBook
from recordlint.rulebook.rule import Rule
from recordlint.runners import Runner, Work, runner_for
from recordlint.spool import SpooledReports
from recordlint.vocabulary import using


def lint(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    rulebook: RuleBook | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    runner: Runner | None = None,
    keep_cases: bool = True,
) -> LintRun:
    """Read the inputs, run the selected rules on every case, and collect the results.

    Raises `ConfigError`, `SelectionError` or `RuleDefinitionError` for a bad setup (before any
    input is read); never raises for bad input. `progress(done, total)` is called after each
    case, for a progress bar. `jobs` > 1 reads files and checks cases in that many processes,
    with the same result in the same order; `runner` checks them elsewhere instead (a
    `distributed.DaskRunner` on a Dask cluster, the `recordlint[dask]` extra), again with the
    same result.
    `keep_cases=False` keeps only each case's id and sources in its report, not its notes and
    fields: enough for the JSON, text, CSV and Markdown reports, and memory then stays flat
    however large the export.
    """
    config = config or Config()
    rules, book = prepare_rules(config, rulebook)
    with using(book.vocabulary):  # every reader, rule and worker of the run reads these words
        return _lint(paths, config, rules, book, progress, runner or runner_for(jobs), keep_cases)


def _lint(
    paths: Iterable[str | Path],
    config: Config,
    rules: list[Rule],
    book: RuleBook,
    progress: Callable[[int, int], None] | None,
    runner: Runner,
    keep_cases: bool,
) -> LintRun:
    pipeline = None
    if needs_text(rules):
        from recordlint.nlp.pipeline import get_pipeline

        # built before any input is read, so a bad lexicon or model fails the setup, not a
        # case; worker processes forked after this share it
        pipeline = get_pipeline(book.vocab_folders, config.nlp_model, config.nlp_batch_size)
    options = ReaderOptions(
        columns=config.columns,
        max_file_bytes=config.max_file_mb * 1024 * 1024,
        max_note_chars=config.max_note_chars,
    )
    run = LintRun(rules=rules, rulebook=book)
    with contextlib.ExitStack() as stack:
        read_map = stack.enter_context(runner.open(config))
        inputs = stack.enter_context(open_inputs(paths, options, read_map=read_map))
        run.problems, run.files = list(inputs.problems), inputs.files
        if not keep_cases and isinstance(inputs.store, DiskParts):
            run.reports = SpooledReports()  # a large run: findings wait on disk, not in memory
        total = len(inputs.linked)
        results = runner.check(Work(inputs, rules, pipeline, config, keep_cases))
        # closed here, not when collected: a cluster's client or a pool's tasks end with the
        # run, also when a caller's progress callback raises
        stack.enter_context(contextlib.closing(results))
        for done, (report, problems) in enumerate(results, start=1):
            run.reports.append(report)
            run.problems.extend(problems)
            if progress is not None:
                progress(done, total)
    return run
