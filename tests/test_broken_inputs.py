"""The broken-input corpus (tests/broken_inputs/, issue 11): each file gets the outcome that
expected.yaml gives it, beside a good case document that must come out exactly as it does alone.

A broken input is one line on standard error naming the file (and its row or line), the same
problem in the JSON report's `errors`, exit status 2, no traceback, every other input still
linted, and nothing of what could be read lost. The inputs are never changed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from recordlint.cli import main
from recordlint.model import Problem
from recordlint.readers import read_inputs
from recordlint.reporters.text import printable

CORPUS = Path(__file__).resolve().parent / "broken_inputs"
GOOD = Path(__file__).resolve().parents[1] / "fixtures" / "documents" / "D2002_case_record.txt"
ENTRIES: list[dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expected.yaml").read_text(encoding="utf-8")
)["files"]
#: what sits in the corpus folder beside the corpus itself
NOT_CORPUS = {"make_corpus.py", "expected.yaml", ".gitattributes", "__pycache__"}


def lint(*paths: Path | str) -> Result:
    return CliRunner().invoke(main, ["check", *map(str, paths), "-f", "json", "-q"])


@pytest.fixture(scope="module")
def good_alone() -> dict[str, Any]:
    """The good document's case as it is reported when it is checked on its own."""
    result = lint(GOOD)
    assert result.exit_code == 0, "the exit statuses in expected.yaml assume D2002 is clean"
    (case,) = json.loads(result.stdout)["cases"]
    return case


def check_run(
    result: Result,
    exit_code: int,
    errors: list[dict[str, Any]],
    case_ids: set[str],
    good_alone: dict[str, Any],
) -> dict[str, Any]:
    """Everything a run with broken inputs must show; `errors` hold absolute paths."""
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == exit_code, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["exit_code"] == exit_code
    # standard error: one line per problem, the same problems as the JSON report's, in order
    shown = [
        "recordlint: "
        + printable(str(Problem(e["path"], e["message"], e["row"], e["line"], e["kind"])))
        for e in report["errors"]
    ]
    assert result.stderr.splitlines() == shown
    assert all("\x1b" not in line and "\r" not in line for line in shown)
    unmatched = list(report["errors"])
    for want in errors:
        match = next((e for e in unmatched if _matches(e, want)), None)
        assert match is not None, f"no error like {want} in {unmatched}"
        unmatched.remove(match)
    assert unmatched == [], "errors not in expected.yaml"
    cases = {case["case_id"]: case for case in report["cases"]}
    assert set(cases) == case_ids | {"D2002"}
    assert cases["D2002"] == good_alone  # the other input still linted, exactly as alone
    return report


def _matches(error: dict[str, Any], want: dict[str, Any]) -> bool:
    return (
        error["kind"] == want.get("kind", "input")
        and error["path"] == want["path"]
        and error["row"] == want.get("row")
        and error["line"] == want.get("line")
        and want["message"] in error["message"]
    )


def check_cases(paths: list[Path], expected: dict[str, dict[str, Any]]) -> None:
    """What the readers keep of each case: its notes, their texts and dates, its fields."""
    cases = {case.case_id: case for case in read_inputs(paths).cases}
    assert set(cases) == set(expected)
    for case_id, want in expected.items():
        case = cases[case_id]
        assert len(case.notes) == want["notes"], case_id
        if "texts" in want:
            assert [note.text for note in case.notes] == want["texts"], case_id
        if "undated" in want:
            assert sum(note.date is None for note in case.notes) == want["undated"], case_id
        for name, values in want.get("fields", {}).items():
            assert [v.value for v in case.values(name)] == values, (case_id, name)


def expected_errors(entry: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {**error, "path": str(CORPUS / error.get("path", entry["file"]))}
        for error in entry["errors"]
    ]


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry["file"] for entry in ENTRIES])
def test_broken_input(entry: dict[str, Any], good_alone: dict[str, Any]) -> None:
    path = CORPUS / entry["file"]
    result = lint(path, GOOD)
    report = check_run(
        result, entry["exit"], expected_errors(entry), set(entry["cases"]), good_alone
    )
    for error in report["errors"]:  # each names this file (a workbook's sheet, a folder's file)
        assert error["path"].startswith(str(path))
    check_cases([path], entry["cases"])


def test_the_whole_corpus_in_one_run(good_alone: dict[str, Any]) -> None:
    paths = [CORPUS / entry["file"] for entry in ENTRIES]
    before = digests([CORPUS, GOOD])
    result = lint(*paths, GOOD)
    after = digests([CORPUS, GOOD])
    errors = [error for entry in ENTRIES for error in expected_errors(entry)]
    case_ids = {case_id for entry in ENTRIES for case_id in entry["cases"]}
    check_run(result, 2, errors, case_ids, good_alone)
    check_cases(paths, {k: v for entry in ENTRIES for k, v in entry["cases"].items()})
    assert after == before  # read, never written


def digests(paths: list[Path]) -> dict[str, str]:
    files = [f for p in paths for f in ([p] if p.is_file() else sorted(p.rglob("*")))]
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files if f.is_file()}


def test_every_corpus_file_has_an_expectation() -> None:
    listed = [entry["file"] for entry in ENTRIES]
    assert len(listed) == len(set(listed))
    present = {p.name for p in CORPUS.iterdir()} - NOT_CORPUS
    assert present == set(listed)
    files = [p for p in CORPUS.rglob("*") if p.is_file() and p.name not in NOT_CORPUS]
    assert len(files) >= 30


def test_the_generator_makes_the_committed_files() -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    make_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_corpus)
    built = make_corpus.build()
    committed = {
        str(p.relative_to(CORPUS)): p.read_bytes()
        for p in CORPUS.rglob("*")
        if p.is_file() and p.relative_to(CORPUS).parts[0] not in NOT_CORPUS
    }
    assert set(built) == set(committed)
    for name, data in built.items():
        if zipfile.is_zipfile(io.BytesIO(data)):  # compared by member: zlib may differ by build
            assert zip_members(committed[name]) == zip_members(data), name
        else:
            assert committed[name] == data, name


def zip_members(data: bytes) -> dict[str, tuple[tuple[int, ...], bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {i.filename: (i.date_time, archive.read(i)) for i in archive.infolist()}


# --- made at run time: too large to commit, or not files git can hold -------------------------


def test_a_10_mb_note_is_read_in_part(tmp_path: Path, good_alone: dict[str, Any]) -> None:
    note = "Visited home and saw the child in her room. " * 240_000  # 10.56 million characters
    export = tmp_path / "big_note.csv"
    export.write_text(
        f"Child ID,Entry Date,Case Note\nB9001,01/03/2024,{note}\nB9002,02/03/2024,Seen alone.\n"
    )
    result = lint(export, GOOD)
    message = (
        f"note big_note.csv:2 is {len(note.strip()):,} characters, over the limit of 1,000,000 "
        "(limits.max-note-chars in config); the first 1,000,000 are read"
    )
    errors = [{"path": str(export), "row": 2, "message": message}]
    check_run(result, 2, errors, {"B9001", "B9002"}, good_alone)


def test_a_long_note_in_a_file_read_row_by_row(tmp_path: Path, good_alone: dict[str, Any]) -> None:
    # a row with too many fields sends the file to the csv module, whose own limit on a field
    # (128 KB) must not cost a note that recordlint's limit (1,000,000 characters) allows
    note = "Seen at home with mum. " * 15_000  # 345,000 characters
    export = tmp_path / "long_note.csv"
    export.write_text(
        f"Child ID,Entry Date,Case Note\nB9401,01/03/2024,{note}\n"
        "B9402,02/03/2024,Seen,alone\nB9403,03/03/2024,Seen.\n"
    )
    errors = [
        {
            "path": str(export),
            "line": 3,
            "message": "row has 4 fields but the header has 3; extra fields ignored",
        }
    ]
    check_run(lint(export, GOOD), 2, errors, {"B9401", "B9402", "B9403"}, good_alone)
    check_cases(
        [export],
        {
            "B9401": {"notes": 1, "texts": [note.strip()]},
            "B9402": {"notes": 1, "texts": ["Seen"]},
            "B9403": {"notes": 1, "texts": ["Seen."]},
        },
    )


def test_symbolic_link_loops(tmp_path: Path, good_alone: dict[str, Any]) -> None:
    export = tmp_path / "export"
    (export / "sub").mkdir(parents=True)
    (export / "notes.csv").write_text("Child ID,Entry Date,Case Note\nB9101,01/03/2024,Seen.\n")
    (export / "again").symlink_to(".")  # a folder that leads back to itself
    (export / "sub" / "up").symlink_to("..")
    (export / "a.csv").symlink_to("b.csv")  # two files that lead to each other
    (export / "b.csv").symlink_to("a.csv")
    (export / "gone.csv").symlink_to("nowhere.csv")
    result = lint(export, export / "a.csv", GOOD)
    errors = [
        {"path": str(export / "a.csv"), "message": "symbolic link loop; not read"},
        {"path": str(export / "a.csv"), "message": "symbolic link loop; not read"},
        {"path": str(export / "b.csv"), "message": "symbolic link loop; not read"},
        {"path": str(export / "gone.csv"), "message": "broken symbolic link"},
    ]
    check_run(result, 2, errors, {"B9101"}, good_alone)
    check_cases([export], {"B9101": {"notes": 1}})  # read once, however many ways it is reached


def test_a_named_pipe_is_not_waited_on(tmp_path: Path) -> None:
    export = tmp_path / "export"
    export.mkdir()
    (export / "notes.csv").write_text("Child ID,Entry Date,Case Note\nB9201,01/03/2024,Seen.\n")
    os.mkfifo(export / "pipe.csv")  # reading it would wait for a writer for ever
    os.mkfifo(tmp_path / "given.csv")
    command = "import sys; from recordlint.cli import main; sys.exit(main())"
    paths = [str(export), str(tmp_path / "given.csv"), str(GOOD)]
    process = subprocess.run(
        [sys.executable, "-c", command, "check", *paths, "-f", "json", "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert process.returncode == 2
    assert "Traceback" not in process.stdout + process.stderr
    assert sorted(process.stderr.splitlines()) == [
        f"recordlint: {export / 'pipe.csv'}: not a regular file (a named pipe); not read",
        f"recordlint: {tmp_path / 'given.csv'}: not a regular file (a named pipe); not read",
    ]
    cases = [case["case_id"] for case in json.loads(process.stdout)["cases"]]
    assert cases == ["B9201", "D2002"]


def test_an_empty_folder(tmp_path: Path, good_alone: dict[str, Any]) -> None:
    (tmp_path / "empty").mkdir()
    errors = [
        {"path": str(tmp_path / "empty"), "message": "folder holds no files recordlint can read"}
    ]
    check_run(lint(tmp_path / "empty", GOOD), 2, errors, set(), good_alone)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file, so nothing is unreadable")
def test_an_unreadable_file_and_folder(tmp_path: Path, good_alone: dict[str, Any]) -> None:
    export = tmp_path / "export"
    (export / "locked_folder").mkdir(parents=True)
    (export / "locked_folder" / "x.csv").write_text("Child ID,Case Note\nB9302,Seen.\n")
    (export / "notes.csv").write_text("Child ID,Entry Date,Case Note\nB9301,01/03/2024,Seen.\n")
    locked = export / "locked.csv"
    locked.write_text("Child ID,Case Note\nB9303,Seen.\n")
    locked.chmod(0)
    (export / "locked_folder").chmod(0)
    try:
        result = lint(export, GOOD)
    finally:
        (export / "locked_folder").chmod(0o755)
        locked.chmod(0o644)
    errors = [
        {"path": str(locked), "message": "cannot read file (Permission denied)"},
        {
            "path": str(export / "locked_folder"),
            "message": "cannot read folder (Permission denied)",
        },
    ]
    check_run(result, 2, errors, {"B9301"}, good_alone)
