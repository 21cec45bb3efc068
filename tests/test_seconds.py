"""Seconds in start and end times survive the whole path (issue 16).

A calendar's ``DTSTART:20180719T012030Z`` imports as 01:20:30 UTC, is written to the
meeting file as ``"HH:MM:SS"`` in the meeting's zone, read back by both YAML readers,
shown in terminal tables only where a time has seconds and kept in JSON and .ics.
Expected instants come from icalendar (parsing the fixture or the corpus file) or from
zoneinfo on the wall-clock time written in the test, never from the code under test.
"""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from ietfplan import timefmt
from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.cli import app
from ietfplan.errors import DataError
from ietfplan.load.dump import dump_meeting
from ietfplan.load.meetingfile import _parse_plain, load_meeting, parse_meeting
from ietfplan.model import TopicIndex
from import_helpers import FIXTURES

ICS = FIXTURES / "ics" / "seconds.ics"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "calendars"
MONTREAL = ZoneInfo("America/Montreal")
HEAD = ("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
        "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n")


def run(source: Path, **kwargs: object) -> ImportOutcome:
    """An import in-process at the start of 2026 (the corpus has events of 2025)."""
    request = ImportRequest(source=str(source), **kwargs)  # type: ignore[arg-type]
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return import_meeting(AppContext(Folders.from_environ(os.environ), now=now), request)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


# --- the time syntax -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("09:30:15", (time(9, 30, 15), None, "")),
    ("9:30:15-10:00", (time(9, 30, 15), time(10, 0), "")),
    ("09:30-10:00:45 EDT", (time(9, 30), time(10, 0, 45), "EDT")),
    ("23:59:59 to 23:59:59 UTC-4", (time(23, 59, 59), time(23, 59, 59), "UTC-4")),
    ("09.30-12.00 UTC-4", (time(9, 30), time(12, 0), "UTC-4")),  # the other forms still work
    ("0930", (time(9, 30), None, "")),
])
def test_session_times_may_have_seconds(text: str, expected: tuple[time, time | None, str]) -> None:
    assert timefmt.parse_time_range(text, seconds=True) == expected


@pytest.mark.parametrize("text", ["09:30:61", "09:60:00", "24:00:00", "09:30:5", "09.30.15",
                                  "09:30:15:01", "093015"])
def test_impossible_seconds_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a time"):
        timefmt.parse_time_range(text, seconds=True)


def test_where_seconds_are_not_asked_for_they_are_refused_as_before() -> None:
    """Night hours and ISOC posts keep their syntax: HH:MM:SS is not a time there (`convert`
    takes seconds since they are shown everywhere: tests/test_seconds_shown.py)."""
    for text in ("09:30:15", "09:30:15-10:00"):
        with pytest.raises(ValueError, match="not a time"):
            timefmt.parse_time_range(text)
    with pytest.raises(ValueError, match="not a time"):
        timefmt.parse_clock("09:30:15")


def test_clock_text_shows_seconds_only_when_there_are_some() -> None:
    assert timefmt.clock_text(time(9, 30)) == "09:30"
    assert timefmt.clock_text(time(9, 30, 15)) == "09:30:15"
    assert timefmt.clock_text(datetime(2018, 7, 19, 1, 20, 30, 999, tzinfo=timezone.utc)) == "01:20:30"


# --- meeting files ---------------------------------------------------------------------------

SECONDS_FILE = HEAD + (
    "  - group: dmm\n    date: 2018-07-17\n    time: 09:30:15-10:00\n"
    "  - group: tls\n    date: 2018-07-17\n    start: '11:00'\n    end: 12:00:45 EDT\n"
    "  - group: suit\n    date: 2018-07-18\n    time: 09:30-10:00\n"
)


def test_a_meeting_file_with_seconds_validates_and_shows_them(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(SECONDS_FILE, encoding="utf-8")
    r = invoke("validate", str(path))
    assert r.exit_code == 0, r.output

    r = invoke("agenda", "--file", str(path), "--json")
    assert r.exit_code == 0, r.output
    got = {s["group"]: s for s in json.loads(r.stdout)}
    assert utc(got["dmm"]["start_utc"]) == datetime(2018, 7, 17, 9, 30, 15, tzinfo=MONTREAL)
    assert utc(got["dmm"]["end_utc"]) == datetime(2018, 7, 17, 10, 0, tzinfo=MONTREAL)
    assert utc(got["tls"]["end_utc"]) == datetime(2018, 7, 17, 12, 0, 45, tzinfo=MONTREAL)
    assert got["dmm"]["start"] == "2018-07-17T09:30:15-04:00"

    r = invoke("agenda", "--file", str(path))
    assert r.exit_code == 0, r.output
    rows = {group: line for line in r.stdout.splitlines() for group in ("DMM", "TLS", "SUIT")
            if f" {group} " in line}
    assert "09:30:15–10:00 EDT" in rows["DMM"]
    assert "11:00–12:00:45 EDT" in rows["TLS"]
    assert "09:30–10:00 EDT" in rows["SUIT"]  # no seconds: shown as before
    assert not re.search(r"\d\d:\d\d:00", r.stdout)  # never a ':00' of seconds nobody wrote


@pytest.mark.parametrize(("value", "words"), [
    ("09:30:61-10:00", "seconds 00-59"),
    ("09:30:15-09:30:10", "ends (09:30:10) before or when it starts (09:30:15)"),
])
def test_bad_seconds_get_a_positioned_error(value: str, words: str, tmp_path: Path) -> None:
    text = HEAD + f"  - group: dmm\n    date: 2018-07-17\n    time: {value}\n"
    lines = text.splitlines()
    line = next(i for i, row in enumerate(lines, 1) if value in row)
    column = lines[line - 1].index(value) + 1
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    r = invoke("validate", str(path))
    assert r.exit_code == 2
    assert f"bad.yaml:{line}:{column}: error:" in r.output and words in r.output
    assert "Traceback" not in r.output


def test_dump_writes_seconds_only_where_there_are_some(topics: TopicIndex) -> None:
    meeting = parse_meeting(SECONDS_FILE, "m.yaml", topics)
    text = dump_meeting(meeting)
    assert 'start: "09:30:15"' in text and 'end: "10:00"' in text and 'end: "12:00:45"' in text
    assert 'start: "09:30"' in text and ":00\"" not in text.replace('"10:00"', "").replace(
        '"11:00"', "")
    back = parse_meeting(text, "m.yaml", topics)
    assert [(s.start, s.end) for s in back.sessions] == [(s.start, s.end) for s in meeting.sessions]
    fast = _parse_plain(text, "m.yaml", topics)  # the plain layout: the fast reader takes it
    assert fast is not None and fast == parse_meeting(text, "m.yaml", topics, fast=False)


def test_a_dumped_file_without_seconds_is_unchanged(topics: TopicIndex) -> None:
    """No ':SS' where no time has seconds (the bundled meetings dump as before)."""
    bundled = Path(__file__).resolve().parents[1] / "data" / "ietf102.yaml"
    text = dump_meeting(load_meeting(str(bundled), topics))
    assert not re.search(r'"\d\d:\d\d:\d\d"', text)


# --- importing a calendar with seconds -------------------------------------------------------

def _icalendar_times(path: Path) -> dict[str, tuple[datetime, datetime | None]]:
    """UID → (start, end) as icalendar reads them; floating times in Montreal."""
    out: dict[str, tuple[datetime, datetime | None]] = {}
    for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
        start = event["DTSTART"].dt
        end = event["DTEND"].dt if "DTEND" in event else start + event["DURATION"].dt
        if start.tzinfo is None:
            start, end = start.replace(tzinfo=MONTREAL), end.replace(tzinfo=MONTREAL)
        out[str(event["UID"])] = (start, end)
    return out


def test_an_ics_import_keeps_seconds_and_agenda_json_gives_them(tmp_path: Path) -> None:
    out = tmp_path / "m.yaml"
    r = invoke("import", str(ICS), "--meeting", "990", "--timezone", "America/Montreal",
               "-o", str(out))
    assert r.exit_code == 0, r.output
    assert "has seconds" not in r.output  # no warning that they are dropped: they are not
    written = out.read_text(encoding="utf-8")
    # DTSTART:20180719T012030Z is 21:20:30 EDT the day before; whole minutes stay HH:MM
    assert 'start: "21:20:30"' in written and 'start: "09:00"' in written

    r = invoke("agenda", "--file", str(out), "--json")
    assert r.exit_code == 0, r.output
    sessions = json.loads(r.stdout)
    expected = _icalendar_times(ICS)
    got = {s["source"].rsplit("(UID ", 1)[1].rstrip(")"): s for s in sessions}
    assert set(got) == set(expected)
    for uid, (start, end) in expected.items():
        assert utc(got[uid]["start_utc"]) == start, uid
        assert got[uid]["end_utc"] is not None and utc(got[uid]["end_utc"]) == end, uid
    assert got["utc-seconds"]["start_utc"] == "2018-07-19T01:20:30Z"

    r = invoke("agenda", "--file", str(out), "--tz", "UTC")
    assert r.exit_code == 0, r.output
    (late,) = [line for line in r.stdout.splitlines() if "LATE-SIDE-MEETING" in line]
    assert "01:20:30–02:20 UTC" in late

    ics = tmp_path / "out.ics"
    r = invoke("export", "--file", str(out), "-o", str(ics))
    assert r.exit_code == 0, r.output
    exported = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    starts = {event["DTSTART"].dt.astimezone(timezone.utc) for event in exported}
    assert starts == {start.astimezone(timezone.utc) for start, _ in expected.values()}


# The two calendars of the corpus whose events start at a second other than :00 (the second
# has only UTC times, so it needs a zone, as its line in docs/importing.md's table says).
SECONDS_IN_CORPUS = [("node-ical/mixed-timezone-handling.ics", None),
                     ("icalendar/rfc_9253_examples.ics", "UTC")]


@pytest.mark.parametrize(("name", "zone_option"), SECONDS_IN_CORPUS)
def test_corpus_calendars_with_seconds_import_with_them(name: str, zone_option: str | None,
                                                        tmp_path: Path, topics: TopicIndex) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(reason=f"{path} is absent (a clone without ../shared)")
    out = tmp_path / "m.yaml"
    outcome = run(path, meeting=990, output=str(out), timezone=zone_option)
    assert not any("has seconds" in w for w in outcome.warnings), outcome.warnings
    meeting = load_meeting(str(out), topics)  # read back from the file written
    zone = ZoneInfo(meeting.timezone)
    by_uid: dict[str, datetime] = {}
    for event in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT"):
        start = event["DTSTART"].dt
        if isinstance(start, datetime):
            by_uid[str(event["UID"])] = start
    checked = 0
    for session in meeting.sessions:
        found = re.search(r"\(UID (.*)\)$", session.source)
        if session.start is None or found is None:
            continue
        start = by_uid[found.group(1)]
        if start.tzinfo is None:  # floating: the meeting's wall clock
            assert session.start.astimezone(zone).replace(tzinfo=None) == start
        else:
            assert session.start == start
        assert session.start.second == start.second != 0
        checked += 1
    assert checked >= 1


def test_a_bad_seconds_value_is_not_read_by_the_fast_reader_either(topics: TopicIndex) -> None:
    text = HEAD + "  - group: dmm\n    date: 2018-07-17\n    time: 09:30:61\n"
    with pytest.raises(DataError) as err:
        parse_meeting(text, "m.yaml", topics, fast=True)
    assert "m.yaml:10:11" in err.value.format()
