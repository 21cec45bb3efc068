"""agenda/today/tomorrow/meetings/topics/validate, end to end."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import SCRIPT, invoke, run

NOW_THU = {"IETFPLAN_NOW": "2018-07-19T08:00-04:00"}


def test_agenda_thursday_iot_table() -> None:
    r = invoke("agenda", "thu", "--meeting", "102", "--topic", "iot")
    assert r.exit_code == 0, r.stderr
    assert "IETF 102 Montreal — Thursday 19 July 2018 — topic iot" in r.stdout
    assert "09:30 EDT (UTC-4)" in r.stdout and "LPWAN" in r.stdout
    assert "SUIT" not in r.stdout and "V6OPS" not in r.stdout
    assert "room not given in the source" in r.stdout


def test_json_fields_and_instants() -> None:
    r = invoke("agenda", "--meeting", "102", "--wg", "lpwan", "--format", "json")
    assert r.exit_code == 0
    [obj] = json.loads(r.stdout)
    assert obj["id"] == "102-lpwan-1"
    assert obj["start"] == "2018-07-19T09:30:00-04:00"
    assert obj["start_utc"] == "2018-07-19T13:30:00Z"
    assert obj["end"] is None and obj["end_estimated"] is False and obj["room"] is None
    assert obj["timezone"] == "America/Montreal"
    assert obj["topics"] == ["ipv6", "iot"]
    assert set(obj) >= {"meeting", "group", "name", "area", "drafts", "links", "note", "source", "end_utc"}


def test_ids_are_stable_across_runs() -> None:
    ids = [[o["id"] for o in json.loads(invoke("agenda", "-m", "102", "--json").stdout)] for _ in range(2)]
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0]) == 11


def test_csv_has_header_and_same_rows_as_json() -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("agenda", "-m", "101", "--format", "csv").stdout)))
    objs = json.loads(invoke("agenda", "-m", "101", "--json").stdout)
    assert [r["id"] for r in rows] == [o["id"] for o in objs]
    assert rows[0]["start_utc"] == "2018-03-21T09:30:00Z" and rows[0]["topics"] == "ipv6; iot"


def test_markdown_table() -> None:
    out = invoke("agenda", "wed", "-m", "102", "--format", "markdown").stdout
    assert "| Day | Time | Group | Name | Room | Topics |" in out
    assert "| Wed 18 Jul | 09:30 EDT (UTC-4) | DNSOP ⚠ |" in out


def test_untimed_sessions_say_so() -> None:
    out = invoke("agenda", "fri", "-m", "102").stdout
    assert "V6OPS" in out and "time not given" in out


def test_today_inside_meeting_uses_the_clock() -> None:
    r = invoke("today", "--topic", "IoT", env=NOW_THU)
    assert r.exit_code == 0 and "Thursday 19 July 2018" in r.stdout and "LPWAN" in r.stdout
    assert r.stderr == ""  # no 'which meeting' note when one is in progress


def test_tomorrow_and_weekday_and_date_agree() -> None:
    a = invoke("tomorrow", "--json", env={"IETFPLAN_NOW": "2018-07-17T23:30-04:00"}).stdout
    b = invoke("agenda", "wednesday", "-m", "102", "--json").stdout
    c = invoke("agenda", "2018-07-18", "-m", "102", "--json").stdout
    assert a == b == c and "dnsop" in a


def test_today_midnight_is_the_meeting_zone_day() -> None:
    # 02:00 UTC on the 19th is still Wednesday the 18th in Montreal.
    r = invoke("today", "--json", env={"IETFPLAN_NOW": "2018-07-19T02:00Z"})
    assert {o["date"] for o in json.loads(r.stdout)} == {"2018-07-18"}


def test_today_outside_every_meeting_is_friendly() -> None:
    r = invoke("today", env={"IETFPLAN_NOW": "2026-11-25T12:00Z"})
    assert r.exit_code == 0
    assert " ".join(r.stdout.split()) == (
        "No IETF meeting today (2026-11-25). The nearest is IETF 102 Montreal, 14–20 Jul 2018: "
        "ietfplan agenda --meeting 102. "
        # IETF 127 is the meeting of November 2026 (125 March, 126 July): the one command
        # that gets it.
        "The meeting of that time is likely IETF 127; get its agenda with: ietfplan import 127"
    )
    assert r.stderr == ""
    r = invoke("today", "--meeting", "101", env={"IETFPLAN_NOW": "2026-11-25T12:00Z"})
    assert "IETF 101 London runs 17–23 Mar 2018; today (2026-11-25) is outside it" in r.stdout
    j = invoke("today", "--json", env={"IETFPLAN_NOW": "2026-11-25T12:00Z"})
    assert j.exit_code == 0 and json.loads(j.stdout) == []


def test_meeting_choice_prefers_the_next_one() -> None:
    r = invoke("agenda", "--json", env={"IETFPLAN_NOW": "2018-05-01T12:00Z"})
    assert {o["meeting"] for o in json.loads(r.stdout)} == {102}
    assert "the next meeting" in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["agenda", "-m", "102", "--topic", "iott"], "did you mean 'iot'"),
        (["agenda", "-m", "102", "--wg", "dnsopp"], "did you mean 'dnsop'"),
        (["agenda", "thurs day", "-m", "102"], "is not a day"),
        (["agenda", "wensday", "-m", "102"], "did you mean 'wednesday'"),
        (["agenda", "-m", "103"], "no meeting IETF 103"),
        (["agenda", "-m", "102", "--tz", "Asia/Tokio"], "did you mean 'Asia/Tokyo'"),
    ],
)
def test_bad_arguments_exit_2_with_hint(args: list[str], message: str) -> None:
    r = invoke(*args)
    assert r.exit_code == 2 and message in r.stderr and "Traceback" not in r.stderr


def test_topic_aliases_and_case() -> None:
    ids = lambda *a: [o["id"] for o in json.loads(invoke("agenda", "-m", "102", "--json", *a).stdout)]  # noqa: E731
    assert ids("--topic", "bgp") == ids("--topic", "MANRS") == ["102-sidrops-1"]
    assert ids("--topic", "dns") == ids("--topic", "DNSSEC")
    assert set(ids("--topic", "iot", "--topic", "dns")) == set(ids("--topic", "iot")) | set(ids("--topic", "dns"))


def test_search_room_area_filters() -> None:
    ids = lambda *a: [o["id"] for o in json.loads(invoke("agenda", "-m", "102", "--json", *a).stdout)]  # noqa: E731
    assert ids("--room", "van") == ["102-dmm-1"]
    assert ids("--search", "schc-over-sigfox") == ["102-lpwan-1"]
    assert set(ids("--area", "sec")) == {"102-tls-1", "102-suit-1"}


def test_bad_clock_setting() -> None:
    r = invoke("today", env={"IETFPLAN_NOW": "2018-07-19 08:00"})
    assert r.exit_code == 2 and "has no UTC offset" in r.stderr


HOSTILE = """\
meeting: {number: 900, city: Test, timezone: Europe/London, start: 2030-01-07, end: 2030-01-11}
sessions:
  - group: evil
    name: "[bold red]pwned[/] \\e[31mred\\e[0m \\e]8;;http://x\\e\\\\link\\u202etxt.exe"
    room: "[link=http://example.com]click[/link]"
    date: 2030-01-08
    time: 09:00
"""


def test_markup_and_escapes_in_data_are_printed_literally(tmp_path: Path) -> None:
    f = tmp_path / "hostile.yaml"
    f.write_text(HOSTILE)
    for fmt in ("table", "markdown", "csv", "json"):
        r = run("agenda", "--file", str(f), "--format", fmt)
        assert r.returncode == 0, r.stderr
        assert "\x1b" not in r.stdout and "\u202e" not in r.stdout, fmt
        assert "pwned" in r.stdout
    table = run("agenda", "--file", str(f)).stdout
    assert "[bold red]pwned[/]" in table and "[link=http://example.com]click[/link]" in table
    assert "\\x1b[31mred" in table and "\\u202e" in table


def test_piped_output_has_no_colour_codes() -> None:
    r = run("agenda", "thu", "-m", "102")
    assert r.returncode == 0 and "\x1b[" not in r.stdout and "LPWAN" in r.stdout


def test_python_dash_m_works() -> None:
    r = run("topics", python=[sys.executable])
    assert r.returncode == 0 and "manrs" in r.stdout and "bgp" in r.stdout


def test_meetings_lists_bundled_and_user_files(tmp_path: Path, _isolated_home: Path) -> None:
    user = _isolated_home / "data" / "meetings"
    user.mkdir(parents=True)
    (user / "ietf900.yaml").write_text(HOSTILE)
    rows = json.loads(invoke("meetings", "--json").stdout)
    assert [(r["number"], r["sessions"]) for r in rows] == [(101, 7), (102, 11), (900, 1)]
    assert rows[1]["timezone"] == "America/Montreal" and rows[1]["start"] == "2018-07-14"


def test_broken_user_file_is_reported_not_fatal(_isolated_home: Path) -> None:
    user = _isolated_home / "data" / "meetings"
    user.mkdir(parents=True)
    (user / "broken.yaml").write_text("meeting: [\n")
    r = invoke("meetings", "--json")
    assert r.exit_code == 0 and len(json.loads(r.stdout)) == 2
    assert "broken.yaml could not be loaded" in r.stderr


def test_validate_reports_every_problem(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(HOSTILE)
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOSTILE.replace("time: 09:00", "time: 25:61\n    rooom: x"))
    r = invoke("validate", str(good), str(bad))
    assert r.exit_code == 2
    assert f"{good}: ok — IETF 900 Test, 1 session\n" in r.stdout
    assert f"{bad}:7:11: error: '25:61' is not a time of day" in r.stderr
    assert f"{bad}:8:5: error: unknown field 'rooom'" in r.stderr
    assert "1 of 2 file(s) have problems" in r.stderr


def test_help_and_today_do_not_import_icalendar() -> None:
    for args in (["--help"], ["today", "--topic", "iot"]):
        r = run(*args, env=NOW_THU, python=[sys.executable, "-X", "importtime"])
        assert r.returncode == 0
        imported = {line.split("|")[-1].strip() for line in r.stderr.splitlines() if "|" in line}
        assert "icalendar" not in imported and "dateutil.parser" not in imported
        assert "ietfplan.cli" in imported  # the check itself works


def test_installed_tool_works_outside_the_checkout(tmp_path: Path) -> None:
    r = subprocess.run([str(SCRIPT), "agenda", "wed", "-m", "102", "--json"], cwd=tmp_path,
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and {o["group"] for o in json.loads(r.stdout)} == {"dnsop", "suit"}


def test_two_files_give_two_listings(tmp_path: Path) -> None:
    f = tmp_path / "m900.yaml"
    f.write_text(HOSTILE)
    g = tmp_path / "m901.yaml"
    g.write_text(HOSTILE.replace("number: 900", "number: 901").replace("group: evil", "group: good"))
    r = invoke("agenda", "--file", str(f), "--file", str(g), "--json")
    assert [(o["meeting"], o["group"]) for o in json.loads(r.stdout)] == [(900, "evil"), (901, "good")]


def test_per_meeting_zone_from_config_applies_to_every_listing_command() -> None:
    assert invoke("config", "set", "tz", "Asia/Tokyo", "--meeting", "102").exit_code == 0
    for args in (["agenda"], ["clashes"], ["week"]):
        r = invoke(*args, "-m", "102", env={"COLUMNS": "200"})
        assert r.exit_code == 0 and "Asia/Tokyo" in r.stdout, (args, r.stdout[:300])
    r = invoke("clashes", "-m", "101", env={"COLUMNS": "200"})
    assert "Asia/Tokyo" not in r.stdout and "Europe/London" in r.stdout


def test_a_day_outside_a_given_file_keeps_its_warnings() -> None:
    """A meeting given with --file was not chosen by ietfplan, even when loading it gave
    warnings (here: times that happen twice as the clocks go back)."""
    fixture = str(Path(__file__).parents[1] / "fixtures" / "ietf124-dst-synthetic.yaml")
    r = invoke("agenda", "2030-01-01", "--file", fixture)
    assert r.exit_code == 0
    assert " ".join(r.stdout.split()) == (  # (the message is wrapped to the terminal width)
        f"IETF 124 Montreal runs 1–7 Nov 2025; 2030-01-01 is outside it. "
        f"See the whole meeting with: ietfplan agenda --file {fixture}")
    assert "happens twice in America/Montreal" in r.stderr


@pytest.mark.parametrize("zone", ["America/Montreal", "Asia/Tokyo", "Pacific/Honolulu", "Pacific/Kiritimati"])
def test_a_day_without_a_match_names_the_days_with_one(zone: str) -> None:
    """`today --group dnsop` on the Friday of IETF 102: nothing that day, so it names the
    days DNSOP meets.  The days come from the bundled file (date, time and label) turned
    into ``zone``'s calendar days with zoneinfo; an untimed session is on its own date."""
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    import yaml

    doc = yaml.safe_load((Path(__file__).resolve().parents[2] / "data" / "ietf102.yaml").read_text())
    days = set()
    for session in doc["sessions"]:
        if session["group"] != "dnsop":
            continue
        if "time" not in session:  # untimed: on its own date, whatever the zone
            days.add(datetime.fromisoformat(str(session["date"])).date())
            continue
        clock, _, label = str(session["time"]).partition(" ")
        hours = int(label.split("/")[-1].replace("UTC", "") or 0)  # e.g. EDT/UTC-4
        start = datetime.fromisoformat(f"{session['date']}T{clock[:5].replace('.', ':')}")
        utc = (start - timedelta(hours=hours)).replace(tzinfo=timezone.utc)
        days.add(utc.astimezone(ZoneInfo(zone)).date())
    assert days
    friday = datetime(2018, 7, 20, 12, 0, tzinfo=ZoneInfo(zone))
    r = invoke("today", "--group", "dnsop", "--tz", zone,
               env={"IETFPLAN_NOW": friday.isoformat()})
    assert r.exit_code == 0, r.stderr
    said = " and ".join(f"{d:%a} {d.day} {d:%b}" for d in sorted(days))
    if friday.date() in days:
        assert "DNSOP" in r.stdout
    else:
        assert f"No sessions match on that day; they do on {said}." in " ".join(r.stdout.split())
