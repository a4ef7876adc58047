"""Who a case is: the case id shown, and which inputs are one child (readers/identity.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from recordlint.readers import ReaderOptions, read_inputs
from recordlint.readers.identity import labels_for, link, part_key


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def read(*paths: Path, on_disk: bool = False):
    options = ReaderOptions(spill_over_bytes=0) if on_disk else ReaderOptions()
    return read_inputs(list(paths), options)


def test_a_case_id_in_a_document_header_is_the_case_id_not_the_nhs_number(tmp_path: Path):
    path = write(
        tmp_path / "record.txt",
        "NHS number: 943 476 5919\nCase ID: HX-0042\nName: Ann Example\n\n"
        "12/03/2024 Visit\nSeen at home.\n",
    )
    (case,) = read(path).cases
    assert case.case_id == "HX-0042"
    assert case.field("nhs_number") == "943 476 5919"


@pytest.mark.parametrize("on_disk", [False, True])
def test_a_family_table_keyed_by_case_ref_joins_notes_keyed_by_case_ref_and_nhs_number(
    tmp_path: Path, on_disk: bool
):
    notes = write(
        tmp_path / "notes.csv",
        "NHS Number,Case Ref,Entry Date,Narrative\n"
        "999 402 7731,R-1,01/03/2024,Seen.\n999 111 2222,R-2,02/03/2024,Seen too.\n",
    )
    people = write(
        tmp_path / "people.csv",
        "Case Ref,Person Ref,Forename,Relationship\nR-1,P9,Donna,Mother\nR-2,P8,Lee,Father\n",
    )
    result = read(notes, people, on_disk=on_disk)
    assert [(c.case_id, [p.role for p in c.people]) for c in result.cases] == [
        ("R-1", ["Mother"]),
        ("R-2", ["Father"]),
    ]


def test_two_agencies_refs_for_one_child_join_on_the_nhs_number_however_spaced(tmp_path: Path):
    social_care = write(
        tmp_path / "sc.csv", "Case ID,NHS Number,Entry Date,Note\nSC-7,943 476 5919,01/03/2024,A\n"
    )
    health = write(
        tmp_path / "health.csv", "Patient ID,NHS No,Entry Date,Note\nH-3,9434765919,02/03/2024,B\n"
    )
    (case,) = read(social_care, health).cases
    assert case.case_id == "SC-7"  # a case id beats a person id; the NHS number is not shown
    assert [n.text for n in case.notes] == ["A", "B"]


def test_siblings_under_one_family_ref_stay_two_children_and_share_the_family_table(
    tmp_path: Path,
):
    notes = write(
        tmp_path / "notes.csv",
        "Case Ref,NHS Number,Entry Date,Note\n"
        "FAM-1,999 000 0001,01/03/2024,About Ava.\nFAM-1,999 000 0002,01/03/2024,About Ben.\n",
    )
    people = write(tmp_path / "people.csv", "Case Ref,Name,Relationship\nFAM-1,Rosa,Mother\n")
    cases = read(notes, people).cases
    assert [[n.text for n in c.notes] for c in cases] == [["About Ava."], ["About Ben."]]
    # the shared ref tells them apart from nothing, so each is shown under its own id
    assert [c.case_id for c in cases] == ["999 000 0001", "999 000 0002"]
    assert all([p.role for p in c.people] == ["Mother"] for c in cases)


def test_a_document_with_no_id_is_named_after_its_file_and_joins_nothing(tmp_path: Path):
    first = write(tmp_path / "a" / "case.txt", "Name: Ann\n\n12/03/2024 Visit\nSeen.\n")
    second = write(tmp_path / "b" / "case.txt", "Name: Bea\n\n12/03/2024 Visit\nSeen.\n")
    cases = read(first, second).cases
    assert [c.case_id for c in cases] == ["case", "case'"]
    assert sorted(c.child.name for c in cases) == ["Ann", "Bea"]


def test_a_relatives_person_id_in_a_family_table_is_not_the_childs(tmp_path: Path):
    children = write(tmp_path / "children.csv", "Child ID,Forename\nC1,Ava\nC2,Ben\n")
    people = write(
        tmp_path / "people.csv",
        "Child ID,Person ID,Name,Relationship\nC1,P1,Rosa,Mother\nC2,P1,Rosa,Mother\n",
    )
    cases = read(children, people).cases
    assert [c.case_id for c in cases] == ["C1", "C2"]  # P1 (the mother) joins no two children


def test_linking_does_not_depend_on_the_order_ids_were_read() -> None:
    rows = [
        {"case_id": "R-1", "nhs_number": "999 000 0001"},
        {"case_id": "R-1"},
        {"child_id": "L-5", "nhs_number": "9990000001"},
        {"case_id": "R-2", "upn": "A123"},
    ]
    labels = {part_key(labels_for(row)): set(labels_for(row)) for row in rows}
    forward = link(labels)
    backward = link(dict(reversed(list(labels.items()))))
    assert forward == backward
    assert sorted((one.case_id, len(one.keys)) for one in forward) == [("R-1", 3), ("R-2", 1)]
