"""Every report format on the fixtures: produced, shaped as promised, inert, redacted, and
written whole and owner-only."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from recordlint import lint
from recordlint.cli import main
from recordlint.redact import Redactor
from recordlint.reporters import write_report
from recordlint.reporters.writing import write_folder
from recordlint.summary import summarise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
HOSTILE = (
    "Child ID,Child Name,Father,Household,Note,Date\n"
    'H1,Tilly Brackenbury,Owen Brackenbury,Mum and Tilly,"=HYPERLINK(""http://x"") '
    'Tilly said she has been cutting her arms.",01/03/2024\n'
    'H1,Tilly Brackenbury,Owen Brackenbury,Mum and Tilly,"<img src=x onerror=alert(1)> '
    'Tilly took an overdose; NHS number 943 476 5919; call 07700 900123.",20/03/2024\n'
)


def run_cli(*args: str):
    return CliRunner().invoke(main, ["check", *args, "-q"], catch_exceptions=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    path.write_text(HOSTILE)
    return path


def test_csv_is_the_findings_table_and_inert(tmp_path: Path, hostile: Path) -> None:
    out = tmp_path / "findings.csv"
    assert run_cli(str(hostile), "-f", "csv", "-o", str(out)).exit_code == 1
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert rows and {"case_id", "rule", "message", "quote", "advice"} <= set(rows[0])
    quotes = [r["quote"] for r in rows if "HYPERLINK" in r["quote"]]
    assert quotes and all(q.startswith("'=") for q in quotes)
    assert not any(cell.startswith(("=", "+", "@")) for r in rows for cell in r.values())


def test_xlsx_has_three_sheets_filters_frozen_headers_and_no_formula(tmp_path, hostile):
    out = tmp_path / "audit.xlsx"
    assert run_cli(str(hostile), str(FIXTURES), "-f", "xlsx", "-o", str(out)).exit_code == 1
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Cases", "Findings"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None and sheet.auto_filter.ref
    cases = book["Cases"]
    header = [c.value for c in cases[1]]
    assert header[:3] == ["case", "score", "findings"] and "DEM001" in header
    assert cases.max_row == 1 + 24  # 23 fixture cases and the hostile one
    cells = [c for row in book["Findings"].iter_rows() for c in row if isinstance(c.value, str)]
    hyperlink = [c for c in cells if c.value.startswith("=HYPERLINK")]
    assert hyperlink and all(c.data_type == "s" for c in hyperlink)


def test_markdown_is_a_checklist_with_escaped_text(hostile: Path) -> None:
    result = run_cli(str(hostile), "-f", "md")
    text = result.stdout
    assert text.startswith("## Case H1: record check")
    assert "- [ ] **RSK003**" in text and "- [x] **DEM004**" in text
    assert not re.search(r"(?<!\\)<img", text) and "\\<img src=x onerror=alert(1)\\>" in text
    assert "To record:" in text


def test_html_folder_is_self_contained_and_escaped(tmp_path: Path, hostile: Path) -> None:
    out = tmp_path / "report"
    assert run_cli(str(hostile), str(FIXTURES), "-f", "html", "-o", str(out)).exit_code == 1
    index = (out / "index.html").read_text()
    pages = sorted((out / "cases").glob("*.html"))
    assert len(pages) == 24
    assert 'href="cases/C1001.html"' in index and "<svg" in index
    for page in [out / "index.html", *pages]:
        html = page.read_text()
        assert not re.search(r"(src|href)=\"(https?:)?//", html), page  # nothing fetched online
        assert "<img src=x" not in html and "<script>alert" not in html
    hostile_page = (out / "cases" / "H1.html").read_text()
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile_page
    assert "<mark>" in hostile_page
    police = (out / "cases" / "C1008.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in police


def test_json_and_text_are_unchanged_by_the_new_formats(hostile: Path) -> None:
    report = json.loads(run_cli(str(hostile), "-f", "json").stdout)
    assert report["cases"][0]["case_id"] == "H1"


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "md", "xlsx", "html"])
def test_redact_leaves_no_family_name_or_nhs_number(tmp_path: Path, hostile: Path, fmt: str):
    names = set()
    for report in lint([hostile, FIXTURES]).reports:
        names |= Redactor(report.case).names
    assert {"Tilly", "Brackenbury", "Amelia", "Ashgrove"} <= names
    out = tmp_path / f"out.{fmt}"
    run_cli(str(hostile), str(FIXTURES), "-f", fmt, "-o", str(out), "--redact")
    files = sorted(out.rglob("*.html")) if out.is_dir() else [out]
    for file in files:
        if fmt == "xlsx":
            book = load_workbook(file)
            text = " ".join(
                str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value
            )
        else:
            text = file.read_text()
        leaked = {n for n in names if re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text)}
        assert not leaked, f"{file.name}: {sorted(leaked)[:5]}"
        assert "943 476 5919" not in text and "07700 900123" not in text


def test_report_files_are_owner_only(tmp_path: Path, hostile: Path) -> None:
    for fmt, name in (("json", "r.json"), ("xlsx", "r.xlsx"), ("html", "r")):
        out = tmp_path / name
        run_cli(str(hostile), "-f", fmt, "-o", str(out))
        files = [out, *out.rglob("*")] if out.is_dir() else [out]
        for file in files:
            mode = stat.S_IMODE(os.stat(file).st_mode)
            assert mode & 0o077 == 0, f"{file} is {oct(mode)}"


def test_an_interrupted_report_leaves_the_old_one_whole(tmp_path: Path, hostile: Path) -> None:
    out = tmp_path / "report"
    run = lint([hostile])
    write_report(run, summarise(run, None), "html", out)
    before = (out / "index.html").read_text()

    def fail_halfway(folder: Path) -> None:
        (folder / "index.html").write_text("half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_folder(out, fail_halfway)
    assert (out / "index.html").read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]  # no temporary left behind


def test_file_formats_need_an_output(hostile: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(hostile), "-f", "html"])
    assert result.exit_code == 2
    assert "give -o" in result.stderr


def test_progress_is_reported_per_case_and_silent_off_a_terminal(hostile: Path) -> None:
    from recordlint.reporters.progress import progress_bar

    calls: list[tuple[int, int]] = []
    run = lint([hostile, FIXTURES], progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(run.reports), len(run.reports)) == (24, 24)
    assert [done for done, _ in calls] == list(range(1, 25))
    with progress_bar(enabled=False) as progress:
        assert progress is None
    result = CliRunner().invoke(main, ["check", str(hostile), "-f", "json"])
    assert result.stderr == ""  # not a terminal: no bar


@pytest.mark.parametrize("fmt", ["text", "json", "csv", "md", "xlsx", "html"])
def test_redact_shows_a_case_known_only_by_nhs_number_under_a_pseudonym(tmp_path: Path, fmt):
    # nothing but the NHS number identifies this child, so it is the case id: masked, in
    # every format and in the HTML page's file name
    notes = tmp_path / "in" / "notes.csv"
    notes.parent.mkdir()
    notes.write_text(
        "NHS Number,Entry Date,Note\n943 476 5919,01/03/2024,Seen.\n"
        "944 000 1234,01/03/2024,Seen.\n",
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    run_cli(str(notes), "-f", fmt, "-o", str(out), "--redact")
    files = sorted(p for p in out.rglob("*") if p.is_file()) if out.is_dir() else [out]
    names = " ".join(str(p.relative_to(tmp_path)) for p in files)
    if fmt == "xlsx":
        book = load_workbook(out)
        text = " ".join(
            str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r if c.value
        )
    else:
        text = " ".join(p.read_text() for p in files if p.suffix in (".html", f".{fmt}"))
    for digits in ("943 476 5919", "9434765919", "944 000 1234", "9440001234"):
        assert digits not in text and digits.replace(" ", "_") not in names
    pseudonyms = set(re.findall(r"case-[0-9a-f]{10}", text))
    assert len(pseudonyms) == 2  # one per child, the same wherever it appears
