"""Shared test setup: rule examples become tests through one hook; paths to data."""

from __future__ import annotations

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
