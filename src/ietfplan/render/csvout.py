"""CSV output: the JSON fields as columns, one row per session, with a header row.

Lists are joined with ``; `` and links written as ``name=url``.  Cells that a
spreadsheet would run as a formula (starting with = + - @ or a tab/CR) get a
leading apostrophe; terminal escapes and bidi controls are made visible.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from ietfplan.plan.query import Listing
from ietfplan.render.fields import FIELDS
from ietfplan.render.jsonout import listing_objects
from ietfplan.safe import clean

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        text = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        text = "; ".join(f"{k}={v}" for k, v in value.items())
    else:
        text = str(value)
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return clean(text, keep_newlines=True)


def render_csv(listings: Sequence[Listing]) -> str:
    objects = listing_objects(listings)
    columns = list(FIELDS)
    if any("clashes_with" in o for o in objects):
        columns.append("clashes_with")
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for obj in objects:
        writer.writerow([cell(obj.get(c)) for c in columns])
    return buf.getvalue()


def rows_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Plain records (``meetings``, ``topics``) as CSV, the keys of the first as the header."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    columns = list(rows[0]) if rows else []
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row.get(c)) for c in columns])
    return buf.getvalue()
