"""Time `ccm-review check` and `ccm-review build` on the shipped sections (median of runs)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
REPO = Path(__file__).resolve().parents[1]


def median_seconds(command: list[str]) -> float:
    """Run `command` RUNS times and return the median wall time in seconds."""
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Print one line per command."""
    program = [sys.executable, "-m", "ccm_review"]
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "check": [*program, "check", "--project", str(REPO)],
            "build": [*program, "build", "--project", str(REPO), "--out", out],
        }
        for name, command in commands.items():
            print(f"{name:6} median of {RUNS}: {median_seconds(command):.3f} s")


if __name__ == "__main__":
    main()
