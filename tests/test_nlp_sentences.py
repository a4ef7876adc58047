"""Sentence splitting for case-note style: lines, bullets, headings, abbreviations."""

from __future__ import annotations

import pytest

from recordlint.nlp import get_pipeline


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in get_pipeline()(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seen at home. Mum present.", ["Seen at home.", "Mum present."]),
        (
            "Plan:\n- SW to refer to CAMHS.\n- HV to visit by 12/05",
            ["Plan:", "- SW to refer to CAMHS.", "- HV to visit by 12/05"],
        ),
        ("Actions: SW to call school", ["Actions:", "SW to call school"]),
        ("1. Refer to MASH\n2. Invite police", ["1. Refer to MASH", "2. Invite police"]),
        ("* first item\n• second item", ["* first item", "• second item"]),
        ("Seen by Dr. Patel today.", ["Seen by Dr. Patel today."]),
        ("Visit lasted approx. an hour.", ["Visit lasted approx. an hour."]),
        ("Ref no. 4471 given.", ["Ref no. 4471 given."]),
        ("She was seen e.g. at school.", ["She was seen e.g. at school."]),
        ("?CSE raised by school.", ["?CSE raised by school."]),
        ('She said "I\'m fine." Mum disagreed.', ['She said "I\'m fine."', "Mum disagreed."]),
        # a line wrapped mid-sentence carries on; a new line with a capital starts afresh
        (
            "Mum said that she had not\nslept for days\nZara was quiet",
            ["Mum said that she had not\nslept for days", "Zara was quiet"],
        ),
        ("First para\n\nsecond para", ["First para", "second para"]),
        ("Is she safe? Police informed.", ["Is she safe?", "Police informed."]),
    ],
)
def test_case_note_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_remember_their_section() -> None:
    from recordlint.model import Note
    from recordlint.nlp.query import note_text_from_doc

    text = "Seen at home.\nPlan:\n- SW to visit.\nPresent: Mum, SW, PC Jones.\nAnalysis: Risk low."
    note = note_text_from_doc(Note("n1", text), get_pipeline()(text))
    by_text = {s.text: s.section for s in note.sentences}
    assert by_text["Seen at home."] == ""
    assert by_text["- SW to visit."] == "plan"
    assert by_text["Mum, SW, PC Jones."] == "attendees"
    assert by_text["Risk low."] == "analysis"


def test_sentence_offsets_point_into_the_note() -> None:
    from recordlint.model import Note
    from recordlint.nlp.query import note_text_from_doc

    text = "  Seen alone.\n\nShe said she cut her arm."
    note = note_text_from_doc(Note("n1", text), get_pipeline()(text))
    for sentence in note.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    (mention,) = [m for m in note.mentions if m.concept == "self_harm"]
    assert text[mention.start : mention.end] == "cut her arm"
