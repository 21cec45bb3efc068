"""One error type for everything a user can get wrong, with position and hint.

Exit codes (documented in README): 2 for bad usage or bad data, 3 for I/O problems.
"""

from __future__ import annotations

from collections.abc import Sequence

EXIT_USAGE = 2
EXIT_DATA = 2
EXIT_IO = 3


class Problem:
    """A single thing that is wrong, and where.

    A plain class rather than a dataclass: this module is imported by every command,
    and nothing compares problems (start-up, issue #8).
    """

    __slots__ = ("column", "hint", "line", "message", "path")

    def __init__(self, message: str, path: str = "", line: int = 0, column: int = 0,
                 hint: str = "") -> None:
        self.message = message
        self.path = path
        self.line = line  # 1-based; 0 = unknown
        self.column = column  # 1-based; 0 = unknown
        self.hint = hint

    def __repr__(self) -> str:
        return (f"Problem(message={self.message!r}, path={self.path!r}, line={self.line!r}, "
                f"column={self.column!r}, hint={self.hint!r})")

    def location(self) -> str:
        parts = [self.path] if self.path else []
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self, context: bool = True, sources: Sources | None = None) -> str:
        """The problem as the user sees it; ``sources`` shares the source lines read for
        the file between the problems of one error (each file is read once)."""
        from ietfplan.safe import clean

        # Messages quote data and arguments ('unknown topic ...'): never let an escape
        # sequence or bidi control in them reach the terminal raw.
        loc = clean(self.location())
        message = clean(self.message)
        head = f"{loc}: error: {message}" if loc else f"error: {message}"
        lines = [head]
        if context and self.path and self.line:
            src = (sources or Sources([self])).line(self.path, self.line)
            if src is not None:
                lines.append(f"    {src}")
                if self.column:
                    lines.append("    " + _caret_pad(src, self.column) + "^")
        if self.hint:
            lines.append(f"  hint: {clean(self.hint, keep_newlines=True)}")
        return "\n".join(lines)


def _caret_pad(src: str, column: int) -> str:
    return "".join("\t" if ch == "\t" else " " for ch in src[: column - 1])


MAX_SOURCE_BYTES = 16 * 1024 * 1024  # the largest file ietfplan reads (yamlsrc.MAX_FILE_BYTES)
SHOWN_CHARS = 200


class Sources:
    """The source lines that error messages quote, read at most once per file, only up
    to the last line any problem needs, and never more than MAX_SOURCE_BYTES.  Only a
    regular file is opened: /dev/zero or a FIFO shows no source line rather than
    reading forever or blocking."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self._wanted: dict[str, int] = {}
        for problem in problems:
            if problem.path and problem.line:
                self._wanted[problem.path] = max(problem.line, self._wanted.get(problem.path, 0))
        self._lines: dict[str, list[bytes]] = {}

    def line(self, path: str, number: int) -> str | None:
        if path not in self._lines:
            self._lines[path] = _read_lines(path, max(number, self._wanted.get(path, 0)))
        lines = self._lines[path]
        if not 1 <= number <= len(lines):
            return None
        from ietfplan.safe import clean

        return clean(lines[number - 1].decode("utf-8", "replace").rstrip("\r")[:SHOWN_CHARS])


def _read_lines(path: str, last: int) -> list[bytes]:
    import os
    import stat

    try:
        with open(path, "rb", opener=_no_block_opener) as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                return []
            lines: list[bytes] = []
            budget = MAX_SOURCE_BYTES
            keep = SHOWN_CHARS * 4  # bytes of a line worth keeping (UTF-8: up to 4 a char)
            while len(lines) < last and budget > 0:
                raw = fh.readline(min(keep, budget))
                if not raw:
                    break
                budget -= len(raw)
                rest = raw
                while not rest.endswith(b"\n") and budget > 0:  # skip the rest of a long line
                    rest = fh.readline(min(65536, budget))
                    if not rest:
                        break
                    budget -= len(rest)
                lines.append(raw.rstrip(b"\n"))
            return lines
    except OSError:
        return []


def _no_block_opener(path: str, flags: int) -> int:
    """Open without waiting for a FIFO's writer (the caller then refuses it by its type)."""
    import os

    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


class IetfplanError(Exception):
    """Raised for anything the user can fix; carries one or more problems."""

    exit_code = EXIT_DATA

    def __init__(
        self,
        message: str = "",
        *,
        path: str = "",
        line: int = 0,
        column: int = 0,
        hint: str = "",
        problems: Sequence[Problem] | None = None,
        exit_code: int | None = None,
    ) -> None:
        if problems:
            self.problems = list(problems)
        else:
            self.problems = [Problem(message, path, line, column, hint)]
        if exit_code is not None:
            self.exit_code = exit_code
        super().__init__(self.problems[0].message)

    def format(self, context: bool = True) -> str:
        sources = Sources(self.problems) if context else None
        return "\n".join(p.format(context, sources) for p in self.problems)


class DataError(IetfplanError):
    """Bad content in a data file (meeting, topics, picks, config, import)."""

    exit_code = EXIT_DATA


class UsageError(IetfplanError):
    """Bad command-line arguments."""

    exit_code = EXIT_USAGE


class FileError(IetfplanError):
    """A file that cannot be read or written."""

    exit_code = EXIT_IO
