"""A coverage-guided fuzz target (atheris) for the text-case parser and the CSV path.

    python fuzz/fuzz_inputs.py -max_total_time=60 fuzz/seeds      # what CI runs
    python fuzz/fuzz_inputs.py -max_total_time=3600 fuzz/seeds    # a longer run

Each input is one byte for the format and the rest as the file: read as a case document
(TXT/Markdown) or as a CSV or TSV table, through the same `read_inputs` a user's run goes
through (decoding, sniffing, pandas and the careful fallback, row to note). Any exception
escaping it is a crash: recordlint promises a one-line problem for bad input, never a raise.
Every problem must also be one line naming the file. libFuzzer saves a crashing input as
crash-*; add it to tests/broken_inputs once fixed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["recordlint"]):
    from recordlint.readers import read_inputs
    from recordlint.readers.base import ReaderOptions

FORMATS = (".txt", ".md", ".csv", ".tsv")
WORK = Path(tempfile.mkdtemp(prefix="recordlint-fuzz-"))
OPTIONS = ReaderOptions(spill_over_bytes=1 << 40)  # in memory: fuzzing the readers, not SQLite


def test_one_input(data: bytes) -> None:
    if not data:
        return
    path = WORK / f"input{FORMATS[data[0] % len(FORMATS)]}"
    path.write_bytes(data[1:])
    result = read_inputs([path], OPTIONS)
    for problem in result.problems:
        line = str(problem)
        if "\n" in line or "\r" in line or str(path) not in line:
            raise AssertionError(f"a problem must be one line naming the file: {line!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
