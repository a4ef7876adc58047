"""Redaction (`--redact`): mask who a report is about before anyone reads it.

Masked in every quote, value, message and note, in every format: the names of the child and
family (from the structured fields and family tables, and a capitalised word next to one of them,
which is usually the rest of the name), dates of birth, addresses and postcodes, phone numbers,
email addresses and NHS numbers. Practitioners' names and the case id are kept: a reader needs to
know who wrote a note and which case it is; but a case shown under the child's NHS number or UPN
(because nothing else identified it) is shown under a pseudonym, the same for that child in
every format of the run and different in every run. The run is copied, never changed in place.
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from functools import cache

from recordlint.model import Case, CaseReport, Evidence, Finding, Note, Person

NAME_FIELDS = ("child_name", "first_name", "surname", "mother_name", "father_name", "household")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# words that appear in name fields but are not names ("Mother (Lisa Ashgrove) and brother")
_NOT_NAMES = {
    "mother", "father", "mum", "dad", "mum's", "partner", "partners", "brother", "sister", "and",
    "the", "with", "lives", "living", "in", "of", "half", "half-brother", "half-sister", "step",
    "stepfather", "stepmother", "grandmother", "grandfather", "nan", "maternal", "paternal",
    "until", "since", "no", "not", "known", "unknown", "contact", "weekly", "fortnightly",
    "monthly", "current", "prison", "abroad", "phone", "foster", "carers", "carer", "children",
    "child", "baby", "younger", "older", "twin", "two", "three", "four", "moved", "out", "died",
    "deceased", "declined", "name", "him", "her", "them", "nearby", "weekend", "mr",
    "mrs", "ms", "miss", "yes", "none", "aunt", "uncle", "cousin", "sees", "family",
}  # fmt: skip

_PATTERNS = [
    ("[email]", re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")),
    ("[NHS no]", re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")),
    ("[phone]", re.compile(r"(?<!\w)(?:\+44\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}\b")),
    (
        "[postcode]",
        re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE),
    ),
    (
        "[address]",
        re.compile(
            r"\b\d{1,4}[a-z]?\s+(?:[A-Z][\w'’-]+\s+){1,3}"
            r"(?:Road|Rd|Street|St|Avenue|Ave|Close|Lane|Drive|Way|Court|Crescent|Place"
            r"|Gardens|Terrace|Grove|Walk|Mews|Row|Square|Hill|View|Park)\b\.?"
        ),
    ),
]


def family_names(case: Case) -> set[str]:
    """Name-like words from the case's name fields and family table, and their parts: a
    hyphenated or apostrophed name ("Mary-Jane", "O'Brien") is also written "Mary Jane",
    "Jane" or "O’Brien"."""
    names = set()
    for text in _name_sources(case):
        for word in _NAME_WORD.findall(text):
            if not word[0].isupper() or word.lower() in _NOT_NAMES or len(word) < 2:
                continue
            names.add(word)
            names |= {p for p in re.split(r"[-'’]", word) if len(p) > 2}
    return names


def _name_pattern(name: str) -> str:
    """A name as it may be written: any case, any apostrophe, a hyphen or a space."""
    parts = [re.escape(p) for p in re.split(r"[-'’]", name) if p]
    if len(parts) == 1:
        return parts[0]
    joiner = "[-'’ ]?" if "'" in name or "’" in name else "[- ]"
    return joiner.join(parts)


class Redactor:
    """Masks one case's personal details in any text. `also` adds names from other cases of
    the same run: a sibling or parent of one child may be named in another child's notes."""

    def __init__(self, case: Case, also: Iterable[str] = ()) -> None:
        names = family_names(case) | set(also)
        self.names = names
        words = "|".join(_name_pattern(n) for n in sorted(names, key=len, reverse=True))
        # a known name in any case, and a capitalised word straight after it (its surname)
        self._names = (
            re.compile(rf"(?<![\w-])(?i:{words})(?:['’]s)?(?:\s+[A-Z][\w'’-]+)?(?![\w-])")
            if names
            else None
        )
        self._before = re.compile(r"(?<![\w-])[A-Z][a-z][\w'’-]*\s+(?=\[name\])") if names else None
        self._dobs = [re.compile(p, re.IGNORECASE) for p in _date_forms(case)]

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        for dob in self._dobs:
            text = dob.sub("[date of birth]", text)
        for label, pattern in _PATTERNS:
            text = pattern.sub(label, text)
        if self._names is not None:
            text = self._names.sub(_mask_name, text)
            text = self._before.sub(_mask_first_name, text)
        return text


def _date_forms(case: Case) -> list[str]:
    """The date of birth as notes write it: 04/03/2010, 4/3/10, 2010-03-04, 4 March 2010..."""
    from recordlint.readers.dates import DateError, parse_date

    forms = []
    for value in case.values("dob"):
        text = value.value.strip()
        if not text:
            continue
        forms.append(re.escape(text))
        try:
            born = parse_date(text)
        except DateError:
            continue
        if born is None:
            continue
        day, month, year = born.day, born.month, born.year
        months = f"(?:{born:%B}|{born:%b})"
        forms += [
            rf"\b0?{day}[/.-]0?{month}[/.-](?:{year}|{year % 100:02d})\b",
            rf"\b{year}[/.-]0?{month}[/.-]0?{day}\b",
            rf"\b0?{day}(?:st|nd|rd|th)?\s+{months}\s+{year}\b",
            rf"\b{months}\s+0?{day}(?:st|nd|rd|th)?,?\s+{year}\b",
        ]
    return forms


def _mask_name(match: re.Match[str]) -> str:
    following = match.group(0).split()
    if len(following) > 1 and following[-1].lower() in _NOT_NAMES:
        return "[name] " + following[-1]  # "Zara Was" is not a surname: keep the word
    return "[name]"


def _mask_first_name(match: re.Match[str]) -> str:
    word = match.group(0).strip()
    return match.group(0) if word.lower() in _NOT_NAMES else "[name] "


def _name_sources(case: Case) -> Iterable[str]:
    yield case.child.name
    for field in NAME_FIELDS:
        for value in case.values(field):
            yield value.value
    for person in case.people:
        yield person.name


def redact_report(report: CaseReport, also: Iterable[str] = ()) -> CaseReport:
    redact = Redactor(report.case, also)
    case = report.case
    case_id = pseudonym(case.case_id) if is_national_id(case) else case.case_id
    redacted_case = dataclasses.replace(
        case,
        case_id=case_id,
        child=dataclasses.replace(
            case.child,
            name=redact(case.child.name) or "",
            person_id=case_id if case.child.person_id == case.case_id else case.child.person_id,
        ),
        people=tuple(_person(p, redact) for p in case.people),
        fields={
            name: tuple(dataclasses.replace(v, value=redact(v.value) or "") for v in values)
            for name, values in case.fields.items()
        },
        notes=tuple(_note(n, redact) for n in case.notes),
    )
    findings = tuple(
        dataclasses.replace(_finding(f, redact), case_id=case_id) for f in report.findings
    )
    return dataclasses.replace(report, case=redacted_case, findings=findings)


def is_national_id(case: Case) -> bool:
    """Whether the case is shown under the child's NHS number or UPN."""
    from recordlint.readers.columns import CHILD_ID_FIELDS

    shown = _id_digits(case.case_id)
    return any(
        _id_digits(value.value) == shown for name in CHILD_ID_FIELDS for value in case.values(name)
    )


def _id_digits(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def pseudonym(identifier: str) -> str:
    """A stable stand-in for an identifier within this run, keyed so it cannot be reversed by
    hashing every NHS number."""
    digest = hmac.new(_run_key(), _id_digits(identifier).encode(), hashlib.sha256)
    return f"case-{digest.hexdigest()[:10]}"


@cache
def _run_key() -> bytes:
    return secrets.token_bytes(32)


def _person(person: Person, redact: Redactor) -> Person:
    return dataclasses.replace(
        person,
        name=redact(person.name) or "",
        details={k: redact(v) or "" for k, v in person.details.items()},
    )


def _note(note: Note, redact: Redactor) -> Note:
    # authors are practitioners and stay, unless one shares a name with the family
    return dataclasses.replace(note, text=redact(note.text) or "", author=redact(note.author) or "")


def _finding(finding: Finding, redact: Redactor) -> Finding:
    return dataclasses.replace(
        finding,
        message=redact(finding.message) or "",
        evidence=tuple(_evidence(e, redact) for e in finding.evidence),
    )


def _evidence(evidence: Evidence, redact: Redactor) -> Evidence:
    quote, span = evidence.quote, evidence.span
    if quote is not None:
        marked = quote[span[0] : span[1]] if span else None
        quote = redact(quote)
        span = None
        if marked:
            at = quote.find(redact(marked) or "")
            if at >= 0:
                span = (at, at + len(redact(marked) or ""))
    return dataclasses.replace(
        evidence, quote=quote, span=span, value=redact(evidence.value), trigger=evidence.trigger
    )


def redact_reports(reports: Iterable[CaseReport]) -> list[CaseReport]:
    """Every report redacted with every family name of the run (over-masking a practitioner
    who shares a first name with a parent is the safe mistake)."""
    reports = list(reports)
    everyone = set().union(*(family_names(r.case) for r in reports)) if reports else set()
    return [redact_report(report, everyone) for report in reports]
