"""A run killed with SIGKILL leaves its private store of note text; the next run removes it
(issue 17, point 6), and nothing that is not a dead run's own private folder is touched."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from recordlint.readers.store import DiskParts
from recordlint.tempstore import remove_abandoned

KILLED_RUN = """
import os, signal
from recordlint.readers.store import DiskParts
store = DiskParts()
print(store.folder, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def private_tmp(tmp_path, monkeypatch) -> Path:
    """The temporary folder, for this process and the ones it starts, is the test's own."""
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def _killed_run_folder() -> Path:
    done = subprocess.run([sys.executable, "-c", KILLED_RUN], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr
    folder = Path(done.stdout.strip())
    assert folder.is_dir()  # what SIGKILL leaves
    return folder


def test_the_store_a_killed_run_left_is_removed_by_the_next_run(private_tmp) -> None:
    left = _killed_run_folder()
    (left / "parts-000000.sqlite").write_bytes(b"note text about a child")
    store = DiskParts()
    try:
        assert not left.exists()
        assert store.folder.is_dir() and str(os.getpid()) in store.folder.name
    finally:
        store.close()
    assert not store.folder.exists()


def test_a_live_runs_another_users_and_unrelated_folders_are_left(private_tmp) -> None:
    live = DiskParts()  # this process: alive
    unrelated = private_tmp / "recordlint-history-backup"
    unrelated.mkdir(mode=0o700)
    shared = private_tmp / "recordlint-parts-999999999-shared"
    shared.mkdir(mode=0o755)  # not owner-only: not one of ours
    try:
        removed = remove_abandoned(private_tmp)
        assert removed == []
        assert live.folder.is_dir() and unrelated.is_dir() and shared.is_dir()
    finally:
        live.close()


def test_each_run_removes_what_the_killed_ones_before_it_left(private_tmp) -> None:
    first = _killed_run_folder()
    second = _killed_run_folder()  # its start removed the first
    assert not first.exists()
    assert remove_abandoned(private_tmp) == [second]
    assert not second.exists()
