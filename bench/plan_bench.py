"""The planner's speed: `ietfplan plan` for 40 wanted groups with up to 3 sessions each.

    python bench/plan_bench.py [--instances N]

Each instance is an IETF-shaped week (seeded, deterministic): five days of four slots
(09:30 120 min, 13:30 90 min, 15:20 90 min, 17:10 60 min), 40 groups meeting 1 to 3
times in random slots, a fifth of the sessions starting 15 or 30 minutes late, about one
in seven without an end, eight rooms, weights 1 to 5.  About 90 candidate sessions.

Measured in-process, side by side: the optimiser (candidates, clash pairs, exact solve,
why each group is missed) against the clash report of the same sessions (what
`ietfplan clashes` computes).  Target: every instance under 0.5 s (the issue's figure);
the ratio to the clash report is printed for scale.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, datetime, timedelta, timezone

from common import Check, print_checks

from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import find_clashes
from ietfplan.plan.optimise import make_report

SLOTS = ((9, 30, 120), (13, 30, 90), (15, 20, 90), (17, 10, 60))
TARGET_SECONDS = 0.5


def instance(seed: int, groups: int = 40) -> tuple[Meeting, dict[str, int]]:
    rng = random.Random(seed)
    sessions: list[Session] = []
    for g in range(groups):
        count = rng.choice((1, 2, 2, 3, 3))
        slots = rng.sample([(d, s) for d in range(5) for s in range(4)], count)
        for k, (d, s) in enumerate(sorted(slots)):
            hour, minute, length = SLOTS[s]
            start = datetime(2030, 3, 4 + d, hour, minute, tzinfo=timezone.utc)
            if rng.random() < 0.2:
                start += timedelta(minutes=rng.choice((15, 30)))
            end = None if rng.random() < 0.15 else start + timedelta(minutes=length)
            sessions.append(Session(999, f"g{g}-{k}", f"g{g}", start.date(), start, end,
                                    room=f"room {rng.randrange(8)}"))
    sessions.sort(key=lambda s: (s.start or datetime.min.replace(tzinfo=timezone.utc), s.id))
    meeting = Meeting(number=999, city="Bench", timezone="UTC", start=date(2030, 3, 4),
                      end=date(2030, 3, 8), sessions=tuple(sessions))
    weights = {f"g{g}": rng.choice((1, 1, 1, 2, 3, 5)) for g in range(groups)}
    return meeting, weights


def measure(instances: int) -> list[Check]:
    plan_times: list[float] = []
    clash_times: list[float] = []
    nodes: list[int] = []
    for seed in range(instances):
        meeting, weights = instance(seed)
        t0 = time.perf_counter()
        find_clashes(meeting, meeting.sessions)
        t1 = time.perf_counter()
        report = make_report(meeting, "bench", weights, zone=timezone.utc)
        t2 = time.perf_counter()
        clash_times.append(t1 - t0)
        plan_times.append(t2 - t1)
        nodes.append(report.plan.nodes)
    worst, median = max(plan_times), statistics.median(plan_times)
    base = statistics.median(clash_times)
    detail = (f"median {median * 1000:.0f} ms, worst {worst * 1000:.0f} ms over {instances} "
              f"instances; nodes median {statistics.median(nodes):.0f}, worst {max(nodes)}; "
              f"clash report {base * 1000:.1f} ms (plan / clashes = {median / base:.0f}x)")
    what = "plan: 40 wanted groups, up to 3 sessions each (exact)"
    return [
        Check(f"{what}, median", f"{TARGET_SECONDS} s", median / TARGET_SECONDS, 1.0, detail),
        Check(f"{what}, worst", f"{TARGET_SECONDS} s", worst / TARGET_SECONDS, 1.0,
              f"{worst * 1000:.0f} ms"),
    ]


if __name__ == "__main__":
    print_checks("plan benchmark", measure, instances=20)
