"""Issue 14, time items (9, 10, 11, 12's ``--tz ""``): what an adversarial run found.

Oracles: the stdlib's zoneinfo (independent of pytz, which ietfplan uses up to 2037) and
icalendar reading the exported file back.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.cli.helpers import invoke

UTC = timezone.utc
PARIS = ZoneInfo("Europe/Paris")
MONTREAL = ZoneInfo("America/Montreal")


def write(tmp_path: Path, text: str, name: str = "m.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def utc_text(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- 11: daylight saving time after 2037 ------------------------------------------------

# Europe/Paris goes back from CEST to CET at 03:00 on Sunday 28 October 2040.
PARIS_2040 = """\
meeting:
  number: 940
  city: Paris
  timezone: Europe/Paris
  start: 2040-10-20
  end: 2040-10-30
sessions:
  - group: early
    date: 2040-10-20
    time: 18:00-19:30
  - group: before
    date: 2040-10-26
    time: 09:00-11:00 CEST
  - group: second
    date: 2040-10-28
    time: 02:30-02:45 CET
  - group: after
    date: 2040-10-29
    time: 09:00-11:00
"""
# (group, wall clock, fold) → the instant by zoneinfo: fold=1 is the second 02:30 (CET)
PARIS_EXPECTED = {
    "early": (datetime(2040, 10, 20, 18, 0), datetime(2040, 10, 20, 19, 30), 0),
    "before": (datetime(2040, 10, 26, 9, 0), datetime(2040, 10, 26, 11, 0), 0),
    "second": (datetime(2040, 10, 28, 2, 30), datetime(2040, 10, 28, 2, 45), 1),
    "after": (datetime(2040, 10, 29, 9, 0), datetime(2040, 10, 29, 11, 0), 0),
}


def paris(wall: datetime, fold: int) -> datetime:
    return wall.replace(tzinfo=PARIS, fold=fold)


def test_2040_meeting_file_read_with_the_ongoing_rule(tmp_path: Path) -> None:
    path = write(tmp_path, PARIS_2040)
    r = invoke("agenda", "all", "-f", path, "--json")
    assert r.exit_code == 0, r.stderr
    got = {o["group"]: o for o in json.loads(r.stdout)}
    for group, (start, end, fold) in PARIS_EXPECTED.items():
        assert got[group]["start_utc"] == utc_text(paris(start, fold)), group
        assert got[group]["end_utc"] == utc_text(paris(end, fold)), group
    # the case the issue names: 18:00 in Paris in summer 2040 is 16:00Z (CEST), not 17:00Z
    assert got["early"]["start_utc"] == "2040-10-20T16:00:00Z"
    assert got["early"]["start"] == "2040-10-20T18:00:00+02:00"


def test_2040_agenda_in_another_zone(tmp_path: Path) -> None:
    path = write(tmp_path, PARIS_2040)
    r = invoke("agenda", "all", "-f", path, "--tz", "America/Montreal", "--json")
    assert r.exit_code == 0, r.stderr
    got = {o["group"]: o for o in json.loads(r.stdout)}
    for group, (start, _, fold) in PARIS_EXPECTED.items():
        want = paris(start, fold).astimezone(MONTREAL)
        assert got[group]["local_start"] == want.isoformat(), group


@pytest.mark.parametrize(("typed", "wall", "fold"), [
    ("2040-09-01 18:00", datetime(2040, 9, 1, 18, 0), 0),
    ("2040-10-29 09:00", datetime(2040, 10, 29, 9, 0), 0),
    ("2040-10-28 02:30 CEST", datetime(2040, 10, 28, 2, 30), 0),
    ("2040-10-28 02:30 CET", datetime(2040, 10, 28, 2, 30), 1),
])  # fmt: skip
def test_2040_convert(typed: str, wall: datetime, fold: int) -> None:
    r = invoke("convert", typed, "--from", "Europe/Paris", "--to", "Asia/Tokyo", "--json")
    assert r.exit_code == 0, r.stderr
    [obj] = json.loads(r.stdout)
    instant = paris(wall, fold)
    assert obj["utc"] == utc_text(instant)
    assert obj["to"][0]["datetime"] == instant.astimezone(ZoneInfo("Asia/Tokyo")).isoformat()


def test_2040_gap_is_refused_by_convert() -> None:
    # 31 March 2040, 02:30 does not exist in Paris (the clocks go from 02:00 to 03:00)
    assert paris(datetime(2040, 3, 25, 2, 30), 0).astimezone(UTC).astimezone(PARIS).hour == 3
    r = invoke("convert", "2040-03-25 02:30", "--from", "Europe/Paris", "--to", "UTC")
    assert r.exit_code == 2 and "does not exist in Europe/Paris" in r.stderr


def _offset_at(vtz: icalendar.Timezone, instant: datetime) -> timedelta:
    """The offset a VTIMEZONE gives at ``instant`` (RFC 5545 3.6.5: an observance starts
    at its DTSTART, local time in its TZOFFSETFROM)."""
    onsets = sorted((sub.decoded("DTSTART").replace(tzinfo=UTC) - sub.decoded("TZOFFSETFROM"),
                     sub.decoded("TZOFFSETTO")) for sub in vtz.subcomponents)
    assert onsets[0][0] <= instant
    return [to for onset, to in onsets if onset <= instant][-1]


def test_2040_export_vtimezone_and_dtstart(tmp_path: Path) -> None:
    path = write(tmp_path, PARIS_2040)
    out = tmp_path / "m.ics"
    r = invoke("export", "-f", path, "-o", str(out))
    assert r.exit_code == 0, r.stderr
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    [vtz] = cal.walk("VTIMEZONE")
    assert str(vtz["TZID"]) == "Europe/Paris"
    t = datetime(2040, 10, 20, tzinfo=UTC)
    while t < datetime(2040, 10, 31, tzinfo=UTC):
        assert _offset_at(vtz, t) == t.astimezone(PARIS).utcoffset(), t
        t += timedelta(minutes=15)
    got = {}
    for ev in cal.walk("VEVENT"):
        prop = ev["DTSTART"]
        group = str(ev["UID"]).split("-")[1]  # ietf940-<group>-<n>@ietfplan
        if "TZID" not in prop.params:  # written in UTC (the repeated hour)
            got[group] = prop.dt
            continue
        assert prop.params["TZID"] == "Europe/Paris"
        wall = prop.dt.replace(tzinfo=UTC)
        # RFC 5545: the wall clock in the VTIMEZONE's offset in force then (the first, if twice)
        fits = [wall - off for off in {sub.decoded("TZOFFSETTO") for sub in vtz.subcomponents}
                if _offset_at(vtz, wall - off) == off]
        got[group] = min(fits)
    for group, (start, _, fold) in PARIS_EXPECTED.items():
        assert got[group] == paris(start, fold).astimezone(UTC), group


ZONES = st.sampled_from(["Europe/Paris", "America/Montreal", "Australia/Sydney",
                         "America/Santiago", "Pacific/Auckland", "Australia/Lord_Howe",
                         "Europe/London", "America/Los_Angeles", "Asia/Tokyo", "Africa/Cairo"])
INSTANTS = st.datetimes(min_value=datetime(2030, 1, 1), max_value=datetime(2100, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=UTC))


@settings(max_examples=400, deadline=None)
@given(name=ZONES, instant=INSTANTS)
def test_instants_across_2037_match_zoneinfo(name: str, instant: datetime) -> None:
    from ietfplan.zones import get_zone, localize, to_zone

    with pytz.open_resource(name) as fh:  # the same tzdata release as pytz's tables
        oracle = ZoneInfo.from_file(fh, key=name)
    want = instant.astimezone(oracle)
    got = to_zone(instant, get_zone(name))
    assert got == instant
    assert (got.replace(tzinfo=None), got.utcoffset(), got.tzname()) == (
        want.replace(tzinfo=None), want.utcoffset(), want.tzname())
    again, warning = localize(got.replace(tzinfo=None), get_zone(name))
    assert again == instant or "twice" in warning


def test_the_tzdata_rules_ietfplan_reads_after_2037_are_pytzs() -> None:
    """Zoneinfo reads pytz's copy of the zone file: the rules do not change at 2038 for a
    zone whose rules differ between pytz's tzdata release and the system's."""
    from ietfplan.zones import get_zone, to_zone

    for name in pytz.common_timezones:
        zone = get_zone(name)
        last = to_zone(datetime(2037, 12, 31, 12, tzinfo=UTC), zone)
        first = to_zone(datetime(2038, 1, 1, 12, tzinfo=UTC), zone)
        assert (last.utcoffset(), last.tzname()) == (first.utcoffset(), first.tzname()), name


# --- 9: a label decides which of two repeated times is meant; a time that does not exist --

FALL_BACK = """\
meeting:
  number: 918
  city: Montreal
  timezone: America/Montreal
  start: 2018-11-03
  end: 2018-11-05
sessions:
  - group: second
    date: 2018-11-04
    time: 01.30 EST
  - group: first
    date: 2018-11-04
    time: 01.30-01.45 EDT
  - group: across
    date: 2018-11-04
    start: 01:45 EDT
    end: 01:15 EST
  - group: long
    date: 2018-11-04
    time: 01:30-03:00 EDT
"""


def test_label_picks_the_repeated_hour_in_a_meeting_file(tmp_path: Path) -> None:
    path = write(tmp_path, FALL_BACK)
    r = invoke("validate", path)
    assert r.exit_code == 0, r.stderr
    r = invoke("agenda", "all", "-f", path, "--json")
    assert r.exit_code == 0, r.stderr
    got = {o["group"]: o for o in json.loads(r.stdout)}
    mtl = lambda h, m, fold: datetime(2018, 11, 4, h, m, tzinfo=MONTREAL, fold=fold)  # noqa: E731
    assert got["second"]["start_utc"] == utc_text(mtl(1, 30, 1)) == "2018-11-04T06:30:00Z"
    assert got["first"]["start_utc"] == utc_text(mtl(1, 30, 0))
    assert got["first"]["end_utc"] == utc_text(mtl(1, 45, 0))
    assert got["across"]["start_utc"] == utc_text(mtl(1, 45, 0))  # 30 minutes long
    assert got["across"]["end_utc"] == utc_text(mtl(1, 15, 1))
    # a range's label is its start's: 03:00 is EST, after the clocks went back
    assert got["long"]["start_utc"] == utc_text(mtl(1, 30, 0))
    assert got["long"]["end_utc"] == utc_text(mtl(3, 0, 0)) == "2018-11-04T08:00:00Z"


@pytest.mark.parametrize("time_field", ["02:30 EDT", "02:30 EST", "02:30", "02:00-03:30"])
def test_a_time_that_does_not_exist_is_an_error_in_a_file(tmp_path: Path, time_field: str) -> None:
    path = write(tmp_path, f"""\
meeting:
  number: 917
  city: Montreal
  timezone: America/Montreal
  start: 2018-03-10
  end: 2018-03-12
sessions:
  - group: gap
    date: 2018-03-11
    time: {time_field}
""")
    r = invoke("validate", path)
    assert r.exit_code == 2
    assert f"{path}:10:11: error: 2018-03-11 02:" in r.stderr
    assert "does not exist in America/Montreal" in r.stderr and "Traceback" not in r.stderr


def test_convert_second_repeated_time_and_gap() -> None:
    r = invoke("convert", "2018-11-04", "01:30", "EST", "--from", "America/Montreal",
               "--to", "UTC", "--json")
    assert r.exit_code == 0, r.stderr
    want = datetime(2018, 11, 4, 1, 30, tzinfo=MONTREAL, fold=1)
    assert json.loads(r.stdout)[0]["utc"] == utc_text(want) == "2018-11-04T06:30:00Z"
    for typed in ("2018-03-11 02:30 EDT", "2018-03-11 02:30"):
        r = invoke("convert", typed, "--from", "America/Montreal", "--to", "UTC")
        assert r.exit_code == 2, r.stdout
        assert "2018-03-11 02:30 does not exist in America/Montreal" in r.stderr
        assert "02:30 EDT would be 01:30 EST" in r.stderr


@pytest.mark.parametrize(("now", "utc"), [
    ("2018-11-04T01:30-05:00[America/Montreal]", "2018-11-04T06:30:00Z"),
    ("2018-11-04T01:30-04:00[America/Montreal]", "2018-11-04T05:30:00Z"),
    ("2018-07-19T08:00[America/Montreal]", "2018-07-19T12:00:00Z"),
])  # fmt: skip
def test_ietfplan_now_with_a_zone(now: str, utc: str) -> None:
    r = invoke("convert", "now", "-m", "102", "--to", "UTC", "--json", env={"IETFPLAN_NOW": now})
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["utc"] == utc


@pytest.mark.parametrize(("now", "words"), [
    ("2018-03-11T02:30-04:00[America/Montreal]", "does not exist in America/Montreal"),
    ("2018-03-11T02:30[America/Montreal]", "does not exist in America/Montreal"),
    ("2018-11-04T01:30[America/Montreal]", "happens twice in America/Montreal"),
    ("2018-07-19T08:00-05:00[America/Montreal]", "is EDT (UTC-4), not UTC-5"),
    ("2018-07-19T08:00[Mars/Olympus]", "unknown time zone 'Mars/Olympus'"),
])  # fmt: skip
def test_ietfplan_now_refused(now: str, words: str) -> None:
    r = invoke("today", "-m", "102", env={"IETFPLAN_NOW": now})
    assert r.exit_code == 2 and words in r.stderr and "IETFPLAN_NOW" in r.stderr


# --- 10: no internal error near year 1 and 9999 --------------------------------------------

@pytest.mark.parametrize("now", ["9999-12-31T23:59-12:00", "0001-01-01T00:00Z",
                                 "0001-01-01T00:00+14:00", "1899-12-31T23:59Z"])
def test_ietfplan_now_outside_plausible_dates(now: str) -> None:
    r = invoke("today", env={"IETFPLAN_NOW": now})
    assert r.exit_code == 2, r.stderr
    lines = r.stderr.strip().splitlines()
    assert lines[0].startswith("error: IETFPLAN_NOW:") and "years 1900 to 2200" in lines[0]
    assert "internal error" not in r.stderr


@pytest.mark.parametrize(("zone", "day", "clock"), [
    ("Etc/GMT+12", "9999-12-31", "22:00"),
    ("Pacific/Kiritimati", "0001-01-01", "00:30"),
    ("Europe/Paris", "2201-01-01", "09:00"),
])  # fmt: skip
@pytest.mark.parametrize("command", [["validate"], ["agenda", "all", "-f"]])
def test_meeting_dates_outside_plausible_years(tmp_path: Path, zone: str, day: str, clock: str,
                                               command: list[str]) -> None:
    path = write(tmp_path, f"""\
meeting:
  number: 990
  city: Far
  timezone: {zone}
  start: {day}
  end: {day}
sessions:
  - group: dnsop
    date: {day}
    time: {clock}
""")
    r = invoke(*command, path)
    assert r.exit_code == 2, r.stderr
    assert f"{path}:5:10: error: meeting start: '{day}' is outside any plausible meeting date" \
        in r.stderr
    assert "internal error" not in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("typed", ["9999-12-31T23:59-12:00", "0001-01-01 00:00 UTC+14",
                                   "9999-12-31 22:00"])
def test_convert_outside_plausible_dates(typed: str) -> None:
    r = invoke("convert", typed, "--from", "UTC", "--to", "Pacific/Kiritimati")
    assert r.exit_code == 2 and "outside any plausible meeting date" in r.stderr


def test_the_plausible_range_holds_at_its_edges() -> None:
    r = invoke("convert", "2200-12-31 23:59 UTC-12", "--to", "Pacific/Kiritimati", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["utc"] == "2201-01-01T11:59:00Z"
    r = invoke("convert", "1900-01-01 00:00 UTC+14", "--to", "UTC", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)[0]["utc"] == "1899-12-31T10:00:00Z"
    assert date(1900, 1, 1) < date(2200, 12, 31)


# --- 12: --tz "" -----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["agenda", "--tz", ""], ["today", "--tz", " "],
                                  ["convert", "09:30", "--from", ""],
                                  ["config", "set", "tz", ""]])
def test_empty_zone_is_an_error(args: list[str]) -> None:
    r = invoke(*args, env={"IETFPLAN_NOW": "2018-07-19T08:00-04:00"})
    assert r.exit_code == 2, r.stdout
    assert "no time zone given (the name is empty)" in r.stderr


def _transitions(zone: ZoneInfo, first: int, last: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """(instant, offset before, offset after) of each change of offset, found by zoneinfo."""
    out = []
    t = datetime(first, 1, 1, tzinfo=UTC)
    before = t.astimezone(zone).utcoffset()
    while t.year <= last:
        nxt = t + timedelta(hours=6)
        after = nxt.astimezone(zone).utcoffset()
        if after != before:
            lo, hi = t, nxt
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                if mid.astimezone(zone).utcoffset() == before:
                    lo = mid
                else:
                    hi = mid
            assert before is not None and after is not None
            out.append((hi, before, after))
            before = after
        t = nxt
    return out


@pytest.mark.parametrize("name", ["America/Montreal", "Europe/Paris", "Australia/Lord_Howe",
                                  "America/Santiago", "Pacific/Auckland", "Europe/Dublin"])
def test_every_repeated_and_missing_time_2018_to_2045(name: str) -> None:
    """zones.readings against zoneinfo at every change of offset (before and after 2038)."""
    from ietfplan.zones import get_zone, readings

    with pytz.open_resource(name) as fh:
        oracle = ZoneInfo.from_file(fh, key=name)
    zone = get_zone(name)
    found = _transitions(oracle, 2018, 2045)
    assert len(found) >= 40
    for instant, before, after in found:
        if after < before:  # clocks go back: the wall clock in between happens twice
            naive = ((instant + after).replace(tzinfo=None) + (before - after) / 2).replace(
                second=0, microsecond=0)
            exists, got = readings(naive, zone)
            assert exists and len(got) == 2, (name, naive)
            want = [naive.replace(tzinfo=oracle, fold=fold) for fold in (0, 1)]
            # (compared in UTC: Python never finds a time in the fold equal across zones)
            assert [r.instant.astimezone(UTC) for r in got] == [w.astimezone(UTC) for w in want]
            assert [r.instant.tzname() for r in got] == [w.tzname() for w in want]
        else:  # clocks go forward: the wall clock in between never shows
            naive = ((instant + before).replace(tzinfo=None) + (after - before) / 2).replace(
                second=0, microsecond=0)
            exists, got = readings(naive, zone)
            back = naive.replace(tzinfo=oracle).astimezone(UTC).astimezone(oracle)
            assert back.replace(tzinfo=None) != naive  # the oracle agrees it does not exist
            assert not exists and {r.offset for r in got} == {before, after}, (name, naive)
