"""Clash-detection scale benchmark (not a unit test).

    .venv/bin/python bench/clashes.py [N]

Builds N sessions (default 40,000) shaped like IETF weeks: 10 parallel tracks,
slots of 60–150 minutes with 15–30 minute gaps, some sessions without an end and
some starting mid-slot, so clashes happen at every slot.  Times the sweep on all
N, checks it against the all-pairs brute force on a smaller set (and that both
agree), and prints the ratio per session.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, datetime, timedelta, timezone

from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import brute_force_pairs, clash_groups, clash_pairs, find_clashes, spans

TRACKS = 10


def make_sessions(n: int, seed: int = 4) -> list[Session]:
    rng = random.Random(seed)
    out: list[Session] = []
    t = datetime(2030, 1, 1, 9, 0, tzinfo=timezone.utc)
    i = 0
    while i < n:
        length = rng.choice((60, 90, 120, 150))
        for _ in range(TRACKS):
            if i >= n:
                break
            start = t + timedelta(minutes=rng.choice((0, 0, 0, 15, 30)))
            end = None if rng.random() < 0.1 else start + timedelta(minutes=length)
            out.append(Session(meeting=999, id=f"s{i}", group=f"g{i % 500}",
                               date=date(2030, 1, 1), start=start, end=end))
            i += 1
        t += timedelta(minutes=length + rng.choice((15, 30)))
    return out


def timed(fn, *args):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    value = fn(*args)
    return value, time.perf_counter() - t0


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40_000
    small = min(n, 3_000)
    items = spans(make_sessions(n))
    groups, t_sweep = timed(clash_groups, items)
    pairs, t_pairs = timed(clash_pairs, items)
    print(f"sweep, {n} sessions: {t_sweep * 1000:.0f} ms for {len(groups)} clash sets "
          f"({len(pairs)} pairs listed in {t_pairs * 1000:.0f} ms)")

    sessions = [sp.session for sp in items]
    meeting = Meeting(number=999, city="Bench", timezone="UTC", start=date(2030, 1, 1),
                      end=date(2030, 12, 31), sessions=tuple(sessions))
    full, t_full = timed(find_clashes, meeting, sessions)
    print(f"find_clashes (sets + overlap + alternatives), {n} sessions: {t_full * 1000:.0f} ms "
          f"for {len(full)} clashes")

    sub = items[:small]
    s_pairs, t_small_sweep = timed(clash_pairs, sub)
    b_pairs, t_brute = timed(brute_force_pairs, sub)
    assert s_pairs == b_pairs, "sweep and brute force disagree"
    print(f"{small} sessions: sweep {t_small_sweep * 1000:.1f} ms, brute force "
          f"{t_brute * 1000:.0f} ms, same {len(b_pairs)} pairs; "
          f"brute force / sweep = {t_brute / t_small_sweep:.0f}x")
    per_sweep = t_sweep / n
    per_brute_at_n = t_brute * (n / small) ** 2
    print(f"brute force on {n} (extrapolated, O(n²)): {per_brute_at_n:.0f} s; "
          f"ratio at {n}: {per_brute_at_n / t_sweep:.0f}x; sweep per session: "
          f"{per_sweep * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
