"""Running the check on the cases a gold file names and pairing each judgement with the result.

A case in the gold file is found among the run's reports by its id, among the reports read from
the input the gold names (then anywhere in the run); then by another of its identifiers (a
case recordlint filed under the child's NHS number while the gold uses the case reference finds
the reference among the case's fields); then, for a single-case input, by its file. The
evaluation says how each case was found, so a misread id is seen, and it costs what it costs:
a family table filed under another id is still missing from the case it was matched to. A case
recordlint never reported is counted as "no finding" for every rule, never dropped: a case the
tool cannot read is a miss a user would suffer. A rule counts as failing when it fails with a
finding above info (an info-only result is advice, not a failure).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recordlint.config import Config
from recordlint.engine import lint
from recordlint.evaluation.gold import CORE_RULES, GoldError, GoldLabel, load_gold
from recordlint.evaluation.scores import Confusion, Figures, figures_by_rule
from recordlint.model import CaseReport, Finding, Problem, Severity, Status
from recordlint.results import LintRun
from recordlint.rulebook.loader import RuleBook, load_rulebook

#: the status shown for a case that no report matched
NOT_FOUND = "not-found"


@dataclass(frozen=True)
class Pair:
    """One gold judgement beside what recordlint said of the same case and rule."""

    label: GoldLabel
    predicted: bool
    status: str
    reason: str = ""
    findings: tuple[Finding, ...] = ()

    @property
    def agrees(self) -> bool:
        return self.label.fails == self.predicted

    @property
    def outcome(self) -> str:
        """TP, FP, FN or TN, the positive class being "the rule fails"."""
        if self.label.fails:
            return "TP" if self.predicted else "FN"
        return "FP" if self.predicted else "TN"


@dataclass(frozen=True)
class CaseMatch:
    """How one gold case was found in the run (or that it was not)."""

    input: str
    case_id: str
    report_id: str | None
    how: str  # "id", "field" (another of the case's identifiers), "file" or NOT_FOUND


@dataclass
class Evaluation:
    """Every pair, the figures per rule and across rules, and what stood in the way."""

    gold: str
    pairs: list[Pair]
    matches: list[CaseMatch]
    problems: list[Problem] = field(default_factory=list)
    #: each judged rule's name, for people reading the figures
    names: dict[str, str] = field(default_factory=dict)

    @property
    def by_rule(self) -> dict[str, Confusion]:
        return figures_by_rule((p.label.rule, p.label.fails, p.predicted) for p in self.pairs)

    @property
    def overall(self) -> Figures:
        return Figures.of(self.by_rule)

    @property
    def core(self) -> Figures:
        return Figures.of(self.by_rule, CORE_RULES)

    @property
    def disagreements(self) -> list[Pair]:
        return [p for p in self.pairs if not p.agrees]

    @property
    def cases(self) -> int:
        return len(self.matches)

    @classmethod
    def pooled(cls, name: str, parts: Sequence[Evaluation]) -> Evaluation:
        """Several gold files' evaluations as one (a split of a corpus): their pairs pooled, so
        the figures weigh every judgement alike."""
        return cls(
            gold=name,
            pairs=[pair for part in parts for pair in part.pairs],
            matches=[match for part in parts for match in part.matches],
            problems=[problem for part in parts for problem in part.problems],
            names={code: n for part in parts for code, n in part.names.items()},
        )


def evaluate_gold(
    gold_path: Path,
    base: Path | None = None,
    config: Config | None = None,
    *,
    rulebook: RuleBook | None = None,
    jobs: int = 1,
) -> Evaluation:
    """Check the inputs `gold_path` names (relative to `base`, by default the gold file's
    folder) with the rules it judges, and pair every judgement with the result.

    The whole export the named inputs sit in is checked (`export_paths`), so a case's fields
    and family tables in other files count. Raises `GoldError` for an unusable gold file or
    a rule code no pack has; bad input files become problems in the evaluation, as in a check.
    """
    labels = load_gold(gold_path)
    config = config or Config()
    book = rulebook or load_rulebook(config.rule_paths)
    codes = sorted({label.rule for label in labels})
    for label in labels:
        if label.rule not in book.rules:
            raise GoldError(
                f"{gold_path}, row {label.row}: no rule has code {label.rule} "
                "(see `recordlint rules`)"
            )
    folder = base if base is not None else gold_path.parent
    inputs = list(dict.fromkeys(label.input for label in labels))
    paths = export_paths([folder / name for name in inputs], gold_path)
    selected = config.with_overrides(select=tuple(codes), ignore=())
    run = lint(paths, selected, rulebook=book, jobs=jobs)  # whole cases: their ids are matched
    matches, found = _match_cases(labels, run, folder)
    pairs = [_pair(label, found.get(label.case_key)) for label in labels]
    return Evaluation(
        gold=str(gold_path),
        pairs=pairs,
        matches=matches,
        problems=run.problems,
        names={code: book.rules[code].name for code in codes},
    )


def export_paths(named: Sequence[Path], gold_path: Path) -> list[Path]:
    """What to check for a gold file: the whole export its inputs sit in, not only the files
    it names.

    A gold row names the file holding a case's notes, but the case's fields, family table or
    another agency's notes may sit in other files of the same export (`cases/clients.csv`
    beside `cases/docs/<child>.txt`), and a careful reader reads them all; checking only the
    named files would count a recorded ethnicity or household as missing. The export is the
    folder beside the gold file that holds every named input. Inputs beside the gold file
    itself, or in several such folders, are no one export, and only they are checked. A named
    input that does not exist is still passed on, so its absence is reported as a problem.
    """
    gold_folder = _resolved(gold_path).parent
    tops: set[Path] = set()
    for path in named:
        try:
            parts = _resolved(path).relative_to(gold_folder).parts
        except ValueError:  # outside the gold file's folder
            return list(named)
        if len(parts) < 2:
            return list(named)
        tops.add(gold_folder / parts[0])
    if len(tops) != 1:
        return list(named)
    return [*tops, *(path for path in named if not path.exists())]


def _pair(label: GoldLabel, report: CaseReport | None) -> Pair:
    if report is None:
        return Pair(label, predicted=False, status=NOT_FOUND)
    check = report.checks.get(label.rule)
    findings = tuple(f for f in report.findings if f.rule == label.rule)
    failing = (
        check is not None
        and check.status is Status.FAIL
        and any(f.severity > Severity.INFO for f in findings)
    )
    status = check.status.value if check is not None else "not-run"
    return Pair(label, failing, status, check.reason if check else "", findings)


def _normal_id(case_id: str) -> str:
    return re.sub(r"\s+", " ", case_id).strip().casefold()


def _match_cases(
    labels: Sequence[GoldLabel], run: LintRun, folder: Path
) -> tuple[list[CaseMatch], dict[tuple[str, str], CaseReport]]:
    reports = list(run.reports)
    by_id: dict[str, list[CaseReport]] = defaultdict(list)
    by_other_id: dict[str, list[CaseReport]] = defaultdict(list)
    for report in reports:
        by_id[_normal_id(report.case_id)].append(report)
        for value in _identifiers(report):
            by_other_id[value].append(report)
    keys = list(dict.fromkeys(label.case_key for label in labels))
    cases_per_input: dict[str, int] = defaultdict(int)
    for input_name, _ in keys:
        cases_per_input[input_name] += 1
    matches: list[CaseMatch] = []
    found: dict[tuple[str, str], CaseReport] = {}
    for input_name, case_id in keys:
        target = _resolved(folder / input_name)
        from_input = [r for r in reports if _read_from(r, target)]
        report, how = None, NOT_FOUND
        for way, index in (("id", by_id), ("field", by_other_id)):
            same = index.get(_normal_id(case_id), [])
            preferred = [r for r in same if r in from_input] or same
            if preferred:
                report, how = preferred[0], way
                break
        if report is None and len(from_input) == 1 and cases_per_input[input_name] == 1:
            report, how = from_input[0], "file"
        if report is not None:
            found[(input_name, case_id)] = report
        matches.append(
            CaseMatch(input_name, case_id, report.case_id if report is not None else None, how)
        )
    return matches, found


def _identifiers(report: CaseReport) -> set[str]:
    """Every value in the case's fields and the child's id, as ids are compared."""
    values = {_normal_id(v.value) for vs in report.case.fields.values() for v in vs}
    if report.case.child.person_id:
        values.add(_normal_id(report.case.child.person_id))
    values.discard(_normal_id(report.case_id))
    return values


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path.absolute()


def _read_from(report: CaseReport, target: Path) -> bool:
    """Whether any of the report's sources is the file `target` or lies under the folder."""
    for source in report.case.sources:
        path = _resolved(Path(source.path))
        if path == target or target in path.parents:
            return True
    return False
