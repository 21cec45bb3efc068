"""What time it is: the real clock, or ``IETFPLAN_NOW`` (for planning ahead, and tests)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ietfplan.errors import UsageError

_EXAMPLE = "write it like 2018-07-19T08:00-04:00 or 2018-11-04T01:30-05:00[America/Montreal]"


def read_now(raw: str | None) -> datetime:
    """The current instant (aware): ``raw`` when given, else the system clock.

    ``raw`` is ISO 8601 with a UTC offset, optionally followed by an IANA zone in brackets
    (RFC 9557: ``2018-11-04T01:30-05:00[America/Montreal]``); with the zone the offset may
    be left out where the wall-clock time happens once there.  The offset is checked
    against the zone on that date: in the hour the clocks go back it says which 01:30 is
    meant, and a time that does not exist there is an error.  Years outside 1900-2200 are
    refused (timefmt.check_year).
    """
    raw = (raw or "").strip()
    if not raw:
        return datetime.now(timezone.utc)
    text, zone_name = raw, ""
    if raw.endswith("]") and "[" in raw:
        text, _, zone_name = raw[:-1].partition("[")
        zone_name = zone_name.removeprefix("!")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"IETFPLAN_NOW='{raw}' is not an ISO 8601 time", hint=_EXAMPLE) from None
    from ietfplan.timefmt import check_year

    try:
        check_year(value.year, raw)
    except ValueError as exc:
        raise UsageError(f"IETFPLAN_NOW: {exc}", hint=_EXAMPLE) from None
    if zone_name:
        return _in_zone(raw, value, zone_name)
    if value.utcoffset() is None:
        raise UsageError(
            f"IETFPLAN_NOW='{raw}' has no UTC offset",
            hint="add the offset, e.g. 2018-07-19T08:00-04:00 or 2018-07-19T12:00Z",
        )
    return value


def _in_zone(raw: str, value: datetime, zone_name: str) -> datetime:
    from ietfplan.zones import (
        abbreviation,
        format_offset,
        gap_message,
        get_zone,
        readings,
        to_zone,
        zone_label,
    )

    try:
        zone = get_zone(zone_name)
    except UsageError as exc:
        raise UsageError(f"IETFPLAN_NOW: {exc.problems[0].message}",
                         hint=exc.problems[0].hint) from None
    from ietfplan.timefmt import clock_text, stamp_text  # messages echo seconds typed

    naive = value.replace(tzinfo=None)
    exists, found = readings(naive, zone)
    if not exists:
        problem, hint = gap_message(naive, zone)
        raise UsageError(f"IETFPLAN_NOW: {problem}", hint=hint)
    offset = value.utcoffset()
    if offset is None:
        if len(found) > 1:
            raise UsageError(
                f"IETFPLAN_NOW: {stamp_text(naive)} happens twice in {zone} (clocks go back)",
                hint="add the offset: " + " or ".join(
                    f"{naive:%Y-%m-%d}T{clock_text(naive)}{_iso_offset(r.offset)}[{zone}] for "
                    f"{abbreviation(r.instant)}" for r in found))
        return found[0].instant
    fits = [r for r in found if r.offset == offset]
    if not fits:
        shown = " or ".join(zone_label(r.instant) for r in found)
        raise UsageError(
            f"IETFPLAN_NOW: {zone} on {naive:%Y-%m-%d} at {clock_text(naive)} is {shown}, "
            f"not {format_offset(offset)}",
            hint="fix the offset or the zone")
    return to_zone(value, zone)


def _iso_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
