"""Where ietfplan keeps things, and what time it is.

- ``IETFPLAN_HOME``: one folder for data, config and cache (overrides the XDG dirs).
- ``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME`` / ``XDG_CACHE_HOME``: the usual defaults.
- ``IETFPLAN_NOW``: the clock, as ISO 8601 with an offset (``2018-07-19T08:00-04:00``).
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from ietfplan.errors import UsageError


def _xdg(var: str, fallback: str, leaf: str) -> Path:
    home = os.environ.get("IETFPLAN_HOME")
    if home:
        return Path(home) / leaf
    base = os.environ.get(var) or str(Path.home() / fallback)
    return Path(base) / "ietfplan"


def data_dir() -> Path:
    """User data: imported meetings (``meetings/``), picks (``picks/``)."""
    return _xdg("XDG_DATA_HOME", ".local/share", "data")


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config", "config")


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache", "cache")


def user_meetings_dir() -> Path:
    return data_dir() / "meetings"


def now() -> datetime:
    """The current instant (aware), or ``IETFPLAN_NOW`` when set."""
    raw = os.environ.get("IETFPLAN_NOW", "").strip()
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
