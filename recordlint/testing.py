"""The public test harness for rule packs: run a rule's examples as tests.

A pack's whole test file can be:

    from recordlint.testing import example_params, assert_example
    import pytest

    @pytest.mark.parametrize(("rule", "example"), **example_params(["path/to/my_pack"]))
    def test_examples(rule, example):
        assert_example(rule, example)

An example's `case` is a small mapping: `fields` (a value or a list of values per field, one
per source), `notes` (each with `date`, `text`, and optionally `author`, `agency`, `team`,
`kind`), `people` (each with `role`, `name` and any details), and optionally `sources` to say
what the export could carry (`format`, `fields`, `notes`), for not-evaluated examples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from recordlint.checking import check_case
from recordlint.model import Case, CaseReport, FieldValue, Note, Person, Source, SourceRef
from recordlint.readers.dates import parse_datetime
from recordlint.rulebook.loader import RuleBook, load_rulebook
from recordlint.rulebook.rule import Example, Rule
from recordlint.vocabulary import using, vocabulary_for

_EXAMPLE_PATH = "example"


def case_from_example(data: Mapping[str, Any], case_id: str = "EXAMPLE") -> Case:
    """Build a Case from an example's `case` mapping."""
    sources_spec = data.get("sources")
    values: dict[str, tuple[FieldValue, ...]] = {}
    for name, raw in (data.get("fields") or {}).items():
        items = raw if isinstance(raw, list) else [raw]
        values[str(name)] = tuple(
            FieldValue(_text(item), SourceRef(f"{_EXAMPLE_PATH}-{index}", row=2))
            for index, item in enumerate(items, start=1)
        )
    notes = tuple(
        Note(
            note_id=f"n{index}",
            text=str(item.get("text", "")),
            date=_when(item.get("date"))[0],
            time_known=_when(item.get("date"))[1],
            author=str(item.get("author", "")),
            agency=str(item.get("agency", "")),
            team=str(item.get("team", "")),
            kind=str(item.get("kind", "")),
            source=SourceRef(_EXAMPLE_PATH, line=index),
        )
        for index, item in enumerate(data.get("notes") or [], start=1)
    )
    people = tuple(
        Person(
            role=str(item.get("role", "")),
            name=str(item.get("name", "")),
            details={k: _text(v) for k, v in item.items() if k not in ("role", "name")},
        )
        for item in data.get("people") or []
    )
    if sources_spec is None:
        sources: tuple[Source, ...] = (Source(_EXAMPLE_PATH, "example", None, bool(notes)),)
    else:
        sources = tuple(
            Source(
                path=f"{_EXAMPLE_PATH}-{index}",
                fmt=str(spec.get("format", "example")),
                fields=frozenset(spec["fields"]) if "fields" in spec else None,
                has_notes=bool(spec.get("notes", False)),
            )
            for index, spec in enumerate(sources_spec, start=1)
        )
    return Case(
        case_id=case_id,
        child=Person(role="child", name=str(data.get("child", "")), person_id=case_id),
        people=people,
        fields=values,
        notes=notes,
        sources=sources,
    )


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _when(value: Any) -> tuple[dt.datetime | None, bool]:
    """An example's date: YAML may give a date, a datetime or day-first text like a reader."""
    if value is None or value == "":
        return None, False
    if isinstance(value, dt.datetime):
        return value, True
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()), False
    return parse_datetime(str(value))


def run_example(rule: Rule, example: Example) -> CaseReport:
    """Run one rule on its example's case, with the example's options over the defaults."""
    configured = rule.replace(options={**rule.options, **example.options})
    folders = pack_vocab_folders(rule)
    with using(vocabulary_for(tuple(folders))):  # the pack's own words, as in a run
        report, problems = check_case(
            case_from_example(example.case), [configured], debug=True, vocab_folders=folders
        )
    if problems:
        raise AssertionError(problems[0].message)
    return report


def pack_vocab_folders(rule: Rule) -> list[str]:
    """The `vocab/` folders beside a rule's pack (in it, or beside it as rules/vocab is)."""
    if not rule.path:
        return []
    pack = Path(rule.path).parent
    return [str(p / "vocab") for p in (pack, pack.parent) if (p / "vocab").is_dir()]


def assert_example(rule: Rule, example: Example) -> None:
    """Fail with the example, the expected status and what the rule said, if they disagree."""
    report = run_example(rule, example)
    status = report.checks[rule.code].status
    said = "\n".join(f"  - {f.message}" for f in report.findings) or "  (no findings)"
    where = f"{example.path}: {example.rule} example {example.name!r}"
    if status is not example.expect:
        raise AssertionError(
            f"{where}: expected {example.expect.value}, got {status.value}\n{said}"
        )
    if example.findings is not None and len(report.findings) != example.findings:
        raise AssertionError(
            f"{where}: expected {example.findings} finding(s), got {len(report.findings)}\n{said}"
        )


def example_failure(rule: Rule, example: Example) -> str | None:
    """Why an example does not hold, or None when it does (a rule that raises is a failure)."""
    try:
        assert_example(rule, example)
    except AssertionError as exc:
        return str(exc)
    except Exception as exc:
        return (
            f"{example.path}: {example.rule} example {example.name!r}: {type(exc).__name__}: {exc}"
        )
    return None


def example_outcomes(packs: Iterable[str | Path], config: Any, say: Any = print) -> int:
    """`recordlint test [PACK...]`: run every example of each pack's rules (every loaded rule
    when no pack is given), say each failure and a count, and give the exit status: 0 when all
    hold, 1 when one does not, 2 when there is no example to run."""
    packs = [Path(p) for p in packs]
    book = load_rulebook([*config.rule_paths, *packs])
    wanted = [p.resolve() for p in packs]
    pairs = [
        (rule, example)
        for rule, example in collect_examples(book)
        if not wanted or any(_within(rule.path, folder) for folder in wanted)
    ]
    if not pairs:
        say("no rule examples to run (a rule's examples sit beside it or under 'examples:')")
        return 2
    failures = [f for f in (example_failure(r, e) for r, e in pairs) if f is not None]
    for failure in failures:
        say(f"FAIL {failure}")
    rules = len({rule.code for rule, _ in pairs})
    held, failed = len(pairs) - len(failures), len(failures)
    say(f"{len(pairs)} examples of {rules} rule{'s' * (rules != 1)}: {held} hold, {failed} fail")
    return 1 if failures else 0


def _within(path: str, folder: Path) -> bool:
    return bool(path) and Path(path).resolve().is_relative_to(folder)


def collect_examples(book: RuleBook) -> list[tuple[Rule, Example]]:
    return [(rule, example) for _, rule in sorted(book.rules.items()) for example in rule.examples]


def example_params(
    rule_paths: Iterable[str | Path] = (), *, builtin: bool = False
) -> dict[str, Any]:
    """Keyword arguments for `pytest.mark.parametrize`: every example, with readable ids."""
    book = load_rulebook(rule_paths, entry_points=False, builtin=builtin)
    pairs = collect_examples(book)
    return {"argvalues": pairs, "ids": [example.test_id for _, example in pairs]}
