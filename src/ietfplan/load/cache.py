"""A cache of parsed meeting files.

Each entry is ``<cache_dir>/meetings/<checksums of the path>.pickle`` holding a key, the
parsed Meeting without its sessions, and the sessions' field values.  The key is the
file's absolute path, its key in the index (index.file_key: size, mtime (ns), inode,
ctime (ns) and, for files under index.HASH_MAX bytes (all on Windows), a CRC-32 of the
content, so an edit that keeps the size and puts the mtime back with ``touch -r`` is
noticed), the ietfplan
version and the topics (they decide each session's topics): an entry whose key differs
is stale and is replaced.  A cache file that cannot be read, does not unpickle, or is not
owned by the user (or is writable by others) is ignored and rebuilt; it never turns into
an error.  Entries are written atomically (index.write_cache_file).

Every meeting file is cached: reading an entry back is faster than parsing even a small
file (a 240-session meeting: 0.4 ms against 3.5 ms with the fast reader and 10 ms with
PyYAML), and a command whose meeting comes from the cache does not import the parsers
at all (docs/performance.md).  No hashlib here either (2.7 ms to import): entry names
are checksums of the path, and a clash of names is only a miss (the key holds the path).
"""

from __future__ import annotations

import os
import zlib
from dataclasses import fields, replace
from operator import attrgetter
from pathlib import Path
from typing import Any

from ietfplan import __version__
from ietfplan.load.gcpause import no_cyclic_gc
from ietfplan.load.index import (
    FileKey,
    catalog_folder,
    file_key,
    read_cache_file,
    write_cache_file,
)
from ietfplan.model import Meeting, Session, TopicIndex, prechecked_session

FORMAT = 5  # 2: sessions as tuples; 3: inode and ctime; 4: index.file_key; 5: columns


# Sessions are stored as columns (one list per field) of their values, not as pickled
# objects: pickling 40,000 small tuples took 0.07-0.08 s, 21 columns 0.03 s, and the
# loader shares each repeated text (load/sessionfields.py), which pickle stores once.
_FIELDS = tuple(f.name for f in fields(Session))
_values = attrgetter(*_FIELDS)


def _columns(sessions: tuple[Session, ...]) -> list[tuple[Any, ...]]:
    return list(zip(*map(_values, sessions), strict=True)) if sessions else []


def _sessions(columns: list[tuple[Any, ...]]) -> tuple[Session, ...]:
    """Sessions from stored columns, made as unpickling would (no __init__: they were
    checked when the file was read)."""
    names = _FIELDS
    if not columns:
        return ()
    if len(columns) != len(names) or len({len(column) for column in columns}) != 1:
        raise ValueError("a corrupt entry")
    return tuple(prechecked_session(dict(zip(names, row, strict=True)))
                 for row in zip(*columns, strict=True))


def _entry(cache_dir: Path, path: str) -> Path:
    raw = os.path.abspath(path).encode("utf-8", "surrogateescape")
    return cache_dir / "meetings" / f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}.pickle"


def _key(path: str, source: FileKey, topics: TopicIndex) -> tuple[Any, ...]:
    return (FORMAT, __version__, os.path.abspath(path), source, repr(topics.topics))


def get(cache_dir: Path, path: str, topics: TopicIndex, source: FileKey | None = None
        ) -> Meeting | None:
    """The cached Meeting for ``path``, or None (no entry, stale or corrupt).  ``source``:
    the file's key if the caller has just taken it (index.file_key)."""
    source = source or file_key(path)
    if source is None:
        return None
    raw = read_cache_file(_entry(cache_dir, path))
    if raw is None:
        return None
    import pickle

    try:
        with no_cyclic_gc():
            key, head, columns = pickle.loads(raw)
            if key != _key(path, source, topics) or not isinstance(head, Meeting):
                return None
            return replace(head, sessions=_sessions(columns))
    except Exception:  # a corrupt entry, whatever the damage, is only a cache miss
        return None


def put(cache_dir: Path, path: str, topics: TopicIndex, meeting: Meeting,
        source: FileKey | None = None) -> None:
    """Store ``meeting`` for ``path``; silently does nothing if the cache cannot be written.
    ``source`` is the file's key taken before it was read (else it is taken now), so that
    a file changed while it was parsed is parsed again next time."""
    source = source or file_key(path)
    if source is None:
        return
    import pickle

    entry = _entry(cache_dir, path)
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with no_cyclic_gc():
            data = pickle.dumps((_key(path, source, topics), replace(meeting, sessions=()),
                                 _columns(meeting.sessions)),
                                protocol=pickle.HIGHEST_PROTOCOL)
        write_cache_file(entry, data)
    except (OSError, pickle.PicklingError, RecursionError):
        pass


def topics_of(cache_dir: Path, path: str) -> TopicIndex:
    """The topics file at ``path``, from the cache while the file is unchanged (1.3 ms of
    every command otherwise: importing the YAML reader and parsing); DataError if it is
    wrong (never cached)."""
    import pickle

    source = file_key(path)
    folder = catalog_folder(cache_dir)
    entry = folder / f"topics-{_entry(cache_dir, path).name}"
    key = (FORMAT, __version__, os.path.abspath(path), source)
    raw = read_cache_file(entry) if source is not None else None
    if raw is not None:
        try:
            stored_key, topics = pickle.loads(raw)
            if stored_key == key and isinstance(topics, TopicIndex):
                return topics
        except Exception:  # a corrupt entry is only a miss
            pass
    from ietfplan.load.topics import load_topics

    topics = load_topics(path)
    if source is not None:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_cache_file(entry, pickle.dumps((key, topics), protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError):
            pass
    return topics
