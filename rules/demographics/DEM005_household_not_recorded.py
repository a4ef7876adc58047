"""DEM005 household-not-recorded: the record never says who the child lives with."""

from __future__ import annotations

from recordlint.api import Case, Evidence, ValueClass, Violation, not_evaluated, rule, value_class

_YES = {"y", "yes", "true", "1", "lives with child", "in household"}


@rule(
    code="DEM005",
    name="household-not-recorded",
    severity="warning",
    recommendation="1",
    reference="Audit recommendation 1: the family's details",
    message="Who the child lives with is not recorded.",
    why="""
        Without the household, nobody can tell who cares for the child day to day, who else is
        in the home (adults who may pose a risk or protect), or who needs to be assessed.
    """,
    advice="""
        Record who the child lives with: each member of the household by name, relationship and
        age, and anyone who stays often; update it when someone moves in or out.
    """,
    notes="optional",  # it also judges fields: called on a case without notes
)
def check(case: Case, text):
    carries = case.carries("household") or case.carries("lives_with_child")
    if not (case.has_notes or case.people or carries):
        return not_evaluated(
            "no input for this case has a household field, a family table or notes"
        )
    for item in case.values("household"):
        if value_class(item.value) is ValueClass.RECORDED:
            return []
    for person in case.people:
        if person.details.get("lives_with_child", "").strip().lower() in _YES:
            return []
    if case.has_notes and text.mentions("household"):
        return []
    gaps = tuple(
        Evidence(source=str(item.source), field="household", value=item.value)
        for item in case.values("household")
    )
    told_otherwise = (
        tuple(m.evidence() for m in text.mentions("household", negated=True, hypothetical=None))
        if case.has_notes
        else ()
    )
    evidence = gaps + told_otherwise
    if not evidence:
        evidence = (Evidence(source=case.sources[0].path if case.sources else ""),)
    return [Violation(evidence=evidence)]
