"""DfE Children in Need census XML: the statutory return every English council produces.

A census carries identity and demographics (ethnicity, date of birth, sex, referral and closure
dates) but no notes and no language or religion: rules that need those report not-evaluated
for these cases instead of inventing failures. Each child's dates and stray text are checked
(see `statutory_xml`).
"""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element

from recordlint.model import Source, SourceRef
from recordlint.readers.base import Part, ReadOutcome
from recordlint.readers.dates import date_value_problem, run_date
from recordlint.readers.identity import labels_for
from recordlint.readers.statutory_xml import check_child, leaves, local_name, returns_root, text_of

#: census element -> canonical field
_CHILD_FIELDS = {
    "PersonBirthDate": "dob",
    "Sex": "gender",
    "GenderCurrent": "gender",
    "Ethnicity": "ethnicity",
    "CINreferralDate": "open_date",
    "CINclosureDate": "close_date",
    "UPN": "upn",
}

#: date elements that may rightly be after the day of the run: a birth not yet happened, the
#: date an initial conference must be held by
_MAY_LOOK_AHEAD = frozenset({"ExpectedPersonBirthDate", "InitialCPCtarget"})

FORMAT = "cin-census"


@returns_root("Message")
def read_cin_census(root: Element, shown: str, outcome: ReadOutcome) -> None:
    children = [c for c in root.iter() if local_name(c) == "Child"]
    if not children:
        outcome.problem(shown, "a CIN census with no Children/Child elements")
        return
    source = Source(shown, FORMAT, fields=frozenset({"child_id", *_CHILD_FIELDS.values()}))
    today = run_date()
    for number, child in enumerate(children, start=1):
        check_child(
            child, number, shown, outcome, lambda name, value: _date_problem(name, value, today)
        )
        values = {local_name(e): text_of(e) for e in leaves(child)}
        key = values.get("LAchildID", "")
        if not key:
            outcome.problem(shown, f"child {number} has no LAchildID; skipped")
            continue
        part = Part.identified(labels_for({"child_id": key, "upn": values.get("UPN", "")}), source)
        where = SourceRef(shown, row=number)
        for element in leaves(child):
            canonical = _CHILD_FIELDS.get(local_name(element))
            if canonical:
                part.add_field(canonical, text_of(element), where)
        for canonical in set(_CHILD_FIELDS.values()) - set(part.fields):
            part.add_field(canonical, "", where)
        outcome.add_parts([part])


def _date_problem(name: str, value: str, today: dt.date) -> str | None:
    """Census date elements carry "Date" in their name (CINreferralDate, DateOfInitialCPC),
    and one is a target date."""
    if "Date" not in name and name != "InitialCPCtarget":
        return None
    return date_value_problem(f"<{name}>", value, today, name in _MAY_LOOK_AHEAD)
