"""Config discovery and validation: every mistake names the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint.config import ConfigError, find_config, load_config
from recordlint.model import Severity


def test_found_upward_from_the_working_directory(tmp_path: Path) -> None:
    (tmp_path / "recordlint.toml").write_text('select = ["DEM001"]\nfail-on = "error"\n')
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "recordlint.toml"
    config = load_config(cwd=nested)
    assert config.select == ("DEM001",) and config.fail_on is Severity.ERROR


def test_pyproject_tool_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.recordlint]\nignore = ["dem003"]\nrule-paths = ["mine"]\n'
        '[tool.recordlint.columns]\n"Ethnicity (Self)" = "ethnicity"\n'
        '[tool.recordlint.rules.DEM001]\nseverity = "error"\n'
    )
    config = load_config(cwd=tmp_path)
    assert config.ignore == ("DEM003",)
    assert config.rule_paths == (tmp_path / "mine",)
    assert config.columns == {"Ethnicity (Self)": "ethnicity"}
    assert config.rule_settings["DEM001"]["severity"] is Severity.ERROR


def test_pyproject_without_a_recordlint_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.black]\nline-length = 99\n")
    assert find_config(tmp_path) is None or find_config(tmp_path).parent != tmp_path


def test_fail_on_never(tmp_path: Path) -> None:
    (tmp_path / "recordlint.toml").write_text('fail-on = "never"\n')
    assert load_config(cwd=tmp_path).fail_on is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('selct = ["DEM"]\n', "unknown key 'selct'"),
        ('fail-on = "loud"\n', "'fail-on' must be error, warning, info or never"),
        ('[columns]\nRef = "case_reference"\n', "not a recordlint field"),
        ('[rules.DEM001]\nseverity = "fatal"\n', "unknown severity 'fatal'"),
        ("select = 3\n", "'select' must be a list of strings"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_errors_name_the_file_and_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "recordlint.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as error:
        load_config(path)
    assert str(error.value).startswith(str(path)) and message in str(error.value)


def test_explicit_missing_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
