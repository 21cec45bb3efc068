"""No terminal escape or bidi override from a data file reaches the terminal raw, in any
command.  Issue 14, item 5 (the meeting's city went out raw through validate, pick and
meetings): a hostile meeting file, in the user's data folder and given with -f.  A line
break in the city is refused where it is read (it would break every calendar's name)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from ietfplan.cli import app

HOSTILE = "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07\x1b[31mRED\u202eevil\x9b2J"
RAW = ("\x1b", "\u202e", "\x07", "\x9b")


def meeting_text(city: str) -> str:
    q = json.dumps
    return (f"meeting:\n  number: 124\n  city: {q(city)}\n  timezone: America/Montreal\n"
            f"  start: 2025-11-01\n  end: 2025-11-07\nsessions:\n"
            f"  - group: dnsop\n    name: {q('DNSOP ' + HOSTILE)}\n    date: 2025-11-03\n"
            f"    time: 09.30-11.30\n    room: {q('Salle ' + HOSTILE)}\n"
            f"    note: {q('note ' + HOSTILE)}\n    source: {q('src ' + HOSTILE)}\n"
            f"  - group: tls\n    name: {q('TLS ' + HOSTILE)}\n    date: 2025-11-03\n"
            f"    time: 10.30-11.30\n    room: {q('R ' + HOSTILE)}\n")


COMMANDS = [["validate", "{f}"], ["agenda", "-f", "{f}"], ["agenda", "-f", "{f}", "--json"],
            ["convert", "10:00", "-f", "{f}"], ["convert", "dnsop", "-f", "{f}"],
            ["pick", "add", "dnsop", "-f", "{f}"], ["pick", "list", "-f", "{f}"],
            ["pick", "remove", "dnsop", "-f", "{f}"], ["meetings"], ["clashes", "-f", "{f}"],
            ["week", "-f", "{f}"], ["now", "-f", "{f}"], ["today", "-f", "{f}"],
            ["tomorrow", "-f", "{f}"], ["next", "-f", "{f}"], ["show", "dnsop", "-m", "124"],
            ["plan", "-w", "dnsop", "-w", "tls", "-f", "{f}"], ["agenda", "-f", "{f}", "--format", "markdown"],
            ["export", "-f", "{f}", "-o", "{out}"]]


@pytest.mark.parametrize("hostile_city", [False, True], ids=["names-rooms-notes", "city-too"])
def test_no_command_prints_an_escape_from_the_data(tmp_path: Path, hostile_city: bool) -> None:
    home = Path(os.environ["IETFPLAN_HOME"])
    text = meeting_text("Montreal" + HOSTILE if hostile_city else "Montreal")
    path = tmp_path / "ietf124.yaml"
    path.write_text(text, encoding="utf-8")
    (home / "data" / "meetings").mkdir(parents=True)
    (home / "data" / "meetings" / "ietf124.yaml").write_text(text, encoding="utf-8")
    env = {"IETFPLAN_NOW": "2025-11-03T10:00-05:00"}
    for command in COMMANDS:
        args = [a.replace("{f}", str(path)).replace("{out}", str(tmp_path / "out.ics"))
                for a in command]
        res = CliRunner().invoke(app, args, env=env)
        assert res.exit_code in (0, 1), (args, res.exception, res.stderr)
        shown = res.stdout + res.stderr
        assert not any(ch in shown for ch in RAW), (args, shown)
        if hostile_city and command[0] in ("validate", "meetings", "pick"):
            assert "\\x1b" in shown  # the city is there, its escapes made visible


def test_a_line_break_in_the_city_is_refused_with_its_position(tmp_path: Path) -> None:
    path = tmp_path / "ietf124.yaml"
    path.write_text(meeting_text("Montreal\r\nX-EVIL:1"), encoding="utf-8")
    res = CliRunner().invoke(app, ["validate", str(path)])
    assert res.exit_code == 2
    assert f"{path}:3:" in res.stderr
    assert "the meeting's city has a line break (carriage return)" in res.stderr
