"""The performance benchmark: throughput, growth with size, --jobs and single-case start-up.

    python bench/scale.py [--unit 250000] [--repeat 3]

In one run on one machine it prints:
  - end-to-end `recordlint check` throughput (words/s, every rule, one process) on a synthetic
    export of `--unit` words, and its ratio to bare `spacy.blank("en")` tokenisation of the same
    note texts (the floor for any spaCy-based linter);
  - wall time and peak memory at 1x, 4x and 16x that size;
  - the speed-up of `--jobs 2` over `--jobs 1` at 1x;
  - the wall time of checking one small case document, and its ratio to
    `python -c "import spacy; spacy.blank('en')"`.
Exports come from bench/corpus.py (varied synthetic wording, never real data). Nothing here
asserts a speed; the figures go in the README.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import generate

REPO = Path(__file__).resolve().parents[1]
DOCUMENT = REPO / "fixtures" / "documents" / "D2002_case_record.txt"
WORDS_PER_NOTE, NOTES_PER_CASE = 25, 20
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one fresh run of `command`."""
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]) / 1024


def recordlint() -> str:
    return shutil.which("recordlint") or sys.exit("install recordlint first (pip install .)")


def note_texts(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as handle:
            texts += [row["Case Note"] for row in csv.DictReader(handle)]
    return texts


def tokenisation_seconds(texts: list[str], repeat: int) -> float:
    import spacy

    nlp = spacy.blank("en")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=64):
            pass
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", type=int, default=250_000, help="words in the 1x export")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    tool = recordlint()
    cases_1x = max(1, args.unit // (WORDS_PER_NOTE * NOTES_PER_CASE))
    with tempfile.TemporaryDirectory() as work:
        exports = {}
        for scale in (1, 4, 16):
            folder = Path(work) / f"x{scale}"
            words = generate(folder, cases_1x * scale, NOTES_PER_CASE, WORDS_PER_NOTE, seed=scale)
            exports[scale] = (folder, words)
        folder, words = exports[1]
        check = [tool, "check", str(folder), "-f", "json", "-o", str(Path(work) / "r.json"), "-q"]
        single = min(measure(check)[0] for _ in range(args.repeat))
        floor = tokenisation_seconds(note_texts(folder), args.repeat)
        print(f"1x export: {cases_1x:,} cases, {words:,} words (three agencies' files)")
        print(
            f"end to end, one process: {words / single:,.0f} words/s; bare tokenisation "
            f"{words / floor:,.0f} words/s; ratio {floor / single:.3f} of tokenisation"
        )
        for scale, (path, count) in exports.items():
            command = [tool, "check", str(path), "-f", "json", "-o", str(Path(work) / "s.json")]
            wall, peak = measure([*command, "-q"])
            print(f"{scale:>2}x: {count:>10,} words  {wall:7.1f} s  peak {peak:6.0f} MB")
        two = min(measure([*check, "-j", "2"])[0] for _ in range(args.repeat))
        print(f"--jobs 2: {two:.1f} s against {single:.1f} s: {single / two:.2f}x")
    spacy_start = statistics.median(
        measure([sys.executable, "-c", "import spacy; spacy.blank('en')"])[0]
        for _ in range(args.repeat)
    )
    doc = statistics.median(
        measure([tool, "check", str(DOCUMENT), "-q"])[0] for _ in range(args.repeat)
    )
    print(
        f"one case document: {doc * 1000:.0f} ms; spaCy start-up {spacy_start * 1000:.0f} ms; "
        f"ratio {doc / spacy_start:.2f}"
    )


if __name__ == "__main__":
    main()
