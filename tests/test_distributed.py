"""`--scheduler ADDRESS` (the `recordlint[dask]` extra): the same report, byte for byte, from a
real Dask cluster with worker processes, and one clear line when the cluster cannot be used."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

distributed = pytest.importorskip("distributed")

import recordlint.distributed  # noqa: E402
from recordlint import lint  # noqa: E402
from recordlint.cli import main  # noqa: E402
from recordlint.config import Config  # noqa: E402
from recordlint.distributed import ClusterError, DaskRunner, check_on_cluster  # noqa: E402
from recordlint.reporters.json_report import write_json  # noqa: E402
from recordlint.results import LintRun  # noqa: E402
from recordlint.summary import summarise  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """Two worker processes of one thread each, on loopback only."""
    with warnings.catch_warnings():
        # the scheduler's HTTP server moves to a free port when 8787 is taken, and says so
        warnings.filterwarnings("ignore", r"Port \d+ is already in use")
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
    with cluster:
        yield cluster.scheduler_address


def _json(run: LintRun) -> str:
    out = io.StringIO()
    write_json(run, summarise(run, Config().fail_on), out)
    return out.getvalue()


def test_a_cluster_gives_the_same_report_as_a_local_run(scheduler: str) -> None:
    config = Config()
    local = lint([FIXTURES], config)
    remote = lint([FIXTURES], config, runner=DaskRunner(scheduler))
    assert len(remote.reports) > 16  # more than one chunk, so chunk order matters
    assert _json(remote) == _json(local)


def test_the_cli_output_is_identical_byte_for_byte(scheduler: str, tmp_path: Path) -> None:
    outputs = []
    for extra in ([], ["--scheduler", scheduler]):
        out = tmp_path / f"report-{len(extra)}.json"
        result = CliRunner().invoke(
            main, ["check", str(FIXTURES), "-f", "json", "-o", str(out), "-q", *extra]
        )
        assert result.exit_code == 1, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_a_failing_task_raises_here_and_the_cluster_stays_usable(scheduler: str) -> None:
    # the worker's own exception, not a hang or a generic cluster error
    with pytest.raises(AttributeError, match="'str' object has no attribute"):
        list(check_on_cluster([["not a case"]], Config(), scheduler))
    # the next run on the same cluster is unaffected
    assert lint(
        [FIXTURES / "documents" / "D2001_case_record.txt"], runner=DaskRunner(scheduler)
    ).reports


def test_a_worker_with_another_recordlint_is_refused(
    scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # this side claims another version; the workers run the real one
    monkeypatch.setattr(recordlint.distributed, "__version__", "0.0.0-other")
    with pytest.raises(ClusterError, match=r"runs recordlint \S+, not 0.0.0-other"):
        list(check_on_cluster([], Config(), scheduler))


def _recordlint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "recordlint.cli", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_an_unreachable_scheduler_is_one_line_and_exit_2() -> None:
    result = _recordlint(
        "check",
        "fixtures/",
        "-q",
        "--scheduler",
        "tcp://127.0.0.1:1",
        env={"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"},
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(
        "recordlint: cannot connect to the Dask scheduler at tcp://127.0.0.1:1"
    )
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_without_the_extra_the_error_says_what_to_install() -> None:
    # `distributed` made unimportable in a child process
    code = "import sys; sys.modules['distributed'] = None; from recordlint.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "check", "fixtures/", "-q", "--scheduler", "tcp://x:1"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert 'pip install "recordlint[dask]"' in result.stderr


def test_scheduler_with_jobs_is_a_usage_error() -> None:
    result = CliRunner().invoke(
        main, ["check", str(FIXTURES), "--scheduler", "tcp://127.0.0.1:1", "-j", "2"]
    )
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "recordlint: --scheduler and -j/--jobs cannot be used together (give one)"
    ]
