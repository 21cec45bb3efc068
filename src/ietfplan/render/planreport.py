"""`ietfplan plan` as a terminal table, JSON (documented in docs/plan.md) or Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from typing import Any

from rich.console import Console
from rich.text import Text

from ietfplan.model import Session
from ietfplan.plan.optimise import (
    CANCELLED,
    NIGHT,
    UNTIMED,
    Alternative,
    Missed,
    Plan,
    PlanReport,
)  # fmt: skip
from ietfplan.render.text import day_text, dual, local_day, short_time, zone_heading
from ietfplan.safe import clean
from ietfplan.timefmt import clock_text
from ietfplan.zones import to_zone


def _when(session: Session, zone: tzinfo) -> str:
    """``Wed 09:30`` in ``zone``; ``Thu`` when untimed."""
    if session.start is None:
        return f"{local_day(session, zone):%a}"
    at = to_zone(session.start, zone)
    return f"{at:%a} {clock_text(at)}"


def _awake(rep: PlanReport) -> str:
    if rep.night is None:
        return ""
    ns, ne = rep.night
    return f"awake {clock_text(ne)}-{clock_text(ns)} {rep.zone}"


def excluded_reason(why: str, rep: PlanReport) -> str:
    """The reason a session was not considered, as shown and in JSON."""
    if why == NIGHT:
        return f"{NIGHT} ({_awake(rep)})"
    return why


def missed_reason(item: Missed, rep: PlanReport) -> str:
    """``clashes with DNSOP (weight 3) Wed 09:30``, ``only session is in your night``..."""
    zone = rep.zone
    if not item.clashing:
        whys = [why for _, why in item.excluded]
        if not whys:
            return "no session in this meeting"
        if len(set(whys)) == 1:
            why = whys[0]
            if why == NIGHT:
                return "only session is in your night" if len(whys) == 1 else \
                    "all its sessions are in your night"
            if why == UNTIMED:
                return UNTIMED
            if why == CANCELLED:
                return "cancelled" if len(whys) == 1 else "all its sessions are cancelled"
            return why
    parts: list[str] = []
    if item.blocked_by:
        parts.append("clashes with " + ", ".join(
            f"{c.group.upper()} (weight {rep.weights.get(c.group, 0)}) {_when(c, zone)}"
            for c in item.blocked_by))
    for session, why in item.excluded:
        label = "is in your night" if why == NIGHT else ("has no time given" if why == UNTIMED
                                                          else f"is {why}")
        parts.append(f"its {_when(session, zone)} session {label}")
    return "; ".join(parts)


def objective_text(rep: PlanReport) -> str:
    total = sum(rep.weights.values())
    plan = rep.plan
    return (f"weight {plan.weight} of {total}, {plan.sessions} session(s), "
            f"{plan.room_changes} room change(s)")


def alternative_text(alt: Alternative, rep: PlanReport) -> str:
    """``ROLL Fri 09:30 instead of HOMENET Fri 09:30: weight 3 instead of 5 (misses
    HOMENET), 3 sessions instead of 4``."""
    zone = rep.zone
    base, other = rep.plan, alt.plan
    head = (f"{alt.option.group.upper()} {_when(alt.option, zone)} instead of "
            + ", ".join(f"{c.group.upper()} {_when(c, zone)}" for c in alt.instead_of))
    lost = [g for g in base.groups if g not in other.groups]
    gained = [g for g in other.groups if g not in base.groups]
    bits = [f"weight {other.weight} instead of {base.weight}"]
    if lost:
        bits[-1] += " (misses " + ", ".join(g.upper() for g in lost) + ")"
    if gained:
        bits.append("gains " + ", ".join(g.upper() for g in gained))
    if other.sessions != base.sessions:
        bits.append(f"{other.sessions} sessions instead of {base.sessions}")
    if other.room_changes != base.room_changes:
        bits.append(f"{other.room_changes} room changes instead of {base.room_changes}")
    if len(bits) == 1 and not lost and other.weight == base.weight:
        bits = ["as good but ends later" if (other.finish or 0) != (base.finish or 0)
                else "as good (same score; the earlier session is preferred)"]
    return f"{head}: " + ", ".join(bits)


def _rows(rep: PlanReport) -> list[tuple[str, str, str, str, str, str]]:
    mz = rep.meeting.tz
    rows = []
    for sp in rep.plan.chosen:
        session = sp.session
        rows.append((day_text(local_day(session, mz)), short_time(session, mz),
                     f"{day_text(local_day(session, rep.zone))} {short_time(session, rep.zone)}",
                     session.group.upper(), session.name, session.room))
    return rows


def _heading(rep: PlanReport) -> str:
    sessions = [sp.session for sp in rep.plan.chosen]
    night = rep.night if rep.night is not None else rep.shown_night
    return zone_heading(rep.meeting.tz, rep.zone, sessions, night)


def _excluded(rep: PlanReport) -> list[tuple[Session, str]]:
    return rep.candidates.excluded


def _line(session: Session, zone: tzinfo) -> str:
    """``DMM Tue 17 Jul 22:30–01:00 JST``; ``TLS Mon 16 Jul`` when untimed."""
    day = f"{session.group.upper()} {day_text(local_day(session, zone))}"
    return day if session.start is None else f"{day} {short_time(session, zone)}"


def text_lines(rep: PlanReport) -> list[tuple[str, str]]:
    """(label, text) lines under the table: missed groups, left out sessions, notes."""
    zone = rep.zone
    lines: list[tuple[str, str]] = [("Objective", objective_text(rep))]
    for item in rep.missed:
        lines.append((f"Missed {item.group.upper()} (weight {item.weight})",
                      missed_reason(item, rep)))
    for session, why in _excluded(rep):
        lines.append(("Not planned", f"{_line(session, zone)}: {excluded_reason(why, rep)}"))
    for sp in rep.candidates.open_end:
        if sp.session.id in set(rep.plan.ids):
            lines.append(("Note", f"{_line(sp.session, zone)}: end not given, judged by its "
                          "start; it may run into your night"))
    for alt in rep.alternatives or ():
        lines.append(("Instead", alternative_text(alt, rep)))
    return lines


def render_plan_table(rep: PlanReport, console: Console) -> None:
    from rich import box
    from rich.table import Table

    heading = Text(clean(f"{rep.meeting.title} — plan for {rep.title}"), style="bold")
    heading.append("  · " + clean(_heading(rep)), style="dim")
    console.print(heading)
    two = dual(rep.meeting.tz, rep.zone)
    if rep.plan.chosen:
        table = Table(box=box.ROUNDED if console.is_terminal else box.SIMPLE,
                      pad_edge=False, header_style="bold")
        table.add_column("Day", no_wrap=True)
        table.add_column("Time", no_wrap=True)
        if two:
            table.add_column("Your time", no_wrap=True)
        table.add_column("Group", no_wrap=True)
        table.add_column("Name")
        table.add_column("Room")
        for day, when, yours, group, name, room in _rows(rep):
            cells = [day, when, *([yours] if two else []), group, name, room or "—"]
            table.add_row(*(clean(c) for c in cells))
        console.print(table)
    else:
        console.print(Text("Nothing can be planned."))
    for label, text in text_lines(rep):
        line = Text(clean(f"{label}: "), style="bold")
        line.append(clean(text))
        console.print(line)


def plan_object(rep: PlanReport) -> dict[str, Any]:
    """The documented JSON object (docs/plan.md)."""
    from ietfplan.render.fields import iso_utc

    plan = rep.plan
    return {
        "meeting": rep.meeting.number,
        "objective": _objective(plan),
        "chosen": [{"id": sp.session.id, "group": sp.session.group,
                    "start_utc": iso_utc(sp.session.start), "end_utc": iso_utc(sp.session.end),
                    "room": sp.session.room} for sp in plan.chosen],
        "missed": [{"group": m.group, "weight": m.weight, "reason": missed_reason(m, rep),
                    "blocked_by": [c.id for c in m.blocked_by]} for m in rep.missed],
        "excluded": [{"id": s.id, "reason": excluded_reason(why, rep)}
                     for s, why in _excluded(rep)],
        # with --explain only: for each session left out because it clashes with chosen
        # ones, the best plan that takes it (the table's "Instead" lines)
        **({"alternatives": [_alternative_object(alt, rep) for alt in rep.alternatives]}
           if rep.alternatives is not None else {}),
    }


def _objective(plan: Plan) -> dict[str, int]:
    return {"weight": plan.weight, "sessions": plan.sessions, "room_changes": plan.room_changes}


def _alternative_object(alt: Alternative, rep: PlanReport) -> dict[str, Any]:
    plan = alt.plan
    return {
        "id": alt.option.id, "group": alt.option.group,
        "instead_of": [session.id for session in alt.instead_of],
        "objective": _objective(plan),
        "chosen": plan.ids,
        "text": alternative_text(alt, rep),
    }


def render_plan_json(rep: PlanReport) -> str:
    from ietfplan.render.jsonout import dumps

    return dumps(plan_object(rep)) + "\n"


def render_plan_markdown(rep: PlanReport) -> str:
    from ietfplan.render.markdown import md_cell

    two = dual(rep.meeting.tz, rep.zone)
    lines = [f"### {md_cell(rep.meeting.title)} — plan for {md_cell(rep.title)}", "",
             md_cell(_heading(rep)) + ".", ""]
    if rep.plan.chosen:
        head = ["Day", "Time", *(["Your time"] if two else []), "Group", "Name", "Room"]
        lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for day, when, yours, group, name, room in _rows(rep):
            cells = [day, when, *([yours] if two else []), group, name, room or "—"]
            lines.append("| " + " | ".join(md_cell(c) for c in cells) + " |")
        lines.append("")
    else:
        lines += ["Nothing can be planned.", ""]
    for label, text in text_lines(rep):
        lines.append(f"- **{md_cell(label)}:** {md_cell(text)}")
    return "\n".join(lines) + "\n"


def change_lines(before: Sequence[Session], after: Sequence[Session], zone: tzinfo) -> list[str]:
    """What `--apply` changed in the picks."""
    was = {s.id for s in before}
    now = {s.id for s in after}
    added = [s for s in after if s.id not in was]
    removed = [s for s in before if s.id not in now]
    if not added and not removed:
        return ["Your picks already were this plan; nothing changed."]
    out = []
    if added:
        out.append("Picked: " + "; ".join(_line(s, zone) for s in added))
    if removed:
        out.append("Unpicked: " + "; ".join(_line(s, zone) for s in removed))
    return out
