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
from ietfplan.timefmt import clock_text
from ietfplan.zones import Night, to_zone, zone_label


def _zone(view: NowView, zone: tzinfo | None) -> tzinfo:
    return zone if zone is not None else view.meeting.tz


def headline(view: NowView, zone: tzinfo) -> str:
    local = to_zone(view.now, zone)
    # the clock's reading, to the minute like a wall clock (the system clock always has
    # seconds); times from the data below keep theirs (clock_text)
    return f"{view.meeting.title} · {day_text(local.date())} {local:%H:%M} {zone_label(local)}"


def outside_line(view: NowView) -> str | None:
    meeting = view.meeting
    if view.status == "before":
        days = (meeting.start - to_zone(view.now, meeting.tz).date()).days
        when = "tomorrow" if days == 1 else f"in {days} days"
        return f"{meeting.title} has not started: it runs {span(meeting)}, starting {when}."
    if view.status == "after":
        return f"{meeting.title} is over (it ran {span(meeting)}). Nothing is on now."
    return None


def next_heading(view: NowView, zone: tzinfo, what: str = "Next") -> str:
    if view.next_start is None:
        return f"{what}: nothing more in {view.meeting.title}."
    start = to_zone(view.next_start, zone)
    minutes = view.minutes_to_next or 0
    return (f"{what}, in {in_words(minutes)} — {day_text(start.date())} {clock_text(start)} "
            f"{zone_label(start)}:")


def _row(table: Table, session: Session, zone: tzinfo, extra: str) -> None:
    # the indent is text in the first cell: a first column of width 0 is 2 wide in rich
    # before 14.3 (pyproject allows rich 13; .ci/run tests the lowest allowed versions)
    group = Text.assemble("  ", (clean(session.group.upper()), "cyan"))
    table.add_row(group, clock_span(session, zone),
                  Text(clean(session.name or NOT_GIVEN)), Text(clean(session.room or NOT_GIVEN)),
                  Text(extra, style="bold"))


def _grid() -> Table:
    table = Table.grid(padding=(0, 2))
    for _ in range(5):
        table.add_column()
    return table


def render_now(view: NowView, console: Console, zone: tzinfo | None, *, running: bool = True,
               what: str = "Next", clash_ids: frozenset[str] = frozenset()) -> None:
    """The view as lines; sessions in ``clash_ids`` get a clash mark."""
    shown_zone = _zone(view, zone)
    console.print(Text(clean(headline(view, shown_zone)), style="bold"))
    outside = outside_line(view)
    if outside:
        console.print(Text(clean(outside)))
    if running and view.status == "during":
        if view.running:
            console.print(Text("Now:", style="bold"))
            grid = _grid()
            for current in view.running:
                if current.minutes_left is None:
                    extra = f"started {in_words(current.started_minutes_ago)} ago; end not given"
                else:
                    extra = (("~" if current.estimated else "")
                             + f"{in_words(current.minutes_left)} left")
                _row(grid, current.session, shown_zone, extra)
            console.print(grid)
        else:
            console.print(Text("Nothing in progress."))
    if view.status != "after" or view.next_start is not None:
        console.print(Text(clean(next_heading(view, shown_zone, what)), style="bold"))
        if view.upcoming:
            grid = _grid()
            for session in view.upcoming:
                _row(grid, session, shown_zone, "⚠ clash" if session.id in clash_ids else "")
            console.print(grid)
    if view.untimed_today:
        groups = ", ".join(s.group.upper() for s in view.untimed_today)
        console.print(Text(clean(f"{untimed_heading(view, shown_zone)}, time not given: {groups}"),
                           style="dim"))


def untimed_heading(view: NowView, zone: tzinfo) -> str:
    """``Also today (Fri 20 Jul)``, or, when the date where the user is differs from the
    meeting's, ``Also on Fri 20 Jul (the meeting's date in America/Montreal)``: sessions
    with only a day are on the meeting's date."""
    day = view.untimed_date or to_zone(view.now, view.meeting.tz).date()
    if to_zone(view.now, zone).date() == day:
        return f"Also today ({day_text(day)})"
    return f"Also on {day_text(day)} (the meeting's date in {view.meeting.timezone})"


def now_object(view: NowView, zone: tzinfo | None, night: Night) -> dict[str, Any]:
    """The documented JSON for now/next; ``night`` the user's night hours."""
    from ietfplan.render.fields import iso, session_fields

    shown_zone = _zone(view, zone)
    meeting = view.meeting
    running = []
    for current in view.running:
        obj = session_fields(current.session, meeting, zone, night)
        obj.update(started_minutes_ago=current.started_minutes_ago,
                   minutes_left=current.minutes_left, minutes_left_estimated=current.estimated)
        running.append(obj)
    return {
        "now": iso(view.now, shown_zone),
        "meeting": meeting.number,
        "status": view.status,
        "message": outside_line(view),
        "in_progress": running,
        "next": {
            "start": iso(view.next_start, shown_zone),
            "starts_in_minutes": view.minutes_to_next,
            "sessions": [session_fields(s, meeting, zone, night) for s in view.upcoming],
        },
        "untimed_today": [session_fields(s, meeting, zone, night) for s in view.untimed_today],
        "untimed_date": view.untimed_date.isoformat() if view.untimed_date else None,
    }
