"""update: import again the meetings you imported, from where you imported them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from ietfplan.cli import completion
from ietfplan.cli.common import context, handle_errors, note
from ietfplan.cli.declare import App, Argument, Exit, Option
from ietfplan.cli.importer import EXIT_PICK_CHANGED, ImportReportFormat, run_import
from ietfplan.errors import UsageError
from ietfplan.load.index import MeetingHeader
from ietfplan.model import Meeting


@handle_errors
def update(
    number: Annotated[int | None, Argument(
        metavar="[N]", help="The meeting to update; default: every meeting you imported that "
        "is in progress or upcoming.", show_default=False, complete=completion.meeting_numbers)] = None,
    check: Annotated[bool, Option(
        "--check", help="Exit with 1 when one of your picks changed.")] = False,
    offline: Annotated[bool, Option(
        "--offline", help="Use the copies cached by the last import.")] = False,
    fmt: Annotated[ImportReportFormat, Option("--format", help="Change report format.")
                   ] = ImportReportFormat.table,
) -> None:
    """Import again, from the source recorded at import time, the meetings you imported;
    report what changed (your picks first).  Nothing is written when nothing changed.

    The options the import was given that decide what is imported (--from, --meeting,
    --timezone, --city, --from-date, --to-date, --merge, --strict) are recorded in the
    meeting file and used again; the report says which."""
    from ietfplan.app.importing import (
        datatracker_url,
        recorded_import,
        source_of,
        update_request,
    )
    from ietfplan.zones import to_zone

    ctx = context()
    catalog = ctx.catalog
    mine = ctx.folders.meetings.resolve()
    in_mine = [header for header in catalog.headers if _inside(header.path, mine)]

    def imported(headers: list[MeetingHeader]) -> list[Meeting]:
        """The meetings of ``headers`` that ``ietfplan import`` wrote (read only these)."""
        return [meeting for meeting in catalog.load_headers(headers) if source_of(meeting) is not None]

    if number is not None:
        meetings = imported([header for header in in_mine if header.number == number])
        if not meetings:
            catalog.by_number(number)  # the usual message when ietfplan does not have it at all
            raise UsageError(f"IETF {number} was not imported with `ietfplan import`, so there is "
                             "no source to update it from",
                             hint=f"import it: ietfplan import {number}")
    else:
        now = ctx.now
        meetings = imported([header for header in in_mine
                             if header.end >= to_zone(now, header.tz).date()])
        if not meetings:
            note("no meeting you imported is in progress or upcoming; name one: ietfplan update N"
                 if imported(in_mine) else
                 "you have not imported any meeting; get one with: ietfplan import N")
            return
    changed = False
    base = datatracker_url(ctx)
    for meeting in meetings:
        recorded = recorded_import(meeting)
        assert recorded is not None
        request = update_request(meeting, recorded, offline=offline, datatracker=base)
        changed = run_import(request, recorded.source, fmt, recorded) or changed
    if check and changed:
        raise Exit(EXIT_PICK_CHANGED)


def _inside(path: str, folder: Path) -> bool:
    try:
        return Path(path).resolve().is_relative_to(folder)
    except (OSError, ValueError):
        return False


def register(app: App) -> None:
    app.command()(update)
