"""A query result → the events to write, with names, notes and revisions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from ietfplan.plan.query import Result
from ietfplan.publish.state import EventState
from ietfplan.render.ics import IcsEvent, IcsOptions, Revision, calendar_bytes, prepare

SHOWN = 10  # untimed sessions named in the note; a large agenda has thousands


@dataclass
class Export:
    items: list[IcsEvent]
    revisions: dict[str, Revision]
    state: EventState
    name: str
    zone_name: str
    notes: list[str] = field(default_factory=list)


def calendar_name(result: Result, picks: bool) -> str:
    titles = [listing.title for listing in result.listings]
    name = " + ".join(titles)
    return f"{name} — my picks" if picks else name


def prepare_export(result: Result, opts: IcsOptions, now: datetime, state: EventState, *,
                   picks: bool = False) -> Export:
    """Items and revisions for the sessions in ``result`` (``state`` not yet saved)."""
    pairs = [(s, listing.meeting) for listing in result.listings for s in listing.sessions]
    items = prepare(pairs, opts.alarms)
    revisions = state.revise(items, now)
    untimed = [i.session for i in items if i.session.start is None]
    notes: list[str] = []
    if untimed:
        names = ", ".join(f"{s.group.upper()} ({s.date:%a %-d %b})" for s in untimed[:SHOWN])
        more = f" and {len(untimed) - SHOWN:,} more" if len(untimed) > SHOWN else ""
        notes.append(f"note: {len(untimed)} session(s) have no time in the data and are "
                     f"exported as all-day events marked 'time not given': {names}{more}")
    if opts.utc:
        zone_name = "UTC"
    elif opts.zone is not None:
        zone_name = str(opts.zone)
    else:
        zone_name = result.listings[0].meeting.timezone if result.listings else ""
    return Export(items, revisions, state, opts.name or calendar_name(result, picks),
                  zone_name, notes)


def render(export: Export, opts: IcsOptions) -> bytes:
    return calendar_bytes(export.items, export.revisions, opts, name=export.name,
                          zone_name=export.zone_name)
