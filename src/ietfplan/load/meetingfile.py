"""Meeting YAML files → Meeting.  The format is documented in README.md."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache

from ietfplan import timefmt
from ietfplan.errors import Problem, UsageError
from ietfplan.load.memo import Memo
from ietfplan.load.yamlsrc import Node, Reader, ScalarNode, read_text, where
from ietfplan.model import KINDS, STATUSES, Meeting, Session, TopicIndex, session_sort_key
from ietfplan.suggest import hint_for
from ietfplan.zones import format_offset, get_zone, zone_label

MEETING_FIELDS = ("number", "city", "country", "timezone", "start", "end", "default_duration",
                  "url", "note")
SESSION_FIELDS = ("group", "name", "area", "date", "day", "time", "start", "end", "room",
                  "topics", "drafts", "links", "note", "source", "id", "kind", "status")


@dataclass
class _Header:
    number: int | None = None
    city: str = ""
    country: str = ""
    timezone: str = ""
    zone: tzinfo | None = None
    start: date | None = None
    end: date | None = None
    default_duration: timedelta | None = None
    url: str = ""
    note: str = ""
    memo: Memo = field(default_factory=Memo)


def load_meeting(path: str, topics: TopicIndex) -> Meeting:
    """Load and check one meeting file; DataError lists every problem found.

    Large files are cached once parsed (see load/cache.py).
    """
    from ietfplan.load import cache

    cached = cache.get(path, topics)
    if cached is not None:
        return cached
    meeting = parse_meeting(read_text(path), path, topics)
    cache.put(path, topics, meeting)
    return meeting


def parse_meeting(text: str, path: str, topics: TopicIndex) -> Meeting:
    # Python's cyclic garbage collector would scan the hundreds of thousands of new,
    # acyclic node objects again and again while they are made (most of PyYAML's
    # time on a large file); reference counting frees them all the same.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_meeting(text, path, topics)
    finally:
        if was_enabled:
            gc.enable()


def _parse_meeting(text: str, path: str, topics: TopicIndex) -> Meeting:
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
            s = _read_session(reader, node, header, topics, warnings)
            if s is not None:
                sessions.append(s)
    reader.raise_if_problems()
    assert header.number is not None and header.start is not None and header.end is not None
    sessions = _assign_ids(reader, sessions, header.number)
    reader.raise_if_problems()
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


def _read_header(reader: Reader, node: Node) -> _Header:
    h = _Header()
    fields = reader.mapping(node, "'meeting'", MEETING_FIELDS)
    if fields is None:
        return h
    for required in ("number", "city", "timezone", "start", "end"):
        if required not in fields:
            reader.error(node, f"'meeting' needs '{required}'")
    for key, (_, value) in fields.items():
        if key == "number":
            h.number = reader.integer(value, "meeting number")
        elif key == "timezone":
            name = reader.text(value, "timezone")
            if name is not None:
                try:
                    h.zone = get_zone(name)
                    h.timezone = str(h.zone)
                except UsageError as exc:
                    reader.error(value, str(exc), exc.problems[0].hint)
        elif key in ("start", "end"):
            d = _date(reader, value, f"meeting {key}")
            setattr(h, key, d)
        elif key == "default_duration":
            raw = reader.text(value, "default_duration")
            if raw is not None:
                try:
                    h.default_duration = timefmt.parse_duration(raw)
                except ValueError as exc:
                    reader.error(value, str(exc))
                except OverflowError:  # timefmt does not bound the numbers it reads
                    reader.error(value, f"'{raw}' is not a sensible duration "
                                        "(between 1 minute and 24 hours)")
        else:
            setattr(h, key, reader.text(value, key, allow_empty=True) or "")
    if h.start and h.end and h.end < h.start:
        reader.error(fields["end"][1], f"meeting end {h.end} is before its start {h.start}")
        h.end = None
    elif h.start and h.end and (h.end - h.start).days > 31:
        reader.error(fields["end"][1], f"meeting runs {(h.end - h.start).days + 1} days; at most 32")
        h.end = None
    return h


# Dates repeat across sessions; date objects are immutable, so a bounded cache is safe.
_iso_date = lru_cache(maxsize=1024)(timefmt.parse_iso_date)


def _date(reader: Reader, node: Node, what: str) -> date | None:
    raw = reader.text(node, what)
    if raw is None:
        return None
    try:
        return _iso_date(raw)
    except ValueError as exc:
        reader.error(node, f"{what}: {exc}")
        return None


def _read_session(reader: Reader, node: Node, h: _Header, topics: TopicIndex,
                  warnings: list[str]) -> Session | None:
    fields = reader.mapping(node, "a session", SESSION_FIELDS)
    if fields is None:
        return None
    before = len(reader.problems)
    values: dict[str, str] = {}
    for key in ("group", "name", "area", "room", "note", "source", "id", "kind", "status"):
        if key in fields:
            values[key] = (reader.text(fields[key][1], key, allow_empty=key != "group") or "").strip()
    group = values.get("group", "").lower()
    if "group" not in fields:
        reader.error(node, "a session needs 'group' (the working-group acronym, e.g. dnsop)")
    kind = values.get("kind", "session").lower() or "session"
    if kind not in KINDS:
        reader.error(fields["kind"][1], f"unknown kind '{kind}'", hint_for(kind, KINDS, "kind"))
    status = values.get("status", "scheduled").lower() or "scheduled"
    if status not in STATUSES:
        reader.error(fields["status"][1], f"unknown status '{status}'", hint_for(status, STATUSES))

    day = _session_day(reader, node, fields, h)
    start, end = _session_times(reader, fields, h, day, warnings, group)

    topic_keys: list[str] = []
    if "topics" in fields:
        for name, item in reader.text_list(fields["topics"][1], "topics"):
            t = topics.get(name)
            if t is None:
                reader.error(item, f"unknown topic '{name}'", hint_for(name, topics.names, "topic"))
            elif t.key not in topic_keys:
                topic_keys.append(t.key)
    drafts = tuple(d for d, _ in reader.text_list(fields["drafts"][1], "drafts")) if "drafts" in fields else ()
    # Keywords are matched against the name and drafts, not the note: notes quote
    # posts that mention other groups ("meetings of the TLS, 6MAN and SIDROPS").
    for key in h.memo.classify(topics, group, values.get("name", ""), drafts):
        if key not in topic_keys:
            topic_keys.append(key)
    links: list[tuple[str, str]] = []
    if "links" in fields:
        link_map = reader.mapping(fields["links"][1], "links")
        for name, (_, value) in (link_map or {}).items():
            url = reader.text(value, f"link '{name}'")
            if url is not None:
                links.append((name, url.strip()))

    if len(reader.problems) > before or day is None:
        return None
    end_estimated = False
    if start is not None and end is None and h.default_duration is not None and h.zone is not None:
        end, end_estimated = h.memo.estimated_end(start, h.default_duration, h.zone), True
    line, _ = where(node)
    return Session(
        meeting=h.number or 0,
        id=values.get("id", ""),
        group=group,
        date=day,
        start=start,
        end=end,
        end_estimated=end_estimated,
        name=values.get("name", ""),
        area=values.get("area", "").lower(),
        room=values.get("room", ""),
        topics=tuple(topic_keys),
        drafts=drafts,
        links=tuple(links),
        note=values.get("note", ""),
        source=values.get("source", ""),
        kind=kind,
        status=status,
        line=line,
    )


def _session_day(reader: Reader, node: Node, fields: Mapping[str, tuple[Node, Node]],
                 h: _Header) -> date | None:
    if "date" in fields and "day" in fields:
        reader.error(fields["day"][0], "give either 'date' or 'day', not both")
        return None
    if "date" in fields:
        value = fields["date"][1]
        d = _date(reader, value, "date")
        if d is not None and h.start and h.end and not h.start <= d <= h.end:
            reader.error(value, f"{d} is outside the meeting ({h.start} to {h.end})",
                         "check the year and month, or the meeting's start and end")
            return None
        return d
    if "day" in fields:
        value = fields["day"][1]
        raw = reader.text(value, "day")
        if raw is None:
            return None
        try:
            wd = timefmt.parse_weekday(raw)
        except ValueError as exc:
            reader.error(value, str(exc))
            return None
        if h.start is None or h.end is None:
            return None
        matches = [h.start + timedelta(days=i) for i in range((h.end - h.start).days + 1)]
        matches = [d for d in matches if d.weekday() == wd]
        if len(matches) != 1:
            what = "no" if not matches else "more than one"
            reader.error(value, f"the meeting ({h.start} to {h.end}) has {what} {timefmt.WEEKDAY_NAMES[wd]}",
                         "use 'date: YYYY-MM-DD' instead")
            return None
        return matches[0]
    reader.error(node, "a session needs 'date: YYYY-MM-DD' or 'day: tuesday'")
    return None


def _session_times(reader: Reader, fields: Mapping[str, tuple[Node, Node]], h: _Header,
                   day: date | None, warnings: list[str], group: str
                   ) -> tuple[datetime | None, datetime | None]:
    if "time" in fields and ("start" in fields or "end" in fields):
        reader.error(fields["time"][0], "give either 'time' or 'start'/'end', not both")
        return None, None
    start_t: time | None = None
    end_t: time | None = None
    labels: list[tuple[str, Node]] = []
    if "time" in fields:
        node = fields["time"][1]
        raw = reader.text(node, "time")
        if raw is None:
            return None, None
        try:
            start_t, end_t, label = h.memo.time_range(raw)
        except ValueError as exc:
            reader.error(node, str(exc))
            return None, None
        if label:
            labels.append((label, node))
    else:
        for key in ("start", "end"):
            if key not in fields:
                continue
            node = fields[key][1]
            raw = reader.text(node, key)
            if raw is None:
                continue
            try:
                t, extra, label = h.memo.time_range(raw)
                if extra is not None:
                    raise ValueError(f"'{raw}' is a range; '{key}' takes one time (or use 'time:')")
            except ValueError as exc:
                reader.error(node, str(exc))
                continue
            if key == "start":
                start_t = t
            else:
                end_t = t
            if label:
                labels.append((label, node))
        if end_t is not None and start_t is None and "start" not in fields:
            reader.error(fields["end"][0], "'end' without 'start'")
            return None, None
    if start_t is None or day is None or h.zone is None:
        return None, None
    start, warn = h.memo.localize(datetime.combine(day, start_t), h.zone)
    if warn:
        warnings.append(f"{reader.path}: {group} on {day}: {warn}")
    end = None
    if end_t is not None:
        end, warn = h.memo.localize(datetime.combine(day, end_t), h.zone)
        if warn:
            warnings.append(f"{reader.path}: {group} on {day}: {warn}")
        if end <= start:
            node = fields["time" if "time" in fields else "end"][1]
            reader.error(node, f"ends ({end_t:%H:%M}) before or when it starts ({start_t:%H:%M})",
                         "sessions end on the day they start; check the times")
            return None, None
    for label, node in labels:
        _check_label(reader, node, label, start, h)
    return start, end


def _check_label(reader: Reader, node: Node, label: str, start: datetime, h: _Header) -> None:
    try:
        parts = h.memo.label_offsets(label)
    except ValueError as exc:
        reader.error(node, str(exc))
        return
    offset = start.utcoffset()
    actual = int(offset.total_seconds() // 60) if offset is not None else 0
    for part, offsets in parts:
        if actual not in offsets:
            said = ", ".join(format_offset(timedelta(minutes=o)) for o in offsets)
            reader.error(
                node,
                f"the label '{part}' means {said}, but {h.timezone} on {start:%Y-%m-%d} at "
                f"{start:%H:%M} is {zone_label(start)}",
                "fix the label or the meeting's timezone",
            )


def _assign_ids(reader: Reader, sessions: list[Session], number: int) -> list[Session]:
    """Sort sessions and give each a stable id: ``<meeting>-<group>-<n>`` by start."""
    sessions.sort(key=session_sort_key)
    counts: dict[str, int] = defaultdict(int)
    seen: dict[str, Session] = {}
    out: list[Session] = []
    for s in sessions:
        counts[s.group] += 1
        sid = s.id or f"{number}-{s.group}-{counts[s.group]}"
        if sid in seen:
            reader.problems.append(Problem(
                f"duplicate session id '{sid}' (also on line {seen[sid].line})", reader.path, s.line))
            continue
        if sid != s.id:
            # Not yet shared with anyone: set the id in place (as the dataclass's own
            # __init__ does) rather than re-creating every session with replace().
            object.__setattr__(s, "id", sid)
        seen[sid] = s
        out.append(s)
    return out
