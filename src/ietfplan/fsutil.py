"""Writing files so that nothing the user had is lost or half-written.

- ``atomic_write``: temp file in the same folder, fsync, rename.  A symlinked target is
  written through (the link stays a link); only a regular file or a new path is ever
  replaced: a device, FIFO, socket or folder is refused before anything is opened.
- ``locked_update``: read-modify-write under an exclusive lock, so that N processes
  changing the same file at once keep all N changes (config, state files, picks).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from ietfplan.errors import FileError

# What a path is, for messages: "cannot write /dev/null: it is a character device".
_KINDS = ((stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISDIR, "a folder"))


def kind_of(mode: int) -> str:
    """'a character device', 'a pipe (FIFO)', ... for a non-regular file's mode."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "not a regular file"


def write_target(path: str | os.PathLike[str]) -> Path:
    """The file a write to ``path`` must replace: symlinks followed (so a link stays a
    link), and FileError unless that is a regular file or a path that does not exist yet
    in an existing folder.  Nothing is opened, so a FIFO cannot block and a device
    cannot be touched."""
    given = Path(path)
    try:
        st = os.stat(given)  # follows links, /dev/stdout's too: what a write would reach
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise FileError(f"cannot write {given}: {exc.strerror or exc}") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        hint = "give a file name, e.g. -o ietf.ics" if stat.S_ISDIR(st.st_mode) else \
            "ietfplan only replaces regular files; -o - writes to standard output"
        raise FileError(f"cannot write {given}: it is {kind_of(st.st_mode)}", hint=hint)
    target = Path(os.path.realpath(given)) if given.is_symlink() else given
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileError(f"cannot write {given}: folder {folder} does not exist",
                        hint="create the folder first, or choose another path")
    return target


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes | None:
    """The bytes of the regular file at ``path`` (symlinks followed), None when there is
    none; FileError for a special file (refused before it is opened), an unreadable one,
    or one larger than ``limit`` bytes."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(st.st_mode):
        raise FileError(f"cannot read {path}: it is {kind_of(st.st_mode)}")
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise FileError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise FileError(f"{path} is larger than {limit // 1024:,} KB; not a file ietfplan wrote?")
    return data


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None,
                 durable: bool = True) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename.

    ``durable=False`` skips the two fsyncs: the write is still all-or-nothing for any
    process that is killed (the rename is atomic), only a power cut may undo it.  For
    state written after every request, with a durable write at the end.

    A symlink is written through: the file it points to is replaced, the link stays.
    Only a regular file (or a new path) is replaced; anything else is a FileError.
    On any failure the previous file (if any) is left exactly as it was, the temp
    file is removed, and a FileError says what went wrong.
    """
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        elif target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise FileError(f"cannot write {path}: {exc.strerror or exc}; the previous file is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        with contextlib.suppress(OSError):  # make the rename itself durable
            dfd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
    _remove_stale_temps(folder, target.name)


def make_durable(path: str | os.PathLike[str]) -> None:
    """fsync ``path`` and its folder: what ``atomic_write(durable=False)`` left undone.
    Nothing happens (and nothing is raised) when there is no such file."""
    folder = Path(path).parent
    for target, flags in ((path, os.O_RDONLY), (folder, os.O_RDONLY)):
        with contextlib.suppress(OSError):
            fd = os.open(target, flags)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


_HELD: dict[str, int] = {}  # folders this process holds the lock of, and how often


@contextlib.contextmanager
def locked(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Hold an exclusive lock for changing ``path`` (yields the file to write: symlinks
    followed).  The lock is taken on the real target's folder, not on the file:
    ``atomic_write`` replaces the file's inode, which a lock on it would not survive, and
    a lock file would be left lying beside the user's files.  Re-entrant within a
    process; other processes wait."""
    target = write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    key = os.path.realpath(folder)
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield target
        finally:
            _HELD[key] -= 1
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        raise FileError(f"cannot lock {folder} to change {path}: {exc.strerror or exc}") from None
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            yield target
            return
        fcntl.flock(fd, fcntl.LOCK_EX)
        _HELD[key] = 1
        try:
            yield target
        finally:
            _HELD.pop(key, None)
    finally:
        os.close(fd)  # releases the lock


MAX_LOCKED_FILE_BYTES = 64 * 1024 * 1024


def locked_update(path: str | os.PathLike[str], modify: Callable[[bytes | None], bytes | str | None],
                  *, mode: int | None = None, limit: int = MAX_LOCKED_FILE_BYTES,
                  durable: bool = True) -> bool:
    """Read-modify-write ``path`` under its lock: ``modify`` gets the current bytes (None
    when there is no file) and returns the new content, or None to leave the file as it
    is.  Returns whether the file was written.  Parallel callers are serialised, so each
    sees the others' changes and none is lost."""
    with locked(path) as target:
        old = read_regular(target, limit)
        new = modify(old)
        if new is None:
            return False
        raw = new.encode("utf-8") if isinstance(new, str) else new
        if raw == old:
            return False
        atomic_write(target, raw, mode=mode, durable=durable)
        return True


STALE_SECONDS = 3600  # a temp file this old was left by a killed write, not a running one


def _remove_stale_temps(folder: Path, name: str) -> None:
    """Remove temp files that killed writes of ``name`` left beside it (the target was
    never touched by them); recent ones may belong to a write still running."""
    import glob
    import time

    limit = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for tmp in folder.glob(f".{glob.escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if tmp.is_file() and not tmp.is_symlink() and tmp.stat().st_mtime < limit:
                    tmp.unlink()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
