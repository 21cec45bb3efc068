"""VEVENTs written as RFC 5545 text directly: the one event writer (export and publish).

``icalendar`` builds an object per property and parameter and folds every line char by
char: 0.4 ms an event, 16 s for a 40,000-session meeting.  This writes an event in a few
microseconds (tests/test_ics_text.py reads the output back with icalendar and compares
the values with the sessions').  The calendar's head and VTIMEZONEs are still written by
icalendar (ics.py): a few lines.

A backslash in a text is always just a backslash (``\\\\``), as RFC 5545 3.3.11 says
(icalendar's own writer turns a literal ``\\N`` into a line break).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING

from ietfplan.zones import happens_twice, to_zone

if TYPE_CHECKING:
    from ietfplan.render.ics import IcsEvent, IcsOptions, Revision

CRLF = "\r\n"
_LIMIT = 75  # icalendar folds before a character that would make a line 75 octets


def escape(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, line breaks."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Fold a content line as icalendar does: each piece under 75 octets, and never
    right after a backslash or caret (an escape stays whole)."""
    if line.isascii():
        if len(line) < _LIMIT:
            return line
        return _fold_ascii(line)
    if len(line.encode("utf-8")) < _LIMIT:
        return line
    pieces: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = 1 if char < "\x80" else len(char.encode("utf-8"))
        if current and count + size >= _LIMIT:
            if len(current) > 1 and current[-1] in "\\^":
                carried = current.pop()
                pieces.append("".join(current))
                current = [carried]
                count = len(carried)
            else:
                pieces.append("".join(current))
                current = []
                count = 0
        current.append(char)
        count += size
    if current:
        pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _fold_ascii(line: str) -> str:
    """``fold`` for ASCII text: a character is an octet, so pieces are slices."""
    pieces: list[str] = []
    size = _LIMIT - 1
    while len(line) > size:
        cut = size - 1 if line[size - 1] in "\\^" else size
        pieces.append(line[:cut])
        line = line[cut:]
    pieces.append(line)
    return "\r\n ".join(pieces)


def _utc_stamp(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _date_time(name: str, dt: datetime) -> str:
    """``DTSTART;TZID=zone:…`` for a zone, ``DTSTART:…Z`` for UTC."""
    # Keyed by the tzinfo too: datetimes of equal instants are equal whatever their zone.
    return _date_time_in(name, dt, dt.tzinfo)


@lru_cache(maxsize=4096)  # the same few hundred instants across thousands of events
def _date_time_in(name: str, dt: datetime, zone: tzinfo | None) -> str:
    tzid = tzid_of(zone)
    if tzid == "UTC":
        return f"{name}:{dt:%Y%m%dT%H%M%S}Z"
    return f"{name};TZID={_param(tzid)}:{dt:%Y%m%dT%H%M%S}"


# Names of UTC itself (IANA links to Etc/UTC): times in these are written as UTC (…Z) and
# need no VTIMEZONE.  Any other zone, even one at UTC+0 all year, is named by its TZID.
UTC_NAMES = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "UCT",
                       "Universal", "Zulu"})


def tzid_of(zone: tzinfo | None) -> str:
    """The TZID of ``zone``: its IANA name (as ics.vtimezone names the VTIMEZONE), or
    "UTC" for UTC itself."""
    if zone is None:
        raise ValueError("a time without a zone")
    if zone is timezone.utc:
        return "UTC"
    name = getattr(zone, "zone", None) or getattr(zone, "key", None) or str(zone)
    return "UTC" if name in UTC_NAMES else str(name)


def _param(value: str) -> str:
    return f'"{value}"' if any(c in value for c in ",;:") else value


def duration(td: timedelta) -> str:
    """A DURATION value as icalendar writes it (``-PT10M``, ``-P1DT2H``)."""
    sign = ""
    if td.days < 0:
        sign, td = "-", -td
    timepart = ""
    if td.seconds:
        hours, rest = divmod(td.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        timepart = "T"
        if hours:
            timepart += f"{hours}H"
        if minutes or (hours and seconds):
            timepart += f"{minutes}M"
        if seconds:
            timepart += f"{seconds}S"
    if td.days == 0 and timepart:
        return f"{sign}P{timepart}"
    return f"{sign}P{td.days}D{timepart}"


def event_text(item: IcsEvent, rev: Revision, opts: IcsOptions) -> str:
    """The VEVENT of ``item``, CRLF-terminated lines."""
    session, content = item.session, item.content
    stamp = _utc_stamp(rev.modified)
    summary = escape(content["summary"])
    lines = ["BEGIN:VEVENT", fold("SUMMARY:" + summary)]
    start, end = event_times(item, opts)
    if isinstance(start, datetime):
        lines.append(_date_time("DTSTART", start))
        if end is not None:
            assert isinstance(end, datetime)
            lines.append(_date_time("DTEND", end))
    else:
        assert isinstance(start, date) and isinstance(end, date)
        lines.append(f"DTSTART;VALUE=DATE:{start:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{end:%Y%m%d}")
    lines.append("DTSTAMP:" + stamp)
    lines.append(fold("UID:" + escape(item.uid)))
    lines.append(f"SEQUENCE:{rev.sequence}")
    if content["categories"]:
        lines.append(fold("CATEGORIES:" + ",".join(escape(t) for t in content["categories"])))
    if content.get("conference"):  # RFC 7986; parameters in icalendar's (sorted) order
        lines.append(fold(f"CONFERENCE;FEATURE=VIDEO,AUDIO;LABEL={content['conference_label']};"
                          f"VALUE=URI:{content['conference']}"))
    if content["description"]:
        lines.append(fold("DESCRIPTION:" + escape(content["description"])))
    lines.append("LAST-MODIFIED:" + stamp)
    if content["location"]:
        lines.append(fold("LOCATION:" + escape(content["location"])))
    lines.append("STATUS:" + escape(content["status"]))
    if session.start is None:
        lines.append("TRANSP:TRANSPARENT")
    if content["url"]:
        lines.append(fold("URL:" + content["url"]))
    for seconds in content["alarms"]:
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", fold("DESCRIPTION:" + summary),
                  "TRIGGER:" + duration(-timedelta(seconds=seconds)), "END:VALARM"]
    lines.append("END:VEVENT")
    return CRLF.join(lines) + CRLF


def event_zone(item: IcsEvent, opts: IcsOptions) -> tzinfo:
    if opts.utc:
        return timezone.utc
    return opts.zone if opts.zone is not None else item.meeting.tz


def event_times(item: IcsEvent, opts: IcsOptions) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: the day and the next for an untimed session (all day), else the
    start and end (None when not given) in the event's zone."""
    session = item.session
    if session.start is None:
        return session.date, session.date + timedelta(days=1)
    zone = event_zone(item, opts)
    return _at(session.start, zone), _at(session.end, zone) if session.end is not None else None


@lru_cache(maxsize=4096)  # a few hundred distinct instants per meeting; pytz is slow
def _at(dt: datetime, zone: tzinfo) -> datetime:
    """``dt`` in ``zone``; in UTC when the wall-clock time there happens twice (the hour
    the clocks go back).  RFC 5545 says such a time means the first occurrence, but
    khal (tested) takes the second, so the instant is written unambiguously instead."""
    if zone is timezone.utc:
        return dt.astimezone(timezone.utc)
    local = to_zone(dt, zone)
    if happens_twice(local.replace(tzinfo=None), zone):
        return dt.astimezone(timezone.utc)
    return local
