"""The agenda filters as one value, shared by clashes, now, next, week and pick."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

from ietfplan.cli.common import listify
from ietfplan.plan.query import Query
from ietfplan.zones import resolve_display_zone


class ReportFormat(str, Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


ReportFormatOpt = Annotated[ReportFormat, typer.Option("--format", "-o", help="Output format.")]


def make_query(when: str | None = None, topic: list[str] | None = None,
               wg: list[str] | None = None, area: list[str] | None = None,
               room: list[str] | None = None, search: str = "", meeting: int | None = None,
               file: list[str] | None = None, tz: str | None = None,
               picks: bool = False) -> Query:
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
    )


def has_filters(query: Query) -> bool:
    return bool(query.topics or query.groups or query.areas or query.rooms or query.search)
