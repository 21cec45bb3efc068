"""Scale: a whole `ietfplan` process over a synthetic 40,000-session meeting file
(bench/gen_meeting.py, written to a temporary folder) against a bare PyYAML load
of the same file.  Targets: under 1 s, and at least 4x faster than the bare load.

    python bench/scale.py [--runs N] [--sessions N]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from common import IETFPLAN, PYTHON, Check, bench_env, compare, compile_package
from gen_meeting import generate

# The command benched (load + topic filter + clash sweep + JSON), in one line to change.
SCALE_COMMAND = ["clashes", "--file", "{file}", "--topic", "iot", "--format", "json"]

BASELINE = 'python -c "yaml.load(open(f), Loader=yaml.CSafeLoader)"'
TARGET_FASTER = 4.0
TARGET_SECONDS = 1.0


def measure(runs: int, sessions: int) -> tuple[list[Check], list[Check]]:
    """(checks with targets, informational checks).

    'cached' is every run after the first on an unchanged file (the parsed meeting comes
    from the cache, load/cache.py); 'first run' empties the cache before each run, so it
    parses the YAML and writes the cache entry.
    """
    compile_package()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        big.write_text(generate(sessions), encoding="utf-8")
        home = Path(tmp) / "home"
        env = bench_env(home)
        cmd = [*IETFPLAN, *(a.replace("{file}", str(big)) for a in SCALE_COMMAND)]
        cold = ["sh", "-c", f'rm -rf "{home / "cache"}" && exec "$@"', "sh", *cmd]
        bare = [PYTHON, "-c",
                f"import yaml; yaml.load(open({str(big)!r}), Loader=yaml.CSafeLoader)"]
        t = compare({"bare": bare, "cached": cmd, "first": cold}, runs, env)
        size_mb = big.stat().st_size / 1e6
    base = t["bare"]
    what = f"ietfplan {' '.join(SCALE_COMMAND).replace('{file}', 'big.yaml')} ({sessions} sessions, {size_mb:.1f} MB)"
    out: dict[str, list[Check]] = {}
    for label, title in (("cached", "cached"), ("first", "first run, no cache")):
        ours = t[label]
        detail = (f"{ours.best:.2f} s vs {base.best:.2f} s best of {runs}; "
                  f"medians {ours.median:.2f} / {base.median:.2f} s")
        out[label] = [
            Check(f"{what}, {title}", BASELINE, base.best / ours.best, TARGET_FASTER, detail,
                  higher_is_better=True),
            Check(f"{what}, {title}, absolute", "1 s", ours.best / TARGET_SECONDS, 1.0,
                  f"{ours.best:.2f} s"),
        ]
    return out["cached"], out["first"]


def main() -> None:
    parser = argparse.ArgumentParser(description="scale benchmark")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sessions", type=int, default=40_000)
    args = parser.parse_args()
    gated, info = measure(args.runs, args.sessions)
    for check in [*gated, *info]:
        print(check.line())


if __name__ == "__main__":
    main()
