"""Classifying structured values: is "NOBT" a record, a refusal or a gap?

The vocabularies are data in `rules/vocab/` (sourced from domain.md section 1.6) so that a
local authority can add its own picklist values without touching code. A field's own code list
wins over the generic vocabulary, because the same token means different things in different
fields ("N" is African in NHS ethnicity and "religion unknown" in NHS religion).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from recordlint.vocabulary import Vocabulary, current, per_vocabulary


class ValueClass(enum.StrEnum):
    EMPTY = "empty"
    NOT_OBTAINED = "not_obtained"
    NOT_APPLICABLE = "not_applicable"
    DECLINED = "declined"
    INFERRED = "inferred"
    RECORDED = "recorded"

    @property
    def is_gap(self) -> bool:
        return self in (ValueClass.EMPTY, ValueClass.NOT_OBTAINED, ValueClass.NOT_APPLICABLE)


_GAP_ORDER = [
    ValueClass.DECLINED,
    ValueClass.NOT_OBTAINED,
    ValueClass.NOT_APPLICABLE,
    ValueClass.EMPTY,
]
_DECLINED_WORDS = re.compile(
    r"\b(?:declined|refused|declines|refuses|prefer(?:s|red)? not to say|chose not to say|"
    r"did not wish to say|didn't want to say)\b",
    re.IGNORECASE,
)
_LABEL_PREFIX = re.compile(r"^[a-z]\)\s*")  # Annex A style "a) WBRI"
_SEPARATORS = re.compile(r"\s+[-:–]\s+|\s*[(),]\s*")


def normalise(value: str) -> str:
    """Lower-case, trim, fold white space and strip surrounding punctuation."""
    text = " ".join(str(value).split()).lower()
    return text.strip(" .,;:!\"'`")


@dataclass(frozen=True)
class Classified:
    value_class: ValueClass
    label: str = ""


@dataclass(frozen=True)
class CodeList:
    """One field's codes and labels, its own missing values, and the generic vocabulary."""

    name: str
    codes: dict[str, str]
    missing: dict[str, ValueClass]
    generic: dict[str, ValueClass]
    inferred_prefixes: tuple[str, ...]
    english: frozenset[str] = frozenset()
    note_words: tuple[str, ...] = ()
    note_codes: tuple[str, ...] = ()  # codes as written ("WBRI", "BSL"), matched with their case

    @cached_property
    def labels(self) -> dict[str, str]:
        """Each label by its normalised form, so "White British" reads like WBRI."""
        return {normalise(label): label for label in self.codes.values()}

    @cached_property
    def _note_pattern(self) -> re.Pattern[str] | None:
        words = sorted(set(self.note_words), key=len, reverse=True)
        if not words:
            return None
        alternatives = "|".join(re.escape(w) for w in words)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    def guessed_in(self, sentence: str) -> bool:
        """True when the sentence hedges a value ("believed to be Pakistani")."""
        if self._note_pattern is None or not self.inferred_prefixes:
            return False
        prefixes = "|".join(re.escape(p) for p in self.inferred_prefixes)
        hedge = re.compile(rf"(?<!\w)(?:{prefixes})\s+(?:\w+\s+)?$", re.IGNORECASE)
        return any(
            hedge.search(sentence[: m.start()]) or re.search(r"\?\s*$", sentence[: m.start()])
            for m in self._note_pattern.finditer(sentence)
        )

    @cached_property
    def _code_pattern(self) -> re.Pattern[str] | None:
        if not self.note_codes:
            return None
        alternatives = "|".join(re.escape(c) for c in sorted(self.note_codes, key=len)[::-1])
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")

    def value_spans(self, sentence: str) -> list[tuple[int, int, str]]:
        """(start, end, text) of each value a note's sentence states: a label or note word in
        any case ("... as Indian Gujarati"), or a code as written ("Ethnicity: WBRI")."""
        spans = []
        for pattern in (self._note_pattern, self._code_pattern):
            if pattern is not None:
                spans += [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(sentence)]
        return sorted(spans)

    def values_in(self, sentence: str) -> list[str]:
        """The values of this list a note's sentence states."""
        return [text for _, _, text in self.value_spans(sentence)]

    def declined_in(self, sentence: str) -> bool:
        """The sentence records a refusal ("Mum declined to say", "Ethnicity: refused")."""
        return bool(_DECLINED_WORDS.search(sentence))

    def classify(self, value: str | None) -> Classified:
        text = normalise(value or "")
        if not text:
            return Classified(ValueClass.EMPTY)
        for candidate in _candidates(text):
            if candidate in self.missing:
                return Classified(self.missing[candidate], self.codes.get(candidate, ""))
            if candidate in self.codes:
                return Classified(ValueClass.RECORDED, self.codes[candidate])
            if candidate in self.labels:
                return Classified(ValueClass.RECORDED, self.labels[candidate])
        for candidate in (text, _LABEL_PREFIX.sub("", text)):
            if candidate in self.generic:
                return Classified(self.generic[candidate])
        parts = [p for p in _SEPARATORS.split(_LABEL_PREFIX.sub("", text)) if p.strip()]
        classes = {self.generic.get(p.strip(" .,;:")) for p in parts}
        if len(parts) > 1 and None not in classes:
            # "Not known (NK)", "TBC - awaiting": every part is a not-known word
            return Classified(min(classes, key=_GAP_ORDER.index))
        for prefix in self.inferred_prefixes:
            if text.startswith(prefix + " "):
                return Classified(ValueClass.INFERRED, text[len(prefix) :].strip())
        return Classified(ValueClass.RECORDED, str(value).strip())

    def is_english(self, value: str) -> bool:
        """True for English alone: "Urdu, English" still needs the interpreter question."""
        text = _LABEL_PREFIX.sub("", normalise(value))
        if text in self.english:
            return True
        parts = [p.strip(" .,;:") for p in _SEPARATORS.split(text) if p.strip(" .,;:")]
        return bool(parts) and all(p in self.english for p in parts)


def _candidates(text: str) -> list[str]:
    """The forms a coded value may take: whole, without "a) ", and each separated part."""
    stripped = _LABEL_PREFIX.sub("", text)
    forms = [text, stripped]
    forms.extend(part for part in _SEPARATORS.split(stripped) if part)
    return list(dict.fromkeys(form.strip(" .,;:") for form in forms))


@per_vocabulary
def _generic_vocabulary(vocabulary: Vocabulary) -> tuple[dict[str, ValueClass], tuple[str, ...]]:
    data = vocabulary.data("missing_values.yaml")
    generic = {
        normalise(term): ValueClass(class_name)
        for class_name, terms in data["classes"].items()
        for term in terms
    }
    # "" normalises to itself; keep it EMPTY rather than letting a later list claim it
    generic[""] = ValueClass.EMPTY
    prefixes = tuple(normalise(p) for p in data.get("inferred_prefixes", ()))
    return generic, prefixes


def codelist(name: str) -> CodeList:
    """The code list `<name>.yaml` of the run's vocabulary (built-in, and any pack's entries
    added); raises FileNotFoundError when no vocab folder has it."""
    vocabulary = current()
    key = (vocabulary.folders, name)
    if key not in _CODELISTS:
        if not vocabulary.has(f"{name}.yaml"):
            raise FileNotFoundError(f"no code list {name!r} in {', '.join(vocabulary.folders)}")
        _CODELISTS[key] = _codelist(name, vocabulary.data(f"{name}.yaml"))
    return _CODELISTS[key]


_CODELISTS: dict[tuple[tuple[str, ...], str], CodeList] = {}


def _codelist(name: str, data: Mapping) -> CodeList:
    generic, prefixes = _generic_vocabulary()
    codes = {normalise(k): str(v) for k, v in (data.get("codes") or {}).items()}
    missing = {normalise(k): ValueClass(v) for k, v in (data.get("missing") or {}).items()}
    # a field that lists a generic null token as a real code ("None" in religion) keeps it
    generic = {k: v for k, v in generic.items() if k not in codes}
    english = frozenset(normalise(v) for v in data.get("english", ()))
    # words that state a value in a note: the list's own note_words, and its labels
    labels = {v for v in (data.get("codes") or {}).values() if "other" not in str(v).lower()}
    note_words = tuple(str(w) for w in [*(data.get("note_words") or ()), *labels])
    note_codes = tuple(
        str(code)
        for code in (data.get("codes") or {})
        if str(code).isupper() and str(code).isalpha() and len(str(code)) >= 3
    )
    return CodeList(name, codes, missing, generic, prefixes, english, note_words, note_codes)


def generic_codelist() -> CodeList:
    """The code list of a field that has none of its own: any value is an answer except the
    not-known, refused and blank words every field shares (missing_values.yaml)."""
    generic, prefixes = _generic_vocabulary()
    return CodeList("generic", {}, {}, generic, prefixes)


def value_class(value: str | None) -> ValueClass:
    """Classify a value of a field that has no code list of its own ("Father: not known")."""
    return generic_codelist().classify(value).value_class
