"""Small JSON state files in the data folder, always written atomically.

- ``ics-events.json``: per UID, the hash of the event's content, its SEQUENCE and when
  the content last changed.  A re-export with changed content bumps SEQUENCE and
  LAST-MODIFIED, so calendars replace their copy; unchanged content keeps both.
- ``caldav.json``: per calendar URL, the UIDs ietfplan published there with the ETag the
  server gave and the hash of the body sent (to update, skip, or delete them later).
  An entry is written *before* its first upload (``pending``) and again after every
  successful request, so an interrupted publish leaves nothing on the server that the
  next one does not know about.  No password is ever written here.

Both are changed read-modify-write under a lock (``fsutil.locked_update``): parallel
exports or publishes keep each other's entries.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from ietfplan.errors import DataError
from ietfplan.fsutil import locked_update
from ietfplan.render.ics import IcsEvent, Revision

STATE_VERSION = 1
DAMAGED_HINT = ("delete it to start over: calendars may then keep stale copies of events "
                "until they change again")


def _section(path: Path, key: str) -> dict[str, Any]:
    """``data[key]`` of the state file at ``path`` ({} when there is no file yet)."""
    from ietfplan.fsutil import read_regular

    section: dict[str, Any] = _parse(read_regular(path, MAX_EXPORT_STATE_BYTES), path).get(key, {})
    return section


def _parse(raw: bytes | None, path: Path) -> dict[str, Any]:
    """The state file's content, checked: DataError for anything damaged (and then
    nothing is written: the user decides what to do with the file)."""
    if raw is None:
        return {"version": STATE_VERSION}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(f"cannot read ietfplan's state file: {exc}", path=str(path),
                        hint=DAMAGED_HINT) from None
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise DataError(f"unexpected content in ietfplan's state file (want version {STATE_VERSION})",
                        path=str(path), hint=DAMAGED_HINT)
    for key, check in (("events", _check_event), ("calendars", _check_calendar)):
        section = data.get(key, {})
        if not isinstance(section, dict):
            raise DataError(f"damaged '{key}' in ietfplan's state file", path=str(path),
                            hint=DAMAGED_HINT)
        for name, value in section.items():
            problem = check(value)
            if problem:
                raise DataError(f"damaged entry for {name} in ietfplan's state file: {problem}",
                                path=str(path), hint=DAMAGED_HINT)
    return data


def _check_event(entry: Any) -> str:
    if not isinstance(entry, dict):
        return "not a mapping"
    if not isinstance(entry.get("hash"), str) or not isinstance(entry.get("sequence"), int):
        return "no hash or sequence"
    try:
        _parse_stamp(entry.get("modified"))
    except (TypeError, ValueError):
        return "bad 'modified' time"
    return ""


def _check_calendar(uids: Any) -> str:
    if not isinstance(uids, dict):
        return "not a mapping of UIDs"
    for uid, record in uids.items():
        if not isinstance(record, dict):
            return f"{uid} is not a mapping"
        for key in ("etag", "body", "content"):
            if not isinstance(record.get(key), (str, type(None))):
                return f"{uid}: '{key}' is not text"
    return ""


MAX_EXPORT_STATE_BYTES = 256 * 1024 * 1024


def _update(path: Path, key: str, change: Callable[[dict[str, Any]], None], *,
            durable: bool = True) -> None:
    """Apply ``change`` to ``data[key]`` of the file as it is now, under the file's lock.

    Compact JSON: with ``indent`` the json module uses its pure-Python encoder, 0.3 s
    for the 40,000 entries of a large export."""
    from ietfplan.errors import FileError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(f"cannot create {path.parent}: {exc.strerror or exc}") from None

    def modify(raw: bytes | None) -> str:
        data = _parse(raw, path)
        section = data.setdefault(key, {})
        change(section)
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"

    locked_update(path, modify, mode=0o600, limit=MAX_EXPORT_STATE_BYTES, durable=durable)


# Exports repeat a few timestamps over thousands of events: each is formatted and parsed once.
@lru_cache(maxsize=4096)
def _stamp(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@lru_cache(maxsize=4096)
def _parse_stamp(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


@dataclass
class EventState:
    path: Path
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> EventState:
        return cls(path, _section(path, "events"))

    def revise(self, items: Iterable[IcsEvent], now: datetime) -> dict[str, Revision]:
        """Revisions for ``items``: unchanged content keeps its SEQUENCE, changed bumps it."""
        now = now.astimezone(timezone.utc).replace(microsecond=0)
        out: dict[str, Revision] = {}
        for item in items:
            known = self.events.get(item.uid)
            try:
                if known is None:
                    rev = Revision(0, now)
                elif known["hash"] == item.digest:
                    rev = Revision(int(known["sequence"]), _parse_stamp(known["modified"]))
                else:
                    rev = Revision(int(known["sequence"]) + 1, max(now, _parse_stamp(known["modified"])))
            except (KeyError, TypeError, ValueError):
                raise DataError(f"damaged entry for {item.uid} in ietfplan's state file",
                                path=str(self.path), hint="delete the file to start over") from None
            entry = {"hash": item.digest, "sequence": rev.sequence, "modified": _stamp(rev.modified)}
            if entry != known:
                self.changed[item.uid] = entry
            self.events[item.uid] = entry
            out[item.uid] = rev
        return out

    def save(self) -> None:
        """Merge this run's changes into the file as it is now (another export may have
        added entries since it was loaded); nothing is written when nothing changed."""
        if not self.changed:
            return
        changed = dict(self.changed)
        _update(self.path, "events", lambda events: events.update(changed))
        self.changed.clear()


Record = dict[str, Any]


@dataclass
class PublishState:
    """UIDs published per calendar URL: ``{url: {uid: {"etag": ..., "body": sha256,
    "content": sha256 of the normalised event, "pending": true until the first upload
    was confirmed}}}``.  Every change is written at once (``set``/``drop``)."""

    path: Path
    calendars: dict[str, dict[str, Record]] = field(default_factory=dict)
    _unsynced: bool = False

    @classmethod
    def load(cls, path: Path) -> PublishState:
        return cls(path, _section(path, "calendars"))

    def of(self, url: str) -> dict[str, Record]:
        return self.calendars.setdefault(url, {})

    def write(self, url: str, changes: dict[str, Record | None], *, durable: bool = True) -> None:
        """Record ``changes`` (uid → entry, or None to forget the uid) for ``url``, in
        memory and in the file (merged into what other processes wrote meanwhile).
        ``durable=False``: safe against the process being killed, not against a power
        cut (see fsutil.atomic_write); end with ``sync``."""
        if not changes:
            return
        known = self.of(url)
        for uid, record in changes.items():
            if record is None:
                known.pop(uid, None)
            else:
                known[uid] = record

        def apply(calendars: dict[str, Any]) -> None:
            mine = calendars.setdefault(url, {})
            for uid, record in changes.items():
                if record is None:
                    mine.pop(uid, None)
                else:
                    mine[uid] = record
            if not mine:
                del calendars[url]

        _update(self.path, "calendars", apply, durable=durable)
        self._unsynced = self._unsynced or not durable

    def sync(self) -> None:
        """Make the writes done with ``durable=False`` durable (one fsync'd rewrite)."""
        if self._unsynced:
            from ietfplan.fsutil import make_durable

            make_durable(self.path)
            self._unsynced = False
