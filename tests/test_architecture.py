"""The architecture holds as contracts: import-linter checks them (config in pyproject.toml).

Rule packs import `recordlint.api` only; readers know nothing of rules, checking or reports; the
model imports nothing of the project; the engine and its runners never import the Dask runner.
The contracts list recordlint's modules by name, so a test also fails when a module is added and
not listed (a new module would otherwise be free to import anything).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]


def contract(name_start: str) -> dict:
    return next(c for c in CONTRACTS if c["name"].startswith(name_start))


def modules() -> set[str]:
    """recordlint's top-level modules and packages."""
    found = set()
    for path in (ROOT / "recordlint").iterdir():
        if path.name.startswith("_"):
            continue
        if path.suffix == ".py" or (path.is_dir() and (path / "__init__.py").is_file()):
            found.add(f"recordlint.{path.stem}")
    return found


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    code = "from importlinter.cli import lint_imports_command as c; c()"
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"], cwd=cwd, env=env, capture_output=True, text=True
    )


def test_the_contracts_hold() -> None:
    done = lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in done.stdout


def test_the_contracts_name_every_module() -> None:
    assert set(contract("Rule packs")["forbidden_modules"]) == modules() - {"recordlint.api"}
    assert set(contract("The model")["forbidden_modules"]) - {"rules"} == modules() - {
        "recordlint.model"
    }


def test_a_rule_importing_past_the_api_breaks_the_contract(tmp_path: Path) -> None:
    """The contract can fail: a copy of the project whose rule imports recordlint.practice."""
    copy = tmp_path / "project"
    copy.mkdir()
    (copy / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (copy / "recordlint").symlink_to(ROOT / "recordlint")
    (copy / "rules" / "local").mkdir(parents=True)
    (copy / "rules" / "local" / "LOC001_x.py").write_text(
        "from recordlint.practice.responses import unanswered\n", encoding="utf-8"
    )
    done = lint_imports(copy)
    assert done.returncode != 0
    assert "rules is not allowed to import recordlint.practice" in done.stdout.replace("\n", " ")


def test_the_cli_is_thin() -> None:
    lines = (ROOT / "recordlint" / "cli.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) < 200
    assert not any(line.startswith("from recordlint.engine") for line in lines)


def test_every_mistake_a_user_can_make_is_one_error_type() -> None:
    from recordlint.checking import SelectionError
    from recordlint.config import ConfigError
    from recordlint.distributed import ClusterError
    from recordlint.errors import RecordlintError
    from recordlint.evaluation.gold import GoldError
    from recordlint.history.errors import HistoryError, WaiverError
    from recordlint.nlp.errors import PipelineError, VocabError
    from recordlint.rulebook.rule import RuleDefinitionError

    for error in (SelectionError, ConfigError, ClusterError, GoldError, HistoryError,
                  WaiverError, PipelineError, VocabError, RuleDefinitionError):  # fmt: skip
        assert issubclass(error, RecordlintError), error
    cli = (ROOT / "recordlint" / "commands.py").read_text(encoding="utf-8")
    assert cli.count("except RecordlintError") == 1  # caught in one place
