"""The fast rendering paths give exactly what the plain computation gives.

- ``jsonout.dumps`` writes indent=2 JSON itself (the json module's indent mode is its
  slow pure-Python encoder): same text as ``json.dumps(..., indent=2)`` for any value.
- ``fields.session_fields`` remembers the time fields per distinct instant/offset/zone:
  the same fields as computing them directly, whatever was asked before.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.model import Meeting, Session
from ietfplan.render.fields import iso, iso_utc, session_fields
from ietfplan.render.jsonout import _BIDI, dumps
from ietfplan.zones import get_zone, in_night, to_zone

FAST = settings(max_examples=400, deadline=None)

TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "é", "\u202e", "\u2066x", "\x7f", "\"q\"\\", "\n\t", "a: b", "[red]x[/]"])
SCALARS = (st.none() | st.booleans() | st.integers() | TEXT
           | st.floats(allow_nan=True, allow_infinity=True))
KEYS = TEXT | st.integers() | st.booleans() | st.none() | st.floats(allow_nan=False)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (st.lists(inner, max_size=4) | st.lists(inner, max_size=3).map(tuple)
                   | st.dictionaries(TEXT, inner, max_size=4)
                   | st.dictionaries(KEYS, inner, max_size=3)),
    max_leaves=25,
)


def _reference(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).translate(_BIDI)


@FAST
@given(VALUES)
def test_dumps_is_json_dumps_indent_2(value: Any) -> None:
    assert dumps(value) == _reference(value)


def test_dumps_examples_and_unusual_values() -> None:
    class Tag(str):
        pass

    for value in ([], {}, [[]], {"a": {}}, {"a": [1, 2.5, None, True, False, "x"]},
                  [math.nan, math.inf], {1: "int key", None: "none key"}, [Tag("sub")],
                  {"bidi": "a\u202eb", "nl": "a\nb", "uni": "Montréal"}):
        assert dumps(value) == _reference(value)
    assert dumps({"a": [1, {"b": []}]}) == '{\n  "a": [\n    1,\n    {\n      "b": []\n    }\n  ]\n}'


ZONES = st.sampled_from(["America/Montreal", "Europe/London", "Asia/Tokyo", "Asia/Kolkata",
                         "Pacific/Auckland", "America/Los_Angeles", "UTC"])
WALL = st.datetimes(min_value=datetime(2018, 1, 1), max_value=datetime(2019, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0))


def _direct(s: Session, m: Meeting, z: Any, night: tuple[time, time]) -> dict[str, Any]:
    """The time fields computed one by one, as before the memo."""
    mz = m.tz
    return {
        "start": iso(s.start, mz), "end": iso(s.end, mz),
        "start_utc": iso_utc(s.start), "end_utc": iso_utc(s.end),
        "local_start": iso(s.start, z), "local_end": iso(s.end, z),
        "day_shift": None if s.start is None else (to_zone(s.start, z).date() - s.start.date()).days,
        "night": None if s.start is None else in_night(s.start, s.end, z, night),
        "timezone": str(mz), "local_timezone": str(z),
    }


@FAST
@given(meeting_zone=ZONES, display=ZONES, wall=WALL, minutes=st.integers(0, 26 * 60),
       offset_hours=st.integers(-12, 14), untimed=st.booleans(), no_end=st.booleans(),
       night_start=st.integers(0, 23), night_end=st.integers(0, 23))
def test_session_fields_equal_direct_computation(meeting_zone: str, display: str, wall: datetime,
                                                 minutes: int, offset_hours: int, untimed: bool,
                                                 no_end: bool, night_start: int, night_end: int
                                                 ) -> None:
    mz = get_zone(meeting_zone)
    z = get_zone(display)
    night = (time(night_start), time(night_end))
    start = pytz.utc.localize(wall).astimezone(mz)
    start = mz.normalize(start)
    end = None if no_end else mz.normalize(start + timedelta(minutes=minutes))
    # The same instants with another offset: aware datetimes with equal instants compare
    # and hash equal, but their dates differ; the memo must not mix them up.
    other = timezone(timedelta(hours=offset_hours))
    m = Meeting(900, "Test", meeting_zone, date(2017, 12, 1), date(2020, 1, 31), ())
    variants = [
        Session(meeting=900, id="900-g-1", group="g", date=start.date(),
                start=None if untimed else start, end=None if untimed else end),
        Session(meeting=900, id="900-g-2", group="g", date=start.date(),
                start=None if untimed else start.astimezone(other),
                end=None if untimed or end is None else end.astimezone(other)),
    ]
    for s in variants * 2:  # twice: the second time comes from the memo
        for zone in (None, z):
            got = session_fields(s, m, zone, night)
            want = _direct(s, m, zone if zone is not None else mz, night)
            assert {k: got[k] for k in want} == want


def test_session_fields_with_an_unhashable_zone() -> None:
    class Plus2(tzinfo):  # a tzinfo defining __eq__ without __hash__ (as dateutil's do)
        def __eq__(self, other: object) -> bool:
            return isinstance(other, Plus2)

        __hash__ = None  # type: ignore[assignment]

        def utcoffset(self, dt: datetime | None) -> timedelta:
            return timedelta(hours=2)

        def dst(self, dt: datetime | None) -> timedelta:
            return timedelta(0)

        def tzname(self, dt: datetime | None) -> str:
            return "PLUS2"

    start = pytz.utc.localize(datetime(2019, 3, 1, 23, 30))
    s = Session(meeting=900, id="900-g-1", group="g", date=start.date(), start=start,
                end=start + timedelta(hours=1))
    m = Meeting(900, "Test", "UTC", date(2019, 2, 1), date(2019, 3, 31), ())
    got = session_fields(s, m, Plus2(), (time(23), time(7)))
    assert got["local_start"] == "2019-03-02T01:30:00+02:00"
    assert got["day_shift"] == 1 and got["night"] is True
