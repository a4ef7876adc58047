"""The registry of declarative rule kinds, and the spec a YAML rule gives its kind.

A kind is a factory registered under a name (as Vale's `extends:` kinds): it receives the
`spec:` of a YAML rule and returns the check function, so a YAML rule and a Python rule become
the same `Rule`. Each kind declares the keys it accepts and needs; `Spec` reads them with their
types checked, and a concept a rule names must exist in the run's vocabulary, so a typo in a
rule is an error at load naming the file and key, never a rule that silently finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from recordlint.rulebook.rule import RuleDefinitionError
from recordlint.vocabulary import Vocabulary, per_vocabulary

CheckFactory = Callable[[Mapping[str, Any], str], Callable[..., Any]]


@dataclass(frozen=True)
class Kind:
    name: str
    factory: CheckFactory
    keys: frozenset[str]
    required: frozenset[str]
    doc: str
    #: "required": the kind judges notes only (a case without any is not evaluated)
    notes: str = "optional"


KINDS: dict[str, Kind] = {}


def kind(
    name: str, *, keys: set[str], required: set[str], notes: str = "optional"
) -> Callable[[CheckFactory], CheckFactory]:
    def register(factory: CheckFactory) -> CheckFactory:
        KINDS[name] = Kind(
            name, factory, frozenset(keys), frozenset(required), factory.__doc__ or "", notes
        )
        return factory

    return register


def build_check(kind_name: str, spec: Mapping[str, Any], where: str) -> Callable[..., Any]:
    definition = kind_named(kind_name, where)
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


def kind_named(kind_name: str, where: str) -> Kind:
    if kind_name not in KINDS:
        known = ", ".join(sorted(KINDS))
        raise RuleDefinitionError(f"{where}: unknown kind {kind_name!r} (known kinds: {known})")
    return KINDS[kind_name]


#: how a spec writes a context filter: true, false, or any (either way)
_EITHER = {True: True, False: False, "any": None}


class Spec:
    """A YAML rule's `spec`, read key by key; every mistake names the rule file and the key."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        self.data = data
        self.where = where

    def fail(self, message: str) -> RuleDefinitionError:
        return RuleDefinitionError(f"{self.where}: {message}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key!r} must be a text")
        return " ".join(value.split())

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or ()
        value = (value,) if isinstance(value, str) else value
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{key!r} must be a text or a list of texts")
        return tuple(value)

    def number(self, key: str, default: int | None = None) -> int:
        value = self.data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(f"{key!r} must be a whole number of 0 or more")
        return value

    def concepts(self, key: str) -> tuple[str, ...]:
        """Concept names, each one the run's vocabulary defines."""
        names = self.texts(key)
        if not names:
            raise self.fail(f"{key!r} must name at least one concept")
        known = known_concepts()
        for name in names:
            if name not in known:
                raise self.fail(f"{key!r}: no concept {name!r} in the vocabulary (concepts/*.yaml)")
        return names

    def part(self, key: str, keys: set[str]) -> Spec:
        """A nested mapping of the spec, with only `keys`."""
        value = self.data.get(key)
        return self.of(value, key, keys)

    def parts(self, key: str, keys: set[str]) -> list[Spec]:
        """A list of nested mappings (a single mapping is a list of one)."""
        value = self.data.get(key) or []
        value = [value] if isinstance(value, Mapping) else value
        if not isinstance(value, list):
            raise self.fail(f"{key!r} must be a list of mappings")
        return [self.of(item, f"{key}[{i}]", keys) for i, item in enumerate(value, 1)]

    def of(self, value: Any, key: str, keys: set[str]) -> Spec:
        if not isinstance(value, Mapping):
            raise self.fail(f"{key!r} must be a mapping")
        unknown = set(value) - keys
        if unknown:
            raise self.fail(f"{key}: unknown key {sorted(unknown)[0]!r} (takes {sorted(keys)})")
        return Spec(value, f"{self.where}: {key}")

    def context(self, key: str = "context") -> dict[str, Any]:
        """`CaseText.mentions` filters: negated, hypothetical, historical, uncertain as true,
        false or any; experiencer as child (the default), any, or another person's name."""
        value = self.data.get(key) or {}
        if not isinstance(value, Mapping):
            raise self.fail(f"{key!r} must be a mapping")
        filters: dict[str, Any] = {}
        for name, wanted in value.items():
            if name == "experiencer":
                if wanted not in ("child", "any", "other"):
                    raise self.fail(f"{key}.experiencer must be child, any or other")
                if wanted != "child":
                    filters["experiencer"] = None if wanted == "any" else "other"
            elif name in ("negated", "hypothetical", "historical", "uncertain"):
                if wanted not in _EITHER:
                    raise self.fail(f"{key}.{name} must be true, false or any")
                filters[name] = _EITHER[wanted]
            else:
                raise self.fail(f"{key}: unknown filter {name!r}")
        return filters


@per_vocabulary
def known_concepts(vocabulary: Vocabulary) -> frozenset[str]:
    """Every concept name the vocabulary's concept files define."""
    return frozenset(
        str(name)
        for _, data in vocabulary.entries("concepts/*.yaml")
        for name in ((data or {}).get("concepts") or {})
    )
