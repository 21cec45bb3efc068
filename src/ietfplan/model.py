"""The core model: meetings, sessions and topics.

Every time here is an *aware* datetime in the meeting's own zone.  A session whose
time the source does not give has ``start = None``: unknown stays unknown, and the
renderers say so.  This module imports no typer, rich, yaml or icalendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import cached_property, lru_cache

KINDS = ("session", "plenary", "break", "registration", "office-hours", "social", "other")
STATUSES = ("scheduled", "cancelled", "rescheduled", "tentative")
_Date = date  # for Session.__init__, where ``date`` is the field


@dataclass(frozen=True, init=False)
class Session:
    """One meeting slot of one group.

    ``date`` is always known (the local date in the meeting zone).  ``start`` is
    None when the source gives only the day; ``end`` is None when no end is known.
    ``end_estimated`` is True when ``end`` was derived from the meeting's
    ``default_duration`` rather than given by the source.
    """

    meeting: int
    id: str
    group: str
    date: date
    start: datetime | None = None
    end: datetime | None = None
    end_estimated: bool = False
    name: str = ""
    area: str = ""
    room: str = ""
    topics: tuple[str, ...] = ()
    drafts: tuple[str, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    note: str = ""
    source: str = ""
    kind: str = "session"
    status: str = "scheduled"
    line: int = 0  # line of the session in its source file, 0 when unknown
    bof: bool = False  # a Birds-of-a-Feather session (the Datatracker's is_bof)
    datatracker_id: str = ""  # the Datatracker's id of the session (agenda.json session_id)
    group_type: str = ""  # the Datatracker's group type: wg, rg, ag, team, ietf, ...

    def __init__(self, meeting: int, id: str, group: str, date: _Date,
                 start: datetime | None = None, end: datetime | None = None,
                 end_estimated: bool = False, name: str = "", area: str = "", room: str = "",
                 topics: tuple[str, ...] = (), drafts: tuple[str, ...] = (),
                 links: tuple[tuple[str, str], ...] = (), note: str = "", source: str = "",
                 kind: str = "session", status: str = "scheduled", line: int = 0,
                 bof: bool = False, datatracker_id: str = "", group_type: str = "") -> None:
        """The fields above, checked.  Written out rather than generated: a frozen
        dataclass sets each field with its own object.__setattr__ call, and a large
        meeting makes 40,000 sessions (0.2 s → 0.12 s; tests/test_model.py checks this
        signature against the fields)."""
        if start is not None:
            if start.utcoffset() is None:
                raise ValueError(f"session {id}: start must be an aware datetime")
            if end is not None:
                if end.utcoffset() is None:
                    raise ValueError(f"session {id}: end must be an aware datetime")
                if end < start:
                    raise ValueError(f"session {id}: end {end} is before start {start}")
        elif end is not None:
            raise ValueError(f"session {id}: an end without a start")
        object.__setattr__(self, "__dict__", {
            "meeting": meeting, "id": id, "group": group, "date": date, "start": start,
            "end": end, "end_estimated": end_estimated, "name": name, "area": area,
            "room": room, "topics": topics, "drafts": drafts, "links": links, "note": note,
            "source": source, "kind": kind, "status": status, "line": line, "bof": bof,
            "datatracker_id": datatracker_id, "group_type": group_type,
        })

    @property
    def timed(self) -> bool:
        """True when the start time is known."""
        return self.start is not None

    @property
    def link_map(self) -> dict[str, str]:
        return dict(self.links)

    @property
    def title(self) -> str:
        """``GROUP — Name`` as people write it; the acronym alone when no name is known."""
        acronym = self.group.upper()
        return f"{acronym} — {self.name}" if self.name else acronym


def prechecked_session(fields: dict[str, object]) -> Session:
    """A Session made from field values a reader has already checked (times aware, the
    end after the start), without ``__init__``, as unpickling makes one: ``fields`` maps
    every field, in the order of the class, to its value, and becomes the session's own
    ``__dict__``.  For the meeting readers and the parsed-meeting cache, which make
    40,000 sessions for a large file; everyone else calls ``Session(...)``."""
    session = object.__new__(Session)
    object.__setattr__(session, "__dict__", fields)
    return session


def session_sort_key(session: Session) -> tuple[int, int, float, str, str]:
    """Sort key usable across meetings: by UTC instant; untimed at the end of their day."""
    start = session.start
    day = session.date.toordinal()
    if start is None:
        return (day, 1, 0.0, session.group, session.id)
    return (day, 0, start.timestamp(), session.group, session.id)


class MeetingFacts:
    """What a meeting's number, city, zone name and dates give; shared by Meeting and the
    catalog's MeetingHeader (load/index.py), which has no sessions."""

    __slots__ = ()
    number: int
    city: str
    timezone: str
    start: date
    end: date

    @property
    def title(self) -> str:
        return f"IETF {self.number} {self.city}".strip()

    @property
    def tz(self) -> tzinfo:
        from ietfplan.zones import get_zone

        return get_zone(self.timezone)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Meeting(MeetingFacts):
    """One IETF meeting: where, when, in which zone, and its sessions (sorted)."""

    number: int
    city: str
    timezone: str  # IANA name
    start: date
    end: date
    sessions: tuple[Session, ...] = ()
    country: str = ""
    default_duration: timedelta | None = None
    url: str = ""
    path: str = ""  # where it was loaded from ('' when built in code)
    note: str = ""
    warnings: tuple[str, ...] = ()  # things the loader decided and wants the user to know

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"IETF {self.number}: end {self.end} is before start {self.start}")

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]

    # Indexes, each built on first use and kept (cached_property writes the instance's
    # __dict__ directly, which a frozen dataclass allows; they are not fields, so they take
    # no part in ==, replace() or the parsed-meeting cache).  A 40,000-session meeting
    # used to sort every session's group on each ``groups`` access.

    @cached_property
    def groups(self) -> tuple[str, ...]:
        """The groups that have sessions, sorted."""
        return tuple(sorted(self._by_group))

    @cached_property
    def _by_group(self) -> dict[str, tuple[Session, ...]]:
        found: dict[str, list[Session]] = {}
        for session in self.sessions:
            row = found.get(session.group)
            if row is None:
                found[session.group] = [session]
            else:
                row.append(session)
        return {group: tuple(row) for group, row in found.items()}

    @cached_property
    def _by_id(self) -> dict[str, Session]:
        found: dict[str, Session] = {}
        for session in reversed(self.sessions):  # the first of equal ids wins, as a scan would find
            found[session.id] = session
        return found

    @cached_property
    def _by_day(self) -> dict[date, tuple[Session, ...]]:
        found: dict[date, list[Session]] = {}
        for session in self.sessions:
            found.setdefault(session.date, []).append(session)
        return {day: tuple(row) for day, row in found.items()}

    def has_group(self, group: str) -> bool:
        """Whether ``group`` (lower case) has a session in this meeting."""
        return group in self._by_group

    def session(self, session_id: str) -> Session | None:
        return self._by_id.get(session_id)

    def sessions_of(self, group: str) -> list[Session]:
        """The sessions of ``group`` (any case), in time order."""
        return list(self._by_group.get(group.lower(), ()))

    def sessions_on(self, day: date) -> list[Session]:
        """The sessions whose (meeting-zone) date is ``day``, in time order."""
        return list(self._by_day.get(day, ()))


@dataclass(frozen=True)
class Topic:
    """A topic of interest (IPv6, DNSSEC, IoT, ...) and what belongs to it."""

    key: str
    title: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    description: str = ""


@dataclass(frozen=True)
class TopicIndex:
    """All topics, looked up case-insensitively by key or alias."""

    topics: tuple[Topic, ...] = ()
    _by_name: Mapping[str, Topic] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, topics: Iterable[Topic]) -> TopicIndex:
        items = tuple(topics)
        by_name: dict[str, Topic] = {}
        for topic in items:
            for name in (topic.key, *topic.aliases):
                by_name[name.lower()] = topic
        return cls(items, by_name)

    def get(self, name: str) -> Topic | None:
        return self._by_name.get(name.strip().lower())

    @property
    def names(self) -> list[str]:
        return sorted(self._by_name)

    def topics_for_group(self, group: str) -> list[str]:
        lowered = group.lower()
        return [t.key for t in self.topics if lowered in t.groups]

    def classify(self, group: str, *texts: str) -> tuple[str, ...]:
        """Topic keys for a session: by its group, then by keywords in its texts."""
        lowered = group.lower()
        found: list[str] = []
        for topic in self.topics:
            if lowered in topic.groups or any(_keyword_re(k).search(t) for k in topic.keywords for t in texts):
                found.append(topic.key)
        return tuple(found)


@lru_cache(maxsize=512)
def _keyword_re(keyword: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(keyword) + r"(?![\w-])", re.IGNORECASE)
