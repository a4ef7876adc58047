"""The README's rule examples are real: written to a pack, they load and their examples pass."""

from __future__ import annotations

import re
from pathlib import Path

from recordlint.rulebook.loader import load_rulebook
from recordlint.testing import assert_example, collect_examples

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```(?:yaml|python)\n# local_rules/(?P<name>\S+)\n(?P<body>.*?)```", re.S)


def test_readme_rule_examples_load_and_pass(tmp_path: Path) -> None:
    blocks = {m["name"]: m["body"] for m in BLOCK.finditer(README.read_text())}
    assert set(blocks) == {"LOC001_dob_not_recorded.yaml", "LOC002_worker_not_recorded.py"}
    pack = tmp_path / "local_rules"
    pack.mkdir()
    for name, body in blocks.items():
        (pack / name).write_text(body)
    (pack / "LOC002_worker_not_recorded.examples.yaml").write_text(
        "examples:\n"
        "  - {name: named, expect: pass, case: {fields: {worker: SW Ali}}}\n"
        "  - {name: missing, expect: fail, case: {fields: {worker: ''}}}\n"
    )
    book = load_rulebook([pack], entry_points=False, builtin=False)
    assert sorted(book.rules) == ["LOC001", "LOC002"]
    pairs = collect_examples(book)
    assert len(pairs) == 4
    for rule, example in pairs:
        assert_example(rule, example)
