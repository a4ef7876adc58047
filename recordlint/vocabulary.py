"""The vocabularies of a run: the one place that opens a vocabulary file.

recordlint's words are data: code lists, header variants, concepts, context triggers, referral
destinations, action verbs, relationships (`rules/vocab/`). A rule pack may bring a `vocab/`
folder of the same shape, and what it defines is added to the built-in entries, never put in
their place: a council teaches recordlint its own code list or a local service's name without
editing recordlint. So every consumer asks the run's `Vocabulary` for a file by name, and the
answer is the built-in file and each pack's merged; nothing reads `rules/vocab` by path.

The run's vocabulary is set once by the engine (and in each worker) with `using`, and read with
`current()`; a value built from it (a compiled pattern, a lookup table) is built once per
vocabulary with `@per_vocabulary`, so two runs with different packs in one process never share
one. Outside a run, `current()` is the built-in vocabulary.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml

from recordlint.errors import RecordlintError
from recordlint.paths import vocab_dir
from recordlint.yamlio import load_yaml

T = TypeVar("T")


class VocabError(RecordlintError, ValueError):
    """A vocabulary file that cannot be used; the message names the file and entry."""


@dataclass(frozen=True)
class Vocabulary:
    """The vocab folders of a run, the built-in one first, each pack's after it."""

    folders: tuple[str, ...]

    def entries(self, name: str) -> list[tuple[Path, Any]]:
        """Each folder's file `name` ("referrals.yaml", or a pattern like "concepts/*.yaml"),
        parsed, in folder order; a file that cannot be read is a `VocabError` naming it."""
        found = []
        for folder in self.folders:
            paths = sorted(Path(folder).glob(name)) if "*" in name else [Path(folder) / name]
            found.extend((path, _parsed(str(path))) for path in paths if path.is_file())
        return found

    def has(self, name: str) -> bool:
        return any((Path(folder) / name).is_file() for folder in self.folders)

    def data(self, name: str) -> Any:
        """The file `name` of every folder merged: mappings key by key, lists joined (without
        repeats), a pack's single value in place of the built-in's. `{}` when no folder has it."""
        merged: Any = None
        for _, data in self.entries(name):
            merged = data if merged is None else _merge(merged, data)
        return {} if merged is None else merged

    def paths(self, name: str) -> list[Path]:
        """Where `name` was found, for messages."""
        return [path for path, _ in self.entries(name)]


@functools.lru_cache(maxsize=256)
def _parsed(path: str) -> Any:
    try:
        data = load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise VocabError(f"{path}: cannot read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else path
        raise VocabError(f"{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from None
    return {} if data is None else data


def _merge(base: Any, extra: Any) -> Any:
    if isinstance(base, Mapping) and isinstance(extra, Mapping):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = _merge(merged[key], value) if key in merged else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return base + [item for item in extra if item not in base]
    return extra


@functools.lru_cache(maxsize=32)
def vocabulary_for(folders: Sequence[str] = ()) -> Vocabulary:
    """The built-in vocab folder, then each of `folders` that exists, without repeats."""
    ordered: list[str] = []
    for folder in [vocab_dir(), *folders]:
        resolved = str(Path(folder).resolve())
        if Path(resolved).is_dir() and resolved not in ordered:
            ordered.append(resolved)
    return Vocabulary(tuple(ordered))


def builtin() -> Vocabulary:
    return vocabulary_for(())


_CURRENT: ContextVar[Vocabulary | None] = ContextVar("recordlint_vocabulary", default=None)


def current() -> Vocabulary:
    """The vocabulary of the run in progress; the built-in one outside a run."""
    return _CURRENT.get() or builtin()


@contextlib.contextmanager
def using(vocabulary: Vocabulary) -> Iterator[Vocabulary]:
    """Make `vocabulary` the current one for the block (a run, a pack being loaded)."""
    token = _CURRENT.set(vocabulary)
    try:
        yield vocabulary
    finally:
        _CURRENT.reset(token)


def set_for_process(vocabulary: Vocabulary) -> None:
    """Make `vocabulary` current for the rest of a worker process (its pool initialiser)."""
    _CURRENT.set(vocabulary)


def per_vocabulary(build: Callable[[Vocabulary], T]) -> Callable[[], T]:
    """`build(vocabulary)` for the current vocabulary, built once per vocabulary."""
    built: dict[tuple[str, ...], T] = {}

    @functools.wraps(build)
    def get() -> T:
        vocabulary = current()
        if vocabulary.folders not in built:
            built[vocabulary.folders] = build(vocabulary)
        return built[vocabulary.folders]

    return get
