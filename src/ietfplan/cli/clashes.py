"""clashes: sessions that run at the same time, with alternatives."""

from __future__ import annotations

from typing import Annotated

from ietfplan.cli.common import (
    JsonOpt,
    context,
    handle_errors,
)  # fmt: skip
from ietfplan.cli.declare import App, Exit, Option
from ietfplan.cli.filtering import (
    ReportFormat,
    ReportFormatOpt,
    run_filtered,
    shown_zone,
    with_filters,
    write_report,
)  # fmt: skip
from ietfplan.plan.clashes import report
from ietfplan.plan.query import Query

CheckOpt = Annotated[bool, Option(
    "--check", help="Exit with status 1 when there is any clash (for scripts).")]


@handle_errors
@with_filters(when=True)
def clashes(
    query: Query,
    check: CheckOpt = False,
    fmt: ReportFormatOpt = ReportFormat.table,
    as_json: JsonOpt = False,
) -> None:
    """Sessions that overlap in time (among the selected ones or your --picks), with the
    other sessions of the same groups as alternatives."""
    from ietfplan.render import clashes as render

    result = run_filtered(query)
    reports = [report(li.meeting, li.sessions, li.title, query.picks) for li in result.listings]
    zone = shown_zone(query, result)
    write_report(fmt, as_json,
                 json_text=lambda: render.render_clash_json(reports, zone, context().prefs.night),
                 markdown_text=lambda: render.render_clash_markdown(reports, zone),
                 table=lambda console: render.render_clash_table(reports, console, zone))
    if check and any(r.clashes for r in reports):
        raise Exit(1)


def register(app: App) -> None:
    app.command()(clashes)
