"""Recognising the column headers that case systems export, whatever they call them.

Every header is normalised (lower case, punctuation folded to spaces, apostrophes dropped) and
looked up in `VARIANTS`; config may map any header explicitly, and that mapping wins. Canonical
names are the vocabulary of the case model (design.md, "The canonical model").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

#: Fields that identify the case, in the order they are preferred as the merge key. A child's
#: id wins over an agency's case reference so that several agencies' exports merge per child.
KEY_FIELDS: tuple[str, ...] = ("child_id", "case_id", "person_id")

#: Fields that describe one note (an entry in the record).
NOTE_FIELDS: frozenset[str] = frozenset(
    {"note_id", "note_date", "note_time", "author", "kind", "text"}
)

#: Fields that describe a family member in a people table.
PERSON_FIELDS: frozenset[str] = frozenset(
    {"relationship", "person_name", "lives_with_child", "parental_responsibility", "contact"}
)

VARIANTS: dict[str, tuple[str, ...]] = {
    "child_id": (
        "child id",
        "childid",
        "child unique id",
        "la child id",
        "lachildid",
        "child ref",
        "child reference",
        "child number",
        "child no",
        "client id",
        "subject id",
        "young person id",
        "pupil id",
        "nhs number",
        "upn",
    ),
    "case_id": ("case id", "case ref", "case reference", "case number", "case no", "case"),
    "person_id": ("person id", "person ref", "person reference", "personid", "id"),
    "child_name": (
        "child name",
        "childs name",
        "child",
        "name",
        "full name",
        "child full name",
        "young person",
    ),
    "first_name": ("first name", "forename", "given name", "forenames"),
    "surname": ("surname", "last name", "family name"),
    "dob": ("dob", "d o b", "date of birth", "birth date", "person birth date", "personbirthdate"),
    "gender": ("gender", "sex", "gender current", "gendercurrent"),
    "ethnicity": (
        "ethnicity",
        "ethnic origin",
        "ethnicity code",
        "ethnic group",
        "ethnic category",
        "ethnicity description",
        "ethnic background",
        "ethnic",
    ),
    "first_language": (
        "first language",
        "main language",
        "home language",
        "language",
        "mother tongue",
    ),
    "preferred_language": ("preferred language", "language preferred", "preferred spoken language"),
    "interpreter_required": (
        "interpreter required",
        "interpreter needed",
        "interpreter",
        "needs interpreter",
        "interpreter required y n",
        "requires interpreter",
    ),
    "religion": ("religion", "faith", "religion or belief", "religious affiliation", "belief"),
    "father_name": (
        "father name",
        "father",
        "fathers name",
        "birth father",
        "father details",
        "dad",
    ),
    "mother_name": ("mother name", "mother", "mothers name", "birth mother", "mum"),
    "household": (
        "household",
        "lives with",
        "household composition",
        "household members",
        "living with",
        "family composition",
        "resides with",
    ),
    "send": (
        "send",
        "sen",
        "sen status",
        "send status",
        "special educational needs",
        "sen support",
    ),
    "ehcp": ("ehcp", "ehc plan", "education health and care plan", "ehcp status"),
    "disability": ("disability", "disabilities", "does the child have a disability"),
    "case_status": ("case status", "status", "episode status"),
    "open_date": (
        "open date",
        "case open date",
        "start date",
        "referral date",
        "cin start date",
        "case start date",
        "date opened",
        "cinreferraldate",
    ),
    "close_date": (
        "close date",
        "closure date",
        "case closed date",
        "date closed",
        "cin closure date",
    ),
    "worker": ("worker", "allocated worker", "social worker", "key worker", "lead professional"),
    "team": ("team", "allocated team", "service", "department"),
    "agency": ("agency", "organisation", "organization", "source agency"),
    "note_id": ("note id", "entry id", "record id", "event id", "contact id", "observation id"),
    "note_date": (
        "entry date",
        "event date",
        "date",
        "note date",
        "contact date",
        "recorded date",
        "date of entry",
        "occurrence date",
        "date of contact",
        "activity date",
        "date time",
        "datetime",
        "timestamp",
    ),
    "note_time": ("time", "entry time", "event time", "contact time"),
    "author": (
        "recorded by",
        "author",
        "created by",
        "entered by",
        "practitioner",
        "officer",
        "staff",
        "written by",
        "staff member",
    ),
    "kind": (
        "entry type",
        "note type",
        "type",
        "contact type",
        "case note type",
        "category",
        "event type",
        "activity type",
        "record type",
    ),
    "text": (
        "note",
        "notes",
        "case note",
        "case notes",
        "narrative",
        "note text",
        "details",
        "entry",
        "description",
        "body",
        "text",
        "summary",
        "comments",
        "observation",
        "free text",
    ),
    "relationship": ("relationship", "relationship to child", "role", "family role", "relation"),
    "person_name": ("person name", "member name", "family member", "relative name"),
    "lives_with_child": (
        "lives with child",
        "in household",
        "resides with child",
        "same household",
    ),
    "parental_responsibility": ("parental responsibility", "pr", "has pr", "pr holder"),
    "contact": ("contact with child", "contact arrangements", "involvement"),
}

CANONICAL_FIELDS: frozenset[str] = frozenset(VARIANTS)

#: Fields one column must hold alone: the case key and the parts of a note.
SINGLE_COLUMN_FIELDS: frozenset[str] = frozenset(KEY_FIELDS) | NOTE_FIELDS

_LOOKUP: dict[str, str] = {
    variant: canonical for canonical, variants in VARIANTS.items() for variant in variants
}
_RANK: dict[str, int] = {
    variant: rank for variants in VARIANTS.values() for rank, variant in enumerate(variants)
}


def normalise_header(header: object) -> str:
    text = str(header).replace("'", "").replace("\u2019", "").lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def map_headers(
    headers: Iterable[object], explicit: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each header to a canonical field, or to `x_<name>` when unrecognised.

    `explicit` maps header text (compared normalised) to a canonical field and beats the table.
    A field that identifies the case or describes a note takes one column: the variant listed
    earlier in `VARIANTS` wins (so "Child ID" beats "UPN") and the other keeps its own name.
    Any other field may take several columns ("Ethnicity" and "Ethnic Origin"), each read as a
    separate value, so nothing recorded is thrown away.
    """
    wanted = {normalise_header(k): v for k, v in (explicit or {}).items()}
    headers = [str(h) for h in headers]
    mapping: dict[str, str] = {}
    best: dict[str, tuple[int, str]] = {}
    for header in headers:
        key = _lookup_key(header, headers)
        if key in wanted:
            if wanted[key] not in best or best[wanted[key]][0] >= 0:
                best[wanted[key]] = (-1, header)
            continue
        canonical = _LOOKUP.get(key)
        if canonical is None:
            continue
        rank = _RANK[key]
        if canonical not in best or rank < best[canonical][0]:
            best[canonical] = (rank, header)
    chosen = {header: canonical for canonical, (_, header) in best.items()}
    for header in headers:
        key = _lookup_key(header, headers)
        canonical = chosen.get(header) or wanted.get(key) or _LOOKUP.get(key)
        if canonical and (header in chosen or canonical not in SINGLE_COLUMN_FIELDS):
            mapping[header] = canonical
        else:
            mapping[header] = f"x_{normalise_header(header).replace(' ', '_')}" if key else ""
    return mapping


def _lookup_key(header: str, headers: list[str]) -> str:
    """The normalised header, undoing pandas' renaming of a repeated one ("Ethnicity.1")."""
    match = re.match(r"^(.*)\.\d+$", header)
    if match and match.group(1) in headers:
        header = match.group(1)
    return normalise_header(header)


def describe_key_variants() -> str:
    """The header names that identify a case, for error messages."""
    names = [VARIANTS[k][i] for k in KEY_FIELDS for i in range(min(3, len(VARIANTS[k])))]
    return ", ".join(f"'{n.title()}'" for n in names)
