"""The VEVENTs written directly (render/icstext.py, the writer of export and publish) read
back with icalendar as the sessions say, in every option: icalendar is the oracle for
the values (not for the bytes: its own writer's layout changes between versions)."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.load.catalog import Catalog
from ietfplan.load.meetingfile import parse_meeting
from ietfplan.model import Meeting, Session
from ietfplan.render.ics import (
    IcsEvent,
    IcsOptions,
    Revision,
    calendar_bytes,
    prepare,
)
from ietfplan.render.icstext import duration, escape, fold

FIXTURES = Path(__file__).parent / "fixtures"
BENCH = Path(__file__).resolve().parents[1] / "bench"
MODIFIED = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
OPTIONS = [
    IcsOptions(),
    IcsOptions(utc=True, alarms=()),
    IcsOptions(zone=pytz.timezone("Asia/Tokyo"), alarms=(timedelta(hours=1, minutes=30),
                                                          timedelta(days=1))),
    IcsOptions(zone=pytz.utc, alarms=(timedelta(seconds=45), timedelta(days=2, seconds=1))),
    IcsOptions(zone=pytz.timezone("Etc/GMT+5"), name="a, b; c"),
    IcsOptions(zone=pytz.timezone("Etc/UTC")),  # icalendar writes these as UTC (…Z)
    IcsOptions(zone=pytz.timezone("Africa/Abidjan")),
]


def written(sessions: list[Session], meeting: Meeting, opts: IcsOptions
            ) -> tuple[bytes, list[IcsEvent], dict[str, Revision]]:
    items = prepare([(s, meeting) for s in sessions], opts.alarms)
    revisions = {i.uid: Revision(n % 4, MODIFIED) for n, i in enumerate(items)}
    data = calendar_bytes(items, revisions, opts, name=opts.name or meeting.title,
                          zone_name=meeting.timezone)
    return data, items, revisions


def ambiguous(instant: datetime, zone_name: str) -> bool:
    """The wall-clock time of ``instant`` in the zone happens twice (clocks going back)."""
    zone = pytz.timezone(zone_name)
    wall = instant.astimezone(zone).replace(tzinfo=None)
    return zone.localize(wall, is_dst=True).utcoffset() != zone.localize(wall, is_dst=False).utcoffset()


def expected_tzid(instant: datetime, meeting: Meeting, opts: IcsOptions) -> str | None:
    """The TZID an event time should carry; None for UTC (…Z)."""
    if opts.utc:
        return None
    name = str(opts.zone) if opts.zone is not None else meeting.timezone
    if name in ("UTC", "Etc/UTC") or ambiguous(instant, name):
        return None
    return name


def check_read_back(data: bytes, sessions: list[Session], meeting: Meeting, opts: IcsOptions,
                    items: list[IcsEvent], revisions: dict[str, Revision]) -> None:
    """What icalendar reads from ``data`` is what the sessions (and their items) say."""
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and all(len(line) <= 75 for line in lines), "folded at 75 octets"
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == (opts.name or meeting.title)
    zones = {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}
    events = cal.walk("VEVENT")
    assert [str(e["UID"]) for e in events] == [i.uid for i in items]
    for event, s, item in zip(events, sessions, items, strict=True):
        c, rev = item.content, revisions[item.uid]
        assert str(event["SUMMARY"]) == c["summary"] and s.group.upper() in c["summary"]
        for key in ("description", "location", "url"):
            assert str(event.get(key.upper(), "")) == c[key]
        cats = event.get("CATEGORIES")
        assert (list(cats.cats) if cats is not None else []) == list(s.topics)
        assert str(event["STATUS"]) == c["status"]
        if c.get("conference"):  # RFC 7986
            conference = event["CONFERENCE"]
            assert (str(conference), conference.params.get("LABEL")) == (
                c["conference"], c["conference_label"])
        else:
            assert "CONFERENCE" not in event
        assert event.decoded("SEQUENCE") == rev.sequence
        assert event.decoded("DTSTAMP") == rev.modified == event.decoded("LAST-MODIFIED")
        if s.start is None:
            assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (s.date, s.date + timedelta(days=1))
            assert str(event["TRANSP"]) == "TRANSPARENT" and not event.walk("VALARM")
            continue
        for key, instant in (("DTSTART", s.start), ("DTEND", s.end)):
            if instant is None:
                assert key not in event
                continue
            assert event.decoded(key) == instant  # the same instant
            tzid = event[key].params.get("TZID")
            assert tzid == expected_tzid(instant, meeting, opts)
            assert tzid is None or tzid in zones
            if tzid is None:
                assert event.decoded(key).utcoffset() == timedelta(0)
        alarms = [(str(a["ACTION"]), a.decoded("TRIGGER"), str(a["DESCRIPTION"]))
                  for a in event.walk("VALARM")]
        assert alarms == [("DISPLAY", -a, c["summary"]) for a in opts.alarms]


def meetings() -> list[Meeting]:
    catalog = Catalog(user_dir=None)
    sys.path.insert(0, str(BENCH))
    try:
        from gen_meeting import generate
    finally:
        sys.path.remove(str(BENCH))
    big = parse_meeting(generate(300, days=7), "big.yaml", catalog.topics)
    return [*catalog.meetings, catalog.load_file(str(FIXTURES / "ietf124-dst-synthetic.yaml")), big]


@pytest.mark.parametrize("opts", OPTIONS, ids=["default", "utc", "tokyo", "pytz-utc", "gmt+5",
                                                "etc-utc", "abidjan"])
@pytest.mark.parametrize("meeting", meetings(), ids=lambda m: f"ietf{m.number}")
def test_icalendar_reads_back_what_the_sessions_say(meeting: Meeting, opts: IcsOptions) -> None:
    sessions = list(meeting.sessions)
    data, items, revisions = written(sessions, meeting, opts)
    check_read_back(data, sessions, meeting, opts, items, revisions)


TEXT = st.text(st.sampled_from([*"ab ,;:\\^\"\n\r\t", "é", "€", "日", "\U0001f600", "\u202e"]),
               max_size=200)


@settings(max_examples=150, deadline=None)
@given(name=TEXT, note=TEXT, room=TEXT, url=st.sampled_from(["", "https://x.example/a,b;c"]))
def test_any_text_reads_back_the_same(name: str, note: str, room: str, url: str) -> None:
    meeting = Catalog(user_dir=None).by_number(102)
    s = replace(meeting.sessions[0], name=name, note=note, room=room,
                links=(("agenda", url), ("materials", url), ("remote", url)) if url else ())
    for opts in OPTIONS[:2]:
        sessions = [s, replace(s, start=None, end=None, id="x")]
        data, items, revisions = written(sessions, meeting, opts)
        check_read_back(data, sessions, meeting, opts, items, revisions)


def test_a_backslash_n_stays_a_backslash_n() -> None:
    """icalendar would turn a literal \\N into a line break; we keep the text."""
    meeting = Catalog(user_dir=None).by_number(102)
    s = replace(meeting.sessions[0], note="C:\\New folder")
    data, _, _ = written([s], meeting, IcsOptions())
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert "Note: C:\\New folder" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(("text", "expect"), [
    ("a,b;c\\d\ne", "a\\,b\\;c\\\\d\\ne"), ("x\r\ny\rz", "x\\ny\\nz"), ("", "")])
def test_escape(text: str, expect: str) -> None:
    assert escape(text) == expect


def test_fold_keeps_pieces_under_75_octets_and_escapes_whole() -> None:
    line = "DESCRIPTION:" + "é" * 30 + "\\n" + "x" * 100
    pieces = fold(line).split("\r\n ")
    assert "".join(pieces) == line
    assert all(len(p.encode()) < 75 for p in pieces)
    assert not any(p.endswith("\\") for p in pieces[:-1])


@pytest.mark.parametrize(("td", "expect"), [
    (-timedelta(minutes=10), "-PT10M"), (-timedelta(hours=1, minutes=30), "-PT1H30M"),
    (-timedelta(days=1), "-P1D"), (-timedelta(days=1, hours=2), "-P1DT2H"),
    (-timedelta(hours=1, seconds=5), "-PT1H0M5S"), (timedelta(0), "P0D")])
def test_duration(td: timedelta, expect: str) -> None:
    assert duration(td) == expect
