"""Importing calendars others wrote: one small fixture per rule (tests/fixtures/ics/).

Expected instants are written as wall-clock times in the zone the file names and
converted with zoneinfo here, never taken from the importer.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.errors import DataError, IetfplanError
from ietfplan.model import Session
from import_helpers import FIXTURES

ICS = FIXTURES / "ics"
NOW = datetime(2024, 7, 1, 12, 0, tzinfo=timezone.utc)  # the fixtures are of 2024


def run(source: Path, **kwargs: object) -> ImportOutcome:
    request = ImportRequest(source=str(source), **kwargs)  # type: ignore[arg-type]
    return import_meeting(AppContext(Folders.from_environ(os.environ), now=NOW), request)


def at(text: str, zone: str) -> datetime:
    """``2024-07-16 13:30`` in ``zone``, as a UTC instant."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc)


def starts(sessions: tuple[Session, ...] | list[Session]) -> list[datetime]:
    return sorted(s.start.astimezone(timezone.utc) for s in sessions if s.start is not None)


def by_uid(sessions: tuple[Session, ...]) -> dict[str, list[Session]]:
    out: dict[str, list[Session]] = {}
    for session in sessions:
        out.setdefault(session.source.rsplit("(UID ", 1)[-1].rstrip(")"), []).append(session)
    return out


def imp(name: str, tmp_path: Path, **kwargs: object) -> ImportOutcome:
    return run(ICS / name, meeting=990, output=str(tmp_path / "m.yaml"), **kwargs)


def test_a_start_given_twice_alike_imports_and_differently_is_skipped(tmp_path):
    outcome = imp("duplicate_dtstart.ics", tmp_path)
    got = by_uid(outcome.meeting.sessions)
    assert set(got) == {"same-twice", "plain"}
    assert starts(got["same-twice"]) == [at("2024-07-22 09:30", "Europe/Madrid")]
    assert outcome.problems == 1
    (skipped,) = [w for w in outcome.warnings if "differs" in w]
    assert ":11:" in skipped and "'Start given twice, differently'" in skipped and "DTSTART" in skipped


def test_windows_ids_outlook_display_names_and_old_names(tmp_path):
    outcome = imp("windows_tzids.ics", tmp_path)
    got = by_uid(outcome.meeting.sessions)
    assert starts(got["windows-id"]) == [at("2024-07-16 13:30", "America/New_York")]  # 17:30Z, not 13:30Z
    assert starts(got["outlook-label"]) == [at("2024-07-17 13:30", "America/New_York")]
    assert starts(got["old-outlook-label"]) == [at("2024-07-18 09:00", "Australia/Sydney")]
    assert starts(got["old-alias"]) == [at("2024-07-19 08:00", "America/New_York")]
    assert outcome.meeting.timezone == "America/New_York"  # 2 of 4 events (and US/Eastern is another name)
    said = "\n".join(outcome.warnings)
    assert "'(UTC-05:00) Eastern Time (US & Canada)' is read as the Windows zone" in said
    assert "'US-Eastern' is read as" in said and outcome.problems == 0


def test_an_unknown_tzid_is_a_warning_naming_it_and_strict_refuses(tmp_path):
    outcome = imp("unknown_tzid.ics", tmp_path)
    (warning,) = [w for w in outcome.warnings if "Mars/Olympus_Mons" in w]
    assert "1 event (line 9)" in warning and "wall-clock time in the meeting's zone" in warning
    assert outcome.problems == 1 and outcome.meeting.timezone == "America/Vancouver"
    unknown = by_uid(outcome.meeting.sessions)["unknown-1"][0]
    assert starts([unknown]) == [at("2024-07-23 10:00", "America/Vancouver")]  # what was assumed
    out = tmp_path / "strict.yaml"
    with pytest.raises(DataError) as exc:
        run(ICS / "unknown_tzid.ics", meeting=990, output=str(out), strict=True)
    assert "Mars/Olympus_Mons" in exc.value.problems[0].message and not out.exists()


def test_the_calendars_own_vtimezone_comes_first(tmp_path):
    outcome = imp("custom_vtimezone.ics", tmp_path)
    got = by_uid(outcome.meeting.sessions)
    assert starts(got["custom"]) == [datetime(2024, 7, 22, 4, 30, tzinfo=timezone.utc)]  # 10:00 at +05:30
    assert starts(got["kolkata"]) == [at("2024-07-22 12:00", "Asia/Kolkata")]
    assert outcome.meeting.timezone == "Asia/Kolkata"  # the only IANA zone


def test_exdate_on_the_first_occurrence(tmp_path):
    """Daily from Mon 11 March; EXDATE removes the 11th (by TZID) and the 13th (in UTC)."""
    outcome = imp("exdate_first.ics", tmp_path)
    days = [s.date for s in outcome.meeting.sessions]
    assert days == [date(2024, 3, 12), date(2024, 3, 14), date(2024, 3, 15), date(2024, 3, 16),
                    date(2024, 3, 17), date(2024, 3, 18)]  # the first 7 days of occurrences
    assert starts(outcome.meeting.sessions)[0] == at("2024-03-12 17:00", "Europe/Berlin")
    assert "first 7 days" in "\n".join(outcome.warnings)


def test_recurrence_id_replaces_its_occurrence(tmp_path):
    """Five daily standups across the end of US daylight time (3 Nov 2024); the one of
    2 Nov moved to 14:00; every other stays 09:00 New York time."""
    outcome = imp("recurrence_id.ics", tmp_path)
    assert starts(outcome.meeting.sessions) == [
        at("2024-11-01 09:00", "America/New_York"), at("2024-11-02 14:00", "America/New_York"),
        at("2024-11-03 09:00", "America/New_York"), at("2024-11-04 09:00", "America/New_York"),
        at("2024-11-05 09:00", "America/New_York")]
    moved = [s for s in outcome.meeting.sessions if s.name == "Standup (moved)"]
    assert len(moved) == 1 and len(outcome.meeting.sessions) == 5


def test_latin1_calendar_is_read_with_a_warning(tmp_path):
    outcome = imp("latin1.ics", tmp_path)
    (s,) = outcome.meeting.sessions
    assert (s.name, s.room) == ("Réunion à l'université", "Salle Émile")
    assert any("not UTF-8" in w and "Windows-1252" in w for w in outcome.warnings)


def test_every_vcalendar_of_a_file_is_read(tmp_path):
    outcome = imp("two_calendars.ics", tmp_path)
    got = by_uid(outcome.meeting.sessions)
    assert starts(got["first-calendar"]) == [datetime(2024, 7, 22, 13, 0, tzinfo=timezone.utc)]
    assert starts(got["second-calendar"]) == [at("2024-07-23 09:00", "Europe/Dublin")]


def test_one_bad_event_does_not_sink_the_calendar(tmp_path):
    outcome = imp("one_bad_event.ics", tmp_path)
    got = by_uid(outcome.meeting.sessions)
    assert set(got) == {"good-1", "good-2", "end-first", "mixed"}
    good2 = got["good-2"][0]
    assert good2.end is not None and (good2.end - good2.start).total_seconds() == 90 * 60  # DURATION
    assert got["end-first"][0].end is None and got["mixed"][0].end is None  # ends that cannot be right
    assert outcome.problems == 1
    (skipped,) = [w for w in outcome.warnings if "bad-start" in w]
    assert ":10:" in skipped and "'Broken start'" in skipped and "not imported" in skipped
    said = "\n".join(outcome.warnings)
    assert "DTEND is before DTSTART" in said and "not both dates or both date-times" in said
    with pytest.raises(IetfplanError) as exc:
        run(ICS / "one_bad_event.ics", meeting=990, output=str(tmp_path / "s.yaml"), strict=True)
    assert exc.value.problems[0].line == 10


def test_a_calendar_of_months_is_refused_unless_a_window_clips_it(tmp_path):
    with pytest.raises(DataError) as exc:
        imp("months_long.ics", tmp_path)
    assert "2024-03-12 to 2024-07-24" in exc.value.problems[0].message
    assert "--from-date 2024-07-22 --to-date 2024-07-28 (2 events)" in exc.value.problems[0].hint
    assert not (tmp_path / "m.yaml").exists()
    outcome = imp("months_long.ics", tmp_path, first=date(2024, 7, 22), last=date(2024, 7, 26))
    got = by_uid(outcome.meeting.sessions)
    assert set(got) == {"july-1", "july-2", "weekly"}
    assert [s.date for s in got["weekly"]] == [date(2024, 7, 23)]  # the one Tuesday in the window
    assert starts(got["weekly"]) == [at("2024-07-23 08:30", "Europe/Paris")]
    assert any("1 event outside" in w for w in outcome.warnings)


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ietfplan", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=60, check=False)


def test_exit_codes_of_an_import_with_problems(tmp_path):
    """0 clean, 4 imported with problems (documented in README), 2 refused under --strict."""
    clean = _cli("import", str(ICS / "two_calendars.ics"), "--meeting", "990", "-o", "a.yaml", cwd=tmp_path)
    assert clean.returncode == 0, clean.stderr
    problems = _cli("import", str(ICS / "one_bad_event.ics"), "--meeting", "990", "-o", "b.yaml", cwd=tmp_path)
    assert problems.returncode == 4 and (tmp_path / "b.yaml").is_file(), problems.stderr
    assert "'Broken start' (UID bad-start) not imported" in problems.stderr
    strict = _cli("import", str(ICS / "one_bad_event.ics"), "--meeting", "990", "-o", "c.yaml", "--strict",
                  cwd=tmp_path)
    assert strict.returncode == 2 and not (tmp_path / "c.yaml").exists(), strict.stderr
    assert "Traceback" not in problems.stderr + strict.stderr
    bad_day = _cli("import", str(ICS / "months_long.ics"), "--meeting", "990", "--from-date", "July 22",
                   cwd=tmp_path)
    assert bad_day.returncode == 2 and "YYYY-MM-DD" in bad_day.stderr


def test_rules_that_never_happen_or_repeat_by_the_minute_are_skipped_quickly(tmp_path):
    """dateutil searches to the year 9999 for a rule no date matches (6 s for FREQ=DAILY)."""
    import time

    src = tmp_path / "odd.ics"
    src.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:feb30\nSUMMARY:Never\n"
        "DTSTART;TZID=Europe/Rome:20240722T090000\nRRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:minutely\nSUMMARY:Every minute\nDTSTART;TZID=Europe/Rome:20240722T090000\n"
        "RRULE:FREQ=MINUTELY\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:ok\nSUMMARY:Once\nDTSTART;TZID=Europe/Rome:20240723T090000\nEND:VEVENT\n"
        "END:VCALENDAR\n", encoding="utf-8")
    began = time.perf_counter()
    outcome = run(src, meeting=990, output=str(tmp_path / "m.yaml"))
    assert time.perf_counter() - began < 3
    assert set(by_uid(outcome.meeting.sessions)) == {"ok"} and outcome.problems == 2
    said = "\n".join(outcome.warnings)
    assert "'Never' (UID feb30) not imported: RRULE" in said and "never happens" in said
    assert "'Every minute' (UID minutely) not imported" in said


US_EASTERN_AS_OUTLOOK_WRITES_IT = """BEGIN:VCALENDAR
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16011104T020000
RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010311T020000
RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
END:DAYLIGHT
END:VTIMEZONE
END:VCALENDAR
"""


def test_a_vtimezone_gives_the_offsets_of_the_zone_it_describes() -> None:
    """The transition table made of Outlook's VTIMEZONE for US Eastern agrees with zoneinfo's
    America/New_York (rules since 2007) every 30 minutes around each change, also for the
    wall times that happen twice (the first) or never (read with the offset before)."""
    from datetime import timedelta

    from icalendar import Calendar

    from ietfplan.load.importers.ics_zones import Zones

    vtimezone = Calendar.from_ical(US_EASTERN_AS_OUTLOOK_WRITES_IT).walk("VTIMEZONE")[0]
    resolved = Zones({"Eastern Standard Time": vtimezone}).resolve("Eastern Standard Time")
    assert resolved is not None and resolved.iana == "America/New_York"
    new_york = ZoneInfo("America/New_York")
    for year in range(2008, 2031):
        for month, day in ((3, 1), (11, 1)):
            wall = datetime(year, month, day)
            while wall < datetime(year, month, 15):
                assert wall.replace(tzinfo=resolved.zone).utcoffset() == wall.replace(tzinfo=new_york).utcoffset(), wall
                instant = wall.replace(tzinfo=timezone.utc)
                assert instant.astimezone(resolved.zone).replace(tzinfo=None) == \
                    instant.astimezone(new_york).replace(tzinfo=None), instant
                wall += timedelta(minutes=30)


def test_timezone_option_overrides_the_inferred_zone_and_keeps_the_instants(tmp_path):
    outcome = imp("windows_tzids.ics", tmp_path, timezone="Europe/Paris")
    assert outcome.meeting.timezone == "Europe/Paris"
    got = by_uid(outcome.meeting.sessions)
    assert starts(got["windows-id"]) == [at("2024-07-16 13:30", "America/New_York")]


def test_repeating_events_fall_in_the_dates_of_a_meeting_ietfplan_knows(tmp_path):
    """IETF 102 (Montreal, bundled) ran 14-20 July 2018: a weekly call since January gives the
    one Tuesday of that week, in the known meeting's zone."""
    src = tmp_path / "weekly.ics"
    src.write_text("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:w\nSUMMARY:Weekly call\n"
                   "DTSTART;TZID=Europe/London:20180102T150000\nDURATION:PT1H\nRRULE:FREQ=WEEKLY\n"
                   "END:VEVENT\nEND:VCALENDAR\n", encoding="utf-8")
    outcome = run(src, meeting=102, output=str(tmp_path / "m.yaml"))
    (call,) = outcome.meeting.sessions
    assert outcome.meeting.timezone == "America/Montreal"
    assert starts([call]) == [at("2018-07-17 15:00", "Europe/London")]
    assert any("the meeting's dates (2018-07-14 to 2018-07-20)" in w for w in outcome.warnings)


def test_a_2000_event_outlook_calendar_imports_in_well_under_a_few_seconds(tmp_path):
    """bench/import_bench.py's calendar (Outlook's 1601 VTIMEZONE, alarms, repeating events):
    about 0.4 s on the development machine; the bound is loose for a busy CI machine, but
    catches the 3 s that dateutil's VTIMEZONE lookups took."""
    import importlib.util
    import time

    spec = importlib.util.spec_from_file_location("import_bench", Path(__file__).parents[1] / "bench" / "import_bench.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    ics = bench.write_calendar(tmp_path, 2000)
    began = time.perf_counter()
    outcome = run(ics, meeting=150, output=str(tmp_path / "m.yaml"), timezone="America/Montreal")
    took = time.perf_counter() - began
    assert len(outcome.meeting.sessions) > 2000 and outcome.problems == 0
    assert took < 2.5, f"{took:.2f} s"


def test_a_calendar_whose_tzids_name_no_iana_zone_is_refused_naming_them(tmp_path):
    """Its custom VTIMEZONE gives the instants but not the meeting's zone; an unknown TZID
    gives neither: the refusal names both, and --timezone imports it."""
    src = tmp_path / "custom.ics"
    text = (ICS / "custom_vtimezone.ics").read_text(encoding="utf-8")
    text = text.replace("DTSTART;TZID=Asia/Kolkata:20240722T120000", "DTSTART;TZID=Nowhere:20240722T120000")
    src.write_text(text, encoding="utf-8")
    with pytest.raises(IetfplanError) as exc:
        run(src, meeting=990, output=str(tmp_path / "m.yaml"))
    message = exc.value.problems[0].message
    assert "'Nowhere' (not a zone ietfplan knows)" in message
    assert "'Head office (fixed +05:30)' (defined only by the file's VTIMEZONE)" in message
    assert "--timezone" in exc.value.problems[0].hint and not (tmp_path / "m.yaml").exists()
    outcome = run(src, meeting=990, output=str(tmp_path / "m.yaml"), timezone="Asia/Kolkata")
    got = by_uid(outcome.meeting.sessions)
    assert starts(got["custom"]) == [datetime(2024, 7, 22, 4, 30, tzinfo=timezone.utc)]
    assert starts(got["kolkata"]) == [at("2024-07-22 12:00", "Asia/Kolkata")] and outcome.problems == 1


def test_the_zone_taken_from_the_events_is_said_unless_timezone_chose_it(tmp_path):
    """A calendar's events all in one IANA zone: without --timezone the meeting's zone is
    taken from them and a warning says so and how to choose another; with --timezone
    (the same zone or another) the user chose, and nothing is said about it."""
    source = tmp_path / "one.ics"
    source.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
        "UID:a1@test\r\nDTSTAMP:20240701T000000Z\r\n"
        "DTSTART;TZID=America/Toronto:20240722T093000\r\nDTEND;TZID=America/Toronto:20240722T113000\r\n"
        "SUMMARY:DNSOP session\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    taken = run(source, meeting=990, output=str(tmp_path / "a.yaml"))
    (said,) = [w for w in taken.warnings if "zone is taken to be" in w]
    assert "America/Toronto" in said and "give --timezone to choose another" in said
    assert taken.meeting.timezone == "America/Toronto"
    for zone in ("America/Toronto", "Europe/London"):
        chosen = run(source, meeting=990, output=str(tmp_path / f"{zone[-6:]}.yaml"), timezone=zone)
        assert not [w for w in chosen.warnings if "zone is taken to be" in w]
        assert chosen.meeting.timezone == zone
        (session,) = chosen.meeting.sessions
        assert session.start is not None
        assert session.start.astimezone(timezone.utc) == at("2024-07-22 09:30", "America/Toronto")


THIS_AND_FUTURE = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//EN\r
BEGIN:VEVENT\r
UID:weekly@test\r
DTSTAMP:20241001T000000Z\r
DTSTART;TZID=America/New_York:20241021T090000\r
DTEND;TZID=America/New_York:20241021T100000\r
RRULE:FREQ=WEEKLY;COUNT=5\r
SUMMARY:DNSOP interim\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly@test\r
DTSTAMP:20241001T000000Z\r
RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=America/New_York:20241104T090000\r
DTSTART;TZID=America/New_York:20241104T110000\r
DTEND;TZID=America/New_York:20241104T123000\r
SUMMARY:DNSOP interim (new slot)\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:weekly@test\r
DTSTAMP:20241001T000000Z\r
RECURRENCE-ID;TZID=America/New_York:20241111T090000\r
DTSTART;TZID=America/New_York:20241112T140000\r
DTEND;TZID=America/New_York:20241112T150000\r
SUMMARY:DNSOP interim (moved once)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_range_thisandfuture_moves_every_later_occurrence(tmp_path):
    """RFC 5545 3.8.4.4: an override with RECURRENCE-ID;RANGE=THISANDFUTURE replaces that
    occurrence and all later ones: they move by as much (09:00 -> 11:00), last as long (1 h
    30) and take its summary; an ordinary override of a later occurrence still wins there.
    Expected wall clocks are worked out here from the file's values, with zoneinfo for the
    instants (the series crosses New York's DST change on 3 November)."""
    source = tmp_path / "weekly.ics"
    source.write_text(THIS_AND_FUTURE, encoding="utf-8", newline="")
    outcome = run(source, meeting=990, output=str(tmp_path / "m.yaml"), timezone="America/New_York",
                  first=date(2024, 10, 20), last=date(2024, 11, 30))
    expected = [
        ("2024-10-21 09:00", "2024-10-21 10:00", "DNSOP interim"),
        ("2024-10-28 09:00", "2024-10-28 10:00", "DNSOP interim"),
        ("2024-11-04 11:00", "2024-11-04 12:30", "DNSOP interim (new slot)"),
        ("2024-11-12 14:00", "2024-11-12 15:00", "DNSOP interim (moved once)"),
        ("2024-11-18 11:00", "2024-11-18 12:30", "DNSOP interim (new slot)"),
    ]
    got = sorted((s.start.astimezone(timezone.utc), s.end.astimezone(timezone.utc) if s.end else None, s.name)
                 for s in outcome.meeting.sessions if s.start is not None)
    assert got == [(at(start, "America/New_York"), at(end, "America/New_York"), name)
                   for start, end, name in expected]
