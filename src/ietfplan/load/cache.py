"""A cache of parsed meeting files, for large ones (an imported 40,000-session agenda).

Each entry is ``<cache_dir>/meetings/<hash of the path>.pickle`` holding a key, the
parsed Meeting without its sessions, and the sessions' field values.  The key is the
file's absolute path, size, mtime (ns), inode and ctime (ns) (an edit that keeps the size
and puts the mtime back with ``touch -r`` still changes the ctime), the ietfplan version
and a fingerprint of the topics (they decide each session's topics): an entry whose key
differs is stale and is replaced.  A cache file that cannot be read, does not
unpickle, or is not owned by the user (or is writable by others) is ignored and rebuilt;
it never turns into an error.  Entries are written atomically.

Small files are parsed faster than an entry is read, so only files of at least
MIN_BYTES are cached (measured: docs/performance.md).
"""

from __future__ import annotations

import os
import stat
from dataclasses import fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from ietfplan import __version__
from ietfplan.load.gcpause import no_cyclic_gc
from ietfplan.model import Meeting, Session, TopicIndex

MIN_BYTES = 256 * 1024
FORMAT = 3  # 2: sessions as tuples of field values; 3: inode and ctime in the key


def _sha256(text: str) -> str:
    import hashlib  # not at start-up: small files never get this far

    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


# Sessions are stored as tuples of their field values, not as pickled objects: quicker
# both ways (40,000 sessions: 0.13 -> 0.12 s to store, 0.12 -> 0.09 s to read back).
_FIELDS = tuple(f.name for f in fields(Session))
_values = attrgetter(*_FIELDS)


def _sessions(rows: list[tuple[Any, ...]]) -> tuple[Session, ...]:
    """Sessions from stored field values, made as unpickling would (no __init__: they
    were checked when the file was read)."""
    new, set_dict, names = object.__new__, object.__setattr__, _FIELDS
    out = []
    for row in rows:
        s = new(Session)
        if len(row) != len(names):
            raise ValueError("a corrupt entry")
        set_dict(s, "__dict__", dict(zip(names, row, strict=False)))  # length checked above
        out.append(s)
    return tuple(out)


def _entry(cache_dir: Path, path: str) -> Path:
    digest = _sha256(os.path.abspath(path))
    return cache_dir / "meetings" / f"{digest[:32]}.pickle"


def _key(path: str, st: os.stat_result, topics: TopicIndex) -> tuple[Any, ...]:
    fingerprint = _sha256(repr(topics.topics))
    return (FORMAT, __version__, os.path.abspath(path), st.st_size, st.st_mtime_ns, st.st_ino,
            st.st_ctime_ns, fingerprint)


def _source_stat(path: str) -> os.stat_result | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(st.st_mode) or st.st_size < MIN_BYTES:
        return None
    return st


def get(cache_dir: Path, path: str, topics: TopicIndex) -> Meeting | None:
    """The cached Meeting for ``path``, or None (no entry, stale, corrupt, or not cached)."""
    st = _source_stat(path)
    if st is None:
        return None
    entry = _entry(cache_dir, path)
    try:
        with open(entry, "rb") as fh:
            est = os.fstat(fh.fileno())
            if (hasattr(os, "getuid") and est.st_uid != os.getuid()) or est.st_mode & 0o022:
                return None  # someone else could have written it: do not unpickle
            raw = fh.read()
    except OSError:
        return None
    import pickle

    try:
        with no_cyclic_gc():
            key, head, rows = pickle.loads(raw)
            if key != _key(path, st, topics) or not isinstance(head, Meeting):
                return None
            return replace(head, sessions=_sessions(rows))
    except Exception:  # a corrupt entry, whatever the damage, is only a cache miss
        return None


def put(cache_dir: Path, path: str, topics: TopicIndex, meeting: Meeting) -> None:
    """Store ``meeting`` for ``path``; silently does nothing if the cache cannot be written."""
    st = _source_stat(path)
    if st is None:
        return
    import pickle

    from ietfplan.errors import IetfplanError
    from ietfplan.fsutil import atomic_write

    entry = _entry(cache_dir, path)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with no_cyclic_gc():
            rows = list(map(_values, meeting.sessions))
            data = pickle.dumps((_key(path, st, topics), replace(meeting, sessions=()), rows),
                                protocol=pickle.HIGHEST_PROTOCOL)
        atomic_write(entry, data, mode=0o600)
    except (OSError, IetfplanError, pickle.PicklingError, RecursionError):
        pass
