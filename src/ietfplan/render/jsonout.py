"""JSON output: a list of session objects (see fields.FIELDS and README)."""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from typing import Any

from ietfplan.plan.query import Listing
from ietfplan.render.fields import session_fields

_encode_str: Callable[[str], str] = json.encoder.encode_basestring  # C when available
_BIDI = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def dumps(value: Any) -> str:
    """JSON text with non-ASCII kept readable but bidi controls escaped (still valid JSON).

    The same bytes as ``json.dumps(value, ensure_ascii=False, indent=2)``: ``indent``
    makes the json module use its pure-Python encoder (generators, a call per token);
    writing the lines here with the C string encoder is about three times faster.
    Anything but dicts with string keys, lists, tuples, strings, ints, finite floats,
    booleans and None goes to the json module.
    """
    parts: list[str] = []
    try:
        _write(value, "\n", parts)
        text = "".join(parts)
    except (_Unusual, RecursionError):
        text = json.dumps(value, ensure_ascii=False, indent=2)
    return text.translate(_BIDI)


_heads: dict[tuple[str, str, bool], str] = {}


class _Unusual(Exception):
    """A value the fast writer leaves to the json module."""


def _write(value: Any, nl: str, out: list[str]) -> None:
    """Append the indent=2 JSON of ``value``; ``nl`` is a newline and the current indent."""
    value_type = type(value)
    if value_type is str:
        out.append(_encode_str(value))
    elif value_type is dict:
        if not value:
            out.append("{}")
            return
        inner = nl + "  "
        first = True
        for key, member in value.items():
            # '{' or ',', the line break and indent, the key and ': ', made once each
            head = _heads.get((key, inner, first))
            if head is None:
                if type(key) is not str:
                    raise _Unusual
                if len(_heads) > 4096:
                    _heads.clear()
                head = _heads[(key, inner, first)] = f"{'{' if first else ','}{inner}{_encode_str(key)}: "
            out.append(head)
            first = False
            member_type = type(member)  # the common leaves here, without a call
            if member_type is str:
                out.append(_encode_str(member))
            elif member is None:
                out.append("null")
            elif member_type is bool:
                out.append("true" if member else "false")
            else:
                _write(member, inner, out)
        out.append(nl + "}")
    elif value_type is list or value_type is tuple:
        if not value:
            out.append("[]")
            return
        inner = nl + "  "
        sep = "[" + inner
        for element in value:
            out.append(sep)
            _write(element, inner, out)
            sep = "," + inner
        out.append(nl + "]")
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif value_type is int:
        out.append(int.__repr__(value))
    elif value_type is float and math.isfinite(value):
        out.append(float.__repr__(value))
    else:
        raise _Unusual


def listing_objects(listings: Sequence[Listing]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for listing in listings:
        night = listing.night
        for session in listing.sessions:
            obj = session_fields(session, listing.meeting, listing.zone, night)
            if listing.clashes_with:
                obj["clashes_with"] = listing.clashes_with.get(session.id, [])
            out.append(obj)
    return out


def render_json(listings: Sequence[Listing]) -> str:
    return dumps(listing_objects(listings)) + "\n"
