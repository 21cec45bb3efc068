"""Meeting's indexes (groups, by id, by group, by day) and what uses them: the answers of
a plain scan, in time that does not grow with the square of the meeting."""

from __future__ import annotations

import gc
import random
import sys
import time
from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.model import Meeting, Session
from ietfplan.plan.picks import Picks, add_all

BENCH = Path(__file__).resolve().parents[1] / "bench"


def meeting_of(groups: list[str], days: int = 3, ids: list[str] | None = None) -> Meeting:
    start = datetime(2030, 3, 4, 9, 0, tzinfo=timezone.utc)
    sessions = tuple(
        Session(meeting=1, id=ids[i] if ids else f"1-{g}-{i}", group=g,
                date=date(2030, 3, 4) + timedelta(days=i % days),
                start=start + timedelta(days=i % days, hours=i % 5))
        for i, g in enumerate(groups))
    return Meeting(number=1, city="X", timezone="UTC", start=date(2030, 3, 4),
                   end=date(2030, 3, 4) + timedelta(days=days - 1), sessions=sessions)


@given(st.lists(st.sampled_from(["core", "dnsop", "tls", "6man"]), max_size=30),
       st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=30))
@settings(max_examples=80, deadline=None)
def test_indexes_answer_as_a_scan_would(groups: list[str], ids: list[str]) -> None:
    n = min(len(groups), len(ids))
    m = meeting_of(groups[:n], ids=ids[:n])  # ids may repeat: the first one wins, as a scan
    assert m.groups == tuple(sorted({s.group for s in m.sessions}))
    for key in ("a", "b", "c", "d", "zz"):
        assert m.session(key) == next((s for s in m.sessions if s.id == key), None)
    for group in ("core", "DNSOP", "tls", "6man", "none"):
        assert m.sessions_of(group) == [s for s in m.sessions if s.group == group.lower()]
        assert m.has_group(group) == any(s.group == group for s in m.sessions)
    for day in m.days:
        assert m.sessions_on(day) == [s for s in m.sessions if s.date == day]


def test_indexes_are_built_once_and_not_part_of_equality() -> None:
    m = meeting_of(["core", "tls"])
    assert m.groups is m.groups
    twin = meeting_of(["core", "tls"])
    m.session("nothing")
    assert m == twin and hash(m) == hash(twin)


def add_all_one_by_one(picks: Picks, meeting: Meeting, sessions: Iterable[Session]) -> list[str]:
    """The reference: add_all as it was written before, one Picks.add call at a time."""
    chosen = list(sessions)
    ids = {s.id for s in chosen}
    added: list[str] = []
    for group in dict.fromkeys(s.group for s in chosen):
        if all(s.id in ids for s in meeting.sessions_of(group)):
            if picks.add(meeting, group):
                added.append(group)
        else:
            for s in chosen:
                if s.group == group and picks.add(meeting, s.id):
                    added.append(s.id)
    return added


@given(st.randoms(use_true_random=False))
@settings(max_examples=150, deadline=None)
def test_add_all_does_what_adding_one_by_one_does(rng: random.Random) -> None:
    m = meeting_of([rng.choice(["core", "dnsop", "tls", "6man", "quic"]) for _ in range(rng.randint(1, 25))])
    ids = [s.id for s in m.sessions]
    start = Picks(1, groups=rng.sample(list(m.groups), rng.randint(0, len(m.groups))),
                  sessions=rng.sample(ids, rng.randint(0, min(4, len(ids)))),
                  skip=rng.sample(ids, rng.randint(0, min(4, len(ids)))))
    chosen = [s for s in m.sessions if rng.random() < 0.5]
    ours = Picks(1, list(start.groups), list(start.sessions), list(start.skip))
    ref = Picks(1, list(start.groups), list(start.sessions), list(start.skip))
    assert add_all(ours, m, chosen) == add_all_one_by_one(ref, m, chosen)
    assert (ours.groups, ours.sessions, ours.skip) == (ref.groups, ref.sessions, ref.skip)


@pytest.mark.skipif(not (BENCH / "gen_meeting.py").is_file(), reason="bench/ is not beside the tests")
def test_picking_thousands_of_sessions_is_linear(topics) -> None:  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    from gen_meeting import generate

    from ietfplan.load.meetingfile import parse_meeting

    m = parse_meeting(generate(8000, days=7), "big.yaml", topics)
    chosen = [s for i, s in enumerate(m.sessions) if i % 3]  # whole groups and parts of groups
    picks = Picks(999)
    gc.disable()  # as the command line runs; CPU time, so that other processes do not count
    try:
        began = time.process_time()
        add_all(picks, m, chosen)
        took = time.process_time() - began
    finally:
        gc.enable()
    assert {s.id for s in picks.resolve(m)} == {s.id for s in chosen}
    assert picks.groups and picks.sessions
    assert took < 0.5, f"{took:.2f} s to pick {len(chosen)} sessions"  # 0.02 s here; was minutes


@given(st.lists(st.sampled_from(["core", "dnsop", "tls"]), max_size=2, unique=True),
       st.one_of(st.none(), st.integers(0, 3)), st.booleans())
@settings(max_examples=60, deadline=None)
def test_select_through_the_indexes_is_a_plain_filter(groups: list[str], day: int | None,
                                                      other_zone: bool) -> None:
    from ietfplan.plan.select import Filters, select

    m = meeting_of(["core", "dnsop", "tls", "core", "6man", "tls", "core"] * 3)
    filters = Filters(groups=tuple(groups),
                      day=None if day is None else m.start + timedelta(days=day),
                      day_zone=timezone(timedelta(hours=-11)) if other_zone else None)
    assert select(m, filters) == [s for s in m.sessions if filters.matches(s)]
