from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytz

from clashdata import meeting, session
from ietfplan.load.catalog import Catalog
from ietfplan.plan.now import in_words, minutes_between, view

MTL = pytz.timezone("America/Montreal")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text)


def test_in_progress_with_minutes_left_and_next_slot() -> None:
    m = Catalog(user_dir=None).by_number(102)
    v = view(m, m.sessions, t("2018-07-17T10:05-04:00"))
    assert v.status == "during"
    left = {r.session.id: r.minutes_left for r in v.running}
    assert left == {"102-dmm-1": 115, "102-6man-2": None}  # 6MAN: end not given
    assert [s.id for s in v.upcoming] == ["102-dnsop-1", "102-suit-1"]
    assert v.minutes_to_next == 23 * 60 + 25


def test_unknown_end_is_not_running_forever() -> None:
    m = Catalog(user_dir=None).by_number(102)
    v = view(m, m.sessions, t("2018-07-17T12:30-04:00"))
    assert [r.session.id for r in v.running] == []  # DMM ended at 12:00, 6MAN's window is over


def test_before_after_and_untimed_today() -> None:
    m = Catalog(user_dir=None).by_number(102)
    before = view(m, m.sessions, t("2018-07-10T12:00-04:00"))
    assert before.status == "before" and before.upcoming[0].id == "102-6man-1"
    after = view(m, m.sessions, t("2018-07-21T00:30-04:00"))
    assert after.status == "after" and after.next_start is None and after.running == []
    monday = view(m, m.sessions, t("2018-07-16T08:00-04:00"))
    assert {s.group for s in monday.untimed_today} == {"tls", "sidrops"}


def test_estimated_end_from_default_duration() -> None:
    d = date(2030, 7, 22)
    a = session("aaa", 1, d, "09:00")
    m = meeting([a], default_duration=timedelta(minutes=90))
    [r] = view(m, m.sessions, MTL.localize(datetime(2030, 7, 22, 10, 0))).running
    assert r.minutes_left == 30 and r.estimated


def test_across_midnight_and_dst() -> None:
    # a session from 23:00 to 01:00 is running at 00:30 the next day
    d = date(2030, 7, 22)
    late = session("late", 1, d, "23:00")
    late = type(late)(meeting=900, id="900-late-1", group="late", date=d, start=late.start,
                      end=MTL.localize(datetime(2030, 7, 23, 1, 0)))
    v = view(meeting([late]), [late], MTL.localize(datetime(2030, 7, 23, 0, 30)))
    assert [r.minutes_left for r in v.running] == [30]
    # spring forward (Montreal, 9 Mar 2031 02:00 → 03:00): 01:30 to 03:30 is one hour
    d2 = date(2031, 3, 9)
    s = session("spring", 1, d2, "01:30", "03:30")
    m = meeting([s], start=d2, end=d2)
    now = MTL.localize(datetime(2031, 3, 9, 1, 45))
    assert [r.minutes_left for r in view(m, [s], now).running] == [45]
    assert minutes_between(now, s.start + timedelta(hours=1)) == 45  # type: ignore[operator]


def test_in_words() -> None:
    assert [in_words(n) for n in (0, 25, 60, 125, 47 * 60, 3 * 1440 + 100)] == [
        "0 min", "25 min", "1 h", "2 h 5 min", "47 h", "3 days"]


def test_minutes_round_up() -> None:
    a = datetime(2030, 1, 1, 9, 0, 1, tzinfo=timezone.utc)
    assert minutes_between(a, datetime(2030, 1, 1, 9, 30, tzinfo=timezone.utc)) == 30


def test_untimed_sessions_say_their_meeting_date_in_another_zone() -> None:
    """Issue 15: at 22:30 Thursday in San Francisco it is 01:30 Friday in Montreal; V6OPS's
    untimed Friday session is on Friday (the meeting's date), not 'today'."""
    import json

    from tests.cli.helpers import invoke

    env = {"IETFPLAN_NOW": "2018-07-19T22:30-07:00"}
    r = invoke("now", "--tz", "San Francisco", env=env)
    assert r.exit_code == 0, r.stderr
    assert "Also on Fri 20 Jul (the meeting's date in America/Montreal), time not given: V6OPS" \
        in r.stdout
    assert "Also today" not in r.stdout
    r = invoke("now", env=env)  # in the meeting's zone it is Friday: today
    assert "Also today (Fri 20 Jul), time not given: V6OPS" in r.stdout
    obj = json.loads(invoke("now", "--tz", "San Francisco", "--json", env=env).stdout)
    assert obj["untimed_date"] == "2018-07-20"
    assert [s["date"] for s in obj["untimed_today"]] == ["2018-07-20"]
