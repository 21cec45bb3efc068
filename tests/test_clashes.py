from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from clashdata import meeting, session
from ietfplan.load.catalog import Catalog
from ietfplan.model import Session, session_sort_key
from ietfplan.plan.clashes import (
    brute_force_pairs,
    clash_map,
    clash_pairs,
    find_clashes,
    has_clash,
    report,
    spans,
)  # fmt: skip

DAY = date(2030, 7, 22)


def groups_of(m_number: int) -> list[tuple[str, list[str]]]:
    m = Catalog(user_dir=None).by_number(m_number)
    return [(f"{c.start:%a %H:%M}", c.groups) for c in find_clashes(m, m.sessions)]


def test_seed_clashes_ietf102() -> None:
    assert groups_of(102) == [("Tue 09:30", ["6man", "dmm"]), ("Wed 09:30", ["dnsop", "suit"])]


def test_seed_clashes_ietf101() -> None:
    assert groups_of(101) == [
        ("Wed 09:30", ["lpwan", "tls"]),
        ("Thu 13:30", ["6lo", "doh"]),
        ("Fri 09:30", ["homenet", "roll"]),
    ]


def test_seed_alternatives() -> None:
    m101 = Catalog(user_dir=None).by_number(101)
    fri = find_clashes(m101, m101.sessions)[-1]
    assert [s.id for s in fri.alternatives["roll"]] == ["101-roll-1"]
    assert fri.alternatives["homenet"] == []
    m102 = Catalog(user_dir=None).by_number(102)
    wed = find_clashes(m102, m102.sessions)[1]
    second = wed.alternatives["dnsop"]
    assert [s.id for s in second] == ["102-dnsop-2"] and second[0].start is None
    tue = find_clashes(m102, m102.sessions)[0]
    assert tue.overlap_minutes is None and not tue.estimated  # 6MAN has no end: unknown


def test_untimed_sessions_never_clash() -> None:
    m = Catalog(user_dir=None).by_number(102)
    monday = [s for s in m.sessions if s.date == date(2018, 7, 16)]
    assert len(monday) == 3 and find_clashes(m, monday) == []
    rep = report(m, monday)
    assert {s.group for s in rep.unchecked} == {"tls", "sidrops"}


def test_overlap_minutes_and_window() -> None:
    a = session("aaa", 1, DAY, "09:00", "11:00")
    b = session("bbb", 1, DAY, "10:15", "12:00")
    [c] = find_clashes(meeting([a, b]), [a, b])
    assert c.overlap_minutes == 45 and not c.estimated
    assert f"{c.start:%H:%M}" == "10:15" and c.end is not None and f"{c.end:%H:%M}" == "11:00"


def test_touching_is_not_a_clash_but_one_minute_is() -> None:
    a = session("aaa", 1, DAY, "09:00", "10:00")
    b = session("bbb", 1, DAY, "10:00", "11:00")
    c = session("ccc", 1, DAY, "09:59", "10:30")
    assert find_clashes(meeting([a, b]), [a, b]) == []
    assert [x.groups for x in find_clashes(meeting([a, b, c]), [a, b, c])] == [
        ["aaa", "ccc"], ["ccc", "bbb"]]


def test_start_inside_known_range_without_end() -> None:
    long = session("long", 1, DAY, "09:30", "12:00")
    inside = session("inside", 1, DAY, "11:00")
    after = session("after", 1, DAY, "12:00")
    before = session("before", 1, DAY, "09:00")  # no end: cannot know it overlaps
    m = meeting([long, inside, after, before])
    assert [c.groups for c in find_clashes(m, m.sessions)] == [["long", "inside"]]


def test_default_duration_makes_estimated_clash() -> None:
    a = session("aaa", 1, DAY, "09:00")
    b = session("bbb", 1, DAY, "10:00")
    m = meeting([a, b], default_duration=timedelta(hours=1, minutes=30))
    [c] = find_clashes(m, m.sessions)
    assert c.estimated and c.overlap_minutes == 30
    # same start with estimated ends: the clash itself is certain
    d = session("ddd", 1, DAY, "09:00")
    [c2] = find_clashes(m, [a, d])
    assert not c2.estimated and c2.overlap_minutes == 90


def test_cancelled_and_breaks_do_not_clash() -> None:
    a = session("aaa", 1, DAY, "09:00", "11:00")
    b = session("bbb", 1, DAY, "09:00", "11:00", status="cancelled")
    c = session("brk", 1, DAY, "10:00", "10:30", kind="break")
    assert find_clashes(meeting([a, b, c]), [a, b, c]) == []


def test_clash_sets_are_maximal_cliques() -> None:
    a = session("aaa", 1, DAY, "09:00", "12:00")
    b = session("bbb", 1, DAY, "09:30", "10:30")
    c = session("ccc", 1, DAY, "10:00", "11:00")
    d = session("ddd", 1, DAY, "10:45", "11:30")
    m = meeting([a, b, c, d])
    assert [x.groups for x in find_clashes(m, m.sessions)] == [
        ["aaa", "bbb", "ccc"], ["aaa", "ccc", "ddd"]]


def test_clash_across_midnight_and_dst_change() -> None:
    # Europe/London clocks go back at 02:00 BST on 27 Oct 2030, so 01:40 happens twice.
    import pytz

    lon = pytz.timezone("Europe/London")
    d0, d1 = date(2030, 10, 26), date(2030, 10, 27)
    late = Session(meeting=900, id="900-late-1", group="late", date=d0,
                   start=lon.localize(datetime(2030, 10, 26, 23, 30)),
                   end=lon.localize(datetime(2030, 10, 27, 1, 30), is_dst=False))  # 3 h long
    first = Session(meeting=900, id="900-bst-1", group="bst", date=d1,
                    start=lon.localize(datetime(2030, 10, 27, 1, 40), is_dst=True))
    second = Session(meeting=900, id="900-gmt-1", group="gmt", date=d1,
                     start=lon.localize(datetime(2030, 10, 27, 1, 40), is_dst=False))
    m = meeting([late, first, second], tz="Europe/London", start=d0, end=d1)
    [c] = find_clashes(m, m.sessions)
    # the same wall-clock time, but only the first 01:40 (00:40 UTC) is inside 'late'
    assert c.groups == ["late", "bst"]
    assert f"{c.start.astimezone(timezone.utc):%d %H:%M}" == "27 00:40"


def test_clash_map_for_agenda_rows() -> None:
    m = Catalog(user_dir=None).by_number(101)
    cm = clash_map(m, list(m.sessions))
    assert cm["101-roll-2"] == ["101-homenet-1"]
    assert cm["101-roll-1"] == []


# ---- property test: the sweep finds exactly the brute-force pairs ----

BASE = datetime(2030, 7, 22, 8, 0, tzinfo=timezone.utc)


@st.composite
def session_sets(draw: st.DrawFn) -> list[Session]:
    n = draw(st.integers(0, 25))
    out: list[Session] = []
    for i in range(n):
        start = draw(st.integers(0, 40)) * 15  # coarse grid: many identical/touching times
        length = draw(st.one_of(st.none(), st.integers(0, 12).map(lambda k: k * 15)))
        s = BASE + timedelta(minutes=start)
        e = None if length is None else s + timedelta(minutes=length)
        out.append(Session(meeting=900, id=f"900-g{i}-1", group=f"g{i}", date=s.date(),
                           start=s, end=e))
    return out


@settings(max_examples=400, deadline=None)
@given(session_sets())
def test_sweep_equals_brute_force(sessions: list[Session]) -> None:
    items = spans(sessions)
    assert clash_pairs(items) == brute_force_pairs(items)


@settings(max_examples=200, deadline=None)
@given(session_sets())
def test_every_clash_set_is_a_maximal_clique(sessions: list[Session]) -> None:
    m = meeting(sessions, start=BASE.date(), end=BASE.date() + timedelta(days=1))
    pairs = brute_force_pairs(spans(sessions))
    sets = [frozenset(s.id for s in c.sessions) for c in find_clashes(m, sessions)]
    assert len(set(sets)) == len(sets)
    all_ids = {s.id for s in sessions}
    for ids in sets:
        assert all(frozenset((a, b)) in pairs for a in ids for b in ids if a != b)
        for other in all_ids - ids:  # nothing can be added
            assert not all(frozenset((other, x)) in pairs for x in ids)


def brute_force_rows(sessions: list[Session]) -> dict[str, list[str]]:
    """Each session's partners by the pair rule, in the order of ``sessions``."""
    pairs = brute_force_pairs(spans(sessions))
    return {s.id: [o.id for o in sessions if frozenset((s.id, o.id)) in pairs] for s in sessions}


@settings(max_examples=300, deadline=None)
@given(session_sets(), st.randoms(use_true_random=False))
def test_clash_map_equals_brute_force_in_any_order(sessions: list[Session], rng: random.Random) -> None:
    m = meeting(sessions, start=BASE.date(), end=BASE.date() + timedelta(days=1))
    in_time = sorted(sessions, key=session_sort_key)
    assert clash_map(m, in_time) == brute_force_rows(in_time)
    shuffled = list(sessions)
    rng.shuffle(shuffled)
    assert clash_map(m, shuffled) == brute_force_rows(shuffled)
    assert list(clash_map(m, shuffled)) == [s.id for s in shuffled]


@settings(max_examples=300, deadline=None)
@given(session_sets())
def test_has_clash_equals_brute_force(sessions: list[Session]) -> None:
    m = meeting(sessions, start=BASE.date(), end=BASE.date() + timedelta(days=1))
    assert has_clash(m, sessions) == bool(brute_force_pairs(spans(sessions)))
