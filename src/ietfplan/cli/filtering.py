"""The agenda filters as one value, shared by clashes, now, next, week and pick."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from datetime import tzinfo
from enum import Enum
from typing import Annotated, Any, TypeVar

from ietfplan.cli.common import (
    AreaOpt,
    FileOpt,
    GroupOpt,
    KindOpt,
    MeetingOpt,
    PicksOpt,
    RoomOpt,
    SearchOpt,
    TopicOpt,
    TzOpt,
    WhenArg,
    context,
    listify,
    note,
    out_console,
)  # fmt: skip
from ietfplan.cli.declare import Option
from ietfplan.plan.query import Query, Result
from ietfplan.zones import resolve_display_zone


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


ReportFormatOpt = Annotated[ReportFormat, Option("--format", help="Output format.")]


def make_query(when: str | None = None, topic: list[str] | None = None,
               wg: list[str] | None = None, area: list[str] | None = None,
               room: list[str] | None = None, search: str = "", meeting: int | None = None,
               file: list[str] | None = None, tz: str | None = None,
               picks: bool = False, kind: list[str] | None = None) -> Query:
    """A Query exactly as ``agenda`` builds it, so filters behave identically."""
    return Query(
        when=when,
        topics=listify(topic),
        groups=listify(wg),
        areas=listify(area),
        rooms=listify(room),
        search=search,
        meeting=meeting,
        files=tuple(file or ()),
        zone=resolve_display_zone(tz),
        picks=picks,
        kinds=listify(kind),
        use_default_zone=tz is None,  # no --tz: the configured zone, per meeting
    )


def shown_zone(query: Query, result: Result) -> tzinfo | None:
    """The zone to show times in: --tz, else the configured zone of the meeting(s) shown."""
    zones = {str(li.zone) for li in result.listings}
    if query.zone is None and len(zones) == 1 and result.listings:
        return result.listings[0].zone
    return query.zone


CommandFunc = TypeVar("CommandFunc", bound=Callable[..., Any])

# The agenda's filters: (parameter name, annotation, default), in --help order.
FILTERS: tuple[tuple[str, Any, Any], ...] = (
    ("topic", TopicOpt, None),
    ("wg", GroupOpt, None),
    ("area", AreaOpt, None),
    ("room", RoomOpt, None),
    ("kind", KindOpt, None),
    ("search", SearchOpt, ""),
    ("meeting", MeetingOpt, None),
    ("file", FileOpt, None),
    ("tz", TzOpt, None),
    ("picks", PicksOpt, False),
)


def with_filters(*, when: bool = False, picks: bool = True, tz: Any = TzOpt
                 ) -> Callable[[CommandFunc], CommandFunc]:
    """Give a command the agenda's filter options (and WHEN); it receives one ``query``.

    The command declares ``query: Query`` plus its own options.  The filters are added
    to the signature cli/declare.py reads, and turned into the Query with ``make_query``, so
    every command selects sessions exactly like ``agenda`` and a filter is defined once.
    ``tz`` replaces the --tz option (export writes times in the zone; listings add it).
    """

    def decorate(func: CommandFunc) -> CommandFunc:
        sig = inspect.signature(func, eval_str=True)
        kw = inspect.Parameter.KEYWORD_ONLY
        added = [inspect.Parameter("when", kw, default=None, annotation=WhenArg)] if when else []
        added += [inspect.Parameter(name, kw, default=default,
                                    annotation=tz if name == "tz" else annotation)
                  for name, annotation, default in FILTERS if picks or name != "picks"]
        own = [p.replace(kind=kw) for p in sig.parameters.values() if p.name != "query"]
        names = [p.name for p in added]

        @functools.wraps(func)
        def wrapper(**kwargs: Any) -> Any:
            values = {name: kwargs.pop(name) for name in names}
            return func(query=make_query(**values), **kwargs)

        wrapper.__signature__ = sig.replace(parameters=added + own)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def has_filters(query: Query) -> bool:
    return bool(query.topics or query.groups or query.areas or query.rooms or query.search
                or query.kinds)


def run_filtered(query: Query) -> Result:
    """Run the query by the clock; ietfplan's remarks (which meeting, why nothing is
    selected) go to stderr."""
    result = context().run_query(query)
    for message in result.notes:
        note(message)
    for listing in result.listings:
        if not listing.sessions:
            note(listing.empty_message)
    return result


def write_report(fmt: ReportFormat, as_json: bool, *, json_text: Callable[[], str],
                 markdown_text: Callable[[], str], table: Callable[[Any], None]) -> None:
    """Write in the chosen format; ``table`` gets the output console."""
    fmt = ReportFormat.json if as_json else fmt
    if fmt is ReportFormat.json:
        sys.stdout.write(json_text())
    elif fmt is ReportFormat.markdown:
        sys.stdout.write(markdown_text())
    else:
        table(out_console())
