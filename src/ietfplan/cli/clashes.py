"""clashes: sessions that run at the same time, with alternatives."""

from __future__ import annotations

from typing import Annotated

from ietfplan.cli.common import (
    JsonOpt,
    context,
    handle_errors,
    note,
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
from ietfplan.plan.clashes import has_clash, report
from ietfplan.plan.query import Query

CheckOpt = Annotated[bool, Option(
    "--check", help="Only check: exit with status 1 when there is any clash (for scripts); "
                    "with --format json or markdown the report is written as well.")]


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
    if check and not as_json and fmt is ReportFormat.table:
        # The exit code and one line each: no clash sets, alternatives or table are worked
        # out that nobody would see (a dense 40,000-session file: 3.2 s -> 0.24 s).
        found = [li for li in result.listings if has_clash(li.meeting, li.sessions)]
        for li in result.listings:
            note(f"{li.title}: {'sessions clash' if li in found else 'no clashes'}")
        raise Exit(1 if found else 0)
    reports = [report(li.meeting, li.sessions, li.title, query.picks) for li in result.listings]
    zone = shown_zone(query, result)
    write_report(fmt, as_json,
                 json_text=lambda: render.render_clash_json(reports, zone, context().prefs.night),
                 markdown_text=lambda: render.render_clash_markdown(reports, zone),
                 table=lambda console: render.render_clash_table(reports, console, zone))
    if check and any(r.clashes for r in reports):  # --check with a report asked for
        raise Exit(1)


def register(app: App) -> None:
    app.command()(clashes)
