"""Every registered kind has an example rule of its own, its examples hold, the README shows it,
and a mistake in a spec is refused at load naming the file and key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from recordlint.config import Config
from recordlint.rulebook.kinds import KINDS
from recordlint.rulebook.loader import load_rulebook
from recordlint.rulebook.rule import RuleDefinitionError
from recordlint.testing import example_outcomes

ROOT = Path(__file__).resolve().parents[1]
KIND_DIR = ROOT / "recordlint" / "rulebook" / "kinds"
EXAMPLES = {
    path.name.removesuffix(".example.yaml"): path for path in KIND_DIR.glob("*.example.yaml")
}


def module_of(kind_name: str) -> str:
    return KINDS[kind_name].factory.__module__.rsplit(".", 1)[1]


def test_every_kind_has_an_example_rule() -> None:
    assert {module_of(name) for name in KINDS} == set(EXAMPLES)


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_kinds_example_rule_loads_and_its_examples_hold(name: str, tmp_path: Path) -> None:
    text = EXAMPLES[name].read_text(encoding="utf-8")
    code = next(line.split()[1] for line in text.splitlines() if line.startswith("code:"))
    shutil.copy(EXAMPLES[name], tmp_path / f"{code}_example.yaml")
    said: list[str] = []
    assert example_outcomes([tmp_path], Config(), say=said.append) == 0, said
    assert said[-1].endswith("0 fail")


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_readme_shows_each_kinds_example_as_it_is(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert EXAMPLES[name].read_text(encoding="utf-8").strip() in readme


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("[missing_episode]", "[missing_episod]"),
            "no concept 'missing_episod' in the vocabulary",
        ),
        (("{days: 3}", "{days: three}"), "'days' must be a whole number"),
        (("hypothetical: any", "hypothetical: maybe"), "hypothetical must be true, false or any"),
        (("  looked_for: a return home interview\n", ""), "needs key 'looked_for'"),
        (("{uncertain: any}", "{uncertain: any, colour: red}"), "unknown filter 'colour'"),
    ],
)
def test_a_mistake_in_a_spec_is_refused_at_load(
    change: tuple[str, str], message: str, tmp_path: Path
) -> None:
    text = EXAMPLES["indicator_response"].read_text(encoding="utf-8")
    assert change[0] in text
    (tmp_path / "LOC102_example.yaml").write_text(text.replace(*change), encoding="utf-8")
    with pytest.raises(RuleDefinitionError, match=message) as raised:
        load_rulebook([tmp_path], entry_points=False, builtin=False)
    assert str(tmp_path / "LOC102_example.yaml") in str(raised.value)


def test_a_window_is_named_in_the_finding_as_it_was_searched(tmp_path: Path) -> None:
    from recordlint.testing import run_example

    shutil.copy(EXAMPLES["indicator_response"], tmp_path / "LOC102_example.yaml")
    (rule,) = load_rulebook([tmp_path], entry_points=False, builtin=False).rules.values()
    failing = next(e for e in rule.examples if e.name == "not_interviewed")
    (finding,) = run_example(rule, failing).findings
    assert "looked for a return home interview from 20/05/2024 to 23/05/2024" in finding.message


def test_a_required_field_needs_no_code_list_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "LOC110_dob.yaml").write_text(
        "code: LOC110\nname: dob-not-recorded\nkind: field_required\n"
        'message: "The child\'s {label} is not recorded: {detail}."\n'
        "spec: {fields: dob, label: date of birth}\n"
        "examples:\n"
        "  - {name: recorded, expect: pass, case: {fields: {dob: 01/02/2010}}}\n"
        "  - {name: not_known, expect: fail, case: {fields: {dob: Not known}}}\n"
        '  - {name: blank, expect: fail, case: {fields: {dob: ""}}}\n',
        encoding="utf-8",
    )
    said: list[str] = []
    assert example_outcomes([tmp_path], Config(), say=said.append) == 0, said
