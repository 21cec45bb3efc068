"""Markdown tables for pasting into notes."""

from __future__ import annotations

from collections.abc import Sequence

from ietfplan.plan.query import Listing
from ietfplan.render.safe import clean
from ietfplan.render.text import NOT_GIVEN, day_text, local_day, time_text


def md_cell(text: str) -> str:
    """Escape what Markdown would interpret inside a table cell."""
    out = clean(text)
    for ch in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(listings: Sequence[Listing]) -> str:
    lines: list[str] = []
    for listing in listings:
        zone = listing.display_zone
        lines.append(f"### {md_cell(listing.title or listing.meeting.title)}")
        lines.append("")
        lines.append(f"Times in {zone}.")
        lines.append("")
        if not listing.sessions:
            lines.append(md_cell(listing.empty_message))
            lines.append("")
            continue
        lines.append("| Day | Time | Group | Name | Room | Topics |")
        lines.append("|---|---|---|---|---|---|")
        for s in listing.sessions:
            name = s.name or NOT_GIVEN
            if s.status != "scheduled":
                name += f" ({s.status.upper()})"
            group = s.group.upper()
            if listing.clashes_with.get(s.id):
                group += " ⚠"
            cells = [
                day_text(local_day(s, zone)),
                time_text(s, zone),
                group,
                name,
                s.room or NOT_GIVEN,
                ", ".join(s.topics),
            ]
            lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
