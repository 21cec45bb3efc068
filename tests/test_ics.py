"""The .ics builder: every field read back with icalendar equals the model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import icalendar
import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting, Session
from ietfplan.publish.state import EventState
from ietfplan.render.ics import (
    UNTIMED_MARK,
    IcsOptions,
    calendar_bytes,
    prepare,
    session_uid,
)

FIXTURES = Path(__file__).parent / "fixtures"
DST_FIXTURE = FIXTURES / "ietf124-dst-synthetic.yaml"
NOW = datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def meetings() -> list[Meeting]:
    catalog = Catalog(user_dir=None)
    return [*catalog.meetings, catalog.load_file(str(DST_FIXTURE))]


DEFAULT = IcsOptions()


def export(meeting: Meeting, opts: IcsOptions = DEFAULT, sessions: list[Session] | None = None,
           state: EventState | None = None, now: datetime = NOW) -> bytes:
    items = prepare([(s, meeting) for s in (sessions or meeting.sessions)], opts.alarms)
    state = state or EventState(Path("/nonexistent/state.json"))
    revs = state.revise(items, now)
    return calendar_bytes(items, revs, opts, name=meeting.title, zone_name=meeting.timezone)


def events(data: bytes) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(data)
    found = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "duplicate UIDs"
    return found


@pytest.mark.parametrize("meeting", meetings(), ids=lambda m: f"ietf{m.number}")
def test_round_trip_every_field(meeting: Meeting) -> None:
    evs = events(export(meeting))
    assert len(evs) == len(meeting.sessions)
    for s in meeting.sessions:
        ev = evs[session_uid(s)]
        extra = f", {UNTIMED_MARK}" if s.start is None else ""
        assert str(ev["SUMMARY"]) == f"{s.title} (IETF {s.meeting}{extra})"
        if s.start is None:
            assert ev.decoded("DTSTART") == s.date
            assert ev.decoded("DTEND") == s.date + timedelta(days=1)
            assert str(ev["TRANSP"]) == "TRANSPARENT"
            assert "Time not given" in str(ev["DESCRIPTION"])
            assert not ev.walk("VALARM")
        else:
            start = ev.decoded("DTSTART")
            assert start.astimezone(timezone.utc) == s.start.astimezone(timezone.utc)
            if s.id == "124-hackathon-2":  # 01:30 happens twice that night: written in UTC
                assert start.utcoffset() == timedelta(0) and "TZID" not in ev["DTSTART"].params
            else:
                assert ev["DTSTART"].params["TZID"] == meeting.timezone
            assert [a.decoded("TRIGGER") for a in ev.walk("VALARM")] == [timedelta(minutes=-10)]
        if s.end is None:
            assert "DTEND" not in ev or s.start is None
            if s.start is not None:
                assert "End time not given" in str(ev["DESCRIPTION"])
        else:
            assert ev.decoded("DTEND").astimezone(timezone.utc) == s.end.astimezone(timezone.utc)
        assert ("End time estimated" in str(ev["DESCRIPTION"])) == s.end_estimated
        assert str(ev["LOCATION"]) == ", ".join(p for p in (s.room, meeting.city) if p)
        cats = ev.get("CATEGORIES")
        assert (list(cats.cats) if cats else []) == list(s.topics)
        assert str(ev["STATUS"]) == ("CANCELLED" if s.status == "cancelled" else "CONFIRMED")
        desc = str(ev["DESCRIPTION"])
        for text in (s.note, *s.drafts, *(url for _, url in s.links)):
            assert text in desc
        expected_url = s.link_map.get("agenda") or meeting.url
        assert str(ev["URL"]) == expected_url
        assert int(ev["SEQUENCE"]) == 0
        assert ev.decoded("DTSTAMP") == NOW
        assert ev.decoded("LAST-MODIFIED") == NOW


def test_calendar_header() -> None:
    m = Catalog(user_dir=None).by_number(102)
    cal = icalendar.Calendar.from_ical(export(m))
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]).startswith("-//ietfplan//")
    assert str(cal["CALSCALE"]) == "GREGORIAN"
    assert str(cal["X-WR-CALNAME"]) == "IETF 102 Montreal"
    assert str(cal["X-WR-TIMEZONE"]) == "America/Montreal"


def _offset_at(vtz: icalendar.Timezone, instant: datetime) -> timedelta:
    """The UTC offset a VTIMEZONE gives at ``instant``, read the way RFC 5545 3.6.5 says:
    an observance starts at DTSTART local time in its TZOFFSETFROM."""
    onsets = []
    for sub in vtz.subcomponents:
        frm = sub.decoded("TZOFFSETFROM")
        onset = sub.decoded("DTSTART").replace(tzinfo=timezone.utc) - frm
        onsets.append((onset, sub.decoded("TZOFFSETTO")))
    onsets.sort()
    assert onsets[0][0] <= instant, f"{instant} is before the VTIMEZONE starts"
    return [to for onset, to in onsets if onset <= instant][-1]


@pytest.mark.parametrize("zone_name", ["America/Montreal", "Europe/London", "Asia/Tokyo",
                                       "Australia/Lord_Howe"])
def test_vtimezone_matches_pytz_every_15_minutes(zone_name: str) -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    zone = pytz.timezone(zone_name)
    cal = icalendar.Calendar.from_ical(export(m, IcsOptions(zone=zone)))
    (vtz,) = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == zone_name
    t = datetime(2025, 11, 1, 0, 0, tzinfo=timezone.utc)
    while t < datetime(2025, 11, 8, tzinfo=timezone.utc):
        assert _offset_at(vtz, t) == t.astimezone(zone).utcoffset(), t
        t += timedelta(minutes=15)


def test_dst_week_has_both_halves() -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    raw = export(m).decode()
    (vtz,) = icalendar.Calendar.from_ical(raw).walk("VTIMEZONE")
    daylight, standard = vtz.walk("DAYLIGHT"), vtz.walk("STANDARD")
    assert daylight and standard
    # the change: 02:00 EDT (local time before the change) → EST
    change = [(str(o["TZNAME"]), o.decoded("TZOFFSETFROM"), o.decoded("TZOFFSETTO"))
              for o in standard if o.decoded("DTSTART") == datetime(2025, 11, 2, 2, 0)]
    assert change == [("EST", timedelta(hours=-4), timedelta(hours=-5))]
    evs = events(raw.encode())
    before = evs["ietf124-hackathon-1@ietfplan"].decoded("DTSTART")
    after = evs["ietf124-hackathon-3@ietfplan"].decoded("DTSTART")
    assert (before.hour, before.utcoffset()) == (9, timedelta(hours=-4))
    assert (after.hour, after.utcoffset()) == (9, timedelta(hours=-5))
    owl = evs["ietf124-hackathon-2@ietfplan"].decoded("DTSTART")  # in the repeated hour
    assert owl == datetime(2025, 11, 2, 5, 30, tzinfo=timezone.utc)
    assert b"DTSTART:20251102T053000Z" in raw.encode()


def test_tz_option_writes_that_zone_and_same_instants() -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    tokyo = pytz.timezone("Asia/Tokyo")
    raw = export(m, IcsOptions(zone=tokyo))
    cal = icalendar.Calendar.from_ical(raw)
    assert [str(v["TZID"]) for v in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    six = events(raw)["ietf124-6man-1@ietfplan"]
    assert b"DTSTART;TZID=Asia/Tokyo:20251104T030000" in raw  # 13:00 EST Mon = 03:00 JST Tue
    assert six.decoded("DTSTART").astimezone(timezone.utc) == datetime(2025, 11, 3, 18, 0,
                                                                        tzinfo=timezone.utc)


def test_utc_option() -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    raw = export(m, IcsOptions(utc=True))
    assert b"VTIMEZONE" not in raw and b"TZID=" not in raw
    assert b"DTSTART:20251106T043000Z" in raw  # LPWAN 23:30 EST Wed = 04:30 UTC Thu
    assert b"DTSTART;VALUE=DATE:20251104" in raw  # untimed stays on its own day


def test_text_with_special_characters_survives_exactly() -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    name = "Commas, semi;colons\\back\\slashes\nand a newline — Ünïcødé 日本語 " + "long " * 30
    s = replace(m.sessions[0], name=name, note="x\x1b[31mred\u202e")
    raw = export(m, sessions=[s])
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # folded on character boundaries
    ev = events(raw)[session_uid(s)]
    assert str(ev["SUMMARY"]) == f"HACKATHON — {name} (IETF 124)"
    dnsop = events(export(m))["ietf124-dnsop-1@ietfplan"]
    assert str(dnsop["LOCATION"]) == "Salle 2, niveau 3; aile \\ nord — Montréal, Montreal"
    assert "commas, semicolons; backslash \\ and\na second line — «ünïcødé» 日本語 émoji 🙂." in str(
        dnsop["DESCRIPTION"])
    # terminal escapes and bidi overrides are made visible, not passed to calendar programs
    assert "x\\x1b[31mred\\u202e" in str(ev["DESCRIPTION"])
    assert b"\x1b" not in raw


def test_alarms_repeatable_and_none() -> None:
    m = Catalog(user_dir=None).by_number(102)
    two = events(export(m, IcsOptions(alarms=(timedelta(minutes=5), timedelta(hours=1)))))
    dmm = two["ietf102-dmm-1@ietfplan"]
    alarms = dmm.walk("VALARM")
    assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(minutes=-5), timedelta(hours=-1)]
    assert {str(a["ACTION"]) for a in alarms} == {"DISPLAY"}
    assert str(alarms[0]["DESCRIPTION"]) == str(dmm["SUMMARY"])
    none = events(export(m, IcsOptions(alarms=())))
    assert all(not ev.walk("VALARM") for ev in none.values())


def test_uid_stable_and_file_name_safe() -> None:
    m = Catalog(user_dir=None).by_number(102)
    s = m.sessions_of("dmm")[0]
    assert session_uid(s) == "ietf102-dmm-1@ietfplan"
    assert session_uid(replace(s, room="Elsewhere", start=s.start)) == session_uid(s)
    odd = replace(s, id="weird/../id here")
    odd2 = replace(s, id="weird_.._id_here")
    assert "/" not in session_uid(odd) and " " not in session_uid(odd)
    assert session_uid(odd) != session_uid(odd2)


def test_change_bumps_sequence_and_last_modified(tmp_path: Path) -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    state = EventState(tmp_path / "state.json")
    first = export(m, state=state)
    state.save()
    state = EventState.load(tmp_path / "state.json")
    later = NOW + timedelta(days=3)
    assert export(m, state=state, now=later) == first  # nothing changed: identical bytes
    moved = [replace(s, room="Salle Z") if s.group == "dnsop" else s for s in m.sessions]
    evs = events(export(m, sessions=moved, state=state, now=later))
    dnsop = evs["ietf124-dnsop-1@ietfplan"]
    assert int(dnsop["SEQUENCE"]) == 1
    assert dnsop.decoded("LAST-MODIFIED") == later
    assert str(dnsop["LOCATION"]) == "Salle Z, Montreal"
    other = evs["ietf124-6man-1@ietfplan"]
    assert (int(other["SEQUENCE"]), other.decoded("LAST-MODIFIED")) == (0, NOW)
    # a zone choice is not a change of content
    evs = events(export(m, IcsOptions(zone=pytz.utc), sessions=moved, state=state, now=later))
    assert int(evs["ietf124-dnsop-1@ietfplan"]["SEQUENCE"]) == 1


def test_cancelled_and_all_day_dates() -> None:
    m = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
    evs = events(export(m))
    assert str(evs["ietf124-lpwan-1@ietfplan"]["STATUS"]) == "CANCELLED"
    tls = evs["ietf124-tls-1@ietfplan"]
    assert tls.decoded("DTSTART") == date(2025, 11, 4)
    assert "TZID" not in tls["DTSTART"].params


@settings(max_examples=150, deadline=None)
@given(st.text(st.one_of(st.characters(blacklist_categories=("Cs", "Cc", "Cf")),
                         st.sampled_from([",", ";", "\\", "\n", ":", '"'])), min_size=1, max_size=200))
def test_any_printable_name_round_trips_exactly(name: str) -> None:
    m = _FIXTURE_MEETING
    s = replace(m.sessions[3], name=name, room=name, note=name)
    raw = export(m, sessions=[s])
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    ev = events(raw)[session_uid(s)]
    assert str(ev["SUMMARY"]) == f"DNSOP — {name} (IETF 124)"
    assert str(ev["LOCATION"]) == f"{name}, Montreal"
    assert f"Note: {name}\n" in str(ev["DESCRIPTION"])


_FIXTURE_MEETING = Catalog(user_dir=None).load_file(str(DST_FIXTURE))
