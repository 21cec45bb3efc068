"""now / next as friendly terminal lines or JSON."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ietfplan.model import Session
from ietfplan.plan.now import NowView, in_words
from ietfplan.plan.query import span
from ietfplan.render.clashes import clock_span
from ietfplan.render.text import NOT_GIVEN, day_text
from ietfplan.safe import clean
from ietfplan.zones import Night, to_zone, zone_label


def _zone(v: NowView, zone: tzinfo | None) -> tzinfo:
    return zone if zone is not None else v.meeting.tz


def headline(v: NowView, zone: tzinfo) -> str:
    t = to_zone(v.now, zone)
    return f"{v.meeting.title} · {day_text(t.date())} {t:%H:%M} {zone_label(t)}"


def outside_line(v: NowView) -> str | None:
    meeting = v.meeting
    if v.status == "before":
        days = (meeting.start - to_zone(v.now, meeting.tz).date()).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        return f"{meeting.title} has not started: it runs {span(meeting)}, starting {when}."
    if v.status == "after":
        return f"{meeting.title} is over (it ran {span(meeting)}). Nothing is on now."
    return None


def next_heading(v: NowView, zone: tzinfo, what: str = "Next") -> str:
    if v.next_start is None:
        return f"{what}: nothing more in {v.meeting.title}."
    start = to_zone(v.next_start, zone)
    minutes = v.minutes_to_next or 0
    return (f"{what}, in {in_words(minutes)} — {day_text(start.date())} {start:%H:%M} "
            f"{zone_label(start)}:")


def _row(table: Table, session: Session, zone: tzinfo, extra: str) -> None:
    table.add_row("", Text(clean(session.group.upper()), style="cyan"), clock_span(session, zone),
                  Text(clean(session.name or NOT_GIVEN)), Text(clean(session.room or NOT_GIVEN)),
                  Text(extra, style="bold"))


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(width=0)  # indent
    for _ in range(5):
        table.add_column()
    return table


def render_now(v: NowView, console: Console, zone: tzinfo | None, *, running: bool = True,
               what: str = "Next", clash_ids: frozenset[str] = frozenset()) -> None:
    """The view as lines; sessions in ``clash_ids`` get a clash mark."""
    shown_zone = _zone(v, zone)
    console.print(Text(clean(headline(v, shown_zone)), style="bold"))
    outside = outside_line(v)
    if outside:
        console.print(Text(clean(outside)))
    if running and v.status == "during":
        if v.running:
            console.print(Text("Now:", style="bold"))
            grid = _grid()
            for r in v.running:
                if r.minutes_left is None:
                    extra = f"started {in_words(r.started_minutes_ago)} ago; end not given"
                else:
                    extra = ("~" if r.estimated else "") + f"{in_words(r.minutes_left)} left"
                _row(grid, r.session, shown_zone, extra)
            console.print(grid)
        else:
            console.print(Text("Nothing in progress."))
    if v.status != "after" or v.next_start is not None:
        console.print(Text(clean(next_heading(v, shown_zone, what)), style="bold"))
        if v.upcoming:
            grid = _grid()
            for s in v.upcoming:
                _row(grid, s, shown_zone, "⚠ clash" if s.id in clash_ids else "")
            console.print(grid)
    if v.untimed_today:
        groups = ", ".join(s.group.upper() for s in v.untimed_today)
        console.print(Text(clean(f"{untimed_heading(v, shown_zone)}, time not given: {groups}"),
                           style="dim"))


def untimed_heading(v: NowView, zone: tzinfo) -> str:
    """``Also today (Fri 20 Jul)``, or, when the date where the user is differs from the
    meeting's, ``Also on Fri 20 Jul (the meeting's date in America/Montreal)``: sessions
    with only a day are on the meeting's date."""
    day = v.untimed_date or to_zone(v.now, v.meeting.tz).date()
    if to_zone(v.now, zone).date() == day:
        return f"Also today ({day_text(day)})"
    return f"Also on {day_text(day)} (the meeting's date in {v.meeting.timezone})"


def now_object(v: NowView, zone: tzinfo | None, night: Night) -> dict[str, Any]:
    """The documented JSON for now/next; ``night`` the user's night hours."""
    from ietfplan.render.fields import iso, session_fields

    shown_zone = _zone(v, zone)
    meeting = v.meeting
    running = []
    for r in v.running:
        obj = session_fields(r.session, meeting, zone, night)
        obj.update(started_minutes_ago=r.started_minutes_ago, minutes_left=r.minutes_left,
                   minutes_left_estimated=r.estimated)
        running.append(obj)
    return {
        "now": iso(v.now, shown_zone),
        "meeting": meeting.number,
        "status": v.status,
        "message": outside_line(v),
        "in_progress": running,
        "next": {
            "start": iso(v.next_start, shown_zone),
            "starts_in_minutes": v.minutes_to_next,
            "sessions": [session_fields(s, meeting, zone, night) for s in v.upcoming],
        },
        "untimed_today": [session_fields(s, meeting, zone, night) for s in v.untimed_today],
        "untimed_date": v.untimed_date.isoformat() if v.untimed_date else None,
    }
