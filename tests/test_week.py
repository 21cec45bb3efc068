from __future__ import annotations

import io
from datetime import date, timedelta

import pytz
from rich.console import Console

from clashdata import meeting, session
from ietfplan.load.catalog import Catalog
from ietfplan.plan.clashes import clash_map
from ietfplan.render.week import build_grid, render_week_markdown, render_week_table

GROUPS = ["dnsop", "sidrops", "homenet", "lamps", "ippm", "anima", "opsawg", "tsvwg", "i2nsf",
          "teas"]


def render(grids: list, width: int) -> str:  # type: ignore[type-arg]
    buf = io.StringIO()
    render_week_table(grids, Console(file=buf, width=width, color_system=None))
    return buf.getvalue()


def big_meeting():  # type: ignore[no-untyped-def]
    """Seven days, ten parallel groups in three slots a day (a real IETF's shape)."""
    start = date(2030, 7, 20)
    sessions = []
    for d in range(7):
        day = start + timedelta(days=d)
        for slot, (a, b) in enumerate((("09:30", "11:30"), ("13:30", "15:00"), ("15:30", "17:00"))):
            for k, g in enumerate(GROUPS):
                sessions.append(session(g, d * 3 + slot + 1 + k * 100, day, a, b))
    return meeting(sessions, start=start, end=start + timedelta(days=6))


def test_fits_80_columns_with_seven_days_and_ten_tracks() -> None:
    m = big_meeting()
    picked = {s.id for s in m.sessions if s.group in ("dnsop", "sidrops")}
    cm = clash_map(m, [s for s in m.sessions if s.id in picked])
    grid = build_grid(m, list(m.sessions), None, m.title, picked,
                      {k for k, v in cm.items() if v})
    out = render([grid], 80)
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "Sat 20" in out or "Sa20" in out
    assert out.count("*DNSOP⚠") == 21 and ("*SIDROPS⚠" in out or "*SIDRO…⚠" in out)
    body = "\n".join(lines[2:])
    for g in GROUPS:  # every group is there, whole or abbreviated
        assert g.upper()[:3] in body


def test_seed_grid_ietf102() -> None:
    m = Catalog(user_dir=None).by_number(102)
    cm = clash_map(m, list(m.sessions))
    grid = build_grid(m, list(m.sessions), None, m.title, set(), {k for k, v in cm.items() if v})
    assert grid.days == [date(2018, 7, d) for d in range(16, 21)]
    assert grid.times == ["09:30", "13:30", None]
    wed = [e.label for e in grid.cells[("09:30", date(2018, 7, 18))]]
    assert wed == ["DNSOP⚠", "SUIT⚠"]
    assert [e.label for e in grid.cells[(None, date(2018, 7, 19))]] == ["DNSOP"]
    out = render([grid], 80)
    assert "no time" in out and "Mon 16 Jul" in out and "abbreviated" not in out
    narrow = render([grid], 36)
    assert max(len(line) for line in narrow.splitlines()[1:-3]) <= 36
    assert "DN…⚠" in narrow and "… abbreviated" in narrow  # the mark survives abbreviation


def test_display_zone_moves_rows_and_days() -> None:
    m = Catalog(user_dir=None).by_number(102)
    grid = build_grid(m, list(m.sessions), pytz.timezone("Asia/Tokyo"), m.title, set(), set())
    # V6OPS Thu 13:30 EDT is Fri 02:30 JST
    assert [e.session.id for e in grid.cells[("02:30", date(2018, 7, 20))]] == ["102-v6ops-1"]


def test_markdown_grid_escapes_and_bolds_picks() -> None:
    bad = session("a|b*c", 1, date(2030, 7, 22), "09:00", "10:00")
    ok = session("dnsop", 1, date(2030, 7, 22), "09:00", "10:00")
    m = meeting([bad, ok])
    grid = build_grid(m, list(m.sessions), None, m.title, {ok.id}, {ok.id, bad.id})
    md = render_week_markdown([grid])
    assert "| Time | Mon 22 Jul |" in md
    assert "A\\|B\\*C ⚠<br>**DNSOP** ⚠" in md


def test_terminal_escapes_in_group_names_are_neutralised() -> None:
    evil = session("x\x1b[31my", 1, date(2030, 7, 22), "09:00", "10:00")
    m = meeting([evil])
    out = render([build_grid(m, [evil], None, m.title, set(), set())], 80)
    assert "\x1b" not in out and "\\x1b" in out
