"""Agreement figures for a binary judgement (fails or not), per rule and across rules.

The positive class is "the rule fails". A figure whose denominator is zero is None, shown as a
dash, rather than a made-up 0 or 1; F1 is 2TP / (2TP + FP + FN), so a rule that never agrees
on a failure scores 0 and a rule with nothing to find and nothing found has none. Cohen's kappa
corrects raw agreement for the agreement two raters would reach by chance with the same rates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from statistics import fmean


@dataclass(frozen=True)
class Confusion:
    """Counts of one rule's (or several rules') pairs by gold and predicted outcome."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def __add__(self, other: Confusion) -> Confusion:
        return Confusion(
            self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn
        )

    @classmethod
    def of(cls, pairs: Iterable[tuple[bool, bool]]) -> Confusion:
        """Count (gold fails, predicted fails) pairs."""
        tp = fp = fn = tn = 0
        for gold, predicted in pairs:
            if gold and predicted:
                tp += 1
            elif predicted:
                fp += 1
            elif gold:
                fn += 1
            else:
                tn += 1
        return cls(tp, fp, fn, tn)

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    @property
    def kappa(self) -> float | None:
        n = self.total
        if n == 0:
            return None
        observed = (self.tp + self.tn) / n
        chance = (
            (self.tp + self.fp) * (self.tp + self.fn) + (self.fn + self.tn) * (self.fp + self.tn)
        ) / (n * n)
        if chance == 1:
            return None  # both raters gave one answer throughout: agreement says nothing
        return (observed - chance) / (1 - chance)


def _ratio(top: int, bottom: int) -> float | None:
    return top / bottom if bottom else None


@dataclass(frozen=True)
class Figures:
    """A set of rules' figures: micro (pooled counts) and macro (mean of the rules' figures)."""

    rules: tuple[str, ...]
    micro: Confusion
    macro_precision: float | None
    macro_recall: float | None
    macro_f1: float | None
    macro_kappa: float | None

    @classmethod
    def of(cls, by_rule: Mapping[str, Confusion], rules: Iterable[str] | None = None) -> Figures:
        chosen = tuple(code for code in (rules or by_rule) if code in by_rule)
        counts = [by_rule[code] for code in chosen]
        return cls(
            rules=chosen,
            micro=sum(counts, Confusion()),
            macro_precision=_mean(c.precision for c in counts),
            macro_recall=_mean(c.recall for c in counts),
            macro_f1=_mean(c.f1 for c in counts),
            macro_kappa=_mean(c.kappa for c in counts),
        )


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return fmean(defined) if defined else None


def figures_by_rule(pairs: Iterable[tuple[str, bool, bool]]) -> dict[str, Confusion]:
    """(rule, gold fails, predicted fails) triples counted per rule, rules in code order."""
    grouped: dict[str, list[tuple[bool, bool]]] = {}
    for rule, gold, predicted in pairs:
        grouped.setdefault(rule, []).append((gold, predicted))
    return {rule: Confusion.of(grouped[rule]) for rule in sorted(grouped)}
