"""Listings in the user's zone: dual clocks, day shifts, night flags, headers, JSON/CSV/Markdown."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ietfplan.cli import app

runner = CliRunner()
FIXTURE = str(Path(__file__).parent / "fixtures" / "ietf124_dst.yaml")


def out(*args: str) -> str:
    r = runner.invoke(app, list(args))
    assert r.exit_code == 0, r.output
    return r.stdout


def rows(*args: str) -> dict[str, dict[str, Any]]:
    return {o["id"]: o for o in json.loads(out(*args, "--json"))}


def line_of(text: str, word: str) -> str:
    return next(line for line in text.splitlines() if word in line)


def test_table_shows_both_clocks_and_night() -> None:
    text = out("agenda", "-m", "102", "--tz", "Asia/Tokyo")
    assert "meeting times in America/Montreal (EDT, UTC-4)" in text
    assert "your times in Asia/Tokyo (JST, UTC+9)" in text
    assert "Your time (JST)" in text
    lpwan = line_of(text, "LPWAN")
    assert "09:30 EDT" in lpwan and "22:30 JST" in lpwan and "night" not in lpwan
    v6ops = line_of(text, "13:30 EDT")
    assert "02:30 JST +1 day night" in v6ops and "Thu 19 Jul" in v6ops
    assert "night: in your night (23:00-07:00)" in text


def test_table_los_angeles_night_and_minus_one_day() -> None:
    text = out("agenda", "thu", "-m", "102", "--tz", "Los Angeles")
    assert "06:30 PDT night" in line_of(text, "LPWAN")
    hnl = out("agenda", "-m", "101", "--tz", "Pacific/Honolulu")
    tls = [line for line in hnl.splitlines() if "TLS" in line and "09:30 GMT" in line]
    assert tls and "Wed 21 Mar" in tls[0] and "23:30 HST -1 day" in tls[0]
    # ...so it is a Tuesday session for someone in Honolulu
    assert "TLS" not in out("agenda", "wed", "-m", "101", "--tz", "Pacific/Honolulu")


def test_single_zone_table_unchanged_without_tz() -> None:
    text = out("agenda", "thu", "-m", "102")
    assert "IETF 102 Montreal — Thursday 19 July 2018  · times in America/Montreal (UTC-4)" in text
    assert "Your time" not in text
    assert "09:30 EDT (UTC-4)" in line_of(text, "LPWAN")


def test_untimed_sessions_say_so_in_every_zone() -> None:
    for zone in ("meeting", "Asia/Tokyo", "UTC"):
        text = out("agenda", "fri", "-m", "102", "--tz", zone)
        assert "V6OPS" in line_of(text, "time not given")
    row = rows("agenda", "fri", "-m", "102", "--tz", "Asia/Tokyo")["102-v6ops-2"]
    assert (row["local_start"], row["day_shift"], row["night"]) == (None, None, None)


def test_json_fields_seed_facts() -> None:
    tokyo = rows("agenda", "-m", "102", "--tz", "Asia/Tokyo")
    lp = tokyo["102-lpwan-1"]
    assert lp["start"] == "2018-07-19T09:30:00-04:00" and lp["timezone"] == "America/Montreal"
    assert lp["start_utc"] == "2018-07-19T13:30:00Z"
    assert (lp["local_start"], lp["local_timezone"], lp["day_shift"], lp["night"]) == (
        "2018-07-19T22:30:00+09:00", "Asia/Tokyo", 0, False)
    v6 = tokyo["102-v6ops-1"]
    assert (v6["local_start"], v6["day_shift"], v6["night"]) == (
        "2018-07-20T02:30:00+09:00", 1, True)
    la = rows("agenda", "-m", "102", "--tz", "America/Los_Angeles")["102-lpwan-1"]
    assert (la["local_start"], la["night"]) == ("2018-07-19T06:30:00-07:00", True)
    paris = rows("agenda", "-m", "102", "--tz", "Europe/Paris")["102-lpwan-1"]
    assert paris["local_start"] == "2018-07-19T15:30:00+02:00"
    tls101 = next(o for o in rows("agenda", "wed", "-m", "101", "--tz", "Australia/Sydney").values()
              if o["group"] == "tls")
    assert tls101["local_start"] == "2018-03-21T20:30:00+11:00"
    p101 = next(o for o in rows("agenda", "wed", "-m", "101", "--tz", "Paris").values()
            if o["group"] == "tls")
    assert p101["local_start"] == "2018-03-21T10:30:00+01:00"


def test_custom_night_hours_change_the_flag() -> None:
    assert rows("agenda", "-m", "102", "--tz", "Asia/Tokyo")["102-lpwan-1"]["night"] is False
    out("config", "set", "night", "22:00-06:00")
    assert rows("agenda", "-m", "102", "--tz", "Asia/Tokyo")["102-lpwan-1"]["night"] is True
    assert "night 22:00-06:00" in out("agenda", "-m", "102", "--tz", "Asia/Tokyo")


def test_csv_has_local_columns() -> None:
    text = out("agenda", "thu", "-m", "102", "--tz", "Asia/Tokyo", "--format", "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    lp = next(r for r in table if r["group"] == "lpwan")
    assert (lp["local_start"], lp["local_timezone"], lp["day_shift"], lp["night"]) == (
        "2018-07-19T22:30:00+09:00", "Asia/Tokyo", "0", "false")


def test_markdown_has_your_time_column() -> None:
    text = out("agenda", "-m", "102", "--tz", "Asia/Tokyo", "--format", "markdown")
    assert "| Day | Time | Your time | Group |" in text
    assert "| 13:30 EDT | 02:30 JST +1 day (night) |" in text
    assert "Your times in Asia/Tokyo (JST, UTC+9)" in text or "your times in Asia/Tokyo" in text


def test_today_and_weekday_are_days_in_the_display_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-20T02:00+09:00")  # Thu 13:00 in Montreal
    tokyo = out("today", "--tz", "Asia/Tokyo")
    assert "Friday 20 July 2018 (Asia/Tokyo days)" in tokyo
    assert "V6OPS" in tokyo and "LPWAN" not in tokyo
    montreal = out("today")
    assert "Thursday 19 July 2018" in montreal and "LPWAN" in montreal
    fri_la = out("agenda", "fri", "-m", "102", "--tz", "Asia/Tokyo")
    assert "02:30 JST +1 day" in fri_la


def test_dst_week_each_session_its_own_offset() -> None:
    objs = rows("agenda", "-f", FIXTURE, "--tz", "UTC")
    assert objs["124-hackathon-1"]["start"].endswith("-04:00")
    assert objs["124-dnsop-1"]["start"].endswith("-05:00")
    assert objs["124-hackathon-1"]["local_start"] == "2025-11-01T13:30:00+00:00"
    assert objs["124-dnsop-1"]["local_start"] == "2025-11-03T14:30:00+00:00"
    assert objs["124-fold-1"]["start"] == "2025-11-02T01:30:00-04:00"  # first of the two
    text = out("agenda", "-f", FIXTURE)
    assert "times in America/Montreal (UTC-4 / UTC-5)" in text


def test_dst_fold_warning_reaches_the_user() -> None:
    r = runner.invoke(app, ["agenda", "-f", FIXTURE, "--json"])
    assert "happens twice in America/Montreal" in r.stderr and "using the first" in r.stderr
    json.loads(r.stdout)  # stdout stays pure JSON


def test_data_text_in_dual_table_is_not_markup(tmp_path: Path) -> None:
    p = tmp_path / "m.yaml"
    p.write_text(Path(FIXTURE).read_text().replace("name: Hackathon",
                                                   "name: '[bold red]x[/] \\e[31m'"))
    text = out("agenda", "-f", str(p), "--tz", "Asia/Tokyo")
    assert "[bold red]x[/]" in text and "\x1b" not in text


# --- issue 15: an end past midnight says so -------------------------------------------------

LATE = """\
meeting:
  number: 950
  city: Montreal
  timezone: America/Montreal
  start: 2018-07-16
  end: 2018-07-20
sessions:
  - group: late
    date: 2018-07-19
    time: 09:30-12:00 EDT
"""


@pytest.mark.parametrize("fmt", ["markdown", "table"])
def test_end_past_midnight_is_marked_next_day(tmp_path: Path, fmt: str) -> None:
    from zoneinfo import ZoneInfo

    tokyo, mtl = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/Montreal")
    from datetime import datetime

    start = datetime(2018, 7, 19, 9, 30, tzinfo=mtl).astimezone(tokyo)
    end = datetime(2018, 7, 19, 12, 0, tzinfo=mtl).astimezone(tokyo)
    assert (end.date() - start.date()).days == 1  # the oracle: it ends the next day in Tokyo
    path = tmp_path / "late.yaml"
    path.write_text(LATE, encoding="utf-8")
    text = out("agenda", "all", "-f", str(path), "--tz", "Tokyo", "--format", fmt)
    assert f"{start:%H:%M}–{end:%H:%M} +1 day JST" in text
    # the meeting's own clock ends the day it starts: no mark there
    assert "09:30–12:00 EDT" in text and "12:00 +1 day EDT" not in text
