"""The command line: a thin click layer over the library, with no logic of its own.

Every error a user can cause is one line on stderr; a traceback appears only with --debug.
"""

from __future__ import annotations

import io
import os
import signal
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import wraps
from pathlib import Path
from typing import Any

import click

from recordlint import __version__
from recordlint.checking import SelectionError, select_rules
from recordlint.config import ConfigError, load_config, parse_fail_on, split_codes
from recordlint.distributed import ClusterError, DaskRunner
from recordlint.engine import lint
from recordlint.evaluation.gold import GoldError
from recordlint.evaluation.render import FORMATS as EVALUATION_FORMATS
from recordlint.history.errors import HistoryError, WaiverError
from recordlint.nlp.errors import PipelineError, VocabError
from recordlint.reporters import FILE_FORMATS, FORMATS, write_report
from recordlint.reporters.text import printable
from recordlint.rulebook.loader import load_rulebook
from recordlint.rulebook.rule import RuleDefinitionError
from recordlint.summary import EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL, summarise

_SETUP_ERRORS = (
    ConfigError,
    SelectionError,
    RuleDefinitionError,
    VocabError,
    PipelineError,
    HistoryError,
    WaiverError,
    ClusterError,
    GoldError,
)


#: the shell's status for a program stopped by Ctrl-C (128 + SIGINT)
EXIT_INTERRUPTED = 130


def _fail(message: str, code: int) -> None:
    click.echo(f"recordlint: {message}", err=True)
    sys.exit(code)


def _guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn setup errors into one line and exit 2, and crashes into one line and exit 3."""

    @wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        debug = kwargs.get("debug", False)
        try:
            with _stopped_like_ctrl_c():
                return command(*args, **kwargs)
        except BrokenPipeError:
            # the reader went away (`recordlint explain X | head`): nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except _SETUP_ERRORS as exc:
            if debug:
                raise
            _fail(str(exc), EXIT_INPUT)
        except KeyboardInterrupt:
            if debug:
                raise
            # the run's temporary files went as the stack unwound; a report half made is never
            # put in place
            _fail("interrupted: no report written", EXIT_INTERRUPTED)
        except Exception as exc:
            if debug:
                raise
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                EXIT_INTERNAL,
            )

    return run


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


rules_option = click.option(
    "--rules",
    "rule_dirs",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Extra rule pack folder (repeatable).",
)
config_option = click.option(
    "--config", "config_path", type=click.Path(path_type=Path), help="Config file to use."
)
debug_option = click.option("--debug", is_flag=True, help="Show tracebacks.")
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info", "never"]),
    help="Lowest severity that makes the exit status 1 (default warning).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="recordlint")
def main() -> None:
    """Check the quality of children's safeguarding case records."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option(
    "-f", "--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the report to FILE (a folder for -f html).",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Mask names, dates of birth, addresses, phone numbers, emails and NHS numbers.",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Check cases in this many processes (same output, in the same order).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler address such as tcp://host:8786; needs pip install recordlint[dask].",
)
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (DEM,REF001).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@fail_on_option
@config_option
@rules_option
@debug_option
@_guarded
def check(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: Path | None,
    rule_dirs: tuple[Path, ...],
    debug: bool,
    redact: bool,
    quiet: bool,
    jobs: int,
    scheduler: str | None,
) -> None:
    """Lint case records in PATHS (files or folders) and report per case.

    Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage error or unreadable
    input; 3 internal error.
    """
    if scheduler is not None and jobs > 1:
        _fail("--scheduler and -j/--jobs cannot be used together (give one)", EXIT_INPUT)
    if output is not None and any(_same_file(output, p) for p in paths):
        _fail(f"{output}: refusing to write the report over an input", EXIT_INPUT)
    config = load_config(config_path)
    config = config.with_overrides(
        select=tuple(split_codes(select)) or None,
        ignore=tuple(split_codes(ignore)) or None,
        rule_paths=config.rule_paths + rule_dirs,
        debug=debug,
    )
    if fail_on is not None:
        config = replace(config, fail_on=parse_fail_on(fail_on))
    if fmt in FILE_FORMATS and output is None:
        _fail(f"-f {fmt} writes a {'folder' if fmt == 'html' else 'file'}: give -o", EXIT_INPUT)
    with _progress_bar(enabled=not quiet and sys.stderr.isatty()) as progress:
        # the HTML and Excel reports show each case's record; the others only its findings
        keep_cases = redact or fmt in ("html", "xlsx")
        runner = DaskRunner(scheduler) if scheduler is not None else None
        run = lint(
            paths, config, progress=progress, jobs=jobs, runner=runner, keep_cases=keep_cases
        )
    summary = summarise(run, config.fail_on)
    for problem in run.problems:
        click.echo(f"recordlint: {printable(str(problem))}", err=True)
    try:
        write_report(run, summary, fmt, output, stream=sys.stdout, redact=redact)
    except BrokenPipeError:
        raise  # the reader of standard output went away (`| head`): handled as for every command
    except OSError as exc:
        _fail(f"{output}: cannot write the report ({exc.strerror or exc})", EXIT_INPUT)
    if output is not None:
        click.echo(f"recordlint: report written to {output}", err=True)
    sys.exit(summary.exit_code)


@contextmanager
def _progress_bar(enabled: bool) -> Iterator[Callable[[int, int], None] | None]:
    """Cases done, rate and time left on standard error, for a person at a terminal only."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TimeRemainingColumn,
        TransferSpeedColumn,
    )

    columns = (BarColumn(), MofNCompleteColumn(), TransferSpeedColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("cases", total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path))
@click.option(
    "--history",
    "history_url",
    default="recordlint-history.db",
    show_default=True,
    help="Where sweeps are kept: a SQLite file or any SQLAlchemy URL.",
)
@click.option("--waivers", type=click.Path(path_type=Path), help="Waivers file (CSV or YAML).")
@click.option("--label", help='A label for this sweep ("weekly 2024-03-04").')
@click.option("--fail-on-new", is_flag=True, help="Exit 1 only for new, unwaived findings.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@fail_on_option
@config_option
@rules_option
@debug_option
@_guarded
def sweep(
    paths: tuple[Path, ...],
    history_url: str,
    waivers: Path | None,
    label: str | None,
    fail_on_new: bool,
    fmt: str,
    fail_on: str | None,
    config_path: Path | None,
    rule_dirs: tuple[Path, ...],
    debug: bool,
) -> None:
    """Check PATHS, keep the run in the history, and report what is new, persisting and resolved
    since the last sweep, with waivers applied.

    Exit status as for check, counting unwaived findings (only new ones with --fail-on-new).
    """
    from recordlint.history.report import sweep_exit_code, write_sweep_json, write_sweep_text
    from recordlint.history.sweep import run_sweep
    from recordlint.history.waivers import load_waivers

    config = load_config(config_path)
    config = config.with_overrides(rule_paths=config.rule_paths + rule_dirs, debug=debug)
    if fail_on is not None:
        config = replace(config, fail_on=parse_fail_on(fail_on))
    accepted = load_waivers(waivers) if waivers else []
    result = run_sweep(paths, history_url, config, waivers=accepted, label=label)
    for problem in result.run.problems:
        click.echo(f"recordlint: {printable(str(problem))}", err=True)
    (write_sweep_json if fmt == "json" else write_sweep_text)(result, sys.stdout)
    sys.exit(sweep_exit_code(result, config.fail_on, fail_on_new))


@main.command()
@click.option(
    "--history",
    "history_url",
    default="recordlint-history.db",
    show_default=True,
    help="The sweep history: a SQLite file or any SQLAlchemy URL.",
)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "csv", "html"]), default="text")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE.")
@debug_option
@_guarded
def history(history_url: str, fmt: str, output: Path | None, debug: bool) -> None:
    """Compliance per rule and per audit recommendation across the stored sweeps."""
    from recordlint.history.report import trends_csv, trends_html, write_trends_text
    from recordlint.history.sweep import open_history
    from recordlint.reporters.writing import write_file

    if "://" not in history_url and not Path(history_url).is_file():
        _fail(f"{history_url}: no history here yet (run `recordlint sweep` first)", EXIT_INPUT)
    engine = open_history(history_url)
    try:
        if fmt == "text" and output is None:
            write_trends_text(engine, sys.stdout)
        else:
            body = {"csv": trends_csv, "html": trends_html}.get(fmt)
            if body is None:
                buffer = io.StringIO()
                write_trends_text(engine, buffer)
                content = buffer.getvalue()
            else:
                content = body(engine)
            if output is None:
                sys.stdout.write(content)
            else:
                write_file(output, content)
                click.echo(f"recordlint: written to {output}", err=True)
    finally:
        engine.dispose()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--token",
    envvar="RECORDLINT_SERVE_TOKEN",
    help="Access token every request must carry (env RECORDLINT_SERVE_TOKEN); required "
    "when --host is not a loopback address.",
)
@click.option(
    "--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 1024),
    help="Largest upload (all files of one check together).",
)  # fmt: skip
@click.option("--behind-tls", is_flag=True, help="A TLS proxy is in front: cookies are Secure.")
@rules_option
@config_option
@debug_option
@_guarded
def serve(
    host: str,
    port: int,
    token: str | None,
    max_upload_mb: int,
    behind_tls: bool,
    rule_dirs: tuple[Path, ...],
    config_path: Path | None,
    debug: bool,
) -> None:
    """Serve a page where practitioners check a record in their browser.

    It listens on 127.0.0.1 (this machine only) unless --host says otherwise; then --token is
    required, and a TLS proxy belongs in front (see the README).
    """
    try:
        from recordlint.web.serving import ServeError, run_server
    except ImportError as exc:
        _fail(f"recordlint serve needs pip install 'recordlint[serve]' ({exc})", EXIT_INPUT)

    config = load_config(config_path)
    config = config.with_overrides(rule_paths=config.rule_paths + rule_dirs, debug=debug)
    try:
        run_server(host, port, token, config, max_upload_mb=max_upload_mb, https=behind_tls)
    except ServeError as exc:
        _fail(str(exc), EXIT_INPUT)


@main.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option(
    "--base",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder the gold file's inputs are relative to (default: the gold file's folder).",
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(EVALUATION_FORMATS), default="text",
    show_default=True,
)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE.")
@click.option(
    "--min-f1",
    type=click.FloatRange(0, 1),
    help="Exit 1 when the micro F1 over all judged rules is below this.",
)
@click.option(
    "--figures-only",
    is_flag=True,
    help="Leave out the disagreements (for a blind set, before its figures are written down).",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
    help="Check cases in this many processes.",
)  # fmt: skip
@config_option
@rules_option
@debug_option
@_guarded
def evaluate(
    gold: Path,
    base: Path | None,
    fmt: str,
    output: Path | None,
    min_f1: float | None,
    figures_only: bool,
    jobs: int,
    config_path: Path | None,
    rule_dirs: tuple[Path, ...],
    debug: bool,
) -> None:
    """Compare recordlint with judgements made by hand in GOLD, a CSV of
    input,case_id,rule,expected,why (expected: fail or clear).

    Checks the inputs GOLD names and prints, per rule, TP/FP/FN/TN, precision, recall, F1 and
    Cohen's kappa, the micro and macro figures for all rules and for the core six, and every
    disagreement with recordlint's evidence and the gold reason.

    Exit status: 0; 1 when --min-f1 is given and the micro F1 is below it; 2 a bad gold file or
    unreadable input; 3 internal error.
    """
    from recordlint.evaluation.compare import evaluate_gold
    from recordlint.evaluation.render import render

    config = load_config(config_path)
    config = config.with_overrides(rule_paths=config.rule_paths + rule_dirs, debug=debug)
    result = evaluate_gold(gold, base, config, jobs=jobs)
    for problem in result.problems:
        click.echo(f"recordlint: {printable(str(problem))}", err=True)
    content = render(result, fmt, figures_only=figures_only)
    if output is None:
        sys.stdout.write(content)
    else:
        from recordlint.reporters.writing import write_file

        try:
            write_file(output, content)
        except OSError as exc:
            _fail(f"{output}: cannot write the evaluation ({exc.strerror or exc})", EXIT_INPUT)
        click.echo(f"recordlint: evaluation written to {output}", err=True)
    f1 = result.overall.micro.f1
    if any(p.kind == "internal" for p in result.problems):
        sys.exit(EXIT_INTERNAL)
    if any(p.kind == "input" for p in result.problems):
        sys.exit(EXIT_INPUT)
    if min_f1 is not None and (f1 is None or f1 < min_f1):
        click.echo(f"recordlint: micro F1 {_figure(f1)} is below --min-f1 {min_f1}", err=True)
        sys.exit(EXIT_FINDINGS)


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@main.command("rules")
@rules_option
@config_option
@debug_option
@_guarded
def list_rules(rule_dirs: tuple[Path, ...], config_path: Path | None, debug: bool) -> None:
    """List every rule: code, name, severity and pack."""
    config = load_config(config_path)
    book = load_rulebook(config.rule_paths + rule_dirs)
    for warning in book.warnings:
        click.echo(f"recordlint: {warning}", err=True)
    for code, rule in sorted(book.rules.items()):
        click.echo(f"{code}  {rule.name:<34} {rule.severity.label:<8} {rule.pack}")


@main.command()
@click.argument("code")
@rules_option
@config_option
@debug_option
@_guarded
def explain(code: str, rule_dirs: tuple[Path, ...], config_path: Path | None, debug: bool) -> None:
    """Explain one rule: why it exists, the audit reference, what to record, and examples."""
    book = load_rulebook(load_config(config_path).rule_paths + rule_dirs)
    matches = select_rules(book.rules, [code.upper()])
    rule = next((r for r in matches if r.code == code.upper()), None)
    if rule is None:
        _fail(f"no rule has code {code!r} (see `recordlint rules`)", EXIT_INPUT)
    wrap = lambda text: textwrap.fill(" ".join(text.split()), width=88)  # noqa: E731
    click.echo(
        click.style(f"{rule.code} {rule.name}", bold=True)
        + f"  ({rule.severity.label}, pack {rule.pack})"
    )
    click.echo()
    if rule.reference:
        click.echo(f"Reference: {rule.reference}\n")
    if rule.why:
        click.echo("Why:\n" + textwrap.indent(wrap(rule.why), "  ") + "\n")
    if rule.advice:
        click.echo("What to record:\n" + textwrap.indent(wrap(rule.advice), "  ") + "\n")
    if rule.options:
        click.echo("Options: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()) + "\n")
    for status in ("fail", "pass"):
        shown = [e for e in rule.examples if e.expect.value == status]
        if shown:
            click.echo(f"Examples that {status}:")
            for example in shown:
                click.echo(f"  {example.name}: {_brief(example.case)}")
            click.echo()


def _brief(case: dict[str, Any]) -> str:
    parts = [f"{k} = {v!r}" for k, v in (case.get("fields") or {}).items()]
    parts += [
        f"{p.get('role', 'person')} {p.get('name', '')!r}".strip() for p in case.get("people") or []
    ]
    parts += [repr(n.get("text", "")) for n in case.get("notes") or []]
    if case.get("sources"):
        parts.append("export carries only " + ", ".join(case["sources"][0].get("fields", [])))
    return "; ".join(parts) or "(empty case)"


if __name__ == "__main__":
    main()
