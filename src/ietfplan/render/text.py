"""Human text for times and days, shared by the table and Markdown renderers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING

from ietfplan.model import Session
from ietfplan.timefmt import clock_text
from ietfplan.zones import (
    Night,
    abbreviation,
    format_offset,
    in_night,
    night_text,
    to_zone,
    zone_label,
)

if TYPE_CHECKING:
    from ietfplan.plan.convert import Conversion

NOT_GIVEN = "—"
CLASH_MARK = "⚠"  # a session that clashes with another (table and week views)


def day_text(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b}"


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_text(session: Session, zone: tzinfo) -> str:
    """``09:30–12:00 EDT (UTC-4)``; ``09:30–~11:30`` for an estimated end;
    ``09:30 EDT (UTC-4)`` when no end is known; 'time not given' when untimed."""
    if session.start is None:
        return "time not given"
    start = to_zone(session.start, zone)
    label = zone_label(start)
    if session.end is None:
        return f"{clock_text(start)} {label}"
    end = to_zone(session.end, zone)
    end_label = zone_label(end)
    suffix = label if end_label == label else f"{label} → {end_label}"
    return f"{span_text(start, end, session.end_estimated)} {suffix}"


def span_text(start: datetime, end: datetime | None, estimated: bool = False) -> str:
    """``09:30–12:00``, ``09:30–~11:30`` (estimated end), ``09:30`` (no end); an end on a
    later date than the start (both as shown) says so: ``22:30–01:00 +1 day``.  A time with
    seconds shows them (``01:20:30``)."""
    if end is None:
        return clock_text(start)
    days = (end.date() - start.date()).days
    text = f"{clock_text(start)}–{'~' if estimated else ''}{clock_text(end)}"
    return f"{text} {shift_text(days)}" if days else text


def local_day(session: Session, zone: tzinfo) -> date:
    return session.date if session.start is None else to_zone(session.start, zone).date()


def clock(dt: datetime, zone: tzinfo) -> str:
    return clock_text(to_zone(dt, zone))


# --- two clocks: the meeting's and the user's ----------------------------------------------

NIGHT_MARK = "night"


def dual(meeting_zone: tzinfo, zone: tzinfo) -> bool:
    """Whether a listing shows the user's clock beside the meeting's."""
    return str(zone) != str(meeting_zone)


def shift_text(days: int) -> str:
    """``+1 day``, ``-1 day``, ``+2 days``; '' for the same day."""
    if days == 0:
        return ""
    return f"{days:+d} day" + ("" if abs(days) == 1 else "s")


def day_shift(session: Session, zone: tzinfo) -> int:
    """The user's date minus the meeting's date for the start of ``session`` (0 when untimed)."""
    if session.start is None:
        return 0
    return (to_zone(session.start, zone).date() - session.start.date()).days


def short_time(session: Session, zone: tzinfo) -> str:
    """``09:30–12:00 EDT``, ``22:30 JST``; 'time not given' when untimed."""
    if session.start is None:
        return "time not given"
    start = to_zone(session.start, zone)
    end = to_zone(session.end, zone) if session.end is not None else None
    return f"{span_text(start, end, session.end_estimated)} {abbreviation(start)}"


def your_time(session: Session, zone: tzinfo, night: Night) -> tuple[str, bool]:
    """``02:30 JST +1 day`` and whether it falls in the user's night."""
    text = short_time(session, zone)
    if session.start is None:
        return text, False
    shift = shift_text(day_shift(session, zone))
    return (f"{text} {shift}" if shift else text), in_night(session.start, session.end, zone, night)


def offsets_text(sessions: Sequence[Session], zone: tzinfo, *, abbreviations: bool = True) -> str:
    """``JST, UTC+9``, or ``EDT, UTC-4 / EST, UTC-5`` across a DST change; '' if untimed.
    Without ``abbreviations``: ``UTC-4 / UTC-5``."""
    seen: list[str] = []
    for session in sessions:
        if session.start is not None:
            at = to_zone(session.start, zone)
            abbr, off = abbreviation(at), format_offset(at.utcoffset())
            label = off if abbr == off or not abbreviations else f"{abbr}, {off}"
            if label not in seen:
                seen.append(label)
    return " / ".join(seen)


def zone_heading(meeting_zone: tzinfo, zone: tzinfo, sessions: Sequence[Session],
                 night: Night) -> str:
    """``times in America/Montreal (UTC-4)``; with both zones and the night when dual:
    ``meeting times in America/Montreal (EDT, UTC-4); your times in Asia/Tokyo (JST, UTC+9),
    night 23:00-07:00``."""
    if not dual(meeting_zone, zone):
        offs = offsets_text(sessions, zone, abbreviations=False)
        return f"times in {zone}" + (f" ({offs})" if offs else "")

    def one(zone: tzinfo) -> str:
        offs = offsets_text(sessions, zone)
        return f"{zone}" + (f" ({offs})" if offs else "")

    return (f"meeting times in {one(meeting_zone)}; your times in {one(zone)}, "
            f"night {night_text(night)}")


def conversion_lines(results: Sequence[Conversion], night: Night) -> list[str]:
    """``convert`` as text: the source, then each target with date, offset and night flag."""
    from ietfplan.safe import clean

    lines: list[str] = []
    for conversion in results:
        head = clean(conversion.what)
        if conversion.session is not None and conversion.meeting is not None:
            head = clean(f"{conversion.meeting.title} · {conversion.session.title} "
                         f"({conversion.session.id})")
        lines.append(head)
        if conversion.start is None:
            lines.append("  time not given (in every zone)")
            continue
        rows = [("from", conversion.source_zone, conversion.start, conversion.end, "")]
        for target in conversion.targets:
            flags = " ".join(x for x in (shift_text(target.day_shift),
                                         NIGHT_MARK if target.night else "") if x)
            rows.append(("to", target.zone, target.start, target.end, flags))
        width = max(len(r[1]) for r in rows)
        for word, zone_name, start, end, flags in rows:
            span = span_text(start, end)
            line = (f"  {word:<4} {zone_name:<{width}}  {start:%a %-d %b %Y}  {span} "
                    f"{zone_label(start)}")
            lines.append((line + "  " + flags) if flags else line)
    if any(t.night for c in results for t in c.targets):
        lines.append(f"(night: {night_text(night)} in that zone; `ietfplan config set night ...`)")
    return lines
