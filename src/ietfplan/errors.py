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

    def format(self, context: bool = True) -> str:
        from ietfplan.safe import clean

        # Messages quote data and arguments ('unknown topic ...'): never let an escape
        # sequence or bidi control in them reach the terminal raw.
        loc = clean(self.location())
        message = clean(self.message)
        head = f"{loc}: error: {message}" if loc else f"error: {message}"
        lines = [head]
        if context and self.path and self.line:
            src = _source_line(self.path, self.line)
            if src is not None:
                lines.append(f"    {src}")
                if self.column:
                    lines.append("    " + _caret_pad(src, self.column) + "^")
        if self.hint:
            lines.append(f"  hint: {clean(self.hint, keep_newlines=True)}")
        return "\n".join(lines)


def _caret_pad(src: str, column: int) -> str:
    return "".join("\t" if ch == "\t" else " " for ch in src[: column - 1])


def _source_line(path: str, line: int) -> str | None:
    try:
        with open(path, "rb") as fh:
            for i, raw in enumerate(fh, 1):
                if i == line:
                    text = raw.decode("utf-8", "replace").rstrip("\r\n")
                    from ietfplan.safe import clean

                    return clean(text[:200])
                if i > line:
                    break
    except OSError:
        return None
    return None


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
        return "\n".join(p.format(context) for p in self.problems)


class DataError(IetfplanError):
    """Bad content in a data file (meeting, topics, picks, config, import)."""

    exit_code = EXIT_DATA


class UsageError(IetfplanError):
    """Bad command-line arguments."""

    exit_code = EXIT_USAGE


class FileError(IetfplanError):
    """A file that cannot be read or written."""

    exit_code = EXIT_IO
