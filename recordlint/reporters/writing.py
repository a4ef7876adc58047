"""Writing report files: whole or not at all, readable by their owner only.

A report holds special category data about children, so it is created with mode 0600 (0700 for
an HTML folder), and written to a temporary name beside its target, then renamed over it: an
interrupted run leaves the previous report, or none, never half of one.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO


def write_file(path: Path, data: bytes | str) -> None:
    """Write `data` to `path` atomically, owner-only."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with writing_file(path, binary=True) as handle:
        handle.write(raw)


@contextmanager
def writing_file(path: Path, binary: bool = False) -> Iterator[IO]:
    """A handle on a temporary file beside `path` that becomes `path` when the block ends,
    owner-only; if the block fails, `path` is untouched and the temporary file removed. Text
    is UTF-8 (a stray surrogate is written escaped), so a large report is written as it is
    made, never held whole."""
    path = Path(path)
    if _is_special(path):  # the device or pipe itself: nothing created, renamed or chmod-ed
        with _handle(os.open(path, os.O_WRONLY), binary) as handle:
            yield handle
        return
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent or ".")
    try:
        os.fchmod(descriptor, 0o600)
        with _handle(descriptor, binary) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _is_special(path: Path) -> bool:
    """Whether `path` (its link followed) is something other than a regular file or folder: a
    character device, a named pipe, a socket."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False  # a new path, or one we cannot see: the ordinary way reports it
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _handle(descriptor: int, binary: bool) -> IO:
    if binary:
        return os.fdopen(descriptor, "wb")
    return os.fdopen(descriptor, "w", encoding="utf-8", errors="backslashreplace")


def write_folder(path: Path, fill: Callable[[Path], None]) -> None:
    """Build a folder with `fill(folder)` under a temporary name, then move it into place,
    replacing any earlier report folder of the same name."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=parent))
    try:
        os.chmod(staging, 0o700)
        fill(staging)
        for file in staging.rglob("*"):
            os.chmod(file, 0o700 if file.is_dir() else 0o600)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.old.", dir=parent))
            os.replace(path, old / path.name)
            os.replace(staging, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, path)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
