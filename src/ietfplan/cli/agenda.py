"""agenda, today, tomorrow: sessions of a meeting, filtered, in any format."""

from __future__ import annotations

from dataclasses import replace

from ietfplan.cli.common import Format, FormatOpt, JsonOpt, context, handle_errors
from ietfplan.cli.declare import App
from ietfplan.cli.filtering import with_filters
from ietfplan.cli.output import emit
from ietfplan.plan.query import Query

HIDDEN_KINDS = ("break", "registration")  # shown only with --kind (or --group)


def _run(query: Query, fmt: Format, as_json: bool) -> None:
    result = context().run_query(replace(query, hide_kinds=HIDDEN_KINDS))
    emit(result.listings, Format.json if as_json else fmt, result.notes)


@handle_errors
@with_filters(when=True)
def agenda(query: Query, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Sessions of a meeting, sorted by time; filter by day, topic, group, area, room, text."""
    _run(query, fmt, as_json)


@handle_errors
@with_filters()
def today(query: Query, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Today's sessions (same as `agenda today`)."""
    _run(replace(query, when="today"), fmt, as_json)


@handle_errors
@with_filters()
def tomorrow(query: Query, fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Tomorrow's sessions (same as `agenda tomorrow`)."""
    _run(replace(query, when="tomorrow"), fmt, as_json)


def register(app: App) -> None:
    app.command()(agenda)
    app.command()(today)
    app.command()(tomorrow)
