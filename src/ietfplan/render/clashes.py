"""Clash reports as a terminal table, JSON (documented) or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import TYPE_CHECKING, Any

from ietfplan.model import Session
from ietfplan.plan.clashes import Clash, ClashReport
from ietfplan.render.text import day_text, local_day, span_text
from ietfplan.safe import clean
from ietfplan.timefmt import clock_text
from ietfplan.zones import Night, to_zone, zone_label

if TYPE_CHECKING:  # rich is imported by the table renderers only: JSON and Markdown need
    from rich.console import Console  # none of it (21 ms of a clash report)


def _zone(rep: ClashReport, zone: tzinfo | None) -> tzinfo:
    return zone if zone is not None else rep.meeting.tz


def when_text(clash: Clash, zone: tzinfo) -> str:
    """``Wed 18 Jul 09:30 EDT (UTC-4)``: when all the sessions of the clash are running."""
    start = to_zone(clash.start, zone)
    return f"{day_text(start.date())} {clock_text(start)} {zone_label(start)}"


def overlap_text(clash: Clash) -> str:
    minutes = clash.overlap_minutes
    if minutes is None:
        same = len({sp.start for sp in clash.spans}) == 1
        return "same start, end not given" if same else "starts inside, end not given"
    return f"~{minutes} min (estimated)" if clash.estimated else f"{minutes} min"


def clock_span(session: Session, zone: tzinfo) -> str:
    """``09:30–12:00``, ``09:30–~11:30`` (estimated end), ``09:30`` or 'time not given'."""
    if session.start is None:
        return "time not given"
    end = to_zone(session.end, zone) if session.end is not None else None
    return span_text(to_zone(session.start, zone), end, session.end_estimated)


def session_line(session: Session, zone: tzinfo) -> str:
    """``DNSOP Thu 19 Jul time not given`` / ``6MAN Mon 16 Jul 09:30 EDT (UTC-4)``."""
    return f"{session.group.upper()} {day_text(local_day(session, zone))} {clock_span(session, zone)}"


def alternatives_lines(clash: Clash, zone: tzinfo) -> list[str]:
    lines: list[str] = []
    for group, others in clash.alternatives.items():
        if not others:
            lines.append(f"{group.upper()}: no other session")
        for session in others:
            lines.append(f"{group.upper()}: {day_text(local_day(session, zone))} "
                         f"{clock_span(session, zone)}")
    return lines


def render_clash_table(reports: Sequence[ClashReport], console: Console,
                       zone: tzinfo | None = None) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    for rep in reports:
        shown_zone = _zone(rep, zone)
        heading = Text(clean(rep.title) + " — clashes", style="bold")
        heading.append(f"  · times in {shown_zone}", style="dim")
        console.print(heading)
        if not rep.clashes:
            what = "your picks" if rep.picks else "the selected sessions"
            console.print(Text(f"No clashes among {what}."))
        else:
            table = Table(box=box.ROUNDED if console.is_terminal else box.SIMPLE,
                          pad_edge=False, header_style="bold", show_lines=True)
            table.add_column("When", no_wrap=True)
            table.add_column("Sessions")
            table.add_column("Overlap")
            table.add_column("Alternatives")
            for clash in rep.clashes:
                side = Text(" × ".join(session.group.upper() for session in clash.sessions), style="bold red")
                for session in clash.sessions:
                    side.append("\n" + clean(f"{session.group.upper()} {clock_span(session, shown_zone)}"))
                alts = Text("\n".join(clean(a) for a in alternatives_lines(clash, shown_zone)))
                table.add_row(when_text(clash, shown_zone), side, overlap_text(clash), alts)
            console.print(table)
        if rep.picks:
            _summary(console, "Clear (no clash)", rep.clear, shown_zone)
        if rep.unchecked:
            _summary(console, "Not checked (time not given)", rep.unchecked, shown_zone)
        console.print(Text(_legend(rep), style="dim"))


def _summary(console: Console, label: str, sessions: Sequence[Session], zone: tzinfo) -> None:
    from rich.text import Text

    line = Text(f"{label}: ", style="bold")
    line.append(clean("; ".join(session_line(s, zone) for s in sessions) or "none"))
    console.print(line)


def _legend(rep: ClashReport) -> str:
    parts = ["sessions clash when they start at the same time or one starts inside the "
             "other's known time; touching (end = start) is not a clash"]
    if any(c.estimated for c in rep.clashes):
        parts.append("~ estimated from the meeting's default duration")
    return "; ".join(parts)


def clash_objects(reports: Sequence[ClashReport], zone: tzinfo | None, night: Night
                  ) -> list[dict[str, Any]]:
    """The documented JSON: one object per clash set; ``night`` the user's night hours."""
    from ietfplan.render.fields import iso, session_fields

    out: list[dict[str, Any]] = []
    for rep in reports:
        meeting = rep.meeting
        shown_zone = _zone(rep, zone)
        for clash in rep.clashes:
            out.append({
                "meeting": meeting.number,
                "start": iso(clash.start, shown_zone),
                "end": iso(clash.end, shown_zone),
                "overlap_minutes": clash.overlap_minutes,
                "estimated": clash.estimated,
                "sessions": [session_fields(s, meeting, zone, night) for s in clash.sessions],
                "alternatives": {g: [session_fields(s, meeting, zone, night) for s in alts]
                                 for g, alts in clash.alternatives.items()},
            })
    return out


def render_clash_json(reports: Sequence[ClashReport], zone: tzinfo | None, night: Night) -> str:
    from ietfplan.render.jsonout import dumps

    return dumps(clash_objects(reports, zone, night)) + "\n"


def render_clash_markdown(reports: Sequence[ClashReport], zone: tzinfo | None = None) -> str:
    from ietfplan.render.markdown import md_cell

    lines: list[str] = []
    for rep in reports:
        shown_zone = _zone(rep, zone)
        lines += [f"### {md_cell(rep.title)} — clashes", "", f"Times in {shown_zone}.", ""]
        if not rep.clashes:
            lines += ["No clashes.", ""]
        else:
            lines += ["| When | Sessions | Overlap | Alternatives |", "|---|---|---|---|"]
            for clash in rep.clashes:
                cells = [
                    md_cell(when_text(clash, shown_zone)),
                    "<br>".join(md_cell(f"{s.group.upper()} {clock_span(s, shown_zone)}") for s in clash.sessions),
                    md_cell(overlap_text(clash)),
                    "<br>".join(md_cell(a) for a in alternatives_lines(clash, shown_zone)),
                ]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
        for label, items, show in (("Clear (no clash)", rep.clear, rep.picks),
                                   ("Not checked (time not given)", rep.unchecked, True)):
            if show and items:
                lines += [f"**{label}:** " + "; ".join(md_cell(session_line(s, shown_zone)) for s in items),
                          ""]
    return "\n".join(lines)
