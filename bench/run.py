"""Run every benchmark and print the figures table (what, baseline, ratio).

    python bench/run.py            # full: 15 start-up runs, 3 scale runs of 40,000 sessions
    python bench/run.py --quick    # for CI: fewer runs; exit 1 if any gated ratio is more
                                   # than 2x worse than its target (start-up, cached scale)

Ratios compare processes measured side by side in the same run on the same machine;
the best time of each is used (noise only ever adds time).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale
import startup

SLACK = 2.0  # --quick fails only when a ratio is more than this much worse than its target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs; fail when > 2x off target")
    args = parser.parse_args()
    startup_runs, scale_runs = (7, 1) if args.quick else (15, 3)
    scale_gated, scale_info = scale.measure(scale_runs, 40_000)
    checks = [*startup.measure(startup_runs), *scale_gated]
    print("| what | baseline | ratio | measured | verdict |")
    print("| --- | --- | --- | --- | --- |")
    for check in [*checks, *scale_info]:
        print(check.line(SLACK))
    print("(first-run figures are shown, not gated: see docs/performance.md)")
    failed = [c for c in checks if not c.ok(SLACK)]
    if args.quick and failed:
        print(f"{len(failed)} figure(s) more than {SLACK}x worse than target", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
