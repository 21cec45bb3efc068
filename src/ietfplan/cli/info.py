"""meetings, topics, validate: what data there is, and whether a file is right."""

from __future__ import annotations

import sys
from typing import Annotated, Any

from ietfplan.cli.common import (
    Format,
    FormatOpt,
    JsonOpt,
    context,
    handle_errors,
    note,
    print_wide,
)
from ietfplan.cli.declare import App, Argument, Exit
from ietfplan.errors import EXIT_DATA, IetfplanError
from ietfplan.safe import clean


@handle_errors
def meetings(fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Meetings in the bundled data and your data folder."""
    from ietfplan.plan.query import span

    catalog = context().catalog
    rows = [
        {
            "number": m.number, "city": m.city, "country": m.country or None,
            "start": m.start.isoformat(), "end": m.end.isoformat(), "timezone": m.timezone,
            "sessions": m.sessions, "file": m.path,
        }
        for m in catalog.headers  # from the index: no meeting file is parsed unless it changed
    ]
    for path, exc in catalog.broken:
        note(f"warning: {path} could not be loaded:\n{exc.format(context=False)}")
    columns = ("Meeting", "City", "Dates", "Zone", "Sessions", "File")
    cells = [[f"IETF {m.number}", m.city, span(m), m.timezone, str(m.sessions), m.path]
             for m in catalog.headers]
    _write(Format.json if as_json else fmt, rows, columns, cells)


def _write(fmt: Format, rows: list[dict[str, Any]], columns: tuple[str, ...],
           cells: list[list[str]]) -> None:
    """rows: the records for json and csv; columns and cells: what the table shows."""
    if fmt is Format.json:
        from ietfplan.render.jsonout import dumps

        sys.stdout.write(dumps(rows) + "\n")
    elif fmt is Format.csv:
        from ietfplan.render.csvout import rows_csv

        sys.stdout.write(rows_csv(rows))
    elif fmt is Format.markdown:
        from ietfplan.render.markdown import rows_markdown

        sys.stdout.write(rows_markdown(columns, cells))
    else:
        from rich.table import Table
        from rich.text import Text

        from ietfplan.safe import clean

        table = Table(header_style="bold")
        for col in columns:
            table.add_column(col)
        for row in cells:
            table.add_row(*(Text(clean(c)) for c in row))
        print_wide(table)


@handle_errors
def topics(fmt: FormatOpt = Format.table, as_json: JsonOpt = False) -> None:
    """Topics you can filter by, their aliases and working groups."""
    index = context().catalog.topics
    rows: list[dict[str, Any]] = [
        {"key": t.key, "title": t.title, "aliases": list(t.aliases), "groups": list(t.groups),
         "keywords": list(t.keywords)} for t in index.topics]
    cells = [[t.key, t.title, ", ".join(t.aliases), ", ".join(t.groups)] for t in index.topics]
    _write(Format.json if as_json else fmt, rows, ("Topic", "Title", "Aliases", "Groups"), cells)


@handle_errors
def validate(
    files: Annotated[list[str], Argument(metavar="FILE", help="Meeting YAML files to check.")],
) -> None:
    """Check meeting files and report every problem, with file, line and column."""
    catalog = context().catalog
    bad = 0
    code = EXIT_DATA
    for path in files:
        try:
            meeting = catalog.load_file(path)
        except IetfplanError as exc:
            bad += 1
            code = max(code, exc.exit_code)  # 3 when a file cannot be read, as for agenda
            sys.stderr.write(exc.format() + "\n")
            continue
        for warning in meeting.warnings:
            note(f"warning: {warning}")
        count = len(meeting.sessions)
        print(clean(f"{path}: ok — {meeting.title}, {count} session{'' if count == 1 else 's'}"))
    if bad:
        note(f"{bad} of {len(files)} file(s) have problems")
        raise Exit(code)


def register(app: App) -> None:
    app.command()(meetings)
    app.command()(topics)
    app.command()(validate)
