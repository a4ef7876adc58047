"""Recognising the column headers that case systems export, whatever they call them.

The variants live in data (`rules/vocab/columns.yaml`) so that a new system's wording is one
line there, not code. A header is first looked up as written (normalised: case, punctuation,
possessives, abbreviations); failing that, in the forms other systems dress the same field in:
a qualifier in brackets, one side of a "/", a trailing qualifier, a prefix naming the subject or
the rank, and its words in any order. Each fallback is narrower than the last, and those that
guess most (a trailing qualifier, a rank prefix) never make a column an identifier or part of a
note: reading "First Contact Date" as a note's date would be worse than not reading it.

Config may map any header explicitly, and that mapping wins. Canonical names are the vocabulary
of the case model (design.md, "The canonical model").
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from recordlint.vocabulary import Vocabulary, builtin, per_vocabulary

#: Fields that describe one note (an entry in the record).
NOTE_FIELDS: frozenset[str] = frozenset(
    {"note_id", "note_date", "note_time", "author", "kind", "text"}
)

#: Fields that describe a family member in a people table.
PERSON_FIELDS: frozenset[str] = frozenset(
    {"relationship", "person_name", "lives_with_child", "parental_responsibility", "contact"}
)


@dataclass(frozen=True)
class ColumnVocabulary:
    """`columns.yaml`, ready to look headers up in."""

    variants: Mapping[str, tuple[str, ...]]
    case_ids: tuple[str, ...]
    child_ids: tuple[str, ...]
    abbreviations: Mapping[str, str]
    qualifiers: tuple[str, ...]
    subject_prefixes: tuple[str, ...]
    note_prefixes: tuple[str, ...]
    rank_prefixes: tuple[str, ...]
    stop_words: frozenset[str]
    child_words: tuple[str, ...]
    other_people: frozenset[str]
    returns: Mapping[str, Mapping[str, object]]


def _load(vocabulary: Vocabulary) -> ColumnVocabulary:
    data = vocabulary.data("columns.yaml")
    norm = data["normalise"]
    return ColumnVocabulary(
        variants={field: tuple(names) for field, names in data["fields"].items()},
        case_ids=tuple(data["identifiers"]["case"]),
        child_ids=tuple(data["identifiers"]["child"]),
        abbreviations=dict(norm["abbreviations"]),
        qualifiers=tuple(norm["qualifiers"]),
        subject_prefixes=tuple(norm["subject_prefixes"]),
        note_prefixes=tuple(norm.get("note_prefixes", ())),
        rank_prefixes=tuple(norm["rank_prefixes"]),
        stop_words=frozenset(norm["stop_words"]),
        child_words=tuple(norm["child_words"]),
        other_people=frozenset(norm["other_people"]),
        returns=dict(data.get("returns") or {}),
    )


#: the built-in table: the identifier order and the canonical fields are recordlint's own, so
#: they come from it alone; the header variants and normalising words of a pack add to it
_BUILTIN = _load(builtin())
_columns = per_vocabulary(_load)

#: the table as loaded, field -> its variants (the first listed is preferred)
VARIANTS: Mapping[str, tuple[str, ...]] = _BUILTIN.variants

#: statutory returns with fixed columns, as written in the table (read by `readers.returns`)
RETURN_SPECS: Mapping[str, Mapping[str, object]] = _BUILTIN.returns

#: Ids an organisation gives the case or the person, in the order a case is shown under them.
CASE_ID_FIELDS: tuple[str, ...] = _BUILTIN.case_ids
#: National ids of the child (NHS number, UPN): they join one child's records across agencies
#: and are shown as the case id only when nothing else identifies the case.
CHILD_ID_FIELDS: tuple[str, ...] = _BUILTIN.child_ids
#: Every field that identifies a case, in order of preference for the case id.
KEY_FIELDS: tuple[str, ...] = CASE_ID_FIELDS + CHILD_ID_FIELDS

CANONICAL_FIELDS: frozenset[str] = frozenset(VARIANTS)

#: Fields one column must hold alone: the case key and the parts of a note.
SINGLE_COLUMN_FIELDS: frozenset[str] = frozenset(KEY_FIELDS) | NOTE_FIELDS


def normalise_header(header: object) -> str:
    """Lower case, possessives and apostrophes dropped, punctuation as spaces, abbreviations
    written out: "Interpreter req'd?" -> "interpreter required"."""
    # class "a header written in camel case": "PatientName", "MainLanguage", "NHSNumber"
    text = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ", str(header))
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"'s\b", "", text).replace("'", "").replace("&", " and ")
    words = re.sub(r"[^0-9a-z]+", " ", text).split()
    abbreviations = _columns().abbreviations
    return " ".join(abbreviations.get(word, word) for word in words)


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and word[-2] not in "su" else word


def _word_set(normalised: str) -> tuple[str, ...]:
    """The header's words in any order, singular, without stop words, any word for the child
    read as "child"."""
    vocabulary = _columns()
    for word in vocabulary.child_words:
        normalised = re.sub(rf"\b{word}\b", "child", normalised)
    words = {_singular(w) for w in normalised.split() if w not in vocabulary.stop_words}
    return tuple(sorted(words))


@per_vocabulary
def _tables(
    vocabulary: Vocabulary,
) -> tuple[dict[str, str], dict[str, int], dict[tuple[str, ...], str]]:
    exact: dict[str, str] = {}
    rank: dict[str, int] = {}
    by_words: dict[tuple[str, ...], str | None] = {}
    for canonical, variants in _columns().variants.items():
        for position, variant in enumerate([*variants, *_without_date(variants)]):
            key = normalise_header(variant)
            exact.setdefault(key, canonical)
            rank.setdefault(key, position)
            words = _word_set(key)
            if by_words.get(words, canonical) != canonical:
                by_words[words] = None  # two fields share these words: too ambiguous to guess
            else:
                by_words[words] = canonical
    return exact, rank, {w: c for w, c in by_words.items() if c is not None}


def _without_date(variants: Iterable[str]) -> list[str]:
    """ "case start date" is also written "Case Start"; "contact date" is not "Contact"."""
    return [v[: -len(" date")] for v in variants if v.endswith(" date") and len(v.split()) >= 3]


#: fields a guessing fallback (a trailing qualifier, a rank prefix) may never give
_NOT_GUESSED = SINGLE_COLUMN_FIELDS

#: how far a header was from a listed variant; a lower rank beats a higher one for one field
_FALLBACK_RANK = 1000


#: the fields of a note, the only ones a note prefix may lead to
_NOTE_FIELDS = frozenset({"note_date", "note_time", "text", "kind", "author"})


def field_for(header: object) -> tuple[str, int] | None:
    """The canonical field a header names and how plainly (its variant's place in the table,
    or more for a fallback form), or None when it names none. Every form is looked up as
    written before any is looked up with its words in any order."""
    exact, rank, by_words = _tables()
    forms = list(_forms(str(header)))
    for candidate, guessed, penalty in forms:
        canonical = exact.get(candidate)
        if canonical is not None and not (guessed and canonical in _NOT_GUESSED):
            return canonical, rank[candidate] + penalty
    for candidate in _without_note_prefix(normalise_header(header)):
        canonical = exact.get(candidate)
        if canonical in _NOTE_FIELDS:
            return canonical, rank[candidate] + 4500
    for candidate, guessed, penalty in forms:
        canonical = by_words.get(_word_set(candidate))
        if canonical is not None and not (guessed and canonical in _NOT_GUESSED):
            return canonical, _FALLBACK_RANK + penalty
    own = _OWN_ID.fullmatch(normalise_header(header))
    if own and own.group(1) not in _NOT_AN_OWNER_OF_IDS | _columns().other_people:
        # class "the case id named by the organisation": "Brackenford ID", "Kestrel Ref"; the
        # last resort, so a plain "Case ID" beside it wins
        return "case_id", 9000
    return None


_OWN_ID = re.compile(r"([a-z]+) (?:id|ref|reference|no|number)")
#: words before "ID" that name something other than the case's owner
_NOT_AN_OWNER_OF_IDS = frozenset(
    {"staff", "worker", "team", "school", "family", "household", "note", "entry", "session",
     "contact", "referral", "visit", "record", "document", "file", "row", "line", "event",
     "episode", "form", "phone", "telephone", "mobile", "tel", "unique", "local", "system",
     "user", "login", "group", "room", "house", "flat", "case", "child", "person", "nhs",
     "pupil", "patient", "client", "student", "candidate", "exam", "crime", "incident", "police"}
)  # fmt: skip


def _without_note_prefix(normalised: str) -> Iterator[str]:
    """Class "a note's field named by its occasion": "Session Date", "Session Notes", "Visit
    Type", "note_datetime", "note_body" are a note's date, text and type with the occasion
    the system records in front; only a note's fields are read this way."""
    for prefix in _columns().note_prefixes:
        if normalised.startswith(prefix + " "):
            yield normalised[len(prefix) + 1 :]


def _forms(header: str) -> Iterator[tuple[str, bool, int]]:
    """(normalised form, whether it is a guess, penalty), plainest first."""
    whole = normalise_header(header)
    yield whole, False, 0
    unbracketed = normalise_header(re.sub(r"[(\[{].*?([)\]}]|$)", " ", header))
    if unbracketed and unbracketed != whole:
        yield unbracketed, False, _FALLBACK_RANK
    if "/" in header:
        for side in header.split("/"):
            yield normalise_header(re.sub(r"[(\[{].*?([)\]}]|$)", " ", side)), False, 2000
    base = unbracketed or whole
    vocabulary = _columns()
    for prefix in vocabulary.subject_prefixes:
        if base.startswith(prefix + " "):
            yield base[len(prefix) + 1 :], False, 3000
    for qualifier in vocabulary.qualifiers:
        if base.endswith(" " + qualifier):
            yield base[: -len(qualifier) - 1], True, 4000
    for prefix in vocabulary.rank_prefixes:
        if base.startswith(prefix + " "):
            yield base[len(prefix) + 1 :], True, 4000


def map_headers(
    headers: Iterable[object], explicit: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each header to a canonical field, or to `x_<name>` when unrecognised.

    `explicit` maps header text (compared normalised) to a canonical field and beats the table.
    A field that identifies the case or describes a note takes one column: the plainest match
    wins (a variant listed earlier, before any fallback form) and the other keeps its own name.
    Any other field may take several columns ("Ethnicity" and "Ethnic Origin"), each read as a
    separate value, so nothing recorded is thrown away.
    """
    wanted = {normalise_header(k): v for k, v in (explicit or {}).items()}
    headers = [str(h) for h in headers]
    found: dict[str, tuple[str, int] | None] = {}
    best: dict[str, tuple[int, str]] = {}
    for header in headers:
        key = _lookup_key(header, headers)
        if key in wanted:
            found[header] = (wanted[key], -1)
        else:
            found[header] = field_for(_repeated(header, headers))
        if found[header] is None:
            continue
        canonical, rank = found[header]
        if canonical not in best or rank < best[canonical][0]:
            best[canonical] = (rank, header)
    chosen = {header: canonical for canonical, (_, header) in best.items()}
    mapping: dict[str, str] = {}
    for header in headers:
        canonical = found[header][0] if found[header] else None
        if canonical and (header in chosen or canonical not in SINGLE_COLUMN_FIELDS):
            mapping[header] = canonical
        else:
            name = normalise_header(header).replace(" ", "_")
            mapping[header] = f"x_{name}" if name else ""
    return mapping


def map_explicit(headers: Iterable[object], explicit: Mapping[str, str] | None) -> dict[str, str]:
    """Only the headers config maps outright (compared normalised), to their fields."""
    wanted = {normalise_header(k): v for k, v in (explicit or {}).items()}
    return {str(h): wanted[normalise_header(h)] for h in headers if normalise_header(h) in wanted}


def _repeated(header: str, headers: list[str]) -> str:
    """The header, undoing pandas' renaming of a repeated one ("Ethnicity.1")."""
    match = re.match(r"^(.*)\.\d+$", header)
    return match.group(1) if match and match.group(1) in headers else header


def _lookup_key(header: str, headers: list[str]) -> str:
    return normalise_header(_repeated(header, headers))


def resembles(header: object) -> str | None:
    """The field an unrecognised header looks like, for a hint: a misspelling of a variant, or
    a header whose head word (its last, or the one before "of") is a field's own name
    ("Safeguarding File Opened", "Ethnicity of child at referral"; not "Organisation completing
    assessment", nor anyone else's field, "Mother's religion"). None when it looks like none."""
    if not _header_shaped(header):
        return None
    normalised = normalise_header(header)
    if not normalised or field_for(header) is not None:
        return None
    exact = _tables()[0]
    close = difflib.get_close_matches(normalised, list(exact), n=1, cutoff=0.9)
    if close:
        return exact[close[0]]
    words = normalised.split()
    if {_singular(w) for w in words} & _columns().other_people:
        return None
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return _distinctive_words().get(head)


def _header_shaped(header: object) -> bool:
    """A header a person could have typed: short, one line, no control characters. A row of
    data or garbage read as a header (a file with no header line) is hinted about never."""
    text = str(header)
    return len(text) <= 60 and len(text.split()) <= 8 and text.isprintable()


@per_vocabulary
def _distinctive_words(vocabulary: Vocabulary) -> dict[str, str]:
    """Single-word variants that name one field and appear in no other field's variants
    ("ethnicity", "religion", "interpreter"): a header holding one is about that field."""
    owners: dict[str, set[str]] = {}
    variants_of = _columns().variants  # the current vocabulary, as `vocabulary` is
    for canonical, variants in variants_of.items():
        for variant in variants:
            for word in _word_set(normalise_header(variant)):
                owners.setdefault(word, set()).add(canonical)
    singles = {
        normalise_header(v): c for c, vs in variants_of.items() for v in vs if " " not in v.strip()
    }
    return {
        word: canonical
        for word, canonical in singles.items()
        if owners.get(_singular(word)) == {canonical} and canonical not in SINGLE_COLUMN_FIELDS
    }


def describe_key_variants() -> str:
    """The header names that identify a case, for error messages."""
    names = [VARIANTS[k][i] for k in KEY_FIELDS for i in range(min(2, len(VARIANTS[k])))]
    return ", ".join(f"'{n.title()}'" for n in names)
