"""The .ics export of an imported Datatracker agenda: the remote link as RFC 7986
CONFERENCE, the materials page as URL, every link in DESCRIPTION (icalendar as the
oracle), and khal still reads it."""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

from dtserver import FIXTURES, Datatracker, fixture_records
from ietfplan.cli import app


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture
def exported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    with Datatracker({125: FIXTURES / "ietf125-agenda.json"}, fixture_records()) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        assert invoke("import", "125").exit_code == 0
    out = tmp_path / "ietf125.ics"
    r = invoke("export", "--meeting", "125", "--kind", "all", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    yield out


def events(path: Path) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}


def shown() -> dict[str, dict[str, Any]]:
    r = invoke("agenda", "--meeting", "125", "--kind", "all", "--json")
    return {o["id"]: o for o in json.loads(r.stdout)}


def test_conference_url_and_description(exported: Path) -> None:
    evs = events(exported)
    sessions = shown()
    by_id = {sid: next(e for uid, e in evs.items() if sid in uid) for sid in sessions}
    dnsop = by_id["125-dnsop-1"]
    links = sessions["125-dnsop-1"]["links"]
    conference = dnsop["CONFERENCE"]
    assert str(conference) == links["remote"]
    assert conference.params["VALUE"] == "URI"
    assert conference.params["FEATURE"] in (["VIDEO", "AUDIO"], "VIDEO,AUDIO")
    assert conference.params["LABEL"] == "Meetecho remote participation"
    assert str(dnsop["URL"]) == links["materials"]
    description = str(dnsop["DESCRIPTION"])
    for name, url in links.items():
        assert f"{name}: {url}" in description
    hack = by_id["125-hackathon-1"]
    assert str(hack["CONFERENCE"]) == sessions["125-hackathon-1"]["links"]["conference"]
    assert hack["CONFERENCE"].params["LABEL"] == "Online conference"
    assert "CONFERENCE" not in by_id["125-apn-1"]  # cancelled: no way to join


@pytest.mark.skipif(importlib.util.find_spec("khal") is None, reason="khal is not installed")
def test_khal_reads_it(exported: Path, tmp_path: Path) -> None:
    from test_khal import Khal

    khal = Khal(tmp_path / "khal", "Asia/Shanghai")
    khal.import_file(exported)
    rows = khal.rows("2026-03-14", "8d")
    titles = [row[3] for row in rows]
    assert sum("DNSOP" in t for t in titles) == 2 and any("NEWBOF" in t for t in titles)
