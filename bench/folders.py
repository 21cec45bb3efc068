"""Data folders: commands with 11 and 160 imported meetings in the data folder, against the
floor of our stack, `python -c "import typer, rich.table, yaml"`, in one interleaved run.

The folders are written by bench/gen_folder.py (meetings of 240 sessions, 10-12 parallel
tracks) into a temporary IETFPLAN_HOME; the warm-up run of each command builds ietfplan's
index of meeting headers, as the first command after an import does for a user.

    python bench/folders.py [--runs N]
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
from gen_folder import write_folder

NOW = "2018-07-19T08:00-04:00"  # the Thursday of IETF 102 (bundled and generated)

# label: (what, command, folder, target ratio to the floor)
CASES = {
    "today11": ("ietfplan today --topic iot, 11 meetings of 240 sessions",
                ["today", "--topic", "iot"], "m11", 1.3),
    "today160": ("ietfplan today -m 102 --topic iot, 160 meetings (38,400 sessions)",
                 ["today", "-m", "102", "--topic", "iot"], "m160", 1.5),
    "meetings160": ("ietfplan meetings, 160 meetings", ["meetings"], "m160", 2.0),
}


def measure(runs: int) -> list[Check]:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        homes = {"m11": Path(tmp) / "m11", "m160": Path(tmp) / "m160"}
        write_folder(homes["m11"] / "data" / "meetings", 11, first=95)  # 95..105
        write_folder(homes["m160"] / "data" / "meetings", 160)
        envs = {}
        for label, (_, _, folder, _) in CASES.items():
            envs[label] = bench_env(homes[folder])
            envs[label]["IETFPLAN_NOW"] = NOW
        commands = {"floor": FLOOR, **{label: [*IETFPLAN, *case[1]] for label, case in CASES.items()}}
        t = compare(commands, runs, bench_env(Path(tmp) / "empty"), envs)
    floor = t["floor"]
    checks = []
    for label, (what, _, _, target) in CASES.items():
        checks.append(floor_check(what, t[label], floor, runs, target))
    return checks


if __name__ == "__main__":
    print_checks("data-folder benchmark", measure, runs=15)
