"""Text from data files is printed literally and safely in every format: rich markup is
not interpreted, terminal escapes (ANSI, OSC 8 links, BEL) and bidi controls never reach
the terminal raw, long strings do not break anything, and CSV cells a spreadsheet would
run as formulas are neutralised."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.cli.helpers import SCRIPT

MARKUP = "[red]x[/] [/] [link=https://evil.example]click[/link] [bold"
OSC_LINK = "\x1b]8;;https://evil.example\x07Room\x1b]8;;\x07"
NOTE = "abc \u202edlrow\u202c \x1b[2J\x1b[31mred \x07 bell \u2066iso\u2069"
LONG = "L" * 20000
FORMULAS = {"tls": '=HYPERLINK("https://evil.example","x")', "lpwan": "-2+3", "core": "+1 room"}
UNSAFE = ("\x1b", "\x07", "\u202e", "\u202c", "\u2066", "\u2069")

FILE = f"""\
meeting:
  number: 102
  city: "Montr\\e[31meal"
  timezone: America/Montreal
  start: 2018-07-14
  end: 2018-07-20
sessions:
  - group: dnsop
    date: 2018-07-18
    time: 09:30
    name: "{MARKUP}"
    room: "\\e]8;;https://evil.example\\aRoom\\e]8;;\\a"
    note: "abc \\u202edlrow\\u202c \\e[2J\\e[31mred \\a bell \\u2066iso\\u2069"
  - group: tls
    date: 2018-07-18
    time: 10:30
    name: '{FORMULAS["tls"]}'
    note: "@SUM(A1)"
  - group: lpwan
    date: 2018-07-18
    name: "{FORMULAS["lpwan"]}"
    room: "{FORMULAS["core"]}"
  - group: core
    date: 2018-07-18
    name: {LONG}
"""


@pytest.fixture
def evil(tmp_path: Path) -> str:
    path = tmp_path / "evil.yaml"
    path.write_text(FILE, encoding="utf-8")
    return str(path)


def show(path: str, fmt: str) -> str:
    proc = subprocess.run([str(SCRIPT), "agenda", "--file", path, "--format", fmt],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "200"})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stdout


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_no_raw_escape_or_bidi_character_reaches_the_output(evil: str, fmt: str) -> None:
    out = show(evil, fmt)
    for ch in UNSAFE:
        assert ch not in out, (fmt, repr(ch))


def test_table_shows_markup_and_escapes_literally(evil: str) -> None:
    out = show(evil, "table")
    assert "[red]x[/] [/]" in out  # not turned red, not an error
    assert "\\x1b]8;;https://evil" in out  # the OSC 8 link is shown, not made a hyperlink
    assert "Montr\\x1b[31meal" in out
    assert "L" * 50 in out


def test_json_round_trips_every_character_exactly(evil: str) -> None:
    sessions = {s["group"]: s for s in json.loads(show(evil, "json"))}
    assert sessions["dnsop"]["name"] == MARKUP
    assert sessions["dnsop"]["room"] == OSC_LINK
    assert sessions["dnsop"]["note"] == NOTE
    assert sessions["core"]["name"] == LONG


def test_csv_neutralises_formulas_and_keeps_text(evil: str) -> None:
    rows = {r["group"]: r for r in csv.DictReader(io.StringIO(show(evil, "csv")))}
    assert rows["tls"]["name"] == "'" + FORMULAS["tls"]
    assert rows["tls"]["note"] == "'@SUM(A1)"
    assert rows["lpwan"]["name"] == "'-2+3"
    assert rows["lpwan"]["room"] == "'+1 room"
    assert rows["dnsop"]["name"] == MARKUP
    assert rows["core"]["name"] == LONG


def test_markdown_keeps_markup_text(evil: str) -> None:
    out = show(evil, "markdown")
    assert "[red]x[/]" in out or "\\[red\\]x\\[/\\]" in out
    assert "L" * 1000 in out
