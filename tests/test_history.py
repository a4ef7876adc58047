"""Sweeps and their history, on SQLite and (when CI provides one) a real PostgreSQL server."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, func, inspect, select, text

from recordlint.cli import main
from recordlint.history.errors import HistoryError, WaiverError
from recordlint.history.schema import LATEST, migrate, schema_version, sweeps
from recordlint.history.sweep import open_history, run_sweep
from recordlint.history.waivers import load_waivers

POSTGRES = os.environ.get("RECORDLINT_TEST_POSTGRES_URL")
HEADER = "Child ID,Ethnicity,First Language,Religion,Father,Household,Note,Date\n"


def row(child: str, ethnicity: str, note: str = "Seen alone at home.") -> str:
    return f"{child},{ethnicity},English,None,Ali Khan,Mum and {child},{note},01/03/2024\n"


@pytest.fixture(params=["sqlite", "postgresql"])
def history(request, tmp_path: Path) -> str:
    if request.param == "sqlite":
        yield str(tmp_path / "history.db")
        return
    if not POSTGRES:
        if os.environ.get("RECORDLINT_POSTGRES_TESTS") == "required":
            pytest.fail("PostgreSQL tests required but RECORDLINT_TEST_POSTGRES_URL is not set")
        pytest.skip("no PostgreSQL server (RECORDLINT_TEST_POSTGRES_URL)")
    schema = f"t_{uuid.uuid4().hex[:10]}"  # each test its own schema on the shared server
    engine = create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    joiner = "&" if "?" in POSTGRES else "?"
    yield f"{POSTGRES}{joiner}options=-csearch_path%3D{schema}"
    engine = create_engine(POSTGRES)
    with engine.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    engine.dispose()


def export(folder: Path, rows: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "export.csv").write_text(HEADER + "".join(rows))
    return folder


def keys(items) -> set[tuple[str, str]]:
    return {(i.case_id, i.rule) for i in items}


def test_new_persisting_and_resolved_across_three_sweeps(tmp_path: Path, history: str) -> None:
    data = tmp_path / "export"
    export(data, [row("A1", ""), row("B1", "WBRI"), row("C1", "NOBT")])
    first = run_sweep([data], history)
    assert first.previous_id is None
    assert keys(first.new) == {("A1", "DEM001"), ("C1", "DEM001")}

    # A1 fixed, B1 now blank, C1 unchanged but the export re-ordered
    export(data, [row("C1", "NOBT"), row("B1", ""), row("A1", "AIND")])
    second = run_sweep([data], history)
    assert second.previous_id == first.sweep_id
    assert keys(second.new) == {("B1", "DEM001")}
    assert keys(second.persisting) == {("C1", "DEM001")}
    assert keys(second.resolved) == {("A1", "DEM001")}

    export(data, [row("B1", ""), row("C1", "WBRI"), row("A1", "AIND")])
    third = run_sweep([data], history)
    assert (keys(third.new), keys(third.persisting), keys(third.resolved)) == (
        set(),
        {("B1", "DEM001")},
        {("C1", "DEM001")},
    )
    engine = open_history(history)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(sweeps)).scalar() == 3
    engine.dispose()


def test_waivers_apply_expire_and_go_stale(tmp_path: Path, history: str) -> None:
    data = export(tmp_path / "export", [row("A1", ""), row("B1", "NOBT")])
    waivers = tmp_path / "waivers.csv"
    waivers.write_text(
        "case_id,rule,reason,accepted_by,expires\n"
        "A1,DEM001,Family asked not to be asked again until the review,TM Marsh,31/12/2099\n"
        "B1,DEM001,Agreed at supervision,TM Marsh,01/01/2020\n"
        "Z9,DEM003,Case closed,TM Marsh,\n"
    )
    result = run_sweep([data], history, waivers=load_waivers(waivers))
    waived = {k[0] for k in result.waived}
    assert waived == {"A1"}  # still reported, marked waived
    assert keys(result.new) == {("A1", "DEM001"), ("B1", "DEM001")}
    assert [(w.case_id, str(w.expires)) for w, _ in result.expired] == [("B1", "2020-01-01")]
    assert [(w.case_id, w.rule) for w in result.stale] == [("Z9", "DEM003")]


def test_cli_sweep_reports_changes_and_fails_on_new_only(tmp_path: Path, history: str) -> None:
    data = export(tmp_path / "export", [row("A1", "")])
    runner = CliRunner()
    first = runner.invoke(main, ["sweep", str(data), "--history", history, "--fail-on-new"])
    assert first.exit_code == 1 and "1 new" in first.stdout
    again = runner.invoke(main, ["sweep", str(data), "--history", history, "--fail-on-new"])
    assert again.exit_code == 0 and "0 new, 1 persisting" in again.stdout
    plain = runner.invoke(main, ["sweep", str(data), "--history", history])
    assert plain.exit_code == 1  # without --fail-on-new a persisting finding still counts
    trends = runner.invoke(main, ["history", "--history", history, "-f", "csv"])
    assert trends.exit_code == 0
    assert trends.stdout.splitlines()[0].startswith("kind,key,sweep 1")
    assert any(line.startswith("rule,DEM001,0.0000") for line in trends.stdout.splitlines())
    page = tmp_path / "trends.html"
    runner.invoke(main, ["history", "--history", history, "-f", "html", "-o", str(page)])
    assert "<polyline" in page.read_text()


def test_a_waiver_needs_a_reason(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- {case_id: A1, rule: DEM001, accepted_by: TM}\n")
    with pytest.raises(WaiverError, match=r"waivers.yaml, waiver 1: a waiver needs a reason"):
        load_waivers(waivers)


def test_an_older_history_is_migrated_and_a_newer_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        migrate(connection, upto=1)
        assert "label" not in {c["name"] for c in inspect(connection).get_columns("sweeps")}
    engine.dispose()
    data = export(tmp_path / "export", [row("A1", "")])
    run_sweep([data], str(path), label="weekly")
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        assert connection.execute(select(schema_version.c.version)).scalar() == LATEST
        assert connection.execute(select(sweeps.c.label)).scalar() == "weekly"
        connection.execute(schema_version.update().values(version=LATEST + 1))
    engine.dispose()
    with pytest.raises(HistoryError, match="newer recordlint"):
        run_sweep([data], str(path))


SLOW_SWEEP = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import recordlint.history.sweep as sweep

    store = sweep._store

    def slow_store(connection, *args, **kwargs):
        sweep_id = store(connection, *args, **kwargs)   # rows written, not committed
        Path(sys.argv[3]).write_text("inside")
        while not Path(sys.argv[4]).exists():
            time.sleep(0.05)
        return sweep_id

    sweep._store = slow_store
    sweep.run_sweep([sys.argv[1]], sys.argv[2])
    """
)


def _start_slow_sweep(tmp_path: Path, data: Path, history: str):
    """A sweep paused inside its transaction until `release` exists; returns it and the files."""
    script = tmp_path / "slow.py"
    script.write_text(SLOW_SWEEP)
    inside, release = tmp_path / "inside", tmp_path / "release"
    process = subprocess.Popen(
        [sys.executable, str(script), str(data), history, str(inside), str(release)],
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for(inside, process)
    return process, release


def _wait_for(path: Path, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert process.poll() is None, process.stderr.read()
        assert time.monotonic() < deadline, "the sweep never reached its transaction"
        time.sleep(0.05)


def test_a_sweep_killed_half_way_leaves_the_history_as_it_was(tmp_path, history) -> None:
    data = export(tmp_path / "export", [row("A1", "")])
    run_sweep([data], history)
    process, _ = _start_slow_sweep(tmp_path, data, history)
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine = open_history(history)
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(sweeps)).scalar() == 1
        if engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    engine.dispose()
    # and the history goes on from the last committed sweep (PostgreSQL may skip an id)
    assert run_sweep([data], history).previous_id == 1


def test_two_sweeps_at_once_take_turns(tmp_path: Path, history: str) -> None:
    data = export(tmp_path / "export", [row("A1", "")])
    run_sweep([data], history)
    first, release = _start_slow_sweep(tmp_path, data, history)
    command = "from recordlint.cli import main; main()"
    second = subprocess.Popen(
        [sys.executable, "-c", command, "sweep", str(data), "--history", history],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    release.write_text("go")
    assert first.wait(timeout=120) == 0, first.stderr.read()
    out, err = second.communicate(timeout=120)
    assert second.returncode == 1, err  # its findings, not a crash or a corrupted history
    assert "sweep 3 since sweep 2" in out
    engine = open_history(history)
    with engine.connect() as connection:
        ids = connection.execute(select(sweeps.c.id).order_by(sweeps.c.id)).scalars().all()
    engine.dispose()
    assert ids == [1, 2, 3]


def test_sweep_dates_are_recorded(tmp_path: Path) -> None:
    data = export(tmp_path / "export", [row("A1", "")])
    when = dt.datetime(2024, 3, 4, 9, 0)
    result = run_sweep([data], str(tmp_path / "h.db"), now=when)
    engine = open_history(str(tmp_path / "h.db"))
    with engine.connect() as connection:
        assert connection.execute(select(sweeps.c.started_at)).scalar() == when
    engine.dispose()
    assert result.sweep_id == 1


def test_a_renewed_waiver_wins_over_its_expired_row(tmp_path: Path) -> None:
    data = export(tmp_path / "export", [row("A1", "")])
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text(
        "- {case_id: A1, rule: DEM001, reason: first, accepted_by: TM, expires: 01/01/2020}\n"
        "- {case_id: A1, rule: DEM001, reason: renewed, accepted_by: TM, expires: 01/01/2099}\n"
        "- {case_id: 0123, rule: DEM003, reason: kept as written, accepted_by: TM}\n"
    )
    loaded = load_waivers(waivers)
    assert loaded[2].case_id == "0123"
    result = run_sweep([data], str(tmp_path / "h.db"), waivers=loaded)
    assert [w.reason for w in result.waived.values()] == ["renewed"]
    assert result.expired == []
    assert [w.case_id for w in result.stale] == ["0123"]


def test_a_waivers_file_not_in_utf8_is_a_clear_error(tmp_path: Path) -> None:
    waivers = tmp_path / "waivers.csv"
    waivers.write_bytes("case_id,rule,reason\nA1,DEM001,Jos\xe9 agreed\n".encode("cp1252"))
    with pytest.raises(WaiverError, match="not UTF-8"):
        load_waivers(waivers)
