"""Where parts wait between reading the files and merging them into cases.

A case can be spread over several files (each agency's export), so no case is complete until
every file is read. A small run keeps the parts in memory. A large one keeps them in SQLite
files in a private temporary folder, one database per input file so that worker processes can
read files at the same time, and merges one case at a time from there: memory then depends on
the largest case, not on the size of the export. The folder is removed when the run ends, also
when it is interrupted, and a folder a killed run left is removed by the next one
(`recordlint.tempstore`).

The databases hold pickles that this process wrote into a folder only its user can open; they
are never read from anywhere else.
"""

from __future__ import annotations

import pickle
import shutil
import sqlite3
from pathlib import Path

from recordlint.readers.base import Part
from recordlint.readers.identity import Label
from recordlint.tempstore import private_folder


class MemoryParts:
    """Parts kept in memory, per file, in the order they were read."""

    def __init__(self) -> None:
        self._by_file: dict[int, dict[str, list[Part]]] = {}

    def sink(self, file_index: int) -> _MemorySink:
        return _MemorySink(self._by_file.setdefault(file_index, {}))

    def labels(self) -> dict[str, set[Label]]:
        """Every store key and the labels its parts give (see `identity.link`)."""
        found: dict[str, set[Label]] = {}
        for parts in self._by_file.values():
            for key, held in parts.items():
                found.setdefault(key, set()).update(label for p in held for label in p.labels)
        return found

    def parts(self, key: str) -> list[Part]:
        return [p for _, parts in sorted(self._by_file.items()) for p in parts.get(key, ())]

    def close(self) -> None:
        self._by_file.clear()


class _MemorySink:
    def __init__(self, parts: dict[str, list[Part]]) -> None:
        self._parts = parts

    def add(self, parts: list[Part]) -> None:
        for part in parts:
            self._parts.setdefault(part.key, []).append(part)

    def discard(self) -> None:
        self._parts.clear()

    def close(self) -> None:
        pass


class DiskParts:
    """Parts kept in SQLite files in a temporary folder (see the module docstring)."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self.owner = folder is None
        self.folder = Path(folder) if folder else private_folder("parts")
        self._readers: dict[int, sqlite3.Connection] = {}

    def _path(self, file_index: int) -> Path:
        return self.folder / f"parts-{file_index:06d}.sqlite"

    def sink(self, file_index: int) -> _DiskSink:
        return _DiskSink(self._path(file_index))

    def _files(self) -> list[tuple[int, sqlite3.Connection]]:
        for path in sorted(self.folder.glob("parts-*.sqlite")):
            index = int(path.stem.split("-")[1])
            if index not in self._readers:
                self._readers[index] = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        return sorted(self._readers.items())

    def labels(self) -> dict[str, set[Label]]:
        """Every store key and the labels its parts give (see `identity.link`)."""
        found: dict[str, set[Label]] = {}
        for _, db in self._files():
            for key, rank, name, value in db.execute("SELECT DISTINCT * FROM ids"):
                found.setdefault(key, set()).add((rank, name, value))
        return found

    def parts(self, key: str) -> list[Part]:
        return [
            pickle.loads(blob)
            for _, db in self._files()
            for (blob,) in db.execute("SELECT blob FROM p WHERE key = ? ORDER BY seq", (key,))
        ]

    def close(self) -> None:
        for db in self._readers.values():
            db.close()
        self._readers.clear()
        if self.owner:
            shutil.rmtree(self.folder, ignore_errors=True)


class _DiskSink:
    """Writes one input file's parts; the key index is built once the file is read."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE IF NOT EXISTS p (seq INTEGER PRIMARY KEY, key TEXT, blob)")
        self._db.execute("CREATE TABLE IF NOT EXISTS ids (key TEXT, rank INT, name TEXT, value)")

    def add(self, parts: list[Part]) -> None:
        self._db.executemany(
            "INSERT INTO p (key, blob) VALUES (?, ?)",
            ((p.key, pickle.dumps(p, pickle.HIGHEST_PROTOCOL)) for p in parts),
        )
        self._db.executemany(
            "INSERT INTO ids VALUES (?, ?, ?, ?)",
            {(p.key, *label) for p in parts for label in p.labels},
        )

    def discard(self) -> None:
        self._db.execute("DELETE FROM p")
        self._db.execute("DELETE FROM ids")

    def close(self) -> None:
        self._db.execute("CREATE INDEX IF NOT EXISTS p_key ON p (key, seq)")
        self._db.commit()
        self._db.close()


PartStore = MemoryParts | DiskParts
