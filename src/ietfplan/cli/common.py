"""What every command shares: option types, error reporting, consoles, output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from ietfplan.cli import completion
from ietfplan.cli.declare import Argument, Exit, Option
from ietfplan.errors import IetfplanError

if TYPE_CHECKING:
    from ietfplan.app import AppContext
    from ietfplan.model import Meeting

CommandFunc = TypeVar("CommandFunc", bound=Callable[..., Any])


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


WhenArg = Annotated[
    str | None,
    Argument(metavar="WHEN", help="today, tomorrow, yesterday, a weekday (wed), a date (2018-07-18), 2d; "
                   "nothing for the whole meeting", show_default=False),
]
TopicOpt = Annotated[list[str] | None, Option(
    "--topic", "-t", metavar="TOPIC", help="Topic or alias (ipv6, dns, iot, tls, bgp, trust); repeatable (OR).",
    show_default=False, complete=completion.topic_names)]
GroupOpt = Annotated[list[str] | None, Option(
    "--wg", "--group", "-g", metavar="GROUP", help="Working-group acronym (dnsop); repeatable.", show_default=False,
    complete=completion.groups)]
AreaOpt = Annotated[list[str] | None, Option(
    "--area", metavar="AREA", help="IETF area (int, ops, sec, rtg, art); repeatable.", show_default=False)]
RoomOpt = Annotated[list[str] | None, Option(
    "--room", metavar="ROOM", help="Room name or part of it; repeatable.", show_default=False)]
SearchOpt = Annotated[str, Option(
    "--search", "-s", metavar="TEXT", help="Text in the group, name, note, room or drafts.")]
MeetingOpt = Annotated[int | None, Option(
    "--meeting", "-m", metavar="N", help="Meeting number (102).", show_default=False,
    complete=completion.meeting_numbers)]
FileOpt = Annotated[list[str] | None, Option(
    "--file", "-f", metavar="PATH", help="Meeting YAML file instead of the bundled data; repeatable.",
    show_default=False)]
TzOpt = Annotated[str | None, Option(
    "--tz", metavar="ZONE", help="Also show times in this zone: IANA name (Asia/Tokyo), UTC, local, a city "
    "(Tokyo, Sao Paulo) or 'meeting'; default: `ietfplan config set tz`, else the meeting's zone.",
    show_default=False, complete=completion.zones)]
KindOpt = Annotated[list[str] | None, Option(
    "--kind", metavar="KIND", help="Only sessions of this kind: session, plenary, break, registration, "
    "office-hours, social, other, or all; repeatable.  Breaks and registration are hidden unless "
    "asked for.", show_default=False)]
PicksOpt = Annotated[bool, Option("--picks", help="Only your picks (see `ietfplan pick`).")]
# No short name: -o is --output FILE wherever it appears (export, import).
FormatOpt = Annotated[Format, Option("--format", help="Output format.")]
JsonOpt = Annotated[bool, Option("--json", help="Same as --format json.")]
# For commands without --format (now, next, show).
JsonOnlyOpt = Annotated[bool, Option("--json", help="Print JSON instead of text.")]


_context: AppContext | None = None


def context() -> AppContext:
    """The application context of the command being run (made on first use, from this
    process's environment)."""
    global _context
    if _context is None:
        from ietfplan.app import AppContext

        _context = AppContext.from_environ(os.environ)
    return _context


def one_meeting(number: int | None, file: str | None) -> Meeting:
    """The meeting of --meeting or --file, else the one ietfplan chooses by the clock (why
    it chose it is said on stderr)."""
    from ietfplan.plan.query import Query, pick_meetings

    ctx = context()
    query = Query(meeting=number, files=(file,) if file else ())
    [chosen], notes = pick_meetings(ctx.catalog, query, ctx.now)
    for message in notes:
        note(message)
    return chosen


def handle_errors(func: CommandFunc) -> CommandFunc:
    """Give the command a fresh application context; turn IetfplanError into a clear
    message on stderr and its exit code; no traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        global _context
        _context = None  # each command (each CliRunner.invoke in tests) sees its environment
        try:
            return func(*args, **kwargs)
        except IetfplanError as exc:
            sys.stderr.write(exc.format() + "\n")
            raise Exit(exc.exit_code) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise Exit(0) from None

    return wrapper  # type: ignore[return-value]


def out_console() -> Any:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """A closed pipe (``ietfplan agenda | head``) ends ietfplan quietly with exit
            code 0, as for JSON and CSV output; rich's own handler exits with 1."""
            self.quiet = True
            raise BrokenPipeError

    width = None
    piped = not sys.stdout.isatty()
    if piped:
        width = int(os.environ.get("COLUMNS", "0") or 0) or 160
    # Piped (into a file, a mail, a chat): lines of text are never wrapped, so a command
    # a message suggests stays on one line for the reader to copy.
    return _Console(highlight=False, emoji=False, markup=False, width=width, soft_wrap=piped)


def print_wide(table: Any) -> None:
    """A table on stdout; when piped, as wide as its content (a file path is never cut)."""
    console = out_console()
    if not console.is_terminal:
        unbounded = console.options.update_width(100_000)
        console.width = max(console.width, console.measure(table, options=unbounded).maximum)
    console.print(table)


def note(message: str) -> None:
    """A remark for the user on stderr (never mixed into json/csv on stdout); text from
    data files in it is shown with its escapes visible, never sent to the terminal."""
    from ietfplan.safe import clean

    sys.stderr.write(clean(message, keep_newlines=True) + "\n")


def listify(values: list[str] | None) -> tuple[str, ...]:
    """Repeatable options, also accepting comma-separated values (--topic iot,dns)."""
    out: list[str] = []
    for value in values or []:
        out.extend(p.strip() for p in value.split(",") if p.strip())
    return tuple(out)
