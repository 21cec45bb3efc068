"""A change report (plan/changes.py) as sentences and a table, or as JSON."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from ietfplan.model import Session
from ietfplan.plan.changes import CHANGES, Change, ChangeReport
from ietfplan.render.text import span_text
from ietfplan.safe import clean
from ietfplan.timefmt import clock_text
from ietfplan.zones import Night, to_zone


def when(session: Session, zone: tzinfo) -> str:
    """``Tue 17 Jul 09:30–12:00``; ``Tue 17 Jul (time not given)``."""
    if session.start is None:
        return f"{session.date:%a %d %b} (time not given)"
    start = to_zone(session.start, zone)
    end = to_zone(session.end, zone) if session.end is not None and not session.end_estimated else None
    return f"{start:%a %d %b} {span_text(start, end)}"


def _in(session: Session) -> str:
    return f" in {session.room}" if session.room else ""


def describe(change: Change, zone: tzinfo) -> str:
    """One sentence: ``your pick DNSOP moved from Salon A to Van Horne (Wed 18 Jul 09:30–12:00)``."""
    session = change.session
    name = session.group.upper()
    before, after = change.before, change.after
    if change.change == "added" and after is not None:
        text = f"{name} added: {when(after, zone)}{_in(after)}"
    elif change.change == "removed" and before is not None:
        text = f"{name} removed (was {when(before, zone)}{_in(before)})"
    elif before is None or after is None:
        text = f"{name} {change.change}"
    elif change.change in ("cancelled", "rescheduled"):
        text = f"{name} on {when(before, zone)} is {change.change}"
        if change.fields:
            text += f" (now listed {when(after, zone)}{_in(after)})"
        if change.change == "rescheduled" and after.note:
            text += f": {after.note}"
    elif change.change == "detailed":
        text = f"{name} on {when(before, zone)}: now {when(after, zone)}{_in(after)}"
    elif change.change == "materials":
        text = f"{name} on {when(after, zone)}: {materials_text(change)}"
    elif change.change == "status":
        text = f"{name} on {when(before, zone)} is now {after.status} (was {before.status})"
    elif change.fields == ("room",):
        text = (f"{name} moved from {before.room or 'no room'} to {after.room or 'no room'} "
                f"({when(after, zone)})")
    elif change.fields == ("end",) and after.end is not None:
        text = f"{name} on {when(before, zone)} now ends at {clock_text(to_zone(after.end, zone))}"
    elif "room" in change.fields:
        text = (f"{name} moved from {when(before, zone)}{_in(before) or ' (no room)'} "
                f"to {when(after, zone)}{_in(after) or ' (no room)'}")
    else:
        text = f"{name} moved from {when(before, zone)} to {when(after, zone)}{_in(after)}"
    return ("your pick " if change.pick else "") + text


def materials_text(change: Change) -> str:
    """``slides 3: A new deck added; minutes updated`` for a 'materials' change."""
    old = change.before.link_map if change.before else {}
    new = change.after.link_map if change.after else {}
    return "; ".join(f"{link} {'added' if link not in old else 'removed' if link not in new else 'updated'}"
                     for link in change.fields)


def summary_line(report: ChangeReport) -> str:
    count = len(report.meeting.sessions)
    sessions = f"{count} session{'' if count == 1 else 's'}"
    if report.previous is None:
        return f"{sessions}; nothing to compare with (first import)"
    if not report.changes:
        return f"no changes ({sessions})"
    parts = [f"{report.count(k)} {k}" for k in CHANGES if report.count(k)]
    picks = len(report.picks_affected)
    tail = f"; {picks} of your picks affected" if picks else ""
    return ", ".join(parts) + tail


def print_report(report: ChangeReport, console: Any, header: str) -> None:
    """Header, then the picks affected (called out first), then a table of the rest."""
    from rich.table import Table
    from rich.text import Text

    zone = report.meeting.tz
    for line in header.splitlines():
        console.print(Text(clean(line), style="bold"))
    for change in report.picks_affected:
        console.print(Text("  " + clean(describe(change, zone)), style="bold yellow"))
    others = [c for c in report.changes if not c.pick]
    if others:
        table = Table(header_style="bold", show_edge=False, pad_edge=False)
        for col in ("Change", "Session", "Before", "After"):
            table.add_column(col)
        for change in others:
            title = change.session.title + (f" ({change.session.kind})"
                                            if change.session.kind != "session" else "")
            after = _state(change.after, zone)
            if change.change == "materials":
                after = materials_text(change)
            table.add_row(change.change, Text(clean(title)),
                          Text(clean(_state(change.before, zone))), Text(clean(after)))
        console.print(table)
    console.print(Text(clean(summary_line(report))))


def _state(session: Session | None, zone: tzinfo) -> str:
    if session is None:
        return "—"
    extra = f" [{session.status}]" if session.status != "scheduled" else ""
    return f"{when(session, zone)}{_in(session)}{extra}"


def report_object(report: ChangeReport, night: Night) -> dict[str, Any]:
    """The documented JSON form (see docs/importing.md); ``night`` the user's night hours."""
    from ietfplan.render.fields import session_fields

    meeting = report.meeting
    zone = meeting.tz
    old = report.previous or meeting

    return {
        "meeting": meeting.number,
        "previous": report.previous.path if report.previous else None,
        "sessions": len(meeting.sessions),
        "summary": {**{k: report.count(k) for k in CHANGES}, "picks_affected": len(report.picks_affected)},
        "changes": [
            {
                "change": c.change,
                "id": c.session.id,
                "group": c.session.group,
                "pick": c.pick,
                "fields": list(c.fields),
                "message": describe(c, zone),
                "before": session_fields(c.before, old, None, night) if c.before else None,
                "after": session_fields(c.after, meeting, None, night) if c.after else None,
            }
            for c in report.changes
        ],
    }
