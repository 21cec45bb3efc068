"""Occurrences of a recurring calendar event (RRULE, RDATE, EXDATE) inside a window.

python-dateutil's ``rrule`` does the arithmetic (a dependency already; icalendar uses it
too).  Recurrence is computed on the event's wall clock, as RFC 5545 section 3.3.10 says
("the same local time"): a 09:00 weekly meeting stays at 09:00 across a DST change.
RDATE/EXDATE values in another zone are converted to that wall clock first.  DTSTART is
always the first occurrence (RFC 5545 3.8.5.3), even where the rule would not give it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Any

MAX_PER_EVENT = 500  # occurrences of one event in the window; more is not an agenda
_UNTIL = re.compile(r"(UNTIL=)(\d{8})(?:T(\d{6})(Z?))?", re.I)


@dataclass
class Series:
    start: datetime | date  # DTSTART on the event's wall clock (naive) or a date
    zone: tzinfo | None  # the event's zone; None = floating
    rules: list[str] = field(default_factory=list)  # RRULE values as written
    rdates: list[datetime | date] = field(default_factory=list)  # wall clock, like start
    exdates: list[datetime | date] = field(default_factory=list)


def wall(value: datetime | date, zone: tzinfo | None) -> datetime | date:
    """``value`` on the wall clock of ``zone`` (naive); dates and naive values as they are."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        if zone is None:
            return value.replace(tzinfo=None)
        return value.astimezone(zone).replace(tzinfo=None)
    return value


def occurrences(series: Series, first: date, last: date) -> tuple[list[datetime | date], bool]:
    """Starts (wall clock, or dates) from ``first`` to ``last`` inclusive, and whether
    there were more than MAX_PER_EVENT (the list is then cut).

    ValueError for a rule dateutil cannot read."""
    rules, ex_days, all_day = _rules(series)
    low = datetime.combine(first, time())
    high = datetime.combine(last, time.max)
    out: list[datetime | date] = []
    for when in rules.xafter(low, inc=True):
        if when > high:
            break
        if when.date() in ex_days:
            continue
        if len(out) >= MAX_PER_EVENT:
            return out, True
        out.append(when.date() if all_day else when)
    return out, False


def first_occurrence(series: Series) -> date | None:
    """The day of the first occurrence (not DTSTART's when an EXDATE removes it)."""
    try:
        rules, ex_days, _ = _rules(series)
    except ValueError:
        return None
    for count, when in enumerate(rules):
        if when.date() not in ex_days:
            day: date = when.date()
            return day
        if count > MAX_PER_EVENT:
            break
    return None


def _rules(series: Series) -> tuple[Any, set[date], bool]:
    from dateutil.rrule import rruleset, rrulestr

    all_day = not isinstance(series.start, datetime)
    start = as_naive_datetime(series.start)
    rules = rruleset()
    for text in series.rules:
        try:
            rule = rrulestr(_until(text, series.zone, all_day), dtstart=start, ignoretz=True)
        except (ValueError, TypeError, KeyError, IndexError, OverflowError) as exc:  # dateutil's messages
            raise ValueError(f"RRULE '{text}' cannot be read: {exc}") from None
        _check(rule, text)
        rules.rrule(rule)  # type: ignore[arg-type]
    rules.rdate(start)
    for extra in series.rdates:
        rules.rdate(as_naive_datetime(extra))
    ex_days: set[date] = set()
    for ex in series.exdates:
        if isinstance(ex, datetime) or all_day:
            rules.exdate(as_naive_datetime(ex))
        else:
            ex_days.add(ex)  # a date-only EXDATE of a timed event: that whole day
    return rules, ex_days, all_day


def _check(rule: Any, text: str) -> None:
    """ValueError for a rule dateutil would search for years (it scans to the year 9999
    for one that never matches, such as BYMONTH=2;BYMONTHDAY=30: 6 s for FREQ=DAILY, hours
    for FREQ=SECONDLY)."""
    from dateutil.rrule import MINUTELY, SECONDLY

    if rule._freq in (SECONDLY, MINUTELY):
        raise ValueError(f"RRULE '{text}' repeats every second or minute; that is not an agenda's event")
    if rule._interval < 1:
        raise ValueError(f"RRULE '{text}': INTERVAL must be 1 or more")
    # Does it ever happen?  The Gregorian calendar repeats every 400 years (weekdays and
    # leap days alike): try the rule from the same point of a cycle just before 9999, so
    # that dateutil gives up after at most a few centuries.
    start = rule._dtstart
    shift = max(0, (_PROBE_YEAR - start.year + 399) // 400) * 400
    try:
        probe = rule.replace(dtstart=start.replace(year=start.year + shift), until=None, count=None)
        happens = next(iter(probe), None) is not None
    except (ValueError, OverflowError):
        happens = True  # cannot probe: let the expansion say
    if not happens:
        raise ValueError(f"RRULE '{text}' never happens (no date matches all its parts)")


_PROBE_YEAR = 9550


def first_start(series: Series) -> date:
    return series.start if not isinstance(series.start, datetime) else series.start.date()


def as_naive_datetime(value: datetime | date) -> datetime:
    """``value`` as a naive datetime (a date at midnight): what dateutil's rrule takes, and
    how ics.py orders occurrences against RECURRENCE-IDs given as dates."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    return datetime.combine(value, time())


def _until(text: str, zone: tzinfo | None, all_day: bool) -> str:
    """RRULE text with UNTIL on the event's wall clock (dateutil wants the rule's UNTIL and
    DTSTART alike: both naive here)."""

    def fix(match: re.Match[str]) -> str:
        day = datetime.strptime(match.group(2), "%Y%m%d")
        if all_day or not match.group(3):
            return f"{match.group(1)}{day:%Y%m%d}T235959" if not all_day else f"{match.group(1)}{day:%Y%m%d}"
        moment = datetime.strptime(match.group(2) + match.group(3), "%Y%m%d%H%M%S")
        if match.group(4) and zone is not None:
            moment = moment.replace(tzinfo=timezone.utc).astimezone(zone).replace(tzinfo=None)
        return f"{match.group(1)}{moment:%Y%m%dT%H%M%S}"

    try:
        return _UNTIL.sub(fix, text)
    except ValueError:
        return text


def days(first: date, count: int) -> tuple[date, date]:
    return first, first + timedelta(days=count - 1)
