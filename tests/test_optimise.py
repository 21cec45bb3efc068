"""The planner's optimiser against brute force over every clash-free subset.

The oracle here is independent of plan/optimise.py: clash-freeness is checked pair by
pair with clashes' own rule (``clashes_pair``), the night with zoneinfo minute by minute,
and the objective (weight, sessions, room changes, finish) is computed from its
definition in docs/plan.md.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import Span, clashes_pair, spans
from ietfplan.plan.optimise import candidates, solve

BASE = datetime(2030, 3, 4, 0, 0, tzinfo=timezone.utc)
ZONES = ("UTC", "Asia/Tokyo", "America/Montreal")


def score(spans: Sequence[Span], weights: dict[str, int]) -> tuple[int, int, int, float]:
    """(weight, sessions, -room changes, -finish): larger is better."""
    ordered = sorted(spans, key=lambda sp: sp.start)
    changes = sum(1 for a, b in pairwise(ordered)
                  if a.session.date == b.session.date and a.session.room and b.session.room
                  and a.session.room != b.session.room)
    finish = max((sp.end if sp.end is not None and sp.end > sp.start else sp.start
                  for sp in spans), default=None)
    return (sum(weights[g] for g in {sp.session.group for sp in spans}), len(spans), -changes,
            -finish.timestamp() if finish else float("inf"))


def brute_best(spans: Sequence[Span], weights: dict[str, int], must: str = ""
               ) -> tuple[int, int, int, float]:
    """The best score over every clash-free subset (that contains session ``must``)."""
    best = (-1, -1, 0, 0.0)

    def extend(i: int, chosen: list[Span]) -> None:
        nonlocal best
        if i == len(spans):
            if not must or any(sp.session.id == must for sp in chosen):
                best = max(best, score(chosen, weights))
            return
        extend(i + 1, chosen)
        if all(not clashes_pair(spans[i], c) for c in chosen):
            extend(i + 1, [*chosen, spans[i]])

    extend(0, [])
    return best


def in_night_oracle(start: datetime, end: datetime | None, zone: str, awake: tuple[int, int]
                    ) -> bool:
    """Whether a minute of [start, end) (or the minute ``start``) is outside the awake hours."""
    tz = ZoneInfo(zone)
    minutes = [start] if end is None or end <= start else [
        start + timedelta(minutes=k) for k in range(int((end - start).total_seconds() // 60))]
    lo, hi = awake
    for t in minutes:
        local = t.astimezone(tz)
        m = local.hour * 60 + local.minute
        if not lo <= m < hi:
            return True
    return False


@st.composite
def meetings(draw: st.DrawFn) -> tuple[Meeting, dict[str, int], tuple[str, tuple[int, int]] | None]:
    n = draw(st.integers(0, 14))
    groups = [f"g{k}" for k in range(draw(st.integers(1, 7)))]
    sessions = []
    for k in range(n):
        start = BASE + timedelta(minutes=30 * draw(st.integers(0, 2 * 48 - 1)))
        length = draw(st.sampled_from([None, 0, 30, 60, 90, 120, 240]))
        end = None if length is None else start + timedelta(minutes=length)
        status = "cancelled" if draw(st.integers(0, 12)) == 0 else "scheduled"
        untimed = draw(st.integers(0, 12)) == 0
        sessions.append(Session(
            meeting=1, id=f"s{k}", group=draw(st.sampled_from(groups)),
            date=start.date(), start=None if untimed else start, end=None if untimed else end,
            room=draw(st.sampled_from(["", "a", "b"])), status=status))
    duration = draw(st.sampled_from([None, timedelta(minutes=60)]))
    meeting = Meeting(number=1, city="Test", timezone="UTC", start=date(2030, 3, 4),
                      end=date(2030, 3, 6), sessions=tuple(sessions), default_duration=duration)
    weights = {g: draw(st.integers(1, 5)) for g in groups}
    awake = None
    if draw(st.booleans()):
        lo = draw(st.integers(0, 23)) * 60
        hi = draw(st.integers(lo // 60 + 1, 24)) * 60
        awake = (draw(st.sampled_from(ZONES)), (lo, hi))
    return meeting, weights, awake


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(meetings())
def test_plan_is_optimal_and_clash_free(case: tuple[Meeting, dict[str, int], tuple[str, tuple[int, int]] | None]) -> None:
    meeting, weights, awake = case
    night = zone = None
    if awake is not None:
        from datetime import time

        from ietfplan.zones import get_zone

        zone_name, (lo, hi) = awake
        zone = get_zone(zone_name)
        night = (time(hi // 60 % 24, 0), time(lo // 60, 0))
    cands = candidates(meeting, list(weights), night=night if night and night[0] != night[1] else None,
                       zone=zone)
    # what was left out, and why, against the oracle
    left = {s.id: why for s, why in cands.excluded}
    for s in meeting.sessions:
        if s.status == "cancelled":
            assert left[s.id] == "cancelled"
        elif s.start is None:
            assert left[s.id] == "time not given, not planned"
        else:
            end = s.end if s.end is not None else (
                s.start + meeting.default_duration if meeting.default_duration else None)
            dark = (awake is not None and night is not None and night[0] != night[1]
                    and in_night_oracle(s.start, end, awake[0], awake[1]))
            assert (left.get(s.id) == "in your night") == dark, (s, awake)
    plan = solve(cands.eligible, weights)
    for a, b in pairwise(plan.chosen):
        assert not clashes_pair(a, b)
    assert all(not clashes_pair(a, b) for i, a in enumerate(plan.chosen) for b in plan.chosen[i + 1:])
    assert score(plan.chosen, weights) == brute_best(cands.eligible, weights)
    assert (plan.weight, plan.sessions, -plan.room_changes) == score(plan.chosen, weights)[:3]
    shuffled = list(cands.eligible)
    random.Random(len(shuffled)).shuffle(shuffled)
    assert solve(shuffled, weights).ids == plan.ids  # the same plan whatever the input order
    if cands.eligible:  # --explain: the best plan that must take a given session
        must = cands.eligible[len(cands.eligible) // 2].session.id
        forced = solve(cands.eligible, weights, forced=(must,))
        assert must in forced.ids
        assert all(not clashes_pair(a, b) for i, a in enumerate(forced.chosen)
                   for b in forced.chosen[i + 1:])
        assert score(forced.chosen, weights) == brute_best(cands.eligible, weights, must)


def test_forced_alternative_keeps_the_forced_session() -> None:
    day = BASE + timedelta(hours=9)
    mk = lambda i, g, h: Session(1, i, g, day.date(), day + timedelta(hours=h),  # noqa: E731
                                 day + timedelta(hours=h + 1))
    sessions = [mk("a", "x", 0), mk("b", "y", 0), mk("c", "x", 2)]
    items = spans(sessions)
    best = solve(items, {"x": 1, "y": 1})
    assert set(best.ids) == {"b", "c"}
    forced = solve(items, {"x": 1, "y": 1}, forced=("a",))
    assert "a" in forced.ids and "b" not in forced.ids


def test_full_size_instances_against_brute_force() -> None:
    """Seeded instances of exactly 14 candidates on a one-day grid (many clashes, equal
    starts, touching ends, shared rooms), so the largest size is always exercised."""
    rng = random.Random(17)
    for _ in range(60):
        sessions = []
        for k in range(14):
            start = BASE + timedelta(minutes=30 * rng.randrange(16))
            length = rng.choice([None, 0, 30, 60, 90])
            sessions.append(Session(
                meeting=1, id=f"s{k}", group=f"g{rng.randrange(6)}", date=start.date(),
                start=start, end=None if length is None else start + timedelta(minutes=length),
                room=rng.choice(["", "a", "b", "c"])))
        weights = {f"g{g}": rng.randint(1, 5) for g in range(6)}
        items = spans(sessions)
        plan = solve(items, weights)
        assert all(not clashes_pair(a, b) for i, a in enumerate(plan.chosen)
                   for b in plan.chosen[i + 1:])
        assert score(plan.chosen, weights) == brute_best(items, weights)
