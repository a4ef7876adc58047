"""Which temporal tagger to build the time layer on: accuracy on case-note time expressions, cost.

    python -m pip install dateparser ctparse timexy   # the candidates are not dependencies
    python bench/time_libraries.py                                  # the development set
    python bench/time_libraries.py bench/time_expressions_heldout.yaml

Each candidate reads every sentence of the set (default `bench/time_expressions.yaml`, the one
the layer was built on; `time_expressions_heldout.yaml` was written by someone who never saw
the layer) against its note's date.
An expression is *found* when a span the tagger returns overlaps it, and *right* when, for a
dated kind (date, datetime, relative), the day it gives is the reader's; a span that overlaps
no expression is a *false* one ("may", "second", "sun"). Cost is the median time per sentence
over five passes, as a ratio to recordlint's own layer, so it does not depend on the machine.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DATED = {"date", "datetime", "relative"}
Span = tuple[int, int, "dt.date | None"]


def load_cases(path: Path = HERE / "time_expressions.yaml") -> list[dict]:
    # every value a string: "02:15" and "2024-09-20" are words of a note, not YAML numbers or dates
    cases = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for case in cases:
        case["base"] = dt.datetime.strptime(case["note"].strip()[:16], "%Y-%m-%d %H:%M")
    return cases


def dateparser_search() -> Callable[[str, dt.datetime], list[Span]]:
    from dateparser.search import search_dates

    def tag(text: str, base: dt.datetime) -> list[Span]:
        settings = {"RELATIVE_BASE": base, "DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future"}
        found = search_dates(text, languages=["en"], settings=settings) or []
        spans, start = [], 0
        for words, moment in found:
            at = text.find(words, start)
            if at >= 0:
                spans.append((at, at + len(words), moment.date()))
                start = at + len(words)
        return spans

    return tag


def ctparse_best() -> Callable[[str, dt.datetime], list[Span]]:
    from ctparse import ctparse

    def tag(text: str, base: dt.datetime) -> list[Span]:
        parse = ctparse(text, ts=base, timeout=1)
        if parse is None:
            return []
        value = parse.resolution
        day = None
        start = getattr(value, "start", value)
        if getattr(start, "year", None) and getattr(start, "month", None) and start.day:
            day = dt.date(start.year, start.month, start.day)
        return [(value.mstart, value.mend, day)]

    return tag


def timexy_spacy() -> Callable[[str, dt.datetime], list[Span]]:
    import re

    import spacy
    import timexy  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("timexy", config={"label": "timexy", "kb_id_type": "timex3"})

    def tag(text: str, base: dt.datetime) -> list[Span]:
        spans = []
        for ent in nlp(text).ents:
            value = re.search(r'value="(\d{4})-(\d{2})-(\d{2})', ent.kb_id_)
            day = dt.date(*map(int, value.groups())) if value else None
            spans.append((ent.start_char, ent.end_char, day))
        return spans

    return tag


def recordlint_layer() -> Callable[[str, dt.datetime], list[Span]]:
    from recordlint.nlp.timex import find_times

    def tag(text: str, base: dt.datetime) -> list[Span]:
        return [(t.start, t.end, t.day) for t in find_times(text, base)]

    return tag


def score(tag, cases) -> dict[str, float]:
    found = right = dated = false = total = 0
    for case in cases:
        spans = tag(case["text"], case["base"])
        gold = []
        for words, kind, value in case["spans"]:
            at = case["text"].find(words)
            gold.append((at, at + len(words), kind, str(value)))
        total += len(gold)
        for start, end, kind, value in gold:
            hits = [s for s in spans if s[0] < end and start < s[1]]
            found += bool(hits)
            if kind in DATED:
                dated += 1
                right += any(s[2] is not None and s[2].isoformat() == value for s in hits)
        false += sum(1 for s in spans if not any(s[0] < g[1] and g[0] < s[1] for g in gold))
    return {
        "found": found / total,
        "right": right / dated,
        "false": false,
        "seconds": median_seconds(tag, cases),
    }


def median_seconds(tag, cases, passes: int = 5) -> float:
    times = []
    for _ in range(passes):
        began = time.perf_counter()
        for case in cases:
            tag(case["text"], case["base"])
        times.append((time.perf_counter() - began) / len(cases))
    return statistics.median(times)


def main() -> int:
    cases = load_cases(Path(sys.argv[1])) if len(sys.argv) > 1 else load_cases()
    candidates = {
        "recordlint time layer": recordlint_layer,
        "dateparser search_dates": dateparser_search,
        "ctparse (best parse)": ctparse_best,
        "timexy (spaCy)": timexy_spacy,
    }
    results = {}
    for name, make in candidates.items():
        try:
            tag = make()
        except ImportError as exc:
            print(f"{name}: not installed ({exc.name})", file=sys.stderr)
            continue
        tag(cases[0]["text"], cases[0]["base"])  # warm up caches and lazy loading
        results[name] = score(tag, cases)
    base = results.get("recordlint time layer", {}).get("seconds") or 1.0
    expressions = sum(len(c["spans"]) for c in cases)
    print(f"{len(cases)} sentences, {expressions} time expressions")
    print(f"{'tagger':26} {'found':>6} {'day right':>10} {'false':>6} {'cost':>8}")
    for name, r in results.items():
        print(
            f"{name:26} {r['found']:6.2f} {r['right']:10.2f} {r['false']:6d} "
            f"{r['seconds'] / base:7.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
