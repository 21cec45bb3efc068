"""convert: typed times and sessions in other zones, with the seed's facts."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from ietfplan import timefmt
from ietfplan.cli import app
from ietfplan.errors import UsageError
from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting
from ietfplan.plan.convert import Conversion, convert
from ietfplan.zones import get_zone

FIXTURE = str(Path(__file__).parent / "fixtures" / "ietf124_dst.yaml")
TOKYO, LA, PARIS, SYDNEY, UTC = (get_zone(z) for z in (
    "Asia/Tokyo", "America/Los_Angeles", "Europe/Paris", "Australia/Sydney", "UTC"))


@pytest.fixture(scope="module")
def ietf101() -> Meeting:
    return Catalog(user_dir=None).by_number(101)


@pytest.fixture(scope="module")
def ietf102() -> Meeting:
    return Catalog(user_dir=None).by_number(102)


def clocks(c: Conversion) -> list[str]:
    return [f"{t.start:%a %d %H:%M %Z}" + (" night" if t.night else "") +
            (f" {t.day_shift:+d}" if t.day_shift else "") for t in c.targets]


def test_lpwan_102_in_four_zones(ietf102: Meeting) -> None:
    [c] = convert("lpwan", [UTC, TOKYO, LA, PARIS], meeting=ietf102)
    assert f"{c.start:%Y-%m-%d %H:%M %Z}" == "2018-07-19 09:30 EDT"
    assert clocks(c) == ["Thu 19 13:30 UTC", "Thu 19 22:30 JST", "Thu 19 06:30 PDT night",
                         "Thu 19 15:30 CEST"]


def test_v6ops_102_is_next_day_in_tokyo(ietf102: Meeting) -> None:
    first, second = convert("v6ops", [TOKYO], meeting=ietf102)
    assert clocks(first) == ["Fri 20 02:30 JST night +1"]
    assert second.start is None and second.targets == []  # the Friday session has no time


def test_tls_101_in_paris_and_sydney(ietf101: Meeting) -> None:
    [c] = convert("tls", [PARIS, SYDNEY], meeting=ietf101)
    assert clocks(c) == ["Wed 21 10:30 CET", "Wed 21 20:30 AEDT"]
    [typed] = convert("Wed 09:30", [PARIS, SYDNEY], meeting=ietf101)
    assert clocks(typed) == clocks(c)


@pytest.mark.parametrize(("typed", "utc"), [
    ("09.30 EDT", "2018-07-19 13:30"),
    ("Thu 13:30", "2018-07-19 17:30"),
    ("thursday 13h30", "2018-07-19 17:30"),
    ("2018-07-19 13.30 UTC-4", "2018-07-19 17:30"),
    ("2018-07-19 13.30 EDT/UTC-4", "2018-07-19 17:30"),
    ("13:30 GMT", "2018-07-19 13:30"),
    ("13:30Z", "2018-07-19 13:30"),
    ("Fri 9:00 Tokyo", "2018-07-20 00:00"),
    ("2018-07-19T13:30-04:00", "2018-07-19 17:30"),
    ("Mon 09:30 +5:30", "2018-07-16 04:00"),
])  # fmt: skip
def test_free_form_times(ietf102: Meeting, typed: str, utc: str) -> None:
    [c] = convert(typed, [UTC], meeting=ietf102, today=date(2018, 7, 19))
    assert f"{c.targets[0].start:%Y-%m-%d %H:%M}" == utc


def test_bare_time_is_in_meeting_zone_and_from_overrides(ietf102: Meeting) -> None:
    [c] = convert("09:30", [UTC], meeting=ietf102, today=date(2018, 7, 17))
    assert f"{c.start:%Y-%m-%d %H:%M %Z}" == "2018-07-17 09:30 EDT"
    [c] = convert("09:30", [UTC], meeting=ietf102, from_zone=TOKYO, today=date(2018, 7, 17))
    assert f"{c.targets[0].start:%Y-%m-%d %H:%M}" == "2018-07-17 00:30"


@pytest.mark.parametrize(("typed", "words"), [
    ("09:30 IST", ["ambiguous", "Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"]),
    ("09:30 CST", ["ambiguous", "America/Chicago", "Asia/Shanghai"]),
    ("09:30 BST", ["ambiguous", "Europe/London", "Asia/Dhaka"]),
    ("2018-12-03 09:30 EDT", ["EDT", "not in force", "EST (UTC-5)"]),
    ("2018-12-03 09:30 CEST", ["CEST", "not in force", "CET (UTC+1)"]),
    ("09:30 XYZ", ["not a zone"]),
    ("25:00 EDT", ["not a time of day"]),
    ("Fri 09:30 UTC+15", ["not a UTC offset"]),
])  # fmt: skip
def test_refused_inputs_say_why(ietf102: Meeting, typed: str, words: list[str]) -> None:
    with pytest.raises(UsageError) as err:
        convert(typed, [UTC], meeting=ietf102, today=date(2018, 7, 19))
    text = err.value.format()
    for w in words:
        assert w in text


def test_ambiguous_abbreviation_settled_by_zone_in_force(ietf102: Meeting,
                                                         ietf101: Meeting) -> None:
    kolkata = get_zone("Asia/Kolkata")
    [c] = convert("09:30 IST", [UTC], meeting=ietf102, from_zone=kolkata, today=date(2018, 7, 19))
    assert f"{c.targets[0].start:%H:%M}" == "04:00"
    with pytest.raises(UsageError) as err:  # London is on GMT in March: BST contradicts it
        convert("Wed 09:30 BST", [UTC], meeting=ietf101)
    assert "not in force" in err.value.format() and "GMT" in err.value.format()


def test_abbreviation_contradicting_from_zone_is_an_error(ietf102: Meeting) -> None:
    with pytest.raises(UsageError) as err:
        convert("09:30 EDT", [UTC], meeting=ietf102, from_zone=TOKYO, today=date(2018, 7, 19))
    assert "contradicts --from Asia/Tokyo" in err.value.format()


def test_session_references(ietf102: Meeting) -> None:
    [c] = convert("dnsop#1", [UTC], meeting=ietf102)
    assert c.session is not None and c.session.id == "102-dnsop-1"
    [c] = convert("102-v6ops-1", [UTC], meeting=ietf102)
    assert f"{c.targets[0].start:%H:%M}" == "17:30"
    assert [x.session.id for x in convert("6man", [UTC], meeting=ietf102) if x.session] == [
        "102-6man-1", "102-6man-2"]
    with pytest.raises(UsageError) as err:
        convert("dnsop#5", [UTC], meeting=ietf102)
    assert "dnsop#1 to dnsop#2" in err.value.format()
    with pytest.raises(UsageError) as err:
        convert("v6opz", [UTC], meeting=ietf102)
    assert "v6ops" in err.value.format()


@pytest.fixture(scope="module")
def ietf124() -> Meeting:
    return Catalog(user_dir=None).load_file(FIXTURE)


def test_dst_week_each_day_its_own_offset(ietf124: Meeting) -> None:
    [sat] = convert("Sat 09:30", [UTC], meeting=ietf124)
    [mon] = convert("Mon 09:30", [UTC], meeting=ietf124)
    assert f"{sat.start:%Z} {sat.targets[0].start:%H:%M}" == "EDT 13:30"
    assert f"{mon.start:%Z} {mon.targets[0].start:%H:%M}" == "EST 14:30"
    [bare] = convert("09:30", [UTC], meeting=ietf124, today=date(2025, 11, 4))
    assert any("offset changes during IETF 124" in n for n in bare.notes)


def test_dst_fold_gets_the_rule_and_a_warning_and_a_gap_is_refused(ietf124: Meeting) -> None:
    [fold] = convert("Sun 01:30", [UTC], meeting=ietf124)
    assert f"{fold.start:%H:%M %Z}" == "01:30 EDT"
    assert any("happens twice" in n and "'01:30 EST' for the second" in n for n in fold.notes)
    with pytest.raises(UsageError) as err:  # spring forward: 02:30 never shows on the clocks
        convert("2025-03-09 02:30", [UTC], meeting=ietf124)
    assert "2025-03-09 02:30 does not exist in America/Montreal" in err.value.format()


def test_parse_when_parts() -> None:
    w = timefmt.parse_when("Thu, 9.30 Sao Paulo")
    assert (w.clock, w.weekday, w.label) == (time(9, 30), 3, "Sao Paulo")
    assert timefmt.parse_when("2018-07-19 1330").day == date(2018, 7, 19)
    assert not timefmt.looks_like_time("v6ops")
    with pytest.raises(ValueError, match="no time of day"):
        timefmt.parse_when("Thu")


runner = CliRunner()


def test_cli_convert_text_and_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-19T08:00-04:00")
    r = runner.invoke(app, ["convert", "lpwan", "--to", "Tokyo", "--to", "Los Angeles"])
    assert r.exit_code == 0, r.output
    assert "22:30 JST (UTC+9)" in r.stdout and "06:30 PDT (UTC-7)  night" in r.stdout
    r = runner.invoke(app, ["convert", "13:30", "EDT", "--to", "Asia/Tokyo", "--json"])
    [obj] = json.loads(r.stdout)
    assert obj["utc"] == "2018-07-19T17:30:00Z"
    assert obj["to"][0]["datetime"] == "2018-07-20T02:30:00+09:00"
    assert (obj["to"][0]["day_shift"], obj["to"][0]["night"]) == (1, True)
    r = runner.invoke(app, ["convert", "v6ops#2", "--to", "UTC"])
    assert "time not given" in r.stdout


def test_cli_convert_default_target_is_config_then_local(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-19T08:00-04:00")
    monkeypatch.setenv("TZ", "Europe/Paris")
    r = runner.invoke(app, ["convert", "09:30"])
    assert "Europe/Paris" in r.stdout and "15:30 CEST" in r.stdout
    assert runner.invoke(app, ["config", "set", "tz", "Tokyo"]).exit_code == 0
    r = runner.invoke(app, ["convert", "09:30"])
    assert "Asia/Tokyo" in r.stdout and "22:30 JST" in r.stdout


def test_cli_convert_errors_exit_2_without_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-19T08:00-04:00")
    r = runner.invoke(app, ["convert", "09:30", "IST", "--to", "UTC"])
    assert r.exit_code == 2
    assert "ambiguous" in r.stderr and "Traceback" not in r.output
    r = runner.invoke(app, ["convert", "09:30", "--to", "Portland"])
    assert r.exit_code == 2 and "America/New_York" in r.stderr


def test_midnight_utc_is_next_morning_in_tokyo_and_previous_evening_in_la(
        ietf102: Meeting) -> None:
    [c] = convert("2018-07-19 00:00 UTC", [TOKYO, LA], meeting=ietf102)
    assert [t.start.isoformat() for t in c.targets] == [
        "2018-07-19T09:00:00+09:00", "2018-07-18T17:00:00-07:00"]
    assert [t.day_shift for t in c.targets] == [0, -1]


@pytest.mark.parametrize(("typed", "utc"), [
    ("Thu 9am", "13:00"), ("Thu 1:30pm", "17:30"), ("Thu 12am", "04:00"), ("Thu 12 p.m.", "16:00"),
    ("Thu 9:15 AM EDT", "13:15"),
])
def test_twelve_hour_clock(typed: str, utc: str) -> None:
    r = CliRunner().invoke(app, ["convert", typed, "-m", "102", "--to", "UTC", "--json"])
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["utc"][11:16] == utc


def test_thirteen_pm_is_refused() -> None:
    r = CliRunner().invoke(app, ["convert", "13pm", "-m", "102", "--to", "UTC"])
    assert r.exit_code == 2 and "with am/pm the hour is 1 to 12" in r.stderr


def test_now_uses_the_clock() -> None:
    r = CliRunner().invoke(app, ["convert", "now", "-m", "102", "--to", "Asia/Tokyo", "--json"],
                           env={"IETFPLAN_NOW": "2018-07-19T09:00-04:00"})
    assert r.exit_code == 0, r.stderr
    [obj] = json.loads(r.stdout)
    assert obj["utc"] == "2018-07-19T13:00:00Z" and obj["to"][0]["time"] == "22:00"


# --- issue 15: EST all year, words for days and times --------------------------------------

JULY_NOW = {"IETFPLAN_NOW": "2018-07-19T08:00-04:00"}


def test_est_for_a_meeting_on_edt_is_refused_naming_edt() -> None:
    r = runner.invoke(app, ["convert", "09:30", "EST", "--to", "meeting", "--to", "Tokyo"],
                      env=JULY_NOW)
    assert r.exit_code == 2, r.stdout
    assert "EST (UTC-5) is not in force in America/Montreal on Thu 19 Jul 2018" in r.stderr
    assert "EDT (UTC-4)" in r.stderr and "09:30 EDT" in r.stderr
    assert r.stdout == ""


def test_est_elsewhere_is_converted_with_a_warning_naming_edt() -> None:
    # a London meeting in March: EST is not the meeting's clock; New York is on EDT then
    r = runner.invoke(app, ["convert", "Wed 09:30 EST", "-m", "101", "--to", "UTC", "--json"])
    assert r.exit_code == 0, r.stderr
    assert "America/New_York is on EDT (UTC-4)" in r.stderr and "write EDT" in r.stderr
    assert json.loads(r.stdout)[0]["utc"] == "2018-03-21T14:30:00Z"  # taken as UTC-5


@pytest.mark.parametrize(("typed", "wall"), [
    ("tomorrow 9:00", "2018-07-20 09:00"),
    ("tomorrow 9am", "2018-07-20 09:00"),
    ("today noon", "2018-07-19 12:00"),
    ("noon", "2018-07-19 12:00"),
    ("midnight", "2018-07-19 00:00"),
    ("tomorrow midnight", "2018-07-20 00:00"),
    ("yesterday 13:30", "2018-07-18 13:30"),
])  # fmt: skip
def test_day_and_time_words(typed: str, wall: str) -> None:
    from zoneinfo import ZoneInfo

    r = runner.invoke(app, ["convert", *typed.split(), "--to", "UTC", "--json"], env=JULY_NOW)
    assert r.exit_code == 0, r.stderr
    want = datetime.strptime(wall, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo("America/Montreal"))
    assert json.loads(r.stdout)[0]["utc"] == want.astimezone(timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def test_tomorrow_is_in_the_from_zone() -> None:
    # 08:00 in Montreal is 21:00 in Tokyo: tomorrow there is Friday 20
    r = runner.invoke(app, ["convert", "tomorrow", "9:00", "--from", "Tokyo", "--to", "UTC",
                            "--json"], env=JULY_NOW)
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["utc"] == "2018-07-20T00:00:00Z"
