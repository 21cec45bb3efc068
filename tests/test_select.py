from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from ietfplan.errors import UsageError
from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting
from ietfplan.plan.select import resolve_when
from ietfplan.zones import get_zone


@pytest.fixture(scope="module")
def m102() -> Meeting:
    return Catalog(user_dir=None).by_number(102)


NOW = datetime(2018, 7, 17, 12, 0, tzinfo=timezone.utc)  # Tuesday 08:00 in Montreal


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("today", date(2018, 7, 17)),
        ("Tomorrow", date(2018, 7, 18)),
        ("yesterday", date(2018, 7, 16)),
        ("2d", date(2018, 7, 19)),
        ("-1d", date(2018, 7, 16)),
        ("fri", date(2018, 7, 20)),
        ("Saturday", date(2018, 7, 14)),
        ("2018-07-18", date(2018, 7, 18)),
        (None, None),
        ("all", None),
    ],
)
def test_when_words(m102: Meeting, when: str | None, expected: date | None) -> None:
    assert resolve_when(when, m102, NOW) == expected


def test_today_is_the_given_zones_day(m102: Meeting) -> None:
    late = datetime(2018, 7, 18, 2, 30, tzinfo=timezone.utc)  # 22:30 Tue in Montreal, Wed in Tokyo
    assert resolve_when("today", m102, late) == date(2018, 7, 17)
    assert resolve_when("today", m102, late, get_zone("Asia/Tokyo")) == date(2018, 7, 18)


@pytest.mark.parametrize(("when", "hint"), [("wendsday", "wednesday"), ("tomorow", "tomorrow")])
def test_misspelt_days_suggest(m102: Meeting, when: str, hint: str) -> None:
    with pytest.raises(UsageError) as info:
        resolve_when(when, m102, NOW)
    assert hint in info.value.format()


def test_impossible_date(m102: Meeting) -> None:
    with pytest.raises(UsageError, match="not a real date"):
        resolve_when("2018-02-30", m102, NOW)
