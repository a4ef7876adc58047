"""The command line: the JSON contract, exit codes, one-line errors, and the info commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recordlint import __version__
from recordlint.cli import main
from recordlint.rulebook.loader import load_rulebook

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HEADER = "Child ID,Ethnicity,First Language,Religion,Father,Household,Note,Date\n"
GOOD = HEADER + "G1,WBRI,English,None,Marcus Reid,Mum and G1,Seen alone,01/01/2024\n"
GAP = HEADER + "B1,,English,None,Marcus Reid,Mum and B1,Seen alone,01/01/2024\n"
ALL_RULES = sorted(load_rulebook(entry_points=False).rules)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def csv(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_json_contract_on_the_fixtures() -> None:
    result = run("check", str(FIXTURES), "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert set(report) == {"tool", "cases", "errors", "summary"}
    assert report["tool"]["name"] == "recordlint" and report["tool"]["schema_version"] == 1
    assert len(report["cases"]) == 23 == report["summary"]["cases"]
    for case in report["cases"]:
        assert {"case_id", "sources", "score", "checks", "findings"} <= set(case)
        assert set(case["checks"]) == set(ALL_RULES)
        for finding in case["findings"]:
            assert {
                "rule",
                "name",
                "severity",
                "message",
                "evidence",
                "advice",
                "reference",
            } <= set(finding)
    c1003 = next(c for c in report["cases"] if c["case_id"] == "C1003")
    assert c1003["checks"]["DEM001"] == "fail"
    dem001 = next(f for f in c1003["findings"] if f["rule"] == "DEM001")
    assert any(e["value"] == "NOBT" for e in dem001["evidence"])
    assert report["errors"] == []


def test_text_report_groups_by_case_quotes_evidence_and_ends_with_a_summary(tmp_path: Path) -> None:
    result = run("check", csv(tmp_path, "gap.csv", GAP), csv(tmp_path, "good.csv", GOOD))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("B1  score 86%")  # 6 of the 7 rules that apply pass
    assert any("DEM001 ethnicity-not-recorded" in line for line in lines)
    assert any(line.strip().startswith("> ethnicity = (blank)") for line in lines)
    assert any("What to record:" in line for line in lines)
    assert lines[-1] == (
        "2 cases checked from 2 files; 1 with findings (1 warning); 1 clean; "
        "not evaluated, the input lacks what they need: PLN002 (2), TIM001 (2)."
    )
    assert "G1" not in result.stdout.split("\n\n")[0]


def test_clean_input_exits_0(tmp_path: Path) -> None:
    assert run("check", csv(tmp_path, "good.csv", GOOD)).exit_code == 0


def test_fail_on(tmp_path: Path) -> None:
    gap = csv(tmp_path, "gap.csv", GAP)
    assert run("check", gap, "--fail-on", "error").exit_code == 0
    assert run("check", gap, "--fail-on", "never").exit_code == 0
    assert run("check", gap, "--fail-on", "info").exit_code == 1


def test_select_and_ignore(tmp_path: Path) -> None:
    gap = csv(tmp_path, "gap.csv", GAP)
    result = run("check", gap, "--select", "DEM002,DEM003", "-f", "json")
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)["cases"][0]["checks"]) == {"DEM002", "DEM003"}
    assert run("check", gap, "--ignore", "DEM001").exit_code == 0


def test_unknown_selection_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", csv(tmp_path, "good.csv", GOOD), "--select", "NOPE")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "recordlint: no rule code or prefix matches 'NOPE' (see `recordlint rules`)"
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.csv", None, "no such file or folder"),
        ("binary.csv", bytes(range(256)), "binary file, not text"),
    ],
)
def test_bad_input_exits_2_with_one_line_and_still_reports_the_good_file(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    result = run("check", str(bad), csv(tmp_path, "gap.csv", GAP), "-f", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"recordlint: {bad}: {message}"]
    report = json.loads(result.stdout)
    assert [c["case_id"] for c in report["cases"]] == ["B1"]
    assert report["cases"][0]["checks"]["DEM001"] == "fail"
    assert [e["path"] for e in report["errors"]] == [str(bad)]


def test_output_file_and_refusal_to_overwrite_an_input(tmp_path: Path) -> None:
    good = csv(tmp_path, "good.csv", GOOD)
    out = tmp_path / "report.json"
    assert run("check", good, "-f", "json", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())["summary"]["cases"] == 1
    result = run("check", good, "-o", good)
    assert result.exit_code == 2 and "refusing to write the report over an input" in result.stderr
    assert Path(good).read_text() == GOOD


def test_config_file_is_used_and_its_errors_are_one_line(tmp_path: Path) -> None:
    gap = csv(tmp_path, "gap.csv", GAP)
    config = tmp_path / "recordlint.toml"
    config.write_text('ignore = ["DEM001"]\n')
    assert run("check", gap, "--config", str(config)).exit_code == 0
    config.write_text('[rules.DEM999]\nseverity = "info"\n')
    result = run("check", gap, "--config", str(config))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"recordlint: {config}: [rules.DEM999]: no rule has code DEM999"


def test_a_crashing_rule_exits_3_without_a_traceback(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "TST001_crash.py").write_text(
        "from recordlint.api import rule\n"
        "@rule(code='TST001', name='crash', message='m')\n"
        "def check(case):\n    raise RuntimeError('bug in a rule')\n"
    )
    result = run("check", csv(tmp_path, "good.csv", GOOD), "--rules", str(pack), "-f", "json")
    assert result.exit_code == 3
    assert "Traceback" not in result.stderr
    where = tmp_path / "good.csv"
    assert result.stderr.splitlines() == [
        f"recordlint: {where}: rule TST001 failed on case G1 (RuntimeError: bug in a rule)"
    ]
    assert json.loads(result.stdout)["cases"][0]["checks"]["DEM001"] == "pass"


def test_rules_lists_every_rule() -> None:
    result = run("rules")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == ALL_RULES
    assert {"DEM001", "DEM006", "REF001", "REF002", "ACT001", "DIV001", "DIV002"} <= set(ALL_RULES)
    assert "ethnicity-not-recorded" in result.stdout and "demographics" in result.stdout


def test_explain() -> None:
    result = run("explain", "dem002")
    assert result.exit_code == 0
    assert result.stdout.startswith("DEM002 language-not-recorded")
    for heading in (
        "Reference: Audit recommendation 1",
        "Why:",
        "What to record:",
        "Examples that fail:",
    ):
        assert heading in result.stdout
    assert run("explain", "DEM999").exit_code == 2


def test_version() -> None:
    assert run("--version").stdout.strip() == f"recordlint, version {__version__}"


def test_a_report_piped_into_a_reader_that_stops_ends_quietly() -> None:
    """`recordlint check ... -f json | head`: no "cannot write the report" line."""
    import subprocess
    import sys

    command = [sys.executable, "-c", "from recordlint.cli import main; main()"]
    process = subprocess.Popen(
        [*command, "check", str(FIXTURES), "-f", "json", "-q"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.readline() == b"{\n"
    process.stdout.close()  # the report is far larger than the pipe holds: its writes now fail
    stderr = process.stderr.read().decode()
    process.wait(timeout=120)
    assert "cannot write" not in stderr and "Traceback" not in stderr
    assert process.returncode == 0
