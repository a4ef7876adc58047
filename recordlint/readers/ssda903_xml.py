"""The SSDA903 return of looked-after children as XML (`<EXPSSDA903>`).

Each `<CHILD>` holds a `<HEADER>` (CHILDID, UPN, SEX, DOB, ETHNIC, MOTHER, and the child's
reviews, missing episodes, permanence and outcomes nested inside it) and its `<EPISODE>`s of
care. Every value element is read by the 903 layout (`readers.returns`), as the CSV tables are,
so a child exported as XML and one exported as CSV are the same case.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from recordlint.model import Source, SourceRef
from recordlint.readers.base import Part, ReadOutcome
from recordlint.readers.dates import run_date
from recordlint.readers.identity import labels_for
from recordlint.readers.returns import ssda903
from recordlint.readers.statutory_xml import check_child, leaves, local_name, returns_root, text_of

FORMAT = "ssda903"


@returns_root("EXPSSDA903")
def read_ssda903(root: Element, shown: str, outcome: ReadOutcome) -> None:
    layout = ssda903()
    children = [c for c in root if local_name(c) == "CHILD"]
    if not children:
        outcome.problem(shown, "an SSDA903 return with no CHILD elements")
        return
    today = run_date()
    for number, child in enumerate(children, start=1):
        check_child(
            child,
            number,
            shown,
            outcome,
            lambda name, value: layout.date_problem(name, value, today, label=f"<{name}>"),
        )
        values = [(local_name(e), text_of(e)) for e in leaves(child)]
        ids = {layout.field(column): value for column, value in values if column in layout.key}
        ids["upn"] = next((v for c, v in values if c == "UPN"), "")
        labels = labels_for(ids)
        if not labels:
            outcome.problem(shown, f"child {number} has no CHILDID; skipped")
            continue
        fields = {layout.field(column) for column, _ in values}
        part = Part.identified(labels, Source(shown, FORMAT, fields=frozenset(fields)))
        where = SourceRef(shown, row=number)
        for column, value in values:
            part.add_field(layout.field(column), value, where)
        outcome.add_parts([part])
