"""How often recordlint agrees with a careful reader: the tuning and blind figures in one run.

    python bench/accuracy.py                  # figures per rule for each split, no errors shown
    python bench/accuracy.py --errors a1      # also every disagreement of a tuning author
    python bench/accuracy.py --markdown       # the blind table as the README and LEDGER show it
    python bench/accuracy.py --agreement      # kappa between the two labellings, per rule

The corpus is `eval/` (see eval/README.md): each author's cases and gold.csv, and
eval/authors.yaml saying which authors are tuning and which blind. A blind author's errors are
never printed: its figures go into eval/LEDGER.md first, and only then, once its authors.yaml
entry says it has turned tuning, may its errors be read (`--errors`).

`--agreement` compares each author's `labels_first.csv` (the author's own labels) with
`labels_second.csv` (a second helper's, made without seeing the first), before adjudication:
disagreements were settled by rewriting the case until it had one reading, and `gold.csv` is
the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from recordlint.evaluation import Confusion, Evaluation, evaluate_gold, load_gold
from recordlint.evaluation.render import as_dict, as_text, figure, figures_table

EVAL = Path(__file__).resolve().parents[1] / "eval"


def load_authors(folder: Path) -> list[dict]:
    """The corpus's authors: name, split (tuning or blind) and what each wrote."""
    manifest = yaml.safe_load((folder / "authors.yaml").read_text(encoding="utf-8"))
    authors = manifest["authors"]
    for author in authors:
        if author.get("split") not in ("tuning", "blind"):
            raise SystemExit(f"eval/authors.yaml: {author.get('name')}: split is tuning or blind")
    return authors


def evaluate_split(
    folder: Path, authors: list[dict], split: str, jobs: int
) -> tuple[Evaluation, dict[str, Evaluation]] | None:
    """The split's authors pooled, and each author's own evaluation."""
    chosen = [a for a in authors if a["split"] == split]
    for author in [a for a in chosen if not (folder / a["name"] / "gold.csv").is_file()]:
        print(f"{author['name']}: no gold.csv yet, left out", file=sys.stderr)
        chosen.remove(author)
    if not chosen:
        return None
    parts = {a["name"]: evaluate_gold(folder / a["name"] / "gold.csv", jobs=jobs) for a in chosen}
    names = ", ".join(parts)
    return Evaluation.pooled(f"{split} ({names})", list(parts.values())), parts


def author_lines(parts: dict[str, Evaluation]) -> list[str]:
    """One line per author: micro precision, recall and F1 over all rules, and the core's F1
    (authors differ in voice and export, so one author's fall is worth seeing on its own)."""
    lines = []
    for name, evaluation in parts.items():
        every, core = evaluation.overall.micro, evaluation.core.micro
        lines.append(
            f"{name}: {evaluation.cases} cases; all rules P {figure(every.precision)} "
            f"R {figure(every.recall)} F1 {figure(every.f1)}; core F1 {figure(core.f1)}"
        )
    return lines


def markdown_table(evaluation: Evaluation) -> str:
    """The per-rule figures as a Markdown table, the all-rules and core rows last."""
    data = as_dict(evaluation, figures_only=True)
    shown = figure
    lines = ["| rule | TP | FP | FN | TN | precision | recall | F1 | kappa |", "|---" * 9 + "|"]
    for rule in data["rules"]:
        lines.append(
            f"| {rule['code']} | {rule['tp']} | {rule['fp']} | {rule['fn']} | {rule['tn']} | "
            f"{shown(rule['precision'])} | {shown(rule['recall'])} | {shown(rule['f1'])} | "
            f"{shown(rule['kappa'])} |"
        )
    for label in ("all", "core"):
        micro, macro = data[label]["micro"], data[label]["macro"]
        lines.append(
            f"| **{label}, micro** | {micro['tp']} | {micro['fp']} | {micro['fn']} | "
            f"{micro['tn']} | {shown(micro['precision'])} | {shown(micro['recall'])} | "
            f"{shown(micro['f1'])} | {shown(micro['kappa'])} |"
        )
        lines.append(
            f"| **{label}, macro** | | | | | {shown(macro['precision'])} | "
            f"{shown(macro['recall'])} | {shown(macro['f1'])} | {shown(macro['kappa'])} |"
        )
    return "\n".join(lines)


def paired(first: Path, second: Path) -> dict[str, list[tuple[bool, bool]]]:
    """(first fails, second fails) per rule, over the pairs both labellings judge."""
    seconds = {(g.input, g.case_id, g.rule): g.fails for g in load_gold(second)}
    by_rule: dict[str, list[tuple[bool, bool]]] = {}
    for label in load_gold(first):
        key = (label.input, label.case_id, label.rule)
        if key in seconds:
            by_rule.setdefault(label.rule, []).append((label.fails, seconds[key]))
    return by_rule


def print_agreement(folder: Path, markdown: bool) -> None:
    """Cohen's kappa per rule between the two labellings, per author and pooled."""
    columns: dict[str, dict[str, list[tuple[bool, bool]]]] = {}
    for author in load_authors(folder):
        labelled = folder / author["name"]
        first, second = labelled / "labels_first.csv", labelled / "labels_second.csv"
        if first.is_file() and second.is_file():
            columns[author["name"]] = paired(first, second)
    pooled: dict[str, list[tuple[bool, bool]]] = {}
    for by_rule in columns.values():
        for rule, pairs in by_rule.items():
            pooled.setdefault(rule, []).extend(pairs)
    columns["all"] = pooled
    names = list(columns)

    def kappa(pairs: list[tuple[bool, bool]]) -> str:
        counts = Confusion.of(pairs)
        return f"{figure(counts.kappa)} ({counts.tp + counts.tn}/{counts.total})"

    rules = sorted(pooled)
    rows = [[rule, *(kappa(columns[n].get(rule, [])) for n in names)] for rule in rules]
    everything = {n: [p for pairs in columns[n].values() for p in pairs] for n in names}
    rows.append(["all rules", *(kappa(everything[n]) for n in names)])
    if markdown:
        print("| rule | " + " | ".join(names) + " |")
        print("|---" * (len(names) + 1) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
    else:
        print(f"{'rule':<10}" + "".join(f"{n:>18}" for n in names))
        for row in rows:
            print(f"{row[0]:<10}" + "".join(f"{cell:>18}" for cell in row[1:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=EVAL, help="the corpus folder")
    parser.add_argument("--errors", metavar="AUTHOR", action="append", default=[])
    parser.add_argument("--markdown", action="store_true", help="Markdown tables")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--agreement", action="store_true", help="labellers' kappa only")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args(argv)
    if args.agreement:
        print_agreement(args.eval, args.markdown)
        return 0
    authors = load_authors(args.eval)
    by_name = {a["name"]: a for a in authors}
    for name in args.errors:
        if name not in by_name:
            parser.error(f"no author {name!r} in {args.eval / 'authors.yaml'}")
        if by_name[name]["split"] == "blind":
            parser.error(
                f"{name} is blind: write its figures in eval/LEDGER.md, mark it tuning in "
                "eval/authors.yaml (and commission a fresh blind author), then read its errors"
            )
    figures = {}
    for split in ("tuning", "blind"):
        measured = evaluate_split(args.eval, authors, split, args.jobs)
        if measured is None:
            continue
        evaluation, parts = measured
        figures[split] = as_dict(evaluation, figures_only=True)
        print(f"\n## {evaluation.gold}: {evaluation.cases} cases, {len(evaluation.pairs)} pairs\n")
        print(markdown_table(evaluation) if args.markdown else "\n".join(figures_table(evaluation)))
        print("\n" + "\n".join(author_lines(parts)))
        for problem in evaluation.problems:
            label = "hint" if problem.kind == "hint" else f"{problem.kind} error"
            print(f"{label}: {problem}", file=sys.stderr)
    for name in args.errors:
        evaluation = evaluate_gold(args.eval / name / "gold.csv", jobs=args.jobs)
        print(f"\n## errors of {name}\n")
        print(as_text(evaluation))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
