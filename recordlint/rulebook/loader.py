"""Finding and loading rule packs: the built-in one, folders given by the user, and packs that
installed packages announce through the `recordlint.packs` entry point group.

Every pack goes through `load_pack`, the built-in one included. A pack is a folder with a
`pack.yaml` (name, version, description), rule files (`CODE_name.yaml` for declarative rules,
`CODE_name.py` for Python rules) and their examples (inline under `examples:` in a YAML rule, or
`CODE_name.examples.yaml` beside a Python rule).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import inspect
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from recordlint.model import Severity, Status
from recordlint.paths import builtin_rules_dir
from recordlint.rulebook.kinds import build_check, kind_named
from recordlint.rulebook.rule import (
    RULE_ATTRIBUTE,
    Example,
    Rule,
    RuleDefinitionError,
    validate_identity,
)
from recordlint.vocabulary import Vocabulary, using, vocabulary_for
from recordlint.yamlio import load_yaml

ENTRY_POINT_GROUP = "recordlint.packs"

_RULE_KEYS = {
    "code",
    "name",
    "severity",
    "message",
    "why",
    "advice",
    "reference",
    "recommendation",
    "kind",
    "options",
    "examples",
    "aliases",
}
_EXAMPLE_KEYS = {"name", "expect", "case", "options", "findings"}


@dataclass(frozen=True)
class Pack:
    name: str
    version: str
    description: str
    path: str
    origin: str  # "built-in", "path" or "entry point <name>"


@dataclass
class RuleBook:
    """Every loaded rule by code, the packs they came from, and packs that failed to load."""

    rules: dict[str, Rule] = field(default_factory=dict)
    packs: list[Pack] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: `vocab/` folders that packs bring: concepts and context triggers added to the built-in ones
    vocab_folders: list[str] = field(default_factory=list)

    def add_vocab(self, *folders: Path) -> None:
        for folder in folders:
            vocab = folder / "vocab"
            if vocab.is_dir() and str(vocab) not in self.vocab_folders:
                self.vocab_folders.append(str(vocab))

    @property
    def vocabulary(self) -> Vocabulary:
        """The built-in vocabulary with every loaded pack's added."""
        return vocabulary_for(tuple(self.vocab_folders))

    def add(self, rule: Rule) -> None:
        existing = self.rules.get(rule.code)
        if existing is not None:
            raise RuleDefinitionError(
                f"{rule.path}: rule code {rule.code} is already defined in {existing.path}"
            )
        self.rules[rule.code] = rule


def load_rulebook(
    rule_paths: Iterable[str | Path] = (), *, entry_points: bool = True, builtin: bool = True
) -> RuleBook:
    """Load the built-in pack, each pack under `rule_paths`, then entry-point packs.

    A broken built-in or user pack raises `RuleDefinitionError` (the user asked for it); a
    broken pack from another installed package is skipped with a warning so one bad plugin
    does not stop every run.
    """
    book = RuleBook()
    if builtin:
        for pack_dir in _pack_dirs(builtin_rules_dir()):
            load_pack(pack_dir, book, origin="built-in")
    for given in rule_paths:
        path = Path(given)
        if not path.is_dir():
            raise RuleDefinitionError(f"{path}: rule folder not found")
        for pack_dir in _pack_dirs(path):
            book.add_vocab(path, pack_dir)  # first: a YAML rule may name the pack's code list
            with using(book.vocabulary):
                load_pack(pack_dir, book, origin="path")
    if entry_points:
        for entry in sorted(
            importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name
        ):
            try:
                folder = _entry_point_dir(entry.load())
                for pack_dir in _pack_dirs(folder):
                    book.add_vocab(folder, pack_dir)
                    with using(book.vocabulary):
                        load_pack(pack_dir, book, origin=f"entry point {entry.name}")
            except Exception as exc:  # a third-party pack must not stop the run
                book.warnings.append(f"rule pack '{entry.name}' not loaded: {exc}")
    return book


def _entry_point_dir(target: Any) -> Path:
    """An entry point may name a folder path, a module (its folder), or a callable giving either."""
    if callable(target) and not isinstance(target, ModuleType):
        target = target()
    if isinstance(target, ModuleType):
        return Path(inspect.getfile(target)).parent
    return Path(target)


def _pack_dirs(path: Path) -> list[Path]:
    """A folder with pack.yaml is a pack; otherwise its sub-folders with pack.yaml are; otherwise
    the folder itself is treated as a pack (a user's folder of loose rules)."""
    if (path / "pack.yaml").is_file():
        return [path]
    packs = sorted(p for p in path.iterdir() if p.is_dir() and (p / "pack.yaml").is_file())
    return packs or [path]


def load_pack(pack_dir: Path, book: RuleBook, origin: str) -> Pack:
    meta = _read_yaml(pack_dir / "pack.yaml") if (pack_dir / "pack.yaml").is_file() else {}
    pack = Pack(
        name=str(meta.get("name", pack_dir.name)),
        version=str(meta.get("version", "0")),
        description=str(meta.get("description", "")),
        path=str(pack_dir),
        origin=origin,
    )
    examples = _examples_beside(pack_dir)
    for path in sorted(pack_dir.iterdir()):
        if path.name == "pack.yaml" or path.name.endswith(".examples.yaml"):
            continue
        if path.suffix in (".yaml", ".yml"):
            rules = [_yaml_rule(path)]
        elif path.suffix == ".py" and not path.name.startswith("_"):
            rules = _python_rules(path, pack.name)
        else:
            continue
        for loaded in rules:
            extra = examples.pop(loaded.code, ())
            book.add(loaded.replace(pack=pack.name, examples=loaded.examples + extra))
    if examples:
        code, found = next(iter(examples.items()))
        raise RuleDefinitionError(
            f"{found[0].path}: examples for {code}, but no rule {code} in {pack_dir}"
        )
    book.packs.append(pack)
    return pack


def _read_yaml(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return load_yaml(handle)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else "?"
        raise RuleDefinitionError(f"{path}:{line}: invalid YAML ({exc.problem})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleDefinitionError(f"{path}: cannot read ({exc})") from None


def _yaml_rule(path: Path) -> Rule:
    data = _read_yaml(path)
    where = str(path)
    if not isinstance(data, dict):
        raise RuleDefinitionError(f"{where}: a rule file must be a mapping of keys")
    spec = dict(data.pop("spec", None) or {})
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise RuleDefinitionError(
            f"{where}: unknown key {sorted(unknown)[0]!r} "
            f"(rule keys: {', '.join(sorted(_RULE_KEYS))}; kind-specific keys go under 'spec')"
        )
    for key in ("code", "name", "kind", "message"):
        if not data.get(key):
            raise RuleDefinitionError(f"{where}: missing required key {key!r}")
    code, name = str(data["code"]), str(data["name"])
    validate_identity(code, name, where)
    _check_file_name(path, code)
    try:
        severity = Severity.parse(str(data.get("severity", "warning")))
    except ValueError as exc:
        raise RuleDefinitionError(f"{where}: {exc}") from None
    return Rule(
        code=code,
        name=name,
        severity=severity,
        message=str(data["message"]).strip(),
        check=build_check(str(data["kind"]), spec, where),
        why=str(data.get("why", "")).strip(),
        advice=str(data.get("advice", "")).strip(),
        reference=str(data.get("reference", "")).strip(),
        recommendation=str(data.get("recommendation", "")),
        options=dict(data.get("options") or {}),
        kind=str(data["kind"]),
        notes=kind_named(str(data["kind"]), where).notes,
        path=where,
        examples=tuple(_parse_examples(data.get("examples") or [], code, where)),
        aliases=tuple(data.get("aliases") or ()),
    )


def _python_rules(path: Path, pack_name: str) -> list[Rule]:
    module_name = f"recordlint_pack_{pack_name}_{path.stem}".replace("-", "_").replace(".", "_")
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise RuleDefinitionError(f"{path}: cannot import")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except RuleDefinitionError:
        raise
    except Exception as exc:
        raise RuleDefinitionError(
            f"{path}: error while importing ({type(exc).__name__}: {exc})"
        ) from exc
    rules = [
        getattr(value, RULE_ATTRIBUTE).replace(path=str(path), kind="python")
        for value in vars(module).values()
        if hasattr(value, RULE_ATTRIBUTE)
    ]
    if not rules:
        raise RuleDefinitionError(f"{path}: no @rule-decorated function in this file")
    for loaded in rules:
        _check_file_name(path, loaded.code)
    return rules


def _check_file_name(path: Path, code: str) -> None:
    if not path.name.startswith(code):
        raise RuleDefinitionError(f"{path}: a rule file is named after its code ({code}_...)")


def _examples_beside(pack_dir: Path) -> dict[str, tuple[Example, ...]]:
    found: dict[str, tuple[Example, ...]] = {}
    for path in sorted(pack_dir.glob("*.examples.yaml")):
        code = path.name.split("_")[0].split(".")[0]
        data = _read_yaml(path) or {}
        items = data.get("examples", data) if isinstance(data, dict) else data
        found[code] = found.get(code, ()) + tuple(_parse_examples(items, code, str(path)))
    return found


def _parse_examples(items: Any, code: str, where: str) -> Iterable[Example]:
    if not isinstance(items, list):
        raise RuleDefinitionError(f"{where}: 'examples' must be a list")
    names: set[str] = set()
    for index, item in enumerate(items, start=1):
        if not isinstance(item, Mapping):
            raise RuleDefinitionError(f"{where}: example {index} must be a mapping")
        unknown = set(item) - _EXAMPLE_KEYS
        if unknown:
            raise RuleDefinitionError(
                f"{where}: example {index}: unknown key {sorted(unknown)[0]!r}"
            )
        name = str(item.get("name") or f"example{index}")
        if name in names:
            raise RuleDefinitionError(f"{where}: two examples named {name!r}")
        names.add(name)
        try:
            expect = Status(str(item.get("expect", "")))
        except ValueError:
            choices = ", ".join(s.value for s in Status)
            raise RuleDefinitionError(
                f"{where}: example {name!r}: expect must be one of {choices}"
            ) from None
        yield Example(
            rule=code,
            name=name,
            expect=expect,
            case=dict(item.get("case") or {}),
            options=dict(item.get("options") or {}),
            findings=item.get("findings"),
            path=where,
        )
