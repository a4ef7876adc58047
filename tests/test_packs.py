"""Rule packs: user folders, entry points, Python and YAML rules, and load errors."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest

from recordlint import lint
from recordlint.config import Config
from recordlint.rulebook import loader
from recordlint.rulebook.loader import load_rulebook
from recordlint.rulebook.rule import RuleDefinitionError
from recordlint.testing import assert_example, collect_examples

PYTHON_RULE = """
from recordlint.api import Evidence, Violation, rule


@rule(
    code="LOC001",
    name="worker-not-recorded",
    severity="info",
    message="No allocated worker is recorded.",
    why="A case with no named worker has nobody accountable for it.",
    advice="Record the allocated worker.",
    reference="Local practice standard 3",
)
def check(case, fields):
    if not case.field("worker"):
        yield Violation(evidence=(Evidence(source=case.sources[0].path, field="worker"),))
"""

PYTHON_EXAMPLES = """
examples:
  - {name: named, expect: pass, case: {fields: {worker: "SW Ali"}}}
  - {name: missing, expect: fail, findings: 1, case: {fields: {worker: ""}}}
"""


def make_pack(root: Path, name: str = "local") -> Path:
    pack = root / name
    pack.mkdir(parents=True)
    (pack / "pack.yaml").write_text(f"name: {name}\nversion: '2'\n")
    (pack / "LOC001_worker_not_recorded.py").write_text(PYTHON_RULE)
    (pack / "LOC001_worker_not_recorded.examples.yaml").write_text(PYTHON_EXAMPLES)
    return pack


def test_user_pack_with_a_python_rule_and_its_examples(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    book = load_rulebook([pack], entry_points=False, builtin=False)
    assert list(book.rules) == ["LOC001"]
    assert book.packs[0].name == "local" and book.packs[0].version == "2"
    pairs = collect_examples(book)
    assert [e.name for _, e in pairs] == ["named", "missing"]
    for rule, example in pairs:
        assert_example(rule, example)


def test_user_pack_runs_beside_the_builtin_rules(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    export = tmp_path / "e.csv"
    export.write_text("Child ID,Ethnicity,Note,Date\nP1,WBRI,Seen,01/01/2024\n")
    run = lint([export], Config(rule_paths=(pack,)))
    checks = run.reports[0].checks
    assert checks["LOC001"].status.value == "fail" and checks["DEM001"].status.value == "pass"


def test_entry_point_packs_are_loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pack = make_pack(tmp_path, "plugin")
    entry = importlib.metadata.EntryPoint(
        name="plugin", value="os.path:curdir", group=loader.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(entry.__class__, "load", lambda self: lambda: pack)
    monkeypatch.setattr(loader.importlib.metadata, "entry_points", lambda group: [entry])
    book = load_rulebook()
    assert "LOC001" in book.rules and book.rules["LOC001"].pack == "plugin"
    assert book.packs[-1].origin == "entry point plugin"


def test_a_broken_entry_point_pack_is_a_warning_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    entry = importlib.metadata.EntryPoint(
        name="broken", value="no_such_module:x", group=loader.ENTRY_POINT_GROUP
    )
    monkeypatch.setattr(loader.importlib.metadata, "entry_points", lambda group: [entry])
    book = load_rulebook()
    assert "DEM001" in book.rules
    assert book.warnings and book.warnings[0].startswith("rule pack 'broken' not loaded")


def yaml_rule(pack: Path, text: str, name: str = "LOC002_x.yaml") -> Path:
    pack.mkdir(exist_ok=True)
    (pack / name).write_text(text)
    return pack


GOOD_YAML = """\
code: LOC002
name: dob-not-recorded
kind: field_required
message: "The child's {label} is not recorded: {detail}."
spec: {fields: dob, codelist: interpreter, label: date of birth}
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_YAML.replace("kind: field_required", "kind: magic"), "unknown kind 'magic'"),
        (GOOD_YAML + "colour: red\n", "unknown key 'colour'"),
        (
            GOOD_YAML.replace("label: date of birth", "label: x, shape: round"),
            "key 'shape' is not used",
        ),
        (GOOD_YAML.replace("code: LOC002", "code: loc2"), "must be 2-5 capital letters"),
        (GOOD_YAML + "examples:\n  - {name: a, expect: maybe}\n", "expect must be one of"),
        ("code: [unclosed\n", ":2: invalid YAML"),
        (GOOD_YAML.replace("codelist: interpreter", "codelist: nosuch"), "no code list 'nosuch'"),
    ],
)
def test_rule_load_errors_name_the_file(tmp_path: Path, text: str, message: str) -> None:
    pack = yaml_rule(tmp_path / "pack", text)
    with pytest.raises(RuleDefinitionError) as error:
        load_rulebook([pack], entry_points=False, builtin=False)
    assert str(pack / "LOC002_x.yaml") in str(error.value) and message in str(error.value)


def test_duplicate_codes_are_refused(tmp_path: Path) -> None:
    pack = yaml_rule(tmp_path / "pack", GOOD_YAML.replace("LOC002", "DEM001"), "DEM001_again.yaml")
    with pytest.raises(RuleDefinitionError, match="already defined"):
        load_rulebook([pack], entry_points=False)


def test_rule_file_must_be_named_after_its_code(tmp_path: Path) -> None:
    pack = yaml_rule(tmp_path / "pack", GOOD_YAML, "dob.yaml")
    with pytest.raises(RuleDefinitionError, match="named after its code"):
        load_rulebook([pack], entry_points=False, builtin=False)


# -- `recordlint test`: a pack's examples with no pytest file ------------------------------------


def run_cli(*args: str):
    from click.testing import CliRunner

    from recordlint.cli import main

    return CliRunner().invoke(main, list(args))


def test_recordlint_test_runs_a_packs_examples_only(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    result = run_cli("test", str(pack))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "2 examples of 1 rule: 2 hold, 0 fail"


def test_recordlint_test_says_which_example_fails_and_exits_1(tmp_path: Path) -> None:
    pack = make_pack(tmp_path)
    examples = pack / "LOC001_worker_not_recorded.examples.yaml"
    examples.write_text(
        PYTHON_EXAMPLES.replace("{name: named, expect: pass", "{name: named, expect: fail")
    )
    result = run_cli("test", str(pack))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert (
        lines[0].startswith("FAIL ")
        and "LOC001 example 'named': expected fail, got pass" in lines[0]
    )
    assert lines[-1] == "2 examples of 1 rule: 1 hold, 1 fail"


def test_recordlint_test_with_no_pack_runs_every_built_in_example() -> None:
    result = run_cli("test")
    assert result.exit_code == 0, result.output
    count = sum(len(rule.examples) for rule in load_rulebook(entry_points=False).rules.values())
    assert result.output.strip() == f"{count} examples of 26 rules: {count} hold, 0 fail"
