"""`ietfplan export`: selection like agenda, output targets, options, errors."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner, Result

from ietfplan.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "ietf124-dst-synthetic.yaml"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env)


def uids(data: bytes) -> list[str]:
    return [str(ev["UID"]) for ev in icalendar.Calendar.from_ical(data).walk("VEVENT")]


@pytest.mark.parametrize("selection", [
    ["--meeting", "102"],
    ["thu", "--meeting", "102", "--topic", "iot"],
    ["--meeting", "102", "--wg", "6man,dmm"],
    ["--meeting", "101", "--area", "sec"],
    ["--meeting", "102", "--search", "dnssec"],
    ["mon", "-f", str(FIXTURE), "--tz", "Asia/Tokyo"],
])
def test_selects_exactly_what_agenda_shows(selection: list[str]) -> None:
    agenda = run("agenda", *selection, "--json")
    assert agenda.exit_code == 0, agenda.stderr
    ids = [s["id"] for s in json.loads(agenda.stdout)]
    res = run("export", *selection, "-o", "-")
    assert res.exit_code == 0, res.stderr
    expected = [f"ietf{i.split('-')[0]}-{i.split('-', 1)[1]}@ietfplan" for i in ids]
    assert sorted(uids(res.stdout_bytes)) == sorted(expected)
    assert expected, "selection should not be empty"


def test_writes_file_and_names_untimed_sessions(tmp_path: Path) -> None:
    out = tmp_path / "ietf102.ics"
    res = run("export", "--meeting", "102", "-o", str(out))
    assert res.exit_code == 0, res.stderr
    assert res.stdout == ""
    assert "wrote 11 event(s)" in res.stderr
    assert "4 session(s) have no time" in res.stderr
    for name in ("SIDROPS (Mon 16 Jul)", "TLS (Mon 16 Jul)", "DNSOP (Thu 19 Jul)", "V6OPS (Fri 20 Jul)"):
        assert name in res.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    assert str(cal["X-WR-CALNAME"]) == "IETF 102 Montreal"
    assert len(cal.walk("VEVENT")) == 11


def test_name_option_and_default_name_from_selection() -> None:
    res = run("export", "thu", "--meeting", "102", "--topic", "iot", "-o", "-")
    cal = icalendar.Calendar.from_ical(res.stdout_bytes)
    assert str(cal["X-WR-CALNAME"]) == "IETF 102 Montreal — Thursday 19 July 2018 — topic iot"
    res = run("export", "--meeting", "102", "--name", "Meine IETF; Woche", "-o", "-")
    assert str(icalendar.Calendar.from_ical(res.stdout_bytes)["X-WR-CALNAME"]) == "Meine IETF; Woche"


def test_refuses_to_overwrite_a_non_calendar_file_unless_force(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my precious notes\n")
    res = run("export", "--meeting", "102", "-o", str(notes))
    assert res.exit_code == 3
    assert "is not an iCalendar file; not overwriting it" in res.stderr and "--force" in res.stderr
    assert notes.read_text() == "my precious notes\n"
    res = run("export", "--meeting", "102", "-o", str(notes), "--force")
    assert res.exit_code == 0
    assert notes.read_bytes().startswith(b"BEGIN:VCALENDAR")
    # an earlier export is replaced without --force
    res = run("export", "--meeting", "101", "-o", str(notes))
    assert res.exit_code == 0 and b"IETF 101" in notes.read_bytes()


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    res = run("export", "--meeting", "102", "-o", str(tmp_path / "nope" / "x.ics"))
    assert res.exit_code == 3
    assert "does not exist" in res.stderr and "Traceback" not in res.stderr
    assert "note:" not in res.stderr  # checked before any work is done


def test_failed_write_leaves_earlier_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "cal.ics"
    assert run("export", "--meeting", "101", "-o", str(out)).exit_code == 0
    before = out.read_bytes()

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    res = run("export", "--meeting", "102", "-o", str(out))
    assert res.exit_code == 3
    assert "No space left on device" in res.stderr and "previous file is unchanged" in res.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics", "home"]  # no temp left


def test_alarm_options() -> None:
    res = run("export", "--meeting", "102", "--wg", "dmm", "--alarm", "5m", "--alarm", "1h", "-o", "-")
    (ev,) = icalendar.Calendar.from_ical(res.stdout_bytes).walk("VEVENT")
    assert sorted(str(a["TRIGGER"].to_ical(), "ascii") for a in ev.walk("VALARM")) == ["-PT1H", "-PT5M"]
    res = run("export", "--meeting", "102", "--wg", "dmm", "--no-alarm", "-o", "-")
    assert b"VALARM" not in res.stdout_bytes
    res = run("export", "--meeting", "102", "--alarm", "soon", "-o", "-")
    assert res.exit_code == 2 and "--alarm: 'soon' is not a duration" in res.stderr
    res = run("export", "--meeting", "102", "--alarm", "5m", "--no-alarm", "-o", "-")
    assert res.exit_code == 2


def test_utc_and_tz_conflict_and_bad_zone() -> None:
    res = run("export", "--meeting", "102", "--utc", "--tz", "Asia/Tokyo", "-o", "-")
    assert res.exit_code == 2 and "--utc and --tz together" in res.stderr
    res = run("export", "--meeting", "102", "--tz", "Asia/Tokio", "-o", "-")
    assert res.exit_code == 2 and "Asia/Tokyo" in res.stderr
    res = run("export", "--meeting", "102", "--wg", "dmm", "--utc", "-o", "-")
    assert b"DTSTART:20180717T133000Z" in res.stdout_bytes  # 09:30 EDT


def test_reexport_bumps_sequence_only_for_changed_sessions(tmp_path: Path) -> None:
    out = tmp_path / "a.ics"
    env = {"IETFPLAN_NOW": "2025-10-01T12:00Z"}
    assert run("export", "-f", str(FIXTURE), "-o", str(out), env=env).exit_code == 0
    first = out.read_bytes()
    env = {"IETFPLAN_NOW": "2025-10-20T08:00Z"}
    assert run("export", "-f", str(FIXTURE), "-o", str(out), env=env).exit_code == 0
    assert out.read_bytes() == first  # nothing changed, nothing for calendars to do
    edited = tmp_path / "edited.yaml"
    edited.write_text(FIXTURE.read_text(encoding="utf-8").replace("status: cancelled", "status: scheduled"))
    assert run("export", "-f", str(edited), "-o", str(out), env=env).exit_code == 0
    evs = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    lpwan = evs["ietf124-lpwan-1@ietfplan"]
    assert (int(lpwan["SEQUENCE"]), str(lpwan["STATUS"])) == (1, "CONFIRMED")
    assert lpwan["LAST-MODIFIED"].to_ical() == b"20251020T080000Z"
    assert int(evs["ietf124-dnsop-1@ietfplan"]["SEQUENCE"]) == 0


def test_damaged_state_file_is_reported(tmp_path: Path, _isolated_home: Path) -> None:
    state = _isolated_home / "data" / "ics-events.json"
    state.parent.mkdir(parents=True)
    state.write_text("{not json")
    res = run("export", "--meeting", "102", "-o", "-")
    assert res.exit_code == 2
    assert str(state) in res.stderr and "delete it" in res.stderr


def test_no_match_is_said_on_stderr() -> None:
    res = run("export", "--meeting", "102", "--wg", "dmm", "--search", "zzz", "-o", "-")
    assert res.exit_code == 0
    assert "No sessions match" in res.stderr
    assert icalendar.Calendar.from_ical(res.stdout_bytes).walk("VEVENT") == []


def test_other_commands_do_not_import_icalendar() -> None:
    code = ("import sys\nfrom ietfplan.cli import app\n"
            "for argv in (['--help'], ['agenda', '--meeting', '102'], ['export', '--help']):\n"
            "    try:\n        app(argv)\n    except SystemExit:\n        pass\n"
            "print('icalendar' in sys.modules, 'http.client' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "False False", proc.stderr


def test_publish_without_password_or_with_bad_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IETFPLAN_CALDAV_PASSWORD", raising=False)
    res = run("publish", "--url", "http://127.0.0.1:9/cal/", "--user", "alice", "--meeting", "102")
    assert res.exit_code == 2
    assert "no password for 'alice'" in res.stderr and "IETFPLAN_CALDAV_PASSWORD" in res.stderr
    res = run("publish", "--url", "ftp://example.invalid/cal/", "--meeting", "102")
    assert res.exit_code == 2 and "is not an http(s) URL" in res.stderr
    res = run("publish", "--url", "https://bob:pw@example.invalid/cal/", "--meeting", "102")
    assert res.exit_code == 2 and "--user" in res.stderr and "pw" not in res.stderr.replace("pwd", "")


def test_empty_selection_never_replaces_an_existing_calendar(tmp_path: Path) -> None:
    out = tmp_path / "mine.ics"
    assert run("export", "--meeting", "102", "--wg", "dmm", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    res = run("export", "--meeting", "102", "--picks", "-o", str(out))  # no picks yet
    assert res.exit_code == 2 and "is left as it was" in res.stderr and "--force" in res.stderr
    assert out.read_bytes() == before
    res = run("export", "--meeting", "102", "--picks", "-o", str(out), "--force")
    assert res.exit_code == 0 and uids(out.read_bytes()) == []



def test_a_long_list_of_untimed_sessions_is_cut_short(tmp_path: Path) -> None:
    lines = ["meeting:\n  number: 999\n  city: X\n  timezone: UTC\n  start: 2018-07-14\n"
             "  end: 2018-07-20\nsessions:\n"]
    lines += [f"  - group: g{i}\n    date: 2018-07-16\n" for i in range(25)]
    meeting = tmp_path / "m.yaml"
    meeting.write_text("".join(lines), encoding="utf-8")
    result = run("export", "-f", str(meeting), "-o", str(tmp_path / "m.ics"))
    assert result.exit_code == 0, result.stderr
    assert "25 session(s) have no time" in result.stderr
    note = result.stderr.splitlines()[0]
    assert note.endswith("(Mon 16 Jul) and 15 more") and note.count("(Mon 16 Jul)") == 10


@pytest.mark.parametrize(("typed", "before"), [("1d", 24 * 3600), ("2d", 48 * 3600),
                                               ("1d12h", 36 * 3600), ("90m", 5400)])
def test_alarm_in_days(tmp_path: Path, typed: str, before: int) -> None:
    out = tmp_path / "a.ics"
    res = run("export", "--meeting", "102", "--alarm", typed, "-o", str(out))
    assert res.exit_code == 0, res.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    triggers = {alarm.decoded("TRIGGER").total_seconds() for alarm in cal.walk("VALARM")}
    assert triggers == {-before}


@pytest.mark.parametrize("typed", ["8d", "0d", "1d30"])
def test_alarm_out_of_range_or_unclear(typed: str) -> None:
    res = run("export", "--meeting", "102", "--alarm", typed, "-o", "-")
    assert res.exit_code == 2 and "--alarm" in res.stderr
