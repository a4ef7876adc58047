"""Declarative rule kinds: the Python behind YAML rules (as Vale's `extends:` kinds).

A kind is a factory registered under a name. It receives the kind-specific keys of a YAML rule
and returns a check function, so a YAML rule and a Python rule become the same `Rule`. Each
kind declares the keys it accepts, and a YAML rule with an unknown key is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from recordlint.codelists import Classified, CodeList, ValueClass, codelist
from recordlint.model import (
    Case,
    Evidence,
    Severity,
    Skip,
    Violation,
    not_evaluated,
)
from recordlint.rulebook.rule import RuleDefinitionError

CheckFactory = Callable[[Mapping[str, Any], str], Callable[..., Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    factory: CheckFactory
    keys: frozenset[str]
    required: frozenset[str]
    doc: str


KINDS: dict[str, Kind] = {}


def kind(
    name: str, *, keys: set[str], required: set[str]
) -> Callable[[CheckFactory], CheckFactory]:
    def register(factory: CheckFactory) -> CheckFactory:
        KINDS[name] = Kind(
            name, factory, frozenset(keys), frozenset(required), factory.__doc__ or ""
        )
        return factory

    return register


def build_check(kind_name: str, spec: Mapping[str, Any], where: str) -> Callable[..., Any]:
    if kind_name not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise RuleDefinitionError(f"{where}: unknown kind {kind_name!r} (known kinds: {known})")
    definition = KINDS[kind_name]
    unknown = set(spec) - definition.keys
    if unknown:
        raise RuleDefinitionError(
            f"{where}: key {sorted(unknown)[0]!r} is not used by kind {kind_name!r} "
            f"(it takes: {', '.join(sorted(definition.keys))})"
        )
    missing = definition.required - set(spec)
    if missing:
        raise RuleDefinitionError(f"{where}: kind {kind_name!r} needs key {sorted(missing)[0]!r}")
    return definition.factory(spec, where)


# --- field_required -------------------------------------------------------------------------


@dataclass(frozen=True)
class _Judged:
    """A field's values across every source, classified."""

    field_names: tuple[str, ...]
    values: tuple[tuple[str, str, str, Classified], ...]  # (field, value, where, class)
    absent_in: tuple[str, ...]  # sources that have no column for any of the fields

    def of_class(self, *classes: ValueClass) -> list[tuple[str, str, str, Classified]]:
        return [v for v in self.values if v[3].value_class in classes]

    @property
    def recorded(self) -> list[tuple[str, str, str, Classified]]:
        return self.of_class(ValueClass.RECORDED, ValueClass.INFERRED)

    @property
    def declined(self) -> list[tuple[str, str, str, Classified]]:
        return self.of_class(ValueClass.DECLINED)

    def gap_evidence(self) -> tuple[Evidence, ...]:
        shown = [
            Evidence(source=where, field=name, value=value) for name, value, where, _ in self.values
        ]
        shown += [
            Evidence(source=path, field=self.field_names[0], value=None) for path in self.absent_in
        ]
        return tuple(shown)

    def gap_detail(self) -> str:
        texts = sorted({f"'{value}'" for _, value, _, c in self.values if value.strip()})
        if texts:
            return "only " + ", ".join(texts) + " (not known)"
        if self.values:
            return "blank in every source"
        return "no input records it"


def _judge(case: Case, field_names: tuple[str, ...], codes: CodeList) -> _Judged:
    values = tuple(
        (name, item.value, str(item.source), codes.classify(item.value))
        for name in field_names
        for item in case.values(name)
    )
    absent = tuple(
        source.path
        for source in case.sources
        if not any(source.can_carry(name) for name in field_names)
    )
    return _Judged(field_names, values, absent)


def _field_list(spec: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = spec.get(key)
    names = (value,) if isinstance(value, str) else tuple(value or ())
    if not names or not all(isinstance(n, str) for n in names):
        raise RuleDefinitionError(f"{where}: {key!r} must name a field or a list of fields")
    return names


@kind(
    "field_required",
    keys={"fields", "codelist", "label", "also_require"},
    required={"fields", "codelist", "label"},
)
def field_required(spec: Mapping[str, Any], where: str) -> Callable[..., Any]:
    """A structured field must hold a real answer in at least one source for the case.

    Keys: `fields` (one field, or several any of which will do), `codelist` (a file in
    rules/vocab naming codes and not-known values), `label` (how the advice names it), and
    optionally `also_require` (`field`, `codelist`, `label`, `when_value_not_in`: a second
    field needed when the first holds a value outside a named list of the code list, such as
    "interpreter need, when the language is not English").
    Options: `report-declined` (report a recorded refusal as info).
    Not evaluated when no source for the case could carry the field and there are no notes.
    """
    field_names = _field_list(spec, "fields", where)
    codes = _load_codelist(spec["codelist"], where)
    label = str(spec["label"])
    also = spec.get("also_require")
    if also is not None:
        also_fields = _field_list(also, "field", where)
        also_codes = _load_codelist(also.get("codelist", ""), where)
        also_label = str(also.get("label", also_fields[0]))
        if also.get("when_value_not_in") != "english":
            raise RuleDefinitionError(f"{where}: also_require.when_value_not_in must be 'english'")

    def check(case: Case, options: Mapping[str, Any]) -> list[Violation] | Skip:
        if not case.has_notes and not any(case.carries(name) for name in field_names):
            return not_evaluated(f"no input for this case has a field for {label}, or notes")
        judged = _judge(case, field_names, codes)
        if judged.recorded:
            if also is None:
                return []
            others = [v for v in judged.recorded if not codes.is_english(v[1])]
            if not others:
                return []
            second = _judge(case, also_fields, also_codes)
            if second.recorded or second.declined:
                return []
            language = others[0]
            return [
                Violation(
                    evidence=(
                        Evidence(source=language[2], field=language[0], value=language[1]),
                        *second.gap_evidence(),
                    ),
                    details={"label": also_label, "detail": f"{label} is {language[1]!r}"},
                )
            ]
        if judged.declined:
            if not options.get("report-declined"):
                return []
            name, value, place, _ = judged.declined[0]
            return [
                Violation(
                    evidence=(Evidence(source=place, field=name, value=value),),
                    message=f"The {label} was declined ({value!r}): re-ask at the next assessment.",
                    severity=Severity.INFO,
                )
            ]
        return [
            Violation(
                evidence=judged.gap_evidence(),
                details={"label": label, "detail": judged.gap_detail()},
            )
        ]

    return check


def _load_codelist(name: str, where: str) -> CodeList:
    try:
        return codelist(str(name))
    except FileNotFoundError:
        raise RuleDefinitionError(f"{where}: no code list {name!r} in rules/vocab") from None
