"""Terminal tables with rich.  Data text always goes in as rich Text (never markup)."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ietfplan.plan.query import Listing
from ietfplan.render.text import (
    CLASH_MARK,
    NIGHT_MARK,
    NOT_GIVEN,
    day_text,
    dual,
    local_day,
    short_time,
    time_text,
    your_time,
    zone_heading,
)  # fmt: skip
from ietfplan.safe import clean
from ietfplan.zones import abbreviation, in_night, night_text, to_zone


def data(value: str, style: str = "") -> Text:
    """Text from a data file, shown literally and without terminal escapes."""
    return Text(clean(value), style=style)


def render_table(listings: Sequence[Listing], console: Console) -> None:
    for listing in listings:
        _render_one(listing, console)


def _render_one(listing: Listing, console: Console) -> None:
    zone = listing.display_zone
    meeting = listing.meeting
    if not listing.sessions and listing.title == meeting.title:  # nothing of this meeting to show
        console.print(Text(clean(listing.empty_message)))
        return
    heading = Text()
    heading.append(clean(listing.title or meeting.title), style="bold")
    night = listing.night
    two = dual(meeting.tz, zone)
    zones_text = zone_heading(meeting.tz, zone, listing.sessions, night)
    if two:  # long: a line of its own
        console.print(heading)
        console.print(Text(zones_text, style="dim"))
    else:
        heading.append(f"  · {zones_text}", style="dim")
        console.print(heading)
    if not listing.sessions:
        console.print(Text(listing.empty_message))
        return
    boxed = box.ROUNDED if console.is_terminal else box.SIMPLE
    table = Table(box=boxed, show_lines=False, pad_edge=False, header_style="bold")
    table.add_column("Day", no_wrap=True)
    table.add_column("Time", no_wrap=True)
    if two:
        first = next((session.start for session in listing.sessions if session.start), None)
        abbr = f" ({abbreviation(to_zone(first, zone))})" if first else ""
        table.add_column("Your time" + abbr, no_wrap=True)
    table.add_column("Group", no_wrap=True, style="cyan")
    table.add_column("Name", ratio=3)
    table.add_column("Room", ratio=1)
    table.add_column("Topics", ratio=1)
    flags: set[str] = set()
    for session in listing.sessions:
        time_cell = Text(short_time(session, meeting.tz) if two else time_text(session, zone))
        cells = [Text(day_text(local_day(session, meeting.tz if two else zone))), time_cell]
        if two:
            text, at_night = your_time(session, zone, night)
            cells.append(Text(text, style="dim" if session.start is None else ""))
        else:
            at_night = session.start is not None and in_night(session.start, session.end, zone, night)
        if at_night:
            cells[-1].append(f" {NIGHT_MARK}", style="bold magenta")
            flags.add("night")
        if session.start is None:
            flags.add("untimed")
            time_cell.stylize("dim")
        elif session.end is None:
            flags.add("noend")
        elif session.end_estimated:
            flags.add("estimated")
        group = data(session.group.upper())
        if listing.clashes_with.get(session.id):
            group.append(f" {CLASH_MARK}", style="bold red")
            flags.add("clash")
        name = data(session.name or NOT_GIVEN)
        if session.bof:
            name.append(" (BOF)", style="bold cyan")
        if session.status != "scheduled":
            name.append(f" ({session.status.upper()})", style="bold red")
        room = data(session.room) if session.room else Text(NOT_GIVEN, style="dim")
        if not session.room:
            flags.add("noroom")
        table.add_row(
            *cells,
            group,
            name,
            room,
            data(", ".join(session.topics)),
        )
    console.print(table)
    notes = _legend(flags, meeting.default_duration is not None)
    if "night" in flags:
        notes += ("; " if notes else "") + f"{NIGHT_MARK}: in your night ({night_text(night)})"
    if notes:
        console.print(Text(notes, style="dim"))


def _legend(flags: set[str], has_default: bool) -> str:
    parts = []
    if "noroom" in flags:
        parts.append(f"{NOT_GIVEN} room not given in the source")
    if "untimed" in flags:
        parts.append("'time not given': the source names the day only")
    if "noend" in flags:
        parts.append("a single time: the end is not given")
    if "estimated" in flags and has_default:
        parts.append("~ end estimated from the meeting's default duration")
    if "clash" in flags:
        parts.append(f"{CLASH_MARK} clashes with another listed session")
    return "; ".join(parts)
