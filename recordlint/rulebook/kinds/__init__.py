"""Declarative rule kinds: each shared shape of rule, registered by name for YAML rules.

A rule that fits a kind is a YAML file naming the kind and its `spec`; a Python rule is for what
no kind says. Each kind is a module here with its spec validated at load and an example rule of
its own (`<kind>.example.yaml` beside it, run as a test and shown in the README).
"""

from recordlint.rulebook.kinds import (  # noqa: F401  (registers the kinds)
    field_required,
    indicator_response,
    intention_completion,
    made_received,
    maximum_gap,
    phrase_unless_explored,
    plan_item_smart,
)
from recordlint.rulebook.kinds.registry import KINDS, Kind, Spec, build_check, kind, kind_named

__all__ = ["KINDS", "Kind", "Spec", "build_check", "kind", "kind_named"]
