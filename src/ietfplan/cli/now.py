"""now, next: what is on, and what comes next, by the clock (or IETFPLAN_NOW)."""

from __future__ import annotations

import sys
from dataclasses import replace
from typing import Annotated

from ietfplan.cli.common import (
    JsonOnlyOpt,
    context,
    handle_errors,
    out_console,
)  # fmt: skip
from ietfplan.cli.declare import App, Option
from ietfplan.cli.filtering import has_filters, run_filtered, shown_zone, with_filters
from ietfplan.plan.now import view
from ietfplan.plan.query import Query

AllOpt = Annotated[bool, Option(
    "--all", help="Every session (with the filters), not only your picks.")]


def _show(query: Query, as_json: bool, *, running: bool, what: str, mark: bool) -> None:
    from ietfplan.plan.clashes import clash_map

    now = context().now
    result = run_filtered(query)
    views = [view(li.meeting, li.sessions, now) for li in result.listings]
    zone = shown_zone(query, result)
    if as_json:
        from ietfplan.render.jsonout import dumps
        from ietfplan.render.now import now_object

        objs = [now_object(v, zone, context().prefs.night) for v in views]
        sys.stdout.write(dumps(objs[0] if len(objs) == 1 else objs) + "\n")
        return
    from ietfplan.render.now import render_now

    console = out_console()
    for now_view in views:
        ids: frozenset[str] = frozenset()
        if mark:
            cm = clash_map(now_view.meeting, now_view.upcoming)
            ids = frozenset(k for k, others in cm.items() if others)
        render_now(now_view, console, zone, running=running, what=what, clash_ids=ids)


@handle_errors
@with_filters()
def now(
    query: Query,
    as_json: JsonOnlyOpt = False,
) -> None:
    """Sessions in progress (minutes left) and the next ones to start (in N min)."""
    _show(query, as_json, running=True, what="Next", mark=query.picks)


@handle_errors
@with_filters(picks=False)
def next_(
    query: Query,
    all_: AllOpt = False,
    as_json: JsonOnlyOpt = False,
) -> None:
    """The next session(s) of your picks; of every session with --all or when you have
    no picks; filters narrow it down."""
    use_picks = not all_ and not has_filters(query) and _has_picks(query)
    if use_picks:
        query = replace(query, picks=True)
    _show(query, as_json, running=False, what="Next of your picks" if use_picks else "Next",
          mark=use_picks)


def _has_picks(query: Query) -> bool:
    from ietfplan.plan.picks import load
    from ietfplan.plan.query import pick_meetings

    ctx = context()
    meetings, _ = pick_meetings(ctx.catalog, query, ctx.now)
    return any(not load(ctx.folders.picks, m.number).empty for m in meetings)


def register(app: App) -> None:
    app.command()(now)
    app.command("next")(next_)
