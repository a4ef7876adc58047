"""DEM006 demographics-inconsistent: two sources for the same child disagree on ethnicity,
language or religion (a health export says Pakistani, the social care one says Indian)."""

from __future__ import annotations

import re

from recordlint.api import Case, Evidence, Severity, ValueClass, Violation, codelist, rule

#: field -> (code list, how the message names it)
_FIELDS = {
    "ethnicity": ("ethnicity", "ethnicity"),
    "first_language": ("language", "first language"),
    "preferred_language": ("language", "preferred language"),
    "religion": ("religion", "religion or belief"),
}


@rule(
    code="DEM006",
    name="demographics-inconsistent",
    severity="info",
    recommendation="1",
    reference="Audit recommendation 1: full and accurate demographic details",
    message="Sources disagree on the child's {label}: {values}.",
    why="""
        When agencies record a child differently, at least one record is wrong, and each agency
        plans from its own. Codes and labels are compared by meaning (WBRI, NHS code A and "White
        British" agree); a refusal, a not-known value or a guess is not compared.
    """,
    advice="""
        Check with the child and family which is right, correct the record that is wrong, and
        tell the other agency so both records agree.
    """,
)
def check(case: Case):
    violations = []
    for field, (list_name, label) in _FIELDS.items():
        codes = codelist(list_name)
        by_meaning: dict[str, list[tuple[str, str]]] = {}
        for item in case.values(field):
            classified = codes.classify(item.value)
            if classified.value_class is not ValueClass.RECORDED:
                continue
            meaning = (classified.label or item.value).strip()
            path = item.source.path if item.source else ""
            # "Black-British" and "Black British" are one answer
            key = re.sub(r"[^a-z0-9]+", "", meaning.lower())
            by_meaning.setdefault(key, []).append((path, item.value, str(item.source)))
        sources = {path for entries in by_meaning.values() for path, _, _ in entries}
        if len(by_meaning) < 2 or len(sources) < 2:
            continue
        firsts = [entries[0] for entries in by_meaning.values()]
        violations.append(
            Violation(
                evidence=tuple(
                    Evidence(source=where, field=field, value=value) for _, value, where in firsts
                ),
                details={
                    "label": label,
                    "values": "; ".join(f"{value!r} in {where}" for _, value, where in firsts),
                },
                severity=Severity.INFO,
            )
        )
    return violations
