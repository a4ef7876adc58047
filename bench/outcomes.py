"""Which tuning judgements a change turned, pair by pair: the check before a class lands.

    python bench/outcomes.py --save /tmp/before.json     # on the commit before the change
    python bench/outcomes.py --diff /tmp/before.json     # after it: every pair that changed

Aggregate figures hide a change that mends ten cases and breaks three; this lists each case and
rule whose outcome (TP, FP, FN, TN) moved, and counts them by kind. Only tuning authors are
read (eval/authors.yaml): a blind author's outcomes are never saved or shown.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from accuracy import EVAL, load_authors

from recordlint.evaluation import evaluate_gold


def tuning_outcomes(folder: Path, rules: set[str], jobs: int) -> dict[str, str]:
    """`author|case|rule` -> outcome, for every tuning author's gold pairs."""
    found: dict[str, str] = {}
    for author in load_authors(folder):
        gold = folder / author["name"] / "gold.csv"
        if author["split"] != "tuning" or not gold.is_file():
            continue
        for pair in evaluate_gold(gold, jobs=jobs).pairs:
            if not rules or pair.label.rule in rules:
                found[f"{author['name']}|{pair.label.case_id}|{pair.label.rule}"] = pair.outcome
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the outcomes here")
    action.add_argument("--diff", type=Path, help="compare with outcomes saved here")
    parser.add_argument("--rule", action="append", default=[], help="only this rule (repeat)")
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    now = tuning_outcomes(args.eval, set(args.rule), args.jobs)
    if args.save:
        args.save.write_text(json.dumps(now, indent=0, sort_keys=True), encoding="utf-8")
        print(f"{len(now)} outcomes written to {args.save}")
        return
    before = json.loads(args.diff.read_text(encoding="utf-8"))
    moved = Counter()
    for key in sorted(before.keys() & now.keys()):
        if before[key] != now[key]:
            moved[f"{before[key]} -> {now[key]}"] += 1
            print(f"{key}  {before[key]} -> {now[key]}")
    print(", ".join(f"{kind}: {count}" for kind, count in sorted(moved.items())) or "no change")


if __name__ == "__main__":
    main()
