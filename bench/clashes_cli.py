"""Dense meeting: whole `ietfplan` processes on a 40,000-session file where every slot
holds hundreds of sessions (bench/gen_meeting.py with days=7).  Targets, each under 1 s:
`pick add --topic iot` (with no picks before), `clashes --check --topic iot`, and
`clashes --format json --topic iot` on the first run (no cache).

    python bench/clashes_cli.py [--runs N] [--sessions N]
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path

from common import IETFPLAN, Check, bench_env, compare, compile_package, print_checks
from gen_meeting import generate

TARGET_SECONDS = 1.0
# label: (what, arguments, folders emptied before each run)
CASES = {
    "pick": ("ietfplan pick add --topic iot", ["pick", "add", "--topic", "iot", "--file", "{file}"],
             ("data/picks",)),
    "check": ("ietfplan clashes --check --topic iot",
              ["clashes", "--check", "--topic", "iot", "--file", "{file}"], ()),
    "json": ("ietfplan clashes --format json --topic iot, first run",
             ["clashes", "--format", "json", "--topic", "iot", "--file", "{file}"], ("cache",)),
}


def densest_slot(text: str) -> int:
    """The most sessions starting at one time on one day (read from the file's lines)."""
    from ietfplan.load.catalog import Catalog
    from ietfplan.load.meetingfile import parse_meeting

    meeting = parse_meeting(text, "dense.yaml", Catalog(user_dir=None).topics)
    return max(Counter(s.start for s in meeting.sessions if s.start is not None).values())


def measure(runs: int, sessions: int) -> list[Check]:
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        dense = Path(tmp) / "dense.yaml"
        text = generate(sessions, days=7)
        dense.write_text(text, encoding="utf-8")
        slot = densest_slot(text)
        home = Path(tmp) / "home"
        env = bench_env(home)
        commands = {}
        for label, (_, args, emptied) in CASES.items():
            cmd = [*IETFPLAN, *(a.replace("{file}", str(dense)) for a in args)]
            rm = " ".join(f'"{home / f}"' for f in emptied) or "/nonexistent"
            # `clashes --check` exits 1 when it finds a clash, as it must here
            commands[label] = ["sh", "-c", f'rm -rf {rm}; "$@"; [ $? -le 1 ]', "sh", *cmd]
        t = compare(commands, runs, env)
    checks = []
    for label, (what, _, _) in CASES.items():
        best = t[label].best
        checks.append(Check(f"{what}, dense {sessions} sessions (up to {slot} a slot)", "1 s",
                            best / TARGET_SECONDS, 1.0,
                            f"{best:.2f} s best of {runs}; median {t[label].median:.2f} s"))
    return checks


if __name__ == "__main__":
    print_checks("dense-meeting benchmark", measure, runs=3, sessions=40_000)
