"""The blind corpus in eval/ holds what its README promises (issue 16).

These tests guard the instrument, not the rules: six or more authors, at least 180 cases, every
case judged against all 25 contract codes in gold.csv and in both labellings, every input the
gold names present, and each split able to show a rule both failing and clear with its
precondition met. A corpus that lost a case, a code or a labelling would otherwise go on giving
figures that look as good as before.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import yaml

from recordlint.evaluation.gold import CONTRACT_RULES, load_gold

EVAL = Path(__file__).resolve().parents[1] / "eval"
MIN_CASES_PER_SPLIT_RULE = 4

pytestmark = pytest.mark.skipif(not EVAL.is_dir(), reason="eval/ is in the sdist and checkout")


def _authors() -> list[dict]:
    return yaml.safe_load((EVAL / "authors.yaml").read_text(encoding="utf-8"))["authors"]


def _delivered() -> list[dict]:
    return [a for a in _authors() if (EVAL / a["name"] / "gold.csv").is_file()]


def _gold(name: str) -> Path:
    return EVAL / name / "gold.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _awaited() -> list[dict]:
    """Blind authors commissioned whose second labelling is still under way: listed in
    authors.yaml, not yet in eval/ (their figures are not measured until they are)."""
    return [a for a in _authors() if a not in _delivered() and a["split"] == "blind"]


def test_six_authors_at_least_three_blind_and_180_cases() -> None:
    authors = _delivered()
    assert len(authors) >= 6
    # a fresh blind set may be awaiting its second labelling (authors.yaml says so); it still
    # counts as commissioned, and nothing is measured on it until it is in eval/
    assert sum(a["split"] == "blind" for a in authors + _awaited()) >= 3
    assert all(a.get("awaiting") for a in _awaited()), "an undelivered blind author says why"
    assert sum(a["split"] == "tuning" for a in authors) >= 3
    cases = {(a["name"], label.case_key) for a in authors for label in load_gold(_gold(a["name"]))}
    assert len(cases) >= 180


@pytest.mark.parametrize("name", [a["name"] for a in _delivered()] if EVAL.is_dir() else [])
def test_every_case_is_judged_on_all_25_codes_in_gold_and_both_labellings(name: str) -> None:
    gold = load_gold(_gold(name))
    codes_per_case: dict[tuple[str, str], list[str]] = defaultdict(list)
    for label in gold:
        codes_per_case[label.case_key].append(label.rule)
    assert len(codes_per_case) >= 30
    for case, codes in codes_per_case.items():
        assert sorted(codes) == sorted(CONTRACT_RULES), case
    pairs = {(g.input, g.case_id, g.rule) for g in gold}
    for labelling in ("labels_first.csv", "labels_second.csv"):
        rows = _rows(EVAL / name / labelling)
        assert {(r["input"], r["case_id"], r["rule"]) for r in rows} == pairs, labelling
        assert len(rows) == len(pairs), labelling
        assert {r["expected"] for r in rows} <= {"fail", "clear"}, labelling
    for input_name in {g.input for g in gold}:
        assert (EVAL / name / input_name).exists(), input_name


@pytest.mark.parametrize("name", [a["name"] for a in _delivered()] if EVAL.is_dir() else [])
def test_every_disagreement_between_the_labellings_was_adjudicated(name: str) -> None:
    """Where the two labellings differ, ADJUDICATION.md says how it was settled."""
    first = {(r["input"], r["case_id"], r["rule"]): r["expected"] for r in _rows_of(name, 1)}
    second = {(r["input"], r["case_id"], r["rule"]): r["expected"] for r in _rows_of(name, 2)}
    differ = [key for key in first if first[key] != second[key]]
    if not differ:
        return
    notes = (EVAL / name / "ADJUDICATION.md").read_text(encoding="utf-8")
    for _, case_id, rule in differ:
        assert case_id in notes and rule in notes, (case_id, rule)


def _rows_of(name: str, which: int) -> list[dict[str, str]]:
    return _rows(EVAL / name / ("labels_first.csv" if which == 1 else "labels_second.csv"))


@pytest.mark.parametrize("split", ["tuning", "blind"])
def test_each_split_shows_every_rule_failing_and_clear_with_its_precondition_met(
    split: str,
) -> None:
    """Counts from gold, with "precondition met" taken from the second labeller's judgement
    (pass, not n/a) where the gold agrees that the rule is clear."""
    fails: Counter[str] = Counter()
    passes: Counter[str] = Counter()
    if split == "blind" and any(a["split"] == split for a in _awaited()):
        # the split's coverage is judged once every commissioned blind author is in: one
        # author alone holds 3 of a rule, the split's 4 needs the others
        pytest.skip(
            "blind authors awaiting their second labelling: "
            + ", ".join(a["name"] for a in _awaited())
        )
    for author in [a for a in _delivered() if a["split"] == split]:
        judged = {
            (r["input"], r["case_id"], r["rule"]): r.get("judgement", "")
            for r in _rows_of(author["name"], 2)
        }
        for label in load_gold(_gold(author["name"])):
            if label.fails:
                fails[label.rule] += 1
            elif judged.get((label.input, label.case_id, label.rule)) == "pass":
                passes[label.rule] += 1
    thin = {
        code: (fails[code], passes[code])
        for code in CONTRACT_RULES
        if min(fails[code], passes[code]) < MIN_CASES_PER_SPLIT_RULE
    }
    assert not thin, f"{split}: (fail, pass) below {MIN_CASES_PER_SPLIT_RULE}: {thin}"


def test_the_ledger_names_every_blind_author() -> None:
    ledger = (EVAL / "LEDGER.md").read_text(encoding="utf-8")
    for author in _delivered():
        if author["split"] == "blind":
            assert author["name"] in ledger, author["name"]


def _accuracy_script():
    """bench/accuracy.py, imported from its file (bench/ is not a package)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bench" / "accuracy.py"
    spec = importlib.util.spec_from_file_location("bench_accuracy", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_labels(path: Path, expected: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["input,case_id,rule,expected,why"]
    lines += [f"cases/n.csv,C{i},DEM001,{value},x" for i, value in enumerate(expected)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_agreement_is_computed_per_author_from_each_authors_own_labellings(
    tmp_path, capsys
) -> None:
    """Two authors, one in full agreement and one in none: each column shows its own kappa."""
    (tmp_path / "authors.yaml").write_text(
        "authors:\n  - {name: x1, split: tuning}\n  - {name: x2, split: blind}\n",
        encoding="utf-8",
    )
    _write_labels(tmp_path / "x1" / "labels_first.csv", ["fail", "clear", "fail", "clear"])
    _write_labels(tmp_path / "x1" / "labels_second.csv", ["fail", "clear", "fail", "clear"])
    _write_labels(tmp_path / "x2" / "labels_first.csv", ["fail", "clear", "fail", "clear"])
    _write_labels(tmp_path / "x2" / "labels_second.csv", ["clear", "fail", "clear", "fail"])
    _accuracy_script().print_agreement(tmp_path, markdown=True)
    table = capsys.readouterr().out
    assert "| rule | x1 | x2 | all |" in table
    assert "| DEM001 | 1.00 (4/4) | -1.00 (0/4) | 0.00 (4/8) |" in table
