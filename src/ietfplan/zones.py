"""Time zones: IANA lookup with did-you-mean, DST-safe localisation, labels.

All zones are pytz zones, always applied through ``localize``/``normalize`` (never
``tzinfo=``, which silently gives LMT offsets such as -04:54).
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from functools import cache

import pytz

from ietfplan.errors import UsageError
from ietfplan.suggest import did_you_mean


@cache
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in pytz.all_timezones}


def canonical_zone_name(name: str) -> str | None:
    """The IANA spelling of ``name`` (case-insensitive), or None if unknown."""
    return _zone_names().get(name.strip().lower())


def zone_suggestions(name: str) -> list[str]:
    names = list(_zone_names().values())
    close = did_you_mean(name.replace(" ", "_"), names, n=3, cutoff=0.75)
    if not close and "/" not in name:
        city = name.strip().replace(" ", "_").lower()
        close = [n for n in names if n.lower().endswith("/" + city)][:3]
    return close


def zone_hint(name: str) -> str:
    close = zone_suggestions(name)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "use an IANA zone name such as 'America/Montreal' or 'Europe/London'"


@cache
def get_zone(name: str) -> tzinfo:
    """The pytz zone for an IANA name; UsageError with did-you-mean if unknown."""
    canonical = canonical_zone_name(name)
    if canonical is None:
        raise UsageError(f"unknown time zone '{name}'", hint=zone_hint(name))
    return pytz.timezone(canonical)


def resolve_display_zone(name: str | None) -> tzinfo | None:
    """The zone a user asked to see times in (``--tz``); None means the meeting's zone.

    Accepts IANA names (any case) and ``UTC``.
    """
    if name is None or not name.strip():
        return None
    return get_zone(name.strip())


def localize(naive: datetime, zone: tzinfo) -> tuple[datetime, str]:
    """Attach ``zone`` to a wall-clock time.  Returns (aware, warning).

    The explicit rule on DST change days: a wall-clock time that does not exist
    (the spring-forward gap) moves forward by the length of the gap; one that
    happens twice (the autumn fold) is taken at its first occurrence.  Either case
    returns a non-empty warning saying what was done.
    """
    if naive.tzinfo is not None:
        raise ValueError("localize() needs a naive datetime")
    loc = getattr(zone, "localize", None)
    if loc is None:  # a fixed-offset or zoneinfo zone
        return naive.replace(tzinfo=zone), ""
    try:
        return loc(naive, is_dst=None), ""
    except pytz.NonExistentTimeError:
        aware = zone.normalize(loc(naive, is_dst=False))  # type: ignore[attr-defined]
        return aware, (
            f"{naive:%Y-%m-%d %H:%M} does not exist in {zone} (clocks go forward); "
            f"using {aware:%H:%M %Z}"
        )
    except pytz.AmbiguousTimeError:
        aware = loc(naive, is_dst=True)
        return aware, (
            f"{naive:%Y-%m-%d %H:%M} happens twice in {zone} (clocks go back); "
            f"using the first, {aware:%H:%M %Z} ({format_offset(aware.utcoffset())})"
        )


def to_zone(dt: datetime, zone: tzinfo) -> datetime:
    """The same instant shown in ``zone``."""
    if dt.utcoffset() is None:
        raise ValueError("to_zone() needs an aware datetime")
    converted = dt.astimezone(zone)
    norm = getattr(zone, "normalize", None)
    return norm(converted) if norm else converted


def format_offset(offset: timedelta | None) -> str:
    """``UTC-4``, ``UTC+5:30``, ``UTC`` for zero."""
    if offset is None:
        return "UTC?"
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    h, m = divmod(abs(minutes), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def abbreviation(dt: datetime) -> str:
    """The zone abbreviation in force (``EDT``), or the offset where the zone has none."""
    name = dt.tzname() or ""
    if not name or name[0] in "+-" or name.startswith(("UTC+", "UTC-", "GMT+", "GMT-")):
        return format_offset(dt.utcoffset())
    return name


def zone_label(dt: datetime) -> str:
    """``EDT (UTC-4)``; just ``UTC`` for UTC."""
    abbr = abbreviation(dt)
    off = format_offset(dt.utcoffset())
    return abbr if abbr == off else f"{abbr} ({off})"
