"""Comparing recordlint's findings with a person's judgements of the same cases.

An auditor who has judged cases by hand (a multi-agency audit tool, a file audit) writes a gold
file, one row per case and rule; `recordlint evaluate` runs the check on the inputs it names and
says how often the two agree, per rule, with every disagreement quoted. The project measures
itself the same way on its blind corpus (`eval/`, `bench/accuracy.py`).
"""

from recordlint.evaluation.compare import Evaluation, Pair, evaluate_gold
from recordlint.evaluation.gold import CORE_RULES, GoldError, GoldLabel, load_gold
from recordlint.evaluation.scores import Confusion, Figures, figures_by_rule

__all__ = [
    "CORE_RULES",
    "Confusion",
    "Evaluation",
    "Figures",
    "GoldError",
    "GoldLabel",
    "Pair",
    "evaluate_gold",
    "figures_by_rule",
    "load_gold",
]
