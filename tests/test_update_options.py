"""`ietfplan update` imports with the options the import was given (recorded in the meeting
file's note): a calendar's window, --from, --timezone, --merge ...; a file of an older
ietfplan, which recorded none, updates as before.

Expected sessions are worked out from the source files here (dates by brute force over
the window, times with zoneinfo), never taken from the importer.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from dtserver import FIXTURES as DT_FIXTURES
from dtserver import Datatracker, fixture_records
from ietfplan.cli import app
from import_helpers import DT, FIXTURES
from tests.conftest import app_context

ICS = FIXTURES / "ics"
FIRST, LAST = date(2024, 7, 22), date(2024, 7, 26)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def meeting_file(number: int) -> Path:
    return app_context().folders.meetings / f"ietf{number}.yaml"


def agenda(number: int) -> list[dict[str, Any]]:
    r = invoke("agenda", "-m", str(number), "--json", "--kind", "all")
    assert r.exit_code == 0, r.stderr
    rows: list[dict[str, Any]] = json.loads(r.stdout)
    return rows


def weekdays(weekday: int, first: date, last: date) -> list[date]:
    """Every date of ``weekday`` (Monday 0) from ``first`` to ``last``: brute force."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)
            if (first + timedelta(days=n)).weekday() == weekday]


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    """months_long.ics (events from March to July, one repeating every Tuesday), which
    imports only inside a window."""
    path = tmp_path / "cal.ics"
    shutil.copy(ICS / "months_long.ics", path)
    return path


def test_update_of_a_calendar_keeps_its_window(calendar: Path) -> None:
    r = invoke("import", str(calendar), "-m", "990", "--from-date", FIRST.isoformat(),
               "--to-date", LAST.isoformat())
    assert r.exit_code == 0, r.stderr
    written = meeting_file(990).read_bytes()

    r = invoke("update", "990")
    assert r.exit_code == 0, r.stderr  # an update without the window refused the calendar (exit 2)
    assert "unchanged" in r.stdout and "no changes" in r.stdout
    assert ("updated with the import options recorded in the file: --from ics --meeting 990 "
            f"--from-date {FIRST} --to-date {LAST}") in r.stdout
    assert meeting_file(990).read_bytes() == written
    assert not meeting_file(990).with_name("ietf990.yaml.bak").exists()

    # The calendar gains an event every Thursday since January: the update adds those in
    # the window, none outside it.
    text = calendar.read_text(encoding="utf-8").replace("END:VCALENDAR", (
        "BEGIN:VEVENT\nUID:thursdays\nSUMMARY:Every Thursday\n"
        "DTSTART;TZID=Europe/Paris:20240104T150000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nEND:VCALENDAR"))
    calendar.write_text(text, encoding="utf-8")
    r = invoke("update", "990", "--format", "json")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["recorded_options"] == ["--from", "ics", "--meeting", "990", "--from-date",
                                          FIRST.isoformat(), "--to-date", LAST.isoformat()]
    thursdays = weekdays(3, FIRST, LAST)
    added = [c for c in report["changes"] if c["change"] == "added"]
    assert len(added) == len(thursdays) and len(report["changes"]) == len(thursdays)
    rows = [row for row in agenda(990) if row["name"] == "Every Thursday"]
    paris = ZoneInfo("Europe/Paris")
    assert sorted(datetime.fromisoformat(row["start"]) for row in rows) == [
        datetime.combine(day, datetime.min.time().replace(hour=15), paris) for day in thursdays]


def test_update_reads_a_csv_as_utc_when_the_import_was_told_so(tmp_path: Path) -> None:
    """agenda-utc.csv under a name without 'utc' is read as local time unless --from
    csv-utc says otherwise: the update must say it again."""
    source = tmp_path / "agenda.csv"
    shutil.copy(DT / "ietf102-agenda-utc.csv", source)
    r = invoke("import", str(source), "--from", "csv-utc", "--timezone", "America/Montreal")
    assert r.exit_code == 0, r.stderr
    r = invoke("update", "102")
    assert r.exit_code == 0, r.stderr
    assert "no changes" in r.stdout and "unchanged" in r.stdout
    assert "--from csv-utc --timezone America/Montreal" in r.stdout
    with source.open(encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["Acronym"] == "dmm")
    utc = datetime.strptime(row["Date"] + row["Start"], "%Y-%m-%d%H%M").replace(tzinfo=timezone.utc)
    (dmm,) = [s for s in agenda(102) if s["group"] == "dmm"]
    assert datetime.fromisoformat(dmm["start"]) == utc
    assert datetime.fromisoformat(dmm["start"]).utcoffset() == utc.astimezone(
        ZoneInfo("America/Montreal")).utcoffset()


def test_update_of_a_partial_list_merges_again(tmp_path: Path) -> None:
    post = tmp_path / "post.txt"
    post.write_text("Tuesday, 17 July 2018\n\n"
                    "  • Distributed Mobility Management (dmm) – Salon A @ 09.30-12.00 UTC-4\n",
                    encoding="utf-8")
    before = {row["id"] for row in agenda(102)}  # the bundled preview
    r = invoke("import", str(post), "-m", "102", "--merge")
    assert r.exit_code == 0, r.stderr
    r = invoke("update", "102")
    assert r.exit_code == 0, r.stderr
    assert "--merge" in r.stdout and "no changes" in r.stdout
    assert "partial list" not in r.stderr
    assert {row["id"] for row in agenda(102)} == before


def test_a_file_of_an_older_ietfplan_updates_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Its note records no options: the update asks in the meeting's zone, as it did, and
    the file it writes records the options it used."""
    agenda_file = DT_FIXTURES / "ietf125-agenda.json"
    with Datatracker({125: agenda_file}, fixture_records()) as server:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", server.url)
        assert invoke("import", "125").exit_code == 0
        path = meeting_file(125)
        text = path.read_text(encoding="utf-8")
        url = f"{server.url}/meeting/125/agenda.json"
        old_note = f'note: "Imported from {url} (Datatracker agenda.json) by ietfplan import."'
        text, count = re.subn(r'note: "Imported from .*"', old_note, text)
        assert count == 1
        path.write_text(text, encoding="utf-8")
        zone = re.search(r'timezone: "([^"]+)"', text)
        assert zone is not None

        r = invoke("update", "125", "--format", "json")
        assert r.exit_code == 0, r.stderr
        report = json.loads(r.stdout)
        assert report["recorded_options"] is None and report["changes"] == []
        assert (f'options: --from json --meeting 125 --timezone {zone.group(1)}."'
                in path.read_text(encoding="utf-8"))  # what it used, for the next update

        path.write_text(text, encoding="utf-8")
        r = invoke("update", "125")
        assert r.exit_code == 0, r.stderr
        assert "no changes" in r.stdout
        assert (f"updated in the meeting's zone, --timezone {zone.group(1)} (the file, written by an "
                "older ietfplan, records no import options)") in r.stdout


def test_recorded_options_that_cannot_be_read_are_a_clear_error(calendar: Path) -> None:
    r = invoke("import", str(calendar), "-m", "990", "--from-date", FIRST.isoformat(),
               "--to-date", LAST.isoformat())
    assert r.exit_code == 0, r.stderr
    path = meeting_file(990)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("--from-date", "--form-date"), encoding="utf-8")
    r = invoke("update", "990")
    assert r.exit_code == 2
    assert str(path) in r.stderr and "'--form-date'" in r.stderr and "--from-date" in r.stderr
    assert "Traceback" not in r.stderr
    path.write_text(text.replace(f"--to-date {LAST}", "--to-date 26/07/2024"), encoding="utf-8")
    r = invoke("update", "990")
    assert r.exit_code == 2 and "not a date (YYYY-MM-DD)" in r.stderr
