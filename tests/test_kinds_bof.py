"""Listings: breaks and registration hidden unless asked for (--kind), the BOF mark, and
the kind/bof fields of JSON and CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from ietfplan.cli import app

MEETING = """\
meeting:
  number: 130
  city: Testville
  timezone: Europe/Madrid
  start: 2027-07-17
  end: 2027-07-23
sessions:
  - group: registration
    name: Registration
    date: 2027-07-19
    time: 08:00-18:00
    kind: registration
  - group: break
    name: Coffee Break
    date: 2027-07-19
    time: 10:00-10:30
    kind: break
  - group: break
    name: Afternoon Break
    date: 2027-07-19
    time: 15:00-15:30
    kind: break
  - group: newbof
    name: A New Protocol
    date: 2027-07-19
    time: 09:00-10:00
    bof: true
    links: {materials: "https://datatracker.ietf.org/meeting/130/session/newbof/"}
  - group: ietf
    name: IETF 130 Plenary
    date: 2027-07-19
    time: 17:00-19:00
    kind: plenary
"""


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def meeting_file(tmp_path: Path) -> str:
    path = tmp_path / "ietf130.yaml"
    path.write_text(MEETING, encoding="utf-8")
    return str(path)


def test_breaks_and_registration_are_hidden_with_a_note(tmp_path: Path) -> None:
    f = meeting_file(tmp_path)
    r = invoke("agenda", "--file", f, "--json")
    assert r.exit_code == 0, r.stderr
    assert [o["group"] for o in json.loads(r.stdout)] == ["newbof", "ietf"]
    assert "2 breaks and 1 registration not shown; add --kind break --kind registration" in r.stderr


def test_kind_selects_and_all_shows_everything(tmp_path: Path) -> None:
    f = meeting_file(tmp_path)
    r = invoke("agenda", "--file", f, "--json", "--kind", "break")
    assert [o["name"] for o in json.loads(r.stdout)] == ["Coffee Break", "Afternoon Break"]
    assert "not shown" not in r.stderr
    r = invoke("agenda", "--file", f, "--json", "--kind", "plenary", "--kind", "registration")
    assert [o["kind"] for o in json.loads(r.stdout)] == ["registration", "plenary"]
    r = invoke("agenda", "--file", f, "--json", "--kind", "all")
    assert len(json.loads(r.stdout)) == 5
    r = invoke("agenda", "--file", f, "--json", "--group", "break")
    assert len(json.loads(r.stdout)) == 2  # asking for the group shows it


def test_an_unknown_kind_suggests(tmp_path: Path) -> None:
    r = invoke("agenda", "--file", meeting_file(tmp_path), "--kind", "plenery")
    assert r.exit_code == 2 and "unknown kind 'plenery'" in r.stderr and "'plenary'" in r.stderr


def test_bof_mark_and_fields(tmp_path: Path) -> None:
    f = meeting_file(tmp_path)
    r = CliRunner().invoke(app, ["agenda", "--file", f], env={"COLUMNS": "160"})
    line = next(li for li in r.stdout.splitlines() if "NEWBOF" in li)
    assert "A New Protocol (BOF)" in line
    assert "(BOF)" not in next(li for li in r.stdout.splitlines() if "Plenary" in li)
    objs = json.loads(invoke("agenda", "--file", f, "--json").stdout)
    assert [(o["group"], o["bof"], o["kind"]) for o in objs] == [
        ("newbof", True, "session"), ("ietf", False, "plenary")]
    assert objs[0]["links"] == {"materials": "https://datatracker.ietf.org/meeting/130/session/newbof/"}
    rows = list(csv.DictReader(io.StringIO(invoke("agenda", "--file", f, "--format", "csv").stdout)))
    assert [(r["group"], r["bof"], r["kind"]) for r in rows] == [
        ("newbof", "true", "session"), ("ietf", "false", "plenary")]
    md = invoke("agenda", "--file", f, "--format", "markdown").stdout
    assert "A New Protocol (BOF)" in md


def test_week_hides_breaks_too(tmp_path: Path) -> None:
    r = invoke("week", "--file", meeting_file(tmp_path), "--json")
    assert r.exit_code == 0, r.stderr
    assert "NEWBOF" in r.stdout.upper()
    assert "BREAK" not in r.stdout.upper() and "REGISTRATION" not in r.stdout.upper()
    assert "2 breaks and 1 registration not shown" in r.stderr
