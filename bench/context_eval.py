"""Precision, recall and F1 of the context component, per modifier, on labelled sentence sets.

    python bench/context_eval.py                      # the three sets in tests/nlp
    python bench/context_eval.py my_set.yaml --errors # any set; list every disagreement

context_dev.yaml and context_heldout.yaml were used to write the triggers (the held-out set
was measured once untouched, then tuned on); context_blind.yaml was written afterwards, blind
to the code and to both sets, and is only ever measured.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from recordlint.nlp.evaluate import evaluate, load_labelled

SETS = Path(__file__).resolve().parents[1] / "tests" / "nlp"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--errors", action="store_true", help="print every disagreement")
    args = parser.parse_args(argv)
    paths = args.sets or [
        SETS / "context_dev.yaml",
        SETS / "context_heldout.yaml",
        SETS / "context_blind.yaml",
    ]
    for path in paths:
        evaluation = evaluate(load_labelled(path))
        print(f"\n{path.name}: {evaluation.items} labelled mentions")
        print(f"{'modifier':<14}{'support':>8}{'precision':>11}{'recall':>8}{'F1':>7}")
        for modifier, score in evaluation.scores.items():
            print(
                f"{modifier:<14}{score.support:>8}{score.precision:>11.3f}"
                f"{score.recall:>8.3f}{score.f1:>7.3f}"
            )
        if args.errors:
            for item, what, context in evaluation.errors:
                print(f"  {item['id']}: {what}: {item['term']!r} in {item['text']!r}")
                print(f"      triggers: {context.describe() or '(none)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
