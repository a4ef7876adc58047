"""`-f html -o DIR`: a self-contained folder a reader opens offline: an index of the audit
summary (charts as inline SVG, sortable tables, worst cases first) and a page per case
(checklist by recommendation, each finding with its evidence highlighted in the note it came
from, and the timeline of notes).

Everything shown comes from case records, so every value is escaped by Jinja2's autoescape, and a
Content-Security-Policy allows no script but the page's own sorting code (by hash): a note
holding `<script>` or `<img onerror=...>` is text, twice over.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from recordlint.model import CaseReport, Status
from recordlint.reporters.audit import Tally, audit_summary
from recordlint.results import LintRun
from recordlint.summary import Summary

TEMPLATES = Path(__file__).parent / "templates"
SORT_SCRIPT = """
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.addEventListener("click", function () {
    var table = th.closest("table"), body = table.tBodies[0], column = th.cellIndex;
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    function key(row) {
      var cell = row.cells[column], value = cell.getAttribute("data-sort") || cell.textContent;
      var number = parseFloat(value);
      return isNaN(number) ? value.toLowerCase() : number;
    }
    rows.sort(function (a, b) {
      var x = key(a), y = key(b);
      return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
    });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
"""


def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _script_hash() -> str:
    return base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()


def page_name(case_id: str, taken: set[str]) -> str:
    """A safe file name for a case page: its id's letters and digits, made unique."""
    base = re.sub(r"[^A-Za-z0-9_-]+", "_", case_id).strip("_")[:60] or "case"
    name = f"{base}.html"
    if name in taken:
        digest = hashlib.sha256(case_id.encode()).hexdigest()[:8]
        name = f"{base}-{digest}.html"
    taken.add(name)
    return name


def chart(tallies: list[Tally]) -> Markup:
    """Horizontal bars: the share of cases passing each row, as inline SVG."""
    rows = [t for t in tallies if t.passing is not None]
    height = 22 * len(rows) + 10
    parts = [f'<svg role="img" width="720" height="{height}" aria-label="share of cases passing">']
    for index, tally in enumerate(rows):
        y = 5 + 22 * index
        width = round(360 * tally.passing)
        label = escape(tally.label)
        parts.append(
            f'<text x="0" y="{y + 13}">{label}</text>'
            f'<rect class="bar-bg" x="300" y="{y}" width="360" height="16"></rect>'
            f'<rect class="bar" x="300" y="{y}" width="{width}" height="16"></rect>'
            f'<text x="668" y="{y + 13}">{tally.passing:.0%}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def table(tallies: list[Tally], first: str) -> Markup:
    head = (
        f"<thead><tr><th aria-sort='none'>{escape(first)}</th><th aria-sort='none'>passing</th>"
        "<th aria-sort='none'>pass</th><th aria-sort='none'>fail</th><th aria-sort='none'>n/a"
        "</th><th aria-sort='none'>not evaluated</th></tr></thead>"
    )
    body = []
    for tally in tallies:
        counts = tally.counts
        passing = "n/a" if tally.passing is None else f"{tally.passing:.0%}"
        sort = "" if tally.passing is None else f"{tally.passing:.4f}"
        body.append(
            f"<tr><td>{escape(tally.label)}</td><td data-sort='{sort}'>{passing}</td>"
            f"<td>{counts['pass']}</td><td>{counts['fail']}</td><td>{counts['n/a']}</td>"
            f"<td>{counts['not-evaluated']}</td></tr>"
        )
    return Markup(f"<table class='sortable'>{head}<tbody>{''.join(body)}</tbody></table>")


def write_html(run: LintRun, summary: Summary, folder: Path, *, redacted: bool = False) -> None:
    env = _environment()
    common = {"script": SORT_SCRIPT, "script_hash": _script_hash(), "redacted": redacted}
    taken: set[str] = set()
    pages = {report.case_id: page_name(report.case_id, taken) for report in run.reports}
    audit = audit_summary(run)
    index = env.get_template("index.html.j2").render(
        summary=summary,
        audit=audit,
        pages=pages,
        chart=chart,
        table=table,
        problems=[str(p) for p in run.problems],
        **common,
    )
    (folder / "index.html").write_text(index, encoding="utf-8")
    (folder / "cases").mkdir()
    template = env.get_template("case.html.j2")
    for report in run.reports:
        page = template.render(**case_view(run, report), **common)
        (folder / "cases" / pages[report.case_id]).write_text(page, encoding="utf-8")


def single_page(run: LintRun, summary: Summary, *, redacted: bool = False) -> str:
    """Every case's report in one self-contained page (the download `recordlint serve` offers):
    the same checklist, findings and timeline as a case page of `-f html`."""
    views = [case_view(run, report, prefix=f"c{n}-") for n, report in enumerate(run.reports)]
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            summary=summary,
            views=views,
            problems=[str(p) for p in run.problems],
            script=SORT_SCRIPT,
            script_hash=_script_hash(),
            redacted=redacted,
        )
    )


def case_view(run: LintRun, report: CaseReport, prefix: str = "") -> dict:
    """What the shared case template (`_case_body.html.j2`) needs for one case. `prefix` keeps
    note anchors unique when several cases share a page."""
    names = {rule.code: (rule.name, rule.recommendation or "other") for rule in run.rules}
    return {
        "report": report,
        "checklist": _checklist(report, names),
        "anchors": {n.note_id: f"{prefix}note-{i}" for i, n in enumerate(report.case.notes)},
        "cited": {e.note_id for f in report.findings for e in f.evidence if e.note_id},
    }


def _checklist(report: CaseReport, names: dict[str, tuple[str, str]]):
    groups: dict[str, list[tuple[str, str, str, str]]] = {}
    for code, check in sorted(report.checks.items()):
        name, recommendation = names.get(code, ("", "other"))
        status = check.status.value if check.status is not Status.NOT_APPLICABLE else "n/a"
        groups.setdefault(recommendation, []).append((code, name, status, check.reason))
    return sorted(groups.items(), key=lambda item: (len(item[0]), item[0]))
