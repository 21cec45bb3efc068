"""The whole import: read the source, parse it, build the meeting, compare it with the
previous version, write it (keeping the old file as ``.bak``).

The file written reads back (``load_meeting``) as the meeting returned: ``build``
only makes sessions a meeting file can say (wall-clock minutes, ends on the start
day, the first of two equal wall-clock times), ``dump`` quotes every text, and the
topics the loader would derive are derived here too (tests/test_import_dump.py).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ietfplan.errors import DataError, FileError, IetfplanError, Problem, UsageError
from ietfplan.fsutil import atomic_write, locked, read_regular, write_target
from ietfplan.load.catalog import Catalog
from ietfplan.load.dump import dump_meeting
from ietfplan.load.importers import carried_links, parse_source
from ietfplan.load.importers.build import build_sessions, meeting_info
from ietfplan.load.importers.common import Draft
from ietfplan.load.importers.datatracker_meeting import MeetingRecord
from ietfplan.load.importers.detect import SOURCE_FORMATS, detect, html_error, is_html
from ietfplan.load.importers.dtlinks import DATATRACKER, LINK_ORDER, TIME_BOUND_LINKS, link_kind
from ietfplan.model import Meeting, Session, session_sort_key
from ietfplan.plan.changes import ChangeReport, diff, keep_ids, pair

if TYPE_CHECKING:
    from ietfplan.app.context import AppContext

_MEETING_IN_URL = re.compile(r"/meeting/(\d+)/")


@dataclass(frozen=True)
class ImportRequest:
    source: str  # a path, '-' for stdin, or an http(s) URL
    meeting: int | None = None
    output: str | None = None
    fmt: str | None = None  # one of detect.SOURCE_FORMATS; None = detect
    timezone: str | None = None
    city: str | None = None
    offline: bool = False
    merge: bool = False  # keep the previous version's sessions that the source does not have
    strict: bool = False  # refuse a source with problems (skipped entries, assumed zones)
    first: date | None = None  # the window of a calendar's events (--from-date/--to-date)
    last: date | None = None
    # The Datatracker to ask for the meeting's record (zone, city, dates) and, for a bare
    # meeting number as ``source``, its agenda.json; '' asks nothing.
    datatracker: str = ""


@dataclass
class ImportOutcome:
    meeting: Meeting
    path: Path
    report: ChangeReport
    fmt: str
    origin: str
    written: bool = False
    backup: Path | None = None
    from_cache: bool = False
    warnings: list[str] = field(default_factory=list)
    problems: int = 0  # entries skipped or zones assumed (the source's Draft.problems)


def read_source(source: str, cache_dir: Path | None, offline: bool = False,
                warnings: list[str] | None = None) -> tuple[str, str, bool]:
    """(text, origin, from_cache) of a path, '-' or URL (downloads cached in ``cache_dir``).
    A calendar file that is not UTF-8 is read as Windows-1252 (a warning in ``warnings``);
    other text must be UTF-8."""
    from ietfplan.load.fetch import MAX_BYTES, decode, fetch, is_url

    if source == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise FileError(f"standard input is larger than {MAX_BYTES // (1024 * 1024)} MB")
        try:
            return decode(raw, "<stdin>"), "<stdin>", False
        except DataError:
            legacy = _legacy_calendar(raw, "<stdin>", warnings)
            if legacy is None:
                raise
            return legacy, "<stdin>", False
    if is_url(source):
        from ietfplan.load.transport import redact

        fetched = fetch(source, cache_dir=cache_dir, offline=offline)
        return fetched.text, redact(source), fetched.from_cache  # no tokens in files
    from ietfplan.load.yamlsrc import read_text

    try:
        return read_text(source), source, False
    except DataError:
        try:
            legacy = _legacy_calendar(Path(source).read_bytes(), source, warnings)
        except OSError:
            legacy = None
        if legacy is None:
            raise
        return legacy, source, False


def _legacy_calendar(raw: bytes, origin: str, warnings: list[str] | None) -> str | None:
    """An iCalendar file in Windows-1252/Latin-1 (older Outlook and university timetables):
    its text, and a warning; None for anything else."""
    from ietfplan.load.importers.ics import decode_legacy

    text = decode_legacy(raw)
    if text is None:
        return None
    if warnings is not None:
        warnings.append(f"{origin} is not UTF-8; it was read as Windows-1252 (Latin-1), the usual "
                        "encoding of calendars that are not UTF-8: check accented letters")
    return text


def import_meeting(ctx: AppContext, request: ImportRequest) -> ImportOutcome:
    """Import ``request.source`` into the user's meetings folder (or ``request.output``)."""
    catalog, now, cache = ctx.catalog, ctx.now, ctx.folders.cache
    record, lookup_problem = None, ""
    if request.source.strip().isdigit():  # a bare meeting number: the Datatracker's agenda
        record, request = _from_number(request, cache)
    read_warnings: list[str] = []
    text, origin, from_cache = read_source(request.source, cache, request.offline, read_warnings)
    if request.fmt is not None and request.fmt not in SOURCE_FORMATS:
        raise UsageError(f"unknown format '{request.fmt}'", hint="use " + ", ".join(SOURCE_FORMATS))
    if is_html(text.lstrip("\ufeff \t\r\n")):
        raise html_error(origin)
    fmt = request.fmt or detect(text, origin, origin)
    try:
        draft = parse_source(text, origin, fmt)
    except DataError as exc:
        raise _wrong_format(exc, text, origin, request.fmt) from None
    number = _number(request.meeting, draft)
    out = Path(request.output) if request.output else ctx.folders.meetings / f"ietf{number}.yaml"
    previous = _previous(out, number, catalog)
    if draft.reshape is not None:  # the meeting's dates: of a meeting known apart from this file
        known = previous if previous is not None and Path(previous.path or "") != out else None
        draft.reshape(request.first, request.last, (known.start, known.end) if known else None,
                      bool(request.timezone))
    if request.strict and draft.problems:
        raise DataError(problems=[*draft.problems, Problem(
            f"{origin}: not imported (--strict)", hint="leave out --strict to import the rest")])
    draft.warnings[:0] = read_warnings
    from ietfplan.load.fetch import is_url

    if record is None and request.datatracker and _without_zone(draft.fmt):
        record, lookup_problem = _look_up(request, number, cache)
    if record is not None:
        draft.timezone = draft.timezone or record.timezone
        draft.country = record.country
        draft.first_day, draft.last_day = record.start, record.end
    elif lookup_problem and not (request.timezone or draft.timezone or (previous and previous.timezone)):
        raise UsageError(f"{origin} does not say which time zone IETF {number} is in, and the "
                         f"Datatracker's record of it could not be read: {lookup_problem}",
                         hint="give it with --timezone, e.g. --timezone America/Montreal")
    info = meeting_info(draft, number, timezone=request.timezone,
                        city=request.city or (record.city if record is not None else None),
                        known=previous, url=origin if is_url(origin) else "")
    if lookup_problem and not request.timezone and not draft.timezone:
        info.warnings.append(f"the Datatracker's record of IETF {number} could not be read "
                             f"({lookup_problem}); the zone and city are the previous version's")
    sessions, warnings = build_sessions(draft, info, now.date())
    old = previous.sessions if previous else ()
    if fmt not in CARRIES_STATUS and old:
        sessions, kept = _keep_status(old, sessions)
        if kept:
            warnings.append(kept_status_note(draft.fmt, kept))
    carried = carried_links(draft)
    if carried is not None and old and not request.merge:
        sessions, kept_count, kept_kinds = _keep_links(old, sessions, carried)
        if kept_count:
            warnings.append(kept_links_note(draft.fmt, kept_count, kept_kinds))
    sessions = keep_ids(old, sessions, number, reserve_unpaired=request.merge)
    days = [s.date for s in sessions]
    days += [d for d in (draft.first_day, draft.last_day) if d is not None]
    if request.merge and previous is not None:
        taken = {s.id for s in sessions}
        sessions += [s for s in old if s.id not in taken]
        days += [previous.start, previous.end]
    elif previous is not None and len(sessions) < len(old) / 2:
        warnings.append(
            f"{origin} has {len(sessions)} session(s) where the previous version had "
            f"{len(old)}; if it is a partial list (an ISOC post), import it with --merge")
    sessions.sort(key=session_sort_key)
    built = Meeting(number=number, city=info.city, timezone=info.timezone, start=min(days),
                    end=max(days), sessions=tuple(sessions), country=info.country, url=info.url,
                    note=import_note(recorded_source(origin), draft.fmt, import_options(request, fmt)))
    # The source as recorded (an absolute path): an update from another folder, or by
    # `ietfplan update`, of an unchanged source writes the same file.
    comment = (f"{built.title}: imported by `ietfplan import` from {recorded_source(origin)} ({draft.fmt}).\n"
               f"The next import replaces this file and keeps the previous one as {out.name}.bak.")
    text_out = dump_meeting(built, comment)
    topics = catalog.topics
    meeting = replace(built, path=str(out), sessions=tuple(
        replace(s, topics=topics.classify(s.group, s.name, *s.drafts), line=0) for s in built.sessions))
    picks, picks_warning = _picks(ctx.folders.picks, previous)
    if picks_warning:
        warnings.append(picks_warning)
    report = diff(previous, meeting, picks)
    written, backup = _write(out, text_out)
    return ImportOutcome(meeting, out, report, draft.fmt, origin, written, backup, from_cache, warnings,
                         len(draft.problems))


# The source formats that say whether a session is cancelled or rescheduled.  agenda.csv
# and the ISOC posts do not: every session they list looks "scheduled".
CARRIES_STATUS = frozenset({"json", "ics"})


def _keep_status(old: Sequence[Session], new: list[Session]) -> tuple[list[Session], list[Session]]:
    """A source that does not give statuses must not overwrite them: each session it
    lists keeps the status of the session it continues.  Also returns those whose status
    was kept but is not 'scheduled' (what the report mentions)."""
    out = list(new)
    kept: list[Session] = []
    for index, before in pair(old, new).items():
        if before.status != out[index].status:
            out[index] = replace(out[index], status=before.status)
            kept.append(before)
    return out, kept


def kept_status_note(fmt: str, kept: Sequence[Session]) -> str:
    names = ", ".join(f"{s.group.upper()} ({s.status})" for s in kept[:8])
    more = f" and {len(kept) - 8} more" if len(kept) > 8 else ""
    return (f"{fmt} does not say whether a session is cancelled or rescheduled; "
            f"kept what the previous version says for {len(kept)} session(s): {names}{more}")


def _keep_links(old: Sequence[Session], new: list[Session], carried: frozenset[str]
                ) -> tuple[list[Session], int, list[str]]:
    """A source that cannot give a kind of link (``carried_links``) must not drop it: each
    session it lists keeps the links of those kinds of the session it continues (paired as
    for statuses).  The links of kinds it can give are its own, so a removed one is removed.
    Returns the sessions, how many kept links and the kinds kept (in ``show``'s order)."""
    out = list(new)
    count = 0
    kinds: set[str] = set()
    for index, before in pair(old, new).items():
        has = {name for name, _ in out[index].links}
        moved = (before.date, before.start) != (out[index].date, out[index].start)
        keep = tuple((name, url) for name, url in before.links
                     if link_kind(name) not in carried and name not in has
                     and not (moved and name in TIME_BOUND_LINKS))
        if keep:
            out[index] = replace(out[index], links=out[index].links + keep)
            count += 1
            kinds.update(link_kind(name) for name, _ in keep)
    order = {kind: position for position, kind in enumerate(LINK_ORDER)}
    return out, count, sorted(kinds, key=lambda kind: (order.get(kind, len(order)), kind))


def kept_links_note(fmt: str, count: int, kinds: Sequence[str]) -> str:
    return (f"{fmt} does not give {', '.join(kinds)} links; {count} session(s) keep theirs "
            "from the previous version")


def _wrong_format(exc: DataError, text: str, origin: str, said: str | None) -> DataError:
    """A source that fails to parse in the format --from named but is plainly another
    format: say so (the file is not damaged; --from is wrong), else the parser's error."""
    if said is None:
        return exc
    try:
        found = detect(text, origin, origin)
    except DataError:
        return exc
    if found.split("-")[0] == said.split("-")[0]:
        return exc
    names = {"json": "JSON (agenda.json)", "csv": "CSV (agenda.csv)", "csv-utc": "CSV (agenda.csv)",
             "ics": "iCalendar (.ics)", "text": "a plain-text session list"}
    return DataError(f"--from {said}, but this is {names.get(found, found)}, not {said}",
                     path=origin, line=1, column=1,
                     hint=f"use --from {found}, or leave --from out (the format is detected)")


_IMPORTED_FROM = re.compile(
    r"^Imported from (.+?) \(([^()]+)\) by ietfplan import(?:; options: (.*))?\.$", re.S)
NO_OPTIONS = "none"


@dataclass(frozen=True)
class RecordedImport:
    """What a meeting file says about its import (its ``note``): the source, and the
    options of ``ietfplan import`` that decided what was imported, as command-line words
    (``None``: a file written by an ietfplan that did not record them)."""

    source: str
    options: tuple[str, ...] | None


# The options recorded at import (import_options), each with the ImportRequest field it
# sets; update_request reads them back.
_VALUED = {"--from": "fmt", "--meeting": "meeting", "--timezone": "timezone", "--city": "city",
           "--from-date": "first", "--to-date": "last"}
_FLAGS = {"--merge": "merge", "--strict": "strict"}


def import_options(request: ImportRequest, fmt: str) -> list[str]:
    """The options of ``request`` that decide what is imported, as ``ietfplan import``
    takes them; ``fmt`` the format used (given with --from or detected), always said so
    that an update reads the source as the import did.  Not recorded: where the file is
    written (it is the file), --offline, and what only changes the report."""
    words: list[str] = []
    for option, name in _VALUED.items():
        value = fmt if option == "--from" else getattr(request, name)
        if value is not None and value != "":
            words += [option, value.isoformat() if isinstance(value, date) else str(value).strip()]
    return words + [option for option, name in _FLAGS.items() if getattr(request, name)]


def import_note(source: str, fmt_name: str, options: Sequence[str]) -> str:
    """The meeting's ``note``: where it was imported from, and how (``recorded_import``
    reads it back)."""
    import shlex

    said = shlex.join(options) if options else NO_OPTIONS
    return f"Imported from {source} ({fmt_name}) by ietfplan import; options: {said}."


def recorded_source(origin: str) -> str:
    """The source as the meeting file records it: a URL as given, a file by its absolute
    path (so that ``ietfplan update`` finds it again from anywhere)."""
    from ietfplan.load.fetch import is_url

    if origin == "<stdin>" or is_url(origin):
        return origin
    return str(Path(origin).resolve())


def recorded_import(meeting: Meeting) -> RecordedImport | None:
    """Where ``meeting`` was imported from and with which options; None when it was not
    imported by ``ietfplan import`` or came from standard input.  A meeting with only a
    ``url`` (not an /agenda page) is its own source, without options."""
    import shlex

    from ietfplan.load.fetch import is_url

    found = _IMPORTED_FROM.match(meeting.note.strip())
    if found is not None:
        if found.group(1) == "<stdin>":
            return None
        said = found.group(3)
        if said is None:
            return RecordedImport(found.group(1), None)
        try:
            words = () if said.strip() == NO_OPTIONS else tuple(shlex.split(said))
        except ValueError as exc:
            raise _bad_record(meeting, f"its import options '{said}' cannot be read ({exc})") from None
        return RecordedImport(found.group(1), words)
    if meeting.url and is_url(meeting.url) and not meeting.url.rstrip("/").endswith("/agenda"):
        return RecordedImport(meeting.url, None)
    return None


def source_of(meeting: Meeting) -> str | None:
    """Where ``meeting`` was imported from (its URL or file), None when it was not imported
    by ``ietfplan import`` or came from standard input."""
    try:
        recorded = recorded_import(meeting)
    except DataError:
        found = _IMPORTED_FROM.match(meeting.note.strip())
        return found.group(1) if found is not None else None
    return recorded.source if recorded is not None else None


def update_request(meeting: Meeting, recorded: RecordedImport, *, offline: bool,
                   datatracker: str) -> ImportRequest:
    """The import that updates ``meeting``: its recorded source, with the options it was
    imported with.  A file of an older ietfplan records none: it is updated as it always
    was, in the meeting's zone (``--timezone`` of its ``timezone``)."""
    base = ImportRequest(source=recorded.source, output=meeting.path, offline=offline,
                         datatracker=datatracker)
    if recorded.options is None:
        return replace(base, meeting=meeting.number, timezone=meeting.timezone)
    values: dict[str, object] = {}
    words = list(recorded.options)
    while words:
        word = words.pop(0)
        if word in _FLAGS:
            values[_FLAGS[word]] = True
            continue
        if word not in _VALUED:
            from ietfplan.suggest import hint_for

            raise _bad_record(meeting, f"its import options name '{word}', which is not an option "
                              "that decides what is imported",
                              hint_for(word, [*_VALUED, *_FLAGS], "option"))
        if not words:
            raise _bad_record(meeting, f"its import options end with {word} without its value")
        values[_VALUED[word]] = _option_value(meeting, word, words.pop(0))
    # Without --meeting the source said the number; if it now says another, the import
    # refuses to replace the file (it holds IETF N).
    if values.get("meeting", meeting.number) != meeting.number:
        raise _bad_record(meeting, f"its import options say --meeting {values['meeting']}, but the "
                          f"file holds IETF {meeting.number}")
    return replace(base, **values)  # type: ignore[arg-type]


def _option_value(meeting: Meeting, option: str, value: str) -> object:
    """The value of one recorded option, checked as ``ietfplan import`` checks it."""
    if option == "--from":
        if value not in SOURCE_FORMATS:
            raise _bad_record(meeting, f"its import options say --from '{value}', not a format",
                              "one of " + ", ".join(SOURCE_FORMATS))
        return value
    if option == "--meeting":
        if not value.isdigit():
            raise _bad_record(meeting, f"its import options say --meeting '{value}', not a number")
        return int(value)
    if option in ("--from-date", "--to-date"):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _bad_record(meeting, f"its import options say {option} '{value}', not a date "
                              "(YYYY-MM-DD)") from None
    return value


def _bad_record(meeting: Meeting, what: str, hint: str = "") -> DataError:
    return DataError(f"IETF {meeting.number}: {what}", path=meeting.path or "",
                     hint=hint or "import the meeting again with `ietfplan import` (its note records "
                     "how it was imported)")


def describe_options(request: ImportRequest, recorded: RecordedImport) -> str:
    """What ``update`` says about the options it imports with."""
    import shlex

    if recorded.options is None:
        return (f"in the meeting's zone, --timezone {request.timezone} (the file, written by an "
                "older ietfplan, records no import options)")
    return "with the import options recorded in the file: " + (shlex.join(recorded.options) or NO_OPTIONS)


def _from_number(request: ImportRequest, cache: Path) -> tuple[MeetingRecord, ImportRequest]:
    """``import 125``: the meeting's record (which must exist), then its agenda.json."""
    from ietfplan.load.fetch import fetch_meeting_record
    from ietfplan.load.importers.datatracker_meeting import agenda_url

    number = int(request.source.strip())
    if number <= 0:
        raise UsageError(f"IETF {number}: meeting numbers start at 1")
    if request.meeting is not None and request.meeting != number:
        raise UsageError(f"'{request.source}' is IETF {number}, but --meeting says {request.meeting}",
                         hint="leave out --meeting")
    base = request.datatracker or DATATRACKER
    record = fetch_meeting_record(base, number, cache_dir=cache, offline=request.offline)
    return record, replace(request, source=agenda_url(base, number), datatracker=base)


def _look_up(request: ImportRequest, number: int, cache: Path) -> tuple[MeetingRecord | None, str]:
    """The record for an agenda.json/agenda.csv import (the cached one first), or the
    reason there is none (a record that cannot be had is not an error: --timezone does)."""
    from ietfplan.load.fetch import fetch_meeting_record

    try:  # with --timezone the network is not asked: the record only adds city and dates
        return fetch_meeting_record(request.datatracker, number, cache_dir=cache,
                                    offline=request.offline or bool(request.timezone),
                                    cache_first=True), ""
    except (DataError, FileError) as exc:
        return None, exc.problems[0].message


def _number(asked: int | None, draft: Draft) -> int:
    found = draft.number
    if found is None:
        match = _MEETING_IN_URL.search(draft.origin)
        found = int(match.group(1)) if match else None
    if asked is not None and found is not None and asked != found:
        raise UsageError(f"{draft.origin} is the agenda of IETF {found}, not IETF {asked}",
                         hint="leave out --meeting, or import that meeting's agenda")
    number = asked if asked is not None else found
    if number is None:
        said = (" (it mentions " + ", ".join(f"IETF {n}" for n in draft.mentions) + ")"
                if len(draft.mentions) > 1 else "")
        raise UsageError(f"{draft.origin} does not say which meeting it is{said}",
                         hint="give the meeting number with --meeting, e.g. --meeting 102")
    if number <= 0:
        raise UsageError(f"--meeting {number}: meeting numbers start at 1")
    return number


def _previous(out: Path, number: int, catalog: Catalog) -> Meeting | None:
    """The version to compare with: the file being replaced, else the meeting in effect."""
    if out.is_dir():
        raise FileError(f"{out} is a folder", hint="give a file name with -o, e.g. -o ietf102.yaml")
    if out.exists():
        write_target(out)  # only a regular file is read or replaced: no FIFO, no device
        try:
            old = catalog.load_file(str(out))
        except IetfplanError as exc:
            raise FileError(f"{out} exists and is not a meeting file ietfplan can read; not replacing it",
                            hint="move it away or choose another file with -o\n"
                            + exc.format(context=False)) from None
        if old.number != number:
            raise UsageError(f"{out} holds IETF {old.number}, not IETF {number}; not replacing it",
                             hint="choose another file with -o")
        return old
    try:
        return catalog.by_number(number)
    except IetfplanError:
        return None


def _picks(folder: Path, previous: Meeting | None) -> tuple[set[str], str]:
    """The user's picks in the previous version (none when picks are unavailable), and a
    warning when the picks file exists but cannot be read."""
    if previous is None:
        return set(), ""
    try:
        from ietfplan.plan.picks import picked_ids

        return set(picked_ids(folder, previous)), ""
    except (DataError, FileError) as exc:
        return set(), ("your picks could not be read, so changes to them are not called out:\n"
                       + exc.format(context=False))
    except (IetfplanError, ImportError, AttributeError, OSError):
        return set(), ""


def _write(out: Path, text: str) -> tuple[bool, Path | None]:
    """Write atomically; an existing different file is kept as ``<name>.bak`` first."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(f"cannot create the folder {out.parent}: {exc.strerror or exc}") from None
    data = text.encode("utf-8")
    with locked(out):  # a device, FIFO or socket is refused before it is opened
        old = read_regular(out, 1 << 30)
        if old is None:
            atomic_write(out, data)
            return True, None
        if old == data:
            return False, None
        backup = out.with_name(out.name + ".bak")
        atomic_write(backup, old)
        atomic_write(out, data)
        return True, backup


def _without_zone(fmt: str) -> bool:
    """A Datatracker format that does not say the meeting's zone (agenda.json, agenda.csv):
    its import looks up the meeting's record.  agenda.ics has its TZID."""
    from ietfplan.load.importers import datatracker_csv, datatracker_json

    return fmt in (datatracker_json.FORMAT, datatracker_csv.FORMAT, datatracker_csv.FORMAT_UTC)


def datatracker_url(ctx: AppContext) -> str:
    """The Datatracker ietfplan asks: IETFPLAN_DATATRACKER_URL, else the config file's
    ``datatracker`` (when the settings have one), else https://datatracker.ietf.org."""
    url = ctx.environ.get("IETFPLAN_DATATRACKER_URL", "").strip()
    if not url:
        url = (ctx.settings.datatracker or "").strip()
    url = url or DATATRACKER
    if not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"the Datatracker address '{url}' is not an http(s) URL",
                         hint="set IETFPLAN_DATATRACKER_URL to e.g. https://datatracker.ietf.org")
    return url.rstrip("/")
