"""What a new user tripped on (issue 15): each test states what the user sees, and the
expected values come from the files themselves (YAML read with PyYAML, the .ics with
icalendar), not from ietfplan's output."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
import yaml

from tests.cli.helpers import invoke
from tests.conftest import app_context

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
DT = ROOT / "tests" / "fixtures" / "datatracker"


def bundled(number: int) -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((DATA / f"ietf{number}.yaml").read_text(encoding="utf-8"))


# item 3: a source without a status column must not un-cancel sessions


def test_a_csv_reimport_keeps_the_statuses_the_ics_gave() -> None:
    import icalendar

    cal = icalendar.Calendar.from_ical((DT / "ietf102-agenda.ics").read_bytes())
    flagged = {str(ev["SUMMARY"]).split(" - ")[0].strip().lower(): str(ev["STATUS"]).split()[0].lower()
               for ev in cal.walk("VEVENT") if str(ev.get("STATUS", "CONFIRMED")) != "CONFIRMED"}
    assert flagged  # the fixture has a cancelled and a rescheduled session
    out = app_context().folders.meetings / "ietf102.yaml"
    first = invoke("import", str(DT / "ietf102-agenda.ics"), "--timezone", "America/Montreal")
    assert first.exit_code == 0, first.stderr
    again = invoke("import", str(DT / "ietf102-agenda.csv"), "--timezone", "America/Montreal")
    assert again.exit_code == 0, again.stderr
    statuses = {s["group"]: s.get("status", "scheduled")
                for s in yaml.safe_load(out.read_text(encoding="utf-8"))["sessions"]}
    for group, status in flagged.items():
        assert statuses[group] == status, (group, statuses[group])
    # no "SIDROPS [cancelled] → (no status)": no row of the report is a status change
    kinds = {line.split()[0] for line in again.stdout.splitlines() if "│" in line and line.split()}
    assert not kinds & {"cancelled", "rescheduled", "status"}, again.stdout
    assert "(no status)" not in again.stdout
    assert "does not say whether a session is cancelled" in again.stderr
    assert "SIDROPS (cancelled)" in again.stderr


# item 6: every format a listing offers works


@pytest.mark.parametrize("command", ["meetings", "topics"])
def test_meetings_and_topics_in_csv_and_markdown(command: str) -> None:
    rows = json.loads(invoke(command, "--json").stdout)
    got_csv = list(csv.DictReader(io.StringIO(invoke(command, "--format", "csv").stdout)))
    assert [r[next(iter(rows[0]))] for r in got_csv] == [str(r[next(iter(rows[0]))]) for r in rows]
    md = invoke(command, "--format", "markdown").stdout.splitlines()
    assert md[0].startswith("| ") and set(md[1]) <= {"|", "-"}
    assert len(md) == 2 + len(rows)
    assert "┃" not in invoke(command, "--format", "markdown").stdout


def test_convert_offers_only_text_and_json() -> None:
    assert invoke("convert", "09:30", "-m", "102", "--to", "UTC", "--format", "csv").exit_code == 2
    text = invoke("convert", "09:30", "-m", "102", "--to", "UTC", "--format", "text")
    assert text.exit_code == 0 and "13:30" in text.stdout  # 09:30 EDT (UTC-4)


# item 10: an area typo is an error with did-you-mean


def test_area_typo() -> None:
    areas = sorted({s["area"] for s in bundled(102)["sessions"] if s.get("area")})
    assert "sec" in areas
    r = invoke("agenda", "-m", "102", "--area", "sek")
    assert r.exit_code == 2
    assert "no area 'sek'" in r.stderr and "did you mean 'sec'" in r.stderr
    assert ", ".join(areas) in r.stderr
    assert invoke("agenda", "-m", "102", "--area", "SEC").exit_code == 0


# item 11: a missing file is exit 3 everywhere


@pytest.mark.parametrize("args", [["validate"], ["agenda", "-f"], ["import"], ["week", "-f"]])
def test_missing_file_is_exit_3(args: list[str], tmp_path: Path) -> None:
    r = invoke(*args, str(tmp_path / "nope.yaml"))
    assert r.exit_code == 3, r.stderr
    assert "nope.yaml" in r.stderr


def test_readme_states_exit_code_3_for_files() -> None:
    assert "3 a file that cannot be read or written" in (ROOT / "README.md").read_text()


# item 12: validate lists every problem it can check while the zone is wrong


def test_validate_reports_more_than_the_zone(tmp_path: Path) -> None:
    text = (
        "meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreall\n"
        "  start: 2018-07-14\n  end: 2018-07-20\n"
        "sessions:\n"
        "  - group: dnsop\n    date: 2018-07-16\n    time: 14:00-13:00\n"
        "  - group: v6ops\n    date: 2018-07-17\n    start: 09:30 XYZT\n"
    )
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    r = invoke("validate", str(path))
    assert r.exit_code == 2
    lines = text.splitlines()
    for needle, what in (("America/Montreall", "unknown time zone"),
                         ("14:00-13:00", "ends (13:00) before"),
                         ("XYZT", "'XYZT'")):
        line = next(i for i, t in enumerate(lines, 1) if needle in t)
        assert f"{path}:{line}:" in r.stderr and what in r.stderr, (needle, r.stderr)


# item 13: the week legend explains the marks shown, and only those


def _meeting_file(tmp_path: Path, sessions: str) -> str:
    path = tmp_path / "m.yaml"
    path.write_text("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
                    "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n" + sessions, encoding="utf-8")
    return str(path)


def test_week_legend_explains_cancelled_and_not_absent_clashes(tmp_path: Path) -> None:
    path = _meeting_file(tmp_path,
                         "  - group: sidrops\n    date: 2018-07-16\n    time: 09:30-11:30\n"
                         "    status: cancelled\n"
                         "  - group: dnsop\n    date: 2018-07-17\n    time: 09:30-11:30\n")
    for fmt in ("table", "markdown"):
        out = invoke("week", "-f", path, "--format", fmt, env={"COLUMNS": "120"}).stdout
        assert "(x)" in out and "(x) cancelled" in out, out
        assert "⚠" not in out, out  # no clash shown, none explained
    clashing = _meeting_file(tmp_path, "  - group: dnsop\n    date: 2018-07-16\n    time: 09:30-11:30\n"
                                       "  - group: dmm\n    date: 2018-07-16\n    time: 09:30-11:30\n")
    out = invoke("week", "-f", clashing, env={"COLUMNS": "120"}).stdout
    assert "⚠ clashes" in out and "(x)" not in out


# item 14: night in 12-hour form; unset says what it did


@pytest.mark.parametrize(("typed", "stored"), [("10pm-6am", "22:00-06:00"),
                                               ("10 pm - 6:30 am", "22:00-06:30"),
                                               ("22.00-06.00", "22:00-06:00")])
def test_config_night_12_hour(typed: str, stored: str) -> None:
    r = invoke("config", "set", "night", typed)
    assert r.exit_code == 0, r.stderr
    assert invoke("config", "get", "night").stdout.strip() == stored


def test_config_unset_says_what_it_did() -> None:
    invoke("config", "set", "night", "22:00-06:00")
    r = invoke("config", "unset", "night")
    assert r.exit_code == 0 and "unset night" in r.stderr and "23:00-07:00" in r.stderr
    r = invoke("config", "unset", "night")
    assert "was not set; nothing changed" in r.stderr


# item 16: the session id names its meeting; clear asks


def test_pick_add_takes_the_meeting_from_the_session_id() -> None:
    ids = [s.get("id") for s in bundled(101)["sessions"]]
    lpwan = "101-lpwan-1"
    assert lpwan in ids or any(s["group"] == "lpwan" for s in bundled(101)["sessions"])
    r = invoke("pick", "add", lpwan, env={"IETFPLAN_NOW": "2018-07-19T08:00-04:00"})
    assert r.exit_code == 0, r.stderr
    assert "IETF 101" in r.stdout
    picks = yaml.safe_load((app_context().folders.picks / "ietf101.yaml").read_text())
    assert lpwan in picks["sessions"]


def test_pick_clear_needs_yes_in_a_script() -> None:
    invoke("pick", "add", "dnsop", "-m", "102")
    r = invoke("pick", "clear", "-m", "102")
    assert r.exit_code == 2 and "--yes" in r.stderr
    assert "dnsop" in (app_context().folders.picks / "ietf102.yaml").read_text()
    r = invoke("pick", "clear", "-m", "102", "--yes")
    assert r.exit_code == 0 and "Cleared" in r.stdout


def test_pick_clear_asks_on_a_terminal() -> None:
    import pty
    import subprocess
    import sys

    invoke("pick", "add", "dnsop", "-m", "102")
    for answer, kept in (("n", True), ("y", False)):
        main, child = pty.openpty()
        proc = subprocess.Popen([sys.executable, "-m", "ietfplan", "pick", "clear", "-m", "102"],
                                stdin=child, stdout=subprocess.PIPE, stderr=child, env=os.environ)
        os.close(child)
        asked = b""
        while b"?" not in asked:
            asked += os.read(main, 1024)
        os.write(main, answer.encode() + b"\n")
        proc.communicate(timeout=30)
        os.close(main)
        assert b"Remove all" in asked
        picks = app_context().folders.picks / "ietf102.yaml"
        assert ("dnsop" in picks.read_text()) is kept


# item 17: piped output keeps a suggested command on one line


def test_piped_lines_are_not_wrapped(tmp_path: Path) -> None:
    r = invoke("today", env={"IETFPLAN_NOW": "2026-11-25T12:00Z", "COLUMNS": "60"})
    line = next(t for t in r.stdout.splitlines() if "No IETF meeting" in t)
    assert "ietfplan agenda --meeting 102" in line


def test_piped_meetings_shows_whole_paths() -> None:
    folder = app_context().folders.meetings / ("a-long-folder-name-" * 4).rstrip("-")
    folder.mkdir(parents=True)
    (folder.parent / "ietf101.yaml").write_bytes((DATA / "ietf101.yaml").read_bytes())
    r = invoke("meetings", env={"COLUMNS": "60"})
    assert str(folder.parent / "ietf101.yaml") in r.stdout


# item 18: the wrong --from says so


@pytest.mark.parametrize(("said", "file", "really"), [("json", "ietf102-agenda.csv", "csv"),
                                                       ("csv", "ietf102-agenda.json", "json"),
                                                       ("json", "ietf102-agenda.ics", "ics")])
def test_import_with_the_wrong_from(said: str, file: str, really: str) -> None:
    r = invoke("import", "--from", said, str(DT / file), "-o", "x.yaml")
    assert r.exit_code == 2
    assert f"--from {said}, but this is" in r.stderr and f"use --from {really}" in r.stderr
    assert "download it again" not in r.stderr


# item 19: past every meeting, `ietfplan import N` is named


def test_unknown_meeting_names_import() -> None:
    r = invoke("today", "-m", "103")
    assert r.exit_code == 2 and "ietfplan import 103" in r.stderr
    r = invoke("now", env={"IETFPLAN_NOW": "2026-11-25T12:00Z"})
    assert "the latest meeting" in r.stderr and "ietfplan import 127" in r.stderr
