"""Changing settings in the config file in place, so that everything else the user wrote
(comments, blank lines, order, settings left alone) stays as it was.

This handles the simple layout that `config set` writes and the README shows: ``tz:``
and ``night:`` at the top level, ``meetings:`` with ``N:`` lines each followed by an
indented ``tz:``.  Only the lines of changed settings are replaced, removed or added.
``edit`` returns None for any other layout, and the caller (config.save_settings) also
reads the result back and writes the file afresh unless it holds exactly the settings
wanted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

_TOP = re.compile(r"(?P<key>tz|night|datatracker)\s*:(?P<rest>.*)$")
_MEETINGS = re.compile(r"meetings\s*:\s*(?:#.*)?$")
_NUMBER = re.compile(r"(?P<pad> +)(?P<number>\d+)\s*:\s*(?:#.*)?$")
_MEETING_TZ = re.compile(r"(?P<pad> +)tz\s*:(?P<rest>.*)$")
# A value (quoted or plain) and the comment after it, if any.
_VALUE_COMMENT = re.compile(
    r"""\s*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^#'"\s](?:[^#]|\S#)*?)?(?P<comment>\s+#.*)?\s*$""")

Changes = Mapping[str, "str | None"]  # setting → its new text, None to remove it


def edit(text: str, top: Changes, meetings: Mapping[int, str | None],
         quote: Callable[[str], str]) -> str | None:
    """``text`` with the ``top`` settings (``tz``, ``night``) and the ``meetings`` zones
    changed; None when the layout is not the simple one."""
    out: list[str] = []
    seen: set[str] = set()
    block: list[str] | None = None  # the lines of the 'meetings:' block, while in it
    for line in text.splitlines():
        if block is not None:
            if not line.strip() or line.startswith(" "):
                block.append(line)
                continue
            if not _close(out, block, meetings, quote):
                return None
            block = None
        top_match = _TOP.match(line)
        if top_match:
            key = top_match.group("key")
            if key in seen:
                return None
            seen.add(key)
            if key not in top:
                out.append(line)
            elif top[key] is not None:
                out.append(f"{key}: {quote(str(top[key]))}{_comment(top_match.group('rest'))}")
            continue
        if _MEETINGS.match(line):
            if "meetings" in seen:
                return None
            seen.add("meetings")
            out.append(line)
            block = []
            continue
        out.append(line)
    if block is not None and not _close(out, block, meetings, quote):
        return None
    for key in ("tz", "night", "datatracker"):
        value = top.get(key)
        if key not in seen and value is not None:
            out.append(f"{key}: {quote(value)}")
    added = {n: tz for n, tz in meetings.items() if tz is not None}
    if "meetings" not in seen and added:
        out.append("meetings:")
        out += _edit_meetings([], meetings, quote) or []
    return "\n".join(out) + "\n"


def _close(out: list[str], block: list[str], meetings: Mapping[int, str | None],
           quote: Callable[[str], str]) -> bool:
    """Add the edited 'meetings:' block to ``out`` (whose last line is 'meetings:'), and
    drop that line when no meeting is left under it; False if the block is not simple."""
    edited = _edit_meetings(block, meetings, quote)
    if edited is None:
        return False
    if not any(_NUMBER.match(line) for line in edited):
        out.pop()
    out += edited
    return True


def _edit_meetings(block: list[str], meetings: Mapping[int, str | None],
                   quote: Callable[[str], str]) -> list[str] | None:
    out: list[str] = []
    pad_number, pad_tz = "  ", "    "
    current: int | None = None
    found: set[int] = set()
    has_tz: set[int] = set()
    for line in block:
        number = _NUMBER.match(line)
        tz = _MEETING_TZ.match(line)
        if number:
            current = int(number.group("number"))
            if current in found:
                return None
            found.add(current)
            pad_number = number.group("pad")
            if meetings.get(current, "") is not None:
                out.append(line)
        elif tz and current is not None and len(tz.group("pad")) > len(pad_number):
            if current in has_tz:
                return None
            has_tz.add(current)
            pad_tz = tz.group("pad")
            if current not in meetings:
                out.append(line)
            elif meetings[current] is not None:
                out.append(f"{pad_tz}tz: {quote(str(meetings[current]))}{_comment(tz.group('rest'))}")
        elif line.strip() and not line.strip().startswith("#"):
            return None  # something this does not know under 'meetings:'
        elif current is None or meetings.get(current, "") is not None:
            out.append(line)
    if any(n in found and n not in has_tz and zone is not None for n, zone in meetings.items()):
        return None  # 'N:' without a 'tz:' line to change
    for new_number in sorted(n for n, zone in meetings.items()
                             if zone is not None and n not in found):
        out += [f"{pad_number}{new_number}:", f"{pad_tz}tz: {quote(str(meetings[new_number]))}"]
    return out


def _comment(rest: str) -> str:
    """The comment after a value (``tz: Asia/Tokyo  # home``), with its spacing."""
    match = _VALUE_COMMENT.match(rest)
    return (match.group("comment") or "") if match else ""
