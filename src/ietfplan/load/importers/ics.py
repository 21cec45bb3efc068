"""Any RFC 5545 calendar, and the Datatracker's ``agenda.ics`` in particular.

The Datatracker writes ietf/templates/meeting/agenda.ics (rendered by ``agenda_ical``
in ietf/meeting/views.py): ``UID:ietf-<meeting>-<timeslot>-<acronym>``, ``SUMMARY`` the
session's name or ``<acronym> - <group name>`` (plus `` (<agenda note>)``), ``LOCATION``,
``STATUS`` from ``ical_session_status`` (CONFIRMED, CANCELLED, ``RESCHEDULED [TO ...]``),
``DTSTART;TZID=<IANA zone>`` (the ``ics_date_time`` tag) with the meeting's VTIMEZONE,
``DESCRIPTION`` the slot name, ``Note:`` and links.  Older templates used
``UID:ietf-<meeting>-<acronym>-<n>`` and a TZID named after the city.

Other calendars, as others write them (tested on 124 real ones, tests/test_ics_corpus.py):
every VCALENDAR of the file is read; each VEVENT on its own, so that one bad event is
skipped (listed with its line, UID and reason in ``Draft.problems``) and the others
import.  TZIDs are resolved by ``ics_zones``; one that is unknown is read as the
meeting's wall clock and reported as a problem.  DTSTART/DTEND of different kinds, a
DTEND before DTSTART and DURATION are read as RFC 5545 says (the end is left out where it
cannot be right).  Recurring events (RRULE, RDATE, EXDATE, RECURRENCE-ID) are expanded
by ``ics_recur`` into the window of the meeting's dates (``Draft.reshape``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone, tzinfo
from typing import Any

from ietfplan.errors import DataError, Problem, UsageError
from ietfplan.load.importers import ics_ietfplan
from ietfplan.load.importers.build import MAX_DAYS_FROM_MIDDLE
from ietfplan.load.importers.common import (
    Draft,
    SourceEntry,
    data_error,
    group_for,
    kind_for,
)
from ietfplan.load.importers.dtlinks import ICS_LINK_LINES, ics_link_name
from ietfplan.load.importers.ics_recur import (
    Series,
    as_naive_datetime,
    first_occurrence,
    first_start,
    occurrences,
    wall,
)
from ietfplan.load.importers.ics_zones import Zones, by_name

FORMAT = "iCalendar"
FORMAT_DT = "Datatracker agenda.ics"
_UID_NEW = re.compile(r"^ietf-(\d+)-(\d+)-([A-Za-z0-9][\w.-]*)$")
_UID_OLD = re.compile(r"^ietf-(\d+)-([A-Za-z0-9][\w.-]*?)-(\d+)$")
_UID_OURS = re.compile(r"^ietf(\d+)-([a-z0-9][\w.-]*?)-([^@]+)@ietfplan$")
_SUMMARY_ACRONYM = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]{0,39}) (?:-|—|–) (.+)$")
_OURS_SUMMARY = re.compile(r"^(.*?) \(IETF \d+(?:, time not given)?\)$")
_LINK_LINE = re.compile(r"^\s*(" + "|".join(map(re.escape, ICS_LINK_LINES)) + r"):\s*(\S+)\s*$")
# The kinds of link (dtlinks.link_kind) a session of each calendar can have, for an import
# over a previous version (app.importing keeps the others): the Datatracker's link lines,
# the agenda.json links at the same addresses, and its URL (the agenda); another calendar's
# URL (also in a Datatracker calendar with others' events).  ietfplan's own export gives back every link it wrote (load.importers.carried_links).
LINKS = {
    FORMAT_DT: frozenset({"agenda", "url", *map(ics_link_name, ICS_LINK_LINES),
                          *filter(None, ICS_LINK_LINES.values())}),
    FORMAT: frozenset({"url"}),
}
_STATUS = {"CONFIRMED": "scheduled", "TENTATIVE": "tentative", "CANCELLED": "cancelled"}
_VALUE = re.compile(r"^\s*(\d{4})(\d\d)(\d\d)(?:T(\d\d)(\d\d)(\d\d)?(Z)?)?\s*$", re.I)
FIRST_DAYS = 7  # the window when every event recurs and no dates are known
_UTC_NAMES = {"UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Universal", "Zulu", "Etc/Zulu"}


class _Skip(Exception):
    """An event that cannot be imported, and why."""


@dataclass
class _Block:
    kind: str  # VEVENT or VTIMEZONE
    line: int  # line of its BEGIN
    lines: list[str]
    cut: bool = False  # its END is missing


@dataclass
class _Calendar:
    timezones: list[_Block]
    events: list[_Block]
    wr_timezone: str = ""  # X-WR-TIMEZONE: the calendar's zone as Google/Apple say it


@dataclass
class _Event:
    line: int
    uid: str
    who: str  # "'summary' (UID x)" for messages
    item: SourceEntry  # every field but the times
    number: int | None
    start: datetime | date  # aware, naive (floating, or unknown TZID) or a date
    end: datetime | date | None
    tzid: str
    iana: str  # IANA name of the start's zone ('' for UTC, floating, unknown, dates)
    recurrence_id: datetime | date | None = None  # the occurrence it replaces
    # RECURRENCE-ID;RANGE=THISANDFUTURE: it replaces that occurrence and every later one
    # (RFC 5545 3.2.13, 3.8.4.4): they move as it moved and say what it says
    this_and_future: bool = False
    series: Series | None = None


def parse(text: str, origin: str) -> Draft:
    if not text.lstrip("\ufeff \r\n\t").upper().startswith("BEGIN:VCALENDAR"):
        raise data_error(origin, "not an iCalendar file: it does not start with BEGIN:VCALENDAR", 1, 1)
    if not re.search(r"^END:VCALENDAR\s*$", text, re.M | re.I):
        raise data_error(origin, "the calendar is cut short: END:VCALENDAR is missing",
                         text.count("\n") + 1, hint="download it again")
    calendars = _split(text)
    if not any(c.events for c in calendars):
        raise data_error(origin, "the calendar has no events (no VEVENT)", 1, 1,
                         "export the agenda or calendar with its events")
    reader = _Reader(origin)
    for calendar in calendars:
        reader.calendar(calendar)
    return reader.draft()


def _split(text: str) -> list[_Calendar]:
    """The VCALENDARs of a file, with their VTIMEZONE and VEVENT components as text."""
    calendars: list[_Calendar] = []
    stack: list[str] = []
    block: _Block | None = None
    # Lines end at LF (CRLF, LF) or, in old Mac files, CR; not at the other characters
    # str.splitlines() breaks at (U+2028 in a DESCRIPTION is text): line numbers as editors count.
    separator = "\n" if "\n" in text or "\r" not in text else "\r"
    for number, line in enumerate(text.split(separator), 1):
        raw = line.rstrip("\r")
        upper = (raw.strip() if not stack else raw.rstrip()).upper()
        if upper.startswith("BEGIN:"):
            name = upper[6:].strip()
            if not stack and name == "VCALENDAR":
                calendars.append(_Calendar([], []))
            elif stack == ["VCALENDAR"] and name in ("VEVENT", "VTIMEZONE"):
                block = _Block(name, number, [])
            stack.append(name)
        elif upper.startswith("END:") and upper[4:].strip() in stack:
            name = upper[4:].strip()
            while stack and stack.pop() != name:
                pass
            if block is not None and len(stack) <= 1:
                if name != block.kind:  # END:VCALENDAR before the event's own END
                    block.cut = True
                block.lines.append(raw if name == block.kind else f"END:{block.kind}")
                calendar = calendars[-1]
                (calendar.events if block.kind == "VEVENT" else calendar.timezones).append(block)
                block = None
                continue
            if block is not None and block.kind == "VEVENT" and len(stack) == 2:
                continue  # the END of an alarm inside the event
        elif stack == ["VCALENDAR"] and upper.startswith("X-WR-TIMEZONE") and ":" in raw:
            calendars[-1].wr_timezone = raw.split(":", 1)[1].strip()
        if block is not None and (block.kind == "VTIMEZONE" or len(stack) <= 2):
            block.lines.append(raw)  # an event's own lines: its alarms (VALARM) are left out
    return calendars


class _Reader:
    """Reads the events of every VCALENDAR of one file; then the Draft."""

    def __init__(self, origin: str) -> None:
        self.origin = origin
        self.events: list[_Event] = []
        self.problems: list[Problem] = []  # skipped events, unknown TZIDs
        self.notes: dict[str, list[int]] = {}  # remark → lines of the events it is about
        self.unknown: dict[str, list[int]] = {}  # TZID nothing resolves → event lines
        self.broken: dict[str, str] = {}  # TZID → why its VTIMEZONE was unusable
        self.wr_timezone = ""

    def note(self, remark: str, line: int) -> None:
        self.notes.setdefault(remark, []).append(line)

    def calendar(self, calendar: _Calendar) -> None:
        from icalendar import Component

        vtimezones: dict[str, Any] = {}
        for block in calendar.timezones:
            try:
                component = Component.from_ical("\r\n".join(block.lines) + "\r\n")
                tzid = _text(component, "TZID")
                if isinstance(component.get("TZID"), list):
                    self.note("a VTIMEZONE has more than one TZID; the first is used", block.line)
            except Exception as exc:  # whatever icalendar raises on a bad component
                self.note(f"a VTIMEZONE cannot be read ({_first_line(exc)}); its TZID is looked up by "
                          "name instead", block.line)
                continue
            if tzid:
                vtimezones.setdefault(tzid, component)
        zones = Zones(vtimezones)
        self.wr_timezone = self.wr_timezone or calendar.wr_timezone
        for block in calendar.events:
            if block.cut:
                self.skip(block.line, f"the event at line {block.line}", "it has no END:VEVENT (cut short?)")
                continue
            props = _read_event(block.lines)
            uid = _text(props, "UID").strip()
            summary = _clean(_text(props, "SUMMARY"))
            who = " ".join(p for p in (f"'{summary[:80]}'" if summary else "",
                                        f"(UID {uid[:80]})" if uid else "") if p) or "an event"
            try:
                self.events.append(self.event(props, block.line, uid, who, zones))
            except _Skip as exc:
                self.skip(block.line, who, str(exc))
            except (ValueError, OverflowError) as exc:  # a date out of range
                self.skip(block.line, who, _first_line(exc))
        self.broken.update(zones.broken)

    def skip(self, line: int, who: str, reason: str) -> None:
        self.problems.append(Problem(f"{who} not imported: {reason}", self.origin, line, 1))

    def event(self, ev: _Props, line: int, uid: str, who: str, zones: Zones) -> _Event:
        starts = _props(ev, "DTSTART")
        if not starts:
            if "DTSTART" in ev.unreadable:
                raise _Skip("its DTSTART line cannot be read (NAME;PARAM=VALUE:VALUE)")
            raise _Skip("it has no DTSTART (a start is required)")
        start, tzid, iana = self.moment(starts[0], "DTSTART", zones, line)
        for other in starts[1:]:
            again = self.moment(other, "DTSTART", zones, line)[0]
            if again != start:
                raise _Skip(f"DTSTART is given {len(starts)} times with different values")
        if len(starts) > 1:
            self.note("DTSTART is given twice with the same value", line)
        end = self.end(ev, start, zones, line)
        item, number = _describe(ev, self.origin)
        item.line = line
        out = _Event(line, uid, who, item, number, start, end, tzid, iana)
        recurrence_id = _props(ev, "RECURRENCE-ID")
        if recurrence_id:
            out.recurrence_id = self.moment(recurrence_id[0], "RECURRENCE-ID", zones, line)[0]
            out.this_and_future = _param(recurrence_id[0], "RANGE").upper() == "THISANDFUTURE"
        rules = [p.value for p in _props(ev, "RRULE")]
        rdates = self.dates(ev, "RDATE", start, zones, line)
        if rules or rdates:
            out.series = Series(wall(start, _zone_of(start)), _zone_of(start), rules, rdates,
                                self.dates(ev, "EXDATE", start, zones, line))
        elif _props(ev, "EXDATE"):
            self.note("EXDATE without RRULE or RDATE is ignored", line)
        return out

    def moment(self, prop: _Prop, name: str, zones: Zones, line: int) -> tuple[datetime | date, str, str]:
        """(value, TZID, IANA name) of a DTSTART-like property: aware when its zone is known,
        naive when floating or its TZID is unknown (noted), a date for VALUE=DATE."""
        value = _value(prop, name)
        tzid = _param(prop, "TZID")
        if not isinstance(value, datetime):
            return value, "", ""
        if value.tzinfo is not None and not tzid:
            return value, "", ""  # UTC (a trailing Z)
        naive = value.replace(tzinfo=None)
        if not tzid:
            return naive, "", ""
        resolved = zones.resolve(tzid)
        if resolved is None:
            if value.tzinfo is not None:
                return value, "", ""  # an unknown TZID on a UTC time: UTC
            self.unknown.setdefault(tzid, []).append(line)
            return naive, tzid, ""
        if value.tzinfo is not None:  # RFC 5545 3.2.19 forbids it; icalendar reads the TZID
            self.note(f"{name} has both TZID '{tzid}' and a UTC 'Z'; it is read in the TZID's zone", line)
        if resolved.how:
            self.note(f"TZID '{tzid}' is read as {resolved.how}", line)
        iana = "" if resolved.iana in _UTC_NAMES else resolved.iana
        return naive.replace(tzinfo=resolved.zone), tzid, iana

    def end(self, ev: _Props, start: date, zones: Zones, line: int) -> date | None:
        ends = _props(ev, "DTEND")
        if ends:
            try:
                end = self.moment(ends[0], "DTEND", zones, line)[0]
            except _Skip as exc:
                self.note(f"{exc}; the end is left out", line)
                return None
            if isinstance(start, datetime) != isinstance(end, datetime):
                self.note("DTSTART and DTEND are not both dates or both date-times (RFC 5545 3.8.2.2); "
                          "the end is left out", line)
                return None
            if isinstance(start, datetime) and isinstance(end, datetime):
                if (start.tzinfo is None) != (end.tzinfo is None):
                    if end.tzinfo is not None:
                        self.note("DTEND has a zone but DTSTART has none; the end is left out", line)
                        return None
                    end = end.replace(tzinfo=start.tzinfo)  # a floating end: the start's clock
                if end < start:
                    self.note("DTEND is before DTSTART; the end is left out", line)
                    return None
            elif end < start:
                self.note("DTEND is before DTSTART; the end is left out", line)
                return None
            return end
        durations = _props(ev, "DURATION")
        if not durations:
            return None
        length = _duration(durations[0].value)
        if length is None or length < timedelta(0):
            self.note(f"DURATION '{durations[0].value.strip()[:40]}' is not a positive duration; the end is "
                      "left out", line)
            return None
        if not isinstance(start, datetime):
            return start + timedelta(days=max(1, length.days))
        return start + length

    def dates(self, ev: _Props, name: str, start: date, zones: Zones, line: int) -> list[datetime | date]:
        """RDATE/EXDATE values on the wall clock of the event's zone."""
        out: list[datetime | date] = []
        zone = _zone_of(start)
        for prop in _props(ev, name):
            tzid = _param(prop, "TZID")
            resolved = zones.resolve(tzid) if tzid else None
            for part in prop.value.split(","):
                try:
                    value = _value(_Prop(prop.params, part), name)
                except _Skip as exc:
                    self.note(f"{exc}; it is left out", line)
                    continue
                if isinstance(value, datetime) and value.tzinfo is None and resolved is not None:
                    value = value.replace(tzinfo=resolved.zone)
                out.append(wall(value, zone))
        return out

    def draft(self) -> Draft:
        if not self.events:
            raise DataError(problems=[*self.problems, Problem(
                "no event of the calendar can be imported", self.origin,
                hint="fix the events named above, or export the calendar again")])
        draft = Draft(FORMAT, self.origin)
        numbers = {e.number for e in self.events if e.number is not None}
        if len(numbers) == 1:
            draft.number = numbers.pop()
        if any(e.item.source.startswith(FORMAT_DT) for e in self.events):
            draft.fmt = FORMAT_DT
        zone_said = self._zone(draft)
        inferred = draft.timezone if zone_said else ""
        base_warnings: list[str] = []
        for remark, lines in self.notes.items():
            base_warnings.append(f"{self.origin}:{_lines(lines)}: {remark}")
        base_problems = list(self.problems)
        for tzid, all_lines in self.unknown.items():
            lines = sorted(set(all_lines))
            why = (f"; its VTIMEZONE cannot be used ({self.broken[tzid]})" if tzid in self.broken else "")
            base_problems.append(Problem(
                f"TZID '{tzid}' is not a time zone ietfplan knows (not a VTIMEZONE of the file, an IANA, "
                f"Windows or Outlook zone name){why}: {_count(lines, 'event')} ({_lines(lines, 'line')}) "
                "read as wall-clock time in the meeting's zone", self.origin, lines[0], 1,
                "check those times against the sender's calendar; --strict refuses such a file"))
        for problem in base_problems:
            base_warnings.append(f"{problem.location()}: {problem.message}")
        events = self.events

        def reshape(first: date | None, last: date | None, known: tuple[date, date] | None,
                    zone_given: bool = False, refuse: bool = True) -> None:
            if refuse and not zone_given and known is None and not draft.timezone:
                self._no_zone()
            items, warnings, problems = _expand(events, first, last, known, self.origin, refuse)
            draft.items = items
            # A calendar that is not an agenda names the zones of its writer: the zone of a
            # meeting ietfplan knows comes first then (build.meeting_info takes the Draft's).
            draft.timezone = "" if inferred and known is not None else draft.timezone or inferred
            # --timezone decides the meeting's zone: nothing was taken from the events then
            said = [] if zone_given or (inferred and known is not None) else zone_said
            draft.warnings = said + base_warnings + warnings
            draft.problems = base_problems + problems
            draft.warnings += [f"{p.location()}: {p.message}" for p in problems]
            _our_rooms(draft)

        reshape(None, None, None, refuse=False)  # complete as it is; run.import_meeting calls it again
        draft.reshape = reshape
        return draft

    def _no_zone(self) -> None:
        """A calendar whose TZIDs name no IANA zone (unknown, or defined only by its own
        VTIMEZONE): refused with those TZIDs named (build would only ask for --timezone)."""
        custom = sorted({e.tzid for e in self.events if e.tzid and not e.iana and isinstance(e.start, datetime)
                         and e.start.tzinfo is not None})
        if not custom and not self.unknown:
            return
        said = [f"'{tzid}' (not a zone ietfplan knows)" for tzid in self.unknown]
        said += [f"'{tzid}' (defined only by the file's VTIMEZONE)" for tzid in custom]
        raise UsageError(f"{self.origin} names no IANA time zone for its events: its TZIDs are "
                         + ", ".join(said[:5]) + (f" and {len(said) - 5} more" if len(said) > 5 else ""),
                         path="", hint="give the meeting's zone with --timezone, e.g. --timezone Europe/Berlin")

    def _zone(self, draft: Draft) -> list[str]:
        """The meeting zone: the most common IANA zone of the timed events (said in a
        warning), else X-WR-TIMEZONE; a city TZID of old Datatracker agendas gives the city."""
        timed = [e for e in self.events if isinstance(e.start, datetime) and e.recurrence_id is None]
        counts = Counter(e.iana for e in timed if e.iana)
        if counts:
            zone, count = counts.most_common(1)[0]
            draft.timezone = zone
            tzids = {e.tzid.strip().strip('"') for e in timed}
            if len(tzids) == 1:
                (tzid,) = tzids
                found = by_name(tzid)
                if found and "cities" in found[1] and "/" not in tzid:
                    draft.city = tzid
            if draft.fmt == FORMAT_DT or (len(counts) == 1 and count == len(timed) and
                                          any(e.item.ours for e in self.events)):
                return []
            share = ("its one timed event" if len(timed) == 1 else f"all its {len(timed)} timed events"
                     if count == len(timed) else f"{count} of its {len(timed)} timed events")
            return [f"{self.origin}: the meeting's zone is taken to be {zone}, the zone of {share} "
                    "(give --timezone to choose another)"]
        found = by_name(self.wr_timezone) if self.wr_timezone else None
        if found:
            draft.timezone = found[0]
            return [f"{self.origin}: the meeting's zone is taken to be {found[0]}, the calendar's "
                    "X-WR-TIMEZONE (give --timezone to choose another)"]
        return []


def _expand(events: list[_Event], first: date | None, last: date | None,
            known: tuple[date, date] | None, origin: str, refuse: bool = True
            ) -> tuple[list[SourceEntry], list[str], list[Problem]]:
    """Items of the events in the window: every one-off event (all of them when no window
    clips), the occurrences of recurring ones, RECURRENCE-ID overrides in their place."""
    singles = [e for e in events if e.series is None]
    series = [e for e in events if e.series is not None]
    masters = {e.uid for e in series if e.uid}
    moved: dict[str, list[datetime | date]] = {}
    futures: dict[str, list[_Event]] = {}  # RANGE=THISANDFUTURE overrides, by series
    for event in singles:
        if event.recurrence_id is not None and event.uid in masters:
            moved.setdefault(event.uid, []).append(event.recurrence_id)
            if event.this_and_future:
                futures.setdefault(event.uid, []).append(event)
    days = sorted(_day(e.start) for e in singles if e.recurrence_id is None or e.uid not in masters)
    spread = bool(days) and max(abs((d - days[len(days) // 2]).days) for d in (days[0], days[-1])) \
        > MAX_DAYS_FROM_MIDDLE
    warnings: list[str] = []
    problems: list[Problem] = []
    clip = True
    if first is not None or last is not None:
        low, high = first or date.min, last or date.max
        said = f"the dates asked for ({low if first else '…'} to {high if last else '…'})"
    elif known is not None and (series or spread):
        low, high = known
        said = f"the meeting's dates ({low} to {high})"
    elif spread and refuse:
        raise DataError(
            f"the calendar's events span {days[0]} to {days[-1]} ({_count(days, 'event')}): that is not "
            "the agenda of one meeting", path=origin,
            hint=f"import the meeting's days only; its busiest week: {_busiest_week(days)}")
    elif days:
        low, high, clip = days[0], days[-1], False
        said = f"the dates of its one-off events ({low} to {high})"
    else:
        firsts = [first_occurrence(e.series) for e in series if e.series is not None]
        low = min((d for d in firsts if d is not None), default=None) or min(
            first_start(e.series) for e in series if e.series is not None)
        high = low + timedelta(days=FIRST_DAYS - 1) if low < date(9999, 12, 1) else date.max
        said = f"the first {FIRST_DAYS} days of its repeating events ({low} to {high})"
    items: list[SourceEntry] = []
    left_out = 0
    for event in singles:
        override = event.recurrence_id is not None and event.uid in masters  # in its series' window
        if (clip or override) and not low <= _day(event.start) <= high:
            left_out += 1
            continue
        items.append(_at(event, event.start, event.end))
    empty = 0
    for event in series:
        assert event.series is not None
        zone = _zone_of(event.start)
        try:
            starts, cut = occurrences(event.series, max(low, date(1, 1, 2)), min(high, date(9998, 12, 31)))
        except ValueError as exc:
            problems.append(Problem(f"{event.who} not imported: {exc}", origin, event.line, 1))
            continue
        skip = {wall(r, zone) for r in moved.get(event.uid, [])}
        skip_days = {r for r in skip if not isinstance(r, datetime)}
        starts = [s for s in starts if s not in skip and _day(s) not in skip_days]
        if cut:
            warnings.append(f"{origin}:{event.line}: {event.who} repeats more than {len(starts)} times in "
                            f"{said}; only the first {len(starts)} are imported")
        if not starts:
            empty += 1
        length = _length(event.start, event.end)
        later = _from_then_on(futures.get(event.uid, []), zone)
        for when in starts:
            shown, shift, span = event, timedelta(0), length
            for since, future, moved_by, future_length in later:  # the latest that began
                if as_naive_datetime(since) <= as_naive_datetime(when):
                    shown, shift, span = future, moved_by, future_length
            start: datetime | date = when + shift
            start = start.replace(tzinfo=zone) if isinstance(start, datetime) else start
            try:
                end = start + span if span is not None else None
            except OverflowError:  # an end past the year 9999
                end = None
            items.append(_at(shown, start, end))
    if series:
        warnings.append(f"{origin}: repeating events are imported for {said}"
                        + (f"; {_count([1] * empty, 'repeating event')} {'has' if empty == 1 else 'have'} "
                           "no time in them" if empty else ""))
    if not items and refuse:
        raise DataError(f"none of the calendar's {_count(events, 'event')} falls in {said}", path=origin,
                        hint="give the days to import with --from-date and --to-date (YYYY-MM-DD)")
    if left_out:
        warnings.append(f"{origin}: {_count([1] * left_out, 'event')} outside {said} left out")
    return items, warnings, problems


def _from_then_on(overrides: list[_Event], zone: tzinfo | None
                  ) -> list[tuple[datetime | date, _Event, timedelta, timedelta | None]]:
    """The RANGE=THISANDFUTURE overrides of a series, earliest first: (the occurrence it
    replaces, as the series' wall clock; the override; how far it moved that occurrence, in
    wall-clock time; its length).  Each later occurrence moves as far and lasts as long."""
    out = []
    for override in overrides:
        assert override.recurrence_id is not None
        since = wall(override.recurrence_id, zone)
        start = wall(override.start, zone)
        if isinstance(since, datetime) and isinstance(start, datetime):
            moved_by = start.replace(tzinfo=None) - since.replace(tzinfo=None)
        else:
            moved_by = timedelta(days=(_day(start) - _day(since)).days)
        out.append((since, override, moved_by, _length(override.start, override.end)))
    return sorted(out, key=lambda entry: as_naive_datetime(entry[0]))


def _busiest_week(days: list[date]) -> str:
    """``--from-date D --to-date D+6`` for the 7 days with the most events (sorted ``days``)."""
    best, count, low = days[0], 0, 0
    for high, day in enumerate(days):
        while (day - days[low]).days >= FIRST_DAYS:
            low += 1
        if high - low + 1 > count:
            best, count = days[low], high - low + 1
    return f"--from-date {best} --to-date {best + timedelta(days=FIRST_DAYS - 1)} ({_count([1] * count, 'event')})"


def _length(start: date, end: date | None) -> timedelta | None:
    if end is None:
        return None
    if isinstance(start, datetime) and isinstance(end, datetime):
        # the same wall-clock length on every occurrence (RFC 5545 3.8.2.5: a nominal duration)
        return end.replace(tzinfo=None) - start.replace(tzinfo=None) if start.tzinfo is end.tzinfo \
            else end - start
    return end - start


def _at(event: _Event, start: datetime | date, end: datetime | date | None) -> SourceEntry:
    item = replace(event.item)
    _set_times(item, start, end)
    return item


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _zone_of(value: date) -> tzinfo | None:
    return value.tzinfo if isinstance(value, datetime) else None


class _Prop:
    """One property of an event: its parameters and its value as written."""

    __slots__ = ("params", "value")

    def __init__(self, params: dict[str, str], value: str) -> None:
        self.params = params
        self.value = value


class _Props(dict[str, list[_Prop]]):
    """An event's properties by name (a name may repeat), and the names of lines that
    could not be read as ``NAME;PARAM=VALUE:VALUE``."""

    unreadable: set[str]


_NAME = re.compile(r"[A-Za-z0-9-]+")
_ESCAPE = re.compile(r"\\([\\;,nN])")
_DURATION = re.compile(r"^\s*([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?\s*$", re.I)


def _read_event(lines: list[str]) -> _Props:
    """The properties of a VEVENT's lines (RFC 5545 3.1: unfolded, split at the first colon
    outside quotes).  A hand-written reader: icalendar's takes 0.5 ms an event, and would
    refuse the whole event for one bad line."""
    unfolded: list[str] = []
    for raw in lines[1:-1]:  # between BEGIN:VEVENT and END:VEVENT
        if raw[:1] in (" ", "\t") and unfolded:
            unfolded[-1] += raw[1:]
        elif raw.strip():
            unfolded.append(raw)
    props = _Props()
    props.unreadable = set()
    for line in unfolded:
        parsed = _content_line(line)
        if parsed is None:
            name_match = _NAME.match(line)
            props.unreadable.add(name_match.group().upper() if name_match else line[:20])
            continue
        name, params, value = parsed
        props.setdefault(name, []).append(_Prop(params, value))
    return props


def _content_line(line: str) -> tuple[str, dict[str, str], str] | None:
    name_match = _NAME.match(line)
    if name_match is None:
        return None
    name, at, end = name_match.group().upper(), name_match.end(), len(line)
    params: dict[str, str] = {}
    while at < end and line[at] == ";":
        eq = line.find("=", at + 1)
        if eq < 0:
            return None
        key, at = line[at + 1:eq].strip().upper(), eq + 1
        values: list[str] = []
        while True:
            if at < end and line[at] == '"':
                close = line.find('"', at + 1)
                if close < 0:
                    return None
                values.append(line[at + 1:close])
                at = close + 1
            else:
                stop = at
                while stop < end and line[stop] not in ';:,':
                    stop += 1
                values.append(line[at:stop])
                at = stop
            if at < end and line[at] == ",":
                at += 1
                continue
            break
        params.setdefault(key, ",".join(values))
    if at >= end or line[at] != ":":
        return None
    return name, params, line[at + 1:]


def _props(ev: _Props, name: str) -> list[_Prop]:
    return ev.get(name, [])


def _text(ev: Any, name: str) -> str:
    """A TEXT value, unescaped (``\\n`` a new line, ``\\,`` a comma); also for icalendar's
    components (a VTIMEZONE's TZID)."""
    if not isinstance(ev, _Props):
        value = ev.get(name)
        return str(value[0] if isinstance(value, list) else value) if value is not None else ""
    props = ev.get(name)
    if not props:
        return ""
    return _ESCAPE.sub(lambda found: "\n" if found.group(1) in "nN" else found.group(1), props[0].value)


def _param(prop: _Prop, name: str) -> str:
    return prop.params.get(name, "")


def _duration(text: str) -> timedelta | None:
    match = _DURATION.match(text)
    if match is None or not any(match.groups()[1:]):
        return None
    weeks, days, hours, minutes, seconds = (int(g or 0) for g in match.groups()[1:])
    length = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes, seconds=seconds)
    return -length if match.group(1) == "-" else length


def _value(prop: _Prop, name: str) -> datetime | date:
    """The date or date-time of a property (a PERIOD's start), read leniently (a stray
    space); _Skip when it is neither."""
    raw = prop.value.split("/", 1)[0]
    match = _VALUE.match(raw)
    if match:
        year, month, day, hour, minute, second, utc = match.groups()
        try:
            if hour is None:
                return date(int(year), int(month), int(day))
            moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        except ValueError:
            pass
        else:
            return moment.replace(tzinfo=timezone.utc) if utc else moment
    raise _Skip(f"{name} '{raw.strip()[:40]}' is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS)")


def _describe(ev: _Props, origin: str) -> tuple[SourceEntry, int | None]:
    """Every field of an event's item but its times; the meeting number it names."""
    uid = _text(ev, "UID").strip()
    summary = _clean(_text(ev, "SUMMARY"))
    description = _text(ev, "DESCRIPTION").replace("\r\n", "\n")
    ours = ics_ietfplan.our_event(uid, summary, description)
    if ours is not None:
        return _our_item(ev, ours, origin), ours.number
    number, acronym, name, is_dt = _identify(uid, summary)
    note, links = _description(description, is_dt)
    if is_dt and note and name.endswith(f" ({note})"):
        name = name[: -len(note) - 3]
    status, status_note = _status(_text(ev, "STATUS"))
    kind = kind_for(name or summary)
    url = _text(ev, "URL")
    item = SourceEntry(
        group=group_for(kind, acronym, name or summary),
        name=name,
        room=_clean(_text(ev, "LOCATION")),
        note="; ".join(n for n in (status_note, note) if n),
        kind=kind,
        status=status,
        links=(*links, ("agenda" if is_dt else "url", url)) if url else links,
        source=f"{FORMAT_DT if is_dt else FORMAT} {origin}" + (f" (UID {uid})" if uid else ""),
    )
    return item, number


def _set_times(item: SourceEntry, start: date, end: date | None) -> None:
    if isinstance(start, datetime):
        item.start = start
        item.end = end if isinstance(end, datetime) and end > start else None
    else:
        item.day = start
        if isinstance(end, date) and not isinstance(end, datetime) and end > start + timedelta(days=1):
            item.note = "; ".join(n for n in (item.note, f"all day until {end - timedelta(days=1)}") if n)


def _our_item(ev: _Props, ours: ics_ietfplan.Ours, origin: str) -> SourceEntry:
    """An event of ietfplan's own export, read back into the fields it was made from."""
    status, _ = _status(_text(ev, "STATUS"))
    via = f"via ietfplan's .ics export {origin}"
    return SourceEntry(
        group=ours.group,
        name=ours.name,
        room=_clean(_text(ev, "LOCATION")),
        note=ours.note,
        kind=kind_for(ours.name),
        status="rescheduled" if ours.rescheduled else status,
        links=tuple(ours.links),
        drafts=ours.drafts,
        source=f"{ours.source} ({via})" if ours.source else f"{FORMAT} {origin} ({via})",
        ours=True,
    )


def _our_rooms(draft: Draft) -> None:
    """ietfplan's export writes LOCATION as 'room, city': take the city off again."""
    ours = [i for i in draft.items if i.ours]
    city, rooms = ics_ietfplan.split_rooms([i.room for i in ours])
    for item, room in zip(ours, rooms, strict=True):
        item.room = room
    draft.city = draft.city or city


def _lines(lines: list[int], word: str = "") -> str:
    shown = ", ".join(str(n) for n in sorted(set(lines))[:8])
    more = f" and {len(set(lines)) - 8} more" if len(set(lines)) > 8 else ""
    prefix = f"{word}{'s' if len(set(lines)) > 1 else ''} " if word else ""
    return f"{prefix}{shown}{more}"


def _count(things: list[Any], word: str) -> str:
    return f"{len(things)} {word}{'' if len(things) == 1 else 's'}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _identify(uid: str, summary: str) -> tuple[int | None, str, str, bool]:
    """(meeting number, acronym, name, is Datatracker) from UID and SUMMARY."""
    for pattern, group_at in ((_UID_NEW, 3), (_UID_OLD, 2)):
        match = pattern.match(uid)
        if match:
            acronym = match.group(group_at).lower()
            heading = _SUMMARY_ACRONYM.match(summary)
            if heading and heading.group(1).lower() == acronym:
                return int(match.group(1)), acronym, heading.group(2).strip(), True
            return int(match.group(1)), "" if acronym == "break" else acronym, summary, True
    match = _UID_OURS.match(uid)
    if match:
        inner = _OURS_SUMMARY.match(summary)
        title = inner.group(1) if inner else summary
        heading = _SUMMARY_ACRONYM.match(title)
        name = (heading.group(2).strip()
                if heading and heading.group(1).lower() == match.group(2) else "")
        return int(match.group(1)), match.group(2), name, False
    heading = _SUMMARY_ACRONYM.match(summary)
    if heading and (heading.group(1).islower() or heading.group(1).isupper()):
        return None, heading.group(1).lower(), heading.group(2).strip(), False
    return None, "", summary, False


def _description(text: str, is_dt: bool) -> tuple[str, tuple[tuple[str, str], ...]]:
    """(note, links) from DESCRIPTION: the Datatracker's lines are picked apart."""
    if not text.strip():
        return "", ()
    if not is_dt:
        return _clean(text.strip()), ()
    note = ""
    links: list[tuple[str, str]] = []
    for raw in text.split("\n"):
        match = _LINK_LINE.match(raw)
        if match:
            links.append((ics_link_name(match.group(1)), match.group(2)))
        elif raw.strip().startswith("Note:"):
            note = raw.strip()[5:].strip()
    return note, tuple(links)


def _status(raw: str) -> tuple[str, str]:
    value = raw.strip().upper()
    if not value:
        return "scheduled", ""
    if value.startswith("RESCHEDULED"):
        return "rescheduled", raw.strip().capitalize()
    return _STATUS.get(value, "scheduled"), "" if value in _STATUS else f"status {raw.strip()}"


def _clean(text: str) -> str:
    return " ".join(text.split()) if "\n" in text or "\r" in text else text.strip()


def decode_legacy(raw: bytes) -> str | None:
    """The text of an iCalendar file that is not UTF-8, read as Windows-1252 (a superset of
    Latin-1's letters); None when the bytes are not an iCalendar file or hold
    NUL bytes (binary)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.lstrip(b" \t\r\n")[:15].upper().startswith(b"BEGIN:VCALENDAR") or b"\x00" in raw:
        return None
    return raw.decode("cp1252", errors="replace")  # 5 bytes Windows-1252 leaves undefined: U+FFFD


