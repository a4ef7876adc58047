"""Measuring the context component against a labelled sentence set.

A labelled set is YAML: `items`, each with `text`, `term` (its first occurrence is the mention),
booleans `negated`, `hypothetical`, `historical`, `uncertain` and `experiencer` ("subject" or
"other"). For each modifier the positive class is the mark being set (for the experiencer:
"other"), and precision, recall and F1 are computed over the items. Used by
`bench/context_eval.py` and by the test that holds the F1 floor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordlint.nlp.api import context_of
from recordlint.nlp.context import OTHER, Context
from recordlint.nlp.vocab import MODIFIERS
from recordlint.yamlio import load_yaml


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positive + self.false_negative
        return self.true_positive / actual if actual else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.true_positive + self.false_negative


@dataclass
class Evaluation:
    items: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in MODIFIERS})
    errors: list[tuple[Mapping[str, Any], str, Context]] = field(default_factory=list)


def load_labelled(path: str | Path) -> list[Mapping[str, Any]]:
    data = load_yaml(Path(path).read_text(encoding="utf-8"))
    return list(data["items"])


def predicted(context: Context, modifier: str) -> bool:
    if modifier == "experiencer":
        return context.experiencer == OTHER
    return bool(getattr(context, modifier))


def expected(item: Mapping[str, Any], modifier: str) -> bool:
    if modifier == "experiencer":
        return item["experiencer"] == OTHER
    return bool(item[modifier])


def evaluate(items: Iterable[Mapping[str, Any]], pipeline=None) -> Evaluation:
    evaluation = Evaluation()
    for item in items:
        evaluation.items += 1
        context = context_of(item["text"], item["term"], pipeline=pipeline)
        for modifier in MODIFIERS:
            guess, truth = predicted(context, modifier), expected(item, modifier)
            score = evaluation.scores[modifier]
            if guess and truth:
                score.true_positive += 1
            elif guess:
                score.false_positive += 1
                evaluation.errors.append((item, f"{modifier}: false positive", context))
            elif truth:
                score.false_negative += 1
                evaluation.errors.append((item, f"{modifier}: missed", context))
            else:
                score.true_negative += 1
    return evaluation
