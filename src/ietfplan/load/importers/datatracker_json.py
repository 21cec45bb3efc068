"""The Datatracker's ``/meeting/<n>/agenda.json``.

Follows ``agenda_json`` in ietf/meeting/views.py (ietf-tools/datatracker): one object
``{"<number>": [...]}`` whose list mixes ``objtype`` "session", "location" and
"parent" objects.  A session has ``start`` (UTC, ``%Y-%m-%dT%H:%M:%SZ``), ``duration``
(``str(timedelta)``: ``2:30:00``), ``location`` (room name), ``name`` (the session's
own name or else the group's), ``group`` {acronym, name, type, state, parent},
``status`` (a SessionStatusName slug), ``agenda_note``, ``agenda``/``minutes`` (URLs),
``session_id``, ``is_bof``, ``presentations`` (slide decks: name, rev, title, order) and
``remote_instructions``.  Breaks and registration are not in agenda.json (the view
excludes them).  Each session gets the links the Datatracker shows for it (dtlinks.py).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from ietfplan.errors import Problem
from ietfplan.load.importers import dtlinks
from ietfplan.load.importers.common import (
    DATATRACKER_STATUS,
    Draft,
    SourceEntry,
    data_error,
    group_for,
    kind_for,
    raise_problems,
)

FORMAT = "Datatracker agenda.json"
# The kinds of link (dtlinks.link_kind) a session can have (``_entry``), and the names
# agenda.ics gives the same addresses (for an import over a previous version; see
# load.importers.carried_links).
LINKS = {FORMAT: frozenset({*dtlinks.LINK_ORDER, *(dtlinks.ics_link_name(line)
                                                   for line, name in dtlinks.ICS_LINK_LINES.items() if name)})}
_DURATION = re.compile(r"^(?:(\d+) days?, )?(\d+):(\d{2}):(\d{2})(?:\.\d+)?$")


def parse_timedelta_text(text: str) -> timedelta:
    """``2:30:00`` / ``1 day, 0:00:00`` (Python's str(timedelta)) → timedelta."""
    match = _DURATION.match(text.strip())
    if not match:
        raise ValueError(f"duration '{text}' is not like 2:30:00")
    days, hours, mins, secs = (int(g or 0) for g in match.groups())
    return timedelta(days=days, hours=hours, minutes=mins, seconds=secs)


def parse_start(text: str) -> datetime:
    raw = text.strip()
    try:
        if not raw.endswith("Z") or len(raw) != 20:
            raise ValueError
        return datetime.fromisoformat(raw[:-1]).replace(tzinfo=timezone.utc)
    except ValueError:
        raise ValueError(f"start '{text}' is not a UTC time like 2018-07-17T13:30:00Z") from None


def parse(text: str, origin: str) -> Draft:
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise data_error(origin, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno,
                         "the file may be cut short; download it again") from None
    shape_hint = 'agenda.json looks like {"102": [{"objtype": "session", ...}, ...]}'
    if not isinstance(data, dict) or len(data) != 1:
        raise data_error(origin, "this JSON is not a Datatracker agenda.json", 1, 1, shape_hint)
    key, entries = next(iter(data.items()))
    if not isinstance(entries, list):
        raise data_error(origin, f"'{key}' should hold a list of sessions", 1, 1, shape_hint)
    draft = Draft(FORMAT, origin, number=int(key) if str(key).isdigit() else None)
    problems: list[Problem] = []
    locate = _Locator(text)
    skipped = 0
    number = draft.number or 0
    first_day = _first_day(entries)
    for index, obj in enumerate(entries):
        if not isinstance(obj, dict):
            problems.append(Problem(f"entry {index + 1} is not an object", origin))
            continue
        if obj.get("objtype", "session") != "session":
            continue
        try:
            item = _session(obj, origin, number, first_day)
        except ValueError as exc:
            line, col = locate(obj.get("id"))
            problems.append(Problem(f"session {_label(obj, index)}: {exc}", origin, line, col))
            continue
        if item is None:
            skipped += 1
            continue
        item.line, item.column = locate(obj.get("id"))
        draft.items.append(item)
    raise_problems(problems)
    if skipped:
        draft.warnings.append(f"{skipped} session(s) without a start time were left out")
    return draft


def _first_day(entries: list[Any]) -> date | None:
    """The earliest session day: it stands for the meeting's date (Meeting.date), which
    agenda.json does not give, in the era rules of dtlinks (a cut-off months away from
    any meeting)."""
    days: list[date] = []
    for obj in entries:
        raw = obj.get("start") if isinstance(obj, dict) else None
        if isinstance(raw, str):
            try:
                days.append(parse_start(raw).date())
            except ValueError:
                continue
    return min(days) if days else None


def _session(obj: dict[str, Any], origin: str, number: int = 0,
             first_day: date | None = None) -> SourceEntry | None:
    group = obj.get("group") or {}
    if not isinstance(group, dict):
        raise ValueError("'group' should be an object with 'acronym'")
    acronym = _text(group, "acronym")
    name = _text(obj, "name") or _text(group, "name")
    if not acronym and not name:
        raise ValueError("has neither a group acronym nor a name")
    raw_start = obj.get("start")
    if raw_start is None:
        return None
    start = parse_start(_need_text(obj, "start"))
    end = start + parse_timedelta_text(_need_text(obj, "duration")) if obj.get("duration") else None
    kind = kind_for(name, _text(group, "type"), default="other")
    raw_status = _text(obj, "status") or "sched"
    status = DATATRACKER_STATUS.get(raw_status, "tentative")
    agenda_note = _text(obj, "agenda_note")
    notes = [agenda_note] if agenda_note else []
    if raw_status not in DATATRACKER_STATUS:
        notes.append(f"Datatracker status '{raw_status}'")
    links = [(k, url) for k in ("agenda", "minutes") if isinstance(url := obj.get(k), str) and url]
    session_id = obj.get("session_id")
    if number:
        links += dtlinks.slide_links(number, obj.get("presentations"))
        if first_day is not None:
            links += dtlinks.derived_links(dtlinks.SessionFacts(
                number=number, acronym=acronym.lower(), kind=kind, group_type=_text(group, "type"),
                session_id=session_id if isinstance(session_id, int) else None,
                meeting_date=first_day, cancelled=status == "cancelled", agenda_note=agenda_note,
                remote_instructions=_text(obj, "remote_instructions")))
    return SourceEntry(
        group=group_for(kind, acronym, name),
        name=name,
        start=start,
        end=end if end is not None and end > start else None,
        area=_text(group, "parent").lower(),
        room=_text(obj, "location"),
        note=". ".join(notes),
        kind=kind,
        status=status,
        links=tuple(links),
        source=f"{FORMAT} {origin}" + (f" (session {session_id})" if session_id is not None else ""),
        bof=obj.get("is_bof") is True,
        datatracker_id=str(session_id) if isinstance(session_id, int) else "",
        group_type=_text(group, "type").lower(),
    )


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int)):
        raise ValueError(f"'{key}' should be text, not {type(value).__name__}")
    return str(value).strip()


def _need_text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str):
        raise ValueError(f"'{key}' should be text, not {type(value).__name__}")
    return value


def _label(obj: dict[str, Any], index: int) -> str:
    group = obj.get("group")
    acronym = group.get("acronym") if isinstance(group, dict) else None
    return f"{index + 1}" + (f" ({acronym})" if isinstance(acronym, str) else "")


class _Locator:
    """Line and column of ``"id": <n>`` in the text: json.loads keeps no positions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._ids: dict[int, int] | None = None
        self._lines: list[int] = []

    def __call__(self, obj_id: object) -> tuple[int, int]:
        if not isinstance(obj_id, int):
            return 0, 0
        if self._ids is None:
            self._ids = {}
            for found in re.finditer(r'"id"\s*:\s*(\d+)', self.text):
                self._ids.setdefault(int(found.group(1)), found.start())
            self._lines = [m.start() for m in re.finditer("\n", self.text)]
        offset = self._ids.get(obj_id)
        if offset is None:
            return 0, 0
        from bisect import bisect_left

        line = bisect_left(self._lines, offset)
        line_start = self._lines[line - 1] + 1 if line else 0
        return line + 1, offset - line_start + 1
