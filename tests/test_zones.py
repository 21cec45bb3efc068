"""zones: cities, 'local', configured defaults, night hours, abbreviations in force."""

from __future__ import annotations

from datetime import datetime, time, timezone

import pytest
import pytz

from ietfplan import timefmt, zones
from ietfplan.app import settings as config
from ietfplan.errors import UsageError
from tests.conftest import app_context


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


@pytest.mark.parametrize(("typed", "iana"), [
    ("Tokyo", "Asia/Tokyo"), ("tokyo", "Asia/Tokyo"), ("Sao Paulo", "America/Sao_Paulo"),
    ("São Paulo", "America/Sao_Paulo"), ("sao_paulo", "America/Sao_Paulo"),
    ("Montreal", "America/Montreal"), ("Buenos Aires", "America/Argentina/Buenos_Aires"),
    ("asia/tokyo", "Asia/Tokyo"), ("UTC", "UTC"), ("San Francisco", "America/Los_Angeles"),
])  # fmt: skip
def test_zone_by_name_or_unique_city(typed: str, iana: str) -> None:
    assert str(zones.resolve_zone(typed)) == iana


def test_ambiguous_city_lists_candidates() -> None:
    with pytest.raises(UsageError) as err:
        zones.resolve_zone("Portland")
    text = err.value.format()
    assert "ambiguous" in text and "America/Los_Angeles" in text and "America/New_York" in text


def test_unknown_city_did_you_mean() -> None:
    with pytest.raises(UsageError) as err:
        zones.resolve_zone("Tokio")
    assert "Asia/Tokyo" in err.value.format()


@pytest.mark.parametrize("tz", ["Asia/Tokyo", ":Asia/Tokyo", "/usr/share/zoneinfo/Asia/Tokyo"])
def test_local_zone_from_tz_variable(monkeypatch: pytest.MonkeyPatch, tz: str) -> None:
    monkeypatch.setenv("TZ", tz)
    assert str(zones.resolve_zone("local")) == "Asia/Tokyo"


def test_local_zone_bad_tz_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "JST-9")
    with pytest.raises(UsageError) as err:
        zones.local_zone()
    assert "TZ" in err.value.format()


def test_local_zone_from_system_when_tz_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr("os.path.realpath", lambda p: "/usr/share/zoneinfo/Europe/Paris")
    assert str(zones.local_zone()) == "Europe/Paris"


def test_display_zone_default_is_meeting_zone() -> None:
    assert zones.resolve_display_zone(None) is None
    assert zones.resolve_display_zone("meeting") is None


def test_display_zone_from_config_global_and_per_meeting() -> None:
    ctx = app_context()
    config.save_settings(config.Settings(tz="Asia/Tokyo", meeting_tz={101: "Australia/Sydney"}),
                         ctx.folders.config_file)
    prefs = app_context().prefs
    assert str(prefs.zone_for(None)) == "Asia/Tokyo"
    assert str(prefs.zone_for(101)) == "Australia/Sydney"
    assert str(prefs.zone_for(102)) == "Asia/Tokyo"
    assert str(zones.resolve_display_zone("Paris")) == "Europe/Paris"
    assert zones.resolve_display_zone(None) is None


LA = pytz.timezone("America/Los_Angeles")


@pytest.mark.parametrize(("start", "end", "night"), [
    (utc(2018, 7, 19, 13, 30), None, True),    # 06:30 PDT
    (utc(2018, 7, 19, 14, 0), None, False),    # 07:00 PDT: night is over
    (utc(2018, 7, 19, 16, 30), None, False),   # 09:30 PDT
    (utc(2018, 7, 19, 5, 59), None, False),    # 22:59 PDT
    (utc(2018, 7, 19, 6, 0), None, True),      # 23:00 PDT
    (utc(2018, 7, 19, 4, 0), utc(2018, 7, 19, 6, 30), True),  # 21:00-23:30 runs into night
    (utc(2018, 7, 19, 4, 0), utc(2018, 7, 19, 6, 0), False),  # 21:00-23:00 ends as it starts
])  # fmt: skip
def test_night_hours(start: datetime, end: datetime | None, night: bool) -> None:
    assert zones.in_night(start, end, LA, zones.DEFAULT_NIGHT) is night


def test_night_window_not_crossing_midnight() -> None:
    window = (time(1, 0), time(5, 0))
    assert zones.in_night(utc(2018, 7, 19, 9, 0), None, LA, window)  # 02:00 PDT
    assert not zones.in_night(utc(2018, 7, 19, 6, 30), None, LA, window)  # 23:30 PDT


@pytest.mark.parametrize(("abbr", "instant", "zones_", "expected"), [
    ("EDT", utc(2018, 7, 19, 13, 30), ("America/New_York",), True),
    ("EDT", utc(2025, 12, 1, 13, 30), ("America/New_York",), False),
    ("MST", utc(2018, 7, 19, 16, 30), ("America/Denver", "America/Phoenix"), True),
    ("AEST", utc(2018, 1, 19, 0, 0), ("Australia/Sydney", "Australia/Brisbane"), True),
    ("AEDT", utc(2018, 7, 19, 0, 0), ("Australia/Sydney",), False),
])  # fmt: skip
def test_abbreviation_in_force(abbr: str, instant: datetime, zones_: tuple[str, ...],
                               expected: bool) -> None:
    minutes = zones.abbreviation_meanings(abbr)[0][0]
    at = instant.astimezone(zones.fixed_zone(minutes))
    assert zones.in_force(abbr, at, zones_) is expected


def test_abbreviation_tables_agree_with_timefmt() -> None:
    for abbr in zones.known_abbreviations():
        offsets = {m[0] for m in zones.abbreviation_meanings(abbr)}
        assert offsets <= set(timefmt.ABBREVIATIONS[abbr]), abbr
        for _, _, names in zones.abbreviation_meanings(abbr):
            for name in names:
                zones.get_zone(name)


def test_city_table_is_built_lazily() -> None:
    import subprocess
    import sys

    code = ("import ietfplan.zones as z, ietfplan.cli; "
            "print(z._city_table.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "0"


def test_local_zone_from_posix_localtime_link(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TZ", raising=False)
    monkeypatch.setattr("os.path.realpath", lambda p: "/usr/share/zoneinfo/posix/Asia/Tokyo")
    assert str(zones.local_zone()) == "Asia/Tokyo"


# --- issue 15: zones people type that are not places -----------------------------------------

def _cli(*args: str):  # type: ignore[no-untyped-def]
    from tests.cli.helpers import invoke

    return invoke(*args, env={"IETFPLAN_NOW": "2018-07-19T08:00-04:00"})


@pytest.mark.parametrize(("typed", "place"), [
    ("EST", "America/New_York"), ("est", "America/New_York"), ("MST", "America/Denver"),
    ("HST", "Pacific/Honolulu"),
])  # fmt: skip
@pytest.mark.parametrize("where", [["config", "set", "tz"], ["agenda", "--tz"],
                                   ["convert", "09:30", "--to"]])
def test_tzdata_fixed_est_is_refused_pointing_to_the_place(typed: str, place: str,
                                                          where: list[str]) -> None:
    # tzdata's EST is UTC-5 in July too: a New York user would see sessions an hour early
    assert utc(2018, 7, 19, 12).astimezone(pytz.timezone(typed.upper())).utcoffset() == \
        utc(2018, 1, 19, 12).astimezone(pytz.timezone(typed.upper())).utcoffset()
    r = _cli(*where, typed)
    assert r.exit_code == 2, r.stdout
    assert "legacy zone fixed at" in r.stderr and f"use {place}" in r.stderr


@pytest.mark.parametrize("typed", ["EST5EDT", "CET", "UTC", "Etc/GMT-9", "US/Eastern"])
def test_zones_that_follow_the_rules_stay_valid(typed: str) -> None:
    assert _cli("config", "set", "tz", typed).exit_code == 0


def test_ist_one_message_in_config_and_convert() -> None:
    config_err = _cli("config", "set", "tz", "IST").stderr
    from_err = _cli("convert", "09:30", "--from", "IST", "--to", "UTC").stderr
    label_err = _cli("convert", "09:30", "IST", "--to", "UTC").stderr
    first = "error: 'IST' is ambiguous: it could be India UTC+5:30 (Asia/Kolkata); " \
            "Irish summer UTC+1 (Europe/Dublin); Israel UTC+2 (Asia/Jerusalem)"
    for err in (config_err, from_err, label_err):
        assert err.splitlines()[0] == first
    assert "Istanbul" not in config_err


def test_unique_abbreviation_points_to_its_zone() -> None:
    r = _cli("config", "set", "tz", "JST")
    assert r.exit_code == 2 and "use Asia/Tokyo" in r.stderr


@pytest.mark.parametrize(("typed", "etc"), [("UTC+9", "Etc/GMT-9"), ("GMT-5", "Etc/GMT+5"),
                                            ("+05:30", "")])
def test_utc_offset_refused_with_etc_sign_explained(typed: str, etc: str) -> None:
    r = _cli("config", "set", "tz", typed)
    assert r.exit_code == 2 and "is a fixed UTC offset, not a zone" in r.stderr
    if etc:
        minutes = timefmt.offset_label(typed)
        assert minutes is not None
        offset = utc(2018, 7, 19).astimezone(pytz.timezone(etc)).utcoffset()
        assert offset is not None and offset.total_seconds() == minutes * 60  # the oracle
        assert f"or {etc} for" in r.stderr and "sign inverted" in r.stderr
    else:
        assert "Etc/" not in r.stderr
