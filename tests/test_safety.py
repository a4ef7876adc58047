"""No data leaves or changes, and the same inputs give the same report whatever their order."""

from __future__ import annotations

import hashlib
import shutil
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from recordlint import lint
from recordlint.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_same_report_whatever_the_order_of_the_inputs(tmp_path: Path) -> None:
    files = [*sorted((FIXTURES / "export").iterdir()), FIXTURES / "documents"]
    outputs = []
    for order in (files, files[::-1]):
        result = CliRunner().invoke(main, ["check", *map(str, order), "-f", "json", "-q"])
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]


def test_a_run_opens_no_network_socket(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("recordlint tried to open a network socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    run = lint([FIXTURES])
    assert len(run.reports) == 23


def test_inputs_are_untouched_and_reports_go_only_where_asked(tmp_path: Path) -> None:
    copy = tmp_path / "fixtures"
    shutil.copytree(FIXTURES, copy)
    before = digest(copy)
    out = tmp_path / "out"
    out.mkdir()
    for fmt, target in (("json", out / "r.json"), ("html", out / "html"), ("xlsx", out / "r.xlsx")):
        CliRunner().invoke(main, ["check", str(copy), "-f", fmt, "-o", str(target), "-q"])
    assert digest(copy) == before
    assert sorted(p.name for p in out.iterdir()) == ["html", "r.json", "r.xlsx"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fixtures", "out"]


def test_a_note_over_the_limit_is_read_in_part_and_reported(tmp_path: Path) -> None:
    big = "Zara said she self-harmed. " * 400_000  # about 10.8 million characters
    export = tmp_path / "big.csv"
    export.write_text(f"Child ID,Note,Date\nB1,{big},01/03/2024\nG1,Seen alone.,01/03/2024\n")
    config = tmp_path / "recordlint.toml"
    config.write_text("[limits]\nmax-note-chars = 100000\n")
    result = CliRunner().invoke(
        main, ["check", str(export), "--config", str(config), "-f", "json", "-q"]
    )
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"recordlint: {export}, row 2: note big.csv:2 is 10,799,999 characters, over the limit "
        "of 100,000 (limits.max-note-chars in config); the first 100,000 are read"
    ]
    assert "G1" in result.stdout and "B1" in result.stdout  # nothing else lost


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    export = tmp_path / "big.csv"
    export.write_text("Child ID,Note,Date\n" + "B1,Seen.,01/03/2024\n" * 60_000)
    good = tmp_path / "good.csv"
    good.write_text("Child ID,Note,Date\nG1,Seen alone.,01/03/2024\n")
    config = tmp_path / "recordlint.toml"
    config.write_text("[limits]\nmax-file-mb = 1\n")
    result = CliRunner().invoke(
        main, ["check", str(export), str(good), "--config", str(config), "-f", "json", "-q"]
    )
    assert result.exit_code == 2
    assert "over the limit of 1 MB (limits.max-file-mb in config); not read" in result.stderr
    assert '"case_id": "G1"' in result.stdout
