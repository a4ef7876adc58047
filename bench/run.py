"""Benchmarks for recordlint (not tests: nothing here asserts a speed).

    python bench/run.py [--copies 50] [--repeat 5]

Prints two ratios measured on this machine in one run, so they compare like with like:
  1. single case: wall time of `recordlint check` on one case document, against bare
     interpreter start-up (`python -c pass`): how much a practitioner waits beyond Python itself;
  2. batch: rows per second linting the fixture export copied N times under new case ids
     (in process, every built-in rule), and the time per case.
The full benchmark with a corpus generator and memory growth comes with the performance issue.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCUMENT = REPO / "fixtures" / "documents" / "D2002_case_record.txt"
EXPORT = REPO / "fixtures" / "export"


def wall(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_export(target: Path, copies: int) -> None:
    """Write `copies` copies of each export file, case ids changed so each copy is new cases."""
    for source in sorted(EXPORT.iterdir()):
        raw = source.read_bytes()
        encoding = "cp1252" if "health" in source.name else "utf-8-sig"
        header, *lines = raw.decode(encoding).splitlines(keepends=True)
        body = "".join(lines)
        for n in range(copies):
            text = header + body.replace("C10", f"X{n:04d}-C10")
            (target / f"{n:04d}_{source.name}").write_bytes(text.encode(encoding))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    recordlint = shutil.which("recordlint") or sys.exit("install recordlint first (pip install .)")

    baseline = wall([sys.executable, "-c", "pass"], args.repeat)
    single = wall([recordlint, "check", str(DOCUMENT)], args.repeat)
    print(
        f"single case: {single * 1000:.0f} ms; python start-up {baseline * 1000:.0f} ms; "
        f"ratio {single / baseline:.1f}x"
    )

    from recordlint import lint

    with tempfile.TemporaryDirectory() as folder:
        copy_export(Path(folder), args.copies)
        start = time.perf_counter()
        run = lint([folder])
        elapsed = time.perf_counter() - start
    cases = len(run.reports)
    rows = sum(len(report.case.notes) for report in run.reports)  # one note per exported row
    print(
        f"batch: {cases} cases, {rows} rows in {elapsed:.2f} s: {rows / elapsed:,.0f} rows/s, "
        f"{elapsed / cases * 1000:.2f} ms per case "
        f"({len(run.rules)} rules, {len(run.problems)} input problems)"
    )


if __name__ == "__main__":
    main()
