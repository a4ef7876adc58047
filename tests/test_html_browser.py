"""The HTML report in a real browser: headless Chromium (Debian's package) driven by Playwright
opens the index, follows a link to a case, and checks what a reader sees: the text, a highlighted
phrase, sortable tables, and no script from a note ever running.

Skipped when Chromium or Playwright is absent (a user's machine); `.ci/run` installs both and sets
RECORDLINT_BROWSER_TESTS=required, which turns the skip into a failure. A screenshot of the case
page is kept in RECORDLINT_ARTEFACTS (default: the test's temporary folder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from recordlint import lint
from recordlint.reporters import write_report
from recordlint.summary import summarise

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("html") / "report"
    hostile = folder.parent / "hostile.csv"
    hostile.write_text(
        "Child ID,Child Name,Note,Date\n"
        'H1,Tilly Brackenbury,"<img src=x onerror=""window.__pwned=1;alert(1)""> '
        'Tilly said she has been cutting her arms. <script>window.__pwned=2</script>",01/03/2024\n'
    )
    run = lint([hostile, FIXTURES])
    write_report(run, summarise(run, None), "html", folder)
    return folder


def test_a_reader_opens_the_index_follows_a_link_and_sees_the_evidence(browser, report):
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((report / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Case record audit"
    assert page.locator("svg").count() >= 2
    first_case = page.locator("#cases tbody tr td a").first.inner_text()

    # the tables sort: the page's own script runs under the Content-Security-Policy
    assert first_case == "H1"  # worst first: the hostile case fails almost everything
    page.locator("#cases th", has_text="case").click()
    assert page.locator("#cases tbody tr td a").first.inner_text() == "C1001"

    page.get_by_role("link", name="H1", exact=True).click()
    page.wait_for_url("**/cases/H1.html")
    assert page.locator("h1").inner_text() == "Case H1"
    body = page.locator("body").inner_text()
    assert "<img src=x onerror=" in body  # shown as text
    assert "<script>window.__pwned=2</script>" in body
    marked = page.locator("mark").first.inner_text()
    assert marked in {"cutting her arms", "cutting"}
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img").count() == 0
    assert dialogs == []

    artefacts = Path(os.environ.get("RECORDLINT_ARTEFACTS", report.parent))
    artefacts.mkdir(parents=True, exist_ok=True)
    shot = artefacts / "html-case-H1.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    page.get_by_role("link", name="← all cases").click()
    page.wait_for_url("**/index.html")
    page.close()
