"""The command line: commands and their options. Each hands its options to `commands`, which
builds the config in one place, does the work and returns the exit status."""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from recordlint import __version__, commands
from recordlint.evaluation.render import FORMATS as EVALUATION_FORMATS
from recordlint.reporters import FORMATS


def _runs(command: Callable[..., int]) -> Callable[..., None]:
    """Run the command through `commands.guarded`; exit with its status."""

    @wraps(command)
    def run(**options: Any) -> None:
        sys.exit(commands.guarded(lambda: command(**options), options.get("debug", False)))

    return run


def _config(options: dict[str, Any], *run_options: str) -> Any:
    """The config from `--config`, `--rules`, `--debug` and `run_options`, taken out."""
    taken = {name: options.pop(name, None) for name in run_options}
    return commands.config_from_options(
        options.pop("config_path"), options.pop("rule_dirs"), options.pop("debug"),
        **{k: v for k, v in taken.items() if v is not None},
    )  # fmt: skip


def _shared(command: Callable[..., Any]) -> Callable[..., Any]:
    """`--rules`, `--config` and `--debug`, which every command that loads rules takes."""
    command = click.option("--debug", is_flag=True, help="Show tracebacks.")(command)
    command = click.option("--config", "config_path", type=click.Path(path_type=Path),
                           help="Config file to use.")(command)  # fmt: skip
    return click.option("--rules", "rule_dirs", multiple=True, type=click.Path(path_type=Path),
                        help="Extra rule pack folder (repeatable).")(command)  # fmt: skip


_PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(readable=False, path_type=Path)
)
_FAIL_ON = click.option(
    "--fail-on", type=click.Choice(["error", "warning", "info", "never"]),
    help="Lowest severity that makes the exit status 1 (default warning).",
)  # fmt: skip
_HISTORY = click.option(
    "--history", "history_url", default="recordlint-history.db", show_default=True,
    help="Where sweeps are kept: a SQLite file or any SQLAlchemy URL.",
)  # fmt: skip


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="recordlint")
def main() -> None:
    """Check the quality of children's safeguarding case records."""


@main.command()
@_PATHS
@click.option("-f", "--format", "fmt", type=click.Choice(FORMATS), default="text",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Write the report to FILE (a folder for -f html).")  # fmt: skip
@click.option("--redact", is_flag=True,
              help="Mask names, birth dates, addresses, phones, emails, NHS numbers.")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check cases in this many processes (same output, same order).")  # fmt: skip
@click.option("--scheduler", metavar="ADDRESS",
              help="Dask scheduler (tcp://host:8786); needs recordlint[dask].")  # fmt: skip
@click.option("--select", multiple=True, help="Rule codes or prefixes to run (DEM,REF001).")
@click.option("--ignore", multiple=True, help="Rule codes or prefixes to skip.")
@_FAIL_ON
@_shared
@_runs
def check(**options: Any) -> int:
    """Lint case records in PATHS (files or folders) and report per case.

    Exit status: 0 no finding at or above --fail-on; 1 findings; 2 usage error or unreadable
    input; 3 internal error."""
    config = _config(options, "select", "ignore", "fail_on")
    return commands.check(options.pop("paths"), config, **options)


@main.command()
@_PATHS
@_HISTORY
@click.option("--waivers", type=click.Path(path_type=Path), help="Waivers file (CSV or YAML).")
@click.option("--label", help='A label for this sweep ("weekly 2024-03-04").')
@click.option("--fail-on-new", is_flag=True, help="Exit 1 only for new, unwaived findings.")
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@_FAIL_ON
@_shared
@_runs
def sweep(**options: Any) -> int:
    """Check PATHS, keep the run in the history, and report what is new, persisting and resolved
    since the last sweep, with waivers applied.

    Exit status as for check, counting unwaived findings (only new ones with --fail-on-new)."""
    config = _config(options, "fail_on")
    return commands.sweep(options.pop("paths"), config, **options)


@main.command()
@_HISTORY
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "csv", "html"]), default="text")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE.")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@_runs
def history(debug: bool, **options: Any) -> int:
    """Compliance per rule and per audit recommendation across the stored sweeps."""
    return commands.history(**options)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="RECORDLINT_SERVE_TOKEN",
              help="Access token every request must carry (env RECORDLINT_SERVE_TOKEN); required "
              "when --host is not a loopback address.")  # fmt: skip
@click.option("--max-upload-mb", default=20, show_default=True, type=click.IntRange(1, 1024),
              help="Largest upload (all files of one check together).")  # fmt: skip
@click.option("--behind-tls", is_flag=True, help="A TLS proxy is in front: cookies are Secure.")
@_shared
@_runs
def serve(**options: Any) -> int:
    """Serve a page where practitioners check a record in their browser.

    It listens on 127.0.0.1 only unless --host is given; then --token is required (README).
    """
    return commands.serve(_config(options), **options)


@main.command()
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--base", type=click.Path(path_type=Path, file_okay=False),
              help="Folder the gold file's inputs are relative to (default: its own).")  # fmt: skip
@click.option("-f", "--format", "fmt", type=click.Choice(EVALUATION_FORMATS), default="text",
              show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to FILE.")
@click.option("--min-f1", type=click.FloatRange(0, 1),
              help="Exit 1 when the micro F1 over all judged rules is below this.")  # fmt: skip
@click.option("--figures-only", is_flag=True,
              help="Leave out disagreements (a blind set, figures first).")  # fmt: skip
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Check cases in this many processes.")  # fmt: skip
@_shared
@_runs
def evaluate(**options: Any) -> int:
    """Compare recordlint with judgements made by hand in GOLD, a CSV of
    input,case_id,rule,expected,why (expected: fail or clear).

    Checks the inputs GOLD names and prints, per rule, TP/FP/FN/TN, precision, recall, F1 and
    Cohen's kappa, the micro and macro figures for all rules and for the core six, and every
    disagreement with recordlint's evidence and the gold reason.

    Exit status: 0; 1 when --min-f1 is given and the micro F1 is below it; 2 a bad gold file or
    unreadable input; 3 internal error."""
    config = _config(options)
    return commands.evaluate(options.pop("gold"), options.pop("base"), config, **options)


@main.command("rules")
@_shared
@_runs
def list_rules(**options: Any) -> int:
    """List every rule: code, name, severity and pack."""
    return commands.list_rules(_config(options))


@main.command()
@click.argument("code")
@_shared
@_runs
def explain(code: str, **options: Any) -> int:
    """Explain one rule: why it exists, the audit reference, what to record, and examples."""
    return commands.explain(code, _config(options))


@main.command()
@click.argument("packs", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@_shared
@_runs
def test(packs: tuple[Path, ...], **options: Any) -> int:
    """Run the examples of every rule in PACKS (all rules when none is given) and say which
    fail: a pack's tests, with no pytest file. Exit status 0 all hold, 1 one fails."""
    return commands.test(packs, _config(options))


if __name__ == "__main__":
    main()
