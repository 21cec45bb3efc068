"""Every view shows a time's seconds when it has some, and nothing more when it has none.

A meeting file with DMM at 09:30:30-10:15:45 and SUIT at 09:30-10:00 on the same day (they
clash) goes through the real CLI: show, week, now/next, clashes, agenda JSON/CSV, plan,
convert and an import's change report.  Expected times are the file's own text, or come
from zoneinfo on the wall-clock times written here (formatted in this file with strftime),
never from the formatting code under test.  The messages about a time the clocks skip or
repeat echo the seconds typed, in meeting files, calendars, `convert` and IETFPLAN_NOW.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from ietfplan.app import Folders
from ietfplan.cli import app

MONTREAL = ZoneInfo("America/Montreal")
TOKYO = ZoneInfo("Asia/Tokyo")
DMM_START, DMM_END = "09:30:30", "10:15:45"  # as written in the meeting file below
SUIT_START, SUIT_END = "09:30", "10:00"
DAY = "2018-07-17"  # a Tuesday, in EDT
MEETING = ("meeting:\n  number: 990\n  city: Montreal\n  timezone: America/Montreal\n"
           "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n"
           f"  - group: dmm\n    date: {DAY}\n    time: {DMM_START}-{DMM_END}\n"
           f"  - group: suit\n    date: {DAY}\n    time: {SUIT_START}-{SUIT_END}\n")


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env or {}, catch_exceptions=False)


def installed() -> None:
    """The meeting file as if imported: `-m 990` finds it (IETFPLAN_HOME is per test)."""
    folder = Folders.from_environ(os.environ).meetings
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ietf990.yaml").write_text(MEETING, encoding="utf-8")


def montreal(clock: str, day: str = DAY) -> datetime:
    """The wall-clock time written above, in Montreal (zoneinfo), as an aware datetime."""
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=MONTREAL)


def seconds_text(value: datetime) -> str:
    return f"{value:%H:%M:%S}"


def line_with(text: str, word: str) -> str:
    (line,) = [row for row in text.splitlines() if word in row]
    return line


# --- the views ------------------------------------------------------------------------------

def test_show_gives_the_seconds_in_both_clocks() -> None:
    installed()
    r = invoke("show", "dmm", "-m", "990", "--tz", "Asia/Tokyo")
    assert r.exit_code == 0, r.output
    assert f"Tue 17 Jul 2018 {DMM_START}–{DMM_END} EDT" in line_with(r.stdout, "  time:")
    start, end = montreal(DMM_START).astimezone(TOKYO), montreal(DMM_END).astimezone(TOKYO)
    assert f"{seconds_text(start)}–{seconds_text(end)} JST" in line_with(r.stdout, "your time:")

    r = invoke("show", "suit", "-m", "990")
    assert f"Tue 17 Jul 2018 {SUIT_START}–{SUIT_END} EDT" in line_with(r.stdout, "  time:")


def test_week_keeps_09_30_and_09_30_30_apart() -> None:
    installed()
    r = invoke("week", "-m", "990")
    assert r.exit_code == 0, r.output
    rows = [line for line in r.stdout.splitlines() if line[:2].isdigit()]
    assert len(rows) == 2, r.stdout
    assert rows[0].split()[0] == SUIT_START and "SUIT" in rows[0] and "DMM" not in rows[0]
    assert rows[1].split()[0] == DMM_START and "DMM" in rows[1] and "SUIT" not in rows[1]

    r = invoke("week", "-m", "990", "--json")
    (grid,) = json.loads(r.stdout)
    got = [(row["time"], [c["group"] for c in row["cells"][DAY]]) for row in grid["rows"]]
    assert got == [(SUIT_START, ["suit"]), (DMM_START, ["dmm"])]

    r = invoke("week", "-m", "990", "--format", "markdown")
    assert f"| {SUIT_START} | SUIT ⚠ |" in r.stdout and f"| {DMM_START} | DMM ⚠ |" in r.stdout


def test_week_in_another_zone_keeps_the_seconds() -> None:
    installed()
    r = invoke("week", "-m", "990", "--tz", "Asia/Tokyo", "--json")
    (grid,) = json.loads(r.stdout)
    tokyo = montreal(DMM_START).astimezone(TOKYO)
    assert [row["time"] for row in grid["rows"]] == [
        f"{montreal(SUIT_START).astimezone(TOKYO):%H:%M}", seconds_text(tokyo)]


def test_now_and_next_give_the_next_start_with_its_seconds() -> None:
    installed()
    env = {"IETFPLAN_NOW": f"{DAY}T09:30:10-04:00"}  # SUIT is on, DMM starts in 20 s
    r = invoke("now", "-m", "990", env=env)
    assert r.exit_code == 0, r.output
    assert f"Tue 17 Jul {DMM_START} EDT (UTC-4)" in line_with(r.stdout, "Next")
    assert f"{DMM_START}–{DMM_END}" in line_with(r.stdout, "DMM")
    assert f"{SUIT_START}–{SUIT_END}" in line_with(r.stdout, "SUIT")
    # the headline is the clock's reading, to the minute, as a wall clock shows it
    assert "· Tue 17 Jul 09:30 EDT" in r.stdout.splitlines()[0]

    r = invoke("next", "-m", "990", "--all", env=env)
    assert f"Tue 17 Jul {DMM_START} EDT (UTC-4)" in line_with(r.stdout, "Next")

    r = invoke("next", "-m", "990", "--all", env={"IETFPLAN_NOW": f"{DAY}T09:00-04:00"})
    assert f"Tue 17 Jul {SUIT_START} EDT (UTC-4):" in line_with(r.stdout, "Next")


def test_clashes_say_when_both_are_running_to_the_second() -> None:
    installed()
    r = invoke("clashes", "-m", "990")
    assert r.exit_code == 0, r.output
    # both run from the later start, DMM's
    assert f"Tue 17 Jul {DMM_START} EDT (UTC-4)" in r.stdout
    assert f"DMM {DMM_START}–{DMM_END}" in r.stdout and f"SUIT {SUIT_START}–{SUIT_END}" in r.stdout

    r = invoke("clashes", "-m", "990", "--json")
    (clash,) = json.loads(r.stdout)
    assert datetime.fromisoformat(clash["start"]) == montreal(DMM_START)
    assert datetime.fromisoformat(clash["end"]) == montreal(SUIT_END)

    r = invoke("clashes", "-m", "990", "--format", "markdown")
    assert f"Tue 17 Jul {DMM_START} EDT" in r.stdout


def test_agenda_json_and_csv_keep_the_seconds() -> None:
    installed()
    r = invoke("agenda", "-m", "990", "--format", "json")
    got = {s["group"]: s for s in json.loads(r.stdout)}
    r = invoke("agenda", "-m", "990", "--format", "csv")
    rows = {row["group"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    for fields in (got, rows):
        assert datetime.fromisoformat(fields["dmm"]["start"]) == montreal(DMM_START)
        assert datetime.fromisoformat(fields["dmm"]["end"]) == montreal(DMM_END)
        utc = montreal(DMM_START).astimezone(timezone.utc)
        assert fields["dmm"]["start_utc"] == f"{utc:%Y-%m-%dT%H:%M:%S}Z"
        assert datetime.fromisoformat(fields["suit"]["start"]) == montreal(SUIT_START)


def test_plan_shows_the_seconds_in_its_table_and_reasons() -> None:
    installed()
    r = invoke("plan", "-m", "990", "-w", "dmm=3", "-w", "suit=1")
    assert r.exit_code == 0, r.output
    assert f"{DMM_START}–{DMM_END} EDT" in line_with(r.stdout, "Tue 17 Jul")  # the table row
    assert line_with(r.stdout, "Missed SUIT").endswith(
        f"clashes with DMM (weight 3) Tue {DMM_START}")

    r = invoke("plan", "-m", "990", "-w", "dmm=1", "-w", "suit=3")
    assert line_with(r.stdout, "Missed DMM").endswith(
        f"clashes with SUIT (weight 3) Tue {SUIT_START}")

    r = invoke("plan", "-m", "990", "-w", "dmm=3", "-w", "suit=1", "--json")
    (chosen,) = json.loads(r.stdout)["chosen"]
    assert chosen["start_utc"] == f"{montreal(DMM_START).astimezone(timezone.utc):%Y-%m-%dT%H:%M:%S}Z"


def test_convert_a_session_gives_its_seconds_in_text_and_json() -> None:
    installed()
    start, end = montreal(DMM_START).astimezone(TOKYO), montreal(DMM_END).astimezone(TOKYO)
    r = invoke("convert", "dmm", "-m", "990", "--to", "Asia/Tokyo")
    assert r.exit_code == 0, r.output
    assert f"{DMM_START}–{DMM_END} EDT (UTC-4)" in line_with(r.stdout, "from ")
    assert f"{seconds_text(start)}–{seconds_text(end)} JST" in line_with(r.stdout, "to ")

    r = invoke("convert", "dmm", "-m", "990", "--to", "Asia/Tokyo", "--json")
    (obj,) = json.loads(r.stdout)
    assert obj["from"]["time"] == DMM_START and obj["to"][0]["time"] == seconds_text(start)
    r = invoke("convert", "suit", "-m", "990", "--to", "Asia/Tokyo", "--json")
    (obj,) = json.loads(r.stdout)  # whole minutes: HH:MM as before
    assert obj["from"]["time"] == SUIT_START
    assert obj["to"][0]["time"] == f"{montreal(SUIT_START).astimezone(TOKYO):%H:%M}"


def test_convert_takes_the_seconds_typed() -> None:
    for typed in (f"{DAY} {DMM_START} EDT", f"{DAY}T{DMM_START}-04:00"):
        r = invoke("convert", typed, "--to", "UTC", "--json")
        assert r.exit_code == 0, r.output
        (obj,) = json.loads(r.stdout)
        assert obj["utc"] == f"{montreal(DMM_START).astimezone(timezone.utc):%Y-%m-%dT%H:%M:%S}Z"
        assert obj["from"]["time"] == DMM_START


# --- times the clocks skip or repeat: the messages echo the seconds typed --------------------

BACK, FORWARD = "2018-11-04", "2018-03-11"  # Montreal's clocks go back / forward that night


def test_convert_warns_of_a_repeated_time_with_its_seconds_and_the_hint_works() -> None:
    r = invoke("convert", f"{BACK} 01:30:30", "--from", "America/Montreal", "--to", "UTC")
    assert r.exit_code == 0, r.output
    warning = line_with(r.output, "happens twice")
    assert f"{BACK} 01:30:30 happens twice in America/Montreal" in warning
    assert "using the first, 01:30:30 EDT" in warning and "write '01:30:30 EST'" in warning
    r = invoke("convert", f"{BACK} 01:30:30 EST", "-m", "102", "--to", "UTC", "--json")
    assert r.exit_code == 0, r.output
    second = datetime(2018, 11, 4, 1, 30, 30, fold=1, tzinfo=MONTREAL).astimezone(timezone.utc)
    assert json.loads(r.stdout)[0]["utc"] == f"{second:%Y-%m-%dT%H:%M:%S}Z"


def _gap_hint_times() -> tuple[str, str]:
    """02:30:30 read with EDT's offset and with EST's, shown on Montreal's clocks (zoneinfo)."""
    edt = datetime(2018, 3, 11, 2, 30, 30, tzinfo=timezone(timedelta(hours=-4)))
    est = datetime(2018, 3, 11, 2, 30, 30, tzinfo=timezone(timedelta(hours=-5)))
    return seconds_text(edt.astimezone(MONTREAL)), seconds_text(est.astimezone(MONTREAL))


def test_convert_refuses_a_skipped_time_naming_its_seconds() -> None:
    r = invoke("convert", f"{FORWARD} 02:30:30", "--from", "America/Montreal")
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"{FORWARD} 02:30:30 does not exist in America/Montreal" in r.stderr
    as_edt, as_est = _gap_hint_times()
    assert f"02:30:30 EDT would be {as_edt} EST, 02:30:30 EST would be {as_est} EDT" in r.stderr


def test_ietfplan_now_messages_echo_the_seconds() -> None:
    r = invoke("now", "-m", "102", env={"IETFPLAN_NOW": f"{BACK}T01:30:30[America/Montreal]"})
    assert r.exit_code == 2
    assert f"{BACK} 01:30:30 happens twice" in r.stderr
    assert f"{BACK}T01:30:30-05:00[America/Montreal] for EST" in r.stderr
    r = invoke("now", "-m", "102", env={"IETFPLAN_NOW": f"{FORWARD}T02:30:30[America/Montreal]"})
    assert r.exit_code == 2 and f"{FORWARD} 02:30:30 does not exist" in r.stderr
    as_edt, _ = _gap_hint_times()
    assert f"02:30:30 EDT would be {as_edt} EST" in r.stderr
    r = invoke("now", "-m", "102", env={"IETFPLAN_NOW": f"{DAY}T{DMM_START}-05:00[America/Montreal]"})
    assert r.exit_code == 2 and f"at {DMM_START} is EDT (UTC-4), not UTC-5" in r.stderr


def test_meeting_files_and_calendars_echo_the_seconds(tmp_path: Path) -> None:
    head = ("meeting:\n  number: 990\n  city: Montreal\n  timezone: America/Montreal\n"
            "  start: {0}\n  end: {1}\nsessions:\n  - group: dmm\n    date: {2}\n"
            "    time: {3}\n")
    back = tmp_path / "back.yaml"
    back.write_text(head.format("2018-11-01", "2018-11-07", BACK, "01:30:30-02:15"), "utf-8")
    r = invoke("validate", str(back))
    assert r.exit_code == 0, r.output
    assert f"{BACK} 01:30:30 happens twice" in r.output and "write '01:30:30 EST'" in r.output
    gap = tmp_path / "gap.yaml"
    gap.write_text(head.format("2018-03-08", "2018-03-14", FORWARD, "02:30:30-03:15"), "utf-8")
    r = invoke("validate", str(gap))
    assert r.exit_code == 2 and f"{FORWARD} 02:30:30 does not exist" in r.output

    # a floating calendar time in the gap: imported with a warning that names its seconds
    ics = tmp_path / "gap.ics"
    ics.write_text("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
                   "UID:g\r\nSUMMARY:Design team\r\nDTSTART:20180311T023030\r\n"
                   "DTEND:20180311T040000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", "utf-8")
    r = invoke("import", str(ics), "--meeting", "991", "--timezone", "America/Montreal",
               "-o", str(tmp_path / "m.yaml"))
    assert r.exit_code == 0, r.output
    _, as_est = _gap_hint_times()  # the later reading: EST's offset, shown in EDT
    assert f"{FORWARD} 02:30:30 does not exist in America/Montreal" in r.output
    assert f"using {as_est} EDT" in r.output


# --- an import's change report -----------------------------------------------------------------

def _calendar(*events: tuple[str, str, str]) -> str:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{uid}\r\n"
                   f"DTSTART;TZID=America/Montreal:{start}\r\n"
                   f"DTEND;TZID=America/Montreal:{end}\r\nEND:VEVENT\r\n"
                   for uid, start, end in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n"


def _clock(ics_time: str) -> str:
    """``T101545`` → ``10:15:45`` and ``T100000`` → ``10:00``: the calendar's own text."""
    hhmmss = ics_time.split("T")[1]
    text = f"{hhmmss[:2]}:{hhmmss[2:4]}"
    return text if hhmmss[4:] == "00" else f"{text}:{hhmmss[4:]}"


def test_a_change_report_names_the_new_seconds(tmp_path: Path) -> None:
    first = [("alpha", "20180717T093000", "20180717T100000"),
             ("beta", "20180717T110000", "20180717T120000")]
    second = [("alpha", "20180717T093000", "20180717T101545"),  # only the end moves
              ("beta", "20180717T110030", "20180717T120000")]  # the start moves 30 s
    out = tmp_path / "m.yaml"
    for number, events in enumerate((first, second)):
        ics = tmp_path / f"v{number}.ics"
        ics.write_text(_calendar(*events), "utf-8")
        r = invoke("import", str(ics), "--meeting", "990", "--timezone", "America/Montreal",
                   "-o", str(out), "--format", "json")
        assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    messages = {change["group"]: change["message"] for change in report["changes"]}
    (_, alpha_start, alpha_end), (_, beta_start, beta_end) = first
    assert messages["alpha"].endswith(f"now ends at {_clock(second[0][2])}")
    assert f"{_clock(alpha_start)}–{_clock(alpha_end)}" in messages["alpha"]
    assert messages["beta"] == (f"BETA moved from Tue 17 Jul {_clock(beta_start)}–{_clock(beta_end)}"
                                f" to Tue 17 Jul {_clock(second[1][1])}–{_clock(second[1][2])}")
    assert _clock(second[1][1]) == "11:00:30"  # the helper reads the calendar's seconds
