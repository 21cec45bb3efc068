from datetime import time, timedelta

import pytest

from ietfplan import timefmt


@pytest.mark.parametrize("text", ["9:30", "09:30", "09.30", "0930", "930", "9h30"])
def test_every_way_of_writing_half_past_nine(text: str) -> None:
    assert timefmt.parse_clock(text) == time(9, 30)


def test_dotted_minutes_are_minutes_not_decimals() -> None:
    assert timefmt.parse_clock("13.50") == time(13, 50)
    assert timefmt.parse_clock("13.05") == time(13, 5)


@pytest.mark.parametrize("text", ["24:00", "25:61", "12:60", "nine", "9.3", ""])
def test_impossible_times_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a time"):
        timefmt.parse_clock(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09.30-12.00 UTC-4", (time(9, 30), time(12, 0), "UTC-4")),
        ("09:30–12:00", (time(9, 30), time(12, 0), "")),
        ("09:30 — 12:00", (time(9, 30), time(12, 0), "")),
        ("09.30 EDT/UTC-4", (time(9, 30), None, "EDT/UTC-4")),
        ("13.30 GMT/UTC", (time(13, 30), None, "GMT/UTC")),
        ("9:30 to 11:00", (time(9, 30), time(11, 0), "")),
    ],
)
def test_ranges_and_labels(text: str, expected: tuple[time, time | None, str]) -> None:
    assert timefmt.parse_time_range(text) == expected


def test_label_parts_and_offsets() -> None:
    assert timefmt.label_offsets("EDT/UTC-4") == [("EDT", (-240,)), ("UTC-4", (-240,))]
    assert timefmt.label_offsets("UTC+5:30") == [("UTC+5:30", (330,))]
    assert timefmt.label_offsets("GMT") == [("GMT", (0,))]


def test_unknown_label_suggests() -> None:
    with pytest.raises(ValueError, match=r"unknown time zone label 'EDTT'.*EDT"):
        timefmt.label_offsets("EDTT")


@pytest.mark.parametrize(
    ("text", "minutes"), [("2h", 120), ("90m", 90), ("90min", 90), ("1h30m", 90), ("1h30", 90), ("1:30", 90)]
)
def test_durations(text: str, minutes: int) -> None:
    assert timefmt.parse_duration(text) == timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["90", "0h", "25h", "soon"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(ValueError):
        timefmt.parse_duration(text)


def test_weekdays_and_did_you_mean() -> None:
    assert timefmt.parse_weekday("Thursday") == 3
    assert timefmt.parse_weekday("thu") == 3
    with pytest.raises(ValueError, match="did you mean 'wednesday'"):
        timefmt.parse_weekday("wensday")


def test_impossible_date_says_why() -> None:
    with pytest.raises(ValueError, match=r"'2018-02-30' is not a real date \(day is out of range"):
        timefmt.parse_iso_date("2018-02-30")


# --- issue 15: words for days and times, durations in days ----------------------------------

@pytest.mark.parametrize(("text", "clock", "relative", "label"), [
    ("tomorrow 9:00", time(9, 0), 1, ""), ("noon", time(12, 0), None, ""),
    ("midnight UTC", time(0, 0), None, "UTC"), ("yesterday noon Tokyo", time(12, 0), -1, "Tokyo"),
    ("today 1:30pm EDT", time(13, 30), 0, "EDT"),
])  # fmt: skip
def test_day_and_clock_words(text: str, clock: time, relative: int | None, label: str) -> None:
    assert timefmt.looks_like_time(text)
    w = timefmt.parse_when(text)
    assert (w.clock, w.relative, w.label, w.day, w.weekday) == (clock, relative, label, None, None)


def test_durations_in_days_only_where_allowed() -> None:
    week = timedelta(days=7)
    assert timefmt.parse_duration("1d", longest=week) == timedelta(days=1)
    assert timefmt.parse_duration("1d2h", longest=week) == timedelta(hours=26)
    assert timefmt.parse_duration("1d") == timedelta(hours=24)  # the default limit: a day
    with pytest.raises(ValueError, match="between 1 minute and 24 hours"):
        timefmt.parse_duration("25h")
    with pytest.raises(ValueError, match="between 1 minute and 7 days"):
        timefmt.parse_duration("8d", longest=week)


@pytest.mark.parametrize("text", ["1899-12-31", "2201-01-01", "0001-01-01", "9999-12-31"])
def test_dates_outside_plausible_years(text: str) -> None:
    with pytest.raises(ValueError, match="outside any plausible meeting date"):
        timefmt.parse_iso_date(text)
