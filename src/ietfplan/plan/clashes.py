"""Clash detection: which sessions run at the same time.

The rule, for sessions whose start is known (untimed sessions never clash):

- A session's time is ``[start, end)``.  With no end, the meeting's
  ``default_duration`` gives one (the clash is then *estimated*); with neither,
  the session is just the instant it starts.
- Two sessions clash when they start at the same instant, or when one starts
  strictly inside the other's range.  So ``end == start`` (touching) is not a
  clash, and a session with no known end clashes only with sessions starting
  at the same minute or with a known range around its start.

Seen as sets on the time line (``[s, e)`` for a range, ``{s}`` for an instant)
this is the intersection graph of intervals, so the *clash sets* are its
maximal cliques: the sessions all running at one instant.  A sweep over the
starts finds them in O(n log n + output).  Cancelled sessions, breaks and
registration are left out: nobody has to choose between them and a session.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from ietfplan.model import Meeting, Session

IGNORED_KINDS = ("break", "registration")


# The classes here are plain ones with __slots__, not dataclasses: every listing imports
# this module (clash marks), and generating the dataclass methods cost ~1.5 ms of each
# start-up (issue #8); nothing compares, hashes or copies them.


class Span:
    """When a session occupies the attendee: ``end`` is None when unknown."""

    __slots__ = ("end", "estimated", "session", "start")

    def __init__(self, session: Session, start: datetime, end: datetime | None,
                 estimated: bool) -> None:
        self.session = session
        self.start = start
        self.end = end
        self.estimated = estimated  # end from the meeting's default duration (here or by the loader)

    @property
    def reach(self) -> datetime:
        """The last instant that can clash: the end, or the start when no end is known."""
        return self.end if self.end is not None and self.end > self.start else self.start


class Clash:
    """Sessions all running at one instant (a maximal set), and what the user can do instead."""

    __slots__ = ("alternatives", "end", "estimated", "meeting", "spans", "start")

    def __init__(self, meeting: Meeting, spans: list[Span], start: datetime, end: datetime | None,
                 estimated: bool, alternatives: dict[str, list[Session]] | None = None) -> None:
        self.meeting = meeting
        self.spans = spans
        self.start = start  # when all of them are running: from the latest start ...
        self.end = end  # ... to the earliest end (None when an end is unknown)
        self.estimated = estimated  # the clash depends on an estimated end
        self.alternatives: dict[str, list[Session]] = alternatives if alternatives is not None else {}

    @property
    def sessions(self) -> list[Session]:
        return [sp.session for sp in self.spans]

    @property
    def overlap_minutes(self) -> int | None:
        if self.end is None:
            return None
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(s.group for s in self.sessions))


def span_of(session: Session, default_duration: timedelta | None = None) -> Span | None:
    """The session's clash span, or None when it cannot clash (untimed, cancelled, breaks)."""
    if session.start is None or session.status == "cancelled" or session.kind in IGNORED_KINDS:
        return None
    if session.end is not None:
        return Span(session, session.start, session.end, session.end_estimated)
    if default_duration is not None and default_duration > timedelta(0):
        return Span(session, session.start, session.start + default_duration, True)
    return Span(session, session.start, None, False)


def spans(sessions: Iterable[Session], default_duration: timedelta | None = None) -> list[Span]:
    out = [span_of(s, default_duration) for s in sessions]
    return [sp for sp in out if sp is not None]


def _key(sp: Span) -> tuple[float, float, int]:
    """(start, reach, is-instant) as numbers; an instant expires just after its start."""
    start = sp.start.timestamp()
    reach = sp.reach.timestamp()
    return start, reach, 1 if reach <= start else 0


def clash_groups(items: Sequence[Span]) -> list[tuple[list[Span], float]]:
    """The maximal sets of spans running at one instant (size >= 2), with that instant.

    Sweep the distinct start times in order, keeping the active spans in a heap
    ordered by expiry.  The active set at a start time is a clique; it is maximal
    exactly when one of its members has expired by the next start time.
    """
    keyed = sorted(((*_key(sp), i) for i, sp in enumerate(items)), key=lambda keyed_item: (keyed_item[0], keyed_item[3]))
    active: dict[int, tuple[float, float, int]] = {}
    heap: list[tuple[float, int, int]] = []  # (reach, is-instant, index)
    out: list[tuple[list[Span], float]] = []
    position = 0
    count = len(keyed)
    while position < count:
        moment = keyed[position][0]
        while position < count and keyed[position][0] == moment:
            start, reach, instant, idx = keyed[position]
            active[idx] = (start, reach, instant)
            heapq.heappush(heap, (reach, instant, idx))
            position += 1
        _expire(heap, active, moment)
        nxt = keyed[position][0] if position < count else None
        maximal = nxt is None or (heap and _expired(heap[0], nxt))
        if maximal and len(active) >= 2:
            members = sorted(active, key=lambda member: (
                items[member].start, items[member].session.group, items[member].session.id))
            out.append(([items[j] for j in members], moment))
    return out


def _expired(entry: tuple[float, int, int], moment: float) -> bool:
    """A span is no longer running at start time ``moment`` (ranges are half-open)."""
    reach, instant, _ = entry
    return moment > reach if instant else moment >= reach


def _expire(heap: list[tuple[float, int, int]], active: dict[int, tuple[float, float, int]],
            moment: float) -> None:
    while heap and _expired(heap[0], moment):
        _, _, idx = heapq.heappop(heap)
        active.pop(idx, None)


def clash_pairs(items: Sequence[Span]) -> set[frozenset[str]]:
    """Every clashing pair of session ids, from the sweep (each pair is in some clash set)."""
    pairs: set[frozenset[str]] = set()
    for members, _ in clash_groups(items):
        ids = [sp.session.id for sp in members]
        for first in range(len(ids)):
            for second in range(first + 1, len(ids)):
                pairs.add(frozenset((ids[first], ids[second])))
    return pairs


def clashes_pair(one: Span, other: Span) -> bool:
    """The clash rule for two spans, written directly (the reference for the sweep)."""
    if one.start == other.start:
        return True
    first, second = (one, other) if one.start < other.start else (other, one)
    return first.end is not None and second.start < first.end


def brute_force_pairs(items: Sequence[Span]) -> set[frozenset[str]]:
    """All pairs checked one by one: O(n²), for tests and the benchmark only."""
    pairs: set[frozenset[str]] = set()
    for index, one in enumerate(items):
        for other in items[index + 1 :]:
            if clashes_pair(one, other):
                pairs.add(frozenset((one.session.id, other.session.id)))
    return pairs


def find_clashes(meeting: Meeting, sessions: Iterable[Session]) -> list[Clash]:
    """Clash sets among ``sessions`` of ``meeting``, by time, each with its alternatives."""
    items = spans(sessions, meeting.default_duration)
    found: list[Clash] = []
    for members, _ in clash_groups(items):
        start = max(sp.start for sp in members)
        ends = [sp.end for sp in members]
        end = None if any(e is None for e in ends) else min(e for e in ends if e is not None)
        estimated = any(sp.estimated and sp.start < start for sp in members)
        clash = Clash(meeting, members, start, end, estimated)
        clash.alternatives = alternatives(meeting, clash.sessions)
        found.append(clash)
    return found


def has_clash(meeting: Meeting, sessions: Iterable[Session]) -> bool:
    """Whether any two of ``sessions`` clash (``clashes --check``): one pass over the
    starts in order, without building the clash sets."""
    keys = sorted(_key(sp)[:2] for sp in spans(sessions, meeting.default_duration))
    latest_end = float("-inf")  # the latest end of a range seen so far
    previous = None
    for start, reach in keys:
        if start == previous or start < latest_end:
            return True
        previous = start
        if reach > start:
            latest_end = max(latest_end, reach)
    return False


def alternatives(meeting: Meeting, sessions: Sequence[Session]) -> dict[str, list[Session]]:
    """For each group in ``sessions``: its other (not cancelled) sessions in the meeting."""
    taken = {s.id for s in sessions}
    out: dict[str, list[Session]] = {}
    for group in dict.fromkeys(s.group for s in sessions):
        out[group] = [s for s in meeting.sessions_of(group)
                      if s.id not in taken and s.status != "cancelled"]
    return out


def clash_map(meeting: Meeting, sessions: Sequence[Session]) -> dict[str, list[str]]:
    """Each session id → the ids it clashes with (``[]`` for none), in the order of
    ``sessions`` (time order for a listing).

    In time linear in the answer (after sorting): with the spans sorted by start, the
    sessions a span clashes with among the later ones are one run of the sorted list
    (same start, or starting before its end), found by bisection; each run is the later
    part of the span's row and, read the other way, the earlier part of the others'.
    (Collecting the clash sets' members instead did work per set: a dense slot of
    hundreds of sessions is in several overlapping sets.)
    """
    from bisect import bisect_left, bisect_right

    position = {s.id: i for i, s in enumerate(sessions)}
    keyed = sorted((_key(sp)[:2], position[sp.session.id], sp.session.id)
                   for sp in spans(sessions, meeting.default_duration))
    starts = [key[0] for key, _, _ in keyed]
    earlier: list[list[int]] = [[] for _ in keyed]
    runs: list[range] = []
    for index, ((start, reach), _, _) in enumerate(keyed):
        end = (bisect_left(starts, reach, index + 1) if reach > start
               else bisect_right(starts, start, index + 1))
        runs.append(range(index + 1, end))
        for later in runs[index]:
            earlier[later].append(index)
    ids = [sid for _, _, sid in keyed]
    in_order = all(keyed[i][1] < keyed[i + 1][1] for i in range(len(keyed) - 1))
    out: dict[str, list[str]] = {s.id: [] for s in sessions}
    for index, sid in enumerate(ids):
        row = [*earlier[index], *runs[index]]
        if not in_order:  # sessions not in time order: each row put in their order
            row.sort(key=lambda member: keyed[member][1])
        out[sid] = [ids[j] for j in row]
    return out


def clear_sessions(sessions: Sequence[Session], clashes: Sequence[Clash]) -> list[Session]:
    """Timed sessions that clash with nothing (for 'your picks that are clear')."""
    busy = {s.id for c in clashes for s in c.sessions}
    return [s for s in sessions if s.start is not None and s.id not in busy
            and s.status != "cancelled"]


class ClashReport:
    """The clashes among the sessions of one listing, and (for picks) what is clear."""

    __slots__ = ("clashes", "clear", "meeting", "picks", "title", "unchecked")

    def __init__(self, meeting: Meeting, title: str, clashes: list[Clash], clear: list[Session],
                 unchecked: list[Session], picks: bool = False) -> None:
        self.meeting = meeting
        self.title = title
        self.clashes = clashes
        self.clear = clear  # timed sessions clashing with nothing
        self.unchecked = unchecked  # sessions with no time: cannot be checked
        self.picks = picks  # the sessions are the user's picks


def report(meeting: Meeting, sessions: Sequence[Session], title: str = "",
           picks: bool = False) -> ClashReport:
    found = find_clashes(meeting, sessions)
    return ClashReport(
        meeting, title or meeting.title, found, clear_sessions(sessions, found),
        [s for s in sessions if s.start is None and s.status != "cancelled"], picks,
    )
