"""YAML reading, with libyaml's C loader where PyYAML has it.

Every run reads the rule packs and vocabularies (some thousand lines of YAML); the pure-Python
loader spent about a fifth of a single-case check on them. Both loaders are safe loaders and
raise the same `yaml.YAMLError`s, with line numbers.
"""

from __future__ import annotations

from typing import IO, Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(source: str | bytes | IO[str]) -> Any:
    return yaml.load(source, Loader=_LOADER)
