"""week: the meeting as a grid of days × start times."""

from __future__ import annotations

import sys

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
    note,
    out_console,
)  # fmt: skip
from ietfplan.cli.filtering import ReportFormat, ReportFormatOpt, make_query
from ietfplan.load.catalog import Catalog
from ietfplan.plan.clashes import clash_map
from ietfplan.plan.picks import picked_ids
from ietfplan.plan.query import run_query


@handle_errors
def week(
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    picks: PicksOpt = False,
    fmt: ReportFormatOpt = ReportFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """A grid of days × start times with the groups meeting then; your picks marked *,
    clashes ⚠ (among your picks when you have some)."""
    from ietfplan.render.week import build_grid

    query = make_query(None, topic, wg, area, room, search, meeting, file, tz, picks)
    result = run_query(Catalog(), query, config.now())
    for n in result.notes:
        note(n)
    grids = []
    for li in result.listings:
        chosen = picked_ids(li.meeting)
        pool = [s for s in li.meeting.sessions if s.id in chosen] if chosen else li.sessions
        clashing = {k for k, v in clash_map(li.meeting, pool).items() if v}
        grids.append(build_grid(li.meeting, li.sessions, query.zone, li.title, chosen, clashing))
    fmt = ReportFormat.json if as_json else fmt
    if fmt is ReportFormat.json:
        from ietfplan.render.jsonout import dumps
        from ietfplan.render.week import week_objects

        sys.stdout.write(dumps(week_objects(grids)) + "\n")
    elif fmt is ReportFormat.markdown:
        from ietfplan.render.week import render_week_markdown

        sys.stdout.write(render_week_markdown(grids))
    else:
        from ietfplan.render.week import render_week_table

        render_week_table(grids, out_console())


def register(app: typer.Typer) -> None:
    app.command()(week)
