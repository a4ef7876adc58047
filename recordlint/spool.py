"""Reports of a large run, kept in a temporary file rather than in memory.

A whole authority's export has tens of thousands of cases; their findings, kept as objects
until the report is written, would grow memory with the export. `SpooledReports` is a sequence
like a list, but each report is pickled to an anonymous temporary file as it is added and read
back when iterated. The file has no name on disk (it is unlinked as it is created), so it goes
when the run ends, however it ends, and no other user can open it.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator, Sequence
from typing import overload

from recordlint.model import CaseReport


class SpooledReports(Sequence[CaseReport]):
    def __init__(self) -> None:
        # closed with the object (or the process): the file lives exactly as long as the run
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        self._offsets: list[int] = []

    def append(self, report: CaseReport) -> None:
        self._file.seek(0, 2)
        self._offsets.append(self._file.tell())
        pickle.dump(report, self._file, pickle.HIGHEST_PROTOCOL)

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> CaseReport: ...

    @overload
    def __getitem__(self, index: slice) -> list[CaseReport]: ...

    def __getitem__(self, index: int | slice) -> CaseReport | list[CaseReport]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        self._file.seek(self._offsets[index])
        return pickle.load(self._file)

    def __iter__(self) -> Iterator[CaseReport]:
        for offset in self._offsets:
            self._file.seek(offset)  # each time: two loops over the reports may interleave
            yield pickle.load(self._file)

    def close(self) -> None:
        self._file.close()
