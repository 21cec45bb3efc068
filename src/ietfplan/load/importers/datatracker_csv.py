"""The Datatracker's ``agenda.csv`` (meeting-local times) and ``agenda-utc.csv`` (UTC).

Follows ``agenda_csv`` in ietf/meeting/views.py (ietf-tools/datatracker): every field
quoted; columns Date, Start, End (``HHMM``), Session, Room, Area, Acronym, Type,
Description, Session ID, Agenda, Slides.  Row shapes by slot type: breaks have
Session "Break" and an id ``b<n>``; registration "Registration" and ``r<n>``; "other"
slots have Session "None" (and the parent group in Type); plenaries have the session's
name in Session and Description and empty Area/Type; regular sessions have the slot
name ("Monday Session I"), the area, acronym, group type ("WG", "BOF") and group name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, timezone

from ietfplan.errors import Problem
from ietfplan.load.importers.common import (
    Draft,
    SourceEntry,
    data_error,
    group_for,
    kind_for,
    raise_problems,
)
from ietfplan.suggest import hint_for

FORMAT = "Datatracker agenda.csv"
FORMAT_UTC = "Datatracker agenda-utc.csv"
# The kinds of link a session can have (``_row``: the Agenda column; Slides is not read),
# for an import over a previous version (see load.importers.carried_links).
LINKS = {FORMAT: frozenset({"agenda"}), FORMAT_UTC: frozenset({"agenda"})}
COLUMNS = ("Date", "Start", "End", "Session", "Room", "Area", "Acronym", "Type", "Description",
           "Session ID", "Agenda", "Slides")
REQUIRED = ("Date", "Start", "End", "Session", "Room", "Acronym", "Description")
_HHMM = re.compile(r"^(\d{2})(\d{2})$")
_MEETING_IN_URL = re.compile(r"/(?:proceedings|meeting)/(\d+)/")


def parse(text: str, origin: str, *, utc: bool = False) -> Draft:
    import csv

    fmt = FORMAT_UTC if utc else FORMAT
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise data_error(origin, "the CSV file is empty", hint=_header_hint()) from None
    except csv.Error as exc:
        raise data_error(origin, f"CSV syntax: {exc}", 1) from None
    columns = {name.strip().lstrip("\ufeff").lower(): i for i, name in enumerate(header)}
    missing = [c for c in REQUIRED if c.lower() not in columns]
    if missing:
        unknown = [h for h in header if h.strip().lower() not in {c.lower() for c in COLUMNS}]
        hints = [h for h in (hint_for(u, COLUMNS, "column") for u in unknown) if h]
        raise data_error(origin, f"missing column(s) {', '.join(missing)}; this is not a Datatracker "
                         "agenda.csv", 1, 1, "; ".join(hints) or _header_hint())
    draft = Draft(fmt, origin)
    problems: list[Problem] = []
    numbers: set[int] = set()
    line = 1
    while True:
        row_line = line + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise data_error(origin, f"CSV syntax: {exc}", reader.line_num) from None
        line = reader.line_num
        if not any(f.strip() for f in row):
            continue
        if len(row) < len(header):
            problems.append(Problem(f"row has {len(row)} fields, the header has {len(header)}",
                                    origin, row_line, 1, "the file may be cut short; download it again"))
            continue

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name.lower())
            return row[index].strip() if index is not None else ""

        try:
            item = _row(cell, utc)
        except _CellError as exc:
            col = _column(lines[row_line - 1] if row_line <= len(lines) else "", columns[exc.column.lower()])
            problems.append(Problem(str(exc), origin, row_line, col, exc.hint))
            continue
        item.source = f"{fmt} {origin}" + (f" (session {sid})" if (sid := cell("Session ID")) else "")
        item.line = row_line
        draft.items.append(item)
        match = _MEETING_IN_URL.search(cell("Agenda"))
        if match:
            numbers.add(int(match.group(1)))
    raise_problems(problems)
    if len(numbers) == 1:
        draft.number = numbers.pop()
    return draft


class _CellError(ValueError):
    def __init__(self, column: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.column = column
        self.hint = hint


def _row(cell: Callable[[str], str], utc: bool) -> SourceEntry:
    day = _date(cell("Date"))
    start = _clock(cell("Start"), "Start")
    end = _clock(cell("End"), "End")
    session, acronym, sid = cell("Session"), cell("Acronym"), cell("Session ID")
    description = cell("Description")
    area, bof = cell("Area"), False
    if sid.startswith("b") or (session == "Break" and not acronym):
        kind = "break"
    elif sid.startswith("r") or (session == "Registration" and not acronym):
        kind = "registration"
    elif session == "None":  # an "other" slot: the Type column holds the parent group
        kind, area = kind_for(description, default="other"), cell("Type")
    elif not cell("Type") and not area:  # a plenary slot
        kind = kind_for(description, default="plenary")
    else:
        kind = kind_for(description, "wg")
        bof = cell("Type") == "BOF"
    start_dt = end_dt = None
    if start is not None:
        start_dt = datetime.combine(day, start)
        if end is not None:
            end_dt = datetime.combine(day, end)
            if end_dt < start_dt:  # runs past midnight
                end_dt += timedelta(days=1)
        if utc:
            start_dt = start_dt.replace(tzinfo=timezone.utc)
            end_dt = end_dt.replace(tzinfo=timezone.utc) if end_dt else None
    agenda = cell("Agenda")
    return SourceEntry(
        group=group_for(kind, acronym, description),
        name=description,
        start=start_dt,
        end=end_dt if end_dt != start_dt else None,
        day=day,
        area=area.lower(),
        room=cell("Room"),
        kind=kind,
        links=(("agenda", agenda),) if agenda else (),
        bof=bof,
    )



def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _CellError("Date", f"Date '{text}' is not a date like 2018-07-17") from None


def _clock(text: str, column: str) -> time | None:
    if not text:
        return None
    match = _HHMM.match(text)
    if not match or int(match.group(1)) > 24 or int(match.group(2)) > 59:
        raise _CellError(column, f"{column} '{text}' is not a time like 0930 (HHMM)")
    hours, mins = int(match.group(1)), int(match.group(2))
    return time(0, 0) if hours == 24 and mins == 0 else time(hours % 24, mins)


def _column(raw: str, index: int) -> int:
    """1-based column where field ``index`` starts in a CSV line (quotes understood)."""
    field, quoted, pos = 0, False, 0
    while pos < len(raw) and field < index:
        ch = raw[pos]
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            field += 1
        pos += 1
    return pos + 1


def _header_hint() -> str:
    return "a Datatracker agenda.csv starts with " + ",".join(f'"{c}"' for c in COLUMNS)
