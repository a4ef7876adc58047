"""`-o` onto something that is not a regular file writes into it (issue 17, point 5).

A report is normally written to a temporary file and renamed over its target, owner-only. Done
to `/dev/null`, `/dev/stdout` or a named pipe, that rename replaces the device with a private
regular file, and as root breaks the machine for every other program. These tests make their
own devices and pipes in a temporary folder, never touching the system's.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from recordlint.cli import main
from recordlint.reporters.writing import write_file

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "D2002_case_record.txt"


def _reading(fifo: Path) -> tuple[threading.Thread, list[bytes]]:
    """A reader on the pipe, as a shell's `cat` would be, collecting what is written."""
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, received


def _null_device(folder: Path) -> Path:
    """A character device like /dev/null (1, 3), made in the test's folder; needs root."""
    device = folder / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError) as exc:
        pytest.skip(f"cannot make a character device here ({exc})")
    os.chmod(device, 0o666)
    return device


def test_a_report_written_to_a_named_pipe_goes_through_it_and_the_pipe_stays(tmp_path) -> None:
    fifo = tmp_path / "report.pipe"
    os.mkfifo(fifo)
    thread, received = _reading(fifo)
    write_file(fifo, "the report\n")
    thread.join(timeout=30)
    assert received == [b"the report\n"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pipe"]  # no temporary left


def test_a_link_to_a_pipe_like_dev_stdout_is_written_through_and_left_a_link(tmp_path) -> None:
    fifo = tmp_path / "fd1"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to(fifo)
    thread, received = _reading(fifo)
    write_file(link, b"\x00binary\xff")
    thread.join(timeout=30)
    assert received == [b"\x00binary\xff"]
    assert link.is_symlink() and stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_character_device_is_written_into_and_keeps_its_kind_and_mode(tmp_path) -> None:
    device = _null_device(tmp_path)
    write_file(device, "swallowed")
    mode = device.stat().st_mode
    assert stat.S_ISCHR(mode)
    assert stat.S_IMODE(mode) == 0o666  # not made owner-only: other programs still use it


def test_check_with_o_onto_a_device_exits_as_usual_and_leaves_the_device(tmp_path) -> None:
    device = _null_device(tmp_path)
    result = CliRunner().invoke(main, ["check", str(FIXTURE), "-f", "json", "-o", str(device)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(device.stat().st_mode)
    assert stat.S_IMODE(device.stat().st_mode) == 0o666


def test_a_regular_file_is_still_replaced_whole_and_owner_only(tmp_path) -> None:
    target = tmp_path / "report.json"
    target.write_text("an earlier report", encoding="utf-8")
    os.chmod(target, 0o644)
    write_file(target, "{}")
    assert target.read_text(encoding="utf-8") == "{}"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
