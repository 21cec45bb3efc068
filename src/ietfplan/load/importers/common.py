"""What every importer produces: items (one per agenda entry) in a Draft.

An importer only reads its format.  Turning items into a Meeting (zone, dates, ids,
plausibility) is ``build.py``'s job, so every format gets the same checks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from ietfplan.errors import DataError, Problem

_WORD = re.compile(r"[^a-z0-9]+")


@dataclass
class SourceEntry:
    """One agenda entry as a source states it.

    ``start``/``end`` are aware (any zone) or naive: naive means wall-clock time in the
    meeting's zone ("floating"), as agenda.csv and the ISOC posts give it.  ``day`` is
    set for entries without a time.  ``label`` is a zone label written next to the time
    (``UTC-4``) that must agree with the meeting's zone.
    """

    group: str
    name: str = ""
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    area: str = ""
    room: str = ""
    note: str = ""
    kind: str = "session"
    status: str = "scheduled"
    links: tuple[tuple[str, str], ...] = ()
    drafts: tuple[str, ...] = ()
    source: str = ""
    label: str = ""
    ours: bool = False  # read from ietfplan's own .ics export
    line: int = 0  # position in the imported source, for messages
    column: int = 0
    bof: bool = False
    datatracker_id: str = ""  # the Datatracker's session id
    group_type: str = ""


@dataclass
class Draft:
    """What one source says: its items and what it tells about the meeting."""

    fmt: str  # human name of the format, e.g. "Datatracker agenda.json"
    origin: str  # path, URL or "<stdin>"
    items: list[SourceEntry] = field(default_factory=list)
    number: int | None = None
    mentions: tuple[int, ...] = ()  # meeting numbers the source mentions when it is unsure
    timezone: str = ""  # IANA zone the source states ('' when it does not)
    city: str = ""
    warnings: list[str] = field(default_factory=list)
    country: str = ""
    first_day: date | None = None  # the meeting's first and last day, where the source says
    last_day: date | None = None
    # What was imported with problems (entries skipped, zones assumed): also in ``warnings``;
    # ``--strict`` refuses the source for them, otherwise the import exits with EXIT_PROBLEMS.
    problems: list[Problem] = field(default_factory=list)
    # Set by importers whose entries depend on the meeting's dates (recurring .ics events):
    # app.importing calls it with the window asked for (first, last day; None = open), the
    # known meeting's dates and whether the user gave the zone, before building sessions;
    # it replaces the items.
    reshape: Callable[[date | None, date | None, tuple[date, date] | None, bool], None] | None = None


def data_error(origin: str, message: str, line: int = 0, column: int = 0, hint: str = "") -> DataError:
    return DataError(message, path=origin, line=line, column=column, hint=hint)


def raise_problems(problems: list[Problem], limit: int = 20) -> None:
    """Raise all problems found (the first ``limit``, then a count of the rest)."""
    if not problems:
        return
    shown = sorted(problems, key=lambda problem: (problem.line, problem.column))[:limit]
    if len(problems) > limit:
        shown.append(Problem(f"... and {len(problems) - limit} more problems like these"))
    raise DataError(problems=shown)


def slug(text: str, fallback: str = "event") -> str:
    """``Coffee Break`` → ``coffee-break``: a group name for entries that have none."""
    slugged = _WORD.sub("-", text.lower()).strip("-")[:40].strip("-")
    return slugged or fallback


_OFFICE = re.compile(r"\boffice\s*hours?\b", re.I)
_PLENARY = re.compile(r"\bplenary\b", re.I)
_REG = re.compile(r"\bregistration\b", re.I)
_BREAK = re.compile(r"\bbreak\b|^\s*(?:morning |afternoon )?(?:lunch|breakfast|coffee|beverages?|snacks?)\s*$",
                    re.I)
_SOCIAL = re.compile(r"\b(social|reception|dinner|happy hour|gathering)\b", re.I)
WORKING_GROUP_TYPES = ("wg", "rg", "ag", "rag")


def kind_for(name: str, group_type: str = "", default: str = "session") -> str:
    """The kind of an agenda entry from its name and (Datatracker) group type.

    Working and research groups hold sessions unless the name says office hours;
    other entries are recognised by their names (plenary, registration, break, social).
    """
    if _OFFICE.search(name):
        return "office-hours"
    if group_type.lower() in WORKING_GROUP_TYPES:
        return "session"
    for pattern, kind in ((_PLENARY, "plenary"), (_REG, "registration"), (_BREAK, "break"),
                          (_SOCIAL, "social")):
        if pattern.search(name):
            return kind
    return default


# Datatracker SessionStatusName slugs → ietfplan statuses.
DATATRACKER_STATUS = {
    "sched": "scheduled", "scheda": "scheduled",
    "canceled": "cancelled", "canceledpa": "cancelled",
    "resched": "rescheduled",
    "apprw": "tentative", "appr": "tentative", "schedw": "tentative",
    "notmeet": "cancelled", "disappr": "cancelled", "deleted": "cancelled",
}  # fmt: skip


def group_for(kind: str, acronym: str, name: str) -> str:
    """The group of an entry: its acronym; for breaks and registration the kind itself
    (the Datatracker files those under 'secretariat', which tells a reader nothing)."""
    acronym = acronym.strip().lower()
    if kind in ("break", "registration") and acronym in ("", "secretariat"):
        return kind
    return acronym or slug(name)
