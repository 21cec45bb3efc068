"""import: an agenda (Datatracker json/csv/ics, any .ics, ISOC-style list) → meeting file."""

from __future__ import annotations

import sys
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated

from ietfplan.cli.common import (
    context,
    handle_errors,
    note,
    out_console,
)
from ietfplan.cli.declare import App, Argument, Exit, Option

if TYPE_CHECKING:
    from ietfplan.app.importing import ImportRequest, RecordedImport


class SourceFormat(str, Enum):
    json = "json"
    csv = "csv"
    csv_utc = "csv-utc"
    ics = "ics"
    text = "text"


class ImportReportFormat(str, Enum):
    table = "table"
    json = "json"


EXIT_PICK_CHANGED = 1
EXIT_PROBLEMS = 4  # imported, but entries were skipped or zones assumed (see the warnings)


@handle_errors
def import_agenda(
    source: Annotated[str, Argument(
        metavar="SOURCE",
        help="A meeting number (125: its agenda and record from the Datatracker), a file, "
             "- for standard input, or an http(s) URL such as "
             "https://datatracker.ietf.org/meeting/102/agenda.json", show_default=False)],
    meeting: Annotated[int | None, Option(
        "--meeting", "-m", metavar="N", help="Meeting number, for sources that do not say it.",
        show_default=False)] = None,
    output: Annotated[str | None, Option(
        "--output", "-o", metavar="FILE", help="Meeting file to write; default: ietfN.yaml (N: the meeting number) in your data folder.",
        show_default=False)] = None,
    source_format: Annotated[SourceFormat | None, Option(
        "--from", help="Format of SOURCE (default: detected from its content).",
        show_default=False)] = None,
    timezone: Annotated[str | None, Option(
        "--timezone", metavar="ZONE", help="IANA zone of the meeting, for sources that do not say it "
        "(agenda.json and agenda.csv give none): America/Montreal.", show_default=False)] = None,
    city: Annotated[str | None, Option("--city", metavar="CITY", help="City of the meeting.",
                                             show_default=False)] = None,
    offline: Annotated[bool, Option(
        "--offline", help="Use the copy cached by the last import of this URL.")] = False,
    merge: Annotated[bool, Option(
        "--merge", help="Add and update sessions but keep the ones the source does not list "
                        "(for partial lists such as an ISOC post).")] = False,
    strict: Annotated[bool, Option(
        "--strict", help="Refuse the whole source when an entry cannot be imported or a time zone "
                         "is not known, instead of importing the rest (exit 4).")] = False,
    from_date: Annotated[str | None, Option(
        "--from-date", metavar="DATE", help="First day to import from a calendar (YYYY-MM-DD); repeating events "
                            "are expanded into these days.", show_default=False)] = None,
    to_date: Annotated[str | None, Option(
        "--to-date", metavar="DATE", help="Last day to import from a calendar (YYYY-MM-DD).", show_default=False)] = None,
    check: Annotated[bool, Option(
        "--check", help="Exit with 1 when one of your picks changed.")] = False,
    fmt: Annotated[ImportReportFormat, Option("--format", help="Change report format.")
                   ] = ImportReportFormat.table,
) -> None:
    """Import an agenda and report what changed since the previous import.

    `ietfplan import 125` gets IETF 125's agenda and its record (zone, city, dates) from
    the Datatracker (IETFPLAN_DATATRACKER_URL, default https://datatracker.ietf.org)."""
    from ietfplan.app.importing import ImportRequest, datatracker_url

    first, last = _day(from_date, "--from-date"), _day(to_date, "--to-date")
    if first is not None and last is not None and first > last:
        from ietfplan.errors import UsageError

        raise UsageError(f"--from-date {first} is after --to-date {last}", hint="swap them")
    request = ImportRequest(source=source, meeting=meeting, output=output,
                            fmt=source_format.value if source_format else None,
                            timezone=timezone, city=city, offline=offline, merge=merge, strict=strict,
                            first=first, last=last, datatracker=datatracker_url(context()))
    changed, problems = _run(request, source, fmt)
    if changed and check:
        raise Exit(EXIT_PICK_CHANGED)
    if problems:
        raise Exit(EXIT_PROBLEMS)


def run_import(request: ImportRequest, source: str, fmt: ImportReportFormat,
               recorded: RecordedImport | None = None) -> bool:
    """Import and print the change report; True when one of the user's picks changed.
    ``recorded`` (update): how the meeting was imported, whose options ``request`` uses
    again; the report says which."""
    return _run(request, source, fmt, recorded)[0]


def _run(request: ImportRequest, source: str, fmt: ImportReportFormat,
         recorded: RecordedImport | None = None) -> tuple[bool, int]:
    """run_import, and how many entries were imported with problems (exit 4)."""
    from ietfplan.app.importing import describe_options, import_meeting

    outcome = import_meeting(context(), request)
    for warning in outcome.warnings:
        note(f"warning: {warning}")
    if outcome.from_cache:
        note(f"note: imported the cached copy of {source}")
    report = outcome.report
    if fmt is ImportReportFormat.json:
        from ietfplan.render.changes import report_object
        from ietfplan.render.jsonout import dumps

        obj = {"file": str(outcome.path), "written": outcome.written,
               "backup": str(outcome.backup) if outcome.backup else None,
               "format": outcome.fmt, "source": outcome.origin, "problems": outcome.problems,
               **report_object(report, context().prefs.night)}
        if recorded is not None:
            obj["recorded_options"] = list(recorded.options) if recorded.options is not None else None
        sys.stdout.write(dumps(obj) + "\n")
    else:
        from ietfplan.render.changes import print_report

        meeting = outcome.meeting
        action = "wrote" if outcome.written else "unchanged:"
        count = f"{len(meeting.sessions)} session" + ("" if len(meeting.sessions) == 1 else "s")
        header = f"{meeting.title}: {action} {outcome.path} ({count} from {outcome.fmt})"
        if recorded is not None:
            header += f"\nupdated {describe_options(request, recorded)}"
        if report.previous is not None:
            header += f"\ncompared with {report.previous.path}"
        if outcome.backup:
            header += f"\nprevious version kept as {outcome.backup}"
        print_report(report, out_console(), header)
    return bool(report.picks_affected), outcome.problems


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        from ietfplan.errors import UsageError

        raise UsageError(f"{option} '{value}' is not a date", hint=f"write it as YYYY-MM-DD, e.g. "
                         f"{option} 2024-07-20") from None


def register(app: App) -> None:
    app.command("import")(import_agenda)
