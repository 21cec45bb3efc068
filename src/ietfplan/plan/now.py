"""What is on now, and what is next, by the clock (``config.now()``).

A session is *in progress* from its start until its end (given, or estimated
from the meeting's ``default_duration``).  When no end is known at all, it is
shown as possibly running for ``UNKNOWN_END_WINDOW`` after its start (a long IETF
slot), marked 'end not given' and with no minutes left.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import span_of
from ietfplan.zones import to_zone

UNKNOWN_END_WINDOW = timedelta(hours=2, minutes=30)


@dataclass(frozen=True)
class Running:
    session: Session
    started_minutes_ago: int
    minutes_left: int | None  # None: the end is not given
    estimated: bool  # the end is estimated from the default duration


@dataclass
class NowView:
    meeting: Meeting
    now: datetime
    status: str  # 'before', 'during' or 'after' the meeting (in its own zone)
    running: list[Running] = field(default_factory=list)
    next_start: datetime | None = None
    upcoming: list[Session] = field(default_factory=list)  # the sessions starting at next_start
    # The sessions with only a day, on the meeting's date now (untimed sessions belong to
    # the meeting-zone date, whatever zone the times are shown in): ``untimed_date``.
    untimed_today: list[Session] = field(default_factory=list)
    untimed_date: date | None = None

    @property
    def minutes_to_next(self) -> int | None:
        if self.next_start is None:
            return None
        return minutes_between(self.now, self.next_start)


def minutes_between(since: datetime, until: datetime) -> int:
    """Whole minutes from ``since`` to ``until``, rounded up (a session 'in 1 min' has not begun)."""
    seconds = (until - since).total_seconds()
    return int(-(-seconds // 60))


def meeting_status(meeting: Meeting, now: datetime) -> str:
    today = to_zone(now, meeting.tz).date()
    if today < meeting.start:
        return "before"
    return "after" if today > meeting.end else "during"


def in_progress(meeting: Meeting, sessions: Sequence[Session], now: datetime) -> list[Running]:
    out: list[Running] = []
    for session in sessions:
        sp = span_of(session, meeting.default_duration)
        if sp is None or sp.start > now:
            continue
        ago = int((now - sp.start).total_seconds() // 60)
        if sp.end is None:
            if now < sp.start + UNKNOWN_END_WINDOW:
                out.append(Running(session, ago, None, False))
        elif now < sp.end:
            out.append(Running(session, ago, minutes_between(now, sp.end), sp.estimated))
    return out


def next_slot(sessions: Sequence[Session], now: datetime) -> tuple[datetime | None, list[Session]]:
    """The earliest start after ``now`` and every session starting then."""
    starts = [s.start for s in sessions
              if s.start is not None and s.start > now and s.status != "cancelled"]
    if not starts:
        return None, []
    first = min(starts)
    return first, [s for s in sessions if s.start == first and s.status != "cancelled"]


def view(meeting: Meeting, sessions: Sequence[Session], now: datetime) -> NowView:
    today: date = to_zone(now, meeting.tz).date()
    now_view = NowView(meeting, now, meeting_status(meeting, now))
    now_view.running = in_progress(meeting, sessions, now)
    now_view.next_start, now_view.upcoming = next_slot(sessions, now)
    now_view.untimed_date = today
    now_view.untimed_today = [s for s in sessions if s.start is None and s.date == today
                       and s.status != "cancelled"]
    return now_view


def in_words(minutes: int) -> str:
    """``25 min``, ``2 h 5 min``, ``3 days``."""
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        hours, minutes_left = divmod(minutes, 60)
        return f"{hours} h" + (f" {minutes_left} min" if minutes_left else "")
    return f"{round(minutes / 1440)} days"
