"""The query API rules use, batch reading, and a configured trained pipeline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy

from recordlint.config import ConfigError, load_config
from recordlint.nlp import PipelineError, annotate_cases, get_pipeline, read_case_text
from recordlint.nlp.pipeline import build_nlp
from recordlint.nlp.vocab import load_vocabulary, vocab_folders
from recordlint.testing import case_from_example

CASE = case_from_example(
    {
        "notes": [
            {"date": "01/03/2024 10:00", "text": "No concerns about self-harm."},
            {"date": "05/03/2024 10:00", "text": "Mum has a history of self-harm."},
            {"date": "08/03/2024 10:00", "text": "If she self-harms, Mum to call 111."},
            {"date": "12/03/2024 10:00", "text": "Zara disclosed cutting her arms last night."},
            {"date": "20/03/2024 10:00", "text": "Previously self-harmed in 2019."},
            {"text": "Undated: she self-harmed again."},
        ]
    }
)


@pytest.fixture(scope="module")
def text():
    return read_case_text(CASE, get_pipeline())


def quotes(mentions) -> list[str]:
    return [m.sentence.text for m in mentions]


def test_default_mentions_are_affirmed_actual_and_the_childs(text) -> None:
    assert quotes(text.mentions("self_harm")) == [
        "Zara disclosed cutting her arms last night.",
        "Previously self-harmed in 2019.",
        "Undated: she self-harmed again.",
    ]


def test_each_filter_can_be_asked_for(text) -> None:
    assert quotes(text.mentions("self_harm", negated=True)) == ["No concerns about self-harm."]
    assert quotes(text.mentions("self_harm", hypothetical=True)) == [
        "If she self-harms, Mum to call 111."
    ]
    assert quotes(text.mentions("self_harm", experiencer="other")) == [
        "Mum has a history of self-harm."
    ]
    assert quotes(text.mentions("self_harm", historical=False)) == [
        "Zara disclosed cutting her arms last night.",
        "Undated: she self-harmed again.",
    ]
    everything = text.mentions(
        "self_harm", negated=None, hypothetical=None, historical=None, experiencer=None
    )
    assert len(everything) == 6


def test_date_windows_are_exclusive_and_skip_undated_notes(text) -> None:
    after = dt.datetime(2024, 3, 12, 10, 0)
    assert quotes(text.mentions("self_harm", after=after)) == ["Previously self-harmed in 2019."]
    assert quotes(text.mentions("self_harm", before=after)) == []


def test_a_mention_carries_its_note_sentence_span_and_why(text) -> None:
    (mention,) = text.mentions("self_harm", experiencer="other")
    assert mention.note.note_id == "n2"
    assert mention.date == dt.datetime(2024, 3, 5, 10, 0)
    evidence = mention.evidence()
    start, end = evidence.span
    assert evidence.quote[start:end] == "self-harm"
    assert evidence.trigger == "historical by 'a history of'; about mother ('Mum')"


def test_a_year_is_history_only_before_the_notes_own_year() -> None:
    case = case_from_example(
        {
            "notes": [
                {"date": "01/06/2024", "text": "She took an overdose in 2024."},
                {"date": "01/06/2024", "text": "She took an overdose in 2021."},
            ]
        }
    )
    text = read_case_text(case, get_pipeline())
    assert [m.context.historical for m in text.mentions("overdose")] == [False, True]


def test_batches_across_cases_give_the_same_answer_as_one_case_at_a_time() -> None:
    cases = [
        case_from_example(
            {"notes": [{"date": "01/03/2024", "text": f"Note {i}: she self-harmed."}]}
        )
        for i in range(5)
    ] + [case_from_example({}), CASE]
    pipeline = get_pipeline(batch_size=2)
    batched = [text for _, text in annotate_cases(cases, pipeline)]
    alone = [read_case_text(case, pipeline) for case in cases]
    assert batched == alone
    assert batched[5].notes == ()


def test_the_pipeline_is_built_once_per_process() -> None:
    assert get_pipeline() is get_pipeline()
    assert get_pipeline().nlp.pipe_names == [
        "recordlint_sentences",
        "lemmatizer",
        "concept_phrases",
        "concept_words",
        "concept_abbreviations",
        "recordlint_context",
        "recordlint_time",
    ]


def test_config_can_name_a_trained_pipeline_folder(tmp_path: Path) -> None:
    # stands in for an installed trained pipeline: a saved one with a component of its own
    trained = spacy.blank("en")
    trained.add_pipe("sentencizer")
    trained.to_disk(tmp_path / "my_pipeline")
    (tmp_path / "recordlint.toml").write_text('[nlp]\nmodel = "my_pipeline"\nbatch-size = 8\n')
    config = load_config(tmp_path / "recordlint.toml")
    assert config.nlp_model == str(tmp_path / "my_pipeline")
    assert config.nlp_batch_size == 8
    pipeline = get_pipeline(model=config.nlp_model)
    assert pipeline.nlp.pipe_names[0] == "recordlint_sentences"
    assert "sentencizer" in pipeline.nlp.pipe_names
    text = read_case_text(CASE, pipeline)
    assert len(text.mentions("self_harm")) == 3


def test_a_model_that_is_not_installed_is_a_clear_setup_error() -> None:
    with pytest.raises(PipelineError, match=r"not_a_real_pipeline.*not an installed package"):
        build_nlp(load_vocabulary(vocab_folders()), "not_a_real_pipeline")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("[nlp]\nmodle = 'x'\n", "unknown key 'modle'"),
        ("[nlp]\nbatch-size = 0\n", "batch-size must be"),
        ("[nlp]\nmodel = ''\n", "model must name"),
    ],
)
def test_nlp_config_is_checked(tmp_path: Path, toml: str, message: str) -> None:
    (tmp_path / "recordlint.toml").write_text(toml)
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path / "recordlint.toml")
