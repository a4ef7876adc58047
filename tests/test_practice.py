"""Referral and action extraction, below the rules: stages, destinations, due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from recordlint.nlp import get_pipeline, read_case_text
from recordlint.practice.actions import _due, actions_in
from recordlint.practice.referrals import destinations_in, referral_events
from recordlint.testing import case_from_example

SET = dt.datetime(2024, 5, 1, 10, 0)  # a Wednesday


@pytest.mark.parametrize(
    ("task", "due", "words"),
    [
        ("contact school by 12/05", dt.date(2024, 5, 12), "by 12/05"),
        ("contact school by 12/05/2024", dt.date(2024, 5, 12), "by 12/05/2024"),
        ("see Zara by 3/1", dt.date(2025, 1, 3), "by 3/1"),  # January after May: next year
        ("visit within 2 weeks", dt.date(2024, 5, 15), "within 2 weeks"),
        ("visit within 10 working days", dt.date(2024, 5, 16), "within 10 working days"),
        ("call Mum by Friday", dt.date(2024, 5, 3), "by Friday"),
        ("call Mum by Wednesday", dt.date(2024, 5, 8), "by Wednesday"),
        ("attend the review on 20/05/2024", dt.date(2024, 5, 20), "on 20/05/2024"),
        ("tell the DSL today", dt.date(2024, 5, 1), "today"),
        ("update the plan by the next review", None, "by the next review"),
        ("support Mum", None, None),
    ],
)
def test_due_dates(task: str, due: dt.date | None, words: str | None) -> None:
    assert _due(task, SET) == (due, words)


def test_actions_need_an_owner_or_a_date_and_sit_in_a_plan() -> None:
    case = case_from_example(
        {
            "notes": [
                {
                    "date": "01/05/2024",
                    "text": "Mum to call school.\nPlan:\n- SW Okafor to visit by 08/05/2024\n"
                    "- Support with attendance\n- Review in 2 weeks",
                }
            ]
        }
    )
    actions = actions_in(read_case_text(case, get_pipeline()))
    assert [(a.owner, a.due_text) for a in actions] == [
        ("SW Okafor", "by 08/05/2024"),
        (None, "in 2 weeks"),
    ]


def test_destinations_prefer_the_longer_name() -> None:
    assert [name for _, name in destinations_in("Referral to adult social care")] == [
        "adult services"
    ]
    assert [name for _, name in destinations_in("spoke to MASH and the EH team")] == [
        "children's social care",
        "Early Help",
    ]
    assert destinations_in("mash potato and eh") == []  # abbreviations keep their case


@pytest.mark.parametrize(
    ("text", "stage", "destination"),
    [
        ("DSL will refer to MASH.", "intended", "children's social care"),
        ("CAMHS referral to be completed by the school nurse.", "intended", "CAMHS"),
        ("MARF sent to Duty and Advice at 14:10.", "made", "children's social care"),
        ("Spoke to First Response, ref 123456.", "made", "children's social care"),
        ("Referral received from the school.", "received", None),
        ("Referral made to CAMHS; acknowledged the next day.", "received", "CAMHS"),
        ("If concerns escalate, refer to MASH.", None, None),
        ("Advised Mum to self-refer to the parenting course.", None, None),
        ("No referral was made to CAMHS.", None, None),
    ],
)
def test_referral_stages(text: str, stage: str | None, destination: str | None) -> None:
    case = case_from_example({"notes": [{"date": "01/05/2024", "text": text}]})
    events = referral_events(read_case_text(case, get_pipeline()))
    if stage is None:
        assert events == []
    else:
        assert [(e.stage, e.destination) for e in events] == [(stage, destination)]
