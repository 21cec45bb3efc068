"""pick add | remove | list | clear: your own sessions, per meeting."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Annotated

from ietfplan.cli import completion
from ietfplan.cli.common import (
    AreaOpt,
    Format,
    FormatOpt,
    GroupOpt,
    JsonOpt,
    RoomOpt,
    SearchOpt,
    TopicOpt,
    TzOpt,
    context,
    handle_errors,
    note,
    one_meeting,
)  # fmt: skip
from ietfplan.cli.declare import App, Argument, Option
from ietfplan.cli.filtering import has_filters, make_query
from ietfplan.errors import UsageError
from ietfplan.model import Meeting, Session
from ietfplan.plan import picks as store
from ietfplan.safe import clean

pick_app = App(
    name="pick",
    help="Your picks: groups or sessions you plan to attend, per meeting "
         "(used by --picks, clashes, next and week).",
)

NamesArg = Annotated[list[str] | None, Argument(
    metavar="NAME", help="Group acronyms (all their sessions) or session ids (102-dnsop-1).",
    show_default=False, complete=completion.picks)]
PickMeetingOpt = Annotated[int | None, Option(
    "--meeting", "-m", metavar="N", help="Meeting number (102); default: the meeting a session id "
    "names (101-lpwan-1), else the current or next meeting.", show_default=False,
    complete=completion.meeting_numbers)]
PickFileOpt = Annotated[str | None, Option(
    "--file", "-f", metavar="PATH", help="Meeting YAML file instead of the bundled data.",
    show_default=False)]
WeightOpt = Annotated[str | None, Option(  # no -w: that is `plan --want`
    "--weight", metavar="N",
    help="How much the named groups matter to `ietfplan plan` (1 to 1000; default 1).",
    show_default=False)]


def _meeting(meeting: int | None, file: str | None, names: Sequence[str] = ()) -> Meeting:
    """--file, --meeting, else the meeting the session ids name (101-lpwan-1), else the
    current or next one."""
    if meeting is None and not file:
        named = {int(found.group(1)) for name in names
                 if (found := re.match(r"^\s*(\d+)-[A-Za-z]", name))}
        if len(named) > 1:
            raise UsageError(f"the session ids name {len(named)} meetings "
                             f"({', '.join(str(n) for n in sorted(named))})",
                             hint="pick for one meeting at a time")
        if named:
            meeting = named.pop()
    return one_meeting(meeting, file)


def _describe(meeting: Meeting, sessions: list[Session]) -> str:
    from ietfplan.render.clashes import session_line

    return "; ".join(session_line(s, meeting.tz) for s in sessions)


@handle_errors
def add(
    names: NamesArg = None,
    topic: TopicOpt = None,
    wg: GroupOpt = None,
    area: AreaOpt = None,
    room: RoomOpt = None,
    search: SearchOpt = "",
    meeting: PickMeetingOpt = None,
    file: PickFileOpt = None,
    weight: WeightOpt = None,
) -> None:
    """Pick groups or sessions; or every session matching --topic/--wg/--area/--room/--search."""
    chosen_meeting = _meeting(meeting, file, names or ())
    value = store.parse_weight(weight) if weight is not None else None
    query = make_query(None, topic, wg, area, room, search, chosen_meeting.number, [file] if file else None)
    if not names and not has_filters(query):
        raise UsageError("nothing to pick", hint="give groups or session ids (ietfplan pick add "
                         "dnsop 102-6man-1) or a filter such as --topic iot")
    with store.editing(context().folders.picks, chosen_meeting.number) as picks:
        before = {s.id for s in picks.resolve(chosen_meeting)}
        added = [n.strip().lower() for n in names or () if picks.add(chosen_meeting, n)]
        if has_filters(query):
            found = context().run_query(query).sessions
            if not found:
                raise UsageError("no sessions match those filters; nothing changed")
            added += store.add_all(picks, chosen_meeting, found)
        now_picked = picks.resolve(chosen_meeting)
        weighted = _set_weights(picks, chosen_meeting, names or [], value)
    new = [s for s in now_picked if s.id not in before]
    if weighted:
        print(f"Weight {value} for `ietfplan plan`: {', '.join(g.upper() for g in weighted)}.")
    if not new and weighted:
        return
    if not new:
        print(clean(f"Already picked; nothing changed ({chosen_meeting.title})."))
        return
    print(clean(f"Picked for {chosen_meeting.title}: {_describe(chosen_meeting, new)}"))
    _warn_clashes(chosen_meeting, now_picked, {s.id for s in new})


def _set_weights(picks: store.Picks, meeting: Meeting, names: list[str], value: int | None) -> list[str]:
    """Give the named groups (or the groups of named sessions) ``value``; the changed ones."""
    if value is None:
        return []
    changed: list[str] = []
    for name in names:
        key = name.strip().lower()
        session = meeting.session(key)
        group = session.group if session is not None else key
        if picks.weight(group) != value or group not in picks.weights:
            if value == 1:
                picks.weights.pop(group, None)
            else:
                picks.weights[group] = value
            changed.append(group)
    return list(dict.fromkeys(changed))


def _warn_clashes(meeting: Meeting, picked: list[Session], new: set[str]) -> None:
    from ietfplan.plan.clashes import find_clashes
    from ietfplan.render.clashes import overlap_text, when_text

    for clash in find_clashes(meeting, picked):
        if new & {s.id for s in clash.sessions}:
            groups = " × ".join(s.group.upper() for s in clash.sessions)
            print(f"⚠ clash: {groups} at {when_text(clash, meeting.tz)} ({overlap_text(clash)}); "
                  f"see `ietfplan clashes --picks -m {meeting.number}`")


@handle_errors
def remove(
    names: Annotated[list[str], Argument(metavar="NAME", help="Group acronyms or session ids.",
                                         complete=completion.picks)],
    meeting: PickMeetingOpt = None,
    file: PickFileOpt = None,
) -> None:
    """Unpick groups (all their sessions) or single sessions."""
    chosen_meeting = _meeting(meeting, file, names)
    with store.editing(context().folders.picks, chosen_meeting.number) as picks:
        before = picks.resolve(chosen_meeting)
        missing = [n for n in names if not picks.remove(chosen_meeting, n)]
        after = {s.id for s in picks.resolve(chosen_meeting)}
    for name in missing:
        note(f"{name} was not picked for {chosen_meeting.title}")
    gone = [s for s in before if s.id not in after]
    if gone:
        print(clean(f"Removed from {chosen_meeting.title}: {_describe(chosen_meeting, gone)}"))


@handle_errors
def list_(
    meeting: PickMeetingOpt = None,
    file: PickFileOpt = None,
    tz: TzOpt = None,
    fmt: FormatOpt = Format.table,
    as_json: JsonOpt = False,
) -> None:
    """Your picked sessions (same as `agenda --picks`), with clashes marked."""
    from ietfplan.cli.output import emit

    chosen_meeting = _meeting(meeting, file)
    query = make_query(None, meeting=chosen_meeting.number, file=[file] if file else None, tz=tz, picks=True)
    result = context().run_query(query)
    for listing in result.listings:
        listing.title = f"{chosen_meeting.title} — your picks"
        listing.empty_message = (f"No picks for {chosen_meeting.title} yet; add some with "
                                 f"`ietfplan pick add GROUP -m {chosen_meeting.number}`.")
    emit(result.listings, Format.json if as_json else fmt)
    weights = store.load(context().folders.picks, chosen_meeting.number).weights
    if weights and not as_json and fmt is Format.table:
        from ietfplan.safe import clean

        shown = ", ".join(f"{g.upper()} {w}" for g, w in weights.items())
        print(clean(f"Weights for `ietfplan plan`: {shown} (others 1)."))


@handle_errors
def clear(meeting: PickMeetingOpt = None, file: PickFileOpt = None,
          yes: Annotated[bool, Option("--yes", "-y", help="Do not ask (for scripts).")] = False,
          ) -> None:
    """Remove all your picks for a meeting (asks first on a terminal)."""
    import sys

    chosen_meeting = _meeting(meeting, file)
    folder = context().folders.picks
    count = len(store.load(folder, chosen_meeting.number).resolve(chosen_meeting))
    if count and not yes:
        question = f"Remove all {count} picked session(s) for {chosen_meeting.title}?"
        if not sys.stdin.isatty():
            raise UsageError(question.replace("?", ": not without confirmation"),
                             hint="add --yes to clear them from a script")
        import click

        if not click.confirm(question, default=False, err=True):
            note("Nothing changed.")
            return
    with store.editing(folder, chosen_meeting.number) as picks:
        count = len(picks.resolve(chosen_meeting))
        picks.groups, picks.sessions, picks.skip = [], [], []
        picks.weights = {}
    print(clean(f"Cleared {count} picked session(s) for {chosen_meeting.title}."))


@handle_errors
def undo(meeting: PickMeetingOpt = None, file: PickFileOpt = None) -> None:
    """Put back the picks that `ietfplan plan --apply` replaced."""
    chosen_meeting = _meeting(meeting, file)
    result = store.undo(context().folders.picks, chosen_meeting.number)
    if result is None:
        raise UsageError(f"nothing to undo for {chosen_meeting.title}",
                         hint="`pick undo` puts back the picks `ietfplan plan --apply` replaced")
    current, restored = result
    before = {s.id for s in current.resolve(chosen_meeting)}
    after = restored.resolve(chosen_meeting)
    back = [s for s in after if s.id not in before]
    gone = [s for s in current.resolve(chosen_meeting) if s.id not in {x.id for x in after}]
    print(clean(f"Restored your picks for {chosen_meeting.title} from before `ietfplan plan --apply`."))
    if back:
        print(clean(f"Back: {_describe(chosen_meeting, back)}"))
    if gone:
        print(clean(f"Removed: {_describe(chosen_meeting, gone)}"))


pick_app.command("add")(add)
pick_app.command("remove")(remove)
pick_app.command("list")(list_)
pick_app.command("clear")(clear)
pick_app.command("undo")(undo)


def register(app: App) -> None:
    app.add_group(pick_app, "pick")
