"""Running the selected rules over cases.

Cases are independent, so a run is a map over cases. Each rule gets exactly the inputs it asks
for; a rule that raises on one case becomes an internal-error problem for that case and rule
(status not-evaluated) and the run goes on.
"""

from __future__ import annotations

import collections
import contextlib
import dataclasses
import signal
import string
import traceback
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recordlint.config import Config, ConfigError
from recordlint.model import (
    Case,
    CaseReport,
    Check,
    Finding,
    Problem,
    Skip,
    Status,
    Violation,
)
from recordlint.readers import Inputs, Linked, ReaderOptions, open_inputs
from recordlint.readers.store import DiskParts
from recordlint.rulebook.loader import RuleBook, load_rulebook
from recordlint.rulebook.rule import Rule
from recordlint.spool import SpooledReports
from recordlint.vocabulary import set_for_process, using

if TYPE_CHECKING:
    from recordlint.nlp.pipeline import Pipeline
    from recordlint.nlp.query import CaseText


class SelectionError(ValueError):
    """--select/--ignore named something no rule matches."""


def select_rules(
    rules: Mapping[str, Rule], select: Sequence[str] = (), ignore: Sequence[str] = ()
) -> list[Rule]:
    """Rules matching any of `select` (codes or prefixes; all when empty) and none of `ignore`."""
    for pattern in [*select, *ignore]:
        if not any(code.startswith(pattern) for code in rules):
            raise SelectionError(
                f"no rule code or prefix matches {pattern!r} (see `recordlint rules`)"
            )
    chosen = [
        rule
        for code, rule in sorted(rules.items())
        if (not select or any(code.startswith(p) for p in select))
        and not any(code.startswith(p) for p in ignore)
    ]
    return chosen


def configure_rules(rules: Iterable[Rule], config: Config) -> list[Rule]:
    """Apply per-rule severity overrides and options from config, validating option names."""
    configured = []
    for rule in rules:
        settings = dict(config.rule_settings.get(rule.code, {}))
        severity = settings.pop("severity", None)
        unknown = set(settings) - set(rule.options)
        if unknown:
            takes = ", ".join(sorted(rule.options)) or "no options"
            raise ConfigError(
                f"{config.source}: [rules.{rule.code}]: unknown option {sorted(unknown)[0]!r} "
                f"({rule.code} takes {takes})"
            )
        for name, value in settings.items():
            default = rule.options[name]
            if default is not None and type(value) is not type(default):
                raise ConfigError(
                    f"{config.source}: [rules.{rule.code}]: {name} must be "
                    f"{type(default).__name__} like {default!r}, not {value!r}"
                )
        rule = rule.replace(options={**rule.options, **settings})
        if severity is not None:
            rule = rule.replace(severity=severity)
        configured.append(rule)
    return configured


def needs_text(rules: Iterable[Rule]) -> bool:
    """Whether any rule reads notes through the NLP layer (else spaCy is never imported)."""
    return any("text" in rule.inputs for rule in rules)


class _LazyText:
    """Stands in for the case's CaseText and reads the notes only when a rule first uses it,
    so a rule that settles on structured fields never starts spaCy for a single case."""

    def __init__(self, case: Case, text: CaseText | None, vocab_folders: Sequence[str]) -> None:
        self._case = case
        self._value = text
        self._vocab_folders = vocab_folders

    def _get(self) -> CaseText:
        if self._value is None:
            from recordlint.nlp.annotate import read_case_text
            from recordlint.nlp.pipeline import get_pipeline

            self._value = read_case_text(self._case, get_pipeline(self._vocab_folders))
        return self._value

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)


def _call(rule: Rule, case: Case, options: Mapping[str, Any], text: _LazyText) -> Any:
    available = {
        "case": lambda: case,
        "fields": lambda: case.fields,
        "notes": lambda: case.notes,
        "people": lambda: case.people,
        "child": lambda: case.child,
        "options": lambda: options,
        "text": lambda: text,
    }
    return rule.check(**{name: available[name]() for name in rule.inputs})


class _Template(string.Formatter):
    """Fill a message template; a placeholder with no value stays visible instead of raising."""

    def get_value(self, key, args, kwargs):
        return kwargs.get(key, "{" + str(key) + "}")


_TEMPLATE = _Template()


def _to_finding(rule: Rule, case: Case, violation: Violation) -> Finding:
    if not isinstance(violation, Violation):
        raise TypeError(f"a rule must yield Violation objects, not {type(violation).__name__}")
    message = violation.message or _TEMPLATE.format(rule.message, **dict(violation.details))
    return Finding(
        rule=rule.code,
        name=rule.name,
        severity=violation.severity or rule.severity,
        message=message,
        case_id=case.case_id,
        evidence=violation.evidence,
        advice=rule.advice,
        reference=rule.reference,
    )


#: why a rule that reads notes was not evaluated on a case without any
NO_NOTES = "no notes to read"


def check_case(
    case: Case,
    rules: Sequence[Rule],
    debug: bool = False,
    *,
    text: CaseText | None = None,
    vocab_folders: Sequence[str] = (),
) -> tuple[CaseReport, list[Problem]]:
    """Run `rules` on one case. `text` is the case already read by the NLP layer (a batch run
    reads many cases' notes together); without it, the notes are read when a rule first asks."""
    lazy_text = _LazyText(case, text, vocab_folders)
    findings: list[Finding] = []
    checks: dict[str, Check] = {}
    problems: list[Problem] = []
    for rule in rules:
        if rule.needs_notes and not case.has_notes:
            checks[rule.code] = Check(rule.code, Status.NOT_EVALUATED, NO_NOTES)
            continue
        try:
            result = _call(rule, case, rule.options, lazy_text)
            if isinstance(result, Skip):
                checks[rule.code] = Check(rule.code, result.status, result.reason)
                continue
            new = [_to_finding(rule, case, v) for v in result or ()]
        except Exception as exc:
            detail = traceback.format_exc() if debug else f"{type(exc).__name__}: {exc}"
            problems.append(
                Problem(
                    path=case.sources[0].path if case.sources else "",
                    message=f"rule {rule.code} failed on case {case.case_id} ({detail.strip()})",
                    kind="internal",
                    case_id=case.case_id,
                    rule=rule.code,
                )
            )
            checks[rule.code] = Check(rule.code, Status.NOT_EVALUATED, "internal error in the rule")
            continue
        findings.extend(new)
        checks[rule.code] = Check(rule.code, Status.FAIL if new else Status.PASS)
    return CaseReport(case=case, findings=tuple(findings), checks=checks), problems


@dataclass
class LintRun:
    """Everything a reporter needs: the rules run, one report per case, and every problem."""

    rules: list[Rule]
    reports: list[CaseReport] | SpooledReports = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rulebook: RuleBook | None = None


def prepare_rules(config: Config, rulebook: RuleBook | None = None) -> tuple[list[Rule], RuleBook]:
    book = rulebook or load_rulebook(config.rule_paths)
    config.check_codes(book.rules)
    return configure_rules(select_rules(book.rules, config.select, config.ignore), config), book


def lint(
    paths: Iterable[str | Path],
    config: Config | None = None,
    *,
    rulebook: RuleBook | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    keep_cases: bool = True,
) -> LintRun:
    """Read the inputs, run the selected rules on every case, and collect the results.

    Raises `ConfigError`, `SelectionError` or `RuleDefinitionError` for a bad setup (before any
    input is read); never raises for bad input. `progress(done, total)` is called after each
    case, for a progress bar. `jobs` > 1 reads files and checks cases in that many processes,
    with the same result in the same order. `scheduler` (a Dask scheduler address) checks them
    on that cluster instead (the `recordlint[dask]` extra), again with the same result.
    `keep_cases=False` keeps only each case's id and sources in its report, not its notes and
    fields: enough for the JSON, text, CSV and Markdown reports, and memory then stays flat
    however large the export.
    """
    config = config or Config()
    rules, book = prepare_rules(config, rulebook)
    with using(book.vocabulary):  # every reader, rule and worker of the run reads these words
        return _lint(paths, config, rules, book, progress, jobs, scheduler, keep_cases)


def _lint(
    paths: Iterable[str | Path],
    config: Config,
    rules: list[Rule],
    book: RuleBook,
    progress: Callable[[int, int], None] | None,
    jobs: int,
    scheduler: str | None,
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
        pool = None
        if jobs > 1 and scheduler is None:
            pool = stack.enter_context(_worker_pool(config, jobs))
        inputs = stack.enter_context(
            open_inputs(paths, options, read_map=pool.map if pool else map)
        )
        run.problems, run.files = list(inputs.problems), inputs.files
        if not keep_cases and isinstance(inputs.store, DiskParts):
            run.reports = SpooledReports()  # a large run: findings wait on disk, not in memory
        total = len(inputs.linked)
        if scheduler is not None:
            results = _on_cluster(inputs, config, scheduler)
        elif pool is not None:
            results = _in_pool(pool, inputs, keep_cases)  # workers cut the record themselves
        else:
            cases = _with_text(inputs.cases(), pipeline)
            results = (check_case(case, rules, config.debug, text=text) for case, text in cases)
        # closed here, not when collected: a cluster's client or a pool's tasks end with the
        # run, also when a caller's progress callback raises
        stack.enter_context(contextlib.closing(results))
        for done, (report, problems) in enumerate(results, start=1):
            run.reports.append(report if keep_cases or pool else _without_record(report))
            run.problems.extend(problems)
            if progress is not None:
                progress(done, total)
    return run


def _without_record(report: CaseReport) -> CaseReport:
    """The report with its case cut to id, child and sources (see `lint(keep_cases=False)`)."""
    case = dataclasses.replace(report.case, people=(), fields={}, notes=())
    return dataclasses.replace(report, case=case)


#: cases per task handed to a worker: enough to batch notes through nlp.pipe, small enough to
#: keep both cores busy to the end
CASES_PER_TASK = 16
_WORKER: dict[str, Any] = {}

#: what a worker sends back for one case: findings, checks and problems
CaseResult = tuple[tuple[Finding, ...], dict[str, Check], list[Problem]]


@contextlib.contextmanager
def _worker_pool(config: Config, jobs: int) -> Iterator[Executor]:
    """Processes that each build the rules and pipeline once (forked where the system can, so
    they start with the parent's pipeline already built)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_start_pool_worker, initargs=(config,)
    )
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _in_pool(
    pool: Executor, inputs: Inputs, keep_cases: bool
) -> Iterator[tuple[CaseReport, list[Problem]]]:
    """Workers merge their cases from the store themselves and send back the reports, so the
    parent neither merges nor ships the cases; results come back in the cases' order."""
    folder = str(inputs.store.folder)  # open_inputs stores on disk whenever there is a pool
    linked = inputs.linked
    tasks = [
        (folder, linked[i : i + CASES_PER_TASK], keep_cases)
        for i in range(0, len(linked), CASES_PER_TASK)
    ]
    for results in pool.map(_check_stored, tasks):
        yield from results


def _check_stored(
    task: tuple[str, list[Linked], bool],
) -> list[tuple[CaseReport, list[Problem]]]:
    folder, linked, keep_cases = task
    store = _WORKER.get("store")
    if store is None or str(store.folder) != folder:
        store = _WORKER["store"] = DiskParts(folder)
    cases = list(Inputs(store, linked=linked).cases())
    reports = []
    for case, (findings, checks, problems) in zip(cases, _check_chunk(cases), strict=True):
        report = CaseReport(case=case, findings=findings, checks=checks)
        reports.append((report if keep_cases else _without_record(report), problems))
    return reports


def _on_cluster(
    inputs: Inputs, config: Config, scheduler: str
) -> Iterator[tuple[CaseReport, list[Problem]]]:
    """Cases go to the cluster's workers in chunks; each chunk's results come back in order
    and are paired with the chunk, which waits here meanwhile."""
    from recordlint.distributed import check_on_cluster

    sent: collections.deque[list[Case]] = collections.deque()

    def chunks() -> Iterator[list[Case]]:
        linked = inputs.linked
        for i in range(0, len(linked), CASES_PER_TASK):
            chunk = list(inputs.cases(linked[i : i + CASES_PER_TASK]))
            sent.append(chunk)
            yield chunk

    for results in check_on_cluster(chunks(), config, scheduler):
        chunk = sent.popleft()
        for case, (findings, checks, problems) in zip(chunk, results, strict=True):
            yield CaseReport(case=case, findings=findings, checks=checks), problems


def check_chunk(config: Config, cases: Sequence[Case]) -> list[CaseResult]:
    """Check `cases` in this process with `config`'s rules, building the rules and pipeline on
    first use and reusing them while the config is the same: the task a worker process runs,
    whether it belongs to `--jobs` or to a Dask cluster."""
    if _WORKER.get("config") != config:
        _start_worker(config)
    return _check_chunk(cases)


def _start_pool_worker(config: Config) -> None:
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
        for case, text in _with_text(cases, pipeline):
            report, problems = check_case(case, rules, debug=_WORKER["debug"], text=text)
            results.append((report.findings, dict(report.checks), problems))
    return results


def _with_text(
    cases: Iterable[Case], pipeline: Pipeline | None
) -> Iterable[tuple[Case, CaseText | None]]:
    if pipeline is None:
        return ((case, None) for case in cases)
    from recordlint.nlp.annotate import annotate_cases

    return annotate_cases(cases, pipeline)
