"""Small JSON state files in the data folder, always written atomically.

- ``ics-events.json``: per UID, the hash of the event's content, its SEQUENCE and when
  the content last changed.  A re-export with changed content bumps SEQUENCE and
  LAST-MODIFIED, so calendars replace their copy; unchanged content keeps both.
- ``caldav.json``: per calendar URL, the UIDs ietfplan published there with the ETag the
  server gave and the hash of the body sent (to update, skip, or delete them later).
  No password is ever written here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from ietfplan.errors import DataError
from ietfplan.fsutil import atomic_write
from ietfplan.render.ics import Item, Revision

STATE_VERSION = 1


def _section(path: Path, key: str) -> dict[str, Any]:
    """``data[key]`` of the state file at ``path`` ({} when there is no file yet)."""
    value = _read(path).get(key, {})
    return value if isinstance(value, dict) else {}


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"version": STATE_VERSION}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(
            f"cannot read ietfplan's state file: {exc}", path=str(path),
            hint="if it is damaged, delete it: calendars may then keep stale copies of "
                 "events until they change again",
        ) from None
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise DataError(f"unexpected content in ietfplan's state file (want version {STATE_VERSION})",
                        path=str(path), hint="delete it to start over")
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    """Compact JSON: with ``indent`` the json module uses its pure-Python encoder, 0.3 s
    for the 40,000 entries of a large export."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    atomic_write(path, text + "\n", mode=0o600)


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

    @classmethod
    def load(cls, path: Path) -> EventState:
        return cls(path, _section(path, "events"))

    def revise(self, items: Iterable[Item], now: datetime) -> dict[str, Revision]:
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
            self.events[item.uid] = {"hash": item.digest, "sequence": rev.sequence,
                                     "modified": _stamp(rev.modified)}
            out[item.uid] = rev
        return out

    def save(self) -> None:
        _write(self.path, {"version": STATE_VERSION, "events": self.events})


@dataclass
class PublishState:
    """UIDs published per calendar URL: ``{url: {uid: {"etag": ..., "body": sha256}}}``."""

    path: Path
    calendars: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> PublishState:
        return cls(path, _section(path, "calendars"))

    def of(self, url: str) -> dict[str, dict[str, Any]]:
        return self.calendars.setdefault(url, {})

    def save(self) -> None:
        _write(self.path, {"version": STATE_VERSION, "calendars": self.calendars})
