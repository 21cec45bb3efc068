"""week: the meeting as a grid of days × start times."""

from __future__ import annotations

from dataclasses import replace

from ietfplan.cli.common import (
    JsonOpt,
    context,
    handle_errors,
)  # fmt: skip
from ietfplan.cli.declare import App
from ietfplan.cli.filtering import (
    ReportFormat,
    ReportFormatOpt,
    run_filtered,
    with_filters,
    write_report,
)  # fmt: skip
from ietfplan.plan.clashes import clash_map
from ietfplan.plan.picks import picked_ids
from ietfplan.plan.query import Query


@handle_errors
@with_filters()
def week(
    query: Query,
    fmt: ReportFormatOpt = ReportFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """A grid of days × start times with the groups meeting then; your picks marked *,
    clashes ⚠ (among your picks when you have some)."""
    from ietfplan.render import week as render
    from ietfplan.render.jsonout import dumps

    grids = []
    from ietfplan.cli.agenda import HIDDEN_KINDS

    for li in run_filtered(replace(query, hide_kinds=HIDDEN_KINDS)).listings:
        chosen = picked_ids(context().folders.picks, li.meeting)
        pool = [s for s in li.meeting.sessions if s.id in chosen] if chosen else li.sessions
        clashing = {k for k, v in clash_map(li.meeting, pool).items() if v}
        grids.append(render.build_grid(li.meeting, li.sessions, li.zone, li.title, chosen,
                                       clashing))
    write_report(fmt, as_json,
                 json_text=lambda: dumps(render.week_objects(grids)) + "\n",
                 markdown_text=lambda: render.render_week_markdown(grids),
                 table=lambda console: render.render_week_table(grids, console))


def register(app: App) -> None:
    app.command()(week)
