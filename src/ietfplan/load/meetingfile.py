"""Meeting YAML files → Meeting.  The format is documented in README.md.

Two readers: large files in the plain layout (generated, imported) are read by
fastyaml.py; every other file, and any file with a problem, by PyYAML with positions.
Both hand each session's fields to sessionfields.build, so they read values alike.
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter
from pathlib import Path

from ietfplan import timefmt
from ietfplan.errors import DataError, Problem, UsageError
from ietfplan.load.gcpause import no_cyclic_gc
from ietfplan.load.sessionfields import (
    LIST_FIELDS,
    SESSION_FIELDS,
    TEXT_FIELDS,
    FieldValue,
    Head,
    Where,
    build,
    iso_date,
    line_problem,
    uri_problem,
)
from ietfplan.load.yamlsrc import MappingNode, Node, Reader, ScalarNode, compose, read_text, where
from ietfplan.model import Meeting, Session, TopicIndex, session_sort_key
from ietfplan.zones import get_zone

MEETING_FIELDS = ("number", "city", "country", "timezone", "start", "end", "default_duration",
                  "url", "note")
__all__ = ["MEETING_FIELDS", "SESSION_FIELDS", "load_meeting", "parse_meeting"]
FAST_MIN_CHARS = 64 * 1024  # below this, PyYAML is quick enough and the fast reader not tried


def load_meeting(path: str, topics: TopicIndex, cache_dir: Path | None = None) -> Meeting:
    """Load and check one meeting file; DataError lists every problem found.

    With a ``cache_dir``, files are cached there once parsed (see load/cache.py).
    """
    if cache_dir is None:
        return parse_meeting(read_text(path), path, topics)
    from ietfplan.load import cache
    from ietfplan.load.index import file_key

    source = file_key(path)  # before reading: a file changed meanwhile is parsed next time
    cached = cache.get(cache_dir, path, topics, source)
    if cached is not None:
        return cached
    meeting = parse_meeting(read_text(path), path, topics)
    cache.put(cache_dir, path, topics, meeting, source)
    return meeting


def parse_meeting(text: str, path: str, topics: TopicIndex, *, fast: bool | None = None) -> Meeting:
    """The meeting in ``text``.  ``fast`` forces (True) or forbids (False) trying the
    plain-layout reader first; by default it is tried on large texts.  Either way the
    result is the same, and any problem is reported by the PyYAML reader."""
    with no_cyclic_gc():
        if fast if fast is not None else len(text) >= FAST_MIN_CHARS:
            meeting = _parse_plain(text, path, topics)
            if meeting is not None:
                return meeting
        return _parse_yaml(text, path, topics)


def _parse_plain(text: str, path: str, topics: TopicIndex) -> Meeting | None:
    """The meeting, read by fastyaml; None if the file is not in its layout or has any
    problem (the PyYAML reader then reads it and reports the problems)."""
    from ietfplan.load import fastyaml  # large files only: its regexes take 7 ms to compile

    split = fastyaml.split_sessions(text, SESSION_FIELDS)
    if split is None:
        return None
    head_text, items = split
    reader = Reader(path)
    try:
        root = compose(head_text, path)
    except DataError:  # the PyYAML reader reports it, at its place in the whole file
        return None
    if not isinstance(root, MappingNode):
        return None
    top = reader.mapping(root, "the file", ("meeting",))
    if reader.problems or top is None or "meeting" not in top:
        return None
    header = _read_header(reader, top["meeting"][1])
    if reader.problems:
        return None
    warnings: list[str] = []
    problems: list[tuple[Where, str, str]] = []
    sessions: list[Session] = []
    for line, fields in items:
        session = build(fields, line, header, topics, path, warnings, problems)
        if session is None:
            return None
        sessions.append(session)
    sessions = _assign_ids(reader, sessions, header)
    if reader.problems:
        return None
    return _meeting(header, path, sessions, warnings)


def _parse_yaml(text: str, path: str, topics: TopicIndex) -> Meeting:
    reader = Reader(path)
    root, top = reader.document(
        text, "the file", ("meeting", "sessions"),
        "the file is empty; a meeting file has 'meeting:' and 'sessions:'")
    if "meeting" not in top:
        reader.error(root, "missing 'meeting:' section (number, city, timezone, start, end)")
        reader.raise_if_problems()
    header = _read_header(reader, top["meeting"][1])
    warnings: list[str] = []
    sessions: list[Session] = []
    sessions_node = top["sessions"][1] if "sessions" in top else None
    if sessions_node is not None and not _is_null(sessions_node):
        for node in reader.sequence(sessions_node, "'sessions'"):
            session = _read_session(reader, node, header, topics, warnings)
            if session is not None:
                sessions.append(session)
    reader.raise_if_problems()
    sessions = _assign_ids(reader, sessions, header)
    reader.raise_if_problems()
    return _meeting(header, path, sessions, warnings)


def _meeting(header: Head, path: str, sessions: list[Session], warnings: list[str]) -> Meeting:
    assert header.number is not None and header.start is not None and header.end is not None
    return Meeting(
        number=header.number,
        city=header.city,
        country=header.country,
        timezone=header.timezone,
        start=header.start,
        end=header.end,
        default_duration=header.default_duration,
        url=header.url,
        note=header.note,
        path=path,
        sessions=tuple(sessions),
        warnings=tuple(warnings),
    )


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.style and node.value in ("", "~", "null")


def _read_header(reader: Reader, node: Node) -> Head:
    head = Head()
    fields = reader.mapping(node, "'meeting'", MEETING_FIELDS)
    if fields is None:
        return head
    for required in ("number", "city", "timezone", "start", "end"):
        if required not in fields:
            reader.error(node, f"'meeting' needs '{required}'")
    for key, (_, value) in fields.items():
        if key == "number":
            head.number = reader.integer(value, "meeting number")
        elif key == "timezone":
            name = reader.text(value, "timezone")
            if name is not None:
                try:
                    head.zone = get_zone(name)
                    head.timezone = str(head.zone)
                except UsageError as exc:
                    reader.error(value, str(exc), exc.problems[0].hint)
        elif key in ("start", "end"):
            setattr(head, key, _date(reader, value, f"meeting {key}"))
        elif key == "default_duration":
            raw = reader.text(value, "default_duration")
            if raw is not None:
                try:
                    head.default_duration = timefmt.parse_duration(raw)
                except ValueError as exc:
                    reader.error(value, str(exc))
                except OverflowError:  # timefmt does not bound the numbers it reads
                    reader.error(value, f"'{raw}' is not a sensible duration "
                                        "(between 1 minute and 24 hours)")
        else:
            setattr(head, key, reader.text(value, key, allow_empty=True) or "")
            text = getattr(head, key)
            bad = uri_problem(text) if key == "url" else line_problem(text) if key in (
                "city", "country") else ""
            if bad:
                reader.error(value, f"the meeting's {key} {bad}",
                             f"remove the line break{' or control character' if key == 'url' else ''}"
                             f" from the {key}")
                setattr(head, key, "")
    if head.start and head.end and head.end < head.start:
        reader.error(fields["end"][1], f"meeting end {head.end} is before its start {head.start}")
        head.end = None
    elif head.start and head.end and (head.end - head.start).days > 31:
        reader.error(fields["end"][1], f"meeting runs {(head.end - head.start).days + 1} days; at most 32")
        head.end = None
    return head


def _date(reader: Reader, node: Node, what: str) -> date | None:
    raw = reader.text(node, what)
    if raw is None:
        return None
    try:
        return iso_date(raw)
    except ValueError as exc:
        reader.error(node, f"{what}: {exc}")
        return None


def _read_session(reader: Reader, node: Node, head: Head, topics: TopicIndex,
                  warnings: list[str]) -> Session | None:
    """One session node: its fields read as text (type problems reported at their nodes),
    then built by sessionfields.build, whose problems are placed here."""
    fields = reader.mapping(node, "a session", SESSION_FIELDS)
    if fields is None:
        return None
    before = len(reader.problems)
    values: dict[str, FieldValue] = {}
    items: dict[str, list[Node]] = {}
    for key, (_, value) in fields.items():
        if key in LIST_FIELDS:
            pairs = reader.text_list(value, key)
            values[key] = [text for text, _ in pairs]
            items[key] = [item for _, item in pairs]
        elif key == "links":
            links: list[tuple[str, str]] = []
            items[key] = []  # the value nodes, so that a problem with link i points at it
            for name, (_, url_node) in (reader.mapping(value, "links") or {}).items():
                url = reader.text(url_node, f"link '{name}'")
                if url is not None:
                    links.append((name, url))
                    items[key].append(url_node)
            values[key] = links
        else:
            values[key] = reader.text(value, key, allow_empty=key in TEXT_FIELDS and key != "group")
    problems: list[tuple[Where, str, str]] = []
    session = build(values, where(node)[0], head, topics, reader.path, warnings, problems)
    for at, message, hint in problems:
        reader.error(_node_at(at, node, fields, items), message, hint)
    return session if len(reader.problems) == before else None


def _node_at(at: Where, node: Node, fields: dict[str, tuple[ScalarNode, Node]],
             items: dict[str, list[Node]]) -> Node:
    if at is None:
        return node
    if isinstance(at, str):
        return fields[at][1]
    if at[0] == "key":
        return fields[at[1]][0]
    return items[at[1]][at[2]]  # type: ignore[misc]


def _assign_ids(reader: Reader, sessions: list[Session], head: Head) -> list[Session]:
    """Sort sessions and give each a stable id: ``<meeting>-<group>-<n>`` by start."""
    number = head.number
    sort_sessions(sessions)
    counts: dict[str, int] = {}
    seen: dict[str, Session] = {}
    duplicates: set[int] = set()  # id() of the sessions left out
    for session in sessions:
        # Not yet shared with anyone: the id is set in place (as __init__ sets fields)
        # rather than re-creating every session with replace().
        fields = session.__dict__
        group = fields["group"]
        count = counts[group] = counts.get(group, 0) + 1
        sid = fields["id"] or f"{number}-{group}-{count}"
        fields["id"] = sid
        if sid in seen:
            reader.problems.append(Problem(
                f"duplicate session id '{sid}' (also on line {seen[sid].line})", reader.path, session.line))
            duplicates.add(id(session))
        else:
            seen[sid] = session
    return [session for session in sessions if id(session) not in duplicates] if duplicates else sessions


def sort_sessions(sessions: list[Session]) -> None:
    """``sessions.sort(key=session_sort_key)``, in less time: the sessions are put in
    buckets by day and start (a meeting has a few hundred), the buckets sorted, and each
    bucket sorted by group and id in C.  Each distinct start's part of the key is worked
    out once: the loader shares one datetime object among the sessions that start
    together, and pytz makes ``timestamp()`` slow."""
    prefixes: dict[int, tuple[int, int, float]] = {}  # by id() of a start or date object
    buckets: dict[tuple[int, int, float], list[Session]] = {}
    for session in sessions:
        start = session.start
        shared = id(start) if start is not None else id(session.date)  # alive all along
        prefix = prefixes.get(shared)
        if prefix is None:
            full = session_sort_key(session)
            prefix = prefixes[shared] = (full[0], full[1], full[2])
        bucket = buckets.get(prefix)
        if bucket is None:
            buckets[prefix] = [session]
        else:
            bucket.append(session)
    sessions.clear()
    for prefix in sorted(buckets):
        bucket = buckets[prefix]
        bucket.sort(key=_GROUP_ID)
        sessions.extend(bucket)


_GROUP_ID = attrgetter("group", "id")
