"""Time zones: IANA lookup with did-you-mean, DST-safe localisation, labels.

All zones are pytz zones, always applied through ``localize``/``normalize`` (never
``tzinfo=``, which silently gives LMT offsets such as -04:54).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import NamedTuple

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
    close = did_you_mean(name.replace(" ", "_"), names, limit=3, cutoff=0.75)
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


class Reading(NamedTuple):
    """One instant a wall-clock time may stand for: the UTC offset applied to the wall
    clock, and the instant as shown in the zone (which differs from the wall clock in the
    spring-forward gap)."""

    offset: timedelta
    instant: datetime


# pytz's transition tables stop at the end of 2037 (after its last transition pytz keeps
# that offset forever: 2040-09-01 18:00 Europe/Paris would be CET).  From here on the
# zone's ongoing rule is read by the stdlib's zoneinfo, from the POSIX TZ string at the
# end of the tzdata file, and shown with a tzinfo of the same pytz zone.  The file is
# pytz's own copy: the system's tzdata (or the tzdata package) may be another release,
# with other rules for some zones (tests/adversarial/test_time.py checks they agree).
TABLES_END = datetime(2038, 1, 1)


def _far(zone: tzinfo) -> bool:
    return hasattr(zone, "_utc_transition_times")


@cache
def _zoneinfo(name: str) -> tzinfo | None:
    """The zoneinfo zone built from pytz's copy of the tzdata file ``name``."""
    from zoneinfo import ZoneInfo

    try:
        with pytz.open_resource(name) as fh:  # type: ignore[attr-defined]
            return ZoneInfo.from_file(fh, key=name)
    except (OSError, ValueError):
        return None


def _pytz_tzinfo(zone: tzinfo, local: datetime) -> tzinfo:
    """``zone``'s tzinfo for the offset, DST and name of ``local`` (shared like pytz's own)."""
    info = (local.utcoffset(), local.dst(), local.tzname())
    table: dict[tuple[object, ...], tzinfo] = getattr(zone, "_tzinfos")  # noqa: B009
    got = table.get(info)
    if got is None:
        got = table[info] = type(zone)(info, table)  # type: ignore[call-arg]
    return got


def _ongoing(zone: tzinfo, utc: datetime) -> datetime | None:
    """The aware UTC instant ``utc`` (after TABLES_END) in pytz ``zone`` by its ongoing
    rule; None when zoneinfo does not know the zone."""
    rule = _zoneinfo(str(zone))
    if rule is None:
        return None
    local = utc.astimezone(rule)
    return local.replace(tzinfo=_pytz_tzinfo(zone, local), fold=0)


def readings(naive: datetime, zone: tzinfo) -> tuple[bool, tuple[Reading, ...]]:
    """Whether the wall-clock time ``naive`` exists in ``zone``, and the instants it may
    stand for, earliest first: one; two in the hour the clocks go back; in the
    spring-forward gap (where it does not exist) the two readings with the offsets
    before and after the change (02:30 read as EDT is 01:30 EST, read as EST 03:30 EDT).
    """
    if naive.tzinfo is not None:
        raise ValueError("readings() needs a naive datetime")
    loc = getattr(zone, "localize", None)
    exists = True
    if loc is not None and not (naive >= TABLES_END and _far(zone)):
        try:  # the usual case: the time happens once
            one = loc(naive, is_dst=None)
            return True, (Reading(one.utcoffset(), one),)
        except pytz.NonExistentTimeError:
            exists = False
        except pytz.AmbiguousTimeError:
            pass
    # The readings by the fold (PEP 495), from the same tzdata file as pytz's tables: exact
    # where pytz's is_dst cannot tell (an offset change that is not DST, as Apia in 2011).
    rule = _zoneinfo(str(zone)) if loc is not None else zone
    if rule is None:  # a pytz zone zoneinfo cannot read: pytz's is_dst readings
        assert loc is not None
        norm = zone.normalize  # type: ignore[attr-defined]
        both = [loc(naive, is_dst=flag) for flag in (True, False)]
        found = {dt.utcoffset(): Reading(dt.utcoffset(), norm(dt)) for dt in both}
        return exists, tuple(sorted(found.values(), key=lambda reading: naive - reading.offset))
    offsets: dict[timedelta, None] = {}
    for fold in (0, 1):
        off = naive.replace(tzinfo=rule, fold=fold).utcoffset()
        if off is not None:
            offsets[off] = None
    out = []
    for off in sorted(offsets, reverse=True):  # the larger offset is the earlier instant
        shown = to_zone((naive - off).replace(tzinfo=timezone.utc), zone)
        out.append(Reading(off, shown))
    exists = all(r.instant.replace(tzinfo=None) == naive for r in out)
    return exists, tuple(out)


def localize(naive: datetime, zone: tzinfo) -> tuple[datetime, str]:
    """Attach ``zone`` to a wall-clock time.  Returns (aware, warning).

    The explicit rule on DST change days: a wall-clock time that does not exist
    (the spring-forward gap) moves forward by the length of the gap; one that
    happens twice (the autumn fold) is taken at its first occurrence.  Either case
    returns a non-empty warning saying what was done.  (Meeting files and ``convert``
    refuse a time that does not exist: see ``gap_message``.)
    """
    if naive.tzinfo is not None:
        raise ValueError("localize() needs a naive datetime")
    loc = getattr(zone, "localize", None)
    if loc is None and not hasattr(zone, "key"):  # a fixed offset (datetime.timezone)
        return naive.replace(tzinfo=zone), ""
    if loc is not None and not (naive >= TABLES_END and _far(zone)):
        try:
            return loc(naive, is_dst=None), ""
        except (pytz.NonExistentTimeError, pytz.AmbiguousTimeError):
            pass
    exists, found = readings(naive, zone)
    if len(found) == 1:
        return found[0].instant, ""
    from ietfplan.timefmt import clock_text, stamp_text  # the messages show seconds typed

    if not exists:
        aware = found[-1].instant
        return aware, (
            f"{stamp_text(naive)} does not exist in {zone} (clocks go forward); "
            f"using {clock_text(aware)} {aware:%Z}"
        )
    aware = found[0].instant
    return aware, (
        f"{stamp_text(naive)} happens twice in {zone} (clocks go back); "
        f"using the first, {clock_text(aware)} {aware:%Z} ({format_offset(aware.utcoffset())})"
    )


def happens_twice(naive: datetime, zone: tzinfo) -> bool:
    """True when the wall-clock time ``naive`` happens twice in ``zone`` (clocks go back)."""
    exists, found = readings(naive, zone)
    return exists and len(found) > 1


def gap_message(naive: datetime, zone: tzinfo) -> tuple[str, str]:
    """(problem, hint) for a wall-clock time in the spring-forward gap of ``zone``."""
    from ietfplan.timefmt import clock_text, stamp_text  # the messages show seconds typed

    _, found = readings(naive, zone)
    early, late = found[0], found[-1]
    problem = (f"{stamp_text(naive)} does not exist in {zone}: the clocks go forward "
               f"from {abbreviation(early.instant)} to {abbreviation(late.instant)} that night")

    def shown(dt: datetime) -> str:
        day = "" if dt.date() == naive.date() else f" on {dt:%a} {dt.day} {dt:%b}"
        return f"{clock_text(dt)} {abbreviation(dt)}{day}"

    typed = clock_text(naive)
    hint = (f"{typed} {abbreviation(late.instant)} would be {shown(early.instant)}, "
            f"{typed} {abbreviation(early.instant)} would be {shown(late.instant)}; "
            "write the time the clocks show")
    return problem, hint


def to_zone(dt: datetime, zone: tzinfo) -> datetime:
    """The same instant shown in ``zone`` (after 2037 by the zone's ongoing rule)."""
    if dt.utcoffset() is None:
        raise ValueError("to_zone() needs an aware datetime")
    norm = getattr(zone, "normalize", None)
    if norm is None:
        return dt.astimezone(zone)
    if dt.year >= 2037 and _far(zone):
        utc = dt.astimezone(timezone.utc)
        if utc.replace(tzinfo=None) >= TABLES_END:
            far = _ongoing(zone, utc)
            if far is not None:
                return far
    return norm(dt.astimezone(zone))  # type: ignore[no-any-return]


def format_offset(offset: timedelta | None) -> str:
    """``UTC-4``, ``UTC+5:30``, ``UTC`` for zero."""
    if offset is None:
        return "UTC?"
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


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


# --- zones by what people type: 'local', cities, configured defaults ----------------------

LOCAL_WORDS = ("local", "system")
MEETING_WORDS = ("meeting",)
_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe",
            "Indian", "Pacific")

# Places people name that are not the last part of an IANA name (IETF host cities among
# them).  Several zones means the name is ambiguous and the user must choose.
EXTRA_CITIES: dict[str, tuple[str, ...]] = {
    "san francisco": ("America/Los_Angeles",), "seattle": ("America/Los_Angeles",),
    "san diego": ("America/Los_Angeles",), "philadelphia": ("America/New_York",),
    "boston": ("America/New_York",), "washington": ("America/New_York",),
    "atlanta": ("America/New_York",), "minneapolis": ("America/Chicago",),
    "dallas": ("America/Chicago",), "quebec": ("America/Toronto",),
    "ottawa": ("America/Toronto",), "yokohama": ("Asia/Tokyo",), "osaka": ("Asia/Tokyo",),
    "beijing": ("Asia/Shanghai",), "delhi": ("Asia/Kolkata",), "new delhi": ("Asia/Kolkata",),
    "mumbai": ("Asia/Kolkata",), "bangalore": ("Asia/Kolkata",), "bengaluru": ("Asia/Kolkata",),
    "munich": ("Europe/Berlin",), "frankfurt": ("Europe/Berlin",), "geneva": ("Europe/Zurich",),
    "barcelona": ("Europe/Madrid",), "milan": ("Europe/Rome",), "maastricht": ("Europe/Amsterdam",),
    "rio de janeiro": ("America/Sao_Paulo",), "canberra": ("Australia/Sydney",),
    "portland": ("America/Los_Angeles", "America/New_York"),
}  # fmt: skip


def _fold(text: str) -> str:
    """Lower case, accents removed, underscores and runs of spaces as one space."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(plain.replace("_", " ").lower().split())


@cache
def _city_table() -> dict[str, tuple[str, ...]]:
    """City → IANA zones, built on first use (not at import)."""
    common = set(pytz.common_timezones)
    found: dict[str, list[str]] = {}
    for name in pytz.all_timezones:
        if name.split("/", 1)[0] not in _REGIONS or "/" not in name:
            continue
        found.setdefault(_fold(name.rsplit("/", 1)[1]), []).append(name)
    table: dict[str, tuple[str, ...]] = {}
    for city, names in found.items():
        preferred = [n for n in names if n in common] or names
        table[city] = tuple(sorted(preferred))
    for city, extra in EXTRA_CITIES.items():
        table.setdefault(city, extra)
    return table


def city_zones(name: str) -> tuple[str, ...]:
    """The IANA zones a city name (any case, accents optional) stands for; () if unknown."""
    return _city_table().get(_fold(name), ())


def local_zone_name() -> str | None:
    """The system zone's IANA name: TZ, then /etc/localtime, then /etc/timezone."""
    import os

    tz = os.environ.get("TZ", "").strip().lstrip(":")
    if tz:
        if "zoneinfo/" in tz:
            tz = tz.split("zoneinfo/", 1)[1]
        return canonical_zone_name(tz) or tz
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            tail = target.split("zoneinfo/", 1)[1]
            name = canonical_zone_name(tail.removeprefix("posix/").removeprefix("right/"))
            if name:
                return name
        with open("/etc/timezone", encoding="utf-8") as fh:
            return canonical_zone_name(fh.read().strip())
    except OSError:
        return None


def local_zone() -> tzinfo:
    """The system zone; UsageError with a hint when it cannot be told."""
    name = local_zone_name()
    if name is None:
        raise UsageError("cannot tell this system's time zone",
                         hint="set TZ (TZ=Asia/Tokyo) or `ietfplan config set tz Asia/Tokyo`")
    if canonical_zone_name(name) is None:
        raise UsageError(f"the TZ environment variable ('{name}') is not an IANA zone name",
                         hint="set it like TZ=Asia/Tokyo, or use --tz")
    return get_zone(name)


# tzdata's zones named like an abbreviation that keep one offset all year: ``EST`` is
# UTC-5 in July too (a New York user would see every summer session an hour early).
# Refused where a user names a zone, with the zone that does what they meant.
LEGACY_FIXED = {"EST": ("America/New_York", "US/Canada Eastern"),
                "MST": ("America/Denver", "US/Canada Mountain"),
                "HST": ("Pacific/Honolulu", "Hawaii")}


def _not_a_place(text: str) -> UsageError | None:
    """The error for a typed zone that is an abbreviation, a legacy fixed-offset zone or
    a UTC offset (none of them follows a place's daylight saving time); None otherwise."""
    key = text.upper()
    if key in LEGACY_FIXED:
        place, who = LEGACY_FIXED[key]
        off = format_offset(to_zone(datetime(2020, 7, 1, tzinfo=timezone.utc),
                                    get_zone(key)).utcoffset())
        return UsageError(
            f"'{text}' is tzdata's legacy zone fixed at {off} all year (no daylight saving "
            f"time), not {who} time",
            hint=f"use {place} (the clocks there, summer and winter), or "
                 f"{_etc_name(off) or 'an Etc/GMT zone'} for {off} all year")
    meanings = abbreviation_meanings(text)
    if meanings and canonical_zone_name(text) is None:
        if len(meanings) > 1:
            return UsageError(f"'{text}' is ambiguous: it could be {describe_meanings(text)}",
                              hint="a zone abbreviation is not a zone; give the zone, e.g. "
                                   + " or ".join(zones[0] for _, _, zones in meanings))
        minutes, who, zones = meanings[0]
        return UsageError(
            f"'{text}' is a zone abbreviation ({who}, "
            f"{format_offset(timedelta(minutes=minutes))}), "
            "not a zone",
            hint=f"use {zones[0]} (its clocks summer and winter)")
    from ietfplan.timefmt import offset_label

    try:
        fixed = offset_label(text if text[:1] not in "+-" else "UTC" + text)
    except ValueError as exc:
        return UsageError(str(exc))
    if fixed is None:
        return None
    off = format_offset(timedelta(minutes=fixed))
    etc = _etc_name(off)
    return UsageError(
        f"'{text}' is a fixed UTC offset, not a zone: it ignores daylight saving time",
        hint="give the place's zone (Asia/Tokyo, America/New_York)" + (
            f", or {etc} for {off} all year (tzdata's Etc/GMT names have the sign "
            f"inverted: {etc} is {off})" if etc else ""))


def _etc_name(off: str) -> str:
    """``Etc/GMT-9`` for ``UTC+9`` (POSIX sign, inverted); '' where tzdata has none."""
    if off == "UTC":
        return "Etc/UTC"
    if ":" in off:
        return ""
    hours = int(off[3:])
    return f"Etc/GMT{-hours:+d}" if -12 <= hours <= 14 else ""


def resolve_zone(name: str) -> tzinfo:
    """A zone the user typed: IANA name, ``UTC``, ``local``, or a unique city.  Zone
    abbreviations (IST, EDT), tzdata's fixed EST/MST/HST and UTC offsets are refused
    with the zone to use instead."""
    text = name.strip()
    if not text:
        raise UsageError("no time zone given (the name is empty)",
                         hint="give a zone such as Asia/Tokyo, a city, UTC, local, or meeting")
    if text.lower() in LOCAL_WORDS:
        return local_zone()
    refused = _not_a_place(text)
    if refused is not None:
        raise refused
    if canonical_zone_name(text) is not None:
        return get_zone(text)
    zones = city_zones(text)
    if len(zones) == 1:
        return get_zone(zones[0])
    if len(zones) > 1:
        raise UsageError(f"'{name}' is ambiguous: it could be " + " or ".join(zones),
                         hint="give the IANA name, e.g. " + zones[0])
    close = zone_suggestions(text)
    for city in did_you_mean(_fold(text), _city_table(), limit=3, cutoff=0.8):
        close += [z for z in _city_table()[city] if z not in close]
    hint = ("did you mean " + " or ".join(f"'{c}'" for c in close[:4]) + "?") if close else (
        "use an IANA zone name (Asia/Tokyo), UTC, local, or a city (Tokyo, Sao Paulo)")
    raise UsageError(f"unknown time zone '{name}'", hint=hint)


def zone_name(name: str) -> str:
    """The IANA name a typed zone stands for (``Tokyo`` → ``Asia/Tokyo``); 'local' stays."""
    if name.strip().lower() in LOCAL_WORDS:
        return "local"
    return str(resolve_zone(name))


def resolve_display_zone(name: str | None) -> tzinfo | None:
    """The zone a user asked to see times in (``--tz``, the ``tz`` setting); None means
    the meeting's zone (no name, or ``meeting``).

    ``name`` may be an IANA name (any case), ``UTC``, ``local``, a unique city, or
    ``meeting``.
    """
    if name is None or name.strip().lower() in MEETING_WORDS:
        return None
    return resolve_zone(name)


# --- night hours ------------------------------------------------------------------------

Night = tuple[time, time]
DEFAULT_NIGHT: Night = (time(23, 0), time(7, 0))


def night_text(night: Night) -> str:
    return f"{night[0]:%H:%M}-{night[1]:%H:%M}"


def in_night(start: datetime, end: datetime | None, zone: tzinfo, night: Night) -> bool:
    """True when [start, end) (or the instant ``start``) touches ``night`` in ``zone``.

    Night is wall-clock time in ``zone`` and may cross midnight (23:00-07:00).
    """
    wall_from = to_zone(start, zone).replace(tzinfo=None)
    wall_to = to_zone(end, zone).replace(tzinfo=None) if end is not None else wall_from
    ns, ne = night
    if ns == ne:
        return False
    day = wall_from.date() - timedelta(days=1)
    while day <= wall_to.date():
        ws = datetime.combine(day, ns)
        we = datetime.combine(day + timedelta(days=1) if ns > ne else day, ne)
        if (ws <= wall_from < we) if wall_from == wall_to else (ws < wall_to and wall_from < we):
            return True
        day += timedelta(days=1)
    return False


def fixed_zone(minutes: int) -> tzinfo:
    """A fixed UTC offset as a pytz zone (``UTC-4`` → -240)."""
    return pytz.FixedOffset(minutes) if minutes else pytz.utc


# --- zone abbreviations in what people write ("09.30 EDT") --------------------------------

# Each abbreviation → its meanings: (offset in minutes, who uses it, zones that use it).
# More than one meaning is ambiguous and must be settled by the zone in force.
_MEANINGS: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]] = {
    "UTC": ((0, "UTC", ("UTC",)),), "Z": ((0, "UTC", ("UTC",)),),
    "GMT": ((0, "Greenwich Mean Time", ("UTC",)),),
    "WET": ((0, "Western European", ("Europe/Lisbon",)),),
    "WEST": ((60, "Western European summer", ("Europe/Lisbon",)),),
    "BST": ((60, "British Summer Time", ("Europe/London",)),
            (360, "Bangladesh", ("Asia/Dhaka",))),
    "IST": ((330, "India", ("Asia/Kolkata",)), (60, "Irish summer", ("Europe/Dublin",)),
            (120, "Israel", ("Asia/Jerusalem",))),
    "CET": ((60, "Central European", ("Europe/Paris", "Africa/Algiers")),),
    "CEST": ((120, "Central European summer", ("Europe/Paris",)),),
    "EET": ((120, "Eastern European", ("Europe/Helsinki", "Africa/Cairo")),),
    "EEST": ((180, "Eastern European summer", ("Europe/Helsinki",)),),
    "MSK": ((180, "Moscow", ("Europe/Moscow",)),),
    "EST": ((-300, "US/Canada Eastern", ("America/New_York", "America/Panama")),),
    "EDT": ((-240, "US/Canada Eastern daylight", ("America/New_York",)),),
    "CST": ((-360, "US/Canada Central", ("America/Chicago", "America/Regina")),
            (480, "China", ("Asia/Shanghai",)), (-300, "Cuba", ("America/Havana",))),
    "CDT": ((-300, "US/Canada Central daylight", ("America/Chicago",)),),
    "MST": ((-420, "US/Canada Mountain", ("America/Denver", "America/Phoenix")),),
    "MDT": ((-360, "US/Canada Mountain daylight", ("America/Denver",)),),
    "PST": ((-480, "US/Canada Pacific", ("America/Los_Angeles",)),),
    "PDT": ((-420, "US/Canada Pacific daylight", ("America/Los_Angeles",)),),
    "AKST": ((-540, "Alaska", ("America/Anchorage",)),),
    "AKDT": ((-480, "Alaska daylight", ("America/Anchorage",)),),
    "HST": ((-600, "Hawaii", ("Pacific/Honolulu",)),),
    "AST": ((-240, "Atlantic", ("America/Halifax", "America/Puerto_Rico")),
            (180, "Arabia", ("Asia/Riyadh",))),
    "ADT": ((-180, "Atlantic daylight", ("America/Halifax",)),),
    "NST": ((-210, "Newfoundland", ("America/St_Johns",)),),
    "NDT": ((-150, "Newfoundland daylight", ("America/St_Johns",)),),
    "JST": ((540, "Japan", ("Asia/Tokyo",)),), "KST": ((540, "Korea", ("Asia/Seoul",)),),
    "HKT": ((480, "Hong Kong", ("Asia/Hong_Kong",)),),
    "SGT": ((480, "Singapore", ("Asia/Singapore",)),),
    "AWST": ((480, "Australian Western", ("Australia/Perth",)),),
    "ACST": ((570, "Australian Central", ("Australia/Adelaide", "Australia/Darwin")),),
    "ACDT": ((630, "Australian Central daylight", ("Australia/Adelaide",)),),
    "AEST": ((600, "Australian Eastern", ("Australia/Sydney", "Australia/Brisbane")),),
    "AEDT": ((660, "Australian Eastern daylight", ("Australia/Sydney",)),),
    "NZST": ((720, "New Zealand", ("Pacific/Auckland",)),),
    "NZDT": ((780, "New Zealand daylight", ("Pacific/Auckland",)),),
}  # fmt: skip


def abbreviation_meanings(abbr: str) -> tuple[tuple[int, str, tuple[str, ...]], ...]:
    """The meanings of a zone abbreviation (see ``_MEANINGS``); () when unknown."""
    return _MEANINGS.get(abbr.strip().upper(), ())


def describe_meanings(abbr: str) -> str:
    """``India UTC+5:30 (Asia/Kolkata); Irish summer UTC+1 (Europe/Dublin); ...``."""
    return "; ".join(f"{who} {format_offset(timedelta(minutes=off))} ({zones[0]})"
                     for off, who, zones in abbreviation_meanings(abbr))


def known_abbreviations() -> list[str]:
    return list(_MEANINGS)


def in_force(abbr: str, instant: datetime, zones: tuple[str, ...]) -> bool:
    """Whether ``abbr`` is what one of ``zones`` shows at ``instant`` (EDT is not in force
    in December).  Zones whose tz database name is numeric (``+08``) match on offset."""
    key = abbr.strip().upper()
    if key in ("UTC", "Z", "GMT"):
        return True
    for name in zones:
        local = to_zone(instant, get_zone(name))
        shown = local.tzname() or ""
        if local.utcoffset() == instant.utcoffset() and (shown == key or not shown.isalpha()):
            return True
    return False
