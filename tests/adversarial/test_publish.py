"""`publish` never overwrites or deletes what it has not seen, and an interrupted publish
leaves nothing behind that the next one does not know about.  Issue 14, items 2 and 8,
against a server that gives no ETags and ignores If-Match (tests/adversarial/fakedav.py)."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

import icalendar
from click.testing import CliRunner

from ietfplan.cli import app
from tests.adversarial.common import FIXTURE, edited_fixture, start
from tests.adversarial.fakedav import FakeDav

HACKATHON = "ietf124-hackathon-1@ietfplan"
SIXMAN = "ietf124-6man-1@ietfplan"


def publish(url: str, *args: str, file: Path = FIXTURE) -> tuple[int, str]:
    res = CliRunner().invoke(app, ["publish", "--url", url, "-f", str(file), *args])
    return res.exit_code, res.stderr


def fixture_uids() -> set[str]:
    cal = icalendar.Calendar.from_ical(CliRunner().invoke(
        app, ["export", "-f", str(FIXTURE), "-o", "-"]).stdout_bytes)
    return {str(ev["UID"]) for ev in cal.walk("VEVENT")}


def summary(body: bytes) -> str:
    (event,) = icalendar.Calendar.from_ical(body).walk("VEVENT")
    return str(event["SUMMARY"])


def test_without_etags_changes_still_go_through(tmp_path: Path) -> None:
    with FakeDav() as dav:
        code, err = publish(dav.url)
        assert code == 0 and "7 new" in err, err
        code, err = publish(dav.url, file=edited_fixture(tmp_path))
        assert code == 0, err
        assert "1 updated" in err and "1 removed" in err
        events = dav.by_uid()
        assert SIXMAN not in events and len(events) == 6
        (event,) = icalendar.Calendar.from_ical(events[HACKATHON]).walk("VEVENT")
        assert str(event["LOCATION"]).startswith("Salle Z")


def test_without_etags_an_edit_on_the_server_is_not_overwritten_or_deleted(tmp_path: Path) -> None:
    with FakeDav() as dav:
        assert publish(dav.url)[0] == 0
        events = dav.by_uid()
        for uid in (HACKATHON, SIXMAN):  # the user edits both on the server
            dav.put(uid, events[uid].replace(b"SUMMARY:", b"SUMMARY:MY NOTE "))
        code, err = publish(dav.url, file=edited_fixture(tmp_path))
        assert code == 1, err
        assert "changed on the server" in err and HACKATHON in err and SIXMAN in err
        events = dav.by_uid()
        assert summary(events[HACKATHON]).startswith("MY NOTE")  # not overwritten
        assert summary(events[SIXMAN]).startswith("MY NOTE")  # not deleted
        code, err = publish(dav.url, "--force", file=edited_fixture(tmp_path))
        assert code == 0, err
        events = dav.by_uid()
        assert SIXMAN not in events and not summary(events[HACKATHON]).startswith("MY NOTE")


def test_first_publish_onto_someone_elses_event_is_described_truly() -> None:
    with FakeDav() as dav:
        theirs = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//other//EN\r\nBEGIN:VEVENT\r\n"
                  b"UID:" + HACKATHON.encode() + b"\r\nDTSTAMP:20250101T000000Z\r\n"
                  b"DTSTART:20251101T133000Z\r\nSUMMARY:Their own plan\r\nEND:VEVENT\r\n"
                  b"END:VCALENDAR\r\n")
        dav.put(HACKATHON, theirs)
        code, err = publish(dav.url)
        assert code == 1, err
        assert "already on the server" in err and HACKATHON in err
        assert "changed on the server since" not in err
        assert dav.by_uid()[HACKATHON] == theirs


def test_interrupted_publish_leaves_nothing_untracked(tmp_path: Path) -> None:
    home = Path(os.environ["IETFPLAN_HOME"])
    with FakeDav(hang_after_puts=4) as dav:
        proc = start("publish", "--url", dav.url, "-f", str(FIXTURE), "--timeout", "30",
                     home=home)
        deadline = time.monotonic() + 60
        while dav.puts < 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert dav.puts == 4, proc.communicate()[1].decode()
        proc.send_signal(signal.SIGKILL)  # after the 4th upload was stored, before its answer
        proc.communicate(timeout=30)
        assert len(dav.by_uid()) == 4
        dav.hang_after_puts = None
        code, err = publish(dav.url, "--wg", "dnsop")  # now only one session
        assert code == 0, err
        assert set(dav.by_uid()) == {"ietf124-dnsop-1@ietfplan"}
        state = json.loads((home / "data" / "caldav.json").read_text(encoding="utf-8"))
        assert set(state["calendars"][dav.url]) == {"ietf124-dnsop-1@ietfplan"}
    assert len(fixture_uids()) == 7


def test_damaged_publish_state_is_a_clear_error_and_left_alone() -> None:
    home = Path(os.environ["IETFPLAN_HOME"])
    state = home / "data" / "caldav.json"
    state.parent.mkdir(parents=True)
    with FakeDav() as dav:
        damaged = json.dumps({"version": 1, "calendars": {dav.url: {HACKATHON: "oops"}}})
        state.write_text(damaged, encoding="utf-8")
        code, err = publish(dav.url)
        assert code == 2, err
        assert "damaged entry" in err and str(state) in err and "Traceback" not in err
        assert state.read_text(encoding="utf-8") == damaged
        assert dav.by_uid() == {}


def test_someone_elses_event_is_never_deleted_when_it_leaves_the_selection() -> None:
    home = Path(os.environ["IETFPLAN_HOME"])
    with FakeDav() as dav:
        theirs = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
        dav.put(HACKATHON, theirs)
        assert publish(dav.url)[0] == 1  # the conflict is reported
        code, err = publish(dav.url, "--wg", "dnsop")  # the hackathon is no longer selected
        assert code == 0, err
        assert dav.by_uid()[HACKATHON] == theirs
        assert "removed" in err and HACKATHON not in err
        state = json.loads((home / "data" / "caldav.json").read_text(encoding="utf-8"))
        assert HACKATHON not in state["calendars"][dav.url]
