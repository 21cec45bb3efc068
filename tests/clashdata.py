"""Building meetings in code for clash / picks / now / week tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytz

from ietfplan.model import Meeting, Session

MONTREAL = pytz.timezone("America/Montreal")


def at(day: date, hhmm: str, zone: pytz.BaseTzInfo = MONTREAL) -> datetime:
    h, m = (int(x) for x in hhmm.split(":"))
    return zone.localize(datetime(day.year, day.month, day.day, h, m))


def session(group: str, n: int, day: date, start: str | None = None, end: str | None = None,
            *, meeting: int = 900, estimated: bool = False, status: str = "scheduled",
            kind: str = "session", zone: pytz.BaseTzInfo = MONTREAL) -> Session:
    s = at(day, start, zone) if start else None
    e = at(day, end, zone) if end else None
    return Session(meeting=meeting, id=f"{meeting}-{group}-{n}", group=group, date=day, start=s,
                   end=e, end_estimated=estimated, status=status, kind=kind)


def meeting(sessions: list[Session], *, number: int = 900, start: date = date(2030, 7, 20),
            end: date = date(2030, 7, 26), default_duration: timedelta | None = None,
            tz: str = "America/Montreal") -> Meeting:
    return Meeting(number=number, city="Testville", timezone=tz, start=start, end=end,
                   sessions=tuple(sessions), default_duration=default_duration)
