"""Scale: a whole `ietfplan` process over a synthetic 40,000-session meeting file
(bench/gen_meeting.py, written to a temporary folder) against a bare PyYAML load
of the same file.  Targets: under 1 s, and at least 4x faster than the bare load;
exporting every session to .ics under 3 s.

    python bench/scale.py [--runs N] [--sessions N]
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from common import IETFPLAN, PYTHON, Check, bench_env, compare, compile_package, print_checks
from gen_meeting import generate

# The command benched (load + topic filter + clash sweep + JSON), in one line to change.
SCALE_COMMAND = ["clashes", "--file", "{file}", "--topic", "iot", "--format", "json"]

BASELINE = 'python -c "yaml.load(open(f), Loader=yaml.CSafeLoader)"'
EXPORT_COMMAND = ["export", "--file", "{file}", "-o", "{out}"]

TARGET_FASTER = 4.0
TARGET_SECONDS = 1.0
TARGET_EXPORT_SECONDS = 3.0


def measure(runs: int, sessions: int) -> list[Check]:
    """The checks, each with its target.

    'cached' is every run after the first on an unchanged file (the parsed meeting comes
    from the cache, load/cache.py); 'first run' empties the cache before each run, so it
    parses the YAML and writes the cache entry.  The export empties the cache and the
    export state too (every event new), and writes all sessions to a .ics file.
    """
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text(generate(sessions), encoding="utf-8")
        home = Path(tmp) / "home"
        env = bench_env(home)

        def command(args: list[str]) -> list[str]:
            return [*IETFPLAN, *(a.replace("{file}", str(big)).replace("{out}", str(Path(tmp) / "big.ics"))
                                 for a in args)]

        def emptied(cmd: list[str], *folders: str) -> list[str]:
            rm = " ".join(f'"{home / f}"' for f in folders)
            return ["sh", "-c", f'rm -rf {rm} && exec "$@"', "sh", *cmd]

        cmd = command(SCALE_COMMAND)
        bare = [PYTHON, "-c",
                f"import yaml; yaml.load(open({str(big)!r}), Loader=yaml.CSafeLoader)"]
        t = compare({"bare": bare, "cached": cmd, "first": emptied(cmd, "cache"),
                     "export": emptied(command(EXPORT_COMMAND), "cache", "data")}, runs, env)
        size_mb = big.stat().st_size / 1e6
    base = t["bare"]
    what = f"ietfplan {' '.join(SCALE_COMMAND).replace('{file}', 'big.yaml')} ({sessions} sessions, {size_mb:.1f} MB)"
    checks: list[Check] = []
    for label, title in (("cached", "cached"), ("first", "first run, no cache")):
        ours = t[label]
        detail = (f"{ours.best:.2f} s vs {base.best:.2f} s best of {runs}; "
                  f"medians {ours.median:.2f} / {base.median:.2f} s")
        checks += [
            Check(f"{what}, {title}", BASELINE, base.best / ours.best, TARGET_FASTER, detail,
                  higher_is_better=True),
            Check(f"{what}, {title}, absolute", "1 s", ours.best / TARGET_SECONDS, 1.0,
                  f"{ours.best:.2f} s"),
        ]
    export = t["export"]
    checks.append(Check(f"ietfplan export --file big.yaml -o big.ics ({sessions} sessions, no cache)",
                        f"{TARGET_EXPORT_SECONDS:.0f} s", export.best / TARGET_EXPORT_SECONDS, 1.0,
                        f"{export.best:.2f} s best of {runs}; median {export.median:.2f} s"))
    return checks


if __name__ == "__main__":
    print_checks("scale benchmark", measure, runs=3, sessions=40_000)
