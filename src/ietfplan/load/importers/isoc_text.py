"""Session lists as the ISOC blog posts write them.

    Tuesday, 17 July 2018
      • Distributed Mobility Management (dmm) – Van Horne @ 09.30-12.00 UTC-4

A date heading, then one line per session: name, (acronym), optionally ``– room``,
``@`` and a time or range with an optional zone label.  Prose around the list is
ignored; a line that looks like a session but cannot be read is an error.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ietfplan import timefmt
from ietfplan.errors import Problem
from ietfplan.load.importers.common import Draft, SourceEntry, data_error, kind_for, raise_problems

FORMAT = "ISOC-style session list"
LINKS: dict[str, frozenset[str]] = {FORMAT: frozenset()}  # no links (see load.importers.carried_links)
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_WD = r"(?P<wd>mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_HEADINGS = (
    re.compile(rf"^\s*{_WD},?\s+{_DAY}\s+{_MON},?\s+(?P<y>\d{{4}})\s*:?\s*$", re.I),
    re.compile(rf"^\s*{_WD},?\s+{_MON}\s+{_DAY},?\s+(?P<y>\d{{4}})\s*:?\s*$", re.I),
)
_BULLET = r"(?:[•*·▪◦-]\s+)?"
_SESSION = re.compile(
    rf"^\s*{_BULLET}(?P<name>.*?)\s*\((?P<acr>[A-Za-z0-9][A-Za-z0-9-]*)\)"
    r"\s*(?:[–—-]\s*(?P<room>[^@]*?)\s*)?@\s*(?P<time>.+?)\s*$"
)
_LOOKS_LIKE = re.compile(r"\([A-Za-z0-9-]+\).*@|@\s*\d{1,2}[.:h]?\d{2}")
_MEETING = re.compile(r"\bIETF\s*(\d{2,3})\b")


def looks_like(text: str) -> bool:
    """True when the text has a date heading and something like a session line."""
    lines = text.splitlines()[:5000]
    return any(h.match(line) for line in lines for h in _HEADINGS) and \
        any(_SESSION.match(line) or _almost(line) for line in lines)


def _almost(line: str) -> bool:
    return "(" in line and _LOOKS_LIKE.search(line) is not None


def parse(text: str, origin: str) -> Draft:
    draft = Draft(FORMAT, origin)
    problems: list[Problem] = []
    day: date | None = None
    bad_heading = False  # sessions under a wrong heading are not reported again
    for number, raw in enumerate(text.splitlines(), 1):
        heading = _heading(raw)
        if heading is not None:
            bad_heading = isinstance(heading, str)
            if isinstance(heading, str):
                problems.append(Problem(heading, origin, number, 1))
                day = None
            else:
                day = heading
            continue
        match = _SESSION.match(raw)
        if match is None:
            if _almost(raw):
                problems.append(Problem(
                    "cannot read this session line", origin, number, 1,
                    "write it like: Distributed Mobility Management (dmm) – Van Horne @ 09.30-12.00 UTC-4"))
            continue
        if day is None:
            if bad_heading:
                continue
            problems.append(Problem("a session before any date heading", origin, number, 1,
                                    "put a heading like 'Tuesday, 17 July 2018' above it"))
            continue
        try:
            start, end, label = timefmt.parse_time_range(match.group("time"))
        except ValueError as exc:
            problems.append(Problem(str(exc), origin, number, match.start("time") + 1))
            continue
        name = match.group("name").strip()
        draft.items.append(SourceEntry(
            group=match.group("acr").lower(),
            name=name,
            start=datetime.combine(day, start),
            end=datetime.combine(day, end) if end is not None else None,
            day=day,
            room=(match.group("room") or "").strip(),
            kind=kind_for(name, "wg"),
            source=f"{FORMAT} {origin} (line {number})",
            label=label,
            line=number,
            column=match.start("time") + 1,
        ))
    raise_problems(problems)
    if not draft.items:
        raise data_error(origin, "no session lines found", hint=(
            "expected a date heading like 'Tuesday, 17 July 2018' followed by lines like "
            "'Distributed Mobility Management (dmm) – Van Horne @ 09.30-12.00 UTC-4'"))
    found = sorted({int(n) for n in _MEETING.findall(text)})
    if len(found) == 1:
        draft.number = found[0]
    draft.mentions = tuple(found)
    return draft


def _heading(raw: str) -> date | str | None:
    """The date of a heading line; an error message if it is a wrong date; else None."""
    for pattern in _HEADINGS:
        match = pattern.match(raw)
        if match is None:
            continue
        month = next(i for i, name in enumerate(MONTHS, 1) if name.startswith(match.group("mon").lower()[:3]))
        try:
            day = date(int(match.group("y")), month, int(match.group("d")))
        except ValueError as exc:
            return f"'{raw.strip()}' is not a real date ({exc})"
        said = timefmt.parse_weekday(match.group("wd"))
        if said != day.weekday():
            return (f"'{raw.strip()}': {day:%d %B %Y} is a {day:%A}, not a "
                    f"{timefmt.WEEKDAY_NAMES[said].capitalize()}")
        return day
    return None
