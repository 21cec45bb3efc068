"""One session → a flat dict of stable, documented fields (for JSON and CSV)."""

from __future__ import annotations

from datetime import datetime, timezone, tzinfo
from typing import Any

from ietfplan.model import Meeting, Session
from ietfplan.zones import to_zone

FIELDS = (
    "meeting", "id", "group", "name", "area", "topics", "date", "start", "end",
    "end_estimated", "start_utc", "end_utc", "timezone", "room", "drafts", "links",
    "note", "source", "kind", "status",
)  # fmt: skip


def iso(dt: datetime | None, zone: tzinfo) -> str | None:
    if dt is None:
        return None
    return to_zone(dt, zone).isoformat()


def iso_utc(dt: datetime | None) -> str | None:
    if dt is None:
        return None
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def session_fields(s: Session, meeting: Meeting, zone: tzinfo | None = None) -> dict[str, Any]:
    """The documented JSON object for a session; times in ``zone`` (default: meeting zone)."""
    z = zone if zone is not None else meeting.tz
    return {
        "meeting": s.meeting,
        "id": s.id,
        "group": s.group,
        "name": s.name,
        "area": s.area or None,
        "topics": list(s.topics),
        "date": s.date.isoformat(),
        "start": iso(s.start, z),
        "end": iso(s.end, z),
        "end_estimated": s.end_estimated,
        "start_utc": iso_utc(s.start),
        "end_utc": iso_utc(s.end),
        "timezone": str(z),
        "room": s.room or None,
        "drafts": list(s.drafts),
        "links": dict(s.links),
        "note": s.note or None,
        "source": s.source or None,
        "kind": s.kind,
        "status": s.status,
    }
