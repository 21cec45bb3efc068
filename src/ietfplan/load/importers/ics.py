"""Any RFC 5545 calendar, and the Datatracker's ``agenda.ics`` in particular.

The Datatracker writes ietf/templates/meeting/agenda.ics (rendered by ``agenda_ical``
in ietf/meeting/views.py): ``UID:ietf-<meeting>-<timeslot>-<acronym>``, ``SUMMARY`` the
session's name or ``<acronym> - <group name>`` (plus `` (<agenda note>)``), ``LOCATION``,
``STATUS`` from ``ical_session_status`` (CONFIRMED, CANCELLED, ``RESCHEDULED [TO ...]``),
``DTSTART;TZID=<IANA zone>`` (the ``ics_date_time`` tag) with the meeting's VTIMEZONE,
``DESCRIPTION`` the slot name, ``Note:`` and links.  Older templates used
``UID:ietf-<meeting>-<acronym>-<n>`` and a TZID named after the city.

Other calendars: DTSTART/DTEND (TZID, UTC or floating), DURATION, SUMMARY, LOCATION,
DESCRIPTION, STATUS, URL; all-day events become sessions without a time.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from ietfplan.errors import Problem
from ietfplan.load.importers import ics_ietfplan
from ietfplan.load.importers.common import (
    Draft,
    Item,
    data_error,
    group_for,
    kind_for,
    raise_problems,
)
from ietfplan.zones import canonical_zone_name

FORMAT = "iCalendar"
FORMAT_DT = "Datatracker agenda.ics"
_UID_NEW = re.compile(r"^ietf-(\d+)-(\d+)-([A-Za-z0-9][\w.-]*)$")
_UID_OLD = re.compile(r"^ietf-(\d+)-([A-Za-z0-9][\w.-]*?)-(\d+)$")
_UID_OURS = re.compile(r"^ietf(\d+)-([a-z0-9][\w.-]*?)-([^@]+)@ietfplan$")
_SUMMARY_ACRONYM = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]{0,39}) (?:-|—|–) (.+)$")
_OURS_SUMMARY = re.compile(r"^(.*?) \(IETF \d+(?:, time not given)?\)$")
_LINK_LINE = re.compile(r"^\s*(Session materials|Meetecho|Onsite tool|Webex|See in schedule):\s*(\S+)\s*$")
_STATUS = {"CONFIRMED": "scheduled", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}


def parse(text: str, origin: str) -> Draft:
    from icalendar import Calendar

    event_lines = [i + 1 for i, raw in enumerate(text.splitlines())
                   if raw.strip().upper() == "BEGIN:VEVENT"]
    if not text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCALENDAR"):
        raise data_error(origin, "not an iCalendar file: it does not start with BEGIN:VCALENDAR", 1, 1)
    if not re.search(r"^END:VCALENDAR\s*$", text, re.M | re.I):
        raise data_error(origin, "the calendar is cut short: END:VCALENDAR is missing",
                         text.count("\n") + 1, hint="download it again")
    try:
        cal = Calendar.from_ical(text)
    except (ValueError, IndexError, KeyError) as exc:
        raise data_error(origin, f"not a valid iCalendar file: {exc}", hint="download it again") from None
    events = list(cal.walk("VEVENT"))
    if not events:
        raise data_error(origin, "the calendar has no events (no VEVENT)", 1, 1,
                         "export the agenda or calendar with its events")
    draft = Draft(FORMAT, origin)
    problems: list[Problem] = []
    numbers: list[int] = []
    zones: list[str] = []  # the TZID of each timed event ('' for UTC or floating)
    for index, ev in enumerate(events):
        line = event_lines[index] if index < len(event_lines) else 0
        try:
            item, number, tzid = _event(ev, origin)
        except ValueError as exc:
            problems.append(Problem(f"event {index + 1}: {exc}", origin, line, 1))
            continue
        item.line = line
        draft.items.append(item)
        if number is not None:
            numbers.append(number)
        if item.start is not None:
            zones.append(tzid)
        if ev.get("RRULE") is not None:
            draft.warnings.append(f"{origin}:{line}: '{item.name}' repeats; only its first time is imported")
    raise_problems(problems)
    _our_rooms(draft)
    if numbers and len(set(numbers)) == 1:
        draft.number = numbers[0]
    if any(i.source.startswith(FORMAT_DT) for i in draft.items):
        draft.fmt = FORMAT_DT
    _zone(draft, zones)
    return draft


def _event(ev: Any, origin: str) -> tuple[Item, int | None, str]:
    uid = str(ev.get("UID", "")).strip()
    summary = _clean(str(ev.get("SUMMARY", "")))
    description = str(ev.get("DESCRIPTION", "")).replace("\r\n", "\n")
    prop = ev.get("DTSTART")
    if prop is None:
        raise ValueError(f"'{summary or uid}' has no DTSTART")
    start = prop.dt
    tzid = str(prop.params.get("TZID", "")) if hasattr(prop, "params") else ""
    end = _end(ev, start)
    ours = ics_ietfplan.read(uid, summary, description)
    if ours is not None:
        return _our_item(ev, ours, start, end, origin), ours.number, tzid
    number, acronym, name, is_dt = _identify(uid, summary)
    note, links = _description(description, is_dt)
    if is_dt and note and name.endswith(f" ({note})"):
        name = name[: -len(note) - 3]
    status, status_note = _status(str(ev.get("STATUS", "")))
    kind = kind_for(name or summary)
    item = Item(
        group=group_for(kind, acronym, name or summary),
        name=name,
        room=_clean(str(ev.get("LOCATION", ""))),
        note="; ".join(n for n in (status_note, note) if n),
        kind=kind,
        status=status,
        links=(*links, ("agenda" if is_dt else "url", str(ev["URL"]))) if ev.get("URL") else links,
        source=f"{FORMAT_DT if is_dt else FORMAT} {origin}" + (f" (UID {uid})" if uid else ""),
    )
    _set_times(item, start, end)
    return item, number, tzid


def _set_times(item: Item, start: date, end: date | None) -> None:
    if isinstance(start, datetime):
        item.start = start
        item.end = end if isinstance(end, datetime) and end > start else None
    elif isinstance(start, date):
        item.day = start
        if isinstance(end, date) and not isinstance(end, datetime) and end > start + timedelta(days=1):
            item.note = "; ".join(n for n in (item.note, f"all day until {end - timedelta(days=1)}") if n)
    else:
        raise ValueError(f"'{item.name}': DTSTART is not a date or date-time")


def _our_item(ev: Any, ours: ics_ietfplan.Ours, start: date, end: date | None, origin: str) -> Item:
    """An event of ietfplan's own export, read back into the fields it was made from."""
    status, _ = _status(str(ev.get("STATUS", "")))
    via = f"via ietfplan's .ics export {origin}"
    item = Item(
        group=ours.group,
        name=ours.name,
        room=_clean(str(ev.get("LOCATION", ""))),
        note=ours.note,
        kind=kind_for(ours.name),
        status="rescheduled" if ours.rescheduled else status,
        links=tuple(ours.links),
        drafts=ours.drafts,
        source=f"{ours.source} ({via})" if ours.source else f"{FORMAT} {origin} ({via})",
        ours=True,
    )
    _set_times(item, start, end)
    return item


def _our_rooms(draft: Draft) -> None:
    """ietfplan's export writes LOCATION as 'room, city': take the city off again."""
    ours = [i for i in draft.items if i.ours]
    city, rooms = ics_ietfplan.split_rooms([i.room for i in ours])
    for item, room in zip(ours, rooms, strict=True):
        item.room = room
    draft.city = draft.city or city


def _end(ev: Any, start: date) -> date | None:
    prop = ev.get("DTEND")
    if prop is not None:
        end: date = prop.dt
        if isinstance(start, datetime) != isinstance(end, datetime):
            raise ValueError("DTSTART and DTEND must both be dates or both date-times")
        if isinstance(start, datetime) and isinstance(end, datetime) and \
                (start.utcoffset() is None) != (end.utcoffset() is None):
            raise ValueError("DTSTART and DTEND mix a floating time with a zoned one")
        return end
    duration = ev.get("DURATION")
    if duration is not None and isinstance(duration.dt, timedelta):
        result: date = start + duration.dt
        return result
    return None


def _identify(uid: str, summary: str) -> tuple[int | None, str, str, bool]:
    """(meeting number, acronym, name, is Datatracker) from UID and SUMMARY."""
    for pattern, group_at in ((_UID_NEW, 3), (_UID_OLD, 2)):
        m = pattern.match(uid)
        if m:
            acronym = m.group(group_at).lower()
            s = _SUMMARY_ACRONYM.match(summary)
            if s and s.group(1).lower() == acronym:
                return int(m.group(1)), acronym, s.group(2).strip(), True
            return int(m.group(1)), "" if acronym == "break" else acronym, summary, True
    m = _UID_OURS.match(uid)
    if m:
        inner = _OURS_SUMMARY.match(summary)
        title = inner.group(1) if inner else summary
        s = _SUMMARY_ACRONYM.match(title)
        name = s.group(2).strip() if s and s.group(1).lower() == m.group(2) else ""
        return int(m.group(1)), m.group(2), name, False
    s = _SUMMARY_ACRONYM.match(summary)
    if s and (s.group(1).islower() or s.group(1).isupper()):
        return None, s.group(1).lower(), s.group(2).strip(), False
    return None, "", summary, False


def _description(text: str, is_dt: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(note, links) from DESCRIPTION: the Datatracker's lines are picked apart."""
    if not text.strip():
        return "", ()
    if not is_dt:
        return _clean(text.strip()), ()
    note = ""
    links: list[tuple[str, str]] = []
    for raw in text.split("\n"):
        m = _LINK_LINE.match(raw)
        if m:
            links.append((m.group(1).lower().replace(" ", "-"), m.group(2)))
        elif raw.strip().startswith("Note:"):
            note = raw.strip()[5:].strip()
    return note, tuple(links)


def _status(raw: str) -> tuple[str, str]:
    value = raw.strip().upper()
    if not value:
        return "scheduled", ""
    if value.startswith("RESCHEDULED"):
        return "rescheduled", raw.strip().capitalize()
    return _STATUS.get(value, "scheduled"), "" if value in _STATUS else f"status {raw.strip()}"


def _zone(draft: Draft, tzids: list[str]) -> None:
    """The meeting zone when every timed event names the same TZID: an IANA name, or a
    city (old Datatracker templates)."""
    if len(set(tzids)) != 1 or not tzids[0]:
        return
    tzid = tzids[0].strip().strip('"')
    name = canonical_zone_name(tzid)
    if name is None:
        import pytz

        city = tzid.replace(" ", "_").lower()
        matches = [z for z in pytz.common_timezones if z.lower().endswith("/" + city)]
        if len(matches) == 1:
            name, draft.city = matches[0], tzid
    if name:
        draft.timezone = name


def _clean(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\r" in text else text.strip()
