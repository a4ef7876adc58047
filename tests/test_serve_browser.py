"""`recordlint serve` in a real browser: headless Chromium (Debian's package) driven by
Playwright uploads a Word document, reads a finding and its highlighted sentence, downloads the
Markdown checklist, pastes a note, and checks the page with axe-core (no serious or critical
accessibility violations), by keyboard, and at 200% zoom.

Skipped when Chromium, Playwright or axe-core is absent (a user's machine); `.ci/run` installs
them (axe-core from the npm registry, its path in RECORDLINT_AXE_JS) and sets
RECORDLINT_BROWSER_TESTS=required, which turns a skip into a failure. Screenshots are kept in
RECORDLINT_ARTEFACTS (default: the test's temporary folder).
"""

from __future__ import annotations

import os
import socket
import threading
from pathlib import Path

import pytest
from conftest import skip_or_fail

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
DOCX = FIXTURES / "documents" / "D2005_case_record.docx"
AXE = os.environ.get("RECORDLINT_AXE_JS", "")


@pytest.fixture(scope="module")
def server():
    """The real server (uvicorn) on a loopback port of its own, in a thread."""
    try:
        import uvicorn

        from recordlint.web import create_app
    except ImportError:
        skip_or_fail("the serve extra (starlette, uvicorn) is not installed")
    listener = socket.create_server(("127.0.0.1", 0))  # listening before the thread starts
    port = listener.getsockname()[1]
    config = uvicorn.Config(create_app(), log_level="warning", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)
    listener.close()


@pytest.fixture
def artefacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("RECORDLINT_ARTEFACTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def accessibility_violations(page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not AXE or not Path(AXE).is_file():
        skip_or_fail("axe-core is not installed (set RECORDLINT_AXE_JS to axe.min.js)")
    page.evaluate(Path(AXE).read_text(encoding="utf-8"))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_a_practitioner_checks_a_word_document(browser, server, artefacts, tmp_path) -> None:
    # bypass_csp only lets the test inject axe-core; the page itself runs no script
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "Check a case record before supervision"
    assert accessibility_violations(page) == []

    page.get_by_label("Files to check").set_input_files(str(DOCX))
    page.get_by_role("button", name="Check the record").click()
    page.wait_for_url("**/check")
    assert page.locator("h1").inner_text() == "Record check results"
    finding = page.locator("section.finding", has_text="action-not-completed").first
    assert "SW Okafor to ask the GP" in finding.inner_text()
    assert finding.locator("mark").count() >= 1  # the sentence's words, highlighted
    assert "What to record:" in finding.inner_text()
    assert accessibility_violations(page) == []
    page.screenshot(path=str(artefacts / "serve-results.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the Markdown checklist").click()
    download = download_info.value
    assert download.suggested_filename == "recordlint-checklist.md"
    saved = tmp_path / "checklist.md"
    download.save_as(saved)
    checklist = saved.read_text(encoding="utf-8")
    assert "## Case D2005" in checklist and "**ACT001** action-not-completed" in checklist
    context.close()


def test_a_practitioner_pastes_a_note_using_the_keyboard(browser, server, artefacts) -> None:
    context = browser.new_context(viewport={"width": 1200, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    page.goto(server + "/")
    # keyboard only: the skip link first, then the controls in order, each with visible focus
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    focus = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert focus == "rgb(255, 221, 0)"  # the GOV.UK focus colour
    page.locator("#notes").focus()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert outline == "rgb(255, 221, 0)"
    page.keyboard.type(
        "12/03/2024 Home visit\nZara said she has been cutting her arms when Dad shouts.\n"
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Check the record"
    page.keyboard.press("Enter")
    page.wait_for_url("**/check")
    assert "Case pasted" in page.locator("main").inner_text()
    assert "cutting her arms" in page.locator("main").inner_text()
    context.close()


def test_the_pages_are_usable_at_200_percent_zoom(browser, server, artefacts) -> None:
    # 200% zoom of a 1280-pixel window lays the page out in 640 CSS pixels
    context = browser.new_context(
        viewport={"width": 640, "height": 900}, device_scale_factor=2, bypass_csp=True
    )
    page = context.new_page()
    sideways = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    page.goto(server + "/")
    assert page.evaluate(sideways) <= 0  # nothing needs scrolling sideways
    assert accessibility_violations(page) == []
    page.get_by_label("Files to check").set_input_files(str(DOCX))
    page.get_by_role("button", name="Check the record").click()
    page.wait_for_url("**/check")
    assert page.evaluate(sideways) <= 0
    assert accessibility_violations(page) == []
    page.screenshot(path=str(artefacts / "serve-results-200-percent.png"), full_page=True)
    context.close()
