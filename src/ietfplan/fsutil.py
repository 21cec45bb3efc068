"""Writing files so that nothing the user had is lost or half-written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ietfplan.errors import FileError


def atomic_write(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` atomically: temp file in the same folder, fsync, rename.

    On any failure the previous file (if any) is left exactly as it was, the temp
    file is removed, and a FileError says what went wrong.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise FileError(f"cannot write {target}: folder {folder} does not exist")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
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
        raise FileError(f"cannot write {target}: {exc.strerror or exc}; the previous file is unchanged") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    _remove_stale_temps(folder, target.name)


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
