"""The Datatracker's record of a meeting: ``/api/v1/meeting/meeting/?number=N&format=json``.

A Tastypie list, ``{"meta": {...}, "objects": [{"number": "115", "city": "London",
"country": "GB", "time_zone": "Europe/London", "date": "2022-11-05", "days": 7, ...}]}``
(ietf/meeting/models.py ``Meeting``: ``date`` is the first day, ``end_date()`` is
``date + days - 1``).  It says what agenda.json does not: the zone, city and dates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ietfplan.errors import DataError, FileError, UsageError


@dataclass(frozen=True)
class MeetingRecord:
    number: int
    city: str
    country: str
    timezone: str
    start: date
    end: date
    origin: str = ""


def record_url(base: str, number: int) -> str:
    return f"{base.rstrip('/')}/api/v1/meeting/meeting/?number={number}&format=json"


def agenda_url(base: str, number: int) -> str:
    return f"{base.rstrip('/')}/meeting/{number}/agenda.json"


def parse_record(text: str, origin: str, number: int) -> MeetingRecord:
    """The record of IETF ``number`` in an API answer; FileError when it has none."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped[:1] == "<":
        raise FileError(f"{origin} answered with an HTML page, not the meeting's record",
                        hint="check the Datatracker address (IETFPLAN_DATATRACKER_URL)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"the meeting record is not valid JSON: {exc.msg}", path=origin,
                        line=exc.lineno, column=exc.colno) from None
    objects = data.get("objects") if isinstance(data, dict) else None
    if not isinstance(objects, list):
        raise DataError("this is not a Datatracker API answer (no 'objects' list)", path=origin,
                        hint='the meeting API answers {"meta": {...}, "objects": [...]}')
    found = [o for o in objects if isinstance(o, dict) and str(o.get("number", "")) == str(number)]
    if not found:
        raise FileError(f"the Datatracker does not know IETF {number}",
                        hint="check the meeting number; meetings are listed at "
                             "https://datatracker.ietf.org/meeting/")
    return record_from(found[0], origin)


def record_from(obj: dict[str, Any], origin: str) -> MeetingRecord:
    from ietfplan.zones import get_zone

    try:
        number = int(str(obj["number"]))
        start = date.fromisoformat(str(obj["date"]))
        days = int(obj.get("days") or 1)
        zone = str(obj.get("time_zone") or "")
        if not zone:
            raise ValueError("no time_zone")
    except (KeyError, TypeError, ValueError) as exc:
        what = f"no '{exc.args[0]}'" if isinstance(exc, KeyError) else str(exc)
        raise DataError(f"the meeting record is incomplete or malformed ({what})", path=origin,
                        hint="it should give number, date, days and time_zone") from None
    try:
        zone = str(get_zone(zone))
    except UsageError as exc:
        raise DataError(f"the meeting record names an unknown time zone '{zone}'", path=origin,
                        hint=exc.problems[0].hint) from None
    return MeetingRecord(number=number, city=str(obj.get("city") or "").strip(),
                         country=str(obj.get("country") or "").strip(), timezone=zone,
                         start=start, end=start + timedelta(days=max(days, 1) - 1), origin=origin)
