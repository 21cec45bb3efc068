"""An index of meeting headers, so that a command reads only the meeting it needs.

``<cache_dir>/catalog/index.pickle`` maps each meeting file's absolute path to the file's
key and its header: number, city, country, zone, dates, session count and path.  Listing the
meetings (``ietfplan meetings``) or choosing one (``today``, ``agenda -m N``) then reads
this one small file and stats the meeting files; only a file whose key changed is parsed
again (and its header stored).  Parsed large meetings stay in their own pickle files
(load/cache.py) beside it.  Why pickle files and not one SQLite file: docs/performance.md.

A file's key is its size, mtime (ns), inode and ctime (ns), and for files under
HASH_MAX bytes (every file on Windows) a CRC-32 of their content: an edit that keeps the
size and puts the mtime back (``touch -r``) changes the ctime on POSIX systems and the
content hash of any file that is hashed (Windows reports the creation time as ctime, so
there every file is).  The index is ignored and rebuilt when it is unreadable, corrupt,
written by another ietfplan version, or not owned by the user (or writable by others); it
never turns into an error.
"""

from __future__ import annotations

import contextlib
import os
import stat
import zlib  # already imported by the floor of every command (rich)
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from ietfplan import __version__
from ietfplan.model import Meeting, MeetingFacts

# On POSIX systems the ctime is the time of the file's last change, which no one can put
# back, so only files under HASH_MAX are hashed (reading 160 of them: 3 ms).  Windows
# reports the creation time as ctime, so there every file's content is hashed, whatever
# its size (a 4.6 MB file: about 5 ms): HASH_MAX is None.
CTIME_IS_CHANGE_TIME = os.name != "nt"
HASH_MAX: int | None = 256 * 1024 if CTIME_IS_CHANGE_TIME else None
_HASH_CHUNK = 1 << 20
FORMAT = 1
FileKey = tuple[int, int, int, int, int]


class MeetingHeader(MeetingFacts):
    """What a listing of meetings shows, and what choosing one needs, without its sessions."""

    __slots__ = ("city", "country", "end", "number", "path", "sessions", "start", "timezone")

    def __init__(self, number: int, city: str, country: str, timezone: str, start: date,
                 end: date, sessions: int, path: str) -> None:
        self.number = number
        self.city = city
        self.country = country
        self.timezone = timezone  # IANA name
        self.start = start
        self.end = end
        self.sessions = sessions  # how many
        self.path = path

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingHeader:
        return cls(meeting.number, meeting.city, meeting.country, meeting.timezone,
                   meeting.start, meeting.end, len(meeting.sessions), meeting.path)

    def values(self) -> tuple[int, str, str, str, date, date, int, str]:
        return (self.number, self.city, self.country, self.timezone, self.start, self.end,
                self.sessions, self.path)


Entry = tuple[FileKey, MeetingHeader]


def file_key(path: str) -> FileKey | None:
    """The key of a meeting file as it is now; None when it is not a readable regular file."""
    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode):
            return None
        digest = -1
        if HASH_MAX is None or st.st_size < HASH_MAX:
            digest = 0
            with open(path, "rb") as fh:
                while chunk := fh.read(_HASH_CHUNK):
                    digest = zlib.crc32(chunk, digest)
    except (OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns, digest)


def catalog_folder(cache_dir: Path) -> Path:
    """Where the index and the parsed topics are kept (a folder of ietfplan's own, 0700:
    the cache folder itself may be shared with what others made there)."""
    return cache_dir / "catalog"


def _index_path(cache_dir: Path) -> Path:
    return catalog_folder(cache_dir) / "index.pickle"


def read_cache_file(path: Path) -> bytes | None:
    """The bytes of a cache file, or None: missing, unreadable, or not to be trusted
    (owned by someone else, or writable by others: it is about to be unpickled)."""
    try:
        with open(path, "rb") as fh:
            est = os.fstat(fh.fileno())
            if (hasattr(os, "getuid") and est.st_uid != os.getuid()) or est.st_mode & 0o022:
                return None
            return fh.read()
    except OSError:
        return None


def read(cache_dir: Path) -> dict[str, Entry]:
    """The stored entries by absolute path; empty when there is no usable index."""
    raw = read_cache_file(_index_path(cache_dir))
    if raw is None:
        return {}
    import pickle  # already imported by the floor (rich)

    try:
        form, version, rows = pickle.loads(raw)
        if form != FORMAT or version != __version__:
            return {}
        return {path: (tuple(key), MeetingHeader(*values))
                for path, key, values in rows}
    except Exception:  # a corrupt index, whatever the damage, is only a miss
        return {}


def write(cache_dir: Path, entries: Mapping[str, Entry]) -> None:
    """Store ``entries``; silently does nothing if the cache cannot be written."""
    import pickle

    rows = [(path, key, header.values()) for path, (key, header) in entries.items()]
    try:
        catalog_folder(cache_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
        write_cache_file(_index_path(cache_dir),
                         pickle.dumps((FORMAT, __version__, rows), protocol=pickle.HIGHEST_PROTOCOL))
    except (OSError, pickle.PicklingError):
        pass


def write_cache_file(target: Path, data: bytes) -> None:
    """``data`` into ``target`` (mode 0600) through a temp file beside it and a rename:
    a reader sees the old file or the new one, never part of one.  Not fsynced, unlike
    fsutil.atomic_write: a cache needs no durability (after a crash, an entry that does
    not read back is a miss), and two fsyncs per file made the first command after
    importing 160 meetings take 5.5 s instead of 1.8 s."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp made it 0600
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def merged(old: Mapping[str, Entry], new: Mapping[str, Entry], folders: Iterable[Path]
           ) -> dict[str, Entry]:
    """``new``, plus the old entries of files outside ``folders`` (another catalog's)."""
    roots = tuple(os.path.join(os.path.abspath(f), "") for f in folders)
    out = {path: entry for path, entry in old.items() if not path.startswith(roots)}
    out.update(new)
    return out


def same(old: Mapping[str, Entry], new: Mapping[str, Entry]) -> bool:
    """Whether two indexes hold the same keys and headers (then nothing is written)."""
    return old.keys() == new.keys() and all(
        old[p][0] == new[p][0] and old[p][1].values() == new[p][1].values() for p in new)
