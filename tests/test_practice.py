"""Referral and action extraction, below the rules: stages, destinations, due dates."""

from __future__ import annotations

import datetime as dt

import pytest

from recordlint.nlp import get_pipeline, read_case_text
from recordlint.practice.actions import actions_in
from recordlint.practice.referrals import destinations_in, referral_events
from recordlint.testing import case_from_example

SET = dt.datetime(2024, 5, 1, 10, 0)  # a Wednesday


def _one_action(task: str):
    case = case_from_example(
        {"notes": [{"date": "01/05/2024 10:00", "text": f"Plan:\n- SW to {task}"}]}
    )
    (action,) = actions_in(read_case_text(case, get_pipeline()))
    return action


@pytest.mark.parametrize(
    ("task", "due", "words"),
    [
        ("contact school by 12/05", dt.date(2024, 5, 12), "12/05"),
        ("contact school by 12/05/2024", dt.date(2024, 5, 12), "12/05/2024"),
        ("see Zara by 3/1", dt.date(2025, 1, 3), "3/1"),  # a deadline looks ahead: next January
        ("visit within 2 weeks", dt.date(2024, 5, 15), "within 2 weeks"),
        ("visit within 10 working days", dt.date(2024, 5, 16), "within 10 working days"),
        ("call Mum by Friday", dt.date(2024, 5, 3), "Friday"),
        ("call Mum by Wednesday", dt.date(2024, 5, 8), "Wednesday"),
        ("attend the review on 20/05/2024", dt.date(2024, 5, 20), "the review on 20/05/2024"),
        ("tell the DSL today", dt.date(2024, 5, 1), "today"),
        ("update the plan by the next review", None, "the next review"),
        ("see Zara alone by Fri 03/05", dt.date(2024, 5, 3), "Fri 03/05"),
        ("chair the CIN review 31/05/2024", dt.date(2024, 5, 31), "the CIN review 31/05/2024"),
        (
            "run weekly sessions from 07/05 for 6 weeks",
            dt.date(2024, 6, 18),
            "weekly, 07/05, 6 weeks",
        ),
        (
            "keep the plan in place until the court date 10/06/2024",
            dt.date(2024, 6, 10),
            "the court date 10/06/2024",
        ),
    ],
)
def test_due_dates_come_from_the_time_layer(
    task: str, due: dt.date | None, words: str | None
) -> None:
    action = _one_action(task)
    assert (action.due, action.timescale) == (due, words)


@pytest.mark.parametrize(
    "task",
    ["offer weekly sessions starting 07/05", "see Zara fortnightly from 08/05/2024"],
)
def test_an_action_that_starts_and_runs_is_never_overdue(task: str) -> None:
    action = _one_action(task)
    assert action.ongoing and action.deadline(10) is None


def test_support_with_no_timescale_is_due_by_default() -> None:
    action = _one_action("support Mum")
    assert action.timescale is None and action.deadline(10) == dt.date(
        2024, 5, 16
    )  # 6 May a bank holiday


def test_actions_need_an_owner_or_a_date_and_sit_in_a_plan() -> None:
    case = case_from_example(
        {
            "notes": [
                {
                    "date": "01/05/2024",
                    "text": "Mum to call school.\nPlan:\n- SW Okafor to visit by 08/05/2024\n"
                    "- Support with attendance\n- Mentor sessions in 2 weeks\n"
                    "- CIN review 29/05/2024",
                }
            ]
        }
    )
    actions = actions_in(read_case_text(case, get_pipeline()))
    assert [(a.owner, a.due_text) for a in actions] == [
        ("SW Okafor", "08/05/2024"),
        ("Mentor", "in 2 weeks"),  # the plan's own next review is not one of its actions
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
        # class "a referral by phone is received in the call"
        ("Spoke to First Response, ref 123456.", "received", "children's social care"),
        ("Rang EDT at 22:40 re bruising.", "received", "children's social care"),
        ("Emailed MASH the chronology.", "made", "children's social care"),
        # class "a referral that came to the writer"
        ("Ollie (Y10) self-referred after assembly.", "received", None),
        ("Seen for the first time, referred by the head of year.", "received", None),
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
