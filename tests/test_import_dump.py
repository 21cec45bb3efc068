"""Meeting → YAML text → the same meeting; DST and midnight when building sessions."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.load.catalog import Catalog
from ietfplan.load.dump import dump_meeting
from ietfplan.load.meetingfile import parse_meeting
from ietfplan.model import Meeting, Session, session_sort_key
from import_helpers import DT, ISOC, by_group, local, run

Z = pytz.timezone("America/Montreal")


def same(a: Meeting, b: Meeting) -> None:
    assert [replace(s, line=0) for s in a.sessions] == [replace(s, line=0) for s in b.sessions]
    assert replace(a, sessions=(), path="", warnings=()) == replace(b, sessions=(), path="", warnings=())


def test_bundled_meetings_round_trip(topics):
    for m in Catalog(user_dir=None).meetings:
        same(m, parse_meeting(dump_meeting(m, "a comment\nover two lines"), "x.yaml", topics))


def test_default_duration_round_trips(topics):
    m = Catalog(user_dir=None).meetings[0]
    m = replace(m, default_duration=timedelta(hours=1, minutes=30))
    again = parse_meeting(dump_meeting(m), "x.yaml", topics)
    assert again.default_duration == timedelta(hours=1, minutes=30)
    assert any(s.end_estimated for s in again.sessions)
    same(parse_meeting(dump_meeting(again), "x.yaml", topics), again)


_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30).map(str.strip)
# Links with a line break or control character are refused on import and on load (they
# would be written raw into .ics files): any other link text round-trips.
_link = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(name=_text, room=_text, note=_text, source=_text, link=_link)
def test_any_text_round_trips(topics, name, room, note, source, link):
    s = Session(meeting=102, id="102-x-1", group="x", date=date(2018, 7, 17),
                start=Z.localize(datetime(2018, 7, 17, 9, 30)), end=Z.localize(datetime(2018, 7, 17, 12)),
                name=name, room=room, note=note, source=source, links=(("agenda", link or "u"),),
                kind="break", status="tentative",
                topics=topics.classify("x", name))  # a name like "IPv6 ..." has a topic on load
    m = Meeting(102, "Montréal: \"Québec\"", "America/Montreal", date(2018, 7, 14), date(2018, 7, 20), (s,))
    again = parse_meeting(dump_meeting(m), "x.yaml", topics)
    same(m, again)


def test_yaml_lookalikes_stay_text(topics):
    tricky = ["no", "yes", "09:30", "1e3", "~", "null", "- a", "a: b", "#x", "&a", "*a", "!!int 3",
              "'q'", '"q"', "tab\there", "line\nbreak", "\x1b[31mred", "\u202eevil", "\x85nel", "\u2028"]
    sessions = tuple(Session(meeting=102, id=f"102-x-{i}", group="x", date=date(2018, 7, 17), name=t.strip(),
                             room=t.strip(), note=t.strip()) for i, t in enumerate(tricky, 1))
    sessions = tuple(sorted(sessions, key=session_sort_key))
    m = Meeting(102, "Montreal", "America/Montreal", date(2018, 7, 14), date(2018, 7, 20), sessions)
    same(m, parse_meeting(dump_meeting(m), "x.yaml", topics))


@pytest.mark.parametrize("source", [
    DT / "ietf102-agenda.json", DT / "ietf102-agenda-v2.json", DT / "ietf102-agenda.csv",
    DT / "ietf102-agenda-utc.csv", DT / "ietf102-agenda.ics", ISOC / "ietf102-hot-topics.txt",
    ISOC / "ietf102-week.txt"], ids=lambda p: p.name)
def test_the_written_file_loads_as_the_imported_meeting(tmp_path, source):
    out = run(source, output=str(tmp_path / "m.yaml"))
    loaded = Catalog().load_file(str(out.path))
    same(out.meeting, loaded)
    assert loaded.path == out.meeting.path and not loaded.warnings
    assert any(s.topics for s in loaded.sessions)  # topics come from data/topics.yaml, as for any file


def _json(sessions: list[tuple[str, str, str]]) -> str:
    """An agenda.json (meeting 150) with (acronym, UTC start, duration) sessions."""
    objs = [{"objtype": "session", "id": i, "group": {"acronym": a, "name": a.upper(), "type": "wg"},
             "name": a.upper(), "start": start, "duration": dur, "location": "R", "status": "sched"}
            for i, (a, start, dur) in enumerate(sessions, 1)]
    return json.dumps({"150": objs}, indent=2)


def test_dst_change_and_midnight(tmp_path):
    """America/Montreal goes from EDT to EST at 02:00 on Sunday 4 November 2018."""
    src = tmp_path / "agenda.json"
    src.write_text(_json([
        ("sat", "2018-11-03T17:00:00Z", "1:00:00"),   # 13:00 EDT
        ("mon", "2018-11-05T18:00:00Z", "1:00:00"),   # 13:00 EST
        ("late", "2018-11-03T03:30:00Z", "1:30:00"),  # 23:30 EDT on Friday 2nd, ends 01:00 Saturday
        ("fold", "2018-11-04T06:30:00Z", "0:30:00"),  # 01:30 EST, the second 01:30 that night
    ]), encoding="utf-8")
    out = run(src, output=str(tmp_path / "m.yaml"), timezone="America/Montreal")
    g = by_group(out.meeting)
    assert local(g["sat"][0]) == "2018-11-03 13:00-14:00" and g["sat"][0].start.utcoffset() == timedelta(hours=-4)
    assert local(g["mon"][0]) == "2018-11-05 13:00-14:00" and g["mon"][0].start.utcoffset() == timedelta(hours=-5)
    late = g["late"][0]
    assert late.date == date(2018, 11, 2) and late.end is None and late.note == "ends 01:00 on 2018-11-03"
    fold = g["fold"][0]  # the second 01:30 stays the second: the file labels it
    assert fold.start == datetime(2018, 11, 4, 6, 30, tzinfo=timezone.utc)
    assert f"{fold.start:%H:%M %Z}" == "01:30 EST"
    assert not any("happens twice" in w for w in out.warnings)
    assert 'start: "01:30 EST/UTC-5"' in (tmp_path / "m.yaml").read_text(encoding="utf-8")
    assert out.meeting.start == date(2018, 11, 2) and out.meeting.end == date(2018, 11, 5)
    # what was written is what is loaded
    same(out.meeting, Catalog().load_file(str(tmp_path / "m.yaml")))
