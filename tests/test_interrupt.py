"""Ctrl-C part way through a run: one line, status 130, no report, no temporary file left."""

from __future__ import annotations

import signal
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from recordlint import engine, worker
from recordlint.cli import main
from recordlint.commands import EXIT_INTERRUPTED

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_run_leaves_nothing_behind(tmp_path: Path, monkeypatch, jobs) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    seen = []

    def interrupted(done: int, total: int) -> None:
        seen.append(list(scratch.iterdir()))  # the run's store exists while it runs
        raise KeyboardInterrupt

    real_lint = engine.lint
    monkeypatch.setattr(
        "recordlint.engine.lint", lambda *a, **k: real_lint(*a, **{**k, "progress": interrupted})
    )
    out = tmp_path / "out"
    out.mkdir()
    result = CliRunner().invoke(
        main, ["check", str(FIXTURES), "-f", "json", "-o", str(out / "r.json"), "-j", jobs, "-q"]
    )
    assert result.exit_code == EXIT_INTERRUPTED == 130
    assert result.output.strip() == "recordlint: interrupted: no report written"
    assert "Traceback" not in result.output
    assert list(out.iterdir()) == []  # neither the report nor its temporary file
    assert list(scratch.iterdir()) == []
    if jobs == "2":
        assert seen and seen[0]  # parts were on disk, and are gone


def test_pool_workers_leave_ctrl_c_to_the_parent(monkeypatch) -> None:
    installed = {}
    monkeypatch.setattr(signal, "signal", lambda sig, handler: installed.update({sig: handler}))
    monkeypatch.setattr(worker, "_start_worker", lambda config: None)
    worker.start_pool_worker(None)
    assert installed == {
        signal.SIGINT: signal.SIG_IGN,  # the parent stops the run
        signal.SIGTERM: signal.SIG_DFL,  # the parent's clean-up handlers are not the worker's
        signal.SIGHUP: signal.SIG_DFL,
    }


def test_a_stop_signal_ends_a_run_as_ctrl_c_does(tmp_path: Path, monkeypatch) -> None:
    """`timeout`, systemd's stop or a closed terminal: SIGTERM and SIGHUP clean up too."""
    import os

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real_lint = engine.lint

    def stopped(done: int, total: int) -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # delivered here, in the main thread

    monkeypatch.setattr(
        "recordlint.engine.lint", lambda *a, **k: real_lint(*a, **{**k, "progress": stopped})
    )
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["check", str(FIXTURES), "-f", "json", "-o", str(out), "-j", "2", "-q"]
    )
    assert result.exit_code == EXIT_INTERRUPTED
    assert result.output.strip() == "recordlint: interrupted: no report written"
    assert not out.exists() and list(scratch.iterdir()) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # put back after the command
