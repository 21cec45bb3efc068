"""export, publish: sessions into an .ics file or straight onto a CalDAV calendar."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from ietfplan.cli import completion
from ietfplan.cli.common import (
    context,
    handle_errors,
    listify,
    note,
)  # fmt: skip
from ietfplan.cli.declare import App, Exit, Option
from ietfplan.cli.filtering import with_filters
from ietfplan.errors import FileError, UsageError
from ietfplan.plan.query import Query

if TYPE_CHECKING:
    from ietfplan.publish.export import Export
    from ietfplan.render.ics import IcsOptions

AlarmOpt = Annotated[list[str] | None, Option(
    "--alarm", metavar="DURATION", help="Reminder this long before each session (10m, 1h, 1d; at most 7d); repeatable. Default 10m.",
    show_default=False)]
NoAlarmOpt = Annotated[bool, Option("--no-alarm", help="No reminders.")]
ExportTzOpt = Annotated[str | None, Option(
    "--tz", metavar="ZONE", help="Write the times in this zone: IANA name (Asia/Tokyo), UTC, local, "
    "a city or 'meeting'; default: `ietfplan config set tz`, else the meeting's zone.",
    show_default=False, complete=completion.zones)]
UtcOpt = Annotated[bool, Option("--utc", help="All times in UTC instead of a named zone.")]
NameOpt = Annotated[str, Option("--name", metavar="NAME",
                                help="Calendar name (default: from the selection).")]
OutOpt = Annotated[str | None, Option(
    "--output", "-o", metavar="FILE", help="File to write (FILE.ics), or - for standard output.", show_default=False)]
ExportForceOpt = Annotated[bool, Option(
    "--force", help="Overwrite FILE even when it is not an iCalendar file, or with an empty "
                    "calendar when nothing is selected.")]
PublishForceOpt = Annotated[bool, Option(
    "--force", help="Overwrite events that were changed on the server since the last publish.")]


def _alarms(alarm: list[str] | None, no_alarm: bool) -> tuple[timedelta, ...]:
    from ietfplan import timefmt
    from ietfplan.render.ics import DEFAULT_ALARMS

    if no_alarm and alarm:
        raise UsageError("--alarm and --no-alarm together", hint="choose one")
    if no_alarm:
        return ()
    if not alarm:
        return DEFAULT_ALARMS
    out: list[timedelta] = []
    for raw in listify(alarm):
        try:
            value = timefmt.parse_duration(raw, longest=timedelta(days=7))
        except ValueError as exc:
            raise UsageError(f"--alarm: {exc}", hint="e.g. --alarm 10m --alarm 1h") from None
        if value not in out:
            out.append(value)
    return tuple(out)


def _prepare(query: Query, alarm: list[str] | None, no_alarm: bool, utc: bool, name: str
             ) -> tuple[Export, IcsOptions]:
    """Select exactly as `agenda` does, then prepare the events."""
    from ietfplan.publish.export import prepare_export
    from ietfplan.publish.state import EventState
    from ietfplan.render.ics import IcsOptions

    if utc and query.zone is not None:
        raise UsageError("--utc and --tz together", hint="choose one: --utc writes UTC times, "
                         "--tz ZONE writes times in that zone")
    ctx = context()
    zone = query.zone if query.zone is not None else ctx.prefs.zone
    opts = IcsOptions(zone=zone, utc=utc, alarms=_alarms(alarm, no_alarm), name=name)
    now = ctx.now
    result = ctx.run_query(replace(query, zone=zone))
    for message in result.notes:
        note(message)
    export = prepare_export(result, opts, now, EventState.load(ctx.folders.export_state),
                            picks=query.picks)
    for message in export.notes:
        note(message)
    if not export.items:
        messages = {listing.empty_message for listing in result.listings}
        note("; ".join(sorted(messages)) or "No sessions match.")
    return export, opts


def _check_target(path: Path, force: bool) -> None:
    """Refuse before any work: a folder, a device, a FIFO or a socket (nothing is opened,
    so a FIFO cannot block), a missing folder, or an existing non-iCalendar file."""
    from ietfplan.fsutil import write_target

    real = write_target(path)
    if force or not real.exists():
        return
    try:
        with real.open("rb") as fh:
            head = fh.read(64)
    except OSError as exc:
        raise FileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.strip() and not head.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:VCALENDAR"):
        raise FileError(f"{path} exists and is not an iCalendar file; not overwriting it",
                        hint="choose another name, or add --force to replace it")


@handle_errors
@with_filters(when=True, tz=ExportTzOpt)
def export(
    query: Query,
    output: OutOpt = None,
    alarm: AlarmOpt = None,
    no_alarm: NoAlarmOpt = False,
    utc: UtcOpt = False,
    name: NameOpt = "",
    force: ExportForceOpt = False,
) -> None:
    """Write sessions as an iCalendar (.ics) file that calendar programs import.

    Selects sessions exactly like `agenda`.  Re-exporting after a change updates the
    events in your calendar (same UID, higher SEQUENCE) instead of adding copies.
    """
    if output is None:
        if sys.stdout.isatty():
            raise UsageError("where to? give -o FILE.ics (or -o - for standard output)")
        output = "-"
    target = None if output == "-" else Path(output)
    if target is not None:
        _check_target(target, force)
    from ietfplan.fsutil import atomic_write
    from ietfplan.publish.export import render

    exp, opts = _prepare(query, alarm, no_alarm, utc, name)
    if not exp.items and target is not None and target.exists() and not force:
        raise UsageError(f"nothing is selected: {target} is left as it was",
                         hint="add --force to replace it with an empty calendar")
    data = render(exp, opts)
    # The state (SEQUENCE, DTSTAMP of each event) is recorded before the file is replaced:
    # an export stopped in between (killed, disk full) leaves the state ahead of the file,
    # and the next export writes exactly the file this one would have.  The other order
    # left the file ahead of the state, and the next export stamped every event again.
    exp.state.save()
    if target is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(target, data)
        note(f"wrote {len(exp.items)} event(s) to {target}")


@handle_errors
@with_filters(when=True, tz=ExportTzOpt)
def publish(
    query: Query,
    url: Annotated[str, Option("--url", metavar="URL", help="The CalDAV calendar (collection) URL.")],
    user: Annotated[str, Option("--user", "-u", metavar="NAME", help="User name on the server.")] = "",
    alarm: AlarmOpt = None,
    no_alarm: NoAlarmOpt = False,
    utc: UtcOpt = False,
    force: PublishForceOpt = False,
    timeout: Annotated[float, Option(
        "--timeout", metavar="SECONDS",
        help="Seconds each request may take in all (connect, answer, body).")] = 20.0,
) -> None:
    """Upload the selected sessions to a CalDAV calendar, one event per session.

    Re-publishing updates changed events in place and deletes the events ietfplan put
    there earlier that are no longer selected.  Password: IETFPLAN_CALDAV_PASSWORD or a
    hidden prompt; never printed or stored.
    """
    from ietfplan.publish.caldav import Client
    from ietfplan.publish.sync import publish_events

    client = Client(url, user, _password(user) if user else "", timeout)  # checks first
    exp, opts = _prepare(query, alarm, no_alarm, utc, "")
    from ietfplan.publish.state import PublishState

    state = PublishState.load(context().folders.publish_state)
    report = publish_events(client, exp, opts, state, force=force)
    exp.state.save()
    note(report.summary(url))
    if report.conflicts:
        raise Exit(1)


def _password(user: str) -> str:
    """The password from IETFPLAN_CALDAV_PASSWORD, else a hidden prompt on a terminal."""
    from ietfplan.publish.caldav import PASSWORD_ENV

    password = context().environ.get(PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        raise UsageError(f"no password for '{user}'",
                         hint=f"set {PASSWORD_ENV}, or run in a terminal to be asked")
    import getpass

    return getpass.getpass(f"CalDAV password for {user}: ")


def register(app: App) -> None:
    app.command()(export)
    app.command()(publish)
