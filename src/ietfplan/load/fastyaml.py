"""A fast reader for the one plain layout that large meeting files use.

Generated and imported meeting files (``ietfplan import`` writes them, see dump.py) list
their sessions as one block of ``- key: value`` items, one value per line.  PyYAML
composes a node object for every key and value (0.41-0.47 s for 40,000 sessions); this
reads that layout with one regex match per line into plain values (0.17 s).

It accepts only a strict subset of YAML and returns None for anything else — a tab, a
comment after a value, an anchor, a multi-line or block scalar, a nested mapping other
than ``links:``, an empty or null value, a duplicate or unknown key, an escape JSON does
not share with YAML — and the caller then reads the file with PyYAML (meetingfile.py).
It never reports an error itself: every error comes from the PyYAML path, with its
position.  tests/test_fastyaml.py checks its values against PyYAML's on the same text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from functools import lru_cache

from ietfplan.load.sessionfields import LIST_FIELDS

RawValue = str | list[str] | list[tuple[str, str]]
RawSession = tuple[int, dict[str, RawValue]]  # (line of the item, its fields)

_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def _has_unusual(text: str) -> bool:
    """Characters that make this reader give up on the whole file: outside YAML's
    printable set, line breaks other than \n (\r, NEL, LS, PS), tabs, a BOM past the
    start.  ASCII text (most files) is checked by deleting the printable bytes in C
    (2 ms for 4.6 MB; a regex takes 16-30 ms)."""
    if text.isascii():
        rest = text.encode("ascii").translate(None, _PRINTABLE_ASCII)
        return rest.count(b"\n") != len(rest)
    return _unusual_pattern().search(text) is not None


@lru_cache(maxsize=1)
def _unusual_pattern() -> re.Pattern[str]:
    return re.compile(
        "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


_NULLS = frozenset(("~", "null", "Null", "NULL"))
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_STOP = re.compile(r"[:?\[\]{}#,'\"]")
_JSON_ESCAPES = re.compile(r'\\(?:["\\/bfnrt]|u(?![dD][89abAB])[0-9a-fA-F]{4})')
_LIST_KEYS = frozenset(LIST_FIELDS)
_NOT_TEXT = _LIST_KEYS | {"links"}


class _Unsupported(Exception):
    """Not the layout this reader knows: read the file with PyYAML instead."""


def split_sessions(text: str, fields: Collection[str]) -> tuple[str, list[RawSession]] | None:
    """(the text before ``sessions:``, the sessions), or None when the text is not in the
    plain layout.  ``fields`` are the keys a session may have; any other key gives None.

    The head (``meeting:`` …) is left to PyYAML: it is a few lines, and the prefix of a
    file ends where its ``sessions:`` line starts, so positions in it stay true.
    """
    if _has_unusual(text):
        return None
    at = text.find("\nsessions:\n") + 1
    if at == 0 or text.startswith("sessions:\n"):
        return None
    try:
        return text[:at], _sessions(text, at + len("sessions:\n"), text.count("\n", 0, at) + 2,
                                    frozenset(fields))
    except _Unsupported:
        return None


def _sessions(text: str, at: int, first_line: int, allowed: frozenset[str]) -> list[RawSession]:
    first = _FIRST_ITEM.match(text, at)
    if first is None:
        raise _Unsupported
    indent = len(first.group(1))
    rows = _line_pattern(indent).findall(text, at)
    if len(rows) != text.count("\n", at) + 1:
        raise _Unsupported  # some line is in no shape this reader knows
    items: list[RawSession] = []
    current: dict[str, RawValue] = {}
    links: list[tuple[str, str]] | None = None
    links_pad = ""
    for line_number, (dash, deep, key, raw) in enumerate(rows, first_line):
        if not key:
            continue  # a blank or comment line
        if deep:
            if links is None or (links and deep != links_pad):
                raise _Unsupported
            links_pad = deep
            _link(key, raw, links)
            continue
        if links is not None and not links:
            raise _Unsupported  # 'links:' with nothing under it is null, not a mapping
        links = None
        if dash:
            current = {}
            items.append((line_number, current))
        if key not in allowed or key in current:
            raise _Unsupported
        if raw[-1:] == " ":
            raw = raw.rstrip(" ")
        if not raw:
            if key != "links":
                raise _Unsupported  # null, or a nested block
            current[key] = links = []
        elif (key in _NOT_TEXT or raw[0] in _INDICATORS or raw in _NULLS or ": " in raw
              or " #" in raw or raw[-1] == ":"):
            current[key] = _special(key, raw)
        else:
            current[key] = raw
    if links is not None and not links:
        raise _Unsupported
    return items


_FIRST_ITEM = re.compile(r"(?:[ ]*(?:#[^\n]*)?\n)*( *)- ")
_NAME = r'[A-Za-z_][A-Za-z0-9_]*|"[^"\\\n]*"'


@lru_cache(maxsize=8)
def _line_pattern(indent: int) -> re.Pattern[str]:
    """One match per line: ``- key: value`` (dash), ``key: value``, a deeper
    ``name: url`` under ``links:`` (deep), or a blank or comment line (all empty)."""
    pad = " " * indent
    return re.compile(
        rf"^(?:({pad}- )|{pad}  |({pad}   +))({_NAME}):(?: +([^\n]*))?$|^ *(?:#[^\n]*)?$",
        re.M)


def _link(key: str, raw: str, links: list[tuple[str, str]]) -> None:
    name = _scalar(key)
    if any(name == seen for seen, _ in links):
        raise _Unsupported
    links.append((name, _scalar(raw.rstrip(" "))))


def _special(key: str, raw: str) -> RawValue:
    """A value that is quoted, a flow list, or something this reader gives up on."""
    if key in _LIST_KEYS:
        return _flow(raw[1:-1]) if raw[0] == "[" and raw[-1] == "]" else [_scalar(raw)]
    if key == "links":
        raise _Unsupported
    return _scalar(raw)


def _scalar(raw: str) -> str:
    """The value of a one-line scalar, quoted or plain; never empty or null."""
    first = raw[0] if raw else ""
    if first == '"':
        value = _double_quoted(raw)
    elif first == "'":
        if len(raw) < 2 or raw[-1] != "'" or "'" in raw[1:-1].replace("''", ""):
            raise _Unsupported
        value = raw[1:-1].replace("''", "'")
    elif (not first or first in _INDICATORS or raw in _NULLS or ": " in raw or " #" in raw
          or raw[-1] == ":"):
        raise _Unsupported
    else:
        value = raw
    if not value.strip():
        raise _Unsupported  # empty values and their errors are the PyYAML path's
    return value


def _double_quoted(raw: str) -> str:
    body = raw[1:-1]
    if len(raw) < 2 or raw[-1] != '"' or '"' in body.replace('\\"', ""):
        raise _Unsupported
    if "\\" not in body:
        return body
    if "\\" in _JSON_ESCAPES.sub("", body):
        raise _Unsupported  # an escape YAML reads differently from JSON (\x, \N, \ , ...)
    try:
        value: str = json.loads(raw)
    except ValueError:
        raise _Unsupported from None
    return value


def _flow(body: str) -> list[str]:
    """The items of a one-line flow list ``[a, b]`` or ``["a", "b"]``."""
    if not body.strip(" "):
        return []
    if '"' in body:
        if _QUOTED_LIST.fullmatch(body) is None:
            raise _Unsupported
        items = [_double_quoted(item) for item in _QUOTED_ITEM.findall(body)]
    else:
        items = [item.strip(" ") for item in body.split(",")]
        for item in items:
            if not item or item[0] in _INDICATORS or _FLOW_STOP.search(item) or item in _NULLS:
                raise _Unsupported
    for item in items:
        if not item.strip():
            raise _Unsupported
    return items


_QUOTED = r'"(?:[^"\\]|\\.)*"'
_QUOTED_ITEM = re.compile(_QUOTED)
_QUOTED_LIST = re.compile(rf" *{_QUOTED} *(?:, *{_QUOTED} *)*")
