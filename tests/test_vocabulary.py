"""One vocabulary per run: the built-in words with every pack's added, read in one place."""

from __future__ import annotations

import ast
from pathlib import Path

from recordlint import lint
from recordlint.config import Config
from recordlint.model import Status
from recordlint.vocabulary import Vocabulary, builtin, current, using, vocabulary_for

ROOT = Path(__file__).resolve().parents[1]


def pack_with_vocab(
    folder: Path, files: dict[str, str], rules: dict[str, str] | None = None
) -> Path:
    (folder / "vocab").mkdir(parents=True)
    for name, text in files.items():
        (folder / "vocab" / name).write_text(text, encoding="utf-8")
    for name, text in (rules or {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_pack_adds_to_built_in_entries_and_never_replaces_them(tmp_path: Path) -> None:
    pack = pack_with_vocab(
        tmp_path / "pack",
        {"religion.yaml": "codes:\n  Pastafarian: Other religion\n  None: No religion\n"},
    )
    vocabulary = vocabulary_for((str(pack / "vocab"),))
    codes = vocabulary.data("religion.yaml")["codes"]
    assert codes["Pastafarian"] == "Other religion"
    assert codes["Muslim"] == "Muslim"  # the built-in entries stay
    assert len(vocabulary.paths("religion.yaml")) == 2
    assert builtin().data("religion.yaml")["codes"].get("Pastafarian") is None


def test_lists_are_joined_and_a_single_value_is_the_packs() -> None:
    from recordlint.vocabulary import _merge

    merged = _merge(
        {"a": [1, 2], "b": {"c": 1, "d": 2}, "e": 5}, {"a": [2, 3], "b": {"d": 9}, "e": 6}
    )
    assert merged == {"a": [1, 2, 3], "b": {"c": 1, "d": 9}, "e": 6}


def test_a_yaml_rule_may_name_its_own_packs_code_list(tmp_path: Path) -> None:
    """What issue 18 found: "no code list 'legal_status' in rules/vocab" for a pack's own list."""
    pack = pack_with_vocab(
        tmp_path / "pack",
        {"legal_status.yaml": "field: legal_status\ncodes:\n  C2: Care order\n  V2: Section 20\n"},
        {
            "LOC010_legal_status.yaml": "code: LOC010\nname: legal-status-not-recorded\n"
            'kind: field_required\nmessage: "The child\'s {label} is not recorded: {detail}."\n'
            "spec: {fields: legal_status, codelist: legal_status, label: legal status}\n"
        },
    )
    export = tmp_path / "children.csv"
    export.write_text("Child ID,Legal Status\nL1,C2\nL2,not known\n", encoding="utf-8")
    config = Config(
        rule_paths=[str(pack)], select=["LOC010"], columns={"Legal Status": "legal_status"}
    )
    run = lint([export], config)
    statuses = {r.case_id: r.checks["LOC010"].status for r in run.reports}
    assert statuses == {"L1": Status.PASS, "L2": Status.FAIL}


def test_a_packs_header_variant_is_read_in_its_run_only(tmp_path: Path) -> None:
    pack = pack_with_vocab(
        tmp_path / "pack", {"columns.yaml": "fields:\n  ethnicity: [heritage code]\n"}
    )
    export = tmp_path / "children.csv"
    export.write_text("Child ID,Heritage Code\nH1,WBRI\n", encoding="utf-8")
    config = Config(rule_paths=[str(pack)], select=["DEM001"])
    with_pack = lint([export], config)
    assert with_pack.reports[0].case.field("ethnicity") == "WBRI"
    without = lint([export], Config(select=["DEM001"]))
    assert without.reports[0].case.field("ethnicity") is None
    assert current() == builtin()  # the run's vocabulary ends with the run


def test_a_packs_referral_destination_reaches_the_referral_rules(tmp_path: Path) -> None:
    from recordlint.practice.referrals import referral_vocabulary

    pack = pack_with_vocab(
        tmp_path / "pack",
        {"referrals.yaml": "destinations:\n  harbour_project:\n    names: [harbour project]\n"},
    )
    with using(vocabulary_for((str(pack / "vocab"),))):
        names = [d.name for d in referral_vocabulary().destinations]
    assert "harbour_project" in names and "camhs" in [n.lower() for n in names]
    assert "harbour_project" not in [d.name for d in referral_vocabulary().destinations]


def test_no_module_but_the_loader_opens_a_vocab_file() -> None:
    """Only recordlint/vocabulary.py (and paths.py, which says where the folder is) may name the
    vocab folder; every other module asks the run's Vocabulary."""
    offenders = []
    for path in [*ROOT.joinpath("recordlint").rglob("*.py"), *ROOT.joinpath("rules").rglob("*.py")]:
        if path.name in ("vocabulary.py", "paths.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Name | ast.alias) and getattr(
                node, "id", getattr(node, "name", "")
            ) in (
                "vocab_dir",
                "vocab_file",
            ):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_a_vocabulary_is_its_folders() -> None:
    assert isinstance(builtin(), Vocabulary) and len(builtin().folders) == 1
    assert vocabulary_for(()) is builtin()
