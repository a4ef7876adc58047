"""The performance benchmark: throughput, growth with size, --jobs and single-case start-up.

    python bench/scale.py [--unit 1000000] [--scale-jobs 2] [--repeat 1]

In one run on one machine it prints:
  - end-to-end `recordlint check` throughput (words/s, every rule, one process) on a synthetic
    export of about `--unit` words, and its ratio to bare `spacy.blank("en")` tokenisation of
    the same note texts (the floor for any spaCy-based linter);
  - the speed-up of `--jobs 2` over `--jobs 1` at 1x;
  - wall time and peak memory (the largest process) at 1x, 4x and 16x that size, checked with
    `--jobs N` (`--scale-jobs`, default 2, so that 16 million words fit in ten minutes on two
    cores; `--scale-jobs 1` runs them in one process);
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
#: words a generated case actually holds (its notes vary in length around WORDS_PER_NOTE)
WORDS_PER_CASE = 620
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
    parser.add_argument("--unit", type=int, default=1_000_000, help="words in the 1x export")
    parser.add_argument("--scale-jobs", type=int, default=2, help="--jobs for 1x/4x/16x")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each timing (the best)")
    args = parser.parse_args()
    tool = recordlint()
    cases_1x = max(1, round(args.unit / WORDS_PER_CASE))
    with tempfile.TemporaryDirectory() as work:
        exports = {}
        for scale in (1, 4, 16):
            folder = Path(work) / f"x{scale}"
            words = generate(folder, cases_1x * scale, NOTES_PER_CASE, WORDS_PER_NOTE, seed=scale)
            exports[scale] = (folder, words)
        folder, words = exports[1]
        report = str(Path(work) / "r.json")

        def check(path: Path, jobs: int) -> tuple[float, float]:
            runs = [
                measure(
                    [tool, "check", str(path), "-f", "json", "-o", report, "-q", "-j", str(jobs)]
                )
                for _ in range(args.repeat)
            ]
            return min(runs)

        single, single_peak = check(folder, 1)
        floor = tokenisation_seconds(note_texts(folder), max(args.repeat, 2))
        print(f"1x export: {cases_1x:,} cases, {words:,} words (three agencies' files)")
        print(
            f"end to end, one process: {words / single:,.0f} words/s ({single:.1f} s, peak "
            f"{single_peak:.0f} MB); bare tokenisation {words / floor:,.0f} words/s; "
            f"ratio {floor / single:.3f} of tokenisation"
        )
        two, two_peak = check(folder, 2)
        known = {1: (single, single_peak), 2: (two, two_peak)}
        scaled = {1: known.get(args.scale_jobs) or check(folder, args.scale_jobs)}
        print(f"--jobs 2: {two:.1f} s against {single:.1f} s: {single / two:.2f}x")
        for scale in (4, 16):
            scaled[scale] = check(exports[scale][0], args.scale_jobs)
        print(f"growth with size, --jobs {args.scale_jobs}:")
        for scale, (wall, peak) in scaled.items():
            count = exports[scale][1]
            print(
                f"{scale:>2}x: {count:>10,} words  {wall:7.1f} s ({wall / scaled[1][0]:5.2f}x)  "
                f"peak {peak:6.0f} MB ({peak / scaled[1][1]:4.2f}x)"
            )
    spacy_start = statistics.median(
        measure([sys.executable, "-c", "import spacy; spacy.blank('en')"])[0] for _ in range(3)
    )
    doc = statistics.median(measure([tool, "check", str(DOCUMENT), "-q"])[0] for _ in range(3))
    print(
        f"one case document: {doc * 1000:.0f} ms; spaCy start-up {spacy_start * 1000:.0f} ms; "
        f"ratio {doc / spacy_start:.2f}"
    )


if __name__ == "__main__":
    main()
