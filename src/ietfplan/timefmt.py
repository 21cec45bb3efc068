"""Parsing what people and the ISOC posts write: clock times, ranges, zone labels,
durations, weekday names and dates.  Pure functions on strings; errors are
ValueError with a message meant for users (callers add the position).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_CLOCK = r"\d{1,2}(?:[:.h]\d{2}|\d{2})?"
_CLOCK_SECONDS = r"\d{1,2}(?::\d{2}(?::\d{2})?|[.h]\d{2}|\d{2})?"  # also HH:MM:SS
_RANGE = (  # patterns are compiled on first use (re caches them): start-up matters
    r"^\s*(?P<start>{0})\s*(?:(?:-|–|—|\bto\b)\s*(?P<end>{0}))?\s*(?P<zone>[A-Za-z].*)?$"
)
_RANGE_RE = _RANGE.format(_CLOCK)
_RANGE_SECONDS_RE = _RANGE.format(_CLOCK_SECONDS)
_CLOCK_RE = (r"^(?P<h>\d{1,2})(?:[:.h](?P<m>\d{2}))?$|^(?P<hc>\d{1,2})(?P<mc>\d{2})$"
             r"|^(?P<hs>\d{1,2}):(?P<ms>\d{2}):(?P<s>\d{2})$")

WEEKDAYS = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Zone abbreviations with their UTC offsets in minutes.  Several offsets means the
# abbreviation is ambiguous in the wild (IST is India, Ireland and Israel).
ABBREVIATIONS: dict[str, tuple[int, ...]] = {
    "UTC": (0,), "GMT": (0,), "Z": (0,), "WET": (0,), "WEST": (60,),
    "BST": (60, 360), "IST": (330, 60, 120), "CET": (60,), "CEST": (120,),
    "EET": (120,), "EEST": (180,), "MSK": (180,),
    "EST": (-300,), "EDT": (-240,), "CST": (-360, 480, -300), "CDT": (-300,),
    "MST": (-420,), "MDT": (-360,), "PST": (-480,), "PDT": (-420,),
    "AKST": (-540,), "AKDT": (-480,), "HST": (-600,), "AST": (-240, 180), "ADT": (-180,),
    "NST": (-210,), "NDT": (-150,),
    "JST": (540,), "KST": (540,), "HKT": (480,), "SGT": (480,), "AWST": (480,),
    "ACST": (570,), "ACDT": (630,), "AEST": (600,), "AEDT": (660,),
    "NZST": (720,), "NZDT": (780,),
}  # fmt: skip
_OFFSET_RE = r"(?i)^(?:UTC|GMT)\s*(?P<sign>[+-−])\s*(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?$"


def parse_clock(text: str, *, seconds: bool = False) -> time:
    """``9:30``, ``09:30``, ``09.30``, ``0930``, ``9h30`` → 09:30.  ``13.50`` is 13:50.
    With ``seconds``, ``09:30:15`` too (meeting files: a calendar's ``T093015``)."""
    stripped = text.strip()
    match = re.match(_CLOCK_RE, stripped)
    if not match or (match.group("s") is not None and not seconds):
        example = "09:30, 09:30:15 or 13.50" if seconds else "09:30 or 13.50"
        raise ValueError(f"'{text}' is not a time of day; write it like {example}")
    hours = int(match.group("h") or match.group("hc") or match.group("hs"))
    mins = int(match.group("m") or match.group("mc") or match.group("ms") or 0)
    secs = int(match.group("s") or 0)
    if hours > 23 or mins > 59 or secs > 59:
        ranges = "hours 00-23, minutes 00-59" + (", seconds 00-59" if match.group("s") else "")
        raise ValueError(f"'{text}' is not a time of day ({ranges})")
    return time(hours, mins, secs)


def parse_time_range(text: str, *, seconds: bool = False) -> tuple[time, time | None, str]:
    """``09.30-12.00 UTC-4`` → (09:30, 12:00, 'UTC-4'); the end and label are optional.
    With ``seconds``, either time may be ``HH:MM:SS`` (``09:30:15-10:00 EDT``)."""
    match = re.match(_RANGE_SECONDS_RE if seconds else _RANGE_RE, text)
    if not match:
        like = "09:30, 09:30:15, 09.30-12.00" if seconds else "09:30, 09.30-12.00"
        raise ValueError(
            f"'{text}' is not a time or time range; write it like {like} "
            "or 09:30-12:00 EDT/UTC-4"
        )
    start = parse_clock(match.group("start"), seconds=seconds)
    end = parse_clock(match.group("end"), seconds=seconds) if match.group("end") else None
    return start, end, (match.group("zone") or "").strip()


def clock_text(value: time | datetime) -> str:
    """``09:30``; ``09:30:15`` when the time has seconds (sub-second parts are not shown)."""
    return f"{value:%H:%M:%S}" if value.second else f"{value:%H:%M}"


def stamp_text(value: datetime) -> str:
    """``2018-07-17 09:30``; ``2018-07-17 09:30:15`` when the time has seconds (clock_text)."""
    return f"{value:%Y-%m-%d} {clock_text(value)}"


def label_offsets(label: str) -> list[tuple[str, tuple[int, ...]]]:
    """Split a label like ``EDT/UTC-4`` into parts, each with its possible offsets (minutes)."""
    parts = [p.strip() for p in re.split(r"[/,]| or ", label) if p.strip()]
    if not parts:
        raise ValueError("empty time zone label")
    out: list[tuple[str, tuple[int, ...]]] = []
    for part in parts:
        match = re.match(_OFFSET_RE, part)
        if match:
            hours, mins = int(match.group("h")), int(match.group("m") or 0)
            if hours > 14 or mins > 59:
                raise ValueError(f"'{part}' is not a UTC offset (at most ±14:00)")
            sign = 1 if match.group("sign") == "+" else -1
            out.append((part, (sign * (hours * 60 + mins),)))
            continue
        known = ABBREVIATIONS.get(part.upper())
        if known is None:
            from ietfplan.suggest import hint_for

            hint = hint_for(part.upper(), [*ABBREVIATIONS, "UTC+2", "UTC-4"])
            raise ValueError(f"unknown time zone label '{part}'" + (f"; {hint}" if hint else ""))
        out.append((part, known))
    return out


def parse_duration(text: str, *, longest: timedelta = timedelta(hours=24)) -> timedelta:
    """``2h``, ``90m``, ``90min``, ``1h30m``, ``1h30``, ``1:30``, ``1d``, ``1d2h`` → a
    positive timedelta of at most ``longest``.

    A bare number is refused: nobody can tell whether ``90`` means minutes or hours.
    """
    compact = text.strip().lower().replace(" ", "")
    match = re.fullmatch(r"(?:(\d+)d(?:ays?)?)?(?:(\d+)h)?(?:(\d+)(m|min|mins|minutes)?)?", compact)
    m2 = re.fullmatch(r"(\d+):(\d{2})", compact)
    if match and (match.group(1) or match.group(2) or match.group(4)):
        if match.group(3) and not match.group(4) and not match.group(2):  # '1d30': 30 what?
            raise ValueError(f"'{text}' is not a duration; write it like 1d, 2h, 90m or 1h30m")
        days, hours, mins = int(match.group(1) or 0), int(match.group(2) or 0), int(match.group(3) or 0)
    elif m2:
        days, hours, mins = 0, int(m2.group(1)), int(m2.group(2))
    else:
        raise ValueError(f"'{text}' is not a duration; write it like 2h, 90m or 1h30m")
    limit = int(longest.total_seconds() // 60)
    total_minutes = (days * 24 + hours) * 60 + mins  # checked before timedelta (overflow)
    if not 0 < total_minutes <= limit:
        most = f"{limit // 1440} days" if limit % 1440 == 0 and limit > 1440 else (
            f"{limit // 60} hours" if limit % 60 == 0 else f"{limit} minutes")
        raise ValueError(f"'{text}' is not a sensible duration (between 1 minute and {most})")
    return timedelta(minutes=total_minutes)


def parse_weekday(text: str) -> int:
    """``wed``, ``Thursday`` → 0..6 (Monday is 0)."""
    key = text.strip().lower().rstrip(".")
    if key in WEEKDAYS:
        return WEEKDAYS[key]
    from ietfplan.suggest import hint_for

    raise ValueError(f"'{text}' is not a weekday; {hint_for(key, WEEKDAY_NAMES, 'weekday')}")


_ISO_DATE = r"^(\d{4})-(\d{2})-(\d{2})$"


def parse_iso_date(text: str) -> date:
    """``2018-07-17`` → a date; impossible dates (2018-02-30) say why."""
    match = re.match(_ISO_DATE, text.strip())
    if not match:
        raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD, e.g. 2018-07-17")
    year, month, day_of_month = (int(g) for g in match.groups())
    try:
        day = date(year, month, day_of_month)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date ({exc})") from None
    check_year(day.year, text)
    return day


# Dates ietfplan accepts: no meeting is planned outside these years, and at the ends of
# Python's range (year 1, year 9999) a time in a far zone has no UTC instant at all.
FIRST_YEAR, LAST_YEAR = 1900, 2200


def check_year(year: int, text: str) -> None:
    """ValueError when ``year`` is outside FIRST_YEAR..LAST_YEAR (``text`` is what was typed)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"'{text}' is outside any plausible meeting date "
                         f"(years {FIRST_YEAR} to {LAST_YEAR})")


# --- free-form times for `convert`: "09.30 EDT", "Thu 13:30", "2018-07-19 13.30 UTC-4" ----

class When:
    """A time as typed: a clock, optionally a day (date or weekday) and a zone label.

    A plain class, not a dataclass: the loader imports this module at every start-up
    and generating a frozen dataclass's methods cost ~0.5 ms of it (issue #8).
    """

    __slots__ = ("clock", "day", "label", "relative", "weekday")

    def __init__(self, clock: time, day: date | None = None, weekday: int | None = None,
                 label: str = "", relative: int | None = None) -> None:
        self.clock = clock
        self.day = day
        self.weekday = weekday
        self.label = label  # 'EDT', 'UTC-4', 'EDT/UTC-4', 'Asia/Tokyo', 'Tokyo'; '' when none
        self.relative = relative  # days from today: 'yesterday' -1, 'today' 0, 'tomorrow' 1


# Words for a day and for a time of day that `convert` takes ("tomorrow 9:00", "noon").
DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}
CLOCK_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


_CLOCK_TOKEN = rf"^(?P<clock>{_CLOCK_SECONDS})(?P<rest>[A-Za-z].*)?$"  # 09:30:15 too


def looks_like_time(text: str) -> bool:
    """True when ``text`` starts like a time (or a day then a time), not a session name."""
    first = text.strip().split(" ", 1)[0].rstrip(",").lower()
    return (bool(re.match(r"^\d", first)) or first in WEEKDAYS or first in DAY_WORDS
            or first in CLOCK_WORDS)


def parse_when(text: str) -> When:
    """``[YYYY-MM-DD | weekday | yesterday | today | tomorrow] (HH:MM[:SS] [am|pm] | noon |
    midnight) [zone]``; ``2018-07-19T13:30-04:00`` also works.  Seconds are kept, as in
    meeting files, so that a time a message echoes (clock_text) can be typed back."""
    raw = " ".join(text.split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T\S+", raw):
        return _parse_iso_instant(raw)
    tokens = raw.split(" ")
    day: date | None = None
    weekday: int | None = None
    relative: int | None = None
    if tokens and re.match(_ISO_DATE, tokens[0]):
        day = parse_iso_date(tokens.pop(0))
    elif tokens and tokens[0].rstrip(",.").lower() in WEEKDAYS:
        weekday = WEEKDAYS[tokens.pop(0).rstrip(",.").lower()]
    elif tokens and tokens[0].rstrip(",.").lower() in DAY_WORDS:
        relative = DAY_WORDS[tokens.pop(0).rstrip(",.").lower()]
    if not tokens or not tokens[0]:
        raise ValueError(f"'{text}' has no time of day; write it like 09:30 EDT or Thu 13:30")
    word = tokens[0].rstrip(",.").lower()
    if word in CLOCK_WORDS:  # noon, midnight
        label = " ".join(tokens[1:]).strip()
        if label[:1] in "+-−" and label:
            label = "UTC" + label
        return When(CLOCK_WORDS[word], day, weekday,
                    label.upper() if label.lower() in ("z", "utc", "gmt") else label, relative)
    match = re.match(_CLOCK_TOKEN, tokens[0])
    if not match:
        raise ValueError(
            f"'{tokens[0]}' is not a time of day; write the time like 09:30, 09.30 or 0930 "
            "(e.g. '09.30 EDT', 'Thu 13:30', '2018-07-19 13.30 UTC-4')"
        )
    clock = parse_clock(match.group("clock"), seconds=True)
    label = " ".join([match.group("rest") or "", *tokens[1:]]).strip()
    meridiem = re.match(r"(?i)^([ap])\.?m\.?(?:\s+|$)", label)
    if meridiem:  # 9am, 1:30 pm, 12 a.m.
        if not 1 <= clock.hour <= 12:
            raise ValueError(f"'{text}': with am/pm the hour is 1 to 12")
        hour = clock.hour % 12 + (12 if meridiem.group(1).lower() == "p" else 0)
        clock = clock.replace(hour=hour)
        label = label[meridiem.end():].strip()
    if label.lower() in ("z", "utc", "gmt") or not label:
        return When(clock, day, weekday, label.upper(), relative)
    if label[0] in "+-−":
        label = "UTC" + label
    return When(clock, day, weekday, label, relative)


def _parse_iso_instant(raw: str) -> When:
    from datetime import datetime as _dt

    try:
        value = _dt.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"'{raw}' is not an ISO 8601 time; write it like 2018-07-19T13:30-04:00"
                         ) from None
    check_year(value.year, raw)
    offset = value.utcoffset()
    label = ""
    if offset is not None:
        mins = int(offset.total_seconds() // 60)
        sign = "+" if mins >= 0 else "-"
        label = f"UTC{sign}{abs(mins) // 60}:{abs(mins) % 60:02d}"
    # seconds are kept (2018-07-19T13:30:15-04:00 is 13:30:15); fractions of one are not
    return When(value.time().replace(tzinfo=None, microsecond=0), value.date(), None,
                label)


def offset_label(label: str) -> int | None:
    """Minutes of a ``UTC±H[:MM]`` label; None when ``label`` is not one."""
    match = re.match(_OFFSET_RE, label.strip())
    if not match:
        return None
    hours, mins = int(match.group("h")), int(match.group("m") or 0)
    if hours > 14 or mins > 59:
        raise ValueError(f"'{label}' is not a UTC offset (at most ±14:00)")
    return (1 if match.group("sign") == "+" else -1) * (hours * 60 + mins)
