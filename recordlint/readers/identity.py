"""Who a case is: the ids each input gives a child, and which inputs are the same child.

Every agency numbers its own cases, and a child's national ids (NHS number, UPN) are what join
one child's records across agencies. So each part of the record (a row, a document) carries
every id its source gives, and parts are linked after every file is read:

- parts sharing a national id are one child;
- parts sharing an organisation's id (a case ref, a person id) are one child, unless that id
  is given to children with different national ids: then it is a family's or a team's reference,
  and a part that has only it (a family table, a family note) belongs to each of those children;
- a document with no id at all is a case of its own, named after its file.

A case is shown under its organisation's id, in the order `columns.yaml` gives
(`CASE_ID_FIELDS`), and under a national id only when nothing else identifies it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from recordlint.readers.columns import CHILD_ID_FIELDS, KEY_FIELDS

#: What a part is known by: (rank in `KEY_FIELDS`, field, the id as written). A document with
#: no id is known by its file name, ranked after every id.
Label = tuple[int, str, str]

FILE_RANK = len(KEY_FIELDS)
_SEPARATOR = "\x1f"


def labels_for(ids: Mapping[str, str]) -> tuple[Label, ...]:
    """The labels of a row or document from its identifier fields (blank ones left out)."""
    return tuple(
        (rank, name, " ".join(str(ids[name]).split()))
        for rank, name in enumerate(KEY_FIELDS)
        if str(ids.get(name) or "").strip()
    )


def file_label(path: str, stem: str) -> tuple[Label, ...]:
    """The label of a document that gives no id: shown as its file name, linked to nothing."""
    return ((FILE_RANK, f"file:{path}", stem),)


def token(label: Label) -> str:
    """How an id is compared: national ids by their letters and digits alone ("943 476 5919"
    is "9434765919"), other ids as written, spacing aside (an agency may use "a1" and "A1"
    for two children)."""
    _, name, value = label
    if name in CHILD_ID_FIELDS:
        return f"{name}:{re.sub(r'[^0-9A-Za-z]', '', value).upper()}"
    if name.startswith("file:"):
        return name
    return f"id:{value}"


def part_key(labels: Iterable[Label]) -> str:
    """The store key of a part: its ids, compared as ids are compared. Two rows with the same
    ids share a key; a row with another id too has a key of its own and is linked later."""
    return _SEPARATOR.join(sorted({token(label) for label in labels}))


def tokens_of(key: str) -> list[str]:
    return key.split(_SEPARATOR)


@dataclass(frozen=True)
class Linked:
    """One case: the id it is shown under and the store keys whose parts make it up."""

    case_id: str
    keys: tuple[str, ...]


def link(labels: Mapping[str, Iterable[Label]]) -> list[Linked]:
    """Group store keys into cases (see the module docstring); `labels` is every store key's
    labels. Deterministic: the result depends on the ids, not on the order they were read."""
    keys = sorted(labels)
    groups = _Groups(keys)
    by_token: dict[str, list[str]] = {}
    for key in keys:
        for item in tokens_of(key):
            by_token.setdefault(item, []).append(key)
    for item, holders in sorted(by_token.items()):
        if _is_national(item):
            groups.join(holders)
    shared: set[str] = set()
    for item, holders in sorted(by_token.items()):
        if not _is_national(item) and not groups.join_if_one_child(holders):
            shared.add(item)
    members: dict[str, list[str]] = {}
    for key in keys:
        members.setdefault(groups.root(key), []).append(key)
    cases = {root: list(held) for root, held in members.items() if groups.national(root)}
    for root, held in members.items():
        ids = {item for key in held for item in tokens_of(key)}
        if groups.national(root) or not ids & shared:
            cases.setdefault(root, list(held))
            continue
        # a family's reference with no child of its own: it belongs to each child it names
        for item in ids & shared:
            for other in {groups.root(key) for key in by_token[item]}:
                if groups.national(other):
                    cases[other].extend(held)
    return _named(cases, labels, members)


def _is_national(item: str) -> bool:
    return item.split(":", 1)[0] in CHILD_ID_FIELDS


def _named(
    cases: Mapping[str, list[str]],
    labels: Mapping[str, Iterable[Label]],
    members: Mapping[str, list[str]],
) -> list[Linked]:
    """Each case under its best label that no other case also has."""
    candidates = {
        root: sorted({label for key in members[root] for label in labels[key]}) for root in cases
    }
    claimed: dict[str, int] = {}
    for found in candidates.values():
        for value in {token(label) for label in found}:
            claimed[value] = claimed.get(value, 0) + 1
    linked = []
    used: set[str] = set()
    for root in sorted(cases, key=lambda r: candidates[r][0] if candidates[r] else ()):
        found = candidates[root]
        own = [label for label in found if claimed[token(label)] == 1] or found
        name = own[0][2]
        while name in used:  # two cases with nothing of their own to tell them apart
            name += "'"
        used.add(name)
        linked.append(Linked(name, tuple(sorted(set(cases[root])))))
    return linked


class _Groups:
    """Union-find over store keys, each group knowing the national ids it holds."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._parent = {key: key for key in keys}
        self._national = {
            key: {item for item in tokens_of(key) if _is_national(item)} for key in self._parent
        }

    def root(self, key: str) -> str:
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def national(self, root: str) -> set[str]:
        return self._national[root]

    def join(self, keys: list[str]) -> None:
        first = self.root(keys[0])
        for key in keys[1:]:
            other = self.root(key)
            if other != first:
                self._parent[other] = first
                self._national[first] |= self._national.pop(other)

    def join_if_one_child(self, keys: list[str]) -> bool:
        """Join the keys' groups unless they hold two different national ids of one kind (two
        children); says whether they were joined."""
        held = set().union(*(self._national[self.root(key)] for key in keys))
        kinds = [item.split(":", 1)[0] for item in held]
        if len(kinds) != len(set(kinds)):
            return False
        self.join(keys)
        return True
