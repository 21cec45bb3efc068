"""Markdown tables for pasting into notes."""

from __future__ import annotations

from collections.abc import Sequence

from ietfplan.plan.query import Listing
from ietfplan.render.text import (
    NIGHT_MARK,
    NOT_GIVEN,
    day_text,
    dual,
    local_day,
    short_time,
    time_text,
    your_time,
    zone_heading,
)  # fmt: skip
from ietfplan.safe import clean
from ietfplan.zones import in_night


def md_cell(text: str) -> str:
    """Escape what Markdown would interpret inside a table cell."""
    out = clean(text)
    for ch in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(listings: Sequence[Listing]) -> str:
    lines: list[str] = []
    for listing in listings:
        night = listing.night
        zone = listing.display_zone
        mz = listing.meeting.tz
        two = dual(mz, zone)
        lines.append(f"### {md_cell(listing.title or listing.meeting.title)}")
        lines.append("")
        if two:
            heading = zone_heading(mz, zone, listing.sessions, night)
            lines.append(md_cell(heading[0].upper() + heading[1:]) + ".")
        else:
            lines.append(f"Times in {zone}.")
        lines.append("")
        if not listing.sessions:
            lines.append(md_cell(listing.empty_message))
            lines.append("")
            continue
        extra = " Your time |" if two else ""
        lines.append(f"| Day | Time |{extra} Group | Name | Room | Topics |")
        lines.append("|---|---|" + ("---|" if two else "") + "---|---|---|---|")
        for session in listing.sessions:
            name = session.name or NOT_GIVEN
            if session.bof:
                name += " (BOF)"
            if session.status != "scheduled":
                name += f" ({session.status.upper()})"
            group = session.group.upper()
            if listing.clashes_with.get(session.id):
                group += " ⚠"
            if two:
                mine, at_night = your_time(session, zone, night)
                times = [short_time(session, mz), mine]
            else:
                at_night = session.start is not None and in_night(session.start, session.end, zone, night)
                times = [time_text(session, zone)]
            if at_night:
                times[-1] += f" ({NIGHT_MARK})"
            cells = [
                day_text(local_day(session, mz if two else zone)),
                *times,
                group,
                name,
                session.room or NOT_GIVEN,
                ", ".join(session.topics),
            ]
            lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def rows_markdown(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table of plain text cells (``meetings``, ``topics``)."""
    lines = ["| " + " | ".join(md_cell(c) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"
