"""Reading the NLP vocabularies (concepts, context triggers, section headings) from YAML.

The built-in vocabularies live in `rules/vocab/`; a rule pack may carry a `vocab/` folder of the
same shape, and whatever it defines is added to (never replaces) the built-in entries. So a local
authority can teach recordlint "MFH" or a new context trigger without editing recordlint.
Every problem is a `VocabError` naming the file and the entry, because a typo in a lexicon
would otherwise make a rule silently blind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from recordlint.nlp.errors import VocabError
from recordlint.vocabulary import Vocabulary as FileVocabulary
from recordlint.vocabulary import vocabulary_for

MODIFIERS = ("negated", "hypothetical", "historical", "uncertain", "experiencer")
DIRECTIONS = ("forward", "backward", "both")
_CONCEPT_KEYS = {"description", "source", "phrases", "words", "abbreviations", "patterns"}
_MODIFIER_KEYS = {
    "max_scope",
    "backward_scope",
    "forward",
    "backward",
    "both",
    "pseudo",
    "terminate",
    "patterns",
    "persons",
    "exclude_when_preceded_by_number",
    "sections",
    "not_names",
}


@dataclass
class Concept:
    name: str
    description: str = ""
    sources: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    abbreviations: list[str] = field(default_factory=list)
    patterns: list[list[dict[str, Any]]] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@dataclass
class TriggerPattern:
    direction: str
    pattern: list[dict[str, Any]]
    max_scope: int | None = None
    trigger_tokens: int | None = None  # the rest of the pattern is context, not trigger


@dataclass
class ModifierRules:
    """The triggers of one context modifier, merged from every vocab folder."""

    name: str
    max_scope: int | None = None
    backward_scope: int | None = None
    phrases: dict[str, list[str]] = field(default_factory=lambda: {d: [] for d in DIRECTIONS})
    patterns: list[TriggerPattern] = field(default_factory=list)
    pseudo: list[str] = field(default_factory=list)
    terminate: list[str] = field(default_factory=list)
    persons: dict[str, list[str]] = field(default_factory=dict)
    month_words: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    not_names: list[str] = field(default_factory=list)


@dataclass
class Vocabulary:
    """Everything the pipeline is built from; `folders` is the cache key of a pipeline."""

    folders: tuple[str, ...]
    concepts: dict[str, Concept]
    terminators: list[str]
    modifiers: dict[str, ModifierRules]
    sections: dict[str, list[str]]
    #: the time layer's words (time.yaml): occasions and frequency units
    time: dict[str, Any] = field(default_factory=dict)


def vocab_folders(extra: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The built-in vocab folder, then each extra one that exists, without repeats."""
    return vocabulary_for(tuple(str(folder) for folder in extra)).folders


def load_vocabulary(folders: Sequence[str]) -> Vocabulary:
    vocabulary = Vocabulary(
        folders=tuple(folders),
        concepts={},
        terminators=[],
        modifiers={name: ModifierRules(name) for name in MODIFIERS},
        sections={},
    )
    source = FileVocabulary(tuple(folders))  # every file is read by the one loader
    for path, data in source.entries("concepts/*.yaml"):
        _add_concepts(vocabulary, path, _mapping(path, data))
    for path, data in source.entries("context.yaml"):
        _add_context(vocabulary, path, _mapping(path, data))
    for path, data in source.entries("sections.yaml"):
        _add_sections(vocabulary, path, _mapping(path, data))
    time = source.data("time.yaml") or {}
    for key in ("occasions", "frequency_units"):
        time[key] = _strings(time.get(key, []), f"time.yaml: {key}")
    vocabulary.time.update(time)
    return vocabulary


def _mapping(path: Path, data: Any) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise VocabError(f"{path}: expected a mapping at the top level")
    return data


def _known_keys(entry: Mapping[str, Any], known: set[str], where: str) -> None:
    unknown = set(entry) - known
    if unknown:
        raise VocabError(
            f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(sorted(known))})"
        )


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) for v in value):
        raise VocabError(f"{where}: expected a list of phrases")
    phrases = [str(v).strip() for v in value]
    if any(not p for p in phrases):
        raise VocabError(f"{where}: a phrase is blank")
    return phrases


def _patterns(value: Any, where: str) -> list[list[dict[str, Any]]]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise VocabError(f"{where}: expected a list of token patterns")
    for number, pattern in enumerate(value, 1):
        if (
            not isinstance(pattern, list)
            or not pattern
            or not all(isinstance(t, Mapping) for t in pattern)
        ):
            raise VocabError(
                f"{where}, pattern {number}: a token pattern is a list of token mappings, "
                "like [{LEMMA: cut}, {LOWER: herself}]"
            )
    return [[dict(token) for token in pattern] for pattern in value]


def _add_concepts(vocabulary: Vocabulary, path: Path, data: Mapping[str, Any]) -> None:
    unknown = set(data) - {"concepts"}
    if unknown:
        raise VocabError(f"{path}: unknown key {sorted(unknown)[0]!r} (expected 'concepts')")
    entries = data.get("concepts") or {}
    if not isinstance(entries, Mapping):
        raise VocabError(f"{path}: 'concepts' must map concept names to their words")
    for name, entry in entries.items():
        where = f"{path}: concept {name!r}"
        if not isinstance(name, str) or not name.replace("_", "").isalnum():
            raise VocabError(f"{where}: a concept name is letters, digits and underscores")
        if not isinstance(entry, Mapping):
            raise VocabError(f"{where}: expected phrases, abbreviations or patterns")
        _known_keys(entry, _CONCEPT_KEYS, where)
        concept = vocabulary.concepts.setdefault(name, Concept(name))
        concept.description = concept.description or str(entry.get("description", ""))
        if entry.get("source"):
            concept.sources.append(str(entry["source"]))
        concept.phrases += _strings(entry.get("phrases"), f"{where}, phrases")
        concept.words += _strings(entry.get("words"), f"{where}, words")
        concept.abbreviations += _strings(entry.get("abbreviations"), f"{where}, abbreviations")
        concept.patterns += _patterns(entry.get("patterns"), f"{where}, patterns")
        concept.files.append(str(path))
        if not (concept.phrases or concept.words or concept.abbreviations or concept.patterns):
            raise VocabError(f"{where}: has no phrases, words, abbreviations or patterns")


def _add_context(vocabulary: Vocabulary, path: Path, data: Mapping[str, Any]) -> None:
    unknown = set(data) - {"terminators", "modifiers"}
    if unknown:
        raise VocabError(f"{path}: unknown key {sorted(unknown)[0]!r}")
    vocabulary.terminators += _strings(data.get("terminators"), f"{path}: terminators")
    modifiers = data.get("modifiers") or {}
    if not isinstance(modifiers, Mapping):
        raise VocabError(f"{path}: 'modifiers' must map modifier names to triggers")
    for name, entry in modifiers.items():
        where = f"{path}: modifier {name!r}"
        if name not in vocabulary.modifiers:
            raise VocabError(f"{where}: unknown modifier (known: {', '.join(MODIFIERS)})")
        if not isinstance(entry, Mapping):
            raise VocabError(f"{where}: expected trigger lists")
        _known_keys(entry, _MODIFIER_KEYS, where)
        rules = vocabulary.modifiers[name]
        for key in ("max_scope", "backward_scope"):
            if key in entry:
                value = entry[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise VocabError(f"{where}, {key}: must be a whole number of tokens")
                setattr(rules, key, value)
        for direction in DIRECTIONS:
            rules.phrases[direction] += _strings(entry.get(direction), f"{where}, {direction}")
        rules.pseudo += _strings(entry.get("pseudo"), f"{where}, pseudo")
        rules.terminate += _strings(entry.get("terminate"), f"{where}, terminate")
        rules.month_words += _strings(
            entry.get("exclude_when_preceded_by_number"), f"{where}, exclude"
        )
        rules.sections += _strings(entry.get("sections"), f"{where}, sections")
        rules.not_names += _strings(entry.get("not_names"), f"{where}, not_names")
        rules.patterns += _trigger_patterns(entry.get("patterns"), f"{where}, patterns")
        persons = entry.get("persons") or {}
        if not isinstance(persons, Mapping):
            raise VocabError(f"{where}, persons: must map a person to the words for them")
        for person, words in persons.items():
            rules.persons.setdefault(str(person), []).extend(
                _strings(words, f"{where}, persons.{person}")
            )


def _trigger_patterns(value: Any, where: str) -> list[TriggerPattern]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise VocabError(f"{where}: expected a list")
    patterns = []
    for number, entry in enumerate(value, 1):
        if not isinstance(entry, Mapping) or entry.get("direction") not in DIRECTIONS:
            raise VocabError(
                f"{where}, pattern {number}: needs direction (forward, backward or both) "
                "and pattern"
            )
        (pattern,) = _patterns([entry.get("pattern")], f"{where}, pattern {number}")
        for key in ("max_scope", "trigger_tokens"):
            value = entry.get(key)
            if value is not None and (
                not isinstance(value, int) or isinstance(value, bool) or value < 1
            ):
                raise VocabError(f"{where}, pattern {number}: {key} must be a whole number above 0")
        patterns.append(
            TriggerPattern(
                entry["direction"], pattern, entry.get("max_scope"), entry.get("trigger_tokens")
            )
        )
    return patterns


def _add_sections(vocabulary: Vocabulary, path: Path, data: Mapping[str, Any]) -> None:
    for name, headings in data.items():
        vocabulary.sections.setdefault(str(name), []).extend(
            _strings(headings, f"{path}: section {name!r}")
        )
