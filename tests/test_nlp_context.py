"""The context component: the public `context_of`, and the F1 floor on the labelled sets.

`tests/nlp/context_dev.yaml` and `context_heldout.yaml` were used to write the triggers;
`context_blind.yaml`, when present, was written blind to both and is only measured
(`python bench/context_eval.py`), never tuned on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint.nlp import context_of
from recordlint.nlp.evaluate import evaluate, load_labelled
from recordlint.nlp.vocab import MODIFIERS

SETS = Path(__file__).parent / "nlp"
F1_FLOOR = 0.9


@pytest.fixture(scope="module")
def labelled_scores():
    items = load_labelled(SETS / "context_dev.yaml") + load_labelled(SETS / "context_heldout.yaml")
    assert len(items) >= 200
    return evaluate(items)


@pytest.mark.parametrize("modifier", MODIFIERS)
def test_each_modifier_reaches_the_f1_floor(labelled_scores, modifier: str) -> None:
    score = labelled_scores.scores[modifier]
    assert score.support >= 40, f"too few {modifier} examples to measure"
    assert score.f1 >= F1_FLOOR, (
        f"{modifier}: F1 {score.f1:.3f} (precision {score.precision:.3f}, recall "
        f"{score.recall:.3f}); run `python bench/context_eval.py --errors`"
    )


@pytest.mark.parametrize(
    ("text", "term", "marks", "trigger"),
    [
        ("No concerns about self-harm.", "self-harm", {"negated"}, "No concerns about"),
        ("Self-harm: nil.", "Self-harm", {"negated"}, ": nil"),
        (
            "If she goes missing again, police to be informed.",
            "missing",
            {"hypothetical"},
            "If she",
        ),
        ("Referral to CAMHS to be made.", "CAMHS", {"hypothetical"}, "to be made"),
        ("Previously took an overdose.", "overdose", {"historical"}, "Previously"),
        (
            "Parents believed to be spiritual.",
            "spiritual",
            {"uncertain", "other"},
            "believed to be",
        ),
        ("?CSE", "CSE", {"uncertain"}, "?"),
        ("Mum self-harmed as a teenager.", "self-harmed", {"historical", "other"}, "as a teenager"),
    ],
)
def test_context_of_marks_and_records_the_trigger(text, term, marks, trigger) -> None:
    context = context_of(text, term)
    for modifier in ("negated", "hypothetical", "historical", "uncertain"):
        assert getattr(context, modifier) is (modifier in marks), modifier
    assert context.experiencer == ("other" if "other" in marks else "subject")
    assert trigger in [t.text for t in context.triggers]
    for found in context.triggers:
        assert text[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("No self-harm disclosed but she reported cutting her arm.", "cutting"),  # "but" ends it
        ("No self-harm today. She said she cut her arm.", "cut her arm"),  # sentence end
        ("Not only self-harm but also overdose.", "self-harm"),  # a pseudo-trigger
        ("Mum reported that Zara self-harmed last night.", "self-harmed"),  # reporter not owner
        ("On 3 May she took an overdose.", "overdose"),  # the month, not a hedge
        ("Since hearing about Grandad's will, she has been cutting.", "cutting"),  # the noun
        ("She was found to be very cold.", "cold"),  # a state, not a plan
    ],
)
def test_scopes_end_where_they_should(text: str, term: str) -> None:
    context = context_of(text, term)
    assert context.triggers == (), context.describe()


def test_context_of_refuses_a_term_not_in_the_text() -> None:
    with pytest.raises(ValueError, match="does not occur"):
        context_of("She is good.", "OD")
    with pytest.raises(ValueError, match="blank"):
        context_of("She is good.", "  ")


def test_context_of_takes_the_first_mention_of_any_phrase() -> None:
    context = context_of("Self-harm noted. No self-harm since.", "SELF-HARM")
    assert not context.negated
