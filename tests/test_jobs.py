"""`--jobs N`: the same report, byte for byte, in the same order, from a pool of processes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recordlint import lint
from recordlint.cli import main
from recordlint.reporters.json_report import report_dict
from recordlint.summary import summarise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_two_processes_give_the_same_report_as_one() -> None:
    one = lint([FIXTURES], jobs=1)
    two = lint([FIXTURES], jobs=2)
    assert [r.case_id for r in two.reports] == [r.case_id for r in one.reports]
    assert report_dict(two, summarise(two, None)) == report_dict(one, summarise(one, None))


def test_the_cli_output_is_identical_byte_for_byte(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"report-{jobs}.json"
        result = CliRunner().invoke(
            main, ["check", str(FIXTURES), "-f", "json", "-o", str(out), "-j", jobs, "-q"]
        )
        assert result.exit_code == 1
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
