"""The exported .ics imported into a real khal (fresh config in a temp folder)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting
from ietfplan.render.ics import session_uid
from ietfplan.zones import get_zone, to_zone

pytestmark = pytest.mark.skipif(importlib.util.find_spec("khal") is None,
                                reason="khal is not installed (pip install '.[dev]')")

FIXTURE = Path(__file__).parent / "fixtures" / "ietf124-dst-synthetic.yaml"
FORMAT = "{uid}|{start}|{end}|{title}|{location}"


class Khal:
    def __init__(self, root: Path, zone: str) -> None:
        self.vdir = root / "calendar"
        self.vdir.mkdir(parents=True)
        self.config = root / "khal.conf"
        self.config.write_text(
            f"[calendars]\n[[ietf]]\npath = {self.vdir}\ntype = calendar\n"
            "[locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            f"local_timezone = {zone}\ndefault_timezone = {zone}\n"
            f"[sqlite]\npath = {root / 'khal.db'}\n", encoding="utf-8")
        self.env = {**os.environ, "XDG_CONFIG_HOME": str(root / "xdg-config"),
                    "XDG_DATA_HOME": str(root / "xdg-data"), "TZ": "UTC"}

    def run(self, *args: str) -> str:
        proc = subprocess.run([sys.executable, "-m", "khal", "-c", str(self.config), *args],
                              capture_output=True, text=True, env=self.env, timeout=60)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def import_file(self, path: Path) -> None:
        self.run("import", "--batch", str(path))

    def rows(self, first: str, days: str) -> list[list[str]]:
        out = self.run("list", "--format", FORMAT, "--day-format", "", first, days)
        return [line.split("|") for line in out.splitlines() if line.strip()]


def export(tmp_path: Path, target: Path, *args: str) -> None:
    res = CliRunner().invoke(app, ["export", "-o", str(target), *args])
    assert res.exit_code == 0, res.stderr


def expected(meeting: Meeting, zone_name: str) -> dict[str, tuple[str, str]]:
    """uid → (start, end) as khal should print them in ``zone_name``."""
    zone = get_zone(zone_name)
    out: dict[str, tuple[str, str]] = {}
    for s in meeting.sessions:
        if s.start is None:
            out[session_uid(s)] = (s.date.isoformat(), s.date.isoformat())
            continue
        end = s.end
        assert end is not None  # the fixture has a default duration
        out[session_uid(s)] = (f"{to_zone(s.start, zone):%Y-%m-%d %H:%M}",
                               f"{to_zone(end, zone):%Y-%m-%d %H:%M}")
    return out


@pytest.mark.parametrize("zone", ["America/Montreal", "Asia/Tokyo"])
def test_khal_shows_each_session_at_the_right_local_time(tmp_path: Path, zone: str) -> None:
    ics = tmp_path / "ietf124.ics"
    export(tmp_path, ics, "-f", str(FIXTURE))
    khal = Khal(tmp_path / "khal", zone)
    khal.import_file(ics)
    meeting = Catalog(user_dir=None).load_file(str(FIXTURE))
    rows = khal.rows("2025-10-31", "9d")
    seen = {uid: (start, end) for uid, start, end, *_ in rows}  # (listed on each day it spans)
    assert seen == expected(meeting, zone)
    if zone == "America/Montreal":  # both sides of the DST change at 09:30 local
        assert seen["ietf124-hackathon-1@ietfplan"][0] == "2025-11-01 09:30"
        assert seen["ietf124-hackathon-3@ietfplan"][0] == "2025-11-02 09:30"
    else:  # 09:30 EDT = 22:30 JST, 09:30 EST = 23:30 JST
        assert seen["ietf124-hackathon-1@ietfplan"][0] == "2025-11-01 22:30"
        assert seen["ietf124-hackathon-3@ietfplan"][0] == "2025-11-02 23:30"
        assert seen["ietf124-hackathon-2@ietfplan"][0] == "2025-11-02 14:30"  # first 01:30 (EDT)


def test_khal_reimport_updates_instead_of_duplicating(tmp_path: Path) -> None:
    khal = Khal(tmp_path / "khal", "America/Montreal")
    first = tmp_path / "first.ics"
    export(tmp_path, first, "-f", str(FIXTURE))
    khal.import_file(first)
    edited = tmp_path / "ietf124-edited.yaml"
    edited.write_text(FIXTURE.read_text(encoding="utf-8").replace(
        "time: 13.00 EST/UTC-5", "time: 15.00 EST/UTC-5\n    room: Salle Z"), encoding="utf-8")
    second = tmp_path / "second.ics"
    export(tmp_path, second, "-f", str(edited))
    khal.import_file(second)
    rows = khal.rows("2025-10-31", "9d")
    counts = Counter(uid for uid, *_ in rows)
    assert set(counts.values()) == {1} and len(counts) == 7
    (six,) = [r for r in rows if r[0] == "ietf124-6man-1@ietfplan"]
    assert six[1:3] == ["2025-11-03 15:00", "2025-11-03 16:30"]
    assert six[4] == "Salle Z, Montreal"
    assert len(list(khal.vdir.glob("*.ics"))) == 7


def test_khal_bundled_meeting_with_untimed_and_open_ended_sessions(tmp_path: Path) -> None:
    ics = tmp_path / "ietf102.ics"
    export(tmp_path, ics, "--meeting", "102")
    khal = Khal(tmp_path / "khal", "Europe/Berlin")
    khal.import_file(ics)
    meeting = Catalog(user_dir=None).by_number(102)
    rows = {r[0]: r for r in khal.rows("2018-07-13", "9d")}
    assert len(rows) == len(meeting.sessions)
    berlin = get_zone("Europe/Berlin")
    for s in meeting.sessions:
        row = rows[session_uid(s)]
        if s.start is None:
            assert row[1] == s.date.isoformat() and "time not given" in row[3]
        else:
            assert row[1] == f"{to_zone(s.start, berlin):%Y-%m-%d %H:%M}"  # 09:30 EDT = 15:30
