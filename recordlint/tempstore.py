"""Private temporary folders that a killed run does not leave behind for ever.

A run keeps note text (special category data about children) in a temporary folder only its user
can open, and removes it when it ends, also when it is interrupted. A SIGKILL, an out-of-memory
kill or a power cut gives it no chance to, so each folder is named with the process that owns it
(`recordlint-parts-<pid>-...`), and the next run removes the folders whose process no longer
exists. Only folders that are this user's, owner-only and named that way are touched: another
user's, a live process's, or anything else in the temporary folder is left alone.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

_NAMED = re.compile(r"^recordlint-(?P<kind>[a-z]+)-(?P<pid>\d+)-")


def private_folder(kind: str) -> Path:
    """A new owner-only folder for this process's `kind` of data ("parts", "serve"), after
    removing what killed runs left."""
    remove_abandoned()
    return Path(tempfile.mkdtemp(prefix=f"recordlint-{kind}-{os.getpid()}-"))


def remove_abandoned(folder: str | Path | None = None) -> list[Path]:
    """Remove this user's private folders whose process has gone; the paths removed."""
    where = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = list(os.scandir(where))
    except OSError:
        return removed
    for entry in entries:
        match = _NAMED.match(entry.name)
        if match is None or not _ours_and_private(entry):
            continue
        if _alive(int(match["pid"])):
            continue
        shutil.rmtree(entry.path, ignore_errors=True)
        removed.append(Path(entry.path))
    return removed


def _ours_and_private(entry: os.DirEntry) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.getuid()
        and stat.S_IMODE(info.st_mode) & 0o077 == 0
    )


def _alive(pid: int) -> bool:
    """Whether a process with this id exists (one of another user's counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # another user's (PermissionError), or not a pid at all
        return True
    return True
