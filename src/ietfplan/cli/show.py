"""show, open: one session (or a group's sessions) in full; its links in the browser."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

from ietfplan.cli import completion
from ietfplan.cli.common import (
    JsonOnlyOpt,
    MeetingOpt,
    TzOpt,
    context,
    handle_errors,
    note,
    out_console,
)
from ietfplan.cli.declare import App, Argument, Option
from ietfplan.errors import UsageError

if TYPE_CHECKING:
    from ietfplan.model import Meeting, Session

TargetArg = Annotated[str, Argument(
    metavar="SESSION|GROUP", help="A session id (115-dnsop-1) or a group acronym (dnsop).",
    show_default=False, complete=completion.picks)]


def _meeting(number: int | None, now: datetime) -> Meeting:
    catalog = context().catalog
    if number is not None:
        return catalog.by_number(number)
    meeting, why = catalog.choose(now)
    if why != "in progress":
        from ietfplan.plan.query import span

        note(f"{meeting.title} ({span(meeting)}), {why}; use --meeting N for another.")
    return meeting


def _sessions(meeting: Meeting, target: str) -> list[Session]:
    """The session with id ``target``, else every session of group ``target``."""
    wanted = target.strip()
    exact = meeting.session(wanted)
    if exact is not None:
        return [exact]
    found = meeting.sessions_of(wanted)
    if found:
        return found
    from ietfplan.suggest import did_you_mean

    close = did_you_mean(wanted, [*meeting.groups, *(s.id for s in meeting.sessions)], limit=3)
    hint = ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else (
        f"see the groups with: ietfplan agenda --meeting {meeting.number}")
    raise UsageError(f"{meeting.title} has no session or group '{wanted}'", hint=hint)


def _picked(meeting: Meeting) -> list[Session]:
    from ietfplan.plan.picks import picks_of

    ids, warnings = picks_of(context().folders.picks, meeting)
    for warning in warnings:
        note(warning)
    return [s for s in meeting.sessions if s.id in ids]


def _clashes(meeting: Meeting, session: Session, picks: list[Session]) -> list[Session]:
    from ietfplan.plan.clashes import clashes_pair, span_of

    mine = span_of(session, meeting.default_duration)
    if mine is None:
        return []
    out = []
    for pick in picks:
        other = span_of(pick, meeting.default_duration)
        if pick.id != session.id and other is not None and clashes_pair(mine, other):
            out.append(pick)
    return out


@handle_errors
def show(
    target: TargetArg,
    meeting: MeetingOpt = None,
    tz: TzOpt = None,
    as_json: JsonOnlyOpt = False,
) -> None:
    """One session, or every session of a group, in full: times in the meeting's zone and
    yours, room, status, BoF, clashes with your picks, drafts, note and every link."""
    from ietfplan.zones import resolve_display_zone

    chosen_meeting = _meeting(meeting, context().now)
    sessions = _sessions(chosen_meeting, target)
    zone = resolve_display_zone(tz) if tz is not None else context().prefs.zone_for(chosen_meeting.number)
    picks = _picked(chosen_meeting)
    picked_ids = {p.id for p in picks}
    if as_json:
        from ietfplan.render.jsonout import dumps
        from ietfplan.render.show import show_object

        night = context().prefs.night
        objs = [show_object(session, chosen_meeting, zone, night, picked=session.id in picked_ids, clashes=_clashes(chosen_meeting, session, picks))
                for session in sessions]
        sys.stdout.write(dumps(objs) + "\n")
        return
    from rich.text import Text

    from ietfplan.render.show import show_lines

    console = out_console()
    for index, session in enumerate(sessions):
        if index:
            console.print()
        for line in show_lines(session, chosen_meeting, zone, picked=session.id in picked_ids, clashes=_clashes(chosen_meeting, session, picks)):
            console.print(Text(line), overflow="ignore", crop=False, soft_wrap=True)


LINK_FLAGS = ("remote", "chat", "notes", "materials", "agenda", "slides", "minutes", "onsite")


def _which(now: datetime, sessions: list[Session], meeting: Meeting) -> Session | None:
    """The session on now, else the next to start, else (for a group) the last one."""
    from ietfplan.plan.clashes import span_of

    timed = [s for s in sessions if s.start is not None]
    for session in timed:
        span = span_of(session, meeting.default_duration)
        if span is not None and span.end is not None and span.start <= now < span.end:
            return session
    upcoming = sorted((s for s in timed if s.start is not None and s.start > now),
                      key=lambda session: session.start or now)
    return upcoming[0] if upcoming else None


def _choose_session(target: str | None, meeting: Meeting, now: datetime) -> Session:
    if target:
        sessions = _sessions(meeting, target)
        chosen = _which(now, sessions, meeting)
        return chosen or sessions[-1]
    picks = [s for s in _picked(meeting) if s.status != "cancelled"]
    if not picks:
        raise UsageError(f"you have no picks in {meeting.title} to open",
                         hint=f"name a group (ietfplan open dnsop -m {meeting.number}) or pick one: "
                              "ietfplan pick add GROUP")
    chosen = _which(now, picks, meeting)
    if chosen is None:
        raise UsageError(f"none of your picks in {meeting.title} is on now or later",
                         hint="name a group: ietfplan open GROUP")
    return chosen


def _flag(values: dict[str, bool]) -> str | None:
    chosen = [name for name, on in values.items() if on]
    if len(chosen) > 1:
        raise UsageError("give one of " + ", ".join(f"--{n}" for n in chosen) + ", not several")
    return chosen[0] if chosen else None


@handle_errors
def open_(
    target: Annotated[str | None, Argument(
        metavar="[GROUP|SESSION]", help="A group (dnsop) or session id; default: your pick "
        "that is on now, else your next one.", show_default=False,
        complete=completion.picks)] = None,
    remote: Annotated[bool, Option("--remote", help="Remote participation (Meetecho).")] = False,
    chat: Annotated[bool, Option("--chat", help="The session's chat room.")] = False,
    notes: Annotated[bool, Option("--notes", help="The shared notes.")] = False,
    materials: Annotated[bool, Option("--materials", help="The session's materials page.")] = False,
    agenda: Annotated[bool, Option("--agenda", help="The session's agenda.")] = False,
    slides: Annotated[bool, Option("--slides", help="The first slide deck.")] = False,
    minutes: Annotated[bool, Option("--minutes", help="The minutes.")] = False,
    onsite: Annotated[bool, Option("--onsite", help="The on-site tool (Meetecho lite).")] = False,
    print_only: Annotated[bool, Option(
        "--print", help="Print the link instead of opening it (for ssh sessions).")] = False,
    meeting: MeetingOpt = None,
) -> None:
    """Open a session's link in your browser: by default where to join it remotely (else
    its materials page); --chat, --notes, --materials, --agenda, --slides, --minutes or --onsite
    for the others."""
    from ietfplan.load.importers.dtlinks import OPEN_KINDS, pick_link

    now = context().now
    chosen_meeting = _meeting(meeting, now)
    session = _choose_session(target, chosen_meeting, now)
    kind = _flag({"remote": remote, "chat": chat, "notes": notes, "materials": materials,
                  "agenda": agenda, "slides": slides, "minutes": minutes, "onsite": onsite})
    found = pick_link(session.links, kind) if kind else pick_link(session.links, "remote")
    if found is None and kind is None:
        found = pick_link(session.links, "materials")
        if found is not None:
            note(f"{session.id} has no remote participation link in the data; its materials page:")
    if found is None:
        what = kind or "remote or materials"
        have = ", ".join(dict.fromkeys(n.split(":")[0] for n, _ in session.links)) or "none"
        names = " or ".join(OPEN_KINDS.get(kind, (kind,))) if kind else what
        raise UsageError(f"{session.title} ({session.id}) has no {names} link in the data",
                         hint=f"its links: {have}")
    name, url = found
    from ietfplan.safe import clean

    shown = clean(url)
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"the {name} link of {session.id} is not a web address: {shown}")
    if print_only:
        sys.stdout.write(shown + "\n")
        return
    import webbrowser

    try:
        browser = webbrowser.get()
        opened = browser.open(url)
    except webbrowser.Error:
        opened = False
    if not opened:
        note(f"no web browser found to open the {name} link of {session.id}; here it is:")
        sys.stdout.write(shown + "\n")
        return
    note(f"opened the {name} link of {clean(session.title)} ({session.id})")


def register(app: App) -> None:
    app.command()(show)
    app.command("open")(open_)
