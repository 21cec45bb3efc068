"""The week grid: rows per start time, columns per day, each cell the groups meeting then.

Picks are marked ``*`` (and bold on a terminal), clashes ``⚠``.  The terminal grid
is laid out by hand so that it fits the console width (80 columns included):
group names that do not fit their column are abbreviated with ``…``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Any

from rich.console import Console
from rich.text import Text

from ietfplan.model import Meeting, Session
from ietfplan.render.text import CLASH_MARK
from ietfplan.safe import clean
from ietfplan.timefmt import clock_text
from ietfplan.zones import to_zone

UNTIMED_LABEL = "no time"
PICK_MARK = "*"
CANCELLED_MARK = "(x)"


@dataclass
class CellEntry:
    session: Session
    picked: bool
    clash: bool

    @property
    def label(self) -> str:
        return self.fit(10**6)

    def fit(self, width: int) -> str:
        """The group acronym with its marks, the acronym abbreviated to fit ``width``."""
        prefix = PICK_MARK if self.picked else ""
        suffix = (CLASH_MARK if self.clash else "") + \
            (CANCELLED_MARK if self.session.status == "cancelled" else "")
        name = _abbrev(clean(self.session.group.upper()), width - len(prefix) - len(suffix))
        return prefix + name + suffix


@dataclass
class Grid:
    meeting: Meeting
    zone: tzinfo
    title: str
    days: list[date]
    times: list[str | None]  # 'HH:MM' ('HH:MM:SS' with seconds) in the zone; None = untimed (last)
    cells: dict[tuple[str | None, date], list[CellEntry]] = field(default_factory=dict)
    has_picks: bool = False


def build_grid(meeting: Meeting, sessions: Sequence[Session], zone: tzinfo | None, title: str,
               picked: set[str], clashing: set[str]) -> Grid:
    shown_zone = zone if zone is not None else meeting.tz
    grid = Grid(meeting, shown_zone, title, [], [], has_picks=bool(picked))
    for session in sessions:
        if session.start is None:
            key: tuple[str | None, date] = (None, session.date)
        else:
            local = to_zone(session.start, shown_zone)
            # clock_text: 09:30:30 is a row of its own after 09:30 (the strings sort by time)
            key = (clock_text(local), local.date())
        grid.cells.setdefault(key, []).append(CellEntry(session, session.id in picked, session.id in clashing))
    grid.days = sorted({d for _, d in grid.cells})
    timed = sorted({t for t, _ in grid.cells if t is not None})
    grid.times = [*timed, *([None] if any(t is None for t, _ in grid.cells) else [])]
    return grid


def _header(day: date, width: int) -> str:
    for text in (f"{day:%a} {day.day} {day:%b}", f"{day:%a} {day.day}", f"{day:%a}"[:2] + str(day.day)):
        if len(text) <= width:
            return text
    return text[:width]


def _abbrev(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 1)] + "…"


def _pack(entries: list[CellEntry], width: int) -> list[list[tuple[str, CellEntry]]]:
    """CellEntry labels packed into lines of at most ``width`` characters."""
    lines: list[list[tuple[str, CellEntry]]] = [[]]
    used = 0
    for entry in entries:
        label = entry.fit(width)
        need = len(label) + (1 if lines[-1] else 0)
        if lines[-1] and used + need > width:
            lines.append([])
            used, need = 0, len(label)
        lines[-1].append((label, entry))
        used += need
    return lines


def render_week_table(grids: Sequence[Grid], console: Console) -> None:
    for grid in grids:
        heading = Text(clean(grid.title) + " — week", style="bold")
        heading.append(f"  · times in {grid.zone}", style="dim")
        console.print(heading)
        if not grid.days:
            console.print(Text("No sessions match."))
            continue
        time_w = max(len(time_ or UNTIMED_LABEL) for time_ in grid.times)
        avail = max((console.width - time_w - 1) // len(grid.days), 4)
        longest = max(len(e.label) for es in grid.cells.values() for e in es)
        col_w = min(avail, max(longest + 1, 11))
        header = Text(" " * (time_w + 1))
        for day in grid.days:
            header.append(_header(day, col_w - 1).ljust(col_w), style="bold")
        header.rstrip()
        console.print(header, no_wrap=True, crop=True)
        for time_ in grid.times:
            packed = [_pack(grid.cells.get((time_, day), []), col_w - 1) for day in grid.days]
            height = max(len(p) for p in packed)
            for row in range(height):
                line = Text(((time_ or UNTIMED_LABEL) if row == 0 else "").ljust(time_w) + " ")
                for day_lines in packed:
                    cell = day_lines[row] if row < len(day_lines) else []
                    used = 0
                    for index, (label, entry) in enumerate(cell):
                        if index:
                            line.append(" ")
                            used += 1
                        style = "bold cyan" if entry.picked else ""
                        line.append(label, style="bold red" if entry.clash else style)
                        used += len(label)
                    line.append(" " * (col_w - used))
                line.rstrip()
                console.print(line, no_wrap=True, crop=True)
        cut = any(len(e.label) > col_w - 1 for es in grid.cells.values() for e in es)
        legend = _legend(grid, cut)
        if legend:
            console.print(Text(legend, style="dim"))


def _legend(grid: Grid, abbreviated: bool = False) -> str:
    """What the marks shown mean (only the marks this grid shows)."""
    entries = [e for es in grid.cells.values() for e in es]
    parts = []
    if any(e.picked for e in entries):
        parts.append(f"{PICK_MARK} your pick")
    if any(e.clash for e in entries):
        parts.append(f"{CLASH_MARK} clashes with another pick" if grid.has_picks
                     else f"{CLASH_MARK} clashes with another listed session")
    if any(e.session.status == "cancelled" for e in entries):
        parts.append(f"{CANCELLED_MARK} cancelled")
    if None in grid.times:
        parts.append(f"'{UNTIMED_LABEL}': the source names the day only")
    if abbreviated:
        parts.append("… abbreviated")
    return "; ".join(parts)


def render_week_markdown(grids: Sequence[Grid]) -> str:
    from ietfplan.render.markdown import md_cell

    out: list[str] = []
    for grid in grids:
        out += [f"### {md_cell(grid.title)} — week", "", f"Times in {grid.zone}.", ""]
        if not grid.days:
            out += ["No sessions match.", ""]
            continue
        out.append("| Time | " + " | ".join(f"{day:%a} {day.day} {day:%b}" for day in grid.days) + " |")
        out.append("|---" * (len(grid.days) + 1) + "|")
        for time_ in grid.times:
            cells = [time_ or UNTIMED_LABEL]
            for day in grid.days:
                labels = []
                for entry in grid.cells.get((time_, day), []):
                    text = md_cell(entry.session.group.upper())
                    text = f"**{text}**" if entry.picked else text
                    labels.append(text + (f" {CLASH_MARK}" if entry.clash else "")
                                  + (f" {CANCELLED_MARK}"
                                     if entry.session.status == "cancelled" else ""))
                cells.append("<br>".join(labels))
            out.append("| " + " | ".join(cells) + " |")
        legend = _legend(grid).replace(f"{PICK_MARK} your pick", "**bold**: your pick")
        out += ["", legend, ""] if legend else [""]
    return "\n".join(out)


def week_objects(grids: Sequence[Grid]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for grid in grids:
        rows = [{"time": t, "cells": {d.isoformat(): [
            {"id": e.session.id, "group": e.session.group, "picked": e.picked, "clash": e.clash}
            for e in grid.cells.get((t, d), [])] for d in grid.days}} for t in grid.times]
        out.append({"meeting": grid.meeting.number, "timezone": str(grid.zone),
                    "days": [d.isoformat() for d in grid.days], "rows": rows})
    return out
