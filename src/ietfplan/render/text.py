"""Human text for times and days, shared by the table and Markdown renderers."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from ietfplan.model import Session
from ietfplan.zones import to_zone, zone_label

NOT_GIVEN = "—"


def day_text(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b}"


def long_day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def time_text(s: Session, zone: tzinfo) -> str:
    """``09:30–12:00 EDT (UTC-4)``; ``09:30–~11:30`` for an estimated end;
    ``09:30 EDT (UTC-4)`` when no end is known; 'time not given' when untimed."""
    if s.start is None:
        return "time not given"
    start = to_zone(s.start, zone)
    label = zone_label(start)
    if s.end is None:
        return f"{start:%H:%M} {label}"
    end = to_zone(s.end, zone)
    mark = "~" if s.end_estimated else ""
    end_label = zone_label(end)
    suffix = label if end_label == label else f"{label} → {end_label}"
    return f"{start:%H:%M}–{mark}{end:%H:%M} {suffix}"


def local_day(s: Session, zone: tzinfo) -> date:
    return s.date if s.start is None else to_zone(s.start, zone).date()


def clock(dt: datetime, zone: tzinfo) -> str:
    return f"{to_zone(dt, zone):%H:%M}"
