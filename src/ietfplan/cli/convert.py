"""convert: a time or a session in other zones, with its date, offset and night flag."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Annotated

from ietfplan.cli import completion
from ietfplan.cli.common import (
    FileOpt,
    JsonOpt,
    MeetingOpt,
    context,
    handle_errors,
    note,
)
from ietfplan.cli.declare import App, Argument, Option

if TYPE_CHECKING:
    from ietfplan.model import Meeting


class ConvertFormat(str, Enum):
    text = "text"
    json = "json"


@handle_errors
def convert(
    when: Annotated[list[str], Argument(
        metavar="WHEN", help="A time (09.30 EDT, Thu 13:30, 1:30pm GMT, 2018-07-19 13.30 UTC-4, 09:30:15, "
             "now) or a session (v6ops, dnsop#2, 102-dnsop-2).", show_default=False)],
    meeting: MeetingOpt = None,
    file: FileOpt = None,
    from_zone: Annotated[str | None, Option(
        "--from", metavar="ZONE", help="Zone of a bare time; default: the meeting's zone.",
        show_default=False, complete=completion.zones)] = None,
    to: Annotated[list[str] | None, Option(
        "--to", metavar="ZONE", help="Target zone (IANA name, city, UTC, local, meeting); repeatable. "
                     "Default: your configured zone, else the system zone.",
        show_default=False, complete=completion.zones)] = None,
    fmt: Annotated[ConvertFormat, Option("--format", help="Output format.")] = ConvertFormat.text,
    as_json: JsonOpt = False,
) -> None:
    """Convert a time or a session to other zones (DST-correct, night hours flagged)."""
    from ietfplan.plan.convert import convert as run
    from ietfplan.zones import local_zone, resolve_zone, to_zone

    text = " ".join(when)
    ctx = context()
    now = ctx.now
    settings = ctx.settings
    chosen_meeting = _meeting(meeting, file, now, text)
    targets = [chosen_meeting.tz if (z.lower() == "meeting" and chosen_meeting) else resolve_zone(z) for z in _split(to)]
    if not targets:
        mine = ctx.prefs.zone_for(meeting if meeting is not None else (chosen_meeting.number if chosen_meeting else None))
        targets = [mine if mine is not None else local_zone()]
    source = resolve_zone(from_zone) if from_zone is not None else None
    today = to_zone(now, chosen_meeting.tz if chosen_meeting else (source or targets[0])).date()
    results = run(text, targets, meeting=chosen_meeting, from_zone=source, night=settings.night, today=today,
                  now=now)
    for conversion in results:
        for message in conversion.notes:
            note(message)
    if as_json or fmt is ConvertFormat.json:
        from ietfplan.render.fields import conversion_objects
        from ietfplan.render.jsonout import dumps

        sys.stdout.write(dumps(conversion_objects(results)) + "\n")
    else:
        from ietfplan.render.text import conversion_lines

        sys.stdout.write("\n".join(conversion_lines(results, settings.night)) + "\n")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for raw in values or [] for v in raw.split(",") if v.strip()]


def _meeting(number: int | None, files: list[str] | None, now: datetime, text: str
             ) -> Meeting | None:
    """The meeting WHEN is about: --file, --meeting, the one holding a typed date, else
    the one in progress / next / latest."""
    catalog = context().catalog
    if files:
        return catalog.load_file(files[0])
    if number is not None:
        return catalog.by_number(number)
    if not catalog.headers:
        return None
    head = text.strip()[:10]
    try:
        day = date.fromisoformat(head) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", head) else None
    except ValueError:  # 2018-02-30: not a day of any meeting
        day = None
    for header in catalog.headers:  # from the index: only the meeting chosen is read
        if day is not None and header.contains(day):
            return catalog.by_number(header.number)
    return catalog.choose(now)[0]


def register(app: App) -> None:
    app.command()(convert)
