"""Choosing sessions: filters (topic, group, area, room, text) and days (WHEN)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta, tzinfo

from ietfplan import timefmt
from ietfplan.errors import UsageError
from ietfplan.model import Meeting, Session, TopicIndex
from ietfplan.suggest import hint_for
from ietfplan.zones import to_zone

WHEN_WORDS = ("today", "tomorrow", "yesterday")


class Filters:
    """What the user asked for; every field empty means 'everything'.

    Within one field the values are alternatives (OR); different fields combine (AND).
    A plain class, not a dataclass: generating the dataclass methods was ~0.6 ms of
    every listing's start-up (issue #8), and nothing compares or copies filters.
    """

    __slots__ = ("areas", "day", "day_zone", "groups", "kinds", "rooms", "search", "topics")

    def __init__(self, topics: tuple[str, ...] = (), groups: tuple[str, ...] = (),
                 areas: tuple[str, ...] = (), rooms: tuple[str, ...] = (), search: str = "",
                 day: date | None = None, day_zone: tzinfo | None = None,
                 kinds: tuple[str, ...] = ()) -> None:
        self.topics = topics  # topic keys (already resolved)
        self.groups = groups  # lower-case acronyms
        self.areas = areas
        self.rooms = rooms  # case-insensitive substrings
        self.search = search  # case-insensitive substring of group, name, note, drafts
        self.day = day
        self.day_zone = day_zone  # the zone 'day' is in; None = the meeting's zone
        self.kinds = kinds  # session kinds (model.KINDS)

    def matches(self, session: Session) -> bool:
        if self.topics and not any(t in session.topics for t in self.topics):
            return False
        if self.groups and session.group not in self.groups:
            return False
        if self.kinds and session.kind not in self.kinds:
            return False
        if self.areas and session.area not in self.areas:
            return False
        if self.rooms and not any(r in session.room.lower() for r in self.rooms):
            return False
        if self.search and not _contains(session, self.search.lower()):
            return False
        return self.day is None or session_day(session, self.day_zone) == self.day


def _contains(session: Session, needle: str) -> bool:
    hay = (session.group, session.name, session.note, session.room, *session.drafts)
    return any(needle in h.lower() for h in hay)


def session_day(session: Session, zone: tzinfo | None) -> date:
    """The session's date as seen in ``zone`` (its own date when untimed or zone is None)."""
    if zone is None or session.start is None:
        return session.date
    return to_zone(session.start, zone).date()


def select(meeting: Meeting, filters: Filters) -> list[Session]:
    """The sessions of ``meeting`` that ``filters`` match, in time order; a single group,
    or a day in the meeting's own zone, is looked up in the meeting's indexes."""
    pool: Sequence[Session] = meeting.sessions
    if len(filters.groups) == 1:
        pool = meeting.sessions_of(filters.groups[0])
    elif filters.day is not None and filters.day_zone is None:
        pool = meeting.sessions_on(filters.day)
    return [s for s in pool if filters.matches(s)]


def resolve_topics(names: Iterable[str], index: TopicIndex) -> tuple[str, ...]:
    """Topic names or aliases (any case) → topic keys; did-you-mean for unknown ones."""
    keys: list[str] = []
    for name in names:
        topic = index.get(name)
        if topic is None:
            listing = ", ".join(t.key for t in index.topics)
            close = hint_for(name, index.names, "topic")
            hint = f"{close} " if close.startswith("did") else ""
            raise UsageError(f"unknown topic '{name}'", hint=f"{hint}topics: {listing}")
        if topic.key not in keys:
            keys.append(topic.key)
    return tuple(keys)


def resolve_areas(names: Iterable[str], meetings: Sequence[Meeting]) -> tuple[str, ...]:
    """Area names (any case) → lower case; did-you-mean against the meetings' areas."""
    out = [name.strip().lower() for name in names]
    if not out:
        return ()
    known = {s.area for m in meetings for s in m.sessions if s.area}
    for area in out:
        if area not in known:
            where = " or ".join(m.title for m in meetings)
            close = hint_for(area, sorted(known), "area")
            listing = "areas: " + ", ".join(sorted(known)) if known else "no session has an area"
            hint = f"{close} ({listing})" if close.startswith("did") else listing
            raise UsageError(f"no area '{area}' in {where}", hint=hint)
    return tuple(out)


def resolve_groups(names: Iterable[str], meetings: Sequence[Meeting]) -> tuple[str, ...]:
    """Group acronyms (any case) → lower case; did-you-mean against the meetings' groups."""
    given = list(names)
    out = [name.strip().lower() for name in given]
    if not out:
        return ()  # most queries: no need to gather the groups of every session
    known = {s.group for m in meetings for s in m.sessions}
    for name, group in zip(given, out, strict=True):
        if group not in known:
            where = " or ".join(m.title for m in meetings)
            raise UsageError(f"no group '{name}' in {where}",
                             hint=hint_for(group, sorted(known), "group"))
    return tuple(out)


def resolve_when(when: str | None, meeting: Meeting, now: datetime, zone: tzinfo | None = None
                 ) -> date | None:
    """WHEN → a date in ``zone`` (default: the meeting's zone), or None for 'whole meeting'.

    Accepts today, tomorrow, yesterday, a weekday (the one inside the meeting),
    an ISO date, and ``+Nd``/``Nd`` (in N days) or ``-Nd``.
    """
    if when is None or not when.strip() or when.strip().lower() in ("all", "week"):
        return None
    word = when.strip().lower()
    today = to_zone(now, zone or meeting.tz).date()
    offsets = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if word in offsets:
        return today + timedelta(days=offsets[word])
    match = re.fullmatch(r"([+-]?)(\d{1,3})d", word)
    if match:
        days = int(match.group(2))
        return today + timedelta(days=-days if match.group(1) == "-" else days)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", word):
        try:
            return timefmt.parse_iso_date(word)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    try:
        weekday = timefmt.parse_weekday(word)
    except ValueError:
        choices = [*WHEN_WORDS, *timefmt.WEEKDAY_NAMES]
        raise UsageError(
            f"'{when}' is not a day",
            hint=hint_for(word, choices) or
            "use today, tomorrow, yesterday, a weekday (wed), a date (2018-07-18) or 2d",
        ) from None
    for day in meeting.days:
        if day.weekday() == weekday:
            return day
    raise UsageError(f"{meeting.title} ({meeting.start} to {meeting.end}) has no {word}")


def resolve_kinds(names: Iterable[str]) -> tuple[str, ...]:
    """``--kind`` values → kinds (``all`` for every kind); did-you-mean for unknown ones."""
    from ietfplan.model import KINDS

    kinds: list[str] = []
    for name in names:
        word = name.strip().lower()
        if word == "all":
            return KINDS
        if word not in KINDS:
            raise UsageError(f"unknown kind '{name}'", hint=hint_for(word, (*KINDS, "all"), "kind"))
        if word not in kinds:
            kinds.append(word)
    return tuple(kinds)
