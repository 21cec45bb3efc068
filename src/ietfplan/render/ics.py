"""Sessions → an iCalendar (RFC 5545) file that calendar programs import.

The calendar's head and VTIMEZONEs are built with ``icalendar``, imported lazily: nothing
here is loaded unless a command exports.  The VEVENTs are written by icstext.py, the one
event writer for both ``export`` and ``publish`` (tests read its output back with
icalendar).  Design decisions (see docs/calendar-export.md):

- UID: ``ietf<meeting>-<group>-<n>@ietfplan`` from the session id, never from the run,
  so a re-export updates the same event in a calendar instead of adding a copy.
- SEQUENCE / LAST-MODIFIED / DTSTAMP come from a :class:`Revision` that the caller keeps
  per UID (``publish/state.py``): unchanged content gives byte-identical output.
- Untimed sessions (day known, time not) become all-day events, transparent for
  free/busy, marked "time not given".  A time that happens twice in the zone (the
  hour the clocks go back) is written in UTC so that no program can misread it.  Sessions without an end get no DTEND (RFC 5545
  3.6.1: the event then has no duration); the description says the end is not given.
- VTIMEZONE is written from the pytz rules for the dates in the file, each transition
  as its own observance (DTSTART is the local time *before* the change, as RFC 5545
  requires), so a week that crosses a DST change is described correctly.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ietfplan import __version__
from ietfplan.model import Meeting, Session
from ietfplan.render.icstext import event_zone, tzid_of
from ietfplan.safe import clean
from ietfplan.zones import to_zone

if TYPE_CHECKING:
    from icalendar import Calendar, Timezone

PRODID = f"-//ietfplan//ietfplan {__version__}//EN"
UID_DOMAIN = "ietfplan"
DEFAULT_ALARMS = (timedelta(minutes=10),)
STATUS = {"scheduled": "CONFIRMED", "cancelled": "CANCELLED", "tentative": "TENTATIVE",
          "rescheduled": "CONFIRMED"}
UNTIMED_MARK = "time not given"


@dataclass(frozen=True)
class IcsOptions:
    zone: tzinfo | None = None  # zone of DTSTART/DTEND; None = each meeting's own zone
    utc: bool = False  # all times in UTC (…Z), no VTIMEZONE
    alarms: tuple[timedelta, ...] = DEFAULT_ALARMS
    name: str = ""  # X-WR-CALNAME


@dataclass(frozen=True)
class Revision:
    """What a calendar needs to see a change: SEQUENCE and when the content last changed."""

    sequence: int
    modified: datetime  # aware, UTC


@dataclass(frozen=True)
class IcsEvent:
    """One session ready to become a VEVENT: its UID, content and the hash of that content."""

    session: Session
    meeting: Meeting
    uid: str
    content: dict[str, Any]
    digest: str


_UNSAFE_UID = re.compile(r"[^A-Za-z0-9._-]+")


def session_uid(session: Session) -> str:
    """A UID from meeting, group and the session's id: stable across runs and machines.

    It is also safe as a file name (CalDAV stores each event as ``<uid>.ics``).
    """
    prefix = f"{session.meeting}-{session.group}-"
    local = session.id[len(prefix):] if session.id.startswith(prefix) else session.id
    raw = f"ietf{session.meeting}-{session.group}-{local}"
    safe = _UNSAFE_UID.sub("_", raw)
    if safe != raw:  # keep distinct ids distinct after replacing characters
        safe += "-" + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:8]
    return f"{safe}@{UID_DOMAIN}"


def _text(value: str) -> str:
    """Data text for a calendar: newlines kept, control and bidi-override characters made
    visible (khal and others print these fields on a terminal)."""
    return clean(value, keep_newlines=True)


def summary(session: Session) -> str:
    extra = f", {UNTIMED_MARK}" if session.start is None else ""
    return _text(f"{session.title} (IETF {session.meeting}{extra})")


def description(session: Session, meeting: Meeting) -> str:
    lines: list[str] = []
    if session.status == "rescheduled":
        lines.append("Rescheduled (times as in the latest data).")
    if session.start is None:
        lines.append("Time not given in the source: only the day is known; "
                     "check the official agenda.")
    elif session.end is None:
        lines.append("End time not given in the source.")
    elif session.end_estimated:
        lines.append("End time estimated from the meeting's usual session length.")
    if session.topics:
        lines.append("Topics: " + ", ".join(session.topics))
    if session.drafts:
        lines.append("Drafts: " + ", ".join(session.drafts))
    lines.extend(f"{name}: {url}" for name, url in session.links)
    if session.note:
        lines.append("Note: " + session.note)
    if session.source:
        lines.append("Source: " + session.source)
    if meeting.url:
        lines.append(f"{meeting.title} agenda: {meeting.url}")
    return _text("\n".join(lines))


def _uri(value: str) -> str:
    """A URI property value (URL, CONFERENCE): written as it is, not escaped like text, so
    spaces, line breaks, control and bidi characters are percent-encoded.  The loaders
    already refuse links with line breaks; this keeps any that get here on one line."""
    from urllib.parse import quote

    return "".join(quote(ch, safe="") if ord(ch) <= 0x20 or 0x7F <= ord(ch) <= 0x9F
                   or ch in _URI_UNSAFE else ch for ch in value)


_URI_UNSAFE = frozenset("\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e"
                        "\u2066\u2067\u2068\u2069\ufeff")


def _url(session: Session, meeting: Meeting) -> str:
    """URL: the session's materials page (the Datatracker's session page) where known."""
    links = session.link_map
    for key in ("materials", "agenda", "session"):
        if key in links:
            return _uri(links[key])
    return _uri(session.links[0][1]) if session.links else _uri(meeting.url)


# RFC 7986 CONFERENCE: how to join remotely, the first of these links a session has.
CONFERENCE_LINKS = (("remote", "Meetecho remote participation"), ("conference", "Online conference"))


def _conference(session: Session) -> tuple[str, str] | None:
    links = session.link_map
    for key, label in CONFERENCE_LINKS:
        url = links.get(key, "")
        if url.lower().startswith(("https://", "http://")):
            return _uri(url), label
    return None


def event_content(session: Session, meeting: Meeting, alarms: Sequence[timedelta]) -> dict[str, Any]:
    """Everything an event says, zone-independent (instants in UTC); hashed to see changes."""
    return {
        "summary": summary(session),
        "description": description(session, meeting),
        "location": _text(", ".join(p for p in (session.room, meeting.city) if p)),
        "url": _url(session, meeting),
        "categories": [_text(t) for t in session.topics],
        "status": STATUS.get(session.status, "CONFIRMED"),
        "date": session.date.isoformat(),
        "start": _utc_iso(session.start) if session.start else None,
        "end": _utc_iso(session.end) if session.end else None,
        "alarms": [int(a.total_seconds()) for a in alarms] if session.start else [],
        # only when there is one, so that events without it hash as before
        **({"conference": conference[0], "conference_label": conference[1]}
           if (conference := _conference(session)) is not None else {}),
    }


@lru_cache(maxsize=4096)
def _utc_iso(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).isoformat()


def prepare(pairs: Iterable[tuple[Session, Meeting]], alarms: Sequence[timedelta]) -> list[IcsEvent]:
    items: list[IcsEvent] = []
    # One encoder for all events: json.dumps with options makes a new one per call (a
    # third of the time of hashing 40,000 events).  Same text, so the same digests.
    canonical = json.JSONEncoder(sort_keys=True, ensure_ascii=False).encode
    sha256 = hashlib.sha256
    for session, meeting in pairs:
        content = event_content(session, meeting, alarms)
        digest = sha256(canonical(content).encode("utf-8")).hexdigest()
        items.append(IcsEvent(session, meeting, session_uid(session), content, digest))
    return items


def build_calendar(opts: IcsOptions, *, name: str = "", zone_name: str = "",
                   zones_for: Sequence[IcsEvent] = ()) -> Calendar:
    """The VCALENDAR's head, by icalendar: its properties and one VTIMEZONE per zone the
    events of ``zones_for`` use; no events (calendar_bytes writes those)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if name:
        cal.add("x-wr-calname", _text(name))
    if zone_name:
        cal.add("x-wr-timezone", zone_name)
    for zone, first, last in _zones_used(zones_for, opts):
        cal.add_component(vtimezone(zone, first, last))
    return cal


def _zones_used(items: Sequence[IcsEvent], opts: IcsOptions) -> list[tuple[tzinfo, date, date]]:
    spans: dict[str, tuple[tzinfo, date, date]] = {}
    local_day: dict[tuple[datetime, tzinfo], date] = {}  # a few hundred distinct instants
    for item in items:
        session = item.session
        if opts.utc or session.start is None:
            continue
        zone = event_zone(item, opts)
        key = tzid_of(zone)
        if key == "UTC":
            continue  # times in UTC are written as such (…Z): no VTIMEZONE
        days = []
        for instant in (session.start, session.end):
            if instant is not None:
                day = local_day.get((instant, zone))
                if day is None:
                    day = local_day[(instant, zone)] = to_zone(instant, zone).date()
                days.append(day)
        if key in spans:
            _, lo, hi = spans[key]
            days += [lo, hi]
        spans[key] = (zone, min(days), max(days))
    return list(spans.values())


def vtimezone(zone: tzinfo, first: date, last: date) -> Timezone:
    """A VTIMEZONE valid from the day before ``first`` to the day after ``last``.

    One observance for the offset in force at the start, then one per change of offset
    in the range, with DTSTART the local time before the change (RFC 5545 3.6.5).
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    begin = datetime.combine(first - timedelta(days=1), datetime.min.time(), timezone.utc)
    end = datetime.combine(last + timedelta(days=2), datetime.min.time(), timezone.utc)
    tz = Timezone()
    tz.add("tzid", tzid_of(zone))
    prev = to_zone(begin, zone)
    observances = [(prev, prev.utcoffset())]
    instant = begin
    while instant < end:
        nxt = instant + timedelta(hours=1)
        local = to_zone(nxt, zone)
        if local.utcoffset() != prev.utcoffset():
            exact = _change_instant(zone, instant, nxt)
            observances.append((to_zone(exact, zone), prev.utcoffset()))
            prev = to_zone(exact, zone)
        instant = nxt
    for when, offset_from in observances:
        sub = TimezoneDaylight() if when.dst() else TimezoneStandard()
        assert offset_from is not None
        onset = (when.astimezone(timezone.utc) + offset_from).replace(tzinfo=None)
        sub.add("dtstart", onset)
        sub.add("tzoffsetfrom", offset_from)
        sub.add("tzoffsetto", when.utcoffset())
        sub.add("tzname", when.tzname() or str(zone))
        tz.add_component(sub)
    return tz


def _change_instant(zone: tzinfo, lo: datetime, hi: datetime) -> datetime:
    """The first instant in (lo, hi] with hi's offset (bisection to the second)."""
    target = to_zone(hi, zone).utcoffset()
    while hi - lo > timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        mid = mid.replace(microsecond=0)
        if to_zone(mid, zone).utcoffset() == target:
            hi = mid
        else:
            lo = mid
    return hi


def calendar_bytes(items: Sequence[IcsEvent], revisions: Mapping[str, Revision], opts: IcsOptions,
                   *, name: str = "", zone_name: str = "") -> bytes:
    """The whole calendar: the head and VTIMEZONEs by icalendar, the VEVENTs by icstext.py.
    The one writer of events, for ``export`` (a file) and ``publish`` (one event per
    CalDAV resource)."""
    from ietfplan.render.icstext import event_text

    head = to_bytes(build_calendar(opts, name=name, zone_name=zone_name, zones_for=items))
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)
    events = "".join(event_text(item, revisions[item.uid], opts) for item in items)
    return head[: -len(end)] + events.encode("utf-8") + end


def to_bytes(cal: Calendar) -> bytes:
    data: bytes = cal.to_ical()
    return data
