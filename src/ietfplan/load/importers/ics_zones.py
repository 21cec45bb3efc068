"""What a calendar's TZID means, in this order, never guessed silently:

1. the calendar's own VTIMEZONE with that TZID (any string; its rules are used);
2. an IANA name (``Europe/Berlin``; also a "globally unique" ``/vendor/.../Europe/Berlin``);
3. a Windows zone ID (``Eastern Standard Time``) through icalendar's own Windows-to-IANA
   table (``icalendar.timezone.windows_to_olson``, from CLDR);
4. a Windows display name as Outlook/Exchange write it (``(UTC-05:00) Eastern Time (US &
   Canada)``, ``(GMT+10:00) Canberra, Melbourne, Sydney``) through ``windows_zones.py``,
   generated from CLDR's windowsZones.xml by tools/gen_windows_zones.py;
5. obsolete spellings: ``US-Eastern``, ``America_New_York``, ``posix/Europe/Vaduz``, and a
   list of cities whose IANA zones all keep the same time (``Amsterdam, Berlin, Paris``).

Steps 2-5 also give the IANA name of a VTIMEZONE-defined zone, so that the meeting's zone
can be inferred.  A TZID none of these resolve is the caller's to report.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import cache
from typing import Any

from ietfplan.zones import canonical_zone_name

_PREFIX = re.compile(r"^\(\s*(?:UTC|GMT)\s*(?:([+-])\s*(\d{1,2})(?:[:.]?(\d\d))?)?\s*\)\s*", re.I)
_SPACES = re.compile(r"\s+")
# Two dates to compare zones on: a northern and a southern summer.
_PROBES = (datetime(2024, 1, 15, 12), datetime(2024, 7, 15, 12))


@dataclass(frozen=True)
class Resolved:
    zone: tzinfo
    iana: str  # IANA name of the zone ('' when none is known, e.g. a custom VTIMEZONE)
    how: str  # how the TZID was read, for notes ('' for the calendar's VTIMEZONE or an IANA name)


class Zones:
    """The TZIDs of one VCALENDAR: its VTIMEZONE components (by TZID), then names."""

    def __init__(self, vtimezones: dict[str, Any]) -> None:
        self._vtimezones = vtimezones
        self._cache: dict[str, Resolved | None] = {}
        self.broken: dict[str, str] = {}  # TZID -> why its VTIMEZONE could not be used

    def resolve(self, tzid: str) -> Resolved | None:
        if tzid not in self._cache:
            self._cache[tzid] = self._resolve(tzid)
        return self._cache[tzid]

    def _resolve(self, tzid: str) -> Resolved | None:
        named = by_name(tzid)
        component = self._vtimezones.get(tzid) or self._vtimezones.get(_unquote(tzid))
        if component is not None:
            try:
                zone = _transitions(component)
                # A zone whose rules cannot be applied fails here rather than later.
                for probe in _PROBES:
                    probe.replace(tzinfo=zone).utcoffset()
            except Exception as exc:  # icalendar/dateutil on a broken VTIMEZONE
                self.broken[tzid] = _first_line(exc)
            else:
                return Resolved(zone, named[0] if named else "", "")
        if named is None:
            return None
        return Resolved(_zoneinfo(named[0]), named[0], named[1])


class Transitions(tzinfo):
    """A VTIMEZONE as a table of its transitions (icalendar's ``get_transitions``, the data
    its pytz provider uses), looked up by bisection.  dateutil's zone for a VTIMEZONE
    (``to_tz``) walks its rules from their DTSTART on every call: Outlook's rules start
    in 1601, and 2,000 events took 3 s.

    A wall-clock time that happens twice (clocks go back) is the first (RFC 5545 3.3.5);
    one that does not happen (clocks go forward) is read with the offset before the change.
    """

    def __init__(self, name: str, utc: list[datetime], infos: list[tuple[timedelta, timedelta, str]],
                 before: timedelta) -> None:
        self._name = name
        self._utc = utc
        self._offsets = [before] + [offset for offset, _, _ in infos]
        self._dst = [timedelta(0)] + [dst for _, dst, _ in infos]
        self._names = [name] + [label for _, _, label in infos]
        self._local = [moment + offset for moment, (offset, _, _) in zip(utc, infos, strict=True)]

    def _index(self, dt: datetime) -> int:
        wall = dt.replace(tzinfo=None)
        index = bisect_right(self._local, wall)  # transitions whose new wall clock has begun
        if index > 0 and dt.fold == 0 and wall < self._utc[index - 1] + self._offsets[index - 1]:
            index -= 1  # still before the change on the old clock: the first of two times
        return index

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else self._offsets[self._index(dt)]

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None if dt is None else self._dst[self._index(dt)]

    def tzname(self, dt: datetime | None) -> str | None:
        return self._name if dt is None else self._names[self._index(dt)]

    def fromutc(self, dt: datetime) -> datetime:
        index = bisect_right(self._utc, dt.replace(tzinfo=None))
        return (dt + self._offsets[index]).replace(tzinfo=self)

    def __repr__(self) -> str:
        return f"<VTIMEZONE {self._name!r}>"


def _transitions(component: Any) -> tzinfo:
    """The zone of a VTIMEZONE component."""
    utc, infos = component.get_transitions()
    seconds = any(sub[key].td.seconds % 60 for sub in component.subcomponents
                  for key in ("TZOFFSETFROM", "TZOFFSETTO") if key in sub)
    if not utc or seconds:  # get_transitions rounds offsets such as +023017 to minutes
        zone: tzinfo = component.to_tz(lookup_tzid=False)
        return zone
    # Before its first transition, a zone keeps its standard time (as dateutil reads it).
    before = next((offset for offset, dst, _ in infos if not dst), infos[0][0])
    return Transitions(str(component.get("TZID", "")), utc, infos, before)


def by_name(tzid: str) -> tuple[str, str] | None:
    """(IANA name, how it was found) for a TZID without looking at any VTIMEZONE."""
    return _by_name(tzid)


@cache
def _by_name(tzid: str) -> tuple[str, str] | None:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    name = _SPACES.sub(" ", _unquote(tzid)).strip()
    if not name:
        return None
    iana = _iana(name)
    if iana:
        return iana, ""
    if name.startswith("/") or name.lower().startswith(("posix/", "right/")):
        parts = name.strip("/").split("/")
        for start in range(0 if name.startswith("/") else 1, len(parts)):
            iana = _iana("/".join(parts[start:]))
            if iana:
                return iana, f"the IANA zone at the end of the TZID, {iana}"
    windows = WINDOWS_TO_OLSON.get(name)
    if windows and _iana(windows):
        return _iana(windows), f"the Windows zone '{name}', which is {_iana(windows)}"
    display = _display_name(name)
    if display is not None:
        return display
    for alias in (name.replace("-", "/"), name.replace("_", "/", 1), name.replace(" ", "_")):
        iana = _iana(alias)
        if iana:
            return iana, f"the old zone name {alias}, which is {iana}"
    return _cities(name)


def _display_name(name: str) -> tuple[str, str] | None:
    """A Windows display name, with or without its ``(UTC±hh:mm)`` prefix; also the older
    ``Pacific Time (US & Canada); Tijuana`` style, by dropping trailing parts."""
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    from ietfplan.load.importers.windows_zones import DISPLAY_NAMES

    table = _display_table(tuple(DISPLAY_NAMES))
    prefix = _PREFIX.match(name)
    offset: int | None = None
    if prefix:
        sign, hours, minutes = prefix.groups()
        offset = 0 if sign is None else (int(hours) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
        name = name[prefix.end():]
    rest = name.strip()
    while rest:
        label = table.get(_key(rest))
        if label is not None:
            windows, fallback, standard = DISPLAY_NAMES[label]
            if offset is None or offset == standard:
                iana = _iana(WINDOWS_TO_OLSON.get(windows, fallback)) or _iana(fallback)
                if iana:
                    return iana, f"the Windows zone '{label}' ({windows}), which is {iana}"
        cut = max(rest.rfind(","), rest.rfind(";"))
        rest = rest[:cut].strip() if cut > 0 else ""
    return None


def _cities(name: str) -> tuple[str, str] | None:
    """A TZID that lists cities (``Amsterdam, Belgrade, Berlin``, ``Germany/Berlin``): the
    IANA zones named after them, if all of them keep the same time all year."""
    prefix = _PREFIX.match(name)
    if prefix:
        name = name[prefix.end():]
    words = [w.strip() for w in re.split(r"[,;/]| and ", name) if w.strip()]
    by_city = _city_index()
    found = [by_city[w.replace(" ", "_").lower()] for w in words if w.replace(" ", "_").lower() in by_city]
    if not found:
        return None
    offsets = {tuple(probe.replace(tzinfo=_zoneinfo(z)).utcoffset() for probe in _PROBES) for z in found}
    if len(offsets) != 1:
        return None
    if prefix and prefix.group(1):
        sign, hours, minutes = prefix.groups()
        said = (int(hours) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
        if all(int(o.total_seconds() // 60) != said for o in next(iter(offsets)) if o is not None):
            return None
    return found[0], f"the zone of the cities it names, {found[0]}"


@cache
def _city_index() -> dict[str, str]:
    import pytz

    out: dict[str, str] = {}
    for zone in pytz.common_timezones:
        if "/" in zone:
            out.setdefault(zone.rsplit("/", 1)[1].lower(), zone)
    return out


@cache
def _display_table(labels: tuple[str, ...]) -> dict[str, str]:
    return {_key(label): label for label in labels}


def _key(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\\", "").replace(" and ", " & ")).strip().lower()


def _iana(name: str) -> str:
    canonical = canonical_zone_name(name) if name else None
    if canonical is None:
        return ""
    try:
        _zoneinfo(canonical)
    except (KeyError, ValueError, OSError):
        return ""
    return canonical


@cache
def _zoneinfo(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def _unquote(tzid: str) -> str:
    return tzid.strip().strip('"').strip()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0][:160] if text else type(exc).__name__)
