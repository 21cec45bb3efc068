"""now, next: what is on, and what comes next, by the clock (or IETFPLAN_NOW)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from ietfplan import config
from ietfplan.cli.common import (
    AreaOpt,
    FileOpt,
    GroupOpt,
    JsonOpt,
    MeetingOpt,
    PicksOpt,
    RoomOpt,
    SearchOpt,
    TopicOpt,
    TzOpt,
    handle_errors,
    out_console,
)  # fmt: skip
from ietfplan.cli.filtering import has_filters, make_query, run_filtered, shown_zone
from ietfplan.load.catalog import Catalog
from ietfplan.plan.now import view
from ietfplan.plan.query import Query

AllOpt = Annotated[bool, typer.Option(
    "--all", help="Every session (with the filters), not only your picks.")]


def _show(query: Query, as_json: bool, *, running: bool, what: str, mark: bool) -> None:
    from ietfplan.plan.clashes import clash_map

    now = config.now()
    result = run_filtered(query)
    views = [view(li.meeting, li.sessions, now) for li in result.listings]
    zone = shown_zone(query, result)
    if as_json:
        from ietfplan.render.jsonout import dumps
        from ietfplan.render.now import now_object

        objs = [now_object(v, zone) for v in views]
        sys.stdout.write(dumps(objs[0] if len(objs) == 1 else objs) + "\n")
        return
    from ietfplan.render.now import render_now

    console = out_console()
    for v in views:
        ids: frozenset[str] = frozenset()
        if mark:
            cm = clash_map(v.meeting, v.upcoming)
            ids = frozenset(k for k, others in cm.items() if others)
        render_now(v, console, zone, running=running, what=what, clash_ids=ids)


@handle_errors
def now(
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    picks: PicksOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """Sessions in progress (minutes left) and the next ones to start (in N min)."""
    query = make_query(None, topic, wg, area, room, search, meeting, file, tz, picks)
    _show(query, as_json, running=True, what="Next", mark=picks)


@handle_errors
def next_(
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    all_: AllOpt = False,
    as_json: JsonOpt = False,
) -> None:
    """The next session(s) of your picks; of every session with --all or when you have
    no picks; filters narrow it down."""
    query = make_query(None, topic, wg, area, room, search, meeting, file, tz)
    use_picks = not all_ and not has_filters(query) and _has_picks(query)
    if use_picks:
        query = make_query(None, meeting=meeting, file=file, tz=tz, picks=True)
    _show(query, as_json, running=False, what="Next of your picks" if use_picks else "Next",
          mark=use_picks)


def _has_picks(query: Query) -> bool:
    from ietfplan.plan.picks import load
    from ietfplan.plan.query import pick_meetings

    meetings, _ = pick_meetings(Catalog(), query, config.now())
    return any(not load(m.number).empty for m in meetings)


def register(app: typer.Typer) -> None:
    app.command()(now)
    app.command("next")(next_)
