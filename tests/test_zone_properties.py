"""Property tests: display zones never change the instant, round-trip, or the order."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone, tzinfo

import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.model import Meeting, Session, session_sort_key
from ietfplan.plan.query import Listing
from ietfplan.render.fields import session_fields
from ietfplan.render.jsonout import listing_objects
from ietfplan.zones import DEFAULT_NIGHT, get_zone, in_night, localize, to_zone

ZONES = st.sampled_from(pytz.all_timezones)
INSTANTS = st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=timezone.utc))
FAST = settings(max_examples=1000, deadline=None)  # the file runs in a few seconds


@FAST
@given(meeting_zone=ZONES, target=ZONES, instant=INSTANTS)
def test_meeting_zone_to_target_and_back_is_identity(meeting_zone: str, target: str,
                                                     instant: datetime) -> None:
    mz, tz = get_zone(meeting_zone), get_zone(target)
    start = to_zone(instant, mz)
    there = to_zone(start, tz)
    back = to_zone(there, mz)
    assert back == start == instant
    assert (back.utcoffset(), back.tzname()) == (start.utcoffset(), start.tzname())
    # the wall clock shown there, localized again in that zone, is the same instant
    # (except in a DST fold, where localize takes the first of the two)
    again, warning = localize(there.replace(tzinfo=None), tz)
    assert again == there or "twice" in warning


def _meeting(zone: str, starts: list[datetime]) -> Meeting:
    mz = get_zone(zone)
    sessions = []
    for i, s in enumerate(starts):
        local = to_zone(s, mz)
        sessions.append(Session(meeting=900, id=f"900-g-{i}", group="g", date=local.date(),
                                start=local, end=local + timedelta(minutes=90)))
    days = [s.date for s in sessions] or [date(2020, 1, 1)]
    return Meeting(900, "Test", zone, min(days), max(days), tuple(sessions))


@FAST
@given(meeting_zone=ZONES, display=ZONES, instant=INSTANTS)
def test_utc_instant_never_changes_with_display_zone(meeting_zone: str, display: str,
                                                     instant: datetime) -> None:
    m = _meeting(meeting_zone, [instant])
    s = m.sessions[0]
    base = session_fields(s, m, None, DEFAULT_NIGHT)
    shown = session_fields(s, m, get_zone(display), DEFAULT_NIGHT)
    assert shown["start_utc"] == base["start_utc"] == instant.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert shown["start"] == base["start"]  # the meeting's clock is not touched
    local = datetime.fromisoformat(shown["local_start"])
    assert local == instant
    assert shown["day_shift"] == (local.date() - datetime.fromisoformat(shown["start"]).date()).days
    assert abs(shown["day_shift"]) <= 1


@FAST
@given(meeting_zone=ZONES, displays=st.lists(ZONES, min_size=2, max_size=4),
       instants=st.lists(INSTANTS, min_size=2, max_size=8))
def test_sort_order_is_the_same_in_every_zone(meeting_zone: str, displays: list[str],
                                              instants: list[datetime]) -> None:
    """The listing's rows (as rendered to JSON) come in UTC order whatever the display zone."""
    m = _meeting(meeting_zone, instants)
    m = replace(m, sessions=tuple(sorted(m.sessions, key=session_sort_key)))
    by_utc = [s.id for s in sorted(m.sessions, key=lambda s: (s.start, s.group, s.id))]
    for name in displays:
        rows = listing_objects([Listing(m, list(m.sessions), zone=get_zone(name))])
        assert [r["id"] for r in rows] == by_utc
        shown = [datetime.fromisoformat(r["local_start"]) for r in rows]
        assert shown == sorted(shown)


@FAST
@given(zone=ZONES, instant=INSTANTS)
def test_night_flag_depends_only_on_the_local_wall_clock(zone: str, instant: datetime) -> None:
    z = get_zone(zone)
    local = to_zone(instant, z)
    expected = local.hour >= 23 or local.hour < 7
    assert in_night(instant, None, z, ((local.min.time().replace(hour=23)),
                                       local.min.time().replace(hour=7))) is expected


def test_every_zone_round_trips_around_dst_changes() -> None:
    """Not sampled: every IANA zone, at instants around the 2025 DST changes in both hemispheres."""
    montreal = get_zone("America/Montreal")
    instants = [datetime(2025, m, d, h, 30, tzinfo=timezone.utc)
                for m, d in ((3, 9), (3, 30), (4, 6), (10, 5), (10, 26), (11, 2)) for h in range(24)]
    oracle = _zoneinfo_zones()
    for name in pytz.all_timezones:
        z = get_zone(name)
        for instant in instants:
            start = to_zone(instant, montreal)
            assert to_zone(to_zone(start, z), montreal) == start
            # an independent implementation (zoneinfo, the system's tz database) agrees
            if name in oracle:
                assert to_zone(start, z).utcoffset() == instant.astimezone(oracle[name]).utcoffset()


def _zoneinfo_zones() -> dict[str, tzinfo]:
    """The zones whose 2025 rules zoneinfo and pytz both know (tz database versions differ)."""
    import zoneinfo

    out: dict[str, tzinfo] = {}
    for name in ("America/Montreal", "America/New_York", "Europe/London", "Europe/Paris",
                 "Australia/Sydney", "Pacific/Auckland", "Asia/Tokyo", "America/Sao_Paulo",
                 "Asia/Kolkata", "America/Los_Angeles", "Pacific/Honolulu"):
        try:
            out[name] = zoneinfo.ZoneInfo(name)
        except zoneinfo.ZoneInfoNotFoundError:
            continue
    return out
