"""Reading YAML as a node graph with positions, never trusting YAML's own typing.

Plain YAML turns ``9:30`` into 570 and ``09.30`` into 9.3; we compose the node
graph and read each scalar's source text instead.  Duplicate mapping keys are
refused (YAML would silently keep the last), and alias use is bounded.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from ietfplan.errors import DataError, FileError, Problem
from ietfplan.suggest import hint_for

MAX_FILE_BYTES = 16 * 1024 * 1024  # 40,000 sessions (more than all IETF meetings) take 4.4 MB
MAX_ALIAS_USES = 200

Node = yaml.Node
ScalarNode = yaml.ScalarNode
MappingNode = yaml.MappingNode
SequenceNode = yaml.SequenceNode

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAGS = {
    ScalarNode: "tag:yaml.org,2002:str",
    SequenceNode: "tag:yaml.org,2002:seq",
    MappingNode: "tag:yaml.org,2002:map",
}


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The C loader without implicit tag resolution.

    Tags are never used here (every value is read from its source text), and
    resolving them runs a Python regex per scalar: a third of compose's time.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        return _TAGS[kind]


def read_text(path: str) -> str:
    """Read a UTF-8 text file, with clear errors for everything that can go wrong."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise FileError(f"no such file: {path}") from None
    except PermissionError:
        raise FileError(f"permission denied: {path}") from None
    except OSError as exc:  # symlink loops, name too long, ...
        raise FileError(f"cannot open {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise FileError(f"{path} is a directory, not a file", hint="give a .yaml file inside it")
    if not stat.S_ISREG(st.st_mode):  # /dev/zero never ends, a FIFO blocks: refuse before opening
        from ietfplan.fsutil import kind_of

        raise FileError(f"{path} is {kind_of(st.st_mode)}, not a regular file",
                        hint="save the data to a file first, and give that file")
    if st.st_size > MAX_FILE_BYTES:
        raise FileError(
            f"{path} is {st.st_size // (1024 * 1024)} MB; ietfplan reads files of at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        )
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except PermissionError:
        raise FileError(f"permission denied: {path}") from None
    except OSError as exc:
        raise FileError(f"cannot read {path}: {exc.strerror or exc}") from None
    return decode(raw, path)


def decode(raw: bytes, path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _position(raw, exc.start)
        raise DataError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            path=path, line=line, column=col,
            hint="save the file as UTF-8",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        line, col = _position(raw, len(text[:nul].encode()))
        raise DataError("contains a NUL byte; is this a binary file?", path=path, line=line, column=col)
    return text


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
    return line, col


def compose(text: str, path: str) -> Node | None:
    """The YAML node graph of ``text``; syntax errors carry line and column."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"YAML syntax: {exc.problem or exc.context}"
        hint = ""
        if "\t" in text and exc.problem and "tab" in exc.problem:
            hint = "YAML does not allow tabs for indentation; use spaces"
        raise DataError(
            msg,
            path=path,
            line=mark.line + 1 if mark else 0,
            column=mark.column + 1 if mark else 0,
            hint=hint,
        ) from None
    except yaml.YAMLError as exc:
        raise DataError(f"YAML syntax: {exc}", path=path) from None
    except RecursionError:
        raise DataError("YAML nesting is too deep", path=path) from None


def where(node: Node) -> tuple[int, int]:
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


KIND_NAMES = {ScalarNode: "a single value", MappingNode: "a mapping", SequenceNode: "a list"}


@dataclass
class Reader:
    """Reads typed values out of nodes of one file, collecting every problem."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set)
    _alias_uses: int = 0

    def error(self, node: Node | None, message: str, hint: str = "") -> None:
        line, col = where(node) if node is not None else (0, 0)
        self.problems.append(Problem(message, self.path, line, col, hint))

    def raise_if_problems(self) -> None:
        if self.problems:
            raise DataError(problems=sorted(self.problems, key=lambda problem: (problem.line, problem.column)))

    def _visit(self, node: Node) -> None:
        if isinstance(node, ScalarNode):
            return
        key = id(node)
        if key in self._seen:
            self._alias_uses += 1
            if self._alias_uses > MAX_ALIAS_USES:
                self.error(node, f"too many YAML alias uses (more than {MAX_ALIAS_USES})",
                           "write the values out; large alias expansions are refused")
                self.raise_if_problems()
        else:
            self._seen.add(key)

    def document(self, text: str, what: str, allowed: tuple[str, ...], empty: str
                 ) -> tuple[Node, dict[str, tuple[ScalarNode, Node]]]:
        """The root and top-level mapping of a whole file; an empty file is the problem
        ``empty``; any problem with the top level is raised at once."""
        root = compose(text, self.path)
        if root is None:
            self.error(None, empty)
            self.raise_if_problems()
        assert root is not None
        top = self.mapping(root, what, allowed)
        self.raise_if_problems()
        assert top is not None
        return root, top

    def mapping(self, node: Node, what: str, allowed: tuple[str, ...] | None = None
                ) -> dict[str, tuple[ScalarNode, Node]] | None:
        """The entries of a mapping, keyed by key text; None (and a problem) if not one."""
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be a mapping (key: value lines), not {_kind(node)}")
            return None
        self._visit(node)
        out: dict[str, tuple[ScalarNode, Node]] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode):
                self.error(key, f"keys in {what} must be plain names")
                continue
            if key.value in out:
                first = where(out[key.value][0])[0]
                self.error(key,
                           f"duplicate key '{key.value}' in {what} (first on line {first})",
                           "YAML would silently keep only the last one; remove one of them")
                continue
            if allowed is not None and key.value not in allowed:
                self.error(key, f"unknown field '{key.value}' in {what}",
                           hint_for(key.value, allowed, "field"))
                continue
            out[key.value] = (key, value)
        return out

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list, not {_kind(node)}")
            return []
        self._visit(node)
        return list(node.value)

    def text(self, node: Node, what: str, *, allow_empty: bool = False) -> str | None:
        if not isinstance(node, ScalarNode):
            self.error(node, f"{what} must be a single value, not {_kind(node)}")
            return None
        value: str = node.value
        if not allow_empty and not value.strip() and not node.style:
            self.error(node, f"{what} is empty")
            return None
        if not node.style and value in ("~", "null", "Null", "NULL"):
            if allow_empty:
                return ""
            self.error(node, f"{what} is empty")
            return None
        return value

    def integer(self, node: Node, what: str) -> int | None:
        text = self.text(node, what)
        if text is None:
            return None
        try:
            return int(text.strip())
        except ValueError:
            self.error(node, f"{what} must be a whole number, not '{text}'")
            return None

    def text_list(self, node: Node, what: str) -> list[tuple[str, Node]]:
        """A list of single values; a lone value is accepted as a one-item list."""
        if isinstance(node, ScalarNode):
            value = self.text(node, what, allow_empty=True)
            return [(value, node)] if value else []
        out: list[tuple[str, Node]] = []
        for item in self.sequence(node, what):
            value = self.text(item, f"an item of {what}")
            if value is not None:
                out.append((value, item))
        return out


def _kind(node: Node) -> str:
    return KIND_NAMES.get(type(node), "something else")


def iter_entries(entries: dict[str, tuple[ScalarNode, Node]]) -> Iterator[tuple[str, Node]]:
    for key, (_, value) in entries.items():
        yield key, value
