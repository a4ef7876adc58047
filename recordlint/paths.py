"""Where the built-in rule packs live, installed or in a source checkout.

`rules/` sits beside the package in the repository (so rule authors find it at the top level)
and is copied into the wheel as `recordlint/_builtin_rules`; an editable install runs from the
checkout and finds `../rules`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def builtin_rules_dir() -> Path:
    installed = _PACKAGE_DIR / "_builtin_rules"
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        "recordlint's built-in rules are missing: looked in "
        f"{installed} and {checkout}; reinstall recordlint"
    )


def vocab_dir() -> Path:
    return builtin_rules_dir() / "vocab"


def vocab_file(name: str) -> Path:
    """A built-in vocabulary file, such as `relationships.yaml`."""
    return vocab_dir() / name
