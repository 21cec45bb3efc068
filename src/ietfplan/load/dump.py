"""Meeting → meeting YAML text, in the documented format, that ``load_meeting`` reads
back to the same meeting.

Every text value is written double-quoted (JSON-style escapes are valid YAML), so
no value is ever re-typed by YAML (``09:30``, ``no``, ``1e3``) or breaks the layout.
Times are written as quoted ``"HH:MM"`` wall-clock times in the meeting's zone
(``"HH:MM:SS"`` when a time has seconds, e.g. from a calendar's ``T012030Z``), with
``date:``; in the hour the clocks go back, both readings of a time are labelled
(``"01:30 EDT/UTC-4"``, ``"01:30 EST/UTC-5"``: a bare ``01:30`` reads as the first, with
a warning); ends estimated from ``default_duration`` are left out (the loader derives them
again).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from ietfplan.model import Meeting, Session
from ietfplan.timefmt import ABBREVIATIONS, clock_text
from ietfplan.zones import abbreviation, format_offset, readings, to_zone

# Characters YAML refuses in a document, or reads as line breaks inside quotes.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


_PLAIN = re.compile(r"[\w .,:;/()@+&'#%=?!*<>\[\]{}|~^$-]*", re.ASCII)


def quote(text: str) -> str:
    """A double-quoted YAML scalar that reads back as exactly ``text``."""
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    out = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda match: f"\\u{ord(match.group(0)):04x}", out)


def duration_text(value: timedelta) -> str:
    minutes = int(value.total_seconds() // 60)
    hours, mins = divmod(minutes, 60)
    if not hours:
        return f"{mins}m"
    return f"{hours}h{mins}m" if mins else f"{hours}h"


def dump_meeting(meeting: Meeting, comment: str = "") -> str:
    """The meeting as YAML text; ``comment`` becomes ``#`` lines at the top."""
    lines = [f"# {_one_line(c)}".rstrip() for c in comment.splitlines()] if comment else []
    lines += [
        "meeting:",
        f"  number: {meeting.number}",
        f"  city: {quote(meeting.city)}",
    ]
    if meeting.country:
        lines.append(f"  country: {quote(meeting.country)}")
    lines += [
        f"  timezone: {quote(meeting.timezone)}",
        f"  start: {meeting.start.isoformat()}",
        f"  end: {meeting.end.isoformat()}",
    ]
    if meeting.default_duration is not None:
        lines.append(f"  default_duration: {quote(duration_text(meeting.default_duration))}")
    for key, value in (("url", meeting.url), ("note", meeting.note)):
        if value:
            lines.append(f"  {key}: {quote(value)}")
    if not meeting.sessions:
        lines.append("sessions: []")
    else:
        lines.append("sessions:")
        clock = _Clock(meeting.tz)
        for session in meeting.sessions:
            lines.extend(_session_lines(session, clock))
    return "\n".join(lines) + "\n"


class _Clock:
    """``HH:MM`` (``HH:MM:SS`` when it has seconds) of instants in the meeting's zone
    (cached: agendas repeat their times).  A time the clocks show twice (they go back)
    reads as the first when bare (sessionfields._instant), so both readings get a label."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone
        self.seen: dict[datetime, str] = {}

    def __call__(self, instant: datetime) -> str:
        text = self.seen.get(instant)
        if text is None:
            local = to_zone(instant, self.zone)
            text = clock_text(local)
            label = _repeated_time_label(local, self.zone)
            text = self.seen[instant] = quote(f"{text} {label}" if label else text)
        return text


def _repeated_time_label(local: datetime, zone: tzinfo) -> str:
    """'' unless the wall-clock time of ``local`` (aware, in ``zone``) happens twice (the
    clocks go back); then the label that picks ``local``: ``EST/UTC-5`` (the abbreviation
    only where the meeting-file reader knows it with this offset), ``UTC+10:30`` where there
    is none.  Both readings are labelled: a bare first reading would be right, but the
    reader warns on every load that the time happens twice."""
    exists, found = readings(local.replace(tzinfo=None, microsecond=0), zone)
    offset = local.utcoffset()
    if not exists or len(found) < 2:
        return ""
    number = format_offset(offset)
    abbr = abbreviation(local)
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if abbr != number and minutes in ABBREVIATIONS.get(abbr.upper(), ()):
        return f"{abbr}/{number}"
    return number


def _session_lines(session: Session, clock: _Clock) -> list[str]:
    out = [f"  - id: {quote(session.id)}"] if session.id else []
    out.append(f"{'    ' if out else '  - '}group: {quote(session.group)}")
    field = "    {}: {}".format
    if session.name:
        out.append(field("name", quote(session.name)))
    if session.area:
        out.append(field("area", quote(session.area)))
    out.append(field("date", session.date.isoformat()))
    if session.start is not None:
        out.append(field("start", clock(session.start)))
        if session.end is not None and not session.end_estimated:
            out.append(field("end", clock(session.end)))
    if session.room:
        out.append(field("room", quote(session.room)))
    if session.kind != "session":
        out.append(field("kind", quote(session.kind)))
    if session.status != "scheduled":
        out.append(field("status", quote(session.status)))
    if session.bof:
        out.append(field("bof", "true"))
    if session.group_type:
        out.append(field("group_type", quote(session.group_type)))
    if session.datatracker_id:
        out.append(field("datatracker_id", quote(session.datatracker_id)))
    if session.topics:
        out.append(field("topics", _flow(session.topics)))
    if session.drafts:
        out.append(field("drafts", _flow(session.drafts)))
    if session.links:
        out.append("    links:")
        out.extend(f"      {quote(name)}: {quote(url)}" for name, url in session.links)
    if session.note:
        out.append(field("note", quote(session.note)))
    if session.source:
        out.append(field("source", quote(session.source)))
    return out


def _flow(values: Iterable[str]) -> str:
    return "[" + ", ".join(quote(v) for v in values) + "]"


def _one_line(text: str) -> str:
    return re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text)
