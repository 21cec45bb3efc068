"""``ietfplan show``: one session in full, as text lines or as a JSON object.

Text from the meeting file (names, rooms, notes, link names and URLs) goes through
``clean``: it is data, never terminal escapes or markup.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from ietfplan.load.importers.dtlinks import LINK_ORDER, link_kind
from ietfplan.model import Meeting, Session
from ietfplan.safe import clean
from ietfplan.timefmt import clock_text
from ietfplan.zones import Night, to_zone, zone_label


def ordered_links(session: Session) -> list[tuple[str, str]]:
    """The session's links, in the order of dtlinks.LINK_ORDER (others after, as given)."""
    rank = {kind: i for i, kind in enumerate(LINK_ORDER)}
    indexed = list(enumerate(session.links))
    indexed.sort(key=lambda item: (rank.get(link_kind(item[1][0]), len(rank)), item[0]))
    return [link for _, link in indexed]


def _span(start: datetime | None, end: datetime | None, zone: tzinfo, name: str) -> str:
    if start is None:
        return "(time not given)"
    local = to_zone(start, zone)
    text = f"{local:%a %-d %b %Y} {clock_text(local)}"
    if end is not None:
        text += f"–{clock_text(to_zone(end, zone))}"
    label = zone_label(local)
    return f"{text} {label}" if label == name else f"{text} {label}, {name}"


def show_lines(session: Session, meeting: Meeting, zone: tzinfo | None, *, picked: bool,
               clashes: list[Session]) -> list[str]:
    """The session in full: title, times (meeting zone, then ``zone``), room, status, BoF,
    clashes with the user's picks, drafts, note and every link by name."""
    mz = meeting.tz
    rows: list[tuple[str, str]] = [("id", session.id), ("meeting", meeting.title)]
    rows.append(("time", _span(session.start, session.end, mz, meeting.timezone) if session.start else
                 f"{session.date:%a %-d %b %Y} (time not given)"))
    if zone is not None and str(zone) != str(mz) and session.start is not None:
        rows.append(("your time", _span(session.start, session.end, zone, str(zone))))
    if session.end is not None and session.end_estimated:
        rows.append(("end", "estimated from the meeting's usual session length"))
    rows.append(("room", session.room or "(not given)"))
    if session.kind != "session":
        rows.append(("kind", session.kind))
    rows.append(("status", session.status))
    if session.bof:
        rows.append(("BoF", "yes (a Birds-of-a-Feather session)"))
    if session.area:
        rows.append(("area", session.area))
    if session.group_type:
        rows.append(("group type", session.group_type))
    if session.datatracker_id:
        rows.append(("Datatracker id", session.datatracker_id))
    if picked:
        rows.append(("picked", "yes"))
    if clashes:
        rows.append(("clashes", ", ".join(f"{c.title} ({c.id})" for c in clashes)))
    if session.drafts:
        rows.append(("drafts", ", ".join(session.drafts)))
    if session.note:
        rows.append(("note", session.note))
    width = max(len(k) for k, _ in rows) + 2
    lines = [clean(session.title)] + [f"  {k + ':':<{width}}{clean(v)}" for k, v in rows]
    links = ordered_links(session)
    if links:
        lines.append("  links:")
        name_width = min(max(len(clean(n)) for n, _ in links), 40) + 2
        for name, url in links:
            label = clean(name)
            if len(label) > 40:
                lines.append(f"    {label}")
                lines.append(f"    {'':<{name_width}}{clean(url)}")
            else:
                lines.append(f"    {label:<{name_width}}{clean(url)}")
    else:
        lines.append("  links:  (none in the data)")
    return lines


def show_object(session: Session, meeting: Meeting, zone: tzinfo | None, night: Night, *,
                picked: bool, clashes: list[Session]) -> dict[str, Any]:
    from ietfplan.render.fields import session_fields

    obj = session_fields(session, meeting, zone, night)
    obj["links"] = dict(ordered_links(session))
    obj["picked"] = picked
    obj["clashes_with_picks"] = [c.id for c in clashes]
    return obj
