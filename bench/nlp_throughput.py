"""Throughput of recordlint's pipeline against bare `spacy.blank("en")` tokenisation.

    python bench/nlp_throughput.py [--words 200000] [--repeat 3]

Both run `nlp.pipe` over the same notes (the labelled sentences of tests/nlp, repeated to the
requested size) on this machine in one run; the ratio is what reading notes like a practitioner
costs over tokenising them. Nothing here asserts a speed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import spacy

from recordlint.nlp import get_pipeline
from recordlint.nlp.evaluate import load_labelled

SETS = Path(__file__).resolve().parents[1] / "tests" / "nlp"


def corpus(words: int) -> list[str]:
    texts = [
        item["text"] for path in sorted(SETS.glob("context_*.yaml")) for item in load_labelled(path)
    ]
    notes, count = [], 0
    while count < words:
        for text in texts:
            notes.append(text)
            count += len(text.split())
            if count >= words:
                break
    return notes


def best_time(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    notes = corpus(args.words)
    words = sum(len(n.split()) for n in notes)
    blank = spacy.blank("en")
    pipeline = get_pipeline()
    blank_best, _ = best_time(lambda: list(blank.pipe(notes, batch_size=64)), args.repeat)
    full_best, _ = best_time(lambda: list(pipeline.nlp.pipe(notes, batch_size=64)), args.repeat)
    print(f"{len(notes)} notes, {words} words; best of {args.repeat}")
    print(f"spacy.blank('en') tokenisation: {words / blank_best:>10,.0f} words/s")
    print(f"recordlint pipeline:            {words / full_best:>10,.0f} words/s")
    print(f"ratio (pipeline time / tokenisation time): {full_best / blank_best:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
