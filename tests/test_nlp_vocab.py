"""The lexicons are data: a user's pack extends a concept or a modifier by adding YAML."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from recordlint.config import Config
from recordlint.engine import lint
from recordlint.nlp import VocabError, context_of, get_pipeline
from recordlint.nlp.vocab import load_vocabulary, vocab_folders

NOTE = "Zara was UAA from the unit overnight."


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def concepts_found(text: str, extra: tuple[str, ...] = ()) -> set[str]:
    doc = get_pipeline(extra)(text)
    return {span.label_ for span, _ in doc._.recordlint_mentions}


def test_every_builtin_concept_and_modifier_loads() -> None:
    vocabulary = load_vocabulary(vocab_folders())
    for name in (
        "self_harm",
        "overdose",
        "sexual_exploitation",
        "domestic_abuse",
        "missing_episode",
    ):
        assert vocabulary.concepts[name].phrases or vocabulary.concepts[name].abbreviations
    for modifier in ("negated", "hypothetical", "historical", "uncertain", "experiencer"):
        assert vocabulary.modifiers[modifier].phrases["forward"] or (
            vocabulary.modifiers[modifier].persons
        )


def test_phrases_match_any_inflection_and_spelling() -> None:
    for text in ("She self-harmed.", "Self harming again.", "Selfharm noted", "SH"):
        assert "self_harm" in concepts_found(text), text
    assert "self_harm" not in concepts_found("sh, be quiet")  # abbreviations keep their case
    assert "emergency_attendance" in concepts_found("Taken to A&E by ambulance")
    assert "emergency_attendance" not in concepts_found("Ed came to the visit")


def test_a_pack_adds_a_phrase_to_a_concept(tmp_path: Path) -> None:
    assert "missing_episode" not in concepts_found(NOTE)
    write(
        tmp_path / "vocab" / "concepts" / "local.yaml",
        """\
        concepts:
          missing_episode:
            abbreviations: [UAA]
        """,
    )
    assert "missing_episode" in concepts_found(NOTE, (str(tmp_path / "vocab"),))
    # the built-in phrases are still there
    assert "missing_episode" in concepts_found("Reported missing", (str(tmp_path / "vocab"),))


def test_a_pack_adds_a_trigger_to_a_modifier(tmp_path: Path) -> None:
    text = "Self-harm is nowt to worry about."
    assert not context_of(text, "Self-harm").negated
    write(
        tmp_path / "vocab" / "context.yaml",
        """\
        modifiers:
          negated:
            backward: [is nowt]
        """,
    )
    pipeline = get_pipeline([str(tmp_path / "vocab")])
    context = context_of(text, "Self-harm", pipeline=pipeline)
    assert context.negated
    assert context.triggers[0].text == "is nowt"


def test_a_pack_vocab_reaches_its_rules_through_lint(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    write(pack / "pack.yaml", "name: local\nversion: '1'\n")
    write(
        pack / "vocab" / "concepts" / "local.yaml",
        "concepts:\n  missing_episode:\n    abbreviations: [UAA]\n",
    )
    write(
        pack / "LOC001_awol_seen.py",
        """\
        from recordlint.api import Evidence, Violation, rule

        @rule(code="LOC001", name="awol-seen", message="missing episode: {quote}")
        def check(text):
            for mention in text.mentions("missing_episode"):
                yield Violation(evidence=(mention.evidence(),), details={"quote": mention.text})
        """,
    )
    export = write(
        tmp_path / "notes.csv",
        f"child_id,note_date,text\nC1,01/03/2024,{NOTE}\n",
    )
    run = lint([export], Config(rule_paths=(pack,), select=("LOC001",)))
    assert run.problems == []
    (finding,) = run.reports[0].findings
    assert finding.message == "missing episode: UAA"
    assert finding.evidence[0].quote == NOTE


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("concepts/bad.yaml", "concepts:\n  x: [a\n", "invalid YAML"),
        (
            "concepts/bad.yaml",
            "concepts:\n  self_harm:\n    phrase: [cut]\n",
            "unknown key 'phrase'",
        ),
        ("concepts/bad.yaml", "concepts:\n  x:\n    patterns: [cut]\n", "token pattern"),
        ("context.yaml", "modifiers:\n  denial:\n    forward: [no]\n", "unknown modifier"),
        ("context.yaml", "modifiers:\n  negated:\n    max_scope: many\n", "whole number"),
    ],
)
def test_a_broken_vocab_file_is_named(tmp_path: Path, file: str, content: str, message: str):
    write(tmp_path / "vocab" / file, content)
    with pytest.raises(VocabError, match=message) as raised:
        load_vocabulary(vocab_folders([tmp_path / "vocab"]))
    assert str(tmp_path / "vocab" / file) in str(raised.value)


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        ("concepts/bad.yaml", "concepts:\n  x:\n    patterns: [[{LEMA: cut}]]\n", "concept 'x'"),
        (
            "context.yaml",
            "modifiers:\n  negated:\n    patterns:\n      - {direction: forward, "
            "pattern: [{LOWR: no}]}\n",
            "modifier 'negated', pattern 1",
        ),
        (
            "context.yaml",
            "modifiers:\n  negated:\n    patterns:\n      - {direction: forward, max_scope: five, "
            "pattern: [{LOWER: no}]}\n",
            "max_scope must be a whole number",
        ),
    ],
)
def test_a_broken_token_pattern_is_a_vocab_error_not_a_crash(
    tmp_path: Path, file: str, content: str, message: str
) -> None:
    from recordlint.nlp.pipeline import build_nlp

    write(tmp_path / "vocab" / file, content)
    with pytest.raises(VocabError, match=message):
        build_nlp(load_vocabulary(vocab_folders([tmp_path / "vocab"])))
