"""clashes: sessions that run at the same time, with alternatives."""

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
    WhenArg,
    handle_errors,
    note,
    out_console,
)  # fmt: skip
from ietfplan.cli.filtering import ReportFormat, ReportFormatOpt, make_query
from ietfplan.load.catalog import Catalog
from ietfplan.plan.clashes import report
from ietfplan.plan.query import run_query

CheckOpt = Annotated[bool, typer.Option(
    "--check", help="Exit with status 1 when there is any clash (for scripts).")]


@handle_errors
def clashes(
    when: WhenArg = None,
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    picks: PicksOpt = False,
    check: CheckOpt = False,
    fmt: ReportFormatOpt = ReportFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """Sessions that overlap in time (among the selected ones or your --picks), with the
    other sessions of the same groups as alternatives."""
    query = make_query(when, topic, wg, area, room, search, meeting, file, tz, picks)
    result = run_query(Catalog(), query, config.now())
    for n in result.notes:
        note(n)
    reports = [report(li.meeting, li.sessions, li.title, picks) for li in result.listings]
    fmt = ReportFormat.json if as_json else fmt
    if fmt is ReportFormat.json:
        from ietfplan.render.clashes import render_clash_json

        sys.stdout.write(render_clash_json(reports, query.zone))
    elif fmt is ReportFormat.markdown:
        from ietfplan.render.clashes import render_clash_markdown

        sys.stdout.write(render_clash_markdown(reports, query.zone))
    else:
        from ietfplan.render.clashes import render_clash_table

        render_clash_table(reports, out_console(), query.zone)
    if check and any(r.clashes for r in reports):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command()(clashes)
