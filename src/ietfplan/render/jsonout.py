"""JSON output: a list of session objects (see fields.FIELDS and README)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ietfplan.plan.query import Listing
from ietfplan.render.fields import session_fields

_BIDI = {c: f"\\u{c:04x}" for c in (*range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def dumps(value: Any) -> str:
    """JSON text with non-ASCII kept readable but bidi controls escaped (still valid JSON)."""
    return json.dumps(value, ensure_ascii=False, indent=2).translate(_BIDI)


def listing_objects(listings: Sequence[Listing]) -> list[dict[str, Any]]:
    from ietfplan.zones import user_night

    night = user_night()  # once: it reads the config file's status
    out: list[dict[str, Any]] = []
    for listing in listings:
        for s in listing.sessions:
            obj = session_fields(s, listing.meeting, listing.zone, night)
            if listing.clashes_with:
                obj["clashes_with"] = listing.clashes_with.get(s.id, [])
            out.append(obj)
    return out


def render_json(listings: Sequence[Listing]) -> str:
    return dumps(listing_objects(listings)) + "\n"
