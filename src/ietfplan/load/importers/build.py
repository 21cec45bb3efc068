"""Items of a Draft → sessions of one meeting: zone, local dates, plausibility.

The same checks for every format: times converted to (or read in) the meeting's zone,
zone labels checked, ends past midnight dropped (with a note; meeting files say
"sessions end on the day they start"), exact duplicates dropped, and dates that no
meeting could have refused with their position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from ietfplan import timefmt
from ietfplan.errors import Problem, UsageError
from ietfplan.load.importers.common import Draft, SourceEntry, raise_problems
from ietfplan.load.sessionfields import line_problem, uri_problem
from ietfplan.model import Meeting, Session
from ietfplan.zones import format_offset, get_zone, localize, to_zone, zone_label

FIRST_IETF_YEAR = 1986
MAX_DAYS_FROM_MIDDLE = 15  # an IETF meeting is a week; its agenda spans at most about that


@dataclass
class MeetingInfo:
    """What is known about the meeting apart from its sessions."""

    number: int
    timezone: str
    city: str = ""
    country: str = ""
    url: str = ""
    note: str = ""
    warnings: list[str] = field(default_factory=list)


def meeting_info(draft: Draft, number: int, *, timezone: str | None, city: str | None,
                 known: Meeting | None, url: str = "") -> MeetingInfo:
    """Zone, city and country: the user's options, then the source, then a known meeting."""
    warnings: list[str] = []
    zone = (timezone or "").strip() or draft.timezone or (known.timezone if known else "")
    if not zone:
        zone = _zone_from_labels(draft)
        if zone:
            warnings.append(f"the source gives only UTC offsets; using the fixed zone {zone}. "
                            "Give --timezone (e.g. America/Montreal) to follow daylight saving time")
    if not zone:
        raise UsageError(
            f"{draft.origin} does not say which time zone IETF {number} is in",
            hint="give it with --timezone, e.g. --timezone America/Montreal",
        )
    zone = str(get_zone(zone))
    city = (city or "").strip() or (known.city if known else "") or draft.city
    bad = line_problem(city)
    if bad:  # it would head every listing and name every calendar
        from ietfplan.safe import clean

        raise UsageError(f"the city '{clean(city)}' {bad}", hint="give the city with --city")
    return MeetingInfo(
        number=number,
        timezone=zone,
        city=city,
        country=draft.country or (known.country if known else ""),
        url=url or (known.url if known else ""),
        warnings=warnings,
    )


def _zone_from_labels(draft: Draft) -> str:
    """A fixed-offset IANA zone (Etc/GMT+4 for UTC-4) when every label says one offset."""
    offsets: set[int] = set()
    for item in draft.items:
        if not item.label:
            continue
        try:
            parts = timefmt.label_offsets(item.label)
        except ValueError:
            return ""
        common = set.intersection(*(set(o) for _, o in parts))
        if len(common) != 1:
            return ""
        offsets |= common
    if len(offsets) != 1:
        return ""
    minutes = offsets.pop()
    if minutes % 60:
        return ""
    hours = minutes // 60
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def build_sessions(draft: Draft, info: MeetingInfo, today: date) -> tuple[list[Session], list[str]]:
    """Sessions (without ids) in the meeting's zone, and warnings for the user."""
    zone = get_zone(info.timezone)
    problems: list[Problem] = []
    warnings = list(draft.warnings) + info.warnings
    sessions: list[Session] = []
    seen: set[tuple[object, ...]] = set()
    cache: dict[datetime, datetime] = {}
    for item in draft.items:
        session = _session(item, info, zone, draft.origin, problems, warnings, cache)
        if session is None:
            continue
        key = (session.group, session.date, session.start, session.end, session.room, session.name)
        if key in seen:
            warnings.append(f"{_where(draft.origin, item)}: {session.group} on {session.date} is listed "
                            "twice; kept once")
            continue
        seen.add(key)
        sessions.append(session)
    raise_problems(problems)
    problems = _implausible(sessions, draft.origin, today)
    raise_problems(problems)
    if not sessions:
        raise UsageError(f"{draft.origin}: no sessions found to import")
    return sessions, warnings


def _session(item: SourceEntry, info: MeetingInfo, zone: tzinfo, origin: str, problems: list[Problem],
             warnings: list[str], cache: dict[datetime, datetime]) -> Session | None:
    start = end = None
    notes = [item.note] if item.note else []
    if item.start is not None:
        start = _local(item.start, zone, item, origin, warnings, cache)
        if item.label and not _label_ok(item, start, info, origin, problems):
            return None
        if item.end is not None:
            end = _local(item.end, zone, item, origin, warnings, cache)
            if end.date() != start.date():
                notes.append(f"ends {timefmt.clock_text(end)} on {end:%Y-%m-%d}")
                end = None
            elif end <= start:
                end = None
    day = start.date() if start is not None else item.day
    if day is None:
        problems.append(Problem("an entry without a date", origin, item.line, item.column))
        return None
    for name, url in item.links:
        bad = uri_problem(url.strip())
        if bad:  # it would be written raw into .ics files: "\r\nBEGIN:VEVENT..." a new event
            problems.append(Problem(f"{item.group}: link '{name}' {bad}", origin, item.line,
                                    item.column, "the source is damaged or hostile; not importing it"))
            return None
    return Session(
        meeting=info.number, id="", group=item.group.strip().lower(), date=day, start=start, end=end,
        name=item.name.strip(), area=item.area.strip().lower(), room=item.room.strip(),
        links=tuple((k, v.strip()) for k, v in item.links), drafts=item.drafts, note="; ".join(notes).strip(),
        source=item.source.strip(), kind=item.kind,
        status=item.status, line=item.line, bof=item.bof,
        datatracker_id=item.datatracker_id, group_type=item.group_type,
    )


def _local(value: datetime, zone: tzinfo, item: SourceEntry, origin: str, warnings: list[str],
           cache: dict[datetime, datetime]) -> datetime:
    """The second in the meeting's zone, as a meeting file can say it (wall-clock HH:MM:SS;
    a fraction of a second is dropped).  An instant in the hour the clocks go back keeps
    its own offset: the second 01:30 stays EST (the meeting file labels it, see dump.py).

    ``cache`` maps instants already converted (an agenda has few distinct times)."""
    if value.utcoffset() is None:
        local, warn = localize(value.replace(microsecond=0), zone)
        if warn:
            warnings.append(f"{_where(origin, item)}: {item.group}: {warn}")
        return local
    hit = cache.get(value)
    if hit is None:
        local = to_zone(value, zone)
        hit = cache[value] = to_zone(local - timedelta(microseconds=local.microsecond), zone)
    return hit


def _label_ok(item: SourceEntry, start: datetime, info: MeetingInfo, origin: str,
              problems: list[Problem]) -> bool:
    try:
        parts = timefmt.label_offsets(item.label)
    except ValueError as exc:
        problems.append(Problem(str(exc), origin, item.line, item.column))
        return False
    offset = start.utcoffset()
    actual = int(offset.total_seconds() // 60) if offset is not None else 0
    for part, offsets in parts:
        if actual not in offsets:
            said = ", ".join(format_offset(timedelta(minutes=o)) for o in offsets)
            problems.append(Problem(
                f"the label '{part}' means {said}, but {info.timezone} on {start:%Y-%m-%d} at "
                f"{timefmt.clock_text(start)} is {zone_label(start)}", origin, item.line, item.column,
                "fix the label, or give the meeting's zone with --timezone"))
            return False
    return True


def _implausible(sessions: list[Session], origin: str, today: date) -> list[Problem]:
    """Dates no meeting could have: before 1986, years ahead, or far from the rest."""
    problems: list[Problem] = []
    if not sessions:
        return problems
    days = sorted(session.date for session in sessions)
    middle = days[len(days) // 2]
    for session in sessions:
        where = (origin, session.line, 0)
        if session.date.year < FIRST_IETF_YEAR or session.date.year > today.year + 5:
            problems.append(Problem(f"{session.group} on {session.date}: not a plausible meeting date", *where,
                                    hint=f"IETF meetings are from {FIRST_IETF_YEAR} to a few years ahead; "
                                    "check the year"))
        elif abs((session.date - middle).days) > MAX_DAYS_FROM_MIDDLE:
            problems.append(Problem(
                f"{session.group} on {session.date} is {abs((session.date - middle).days)} days from the rest of the "
                f"agenda (around {middle}); a meeting lasts about a week", *where,
                hint="check the date's year and month"))
    return problems


def _where(origin: str, item: SourceEntry) -> str:
    return f"{origin}:{item.line}" if item.line else origin
