"""What time it is: the real clock, or ``IETFPLAN_NOW`` (for planning ahead, and tests)."""

from __future__ import annotations

from datetime import datetime, timezone

from ietfplan.errors import UsageError


def read_now(raw: str | None) -> datetime:
    """The current instant (aware): ``raw`` (ISO 8601 with an offset) when given, else
    the system clock."""
    raw = (raw or "").strip()
    if not raw:
        return datetime.now(timezone.utc)
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"IETFPLAN_NOW='{raw}' is not an ISO 8601 time",
            hint="write it like 2018-07-19T08:00-04:00",
        ) from None
    if value.utcoffset() is None:
        raise UsageError(
            f"IETFPLAN_NOW='{raw}' has no UTC offset",
            hint="add the offset, e.g. 2018-07-19T08:00-04:00 or 2018-07-19T12:00Z",
        )
    return value
