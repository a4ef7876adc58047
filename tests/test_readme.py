"""The README's rule examples are real: written to a pack, they load and their examples pass."""

from __future__ import annotations

import re
from pathlib import Path

from recordlint.nlp import context_of, get_pipeline
from recordlint.rulebook.loader import load_rulebook
from recordlint.testing import assert_example, collect_examples

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCK = re.compile(r"```(?:yaml|python)\n# local_rules/(?P<name>\S+)\n(?P<body>.*?)```", re.S)


def test_readme_rule_examples_load_and_pass(tmp_path: Path) -> None:
    blocks = {m["name"]: m["body"] for m in BLOCK.finditer(README.read_text())}
    assert set(blocks) == {
        "LOC001_dob_not_recorded.yaml",
        "LOC002_worker_not_recorded.py",
        "vocab/concepts/local.yaml",
        "vocab/context.yaml",
    }
    pack = tmp_path / "local_rules"
    for name, body in blocks.items():
        (pack / name).parent.mkdir(parents=True, exist_ok=True)
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
    # the vocabulary examples take effect for the pack's rules
    pipeline = get_pipeline(book.vocab_folders)
    doc = pipeline("Zara was UAA overnight.")
    assert "missing_episode" in [span.label_ for span, _ in doc._.recordlint_mentions]
    assert context_of("Self-harm is nowt to worry about.", "Self-harm", pipeline=pipeline).negated


def test_readme_context_of_example_is_what_it_prints() -> None:
    text = README.read_text()
    call = re.search(r">>> c = (context_of\(.*\))\n", text)[1]
    shown = re.search(r">>> c.negated, c.historical, c.experiencer, c.person\n(.*)\n", text)[1]
    c = eval(call, {"context_of": context_of})
    assert repr((c.negated, c.historical, c.experiencer, c.person)) == shown
