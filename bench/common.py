"""Timing whole processes side by side: interleaved runs, best and median times."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PYTHON = sys.executable
IETFPLAN = [PYTHON, "-m", "ietfplan"]


@dataclass
class Timing:
    label: str
    times: list[float]

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def run_once(cmd: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=300, check=False)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"bench command failed ({proc.returncode}): {' '.join(cmd)}\n"
                         f"{proc.stderr.decode(errors='replace')}")
    return elapsed


def compare(commands: dict[str, Sequence[str]], runs: int, env: dict[str, str],
            envs: dict[str, dict[str, str]] | None = None) -> dict[str, Timing]:
    """Run each command ``runs`` times, interleaved so machine noise hits all alike.
    ``envs`` gives some commands (by label) an environment of their own."""
    timings = {label: Timing(label, []) for label in commands}
    envs = envs or {}
    for label, cmd in commands.items():  # warm-up: file cache, .pyc files, ietfplan's index
        run_once(cmd, envs.get(label, env))
    for _ in range(runs):
        for label, cmd in commands.items():
            timings[label].times.append(run_once(cmd, envs.get(label, env)))
    return timings


def bench_env(home: Path) -> dict[str, str]:
    """The environment for benched runs: an empty IETFPLAN_HOME, no colour, bytecode on."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IETFPLAN_", "PYTHONDONTWRITE"))}
    env["IETFPLAN_HOME"] = str(home)
    env["COLUMNS"] = "120"
    return env


def compile_package() -> None:
    """Write .pyc files for ietfplan, as `pip install` does for users (PYTHONDONTWRITEBYTECODE
    would otherwise make every benched run compile our sources again)."""
    import compileall

    import ietfplan

    compileall.compile_dir(str(Path(ietfplan.__file__).parent), quiet=1)


@dataclass
class Check:
    what: str
    baseline: str
    ratio: float  # measured / baseline (lower is better), or baseline / measured for 'faster'
    target: float
    detail: str
    higher_is_better: bool = False

    def ok(self, slack: float = 1.0) -> bool:
        if self.higher_is_better:
            return self.ratio * slack >= self.target
        return self.ratio <= self.target * slack

    def line(self, slack: float = 1.0) -> str:
        sign = "≥" if self.higher_is_better else "≤"
        verdict = "ok" if self.ok() else ("within 2x" if self.ok(slack) else "FAIL")
        return (f"| {self.what} | {self.baseline} | {self.ratio:.2f}x (target {sign} {self.target}x) "
                f"| {self.detail} | {verdict} |")


# The floor of our stack: what any Python CLI on these libraries pays before doing anything.
FLOOR = [PYTHON, "-c", "import typer, rich.table, yaml"]
FLOOR_TEXT = 'python -c "import typer, rich.table, yaml"'


def floor_check(what: str, timing: Timing, floor: Timing, runs: int, target: float) -> Check:
    """A whole command against the floor, measured in the same run (best of ``runs``)."""
    detail = (f"{timing.best * 1000:.0f} ms vs {floor.best * 1000:.0f} ms best of {runs}; "
              f"medians {timing.median * 1000:.0f} / {floor.median * 1000:.0f} ms")
    return Check(what, FLOOR_TEXT, timing.best / floor.best, target, detail)


def print_checks(description: str, measure: Callable[..., list[Check]], **defaults: int) -> None:
    """The command line of a gated benchmark script: an integer option for each keyword of
    ``measure`` given here with its default (``runs=15`` makes ``--runs N``), then the
    checks ``measure`` returns, a line each."""
    parser = argparse.ArgumentParser(description=description)
    for name, default in defaults.items():
        parser.add_argument(f"--{name}", type=int, default=default)
    for check in measure(**vars(parser.parse_args())):
        print(check.line())


def best_time(fn: Callable[[], object], runs: int = 5) -> float:
    """The shortest of ``runs`` timings of ``fn()`` in this process, in seconds (noise only
    ever adds time)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)
