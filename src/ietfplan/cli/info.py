"""meetings, topics, validate: what data there is, and whether a file is right."""

from __future__ import annotations

import sys
from typing import Annotated

from ietfplan.cli.common import (
    Format,
    FormatOpt,
    JsonOpt,
    context,
    handle_errors,
    note,
    out_console,
)
from ietfplan.cli.declare import App, Argument, Exit
from ietfplan.errors import EXIT_DATA, IetfplanError


@handle_errors
def meetings(fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Meetings in the bundled data and your data folder."""
    from ietfplan.plan.query import span

    catalog = context().catalog
    rows = [
        {
            "number": m.number, "city": m.city, "country": m.country or None,
            "start": m.start.isoformat(), "end": m.end.isoformat(), "timezone": m.timezone,
            "sessions": len(m.sessions), "file": m.path,
        }
        for m in catalog.meetings
    ]
    for path, exc in catalog.broken:
        note(f"warning: {path} could not be loaded:\n{exc.format(context=False)}")
    if as_json or fmt is Format.json:
        from ietfplan.render.jsonout import dumps

        sys.stdout.write(dumps(rows) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold")
    for col in ("Meeting", "City", "Dates", "Zone", "Sessions", "File"):
        table.add_column(col)
    for m in catalog.meetings:
        table.add_row(f"IETF {m.number}", Text(m.city), span(m), m.timezone, str(len(m.sessions)),
                      Text(m.path))
    out_console().print(table)


@handle_errors
def topics(fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Topics you can filter by, their aliases and working groups."""
    index = context().catalog.topics
    if as_json or fmt is Format.json:
        from ietfplan.render.jsonout import dumps

        rows = [{"key": t.key, "title": t.title, "aliases": list(t.aliases),
                 "groups": list(t.groups), "keywords": list(t.keywords)} for t in index.topics]
        sys.stdout.write(dumps(rows) + "\n")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(header_style="bold")
    for col in ("Topic", "Title", "Aliases", "Groups"):
        table.add_column(col)
    for t in index.topics:
        table.add_row(t.key, Text(t.title), ", ".join(t.aliases), ", ".join(t.groups))
    out_console().print(table)


@handle_errors
def validate(
    files: Annotated[list[str], Argument(metavar="FILE", help="Meeting YAML files to check.")],
) -> None:
    """Check meeting files and report every problem, with file, line and column."""
    catalog = context().catalog
    bad = 0
    for path in files:
        try:
            m = catalog.load_file(path)
        except IetfplanError as exc:
            bad += 1
            sys.stderr.write(exc.format() + "\n")
            continue
        for w in m.warnings:
            note(f"warning: {w}")
        print(f"{path}: ok — {m.title}, {len(m.sessions)} sessions")
    if bad:
        note(f"{bad} of {len(files)} file(s) have problems")
        raise Exit(EXIT_DATA)


def register(app: App) -> None:
    app.command()(meetings)
    app.command()(topics)
    app.command()(validate)
