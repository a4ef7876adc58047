"""Configuration: `recordlint.toml`, or `[tool.recordlint]` in `pyproject.toml`.

The nearest such file at or above the working directory is used; `--config` names one outright.
Every key is checked: a typo is an error naming the file and the key, never silently ignored.

    select = ["DEM", "REF001"]      # codes or prefixes; all rules when absent
    ignore = ["DEM003"]
    fail-on = "warning"             # error | warning | info | never
    rule-paths = ["local_rules"]    # relative to this file

    [columns]                       # header in your export = recordlint field
    "Ethnicity (Self Defined)" = "ethnicity"

    [rules.DEM001]                  # per-rule severity and options
    severity = "error"
    report-declined = true

    [nlp]
    model = "en_core_web_sm"        # an installed trained spaCy pipeline, or a folder; the
                                    # default is spacy.blank("en") and downloads nothing
    batch-size = 64                 # notes per nlp.pipe batch

    [limits]                        # so one pathological file cannot exhaust memory
    max-file-mb = 200               # larger files are not read (a one-line input error)
    max-note-chars = 1000000        # longer notes are read up to here (and reported)
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from recordlint.errors import RecordlintError
from recordlint.model import Severity
from recordlint.readers.columns import CANONICAL_FIELDS

CONFIG_NAMES = ("recordlint.toml", ".recordlint.toml")
_KEYS = {"select", "ignore", "fail-on", "rule-paths", "columns", "rules", "nlp", "limits"}
_LIMIT_KEYS = {"max-file-mb", "max-note-chars"}
_NLP_KEYS = {"model", "batch-size"}


class ConfigError(RecordlintError, ValueError):
    """A configuration problem; the message names the file and key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = Severity.WARNING  # None: never fail on findings
    rule_paths: tuple[Path, ...] = ()
    columns: Mapping[str, str] = field(default_factory=dict)
    rule_settings: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "defaults"
    debug: bool = False
    nlp_model: str | None = None
    nlp_batch_size: int = 64
    max_file_mb: int = 200
    max_note_chars: int = 1_000_000
    # select/ignore as the file gave them, so a bad code there is reported against the file
    config_select: tuple[str, ...] = ()
    config_ignore: tuple[str, ...] = ()

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def check_codes(self, codes: Mapping[str, object]) -> None:
        """Codes named in config must exist once rules are loaded; say which file and key."""
        for code in self.rule_settings:
            if code not in codes:
                raise ConfigError(f"{self.source}: [rules.{code}]: no rule has code {code}")
        if self.source == "defaults":
            return
        for key, patterns in (("select", self.config_select), ("ignore", self.config_ignore)):
            for pattern in patterns:
                if not any(code.startswith(pattern) for code in codes):
                    raise ConfigError(
                        f"{self.source}: '{key}': no rule code or prefix matches {pattern!r}"
                    )


def parse_fail_on(text: str) -> Severity | None:
    if text.strip().lower() == "never":
        return None
    return Severity.parse(text)


def find_config(start: Path) -> Path | None:
    """The nearest recordlint.toml, or pyproject.toml with a [tool.recordlint] table, upward."""
    for folder in [start, *start.parents]:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "recordlint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(explicit: str | Path | None = None, cwd: Path | None = None) -> Config:
    path = Path(explicit) if explicit else find_config((cwd or Path.cwd()).resolve())
    if path is None:
        return Config()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("recordlint", {})
        prefix = "tool.recordlint."
    else:
        prefix = ""
    return parse_config(data, path, prefix)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None


def parse_config(data: Mapping[str, Any], path: Path, prefix: str = "") -> Config:
    where = str(path)
    unknown = set(data) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(
            f"{where}: unknown key '{prefix}{key}' (known: {', '.join(sorted(_KEYS))})"
        )
    select = _codes(data, "select", where, prefix)
    ignore = _codes(data, "ignore", where, prefix)
    return Config(
        select=select,
        ignore=ignore,
        config_select=select,
        config_ignore=ignore,
        fail_on=_fail_on(data, where, prefix),
        rule_paths=tuple(path.parent / p for p in _strings(data, "rule-paths", where, prefix)),
        columns=_columns(data.get("columns", {}), where, prefix),
        rule_settings=_rule_settings(data.get("rules", {}), where, prefix),
        source=where,
        **_nlp(data.get("nlp", {}), path, prefix),
        **_limits(data.get("limits", {}), path, prefix),
    )


def _strings(data: Mapping[str, Any], key: str, where: str, prefix: str) -> tuple[str, ...]:
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{prefix}{key}' must be a list of strings")
    return tuple(value)


def _codes(data: Mapping[str, Any], key: str, where: str, prefix: str) -> tuple[str, ...]:
    return tuple(split_codes(_strings(data, key, where, prefix)))


def split_codes(values: Any) -> list[str]:
    """`["DEM,REF001", "PLN"]` -> `["DEM", "REF001", "PLN"]`, upper-cased."""
    codes = []
    for value in values:
        codes.extend(part.strip().upper() for part in str(value).split(",") if part.strip())
    return codes


def _fail_on(data: Mapping[str, Any], where: str, prefix: str) -> Severity | None:
    value = data.get("fail-on", "warning")
    try:
        return parse_fail_on(str(value))
    except ValueError:
        raise ConfigError(
            f"{where}: '{prefix}fail-on' must be error, warning, info or never, not {value!r}"
        ) from None


def _columns(value: Any, where: str, prefix: str) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: '{prefix}columns' must be a table of header = field")
    for header, target in value.items():
        if not isinstance(target, str) or target not in CANONICAL_FIELDS:
            raise ConfigError(
                f"{where}: [{prefix}columns] {header!r} = {target!r}: not a recordlint field "
                f"(fields: {', '.join(sorted(CANONICAL_FIELDS))})"
            )
    return dict(value)


def _table(value: Any, where: str, known: set[str]) -> Mapping[str, Any]:
    """A config table whose keys are all known; the error names the file and the key."""
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table")
    unknown = set(value) - known
    if unknown:
        key = sorted(unknown)[0]
        raise ConfigError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(known))})")
    return value


def _positive(value: Any, key: str, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{where} {key} must be a whole number above 0, not {value!r}")
    return value


def _nlp(value: Any, path: Path, prefix: str) -> dict[str, Any]:
    where = f"{path}: [{prefix}nlp]"
    table = _table(value, where, _NLP_KEYS)
    settings: dict[str, Any] = {}
    if "model" in table:
        model = table["model"]
        if not isinstance(model, str) or not model.strip():
            raise ConfigError(f"{where} model must name an installed spaCy pipeline or a folder")
        # a folder is relative to the config file, like rule-paths
        folder = path.parent / model
        settings["nlp_model"] = str(folder) if folder.is_dir() else model
    if "batch-size" in table:
        settings["nlp_batch_size"] = _positive(table["batch-size"], "batch-size", where)
    return settings


def _limits(value: Any, path: Path, prefix: str) -> dict[str, Any]:
    where = f"{path}: [{prefix}limits]"
    table = _table(value, where, _LIMIT_KEYS)
    return {
        name: _positive(table[key], key, where)
        for key, name in (("max-file-mb", "max_file_mb"), ("max-note-chars", "max_note_chars"))
        if key in table
    }


def _rule_settings(value: Any, where: str, prefix: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where}: '{prefix}rules' must be a table of rule codes")
    settings: dict[str, dict[str, Any]] = {}
    for code, table in value.items():
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: [{prefix}rules.{code}] must be a table")
        entry = dict(table)
        if "severity" in entry:
            try:
                entry["severity"] = Severity.parse(str(entry["severity"]))
            except ValueError as exc:
                raise ConfigError(f"{where}: [{prefix}rules.{code}] severity: {exc}") from None
        settings[str(code).upper()] = entry
    return settings
