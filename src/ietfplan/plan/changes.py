"""What changed between two versions of a meeting: added, removed, cancelled, moved.

Sessions are paired per group: first those at the same time in the same room, then at
the same time, then the rest in time order.  A re-import gives a paired session the
id it had before (``keep_ids``), so the user's picks keep pointing at it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ietfplan.model import Meeting, Session, session_sort_key

CHANGES = ("cancelled", "rescheduled", "moved", "status", "added", "removed", "detailed", "materials")


@dataclass(frozen=True)
class Change:
    """One session's change.  ``fields`` says what changed: 'date', 'time', 'end', 'room'.

    'moved' means a known time or room is now different; 'detailed' means the previous
    version did not give it (no time, no end or no room) and this one does.  'materials'
    means only the session's documents changed (agenda, minutes, slides): ``fields``
    then names those added, changed or removed.
    """

    change: str  # one of CHANGES
    before: Session | None
    after: Session | None
    fields: tuple[str, ...] = ()
    pick: bool = False

    @property
    def session(self) -> Session:
        session = self.after or self.before
        assert session is not None
        return session


@dataclass
class ChangeReport:
    meeting: Meeting
    previous: Meeting | None
    changes: list[Change] = field(default_factory=list)

    @property
    def picks_affected(self) -> list[Change]:
        return [c for c in self.changes if c.pick]

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)


def pair(old: Sequence[Session], new: Sequence[Session]) -> dict[int, Session]:
    """Index in ``new`` → the old session it continues (per group; see module doc)."""
    old_by_group: dict[str, list[Session]] = defaultdict(list)
    for session in sorted(old, key=session_sort_key):
        old_by_group[session.group].append(session)
    new_by_group: dict[str, list[int]] = defaultdict(list)
    for index in sorted(range(len(new)), key=lambda index: session_sort_key(new[index])):
        new_by_group[new[index].group].append(index)
    result: dict[int, Session] = {}
    keys: tuple[Callable[[Session], object], ...] = (
        lambda session: (session.date, session.start, session.room, session.kind),
        lambda session: (session.date, session.start, session.kind),
        lambda session: (session.date, session.kind),
        lambda session: session.kind,
        lambda session: None,
    )
    for group, indexes in new_by_group.items():
        free_old = list(old_by_group.get(group, ()))
        free_new = list(indexes)
        for key in keys:
            for index in list(free_new):
                key_value = key(new[index])
                match = next((o for o in free_old if key(o) == key_value), None)
                if match is not None:
                    result[index] = match
                    free_old.remove(match)
                    free_new.remove(index)
    return result


def keep_ids(old: Sequence[Session], new: Sequence[Session], number: int, *,
             reserve_unpaired: bool = False) -> list[Session]:
    """``new`` with ids: a paired session keeps its old id; others get a fresh
    ``<meeting>-<group>-<n>`` (the smallest n not taken), in time order.  With
    ``reserve_unpaired`` the ids of old sessions left unpaired are not reused (a merge
    keeps those sessions)."""
    pairs = pair(old, new)
    used: set[str] = set()
    if reserve_unpaired:
        paired = {id(o) for o in pairs.values()}
        used = {o.id for o in old if id(o) not in paired}
    out: list[Session | None] = [None] * len(new)
    for index, old_session in pairs.items():
        if old_session.id and old_session.id not in used:
            out[index] = replace(new[index], id=old_session.id)
            used.add(old_session.id)
    counters: dict[str, int] = defaultdict(int)
    for index in sorted(range(len(new)), key=lambda index: session_sort_key(new[index])):
        if out[index] is not None:
            continue
        group = new[index].group
        while True:
            counters[group] += 1
            sid = f"{number}-{group}-{counters[group]}"
            if sid not in used:
                break
        used.add(sid)
        out[index] = replace(new[index], id=sid)
    return [s for s in out if s is not None]


def diff(previous: Meeting | None, meeting: Meeting, picks: set[str] | frozenset[str] = frozenset()
         ) -> ChangeReport:
    """Changes from ``previous`` to ``meeting`` (sessions matched by id); picks first."""
    report = ChangeReport(meeting, previous)
    if previous is None:
        return report
    old = {session.id: session for session in previous.sessions}
    changes: list[Change] = []
    for session in meeting.sessions:
        before = old.pop(session.id, None)
        if before is None:
            changes.append(Change("added", None, session))
            continue
        change = _compare(before, session)
        if change is not None:
            changes.append(replace(change, pick=before.id in picks))
    changes.extend(Change("removed", session, None, pick=session.id in picks) for session in old.values())
    changes.sort(key=lambda change: (not change.pick, session_sort_key(change.session),
                                    CHANGES.index(change.change)))
    report.changes = changes
    return report


def _compare(before: Session, after: Session) -> Change | None:
    moved: list[str] = []
    detailed: list[str] = []
    end_known = not before.end_estimated and not after.end_estimated
    for name, old, new in (
        ("date", before.date, after.date),
        ("time", before.start, after.start),
        ("end", before.end if end_known else None, after.end if end_known else None),
        ("room", before.room, after.room),
    ):
        if old == new or (name == "end" and "time" in moved + detailed):
            continue
        (detailed if old in (None, "") else moved).append(name)
    if before.status != after.status:
        kind = after.status if after.status in ("cancelled", "rescheduled") else "status"
        return Change(kind, before, after, tuple(moved + detailed))
    if moved:
        return Change("moved", before, after, tuple(moved + detailed))
    if detailed:
        return Change("detailed", before, after, tuple(detailed))
    documents = changed_links(before, after) if before.links else ()
    if documents:
        return Change("materials", before, after, documents)
    return None


_DOCUMENTS = ("agenda", "minutes", "slides")


def _documents(session: Session) -> tuple[tuple[str, str], ...]:
    """The session's documents (agenda, minutes, slides), not the links that follow from
    its group and meeting (chat, notes, ...)."""
    return tuple((k, v) for k, v in session.links if k.split(" ", 1)[0] in _DOCUMENTS)


def changed_links(before: Session, after: Session) -> tuple[str, ...]:
    """Names of the documents added, changed or removed, in the order the sessions list
    them.  A previous version without any links (a source that gives none) is no change.

    A link to the same document is no change: agenda.csv, agenda.json and agenda.ics point
    at a session's agenda by different URLs (``dtlinks.same_document`` names the Datatracker
    code of each)."""
    from ietfplan.load.importers.dtlinks import same_document

    old, new = dict(_documents(before)), dict(_documents(after))
    names = [name for name, url in new.items() if name not in old or not same_document(old[name], url)]
    names += [name for name in old if name not in new]
    return tuple(names)
