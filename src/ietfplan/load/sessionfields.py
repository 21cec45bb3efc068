"""One session's fields, already read as text, → a Session; the same for both readers.

meetingfile.py reads fields with PyYAML (positions for every node), fastyaml.py reads
the plain layout of large files straight from the lines; both hand the fields here, so
a value means exactly the same thing whichever reader read it.  Problems are returned
as ``(where, message, hint)``; ``where`` names a place in the session, and the PyYAML
reader turns it into a line and column (the fast reader gives up on any problem, and the
file is read again with PyYAML to report it).

``where`` is None (the session itself), ``"time"`` (the value of a field),
``("key", "day")`` (the field's key) or ``("item", "topics", 2)`` (an item of a list).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from ietfplan import timefmt
from ietfplan.load.memo import Memo
from ietfplan.model import KINDS, STATUSES, Session, TopicIndex, prechecked_session
from ietfplan.suggest import hint_for
from ietfplan.zones import abbreviation, format_offset, gap_message, zone_label

SESSION_FIELDS = ("group", "name", "area", "date", "day", "time", "start", "end", "room",
                  "topics", "drafts", "links", "note", "source", "id", "kind", "status", "bof", "datatracker_id", "group_type")
TEXT_FIELDS = ("group", "name", "area", "room", "note", "source", "id", "kind", "status",
               "datatracker_id", "group_type")
LIST_FIELDS = ("topics", "drafts")

Where = str | tuple[str, str] | tuple[str, str, int] | None
FieldProblem = tuple[Where, str, str]
# A field's value: text (None when the reader already reported it unusable), the items
# of 'topics' and 'drafts', or the (name, url) pairs of 'links'.
FieldValue = str | None | list[str] | list[tuple[str, str]]


class Head:
    """What a meeting's sessions need from its ``meeting:`` section."""

    def __init__(self) -> None:
        self.number: int | None = None
        self.city = ""
        self.country = ""
        self.timezone = ""
        self.zone: tzinfo | None = None
        self.start: date | None = None
        self.end: date | None = None
        self.default_duration: timedelta | None = None
        self.url = ""
        self.note = ""
        self.memo = Memo()
        self._weekdays: dict[int, list[date]] = {}
        self.whens: dict[tuple[object, ...], SessionTimes] = {}

    def days_on(self, weekday: int) -> list[date]:
        """The meeting's days that fall on ``weekday`` (0 = Monday)."""
        got = self._weekdays.get(weekday)
        if got is None:
            assert self.start is not None and self.end is not None
            got = self._weekdays[weekday] = [
                d for d in (self.start + timedelta(days=i)
                            for i in range((self.end - self.start).days + 1))
                if d.weekday() == weekday]
        return got


# Dates repeat across sessions; date objects are immutable, so a bounded cache is safe.
iso_date = lru_cache(maxsize=1024)(timefmt.parse_iso_date)


def build(fields: Mapping[str, Any], line: int, head: Head, topics: TopicIndex, path: str,
          warnings: list[str], problems: list[FieldProblem]) -> Session | None:
    """The session of fields ``fields`` (its first line is ``line``); None, with ``problems``
    added, when something is wrong.  ``fields`` maps each field to a ``FieldValue``."""
    get = fields.get
    before = len(problems)
    group = (get("group") or "").strip().lower()
    if "group" not in fields:
        problems.append((None, "a session needs 'group' (the working-group acronym, e.g. dnsop)", ""))
    kind = get("kind")
    kind = (kind.strip().lower() or "session") if kind else "session"
    if kind not in KINDS:
        problems.append(("kind", f"unknown kind '{kind}'", hint_for(kind, KINDS, "kind")))
    status = get("status")
    status = (status.strip().lower() or "scheduled") if status else "scheduled"
    if status not in STATUSES:
        problems.append(("status", f"unknown status '{status}'", hint_for(status, STATUSES)))

    # Day and times depend only on these five fields (and the meeting): a meeting has a
    # few hundred distinct combinations, each worked out once unless it has a problem.
    when_key = (get("date", _ABSENT), get("day", _ABSENT), get("time", _ABSENT), get("start", _ABSENT),
                get("end", _ABSENT))
    when = head.whens.get(when_key)
    if when is None:
        mark = len(problems)
        when = _when(fields, head, problems)
        if len(problems) == mark:
            head.whens[when_key] = when
    day, start, end, end_estimated, warns = when
    for warn in warns:
        warnings.append(f"{path}: {group} on {day}: {warn}")

    drafts = tuple(get("drafts") or ())
    name = (get("name") or "").strip()
    # Keywords are matched against the name and drafts, not the note: notes quote
    # posts that mention other groups ("meetings of the TLS, 6MAN and SIDROPS").
    found = head.memo.classify(topics, group, name, drafts)
    given = get("topics")
    if given:  # the file's own topics first, then those found
        topic_keys: list[str] = []
        for position, topic_name in enumerate(given):
            topic = topics.get(topic_name)
            if topic is None:
                problems.append((("item", "topics", position), f"unknown topic '{topic_name}'",
                                 hint_for(topic_name, topics.names, "topic")))
            elif topic.key not in topic_keys:
                topic_keys.append(topic.key)
        found = (*topic_keys, *(key for key in found if key not in topic_keys))
    bof = False
    raw_bof = get("bof")
    if raw_bof is not None:
        flag = raw_bof.strip().lower()
        if flag not in _BOOLEANS:
            problems.append(("bof", f"bof: '{raw_bof}' is neither true nor false",
                             "write 'bof: true' for a BoF session, or leave the field out"))
        bof = _BOOLEANS.get(flag, False)
    links = get("links")
    link_pairs = tuple((k, v.strip()) for k, v in links) if links else ()
    for position, (link_name, url) in enumerate(link_pairs):
        bad = uri_problem(url)
        if bad:
            problems.append((("item", "links", position), f"link '{link_name}' {bad}",
                             "remove the line break or control character from the link"))

    if len(problems) > before or day is None:
        return None
    # The times were checked in _times (aware, the end after the start), so the session
    # is made without Session.__init__'s checks: 40,000 calls on a large file.  Texts that
    # repeat across sessions (groups, names, rooms) are kept as one object each: less
    # memory, and the parsed-meeting cache pickles each once (load/cache.py).
    shared = head.memo.shared_texts
    return prechecked_session({
        "meeting": head.number or 0,
        "id": (get("id") or "").strip(),
        "group": shared.setdefault(group, group),
        "date": day,
        "start": start,
        "end": end,
        "end_estimated": end_estimated,
        "name": shared.setdefault(name, name),
        "area": _shared_text(shared, area, lower=True) if (area := get("area")) else "",
        "room": _shared_text(shared, room) if (room := get("room")) else "",
        "topics": found,
        "drafts": drafts,
        "links": link_pairs,
        "note": (get("note") or "").strip(),
        "source": _shared_text(shared, source) if (source := get("source")) else "",
        "kind": shared.setdefault(kind, kind),
        "status": shared.setdefault(status, status),
        "line": line,
        "bof": bof,
        "datatracker_id": (get("datatracker_id") or "").strip(),
        "group_type": (_shared_text(shared, group_type, lower=True)
                       if (group_type := get("group_type")) else ""),
    })


def _shared_text(shared: dict[str, str], raw: str, *, lower: bool = False) -> str:
    """``raw`` stripped (and lowered), as the one object ``shared`` keeps for that text."""
    text = raw.strip().lower() if lower else raw.strip()
    return shared.setdefault(text, text)


def uri_problem(url: str) -> str:
    """Why ``url`` cannot be a link ('' when it can): a line break or other control
    character.  A link is written into .ics files as it is (a URI is not escaped like
    text), so "https://x/a\r\nEND:VEVENT..." would start a new event there."""
    for index, char in enumerate(url):
        code = ord(char)
        if code < 0x20 or 0x7F <= code < 0xA0 or char in "\u2028\u2029":
            return (f"has a control character ({_CONTROL_NAMES.get(char, f'U+{code:04X}')}) "
                    f"at character {index + 1}; a link is one line of text")
    return ""


LINE_BREAKS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # what str.splitlines splits at


def line_problem(text: str) -> str:
    """Why ``text`` cannot be a one-line name such as the meeting's city ('' when it can):
    a line break.  The city names every calendar (X-WR-CALNAME) and is in every event's
    LOCATION.  Other control characters are data like any other: shown escaped."""
    for index, char in enumerate(text):
        if char in LINE_BREAKS:
            code = ord(char)
            return (f"has a line break ({_CONTROL_NAMES.get(char, f'U+{code:04X}')}) "
                    f"at character {index + 1}; it must be one line")
    return ""


_CONTROL_NAMES = {"\r": "carriage return", "\n": "line feed", "\t": "tab", "\x1b": "escape",
                  "\0": "NUL", "\u2028": "line separator", "\u2029": "paragraph separator"}


_BOOLEANS = {"true": True, "yes": True, "false": False, "no": False}
_ABSENT = object()
# (day, start, end, whether the end is estimated, warnings about the times)
SessionTimes = tuple[date | None, datetime | None, datetime | None, bool, tuple[str, ...]]


def _when(fields: Mapping[str, Any], head: Head, problems: list[FieldProblem]) -> SessionTimes:
    day = _day(fields, head, problems)
    warns: list[str] = []
    start, end = _times(fields, head, day, problems, warns)
    end_estimated = False
    if start is not None and end is None and head.default_duration is not None and head.zone is not None:
        end, end_estimated = head.memo.estimated_end(start, head.default_duration, head.zone), True
    return day, start, end, end_estimated, tuple(warns)


def _raw(fields: Mapping[str, Any], key: str) -> str | None:
    value = fields.get(key)
    return value if isinstance(value, str) else None


def _day(fields: Mapping[str, Any], head: Head, problems: list[FieldProblem]) -> date | None:
    if "date" in fields and "day" in fields:
        problems.append((("key", "day"), "give either 'date' or 'day', not both", ""))
        return None
    if "date" in fields:
        raw = _raw(fields, "date")
        if raw is None:
            return None
        try:
            day = iso_date(raw)
        except ValueError as exc:
            problems.append(("date", f"date: {exc}", ""))
            return None
        if head.start and head.end and not head.start <= day <= head.end:
            problems.append(("date", f"{day} is outside the meeting ({head.start} to {head.end})",
                             "check the year and month, or the meeting's start and end"))
            return None
        return day
    if "day" in fields:
        raw = _raw(fields, "day")
        if raw is None:
            return None
        try:
            wd = timefmt.parse_weekday(raw)
        except ValueError as exc:
            problems.append(("day", str(exc), ""))
            return None
        if head.start is None or head.end is None:
            return None
        matches = head.days_on(wd)
        if len(matches) != 1:
            what = "no" if not matches else "more than one"
            problems.append(("day", f"the meeting ({head.start} to {head.end}) has {what} "
                                    f"{timefmt.WEEKDAY_NAMES[wd]}", "use 'date: YYYY-MM-DD' instead"))
            return None
        return matches[0]
    problems.append((None, "a session needs 'date: YYYY-MM-DD' or 'day: tuesday'", ""))
    return None


def _times(fields: Mapping[str, Any], head: Head, day: date | None, problems: list[FieldProblem],
           warnings: list[str]) -> tuple[datetime | None, datetime | None]:
    if "time" in fields and ("start" in fields or "end" in fields):
        problems.append((("key", "time"), "give either 'time' or 'start'/'end', not both", ""))
        return None, None
    start_t: time | None = None
    end_t: time | None = None
    labels: list[tuple[str, str]] = []  # (label, the field it is in)
    if "time" in fields:
        raw = _raw(fields, "time")
        if raw is None:
            return None, None
        try:
            start_t, end_t, label = head.memo.time_range(raw)
        except ValueError as exc:
            problems.append(("time", str(exc), ""))
            return None, None
        if label:
            labels.append((label, "time"))
    else:
        for key in ("start", "end"):
            raw = _raw(fields, key)
            if raw is None:
                continue
            try:
                clock, extra, label = head.memo.time_range(raw)
                if extra is not None:
                    raise ValueError(f"'{raw}' is a range; '{key}' takes one time (or use 'time:')")
            except ValueError as exc:
                problems.append((key, str(exc), ""))
                continue
            if key == "start":
                start_t = clock
            else:
                end_t = clock
            if label:
                labels.append((label, key))
        if end_t is not None and start_t is None and "start" not in fields:
            problems.append((("key", "end"), "'end' without 'start'", ""))
            return None, None
    if start_t is None or day is None:
        return None, None
    if head.zone is None:
        # The meeting's timezone is wrong (reported already): still report what can be
        # checked without it, so that one run of `validate` lists every problem.
        if end_t is not None and end_t <= start_t:
            problems.append(_ends_before(fields, start_t, end_t))
        for label, key in labels:
            try:
                head.memo.label_offsets(label)
            except ValueError as exc:
                problems.append((key, str(exc), ""))
        return None, None
    time_key = "time" if "time" in fields else "start"
    start = _instant(problems, warnings, head, datetime.combine(day, start_t), time_key,
                     [lab for lab, key in labels if key != "end"])
    end = None
    if end_t is not None:
        # 'time: 01:30-03:00 EDT': the label is the start's; for the end it only chooses
        # between the two readings of a repeated time (01:30-01:45 EST: both the second).
        end = _instant(problems, warnings, head, datetime.combine(day, end_t),
                       "time" if "time" in fields else "end",
                       [lab for lab, key in labels if key == "end" or
                        (key == "time" and _fits_both(head, labels, day, end_t))])
    if start is None or (end_t is not None and end is None):
        return None, None
    if end is not None and end_t is not None and end <= start:
        problems.append(_ends_before(fields, start_t, end_t))
        return None, None
    return start, end


def _instant(problems: list[FieldProblem], warnings: list[str], head: Head, naive: datetime, key: str,
             labels: list[str]) -> datetime | None:
    """The instant of the wall-clock time ``naive`` in the meeting's zone.  A zone label
    (EST, UTC-5) must be in force then; in the hour the clocks go back it decides which of
    the two times is meant.  A time that does not exist (the clocks go forward) is a
    problem, never moved."""
    assert head.zone is not None
    exists, found = head.memo.readings(naive, head.zone)
    if not exists:
        problem, hint = gap_message(naive, head.zone)
        problems.append((key, problem, hint))
        return None
    parts: list[tuple[str, tuple[int, ...]]] = []
    for label in labels:
        try:
            parts += head.memo.label_offsets(label)
        except ValueError as exc:
            problems.append((key, str(exc), ""))
            return None
    if parts:
        fits = [r for r in found if all(_minutes(r.offset) in offs for _, offs in parts)]
        if not fits:
            before = len(problems)
            shown = " or ".join(zone_label(r.instant) for r in found)
            for part, offsets in parts:
                if any(_minutes(r.offset) in offsets for r in found):
                    continue
                said = ", ".join(format_offset(timedelta(minutes=o)) for o in offsets)
                problems.append((
                    key,
                    f"the label '{part}' means {said}, but {head.timezone} on {naive:%Y-%m-%d} at "
                    f"{timefmt.clock_text(naive)} is {shown}",
                    "fix the label or the meeting's timezone",
                ))
            if len(problems) == before:  # each part fits one of the two times, not the same
                problems.append((key, f"the labels '{' / '.join(labels)}' contradict each other "
                                      f"at {timefmt.clock_text(naive)} ({shown})", "give one label"))
            return None
        return fits[0].instant  # in the repeated hour, the label decides
    if len(found) > 1:
        first, second = found[0].instant, found[-1].instant
        warnings.append(
            f"{naive:%Y-%m-%d} {timefmt.clock_text(naive)} happens twice in {head.zone} (clocks go "
            f"back); using the first, {timefmt.clock_text(first)} {zone_label(first)}; write "
            f"'{timefmt.clock_text(naive)} "
            f"{abbreviation(second)}' for the second")
    return found[0].instant


def _fits_both(head: Head, labels: list[tuple[str, str]], day: date, clock: time) -> bool:
    """Whether the end time ``clock`` happens twice (then a range's label chooses)."""
    assert head.zone is not None
    exists, found = head.memo.readings(datetime.combine(day, clock), head.zone)
    return exists and len(found) > 1 and any(key == "time" for _, key in labels)


def _minutes(offset: timedelta) -> int:
    return int(offset.total_seconds() // 60)


def _ends_before(fields: Mapping[str, Any], start_t: time, end_t: time) -> FieldProblem:
    return ("time" if "time" in fields else "end",
            f"ends ({timefmt.clock_text(end_t)}) before or when it starts "
            f"({timefmt.clock_text(start_t)})",
            "sessions end on the day they start; check the times")
