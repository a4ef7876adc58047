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
