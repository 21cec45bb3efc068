"""One session → a flat dict of stable, documented fields (for JSON and CSV)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone, tzinfo
from typing import TYPE_CHECKING, Any

from ietfplan.model import Meeting, Session
from ietfplan.timefmt import clock_text
from ietfplan.zones import Night, abbreviation, format_offset, in_night, to_zone

if TYPE_CHECKING:
    from ietfplan.plan.convert import Conversion

FIELDS = (
    "meeting", "id", "group", "name", "area", "topics", "date", "start", "end",
    "end_estimated", "start_utc", "end_utc", "timezone", "local_start", "local_end",
    "local_timezone", "day_shift", "night", "room", "drafts", "links", "note", "source",
    "kind", "status", "bof", "group_type", "datatracker_id",
)  # fmt: skip


def iso(dt: datetime | None, zone: tzinfo) -> str | None:
    if dt is None:
        return None
    return to_zone(dt, zone).isoformat()


def iso_utc(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def session_fields(session: Session, meeting: Meeting, zone: tzinfo | None, night: Night
                   ) -> dict[str, Any]:
    """The documented JSON object for a session.

    ``start``/``end``/``timezone`` are the meeting's clock; ``local_*`` the same instants in
    ``zone`` (default: the meeting zone), ``day_shift`` the local date minus the meeting
    date, ``night`` whether the session touches the ``night`` hours there (None when
    untimed).
    """
    mz = meeting.tz
    shown_zone = zone if zone is not None else mz
    (start, end, start_utc, end_utc, local_start, local_end, shift,
     at_night) = _time_fields(session.start, session.end, mz, shown_zone, night)
    return {
        "meeting": session.meeting,
        "id": session.id,
        "group": session.group,
        "name": session.name,
        "area": session.area or None,
        "topics": list(session.topics),
        "date": session.date.isoformat(),
        "start": start,
        "end": end,
        "end_estimated": session.end_estimated,
        "start_utc": start_utc,
        "end_utc": end_utc,
        "timezone": str(mz),
        "local_start": local_start,
        "local_end": local_end,
        "local_timezone": str(shown_zone),
        "day_shift": shift,
        "night": at_night,
        "room": session.room or None,
        "drafts": list(session.drafts),
        "links": dict(session.links),
        "note": session.note or None,
        "source": session.source or None,
        "kind": session.kind,
        "status": session.status,
        "bof": session.bof,
        "group_type": session.group_type or None,
        "datatracker_id": session.datatracker_id or None,
    }


_TimeFields = tuple[str | None, str | None, str | None, str | None, str | None, str | None,
                    int | None, bool | None]
# Sessions share a few hundred distinct (start, end) pairs: their time fields are computed
# once each.  The key holds each datetime's UTC offset as well as the datetime (aware
# datetimes compare and hash by instant, and the wall-clock date depends on the offset).
_TIME_MEMO: dict[tuple[Any, ...], _TimeFields] = {}
_TIME_MEMO_MAX = 8192


def _time_fields(start: datetime | None, end: datetime | None, mz: tzinfo, zone: tzinfo,
                 night: Night) -> _TimeFields:
    key = (start, start.utcoffset() if start is not None else None,
           end, end.utcoffset() if end is not None else None, mz, zone, night)
    try:
        found = _TIME_MEMO.get(key)
        hashable = True
    except TypeError:  # a tzinfo that cannot be hashed: no memo
        found, hashable = None, False
    if found is not None:
        return found
    shift = None if start is None else (to_zone(start, zone).date() - start.date()).days
    value: _TimeFields = (
        iso(start, mz), iso(end, mz), iso_utc(start), iso_utc(end), iso(start, zone), iso(end, zone),
        shift, None if start is None else in_night(start, end, zone, night),
    )
    if hashable:
        if len(_TIME_MEMO) >= _TIME_MEMO_MAX:
            _TIME_MEMO.clear()
        _TIME_MEMO[key] = value
    return value


def _instant(dt: datetime, zone: str) -> dict[str, Any]:
    return {"zone": zone, "datetime": dt.isoformat(), "date": dt.date().isoformat(),
            "time": clock_text(dt), "abbreviation": abbreviation(dt),
            "offset": format_offset(dt.utcoffset())}


def conversion_objects(results: Sequence[Conversion]) -> list[dict[str, Any]]:
    """``convert --format json``: one object per converted time or session."""
    out: list[dict[str, Any]] = []
    for conversion in results:
        obj: dict[str, Any] = {
            "input": conversion.what,
            "session": conversion.session.id if conversion.session is not None else None,
            "meeting": conversion.meeting.number if conversion.meeting is not None else None,
            "time_given": conversion.start is not None,
            "from": (_instant(conversion.start, conversion.source_zone)
                     if conversion.start is not None else None),
            "utc": iso_utc(conversion.start),
            "to": [],
            "notes": list(conversion.notes),
        }
        for target in conversion.targets:
            item = _instant(target.start, target.zone)
            item.update(end=target.end.isoformat() if target.end is not None else None,
                        day_shift=target.day_shift, night=target.night)
            obj["to"].append(item)
        out.append(obj)
    return out
