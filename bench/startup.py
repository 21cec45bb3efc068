"""Start-up: `ietfplan today --topic iot` and `ietfplan --help` against the floor of our
stack, `python -c "import typer, rich.table, yaml"`, with an empty data folder (only the
bundled meetings).  Targets: `today` at most 1.15x the floor, `--help` at most 1.3x.

    python bench/startup.py [--runs N]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import (
    FLOOR,
    IETFPLAN,
    Check,
    bench_env,
    compare,
    compile_package,
    floor_check,
    print_checks,
)

TARGETS = {"today": 1.15, "help": 1.3}


def measure(runs: int) -> list[Check]:
    compile_package()
    with tempfile.TemporaryDirectory() as home:
        env = bench_env(Path(home))
        env["IETFPLAN_NOW"] = "2018-07-19T08:00-04:00"  # Thursday of IETF 102
        t = compare({
            "floor": FLOOR,
            "today": [*IETFPLAN, "today", "--topic", "iot"],
            "help": [*IETFPLAN, "--help"],
        }, runs, env)
    floor = t["floor"]
    checks = []
    for label, what in (("today", "ietfplan today --topic iot, empty data folder"), ("help", "ietfplan --help")):
        checks.append(floor_check(what, t[label], floor, runs, TARGETS[label]))
    return checks


if __name__ == "__main__":
    print_checks("start-up benchmark", measure, runs=15)
