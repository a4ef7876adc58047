"""The work behind each command of the command line, as plain functions of typed options.

`cli.py` only declares the commands and their options and hands them here; these functions
build the config once (`config_from_options`), run the library, write what it gives and return
the exit status. Every mistake a user can make is a `RecordlintError`, turned into one line and
an exit status by `guarded`, in one place; a crash is one line and status 3, a traceback only
with --debug.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from recordlint.config import Config, load_config, parse_fail_on, split_codes
from recordlint.errors import RecordlintError, UsageError
from recordlint.reporters.text import printable
from recordlint.summary import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL

#: the shell's status for a program stopped by Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130


def say(message: str) -> None:
    """One line to standard error, as every message of recordlint's is."""
    click.echo(f"recordlint: {printable(message)}", err=True)


def guarded(command: Callable[[], int], debug: bool) -> int:
    """Run a command and give its exit status: a `RecordlintError` is its one line and its
    status, Ctrl-C (or SIGTERM, SIGHUP) status 130, a crash one line and status 3."""
    try:
        with _stopped_like_ctrl_c():
            return command()
    except BrokenPipeError:
        # the reader went away (`recordlint explain X | head`): nothing to report
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except RecordlintError as exc:
        if debug:
            raise
        say(str(exc))
        return exc.exit_status
    except KeyboardInterrupt:
        if debug:
            raise
        # the run's temporary files went as the stack unwound; a half-made report is never put
        say("interrupted: no report written")
        return EXIT_INTERRUPTED
    except Exception as exc:
        if debug:
            raise
        say(f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
        return EXIT_INTERNAL


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextmanager
def _stopped_like_ctrl_c() -> Iterator[None]:
    """`timeout`, a service manager's stop (SIGTERM) or a closed terminal (SIGHUP) end a run as
    Ctrl-C does: its temporary files removed, no report half written."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers belong to the main thread (a test runner's worker, say)
        return
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def config_from_options(
    config_path: Path | None,
    rule_dirs: Sequence[Path] = (),
    debug: bool = False,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str | None = None,
) -> Config:
    """The run's config: the config file's (given, or the nearest), the command line's options
    over it. The one place any command builds its config."""
    config = load_config(config_path)
    config = config.with_overrides(
        select=tuple(split_codes(select)) or None,
        ignore=tuple(split_codes(ignore)) or None,
        rule_paths=config.rule_paths + tuple(rule_dirs),
        debug=debug,
    )
    return replace(config, fail_on=parse_fail_on(fail_on)) if fail_on is not None else config


def write_output(content: str, output: Path | None, what: str) -> None:
    """`content` to standard output, or to `output` (whole or not at all), said on stderr."""
    if output is None:
        sys.stdout.write(content)
        return
    from recordlint.reporters.writing import write_file

    try:
        write_file(output, content)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the {what} ({exc.strerror or exc})") from None
    say(f"{what} written to {output}")


def check(paths: Sequence[Path], config: Config, fmt: str, output: Path | None, *, redact: bool,
          quiet: bool, jobs: int, scheduler: str | None) -> int:  # fmt: skip
    from recordlint.engine import lint
    from recordlint.reporters import FILE_FORMATS, write_report
    from recordlint.reporters.progress import progress_bar
    from recordlint.summary import summarise

    if scheduler is not None and jobs > 1:
        raise UsageError("--scheduler and -j/--jobs cannot be used together (give one)")
    if output is not None and any(_same_file(output, p) for p in paths):
        raise UsageError(f"{output}: refusing to write the report over an input")
    if fmt in FILE_FORMATS and output is None:
        raise UsageError(f"-f {fmt} writes a {'folder' if fmt == 'html' else 'file'}: give -o")
    runner = None
    if scheduler is not None:
        from recordlint.distributed import DaskRunner

        runner = DaskRunner(scheduler)
    with progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        # the HTML and Excel reports show each case's record; the others only its findings
        keep = redact or fmt in ("html", "xlsx")
        run = lint(paths, config, progress=progress, jobs=jobs, runner=runner, keep_cases=keep)
    summary = summarise(run, config.fail_on)
    for problem in run.problems:
        say(str(problem))
    try:
        write_report(run, summary, fmt, output, stream=sys.stdout, redact=redact)
    except BrokenPipeError:
        raise  # the reader of standard output went away (`| head`): handled as for every command
    except OSError as exc:
        raise UsageError(f"{output}: cannot write the report ({exc.strerror or exc})") from None
    if output is not None:
        say(f"report written to {output}")
    return summary.exit_code


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def sweep(paths: Sequence[Path], config: Config, history_url: str, waivers: Path | None,
          label: str | None, fail_on_new: bool, fmt: str) -> int:  # fmt: skip
    from recordlint.history.report import sweep_exit_code, write_sweep_json, write_sweep_text
    from recordlint.history.sweep import run_sweep
    from recordlint.history.waivers import load_waivers

    accepted = load_waivers(waivers) if waivers else []
    result = run_sweep(paths, history_url, config, waivers=accepted, label=label)
    for problem in result.run.problems:
        say(str(problem))
    (write_sweep_json if fmt == "json" else write_sweep_text)(result, sys.stdout)
    return sweep_exit_code(result, config.fail_on, fail_on_new)


def history(history_url: str, fmt: str, output: Path | None) -> int:
    from recordlint.history.report import trends_in
    from recordlint.history.sweep import open_history

    if "://" not in history_url and not Path(history_url).is_file():
        raise UsageError(f"{history_url}: no history here yet (run `recordlint sweep` first)")
    engine = open_history(history_url)
    try:
        write_output(trends_in(engine, fmt), output, "history")
    finally:
        engine.dispose()
    return 0


def serve(config: Config, host: str, port: int, token: str | None, max_upload_mb: int,
          behind_tls: bool) -> int:  # fmt: skip
    try:
        from recordlint.web.serving import run_server
    except ImportError as exc:
        raise UsageError(
            f"recordlint serve needs pip install 'recordlint[serve]' ({exc})"
        ) from None
    run_server(host, port, token, config, max_upload_mb=max_upload_mb, https=behind_tls)
    return 0


def evaluate(gold: Path, base: Path | None, config: Config, fmt: str, output: Path | None,
             min_f1: float | None, figures_only: bool, jobs: int) -> int:  # fmt: skip
    from recordlint.evaluation.compare import evaluate_gold
    from recordlint.evaluation.render import render

    result = evaluate_gold(gold, base, config, jobs=jobs)
    for problem in result.problems:
        say(str(problem))
    write_output(render(result, fmt, figures_only=figures_only), output, "evaluation")
    f1 = result.overall.micro.f1
    if any(p.kind == "internal" for p in result.problems):
        return EXIT_INTERNAL
    if any(p.kind == "input" for p in result.problems):
        return EXIT_INPUT
    if min_f1 is not None and (f1 is None or f1 < min_f1):
        shown = "-" if f1 is None else f"{f1:.3f}"
        say(f"micro F1 {shown} is below --min-f1 {min_f1}")
        return EXIT_FINDINGS
    return 0


def list_rules(config: Config) -> int:
    from recordlint.rulebook.loader import load_rulebook

    book = load_rulebook(config.rule_paths)
    for warning in book.warnings:
        say(warning)
    for code, rule in sorted(book.rules.items()):
        click.echo(f"{code}  {rule.name:<34} {rule.severity.label:<8} {rule.pack}")
    return 0


def explain(code: str, config: Config) -> int:
    from recordlint.reporters.explain import explain_text
    from recordlint.rulebook.loader import load_rulebook

    rule = load_rulebook(config.rule_paths).rules.get(code.upper())
    if rule is None:
        raise UsageError(f"no rule has code {code!r} (see `recordlint rules`)")
    click.echo(explain_text(rule, styled=sys.stdout.isatty()), nl=False)
    return 0


def test(packs: Sequence[Path], config: Config) -> int:
    """Run every example of the rules in `packs` (all loaded rules when none is given)."""
    from recordlint.testing import example_outcomes

    return example_outcomes(packs, config, say=click.echo)
