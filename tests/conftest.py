"""Shared test setup: rule examples become tests through one hook; paths to data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from recordlint.rulebook.loader import load_rulebook
from recordlint.testing import collect_examples

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
SHARED_SAMPLES = REPO.parent / "shared" / "samples"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every example of every built-in rule becomes one test, named CODE_expect_name."""
    if "rule_example" in metafunc.fixturenames:
        pairs = collect_examples(load_rulebook(entry_points=False))
        metafunc.parametrize("rule_example", pairs, ids=[e.test_id for _, e in pairs])


@pytest.fixture
def samples() -> Path:
    """The real-format samples in ../shared; absent on a user's machine, so skip cleanly."""
    if not SHARED_SAMPLES.is_dir():
        pytest.skip("../shared/samples is not present")
    return SHARED_SAMPLES


#: .ci/run sets this: a browser test that cannot run fails instead of skipping
BROWSER_TESTS_REQUIRED = os.environ.get("RECORDLINT_BROWSER_TESTS") == "required"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def skip_or_fail(reason: str) -> None:
    """Skip a browser test on a user's machine; fail it where CI requires it."""
    if BROWSER_TESTS_REQUIRED:
        pytest.fail(f"browser test required but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium (Debian's package) driven by Playwright; one per test module, because
    Playwright's synchronous API keeps an event loop running while it is open."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("playwright is not installed")
    if CHROMIUM is None:
        skip_or_fail("chromium is not installed")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()
