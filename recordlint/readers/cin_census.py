"""DfE Children in Need census XML: the statutory return every English council produces.

A census carries identity and demographics (ethnicity, date of birth, sex, referral and closure
dates) but no notes and no language or religion: rules that need those report not-evaluated
for these cases instead of inventing failures.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException

from recordlint.model import Source, SourceRef
from recordlint.readers.base import Part, ReaderOptions, ReadOutcome, register
from recordlint.readers.identity import labels_for

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


@register("cin-census", ".xml")
def read_cin_census(path: Path, fmt: str, options: ReaderOptions) -> ReadOutcome:
    outcome = ReadOutcome()
    shown = str(path)
    try:
        root = SafeElementTree.parse(str(path)).getroot()
    except ParseError as exc:
        line = exc.position[0] if exc.position else None
        outcome.problem(
            shown, f"malformed XML ({exc.msg if hasattr(exc, 'msg') else exc})", line=line
        )
        return outcome
    except DefusedXmlException:
        outcome.problem(shown, "XML uses entities or DTDs, which recordlint refuses to expand")
        return outcome
    except OSError as exc:
        outcome.problem(shown, f"cannot read file ({exc.strerror or exc})")
        return outcome
    children = root.findall(".//Children/Child")
    if root.tag != "Message" or not children:
        outcome.problem(shown, "not a CIN census file (no Message/Children/Child elements)")
        return outcome
    source = Source(shown, fmt, fields=frozenset({"child_id", *_CHILD_FIELDS.values()}))
    for number, child in enumerate(children, start=1):
        key = _text(child.find("ChildIdentifiers/LAchildID"))
        if not key:
            outcome.problem(shown, f"child {number} has no LAchildID; skipped")
            continue
        upn = _text(child.find("ChildIdentifiers/UPN"))
        part = Part.identified(labels_for({"child_id": key, "upn": upn}), source)
        where = SourceRef(shown, row=number)
        for element_name, canonical in _CHILD_FIELDS.items():
            for element in child.iter(element_name):
                part.add_field(canonical, _text(element), where)
        for canonical in set(_CHILD_FIELDS.values()) - set(part.fields):
            part.add_field(canonical, "", where)
        outcome.add_parts([part])
    return outcome


def _text(element: Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""
