"""`recordlint explain CODE`: one rule, told for the person who will fix the record.

Why the rule exists, the audit reference, what to record, its options, and its examples that
fail and pass, each in a line (a case's fields, people and notes).
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import Any

import click

from recordlint.rulebook.rule import Rule


def explain_text(rule: Rule, styled: bool = False) -> str:
    """The explanation as text; `styled` makes the title bold for a terminal."""
    title = f"{rule.code} {rule.name}"
    lines = [
        (click.style(title, bold=True) if styled else title)
        + f"  ({rule.severity.label}, pack {rule.pack})",
        "",
    ]
    if rule.reference:
        lines += [f"Reference: {rule.reference}", ""]
    for heading, text in (("Why", rule.why), ("What to record", rule.advice)):
        if text:
            lines += [f"{heading}:", textwrap.indent(_wrapped(text), "  "), ""]
    if rule.options:
        lines += ["Options: " + ", ".join(f"{k} = {v!r}" for k, v in rule.options.items()), ""]
    for status in ("fail", "pass"):
        shown = [e for e in rule.examples if e.expect.value == status]
        if shown:
            lines.append(f"Examples that {status}:")
            lines += [f"  {example.name}: {_brief(example.case)}" for example in shown]
            lines.append("")
    return "\n".join(lines) + "\n"


def _wrapped(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=88)


def _brief(case: Mapping[str, Any]) -> str:
    parts = [f"{k} = {v!r}" for k, v in (case.get("fields") or {}).items()]
    parts += [
        f"{p.get('role', 'person')} {p.get('name', '')!r}".strip() for p in case.get("people") or []
    ]
    parts += [repr(n.get("text", "")) for n in case.get("notes") or []]
    if case.get("sources"):
        parts.append("export carries only " + ", ".join(case["sources"][0].get("fields", [])))
    return "; ".join(parts) or "(empty case)"
