"""`recordlint evaluate`: gold files read strictly, figures that move as the rules do."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recordlint.cli import main
from recordlint.evaluation import Confusion, Evaluation, Figures, GoldError, evaluate_gold
from recordlint.evaluation.render import render
from recordlint.model import Evidence, Severity, Violation
from recordlint.rulebook.loader import RuleBook, load_rulebook

DOCUMENT = """Case ID: {case_id}
Child: Sam Test
Date of birth: 01/02/2012
Ethnicity: {ethnicity}
First language: English
Interpreter required: No
Religion: None

12/03/2024 - SW Jones - Social Care - Visit
Sam was seen alone and said "I like my new school".
"""


def write_corpus(folder: Path, gold_rows: list[str]) -> Path:
    """Three one-case documents (ethnicity recorded in A1 and A3, not in A2) and a gold file."""
    cases = folder / "cases"
    cases.mkdir()
    for case_id, ethnicity in (("A1", "WBRI"), ("A2", "Not known"), ("A3", "BAFR")):
        (cases / f"{case_id}.txt").write_text(
            DOCUMENT.format(case_id=case_id, ethnicity=ethnicity), encoding="utf-8"
        )
    gold = folder / "gold.csv"
    gold.write_text("input,case_id,rule,expected,why\n" + "\n".join(gold_rows) + "\n")
    return gold


GOLD = [
    "cases/A1.txt,A1,DEM001,clear,WBRI recorded",
    "cases/A2.txt,A2,DEM001,fail,ethnicity Not known in every source",
    "cases/A3.txt,A3,DEM001,clear,BAFR recorded",
    "cases/A1.txt,A1,DEM003,clear,None is an answer",
    "cases/A2.txt,A2,DEM003,clear,None is an answer",
    "cases/A3.txt,A3,DEM003,fail,deliberately wrong: religion None is a record",
]


def book_with(code: str, check) -> RuleBook:
    """The built-in rulebook with one rule's logic replaced."""
    book = load_rulebook(entry_points=False)
    book.rules[code] = dataclasses.replace(book.rules[code], check=check)
    return book


def always_fail(case):
    return [Violation(evidence=(Evidence(source="test", quote="made to fail"),))]


def never_fail(case):
    return []


def info_only(case):
    return [Violation(severity=Severity.INFO, evidence=(Evidence(source="test"),))]


# --- figures


def test_confusion_figures_and_kappa() -> None:
    counts = Confusion(tp=8, fp=2, fn=4, tn=6)
    assert counts.precision == pytest.approx(0.8)
    assert counts.recall == pytest.approx(8 / 12)
    assert counts.f1 == pytest.approx(16 / 22)
    # observed 14/20; chance (10*12 + 10*8) / 400 = 0.5
    assert counts.kappa == pytest.approx((0.7 - 0.5) / 0.5)


def test_undefined_figures_are_none_not_invented() -> None:
    nothing_found = Confusion(tp=0, fp=0, fn=3, tn=7)
    assert nothing_found.precision is None
    assert nothing_found.recall == 0
    assert nothing_found.f1 == 0
    all_clear = Confusion(tn=10)
    assert all_clear.f1 is None and all_clear.precision is None and all_clear.recall is None
    assert all_clear.kappa is None  # one answer throughout: chance agreement is total


def test_micro_pools_counts_and_macro_averages_defined_rules() -> None:
    by_rule = {"A": Confusion(tp=1, fp=1), "B": Confusion(tp=3, fn=1), "C": Confusion(tn=4)}
    figures = Figures.of(by_rule)
    assert figures.micro == Confusion(tp=4, fp=1, fn=1, tn=4)
    assert figures.macro_precision == pytest.approx((0.5 + 1.0) / 2)  # C has none
    assert Figures.of(by_rule, ["B", "Z"]).rules == ("B",)


# --- gold files


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("input,case_id,rule\nx,1,DEM001\n", "no column expected"),
        ("input,case_id,rule,expected\nx,1,DEM001,maybe\n", "row 2: expected is 'maybe'"),
        ("input,case_id,rule,expected\nx,1,DEM 1,fail\n", "row 2: 'DEM 1' is not a rule code"),
        ("input,case_id,rule,expected\nx,,DEM001,fail\n", "row 2: no case_id"),
        (
            "input,case_id,rule,expected\nx,1,DEM001,fail\nx,1,dem001,clear\n",
            "row 3: DEM001 for case 1 is judged already in row 2",
        ),
        ("input,case_id,rule,expected\n", "has no judgements"),
    ],
)
def test_a_bad_gold_file_is_one_error_naming_the_row(tmp_path, text, message) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text(text)
    with pytest.raises(GoldError, match=message):
        evaluate_gold(gold)


def test_a_rule_no_pack_has_is_named_with_its_row(tmp_path) -> None:
    gold = write_corpus(tmp_path, [*GOLD, "cases/A1.txt,A1,ZZZ999,fail,no such rule"])
    with pytest.raises(GoldError, match=r"row 8: no rule has code ZZZ999"):
        evaluate_gold(gold)


# --- the evaluation


def test_real_rules_on_a_small_corpus(tmp_path) -> None:
    evaluation = evaluate_gold(write_corpus(tmp_path, GOLD))
    assert evaluation.by_rule["DEM001"] == Confusion(tp=1, fp=0, fn=0, tn=2)
    assert evaluation.by_rule["DEM003"] == Confusion(tp=0, fp=0, fn=1, tn=2)
    assert evaluation.overall.micro == Confusion(tp=1, fp=0, fn=1, tn=4)
    [wrong] = evaluation.disagreements
    assert (wrong.label.rule, wrong.label.case_id, wrong.outcome) == ("DEM003", "A3", "FN")
    assert all(m.how == "id" for m in evaluation.matches)


def test_a_rule_made_to_always_fail_loses_its_precision(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    evaluation = evaluate_gold(gold, rulebook=book_with("DEM001", always_fail))
    assert evaluation.by_rule["DEM001"] == Confusion(tp=1, fp=2, fn=0, tn=0)
    assert evaluation.by_rule["DEM001"].precision == pytest.approx(1 / 3)
    assert evaluation.by_rule["DEM001"].recall == 1
    false_alarms = [p for p in evaluation.disagreements if p.outcome == "FP"]
    assert {p.label.case_id for p in false_alarms} == {"A1", "A3"}
    assert false_alarms[0].findings[0].evidence[0].quote == "made to fail"


def test_a_rule_made_to_never_fail_loses_its_recall(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    evaluation = evaluate_gold(gold, rulebook=book_with("DEM001", never_fail))
    counts = evaluation.by_rule["DEM001"]
    assert counts == Confusion(tp=0, fp=0, fn=1, tn=2)
    assert counts.recall == 0 and counts.f1 == 0 and counts.precision is None


def test_info_only_findings_count_as_not_failing(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    evaluation = evaluate_gold(gold, rulebook=book_with("DEM001", info_only))
    assert evaluation.by_rule["DEM001"] == Confusion(tp=0, fp=0, fn=1, tn=2)


def test_core_six_figures_only_count_core_rules(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    book = book_with("DEM005", always_fail)
    rows = [*GOLD, *(f"cases/A{n}.txt,A{n},DEM005,clear,household" for n in (1, 2, 3))]
    (tmp_path / "gold.csv").write_text("input,case_id,rule,expected,why\n" + "\n".join(rows))
    evaluation = evaluate_gold(gold, rulebook=book)
    assert evaluation.overall.micro.fp == 3
    assert evaluation.core.micro.fp == 0
    assert "DEM005" not in evaluation.core.rules


def test_a_case_read_under_another_id_is_matched_by_its_file(tmp_path) -> None:
    rows = [row.replace(",A3,", ",HX-0003,") for row in GOLD]
    evaluation = evaluate_gold(write_corpus(tmp_path, rows))
    matched = {m.case_id: m for m in evaluation.matches}
    assert (matched["HX-0003"].how, matched["HX-0003"].report_id) == ("file", "A3")
    assert evaluation.by_rule["DEM001"].tn == 2


def test_a_fields_table_elsewhere_in_the_export_counts(tmp_path) -> None:
    # the gold names each case's notes; the export's fields table records A2's ethnicity
    evaluation = evaluate_gold(write_corpus(tmp_path, GOLD))
    assert evaluation.by_rule["DEM001"].tp == 1
    fields = tmp_path / "cases" / "tables"
    fields.mkdir()
    (fields / "children.csv").write_text("Case ID,Ethnicity\nA2,WIRI\n", encoding="utf-8")
    evaluation = evaluate_gold(tmp_path / "gold.csv")
    assert evaluation.by_rule["DEM001"] == Confusion(tp=0, fp=0, fn=1, tn=2)


def test_inputs_beside_the_gold_file_are_checked_alone(tmp_path) -> None:
    # a gold file beside its inputs is no export: a stray table there is not read
    (tmp_path / "A2.txt").write_text(DOCUMENT.format(case_id="A2", ethnicity="Not known"))
    (tmp_path / "children.csv").write_text("Case ID,Ethnicity\nA2,WIRI\n", encoding="utf-8")
    gold = tmp_path / "gold.csv"
    gold.write_text("input,case_id,rule,expected,why\nA2.txt,A2,DEM001,fail,not known\n")
    assert evaluate_gold(gold).by_rule["DEM001"] == Confusion(tp=1)


def test_a_case_recordlint_never_reports_counts_as_not_failing(tmp_path) -> None:
    rows = [*GOLD, "cases/missing.txt,Q9,DEM001,fail,the file is gone"]
    evaluation = evaluate_gold(write_corpus(tmp_path, rows))
    assert evaluation.by_rule["DEM001"].fn == 1
    assert [m.case_id for m in evaluation.matches if m.how == "not-found"] == ["Q9"]
    assert any("missing.txt" in str(p) for p in evaluation.problems)


def test_pooled_evaluations_weigh_every_judgement_alike(tmp_path) -> None:
    first = tmp_path / "one"
    second = tmp_path / "two"
    first.mkdir()
    second.mkdir()
    one = evaluate_gold(write_corpus(first, GOLD))
    two = evaluate_gold(write_corpus(second, GOLD), rulebook=book_with("DEM001", always_fail))
    pooled = Evaluation.pooled("both", [one, two])
    assert pooled.by_rule["DEM001"] == Confusion(tp=2, fp=2, fn=0, tn=2)
    assert pooled.cases == 6


# --- the command


def test_cli_text_lists_figures_and_disagreements_with_the_gold_reason(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    result = CliRunner().invoke(main, ["evaluate", str(gold)])
    assert result.exit_code == 0, result.output
    assert "DEM001" in result.output and "core six, micro" in result.output
    assert "FN DEM003 case A3" in result.output
    assert "deliberately wrong: religion None is a record" in result.output


def test_cli_min_f1_sets_the_exit_status(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    assert CliRunner().invoke(main, ["evaluate", str(gold), "--min-f1", "0.6"]).exit_code == 0
    missed = CliRunner().invoke(main, ["evaluate", str(gold), "--min-f1", "0.7"])
    assert missed.exit_code == 1
    assert "micro F1 0.667 is below --min-f1 0.7" in missed.output


def test_cli_json_and_figures_only(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    full = json.loads(CliRunner().invoke(main, ["evaluate", str(gold), "-f", "json"]).output)
    assert full["all"]["micro"] == {
        "tp": 1, "fp": 0, "fn": 1, "tn": 4,
        "precision": 1.0, "recall": 0.5, "f1": 0.6667, "kappa": 0.5714,
    }  # fmt: skip
    assert [d["rule"] for d in full["disagreements"]] == ["DEM003"]
    args = ["evaluate", str(gold), "-f", "json", "--figures-only"]
    blind = json.loads(CliRunner().invoke(main, args).output)
    assert "disagreements" not in blind and blind["all"] == full["all"]


def test_cli_csv_and_html_outputs(tmp_path) -> None:
    gold = write_corpus(tmp_path, GOLD)
    table = CliRunner().invoke(main, ["evaluate", str(gold), "-f", "csv"]).output.splitlines()
    assert table[0] == "rule,name,tp,fp,fn,tn,precision,recall,f1,kappa"
    assert table[1].startswith("DEM001,ethnicity-not-recorded,1,0,0,2,1.0000")
    page = tmp_path / "evaluation.html"
    result = CliRunner().invoke(main, ["evaluate", str(gold), "-f", "html", "-o", str(page)])
    assert result.exit_code == 0
    html = page.read_text()
    assert "Content-Security-Policy" in html and "FN DEM003" in html


def test_html_escapes_what_the_records_and_gold_say(tmp_path) -> None:
    rows = [row.replace("deliberately wrong", "<script>alert(1)</script>") for row in GOLD]
    page = render(evaluate_gold(write_corpus(tmp_path, rows)), "html")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_cli_bad_gold_is_one_line_and_exit_2(tmp_path) -> None:
    gold = tmp_path / "gold.csv"
    gold.write_text("input,case_id,rule,expected\nx,1,DEM001,perhaps\n")
    result = CliRunner().invoke(main, ["evaluate", str(gold)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"recordlint: {gold}, row 2: expected is 'perhaps'; write fail or clear"
    ]


def test_cli_unreadable_input_is_said_and_exit_2(tmp_path) -> None:
    gold = write_corpus(tmp_path, [*GOLD, "cases/gone.txt,G1,DEM001,fail,missing file"])
    result = CliRunner().invoke(main, ["evaluate", str(gold)])
    assert result.exit_code == 2
    assert "gone.txt" in result.output


def test_a_case_filed_under_another_of_its_ids_is_found_by_that_id(tmp_path) -> None:
    """The gold names the case reference; recordlint filed the case under the NHS number and
    kept the reference among its fields."""
    from recordlint.evaluation.compare import _match_cases
    from recordlint.evaluation.gold import GoldLabel
    from recordlint.model import Case, CaseReport, FieldValue, Person, Source, SourceRef
    from recordlint.results import LintRun

    where = SourceRef(str(tmp_path / "notes.jsonl"), row=2)
    case = Case(
        case_id="999 111 2222",
        child=Person(role="child", person_id="999 111 2222"),
        fields={"case_id": (FieldValue("RMASH-24-0001", where),)},
        sources=(Source(str(tmp_path / "notes.jsonl"), "jsonl"),),
    )
    run = LintRun(rules=[], reports=[CaseReport(case=case, findings=(), checks={})])
    label = GoldLabel("notes.jsonl", "RMASH-24-0001", "DEM001", True, "", 2)
    other = GoldLabel("notes.jsonl", "RMASH-24-0002", "DEM001", True, "", 3)
    matches, found = _match_cases([label, other], run, tmp_path)
    assert [(m.case_id, m.how, m.report_id) for m in matches] == [
        ("RMASH-24-0001", "field", "999 111 2222"),
        ("RMASH-24-0002", "not-found", None),
    ]
    assert found[label.case_key] is run.reports[0]
