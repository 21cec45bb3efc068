"""agenda, today, tomorrow: sessions of a meeting, filtered, in any format."""

from __future__ import annotations

import typer

from ietfplan import config
from ietfplan.cli.common import (
    AreaOpt,
    FileOpt,
    Format,
    FormatOpt,
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
)  # fmt: skip
from ietfplan.cli.filtering import make_query
from ietfplan.cli.output import emit
from ietfplan.load.catalog import Catalog
from ietfplan.plan.query import run_query


def _run(when: str | None, topic: list[str] | None, wg: list[str] | None, area: list[str] | None,
         room: list[str] | None, search: str, meeting: int | None, file: list[str] | None,
         tz: str | None, picks: bool, fmt: Format, as_json: bool) -> None:
    query = make_query(when, topic, wg, area, room, search, meeting, file, tz, picks)
    result = run_query(Catalog(), query, config.now())
    emit(result.listings, Format.json if as_json else fmt, result.notes)


@handle_errors
def agenda(
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
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Sessions of a meeting, sorted by time; filter by day, topic, group, area, room, text."""
    _run(when, topic, wg, area, room, search, meeting, file, tz, picks, fmt, as_json)


@handle_errors
def today(
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    picks: PicksOpt = False,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Today's sessions (same as `agenda today`)."""
    _run("today", topic, wg, area, room, search, meeting, file, tz, picks, fmt, as_json)


@handle_errors
def tomorrow(
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    tz: TzOpt = None,
    picks: PicksOpt = False,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Tomorrow's sessions (same as `agenda tomorrow`)."""
    _run("tomorrow", topic, wg, area, room, search, meeting, file, tz, picks, fmt, as_json)


def register(app: typer.Typer) -> None:
    app.command()(agenda)
    app.command()(today)
    app.command()(tomorrow)
