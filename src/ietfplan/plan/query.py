"""From what the user typed to what is shown: meetings, filters, day → Listings.

This is the library entry point behind ``agenda``/``today``/``tomorrow``; the CLI
only parses arguments into a Query and renders the Result.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from pathlib import Path

from ietfplan.load.catalog import Catalog
from ietfplan.load.index import MeetingHeader
from ietfplan.model import Meeting, Session
from ietfplan.plan.clashes import clash_map
from ietfplan.plan.select import (
    Filters,
    resolve_areas,
    resolve_groups,
    resolve_kinds,
    resolve_topics,
    resolve_when,
    select,
    session_day,
)
from ietfplan.zones import DEFAULT_NIGHT, Night

# Listing and Result are plain classes, not dataclasses, and Query a dataclass with only
# __init__ generated: making the dataclass methods was ~1.5 ms of every listing's
# start-up (issue #8).  Nothing compares, hashes or prints them.


class Listing:
    """Sessions of one meeting as one command wants them shown."""

    __slots__ = ("_clashes_with", "empty_message", "meeting", "night", "sessions", "title", "zone")

    def __init__(self, meeting: Meeting, sessions: list[Session], title: str = "",
                 zone: tzinfo | None = None, empty_message: str = "no sessions match",
                 clashes_with: dict[str, list[str]] | None = None, *,
                 find_clashes: bool = False, night: Night = DEFAULT_NIGHT) -> None:
        self.meeting = meeting
        self.sessions = sessions
        self.title = title
        self.zone = zone  # display zone; None = the meeting's zone
        self.night = night  # the user's night hours, flagged in the display zone
        self.empty_message = empty_message
        self._clashes_with = clashes_with if clashes_with is not None or find_clashes else {}

    @property
    def clashes_with(self) -> dict[str, list[str]]:
        """Session id → the ids of the listed sessions it clashes with; with
        ``find_clashes``, worked out on first use (a clash report never asks)."""
        if self._clashes_with is None:
            self._clashes_with = clash_map(self.meeting, self.sessions)
        return self._clashes_with

    @property
    def display_zone(self) -> tzinfo:
        return self.zone if self.zone is not None else self.meeting.tz


@dataclass(frozen=True, repr=False, eq=False)
class DisplayPrefs:
    """The user's display settings, resolved (the application layer reads the config file):
    the zone to show times in, per meeting or for all (None: the meeting's own zone), and
    the night hours to flag."""

    zone: tzinfo | None = None
    meeting_zones: Mapping[int, tzinfo | None] = field(default_factory=dict)
    night: Night = DEFAULT_NIGHT

    def zone_for(self, number: int | None) -> tzinfo | None:
        if number is not None and number in self.meeting_zones:
            return self.meeting_zones[number]
        return self.zone


@dataclass(repr=False, eq=False)
class Query:
    """What to list; ``dataclasses.replace()`` makes variants (never changed in place)."""

    when: str | None = None
    topics: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    rooms: tuple[str, ...] = ()
    search: str = ""
    meeting: int | None = None
    files: tuple[str, ...] = ()
    zone: tzinfo | None = None  # display zone (and the zone 'today' is in)
    picks: bool = False  # only the user's picks (see plan/picks.py)
    use_default_zone: bool = True  # zone None → prefs' zone for each meeting
    prefs: DisplayPrefs = field(default_factory=DisplayPrefs)
    picks_dir: Path | None = None  # where picks are kept; None: no picks
    kinds: tuple[str, ...] = ()  # --kind: only these kinds (names as typed; 'all')
    hide_kinds: tuple[str, ...] = ()  # left out when no --kind or group asks for them


class Result:
    __slots__ = ("listings", "notes")

    def __init__(self, listings: list[Listing], notes: list[str] | None = None) -> None:
        self.listings = listings
        self.notes: list[str] = notes if notes is not None else []  # for stderr: which meeting was chosen, ...

    @property
    def sessions(self) -> list[Session]:
        return [s for listing in self.listings for s in listing.sessions]


def pick_meetings(catalog: Catalog, query: Query, now: datetime) -> tuple[list[Meeting], list[str]]:
    """The meetings a query is about, and a note when ietfplan chose for the user."""
    if query.files:
        return [catalog.load_file(f) for f in query.files], []
    if query.meeting is not None:
        return [catalog.by_number(query.meeting)], []
    meeting, why = catalog.choose(now)
    notes = [] if why == "in progress" else [
        f"Showing {meeting.title} ({span(meeting)}), {why}; use --meeting N for another"
        + (f", or get a newer one with: ietfplan import {likely_number(now.date())} (likely the "
           "current meeting)." if why == "the latest meeting" else ".")
    ]
    return [meeting], notes


def span(meeting: Meeting | MeetingHeader) -> str:
    if meeting.start.year != meeting.end.year:
        return f"{meeting.start:%-d %b %Y} – {meeting.end:%-d %b %Y}"
    if meeting.start.month != meeting.end.month:
        return f"{meeting.start:%-d %b} – {meeting.end:%-d %b %Y}"
    return f"{meeting.start.day}–{meeting.end:%-d %b %Y}"


def _other_days(meeting: Meeting, filters: Filters, hide: Collection[str],
                picked: Collection[str] | None) -> str:
    """For a day with no match: the meeting's days on which the same filters match, e.g.
    'No sessions match on that day; they do on Wed 18 Jul and Thu 19 Jul.' ('' if none)."""
    assert filters.day is not None
    every_day = Filters(topics=filters.topics, groups=filters.groups, areas=filters.areas,
                        rooms=filters.rooms, search=filters.search, kinds=filters.kinds)
    days = sorted({session_day(session, filters.day_zone) for session in select(meeting, every_day)
                   if session.kind not in hide and (picked is None or session.id in picked)})
    if not days:
        return ""
    shown = [f"{other:%a} {other.day} {other:%b}" for other in days]
    if len(shown) > 6:
        listed = ", ".join(shown[:6]) + f" and {len(shown) - 6} more days"
    elif len(shown) > 1:
        listed = ", ".join(shown[:-1]) + f" and {shown[-1]}"
    else:
        listed = shown[0]
    return f"No sessions match on that day; they do on {listed}."


def run_query(catalog: Catalog, query: Query, now: datetime) -> Result:
    meetings, chose = pick_meetings(catalog, query, now)  # chose: why this meeting, if ietfplan chose
    notes = [*chose, *(f"warning: {w}" for meeting in meetings for w in meeting.warnings)]  # e.g. DST rules
    topics = resolve_topics(query.topics, catalog.topics)
    groups = resolve_groups(query.groups, meetings)
    areas = resolve_areas(query.areas, meetings)
    kinds = resolve_kinds(query.kinds)
    hide = () if kinds or groups else query.hide_kinds
    hidden: dict[str, int] = {}
    listings: list[Listing] = []
    for meeting in meetings:
        zone = query.zone
        if zone is None and query.use_default_zone:
            zone = query.prefs.zone_for(meeting.number)
        day = resolve_when(query.when, meeting, now, zone)
        filters = Filters(
            topics=topics,
            groups=groups,
            areas=areas,
            rooms=tuple(r.lower() for r in query.rooms),
            search=query.search,
            day=day,
            day_zone=zone,
            kinds=kinds,
        )
        sessions = select(meeting, filters)
        if hide:
            for session in sessions:
                if session.kind in hide:
                    hidden[session.kind] = hidden.get(session.kind, 0) + 1
            sessions = [session for session in sessions if session.kind not in hide]
        chosen: set[str] = set()
        warnings: list[str] = []
        if query.picks:
            from ietfplan.plan.picks import picks_of

            chosen, warnings = picks_of(query.picks_dir, meeting)
            notes += warnings
            sessions = [session for session in sessions if session.id in chosen]
        title_parts = [meeting.title]
        if day is not None:
            in_zone = f" ({zone} days)" if zone is not None and str(zone) != str(meeting.tz) else ""
            title_parts.append(f"{day:%A} {day.day} {day:%B %Y}{in_zone}")
        if topics:
            title_parts.append("topic " + " or ".join(topics))
        if groups:
            title_parts.append(" or ".join(g.upper() for g in groups))
        listing = Listing(meeting, sessions, " — ".join(title_parts), zone, find_clashes=True,
                          night=query.prefs.night)
        if day is not None and not meeting.contains(day):
            word = f"{query.when} ({day})" if query.when and query.when[0].isalpha() else str(day)
            if chose:  # ietfplan chose the meeting: say there is none that day
                listing.empty_message = (
                    f"No IETF meeting {word}. The nearest is {meeting.title}, {span(meeting)}: "
                    f"ietfplan agenda --meeting {meeting.number}. The meeting of that time is likely "
                    f"IETF {likely_number(day)}; get its agenda with: ietfplan import {likely_number(day)}"
                )
                notes = [n for n in notes if n not in chose]
            else:
                whole = f"--file {meeting.path}" if query.files else f"--meeting {meeting.number}"
                listing.empty_message = (
                    f"{meeting.title} runs {span(meeting)}; {word} is outside it. "
                    f"See the whole meeting with: ietfplan agenda {whole}"
                )
            listing.title = meeting.title
        elif not sessions:
            listing.empty_message = "No sessions match" + (" on that day." if day else ".")
            if day is not None:
                listing.empty_message = _other_days(
                    meeting, filters, hide, chosen if query.picks else None) or listing.empty_message
        if query.picks and not chosen and (day is None or meeting.contains(day)):
            listing.empty_message = (
                f"None of your picks is in {meeting.title} (see the warnings)." if warnings else
                f"You have no picks for {meeting.title}; add some with "
                f"`ietfplan pick add GROUP --meeting {meeting.number}`.")
        listings.append(listing)
    if hidden:
        what = " and ".join(f"{n} {kind}" + ("" if n == 1 else "s") for kind, n in sorted(hidden.items()))
        shown = " ".join(f"--kind {kind}" for kind in sorted(hidden))
        notes.append(f"{what} not shown; add {shown} (or --kind all) to show them")
    return Result(listings, notes)


def likely_number(day: date) -> int:
    """The IETF meeting in progress or next on ``day``, by the cadence of three a year
    (March, July, November; IETF 125 was in March 2026): a hint, not a fact."""
    season = 0 if (day.month, day.day) <= (3, 31) else 1 if (day.month, day.day) <= (7, 31) \
        else 2 if (day.month, day.day) <= (11, 30) else 3
    return 125 + 3 * (day.year - 2026) + season
