"""The model's hand-written Session.__init__ (model.py) against its dataclass fields."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from datetime import date, datetime, timedelta

import pytest
import pytz

from ietfplan.model import Session

ZONE = pytz.timezone("America/Montreal")
START = ZONE.localize(datetime(2018, 7, 19, 9, 30))


def test_init_signature_matches_the_fields() -> None:
    params = list(inspect.signature(Session.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Session)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]


def test_a_session_is_a_frozen_value() -> None:
    a = Session(102, "102-core-1", "core", date(2018, 7, 19), START, START + timedelta(hours=1),
                name="CoRE", topics=("iot",))
    b = Session(102, "102-core-1", "core", date(2018, 7, 19), START, START + timedelta(hours=1),
                name="CoRE", topics=("iot",))
    assert a == b and hash(a) == hash(b) and {a, b} == {a}
    assert dataclasses.asdict(a)["name"] == "CoRE" and "name='CoRE'" in repr(a)
    assert dataclasses.replace(a, room="Room 1") == Session(
        102, "102-core-1", "core", date(2018, 7, 19), START, START + timedelta(hours=1),
        name="CoRE", room="Room 1", topics=("iot",))
    assert pickle.loads(pickle.dumps(a)) == a
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.name = "x"  # type: ignore[misc]


@pytest.mark.parametrize(("start", "end", "message"), [
    (datetime(2018, 7, 19, 9, 30), None, "start must be an aware datetime"),
    (START, datetime(2018, 7, 19, 11), "end must be an aware datetime"),
    (START, START - timedelta(minutes=1), "is before start"),
    (None, START, "an end without a start"),
])
def test_invalid_times_are_refused(start: datetime | None, end: datetime | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Session(102, "x", "core", date(2018, 7, 19), start, end)
