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
