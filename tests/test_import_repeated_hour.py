"""Importing sessions in the hour the clocks go back: the meeting file keeps the instant.

A bare ``01:30`` in a meeting file is the first 01:30 of the night (sessionfields._instant),
so an event at the second one must be written with a label (``01:30 EST/UTC-5``); the first
is labelled too (``01:30 EDT/UTC-4``), so that loading the file warns of nothing.  The
expected instants are icalendar's reading of the same .ics and zoneinfo's wall clocks
(``fold=1`` is the second reading), never the importer's.
"""

from __future__ import annotations

import os
import re
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar

from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.load.catalog import Catalog
from ietfplan.load.meetingfile import _parse_plain, parse_meeting
from ietfplan.model import Meeting, TopicIndex

NOW = datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc)
NEW_YORK, LONDON = "America/New_York", "Europe/London"


def _event(uid: str, start: str, end: str) -> str:
    return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20240101T000000Z\r\nSUMMARY:{uid}\r\n"
            f"DTSTART{start}\r\nDTEND{end}\r\nEND:VEVENT\r\n")


def _calendar(*events: str) -> str:
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + "".join(events) + "END:VCALENDAR\r\n"


# 2024-11-03 in New York: EDT (UTC-4) until 06:00Z, then EST (UTC-5); 01:00-02:00 happens twice.
NEW_YORK_ICS = _calendar(
    # a wall-clock time with a TZID that happens twice is the first (RFC 5545 3.3.5)
    _event("first-tzid", ";TZID=America/New_York:20241103T013000", ";TZID=America/New_York:20241103T014500"),
    _event("first-z", ":20241103T053000Z", ":20241103T054500Z"),
    _event("second-z", ":20241103T063000Z", ":20241103T064500Z"),
    # 01:30 in Chicago (its first, CDT) is the second 01:30 in New York: a TZID form of it
    _event("second-tzid", ";TZID=America/Chicago:20241103T013000", ";TZID=America/Chicago:20241103T014500"),
    _event("second-seconds", ":20241103T063030Z", ":20241103T064500Z"),
    _event("span", ";TZID=America/New_York:20241103T003000", ":20241103T063000Z"),  # 00:30 EDT → 01:30 EST
)
# 2024-10-27 in London: BST (UTC+1) until 01:00Z, then GMT; 01:00-02:00 happens twice.
LONDON_ICS = _calendar(
    _event("first-z", ":20241027T003000Z", ":20241027T004500Z"),
    _event("second-z", ":20241027T013000Z", ":20241027T014500Z"),
    _event("span", ";TZID=Europe/London:20241027T003000", ":20241027T013000Z"),  # 00:30 BST → 01:30 GMT
)


def wall(text: str, zone: str, *, second: bool = False) -> datetime:
    """``2024-11-03 01:30`` in ``zone`` (the second of two readings with ``second``), in UTC."""
    naive = datetime.fromisoformat(text)
    return naive.replace(tzinfo=ZoneInfo(zone), fold=int(second)).astimezone(timezone.utc)


def run(ics: Path, out: Path, zone: str) -> ImportOutcome:
    request = ImportRequest(source=str(ics), meeting=990, output=str(out), timezone=zone)
    return import_meeting(AppContext(Folders.from_environ(os.environ), now=NOW), request)


def oracle(text: str) -> dict[str, tuple[datetime, datetime]]:
    """icalendar's (start, end) of each event, in UTC."""
    out = {}
    for event in icalendar.Calendar.from_ical(text).walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        out[str(event["UID"])] = (start.astimezone(timezone.utc), end.astimezone(timezone.utc))
    return out


def loaded(meeting: Meeting) -> dict[str, tuple[datetime, datetime]]:
    out = {}
    for session in meeting.sessions:
        uid = session.source.rsplit("(UID ", 1)[-1].rstrip(")")
        assert session.start is not None and session.end is not None, uid
        out[uid] = (session.start.astimezone(timezone.utc), session.end.astimezone(timezone.utc))
    return out


def times_written(text: str) -> dict[str, tuple[str, str]]:
    """Each session's quoted ``start:`` and ``end:`` values, by UID, as the file has them."""
    out = {}
    for block in text.split("\n  - ")[1:]:
        uid = re.search(r"\(UID ([^)]+)\)", block)
        start = re.search(r'\n    start: "([^"]*)"', block)
        end = re.search(r'\n    end: "([^"]*)"', block)
        assert uid and start and end, block
        out[uid.group(1)] = (start.group(1), end.group(1))
    return out


def _import_and_check(tmp_path: Path, ics_text: str, zone: str, topics: TopicIndex
                      ) -> tuple[dict[str, tuple[datetime, datetime]], dict[str, tuple[str, str]]]:
    ics, out = tmp_path / "agenda.ics", tmp_path / "m.yaml"
    ics.write_text(ics_text, encoding="utf-8", newline="")
    outcome = run(ics, out, zone)
    assert not [w for w in outcome.warnings if "happens twice" in w or "keeps the first" in w]
    expected = oracle(ics_text)
    assert loaded(outcome.meeting) == expected
    written = out.read_text(encoding="utf-8")
    # the file, read back by ietfplan's loader and by each of its two readers, has the same instants
    reread = Catalog(user_dir=None).load_file(str(out))
    assert loaded(reread) == expected
    assert not [w for w in reread.warnings if "happens twice" in w]
    slow = parse_meeting(written, str(out), topics, fast=False)
    fast = _parse_plain(written, str(out), topics)
    assert fast is not None, "the fast reader gave up on a file `ietfplan import` wrote"
    assert loaded(slow) == loaded(fast) == expected
    # updating from the unchanged source changes nothing
    again = run(ics, out, zone)
    assert again.report.changes == [] and not again.written
    assert out.read_text(encoding="utf-8") == written
    return expected, times_written(written)


def test_new_york_first_and_second_0130(tmp_path: Path, topics: TopicIndex) -> None:
    expected, written = _import_and_check(tmp_path, NEW_YORK_ICS, NEW_YORK, topics)
    day = "2024-11-03"
    first, second = wall(f"{day} 01:30", NEW_YORK), wall(f"{day} 01:30", NEW_YORK, second=True)
    assert second - first == (wall(f"{day} 01:45", NEW_YORK, second=True) - wall(f"{day} 01:45", NEW_YORK))
    assert expected["first-tzid"][0] == expected["first-z"][0] == first
    assert expected["second-tzid"][0] == expected["second-z"][0] == second
    assert expected["span"] == (wall(f"{day} 00:30", NEW_YORK), second)
    # labelled exactly where the time happens twice
    assert written == {
        "first-tzid": ("01:30 EDT/UTC-4", "01:45 EDT/UTC-4"),
        "first-z": ("01:30 EDT/UTC-4", "01:45 EDT/UTC-4"),
        "second-z": ("01:30 EST/UTC-5", "01:45 EST/UTC-5"),
        "second-tzid": ("01:30 EST/UTC-5", "01:45 EST/UTC-5"),
        "second-seconds": ("01:30:30 EST/UTC-5", "01:45 EST/UTC-5"),
        "span": ("00:30", "01:30 EST/UTC-5"),
    }


def test_london_bst_then_gmt(tmp_path: Path, topics: TopicIndex) -> None:
    expected, written = _import_and_check(tmp_path, LONDON_ICS, LONDON, topics)
    day = "2024-10-27"
    assert expected["first-z"][0] == wall(f"{day} 01:30", LONDON)
    assert expected["second-z"][0] == wall(f"{day} 01:30", LONDON, second=True)
    assert expected["span"] == (wall(f"{day} 00:30", LONDON), wall(f"{day} 01:30", LONDON, second=True))
    assert written == {
        "first-z": ("01:30 BST/UTC+1", "01:45 BST/UTC+1"),
        "second-z": ("01:30 GMT/UTC", "01:45 GMT/UTC"),
        "span": ("00:30", "01:30 GMT/UTC"),
    }


def test_ordinary_times_are_written_bare(tmp_path: Path, topics: TopicIndex) -> None:
    """The day after, and the hour before, the clocks go back: no label anywhere."""
    text = _calendar(
        _event("before", ";TZID=America/New_York:20241103T003000", ";TZID=America/New_York:20241103T005900"),
        _event("after", ":20241103T070000Z", ":20241103T080000Z"),  # 02:00-03:00 EST
        _event("monday", ";TZID=America/New_York:20241104T013000", ";TZID=America/New_York:20241104T014500"),
    )
    _, written = _import_and_check(tmp_path, text, NEW_YORK, topics)
    assert written == {"before": ("00:30", "00:59"), "after": ("02:00", "03:00"), "monday": ("01:30", "01:45")}
