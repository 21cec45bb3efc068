"""The VEVENTs written directly (render/icstext.py) are byte for byte what icalendar
writes for the same events (render/ics.py build_calendar), in every option."""

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
    IcsOptions,
    Revision,
    build_calendar,
    calendar_bytes,
    prepare,
    to_bytes,
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


def both(sessions: list[Session], meeting: Meeting, opts: IcsOptions) -> tuple[bytes, bytes]:
    items = prepare([(s, meeting) for s in sessions], opts.alarms)
    revisions = {i.uid: Revision(n % 4, MODIFIED) for n, i in enumerate(items)}
    kwargs = {"name": opts.name or meeting.title, "zone_name": meeting.timezone}
    return (calendar_bytes(items, revisions, opts, **kwargs),
            to_bytes(build_calendar(items, revisions, opts, **kwargs)))


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
def test_same_bytes_as_icalendar(meeting: Meeting, opts: IcsOptions) -> None:
    ours, theirs = both(list(meeting.sessions), meeting, opts)
    assert ours == theirs


TEXT = st.text(st.sampled_from([*"ab ,;:\\^\"\n\r\t", "é", "€", "日", "\U0001f600", "\u202e"]),
               max_size=200).filter(lambda t: "\\N" not in t)


@settings(max_examples=150, deadline=None)
@given(name=TEXT, note=TEXT, room=TEXT, url=st.sampled_from(["", "https://x.example/a,b;c"]))
def test_any_text_same_bytes_as_icalendar(name: str, note: str, room: str, url: str) -> None:
    meeting = Catalog(user_dir=None).by_number(102)
    s = replace(meeting.sessions[0], name=name, note=note, room=room,
                links=(("agenda", url), ("materials", url), ("remote", url)) if url else ())
    for opts in OPTIONS[:2]:
        ours, theirs = both([s, replace(s, start=None, end=None, id="x")], meeting, opts)
        assert ours == theirs


def test_a_backslash_n_stays_a_backslash_n() -> None:
    """icalendar would turn a literal \\N into a line break; we keep the text."""
    meeting = Catalog(user_dir=None).by_number(102)
    s = replace(meeting.sessions[0], note="C:\\New folder")
    ours, _ = both([s], meeting, IcsOptions())
    event = icalendar.Calendar.from_ical(ours).walk("VEVENT")[0]
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
