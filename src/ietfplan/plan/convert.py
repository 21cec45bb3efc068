"""`convert`: a typed time or a session → the same instant in other zones.

WHEN is ``09.30 EDT``, ``Thu 13:30``, ``2018-07-19 13.30 UTC-4``, ``13:30 GMT``,
``13:30 Tokyo`` or a session reference (``v6ops``, ``dnsop#2``, ``102-dnsop-2``).
A bare time is in the meeting's zone (or ``--from``) on a day of the meeting.
Zone abbreviations are checked: an ambiguous one (IST) is refused unless the zone
in force settles it, and one that is not in force on that date (EDT in December)
is an error, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone, tzinfo

from ietfplan import timefmt
from ietfplan.errors import UsageError
from ietfplan.model import Meeting, Session
from ietfplan.suggest import hint_for
from ietfplan.zones import (
    DEFAULT_NIGHT,
    Night,
    Reading,
    abbreviation,
    abbreviation_meanings,
    city_zones,
    describe_meanings,
    fixed_zone,
    format_offset,
    gap_message,
    get_zone,
    in_force,
    in_night,
    known_abbreviations,
    localize,
    readings,
    resolve_zone,
    to_zone,
    zone_label,
)  # fmt: skip


@dataclass(frozen=True)
class Target:
    zone: str  # IANA name (or UTC±H for a fixed offset)
    start: datetime  # aware, in the target zone
    end: datetime | None
    day_shift: int  # target date minus source date, in days
    night: bool


@dataclass
class Conversion:
    """One instant (or one untimed session) shown in every target zone."""

    what: str  # the typed text, or the session's title
    start: datetime | None  # aware, in the source zone; None = time not given
    end: datetime | None = None
    source_zone: str = ""
    session: Session | None = None
    meeting: Meeting | None = None
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def zone_id(zone: tzinfo, at: datetime | None = None) -> str:
    """IANA name, or ``UTC±H`` for a fixed offset zone."""
    name = str(zone)
    if name.startswith("pytz.FixedOffset") and at is not None:
        return format_offset(to_zone(at, zone).utcoffset())
    return name


def convert(when: str, targets: Sequence[tzinfo], *, meeting: Meeting | None,
            from_zone: tzinfo | None = None, night: Night = DEFAULT_NIGHT,
            today: date | None = None, now: datetime | None = None) -> list[Conversion]:
    """Every conversion WHEN stands for (a group with three sessions gives three).

    ``now`` is the instant the word 'now' stands for (shown in --from, else the meeting's
    zone, else UTC).
    """
    if now is not None and when.strip().lower() == "now":
        zone = from_zone or (meeting.tz if meeting is not None else get_zone("UTC"))
        start = to_zone(now, zone)
        return [_fill(Conversion("now", start, None, zone_id(zone, start), None, meeting),
                      targets, night)]
    if meeting is not None and _names_session(when, meeting):
        if from_zone is not None:
            raise UsageError("--from is for a typed time; a session is in its meeting's zone")
        return [_fill(c, targets, night) for c in _from_sessions(when, meeting)]
    if timefmt.looks_like_time(when):
        try:
            spec = timefmt.parse_when(when)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        if spec.relative is not None:
            spec.day = _relative_day(spec.relative, meeting, from_zone, today, now)
        conv = _from_typed(when, spec, meeting, from_zone, today)
    else:
        if meeting is None:
            raise UsageError(f"'{when}' is not a time, and there is no meeting to find it in")
        return [_fill(c, targets, night) for c in _from_sessions(when, meeting)]
    return [_fill(conv, targets, night)]


def _fill(conv: Conversion, targets: Sequence[tzinfo], night: Night) -> Conversion:
    if conv.start is None:
        return conv
    for zone in targets:
        start = to_zone(conv.start, zone)
        end = to_zone(conv.end, zone) if conv.end is not None else None
        conv.targets.append(Target(
            zone=zone_id(zone, conv.start), start=start, end=end,
            day_shift=(start.date() - conv.start.date()).days,
            night=in_night(conv.start, conv.end, zone, night),
        ))
    return conv


# --- sessions ---------------------------------------------------------------------------

_REF = re.compile(r"([a-z0-9][a-z0-9-]*?)(?:#(\d+))?")


def _names_session(text: str, meeting: Meeting) -> bool:
    ref = text.strip().lower()
    match = _REF.fullmatch(ref)
    return meeting.session(ref) is not None or bool(match and match.group(1) in meeting.groups)

def _from_sessions(ref: str, meeting: Meeting) -> list[Conversion]:
    text = ref.strip().lower()
    found: list[Session]
    exact = meeting.session(text)
    if exact is not None:
        found = [exact]
    else:
        match = _REF.fullmatch(text)
        group = match.group(1) if match else text
        found = meeting.sessions_of(group)
        if not found:
            names = [*meeting.groups, *(s.id for s in meeting.sessions)]
            raise UsageError(
                f"'{ref}' is neither a time nor a session of {meeting.title}",
                hint=hint_for(group, names) or
                "write a time (09:30 EDT, Thu 13:30) or a group (v6ops, dnsop#2)")
        if match and match.group(2):
            number = int(match.group(2))
            if not 1 <= number <= len(found):
                raise UsageError(f"{group.upper()} has {len(found)} session(s) in {meeting.title}",
                                 hint=f"use {group}#1 to {group}#{len(found)}")
            found = [found[number - 1]]
    out = []
    for session in found:
        conversion = Conversion(session.title, session.start, session.end, meeting.timezone, session, meeting)
        if session.start is None:
            conversion.notes.append(f"{session.id}: time not given (the source names the day only, {session.date})")
        out.append(conversion)
    return out


# --- typed times ------------------------------------------------------------------------

def _from_typed(text: str, spec: timefmt.When, meeting: Meeting | None,
                from_zone: tzinfo | None, today: date | None) -> Conversion:
    notes: list[str] = []
    day = _day_of(spec, meeting, today, from_zone, notes)
    naive = datetime.combine(day, spec.clock)
    context = from_zone if from_zone is not None else (meeting.tz if meeting else None)
    if spec.label:
        zone, start = _zone_for_label(spec.label, naive, context, from_zone is not None, notes)
    elif context is None:
        raise UsageError(f"'{text}' has no zone and there is no meeting to take it from",
                         hint="add a zone (09:30 EDT) or --from ZONE, or --meeting N")
    else:
        zone, start = context, _wall_clock(naive, context, notes)
    conv = Conversion(text.strip(), start, None, zone_id(zone, start), None, meeting)
    conv.notes.extend(notes)
    return conv


def _wall_clock(naive: datetime, zone: tzinfo, notes: list[str]) -> datetime:
    """``naive`` on the clocks of ``zone``: an error where it does not exist (the clocks go
    forward), the first of the two, with a warning, where it happens twice."""
    exists, found = readings(naive, zone)
    if not exists:
        problem, hint = gap_message(naive, zone)
        raise UsageError(problem, hint=hint)
    if len(found) > 1:
        first, second = found[0].instant, found[-1].instant
        notes.append(f"warning: {timefmt.stamp_text(naive)} happens twice in {zone} (clocks go "
                     f"back); using the first, {timefmt.clock_text(first)} {zone_label(first)}; "
                     f"write '{timefmt.clock_text(naive)} {abbreviation(second)}' for the second")
    return found[0].instant


def _relative_day(days: int, meeting: Meeting | None, from_zone: tzinfo | None,
                  today: date | None, now: datetime | None) -> date:
    """'yesterday', 'today', 'tomorrow': from today in --from's zone, else the meeting's."""
    zone = from_zone or (meeting.tz if meeting is not None else None)
    if now is not None and zone is not None:
        today = to_zone(now, zone).date()
    if today is None:
        raise UsageError("'today' and 'tomorrow' need to know the date",
                         hint="give a date (2018-07-19 09:30) or a meeting (--meeting N)")
    return today + timedelta(days=days)


def _day_of(spec: timefmt.When, meeting: Meeting | None, today: date | None,
            zone: tzinfo | None, notes: list[str]) -> date:
    if spec.day is not None:
        return spec.day
    if meeting is None:
        if spec.weekday is None and today is not None:
            return today
        raise UsageError("a weekday needs a meeting to pick the date from", hint="give --meeting N")
    if spec.weekday is not None:
        for meeting_day in meeting.days:
            if meeting_day.weekday() == spec.weekday:
                return meeting_day
        raise UsageError(f"{meeting.title} ({meeting.start} to {meeting.end}) has no "
                         f"{timefmt.WEEKDAY_NAMES[spec.weekday]}")
    day = today if today is not None and meeting.contains(today) else _first_day(meeting)
    offsets = {format_offset(localize(datetime.combine(d, spec.clock), zone or meeting.tz)[0]
                             .utcoffset()) for d in meeting.days}
    if len(offsets) > 1:
        notes.append(f"warning: the offset changes during {meeting.title} "
                     f"({' / '.join(sorted(offsets))}); using {day:%a %-d %b}; "
                     "give a weekday or date for another day")
    return day


def _first_day(meeting: Meeting) -> date:
    timed = [s.date for s in meeting.sessions if s.start is not None]
    return min(timed) if timed else meeting.start


def _zone_for_label(label: str, naive: datetime, context: tzinfo | None, explicit: bool,
                    notes: list[str]) -> tuple[tzinfo, datetime]:
    """The zone a label (EDT, UTC-4, EDT/UTC-4, Tokyo) means at ``naive``, and the instant."""
    parts = [p.strip() for p in label.split("/") if p.strip()]
    if len(parts) == 2 and "/" in label and not any(_is_label(p) for p in parts):
        parts = [label]  # an IANA name such as Asia/Tokyo
    found: tuple[tzinfo, datetime] | None = None
    for part in parts:
        zone, instant = _zone_for_part(part, naive, context, explicit, notes)
        if found is None:
            found = zone, instant
        elif found[1].timestamp() != instant.timestamp():
            raise UsageError(f"'{label}' contradicts itself: {zone_label(found[1])} vs "
                             f"{zone_label(instant)}")
    assert found is not None
    return found


def _is_label(part: str) -> bool:
    return bool(abbreviation_meanings(part)) or _offset(part) is not None


def _offset(part: str) -> int | None:
    try:
        return timefmt.offset_label(part)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _minutes(offset: timedelta | None) -> int:
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _shows(part: str, reading: Reading, offset: int | None) -> bool:
    """Whether a reading of the wall clock is what the label ``part`` says."""
    if offset is not None:
        return _minutes(reading.offset) == offset
    key = part.upper()
    return abbreviation(reading.instant).upper() == key or (
        key in ("UTC", "GMT", "Z") and _minutes(reading.offset) == 0)


def _uses(zone: tzinfo, abbr: str, year: int) -> int | None:
    """The offset (minutes) of ``zone`` when it shows ``abbr`` at some time of ``year``
    (EST in Montreal: -300, in winter); None when it does not use it."""
    for month in (1, 4, 7, 10):
        at = to_zone(datetime(year, month, 15, 12, tzinfo=timezone.utc), zone)
        if abbreviation(at).upper() == abbr.upper():
            return _minutes(at.utcoffset())
    return None


def _zone_for_part(part: str, naive: datetime, context: tzinfo | None, explicit: bool,
                   notes: list[str]) -> tuple[tzinfo, datetime]:
    offset = _offset(part)
    meanings = abbreviation_meanings(part)
    if offset is None and not meanings:
        try:
            zone = resolve_zone(part)
        except UsageError as exc:
            if len(city_zones(part)) > 1 or abbreviation_meanings(part):
                raise
            known = [*known_abbreviations(), "UTC+2", "UTC-4"]
            hint = hint_for(part.upper(), known) if part.isalpha() and len(part) <= 5 else ""
            raise UsageError(f"'{part}' is not a zone abbreviation, offset or zone",
                             hint=hint or exc.problems[0].hint) from None
        if explicit and context is not None and str(zone) != str(context):
            raise UsageError(f"the time says {part} but --from says {context}",
                             hint="give the zone once")
        return zone, _wall_clock(naive, zone, notes)
    if context is not None:
        exists, found = readings(naive, context)
        fits = [r for r in found if _shows(part, r, offset)]
        # 02:30 EDT on the night the clocks skip 02:00-03:00 names a time the clocks there
        # never showed (so does 02:30 UTC-4 with --from); without --from an offset is an
        # instant, whatever the meeting's clocks did.
        if not exists and any((offset is None and _minutes(r.offset) in
                               {m for m, _, _ in meanings}) or (explicit and fits)
                              for r in found):
            problem, hint = gap_message(naive, context)
            raise UsageError(problem, hint=hint)
        if exists and fits:
            return context, fits[0].instant  # in the repeated hour, the label decides
        there = " or ".join(zone_label(r.instant) for r in found)
        if explicit:
            now_shown = " or ".join(abbreviation(r.instant) for r in found)
            raise UsageError(
                f"'{part}' contradicts --from {context}: on {naive:%a %-d %b %Y} at "
                f"{timefmt.clock_text(naive)} it is {there} there",
                hint=f"write {now_shown}" + (
                    f", or drop --from to take {part} as given" if len(meanings) < 2 else ""))
        used = _uses(context, part, naive.year) if meanings and offset is None else None
        if used is not None:
            # EST typed for a Montreal meeting in July: the meeting's clock is on EDT, and
            # whether 09:30 EST means 09:30 there or UTC-5 cannot be told: refused.
            as_offset = format_offset(timedelta(minutes=used))
            raise UsageError(
                f"{part.upper()} ({as_offset}) is not in force in {context} on "
                f"{naive:%a %-d %b %Y}: it is {there} then",
                hint=f"write {timefmt.clock_text(naive)} {abbreviation(found[0].instant)} for the "
                     f"clocks there, or {timefmt.clock_text(naive)} {as_offset} for that offset")
    if offset is not None:
        zone = fixed_zone(offset)
        return zone, localize(naive, zone)[0]
    if len(meanings) > 1 and context is not None:  # the meeting's zone settles it (BST in London)
        meanings = tuple(m for m in meanings if str(context) in m[2]) or meanings
    if len(meanings) > 1:
        raise UsageError(f"'{part}' is ambiguous: it could be {describe_meanings(part)}",
                         hint=f"write the offset (e.g. {format_offset(timedelta(minutes=meanings[0][0]))}) "
                         f"or give --from {meanings[0][2][0]}")
    minutes, who, zones = meanings[0]
    instant = localize(naive, fixed_zone(minutes))[0]
    primary = get_zone(zones[0])
    actual = to_zone(instant, primary)
    if not in_force(part, instant, zones):
        raise UsageError(
            f"{part.upper()} ({who}, {format_offset(timedelta(minutes=minutes))}) is not in force "
            f"on {naive:%a %-d %b %Y}: {zones[0]} is on {zone_label(actual)} then",
            hint=f"write {abbreviation(actual)}, or the offset if you mean it "
                 f"({format_offset(timedelta(minutes=minutes))})")
    if abbreviation(actual) != part.upper():  # EST in July: in force in Panama, not New York
        users = [z for z in zones[1:] if in_force(part, instant, (z,))]
        notes.append(
            f"warning: {zones[0]} is on {zone_label(actual)} on {naive:%a %-d %b %Y}; "
            f"{part.upper()} is taken as {format_offset(timedelta(minutes=minutes))}"
            + (f" (as in {users[0]})" if users else "")
            + f"; write {abbreviation(actual)} if you mean {zones[0]}")
        return fixed_zone(minutes), instant
    exists, found = readings(naive, primary)
    fits = [r for r in found if exists and _shows(part, r, None)]
    if fits:
        return primary, fits[0].instant
    return fixed_zone(minutes), instant
