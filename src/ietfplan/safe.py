"""Making text from data files safe to print: no terminal escapes, no bidi tricks.

Control characters (C0 except tab/newline handling, DEL, C1) and bidirectional
override/isolate characters are shown as visible ``\\x1b`` / ``\\u202e`` escapes.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)


def _escape(match: re.Match[str]) -> str:
    ch = match.group(0)
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with unsafe characters made visible; newlines/tabs become spaces unless kept."""
    if not keep_newlines:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    elif "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\\r")
    return _UNSAFE.sub(_escape, text)
