"""`ietfplan import N`: real Datatracker agendas (IETF 108-113, 115) and meeting records,
served from 127.0.0.1 in the Datatracker's shapes; and the self-written IETF 125 fixture
for the same paths where the corpus is absent.

Expected values come from the source files themselves (json, zoneinfo, timedelta), never
from ietfplan's own output.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from dtserver import CORPUS, FIXTURES, Datatracker, corpus_records, fixture_records
from ietfplan.app import AppContext
from ietfplan.cli import app
from ietfplan.model import Meeting, Session

NUMBERS = (108, 109, 110, 111, 112, 113, 115)
needs_corpus = pytest.mark.skipif(not (CORPUS / "meetings.json").is_file(),
                                  reason="the corpus (../shared/corpus/calendars/ietfnext) is absent")


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env or {}, catch_exceptions=False)


def source_sessions(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    (entries,) = data.values()
    return [o for o in entries if o.get("objtype") == "session"]


def utc(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def duration(text: str) -> timedelta:
    hours, minutes, seconds = (int(p) for p in text.split(":"))
    return timedelta(hours=hours, minutes=minutes, seconds=seconds)


def by_session_id(meeting: Meeting) -> dict[int, Session]:
    return {int(s.datatracker_id): s for s in meeting.sessions if s.datatracker_id}


def loaded(number: int) -> Meeting:
    return AppContext.from_environ(os.environ).catalog.by_number(number)


@pytest.fixture
def corpus_dt(monkeypatch: pytest.MonkeyPatch) -> Iterator[Datatracker]:
    if not (CORPUS / "meetings.json").is_file():
        pytest.skip("the corpus (../shared/corpus/calendars/ietfnext) is absent")
    agendas = {n: CORPUS / f"agenda_{n}.json" for n in NUMBERS}
    with Datatracker(agendas, corpus_records()) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        yield dt


@pytest.fixture
def fixture_dt(monkeypatch: pytest.MonkeyPatch) -> Iterator[Datatracker]:
    with Datatracker({125: FIXTURES / "ietf125-agenda.json"}, fixture_records()) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        yield dt


def check_import(number: int, agenda: Path, record: dict[str, Any]) -> None:
    """What `ietfplan import N` made of ``agenda`` agrees with the source and the record."""
    meeting = loaded(number)
    assert meeting.timezone == record["time_zone"]
    assert meeting.city == record["city"] and meeting.country == record["country"]
    zone = ZoneInfo(record["time_zone"])
    # The record's days (Meeting.date, end_date() = date + days - 1), widened to every
    # session's day: the online IETF 108 had sessions the week before its record's week.
    first = date.fromisoformat(record["date"])
    days = [utc(o["start"]).astimezone(zone).date() for o in source_sessions(agenda)]
    assert meeting.start == min(first, *days)
    assert meeting.end == max(first + timedelta(days=record["days"] - 1), *days)
    got = by_session_id(meeting)
    for obj in source_sessions(agenda):
        s = got[obj["session_id"]]
        start = utc(obj["start"])
        assert s.start == start, obj["session_id"]
        end = start + duration(obj["duration"])
        if end.astimezone(zone).date() == start.astimezone(zone).date() and end > start:
            assert s.end == end
        else:  # meeting files say "sessions end on the day they start"
            assert s.end is None
        assert s.date == start.astimezone(zone).date()
        assert s.bof is (obj["is_bof"] is True)
        assert s.group_type == obj["group"]["type"] and s.area == obj["group"].get("parent", "")
        assert s.status == {"canceled": "cancelled", "resched": "rescheduled"}.get(
            obj["status"], s.status)
        if obj["status"] == "canceled":
            assert s.status == "cancelled"
        decks = sorted(obj.get("presentations") or [], key=lambda p: p["order"])
        slides = [(name, url) for name, url in s.links if name.startswith("slides ")]
        assert [url for _, url in slides] == [
            f"https://datatracker.ietf.org/meeting/{number}/materials/{p['name']}-{p['rev']}" for p in decks]
        assert [name.split(": ", 1)[1] for name, _ in slides] == [" ".join(p["title"].split()) for p in decks]
        for key in ("agenda", "minutes"):
            assert s.link_map.get(key) == (obj.get(key) or None)


@needs_corpus
@pytest.mark.parametrize("number", NUMBERS)
def test_import_number_takes_the_datatrackers_agenda_and_record(corpus_dt: Datatracker, number: int) -> None:
    r = invoke("import", str(number))
    assert r.exit_code == 0, r.stderr
    record = next(o for o in corpus_records() if o["number"] == str(number))
    check_import(number, CORPUS / f"agenda_{number}.json", record)
    assert f"/api/v1/meeting/meeting/?number={number}&format=json" in corpus_dt.hits
    assert f"/meeting/{number}/agenda.json" in corpus_dt.hits


@needs_corpus
def test_zones_are_the_datatrackers(corpus_dt: Datatracker) -> None:
    for number, zone, city in ((108, "UTC", "Online"), (113, "Europe/Vienna", "Vienna"),
                               (115, "Europe/London", "London")):
        assert invoke("import", str(number)).exit_code == 0
        meeting = loaded(number)
        assert (meeting.timezone, meeting.city) == (zone, city)


@needs_corpus
def test_every_kind_of_session_is_kept(corpus_dt: Datatracker) -> None:
    assert invoke("import", "115").exit_code == 0
    meeting = loaded(115)
    sources = source_sessions(CORPUS / "agenda_115.json")
    assert len(meeting.sessions) == len(sources)
    assert sum(s.bof for s in meeting.sessions) == sum(o["is_bof"] for o in sources) > 0
    assert sum(s.status == "cancelled" for s in meeting.sessions) == sum(
        o["status"] == "canceled" for o in sources) > 0
    assert sum(s.status == "rescheduled" for s in meeting.sessions) == sum(
        o["status"] == "resched" for o in sources) > 0


def _materials(obj: dict[str, Any]) -> tuple[object, ...]:
    return (obj.get("agenda"), obj.get("minutes"),
            tuple((p["name"], p["rev"], p["title"]) for p in obj.get("presentations") or []))


@needs_corpus
def test_the_later_agenda_of_115_reports_exactly_what_differs(corpus_dt: Datatracker) -> None:
    early, late = CORPUS / "agenda_115_2022-12-10.json", CORPUS / "agenda_115.json"
    corpus_dt.server.agendas[115] = early
    assert invoke("import", "115").exit_code == 0
    corpus_dt.server.agendas[115] = late
    r = invoke("import", "115", "--format", "json")
    assert r.exit_code == 0, r.stderr
    report = json.loads(r.stdout)
    # What differs, from the two files: per session, its time, room, status or documents.
    before = {o["session_id"]: o for o in source_sessions(early)}
    expected = set()
    for obj in source_sessions(late):
        old = before[obj["session_id"]]
        acronym = obj["group"]["acronym"]
        if old["status"] != obj["status"]:
            expected.add(({"canceled": "cancelled", "resched": "rescheduled"}.get(obj["status"], "status"),
                          acronym))
        elif any(old[key] != obj[key] for key in ("start", "duration", "location")):
            expected.add(("moved", acronym))
        elif _materials(old) != _materials(obj):
            expected.add(("materials", acronym))
    assert expected  # the two versions do differ (new minutes)
    assert {(c["change"], c["group"]) for c in report["changes"]} == expected
    minutes = {c["group"]: c["fields"] for c in report["changes"]}
    assert all(fields == ["minutes"] for fields in minutes.values())


def test_import_number_without_the_corpus(fixture_dt: Datatracker) -> None:
    r = invoke("import", "125")
    assert r.exit_code == 0, r.stderr
    record = fixture_records()[0]
    check_import(125, FIXTURES / "ietf125-agenda.json", record)
    meeting = loaded(125)
    assert meeting.timezone == "Asia/Shanghai" and meeting.city == "Shenzhen"
    assert any(s.bof for s in meeting.sessions)


def test_importing_the_agenda_file_looks_the_meeting_up(fixture_dt: Datatracker, tmp_path: Path) -> None:
    agenda = FIXTURES / "ietf125-agenda.json"
    r = invoke("import", str(agenda))
    assert r.exit_code == 0, r.stderr
    assert loaded(125).timezone == "Asia/Shanghai"
    hits = len(fixture_dt.hits)
    # Again, offline: the cached record is enough.
    r = invoke("import", str(agenda), "--offline", "-o", str(tmp_path / "again.yaml"))
    assert r.exit_code == 0, r.stderr
    assert len(fixture_dt.hits) == hits


def test_offline_without_a_cached_record_asks_for_the_zone(fixture_dt: Datatracker) -> None:
    r = invoke("import", str(FIXTURES / "ietf125-agenda.json"), "--offline")
    assert r.exit_code == 2
    assert "--timezone" in r.stderr and "no cached record of IETF 125" in r.stderr
    assert fixture_dt.hits == []
    r = invoke("import", str(FIXTURES / "ietf125-agenda.json"), "--offline", "--timezone", "Asia/Shanghai")
    assert r.exit_code == 0, r.stderr
    assert fixture_dt.hits == []


def _written() -> list[Path]:
    folder = AppContext.from_environ(os.environ).folders.meetings
    return sorted(folder.glob("*")) if folder.is_dir() else []


def test_an_unknown_meeting_is_one_clear_message(fixture_dt: Datatracker) -> None:
    r = invoke("import", "999")
    assert r.exit_code != 0
    assert r.stderr.startswith("error: the Datatracker does not know IETF 999")
    assert "Traceback" not in r.stderr and _written() == []
    assert not any("/meeting/999/agenda.json" in h for h in fixture_dt.hits)


def test_no_network_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    # conftest points IETFPLAN_DATATRACKER_URL at a port that refuses.
    r = invoke("import", "125")
    assert r.exit_code == 3
    assert "127.0.0.1:9 refused the connection" in r.stderr
    assert r.stderr.count("error:") == 1 and _written() == []


def test_an_html_page_instead_of_the_record_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (200, b"<!DOCTYPE html><html><body>Login</body></html>", "text/html; charset=utf-8")
    overrides = {"/api/v1/meeting/meeting/?number=125&format=json": page}
    with Datatracker({125: FIXTURES / "ietf125-agenda.json"}, fixture_records(), overrides) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        r = invoke("import", "125")
    assert r.exit_code != 0 and "HTML" in r.stderr and r.stderr.count("error:") == 1
    assert _written() == []


def test_an_html_page_instead_of_the_agenda_is_one_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (200, b"<!DOCTYPE html><html><body>Maintenance</body></html>", "text/html")
    with Datatracker({}, fixture_records(), {"/meeting/125/agenda.json": page}) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        r = invoke("import", "125")
    assert r.exit_code != 0 and "HTML" in r.stderr and r.stderr.count("error:") == 1
    assert _written() == []


def test_agenda_of_a_meeting_not_imported_names_the_import() -> None:
    r = invoke("agenda", "-m", "125")
    assert r.exit_code == 2
    assert "ietfplan import 125" in r.stderr


def test_import_number_offline_uses_the_cached_record_and_agenda(fixture_dt: Datatracker) -> None:
    assert invoke("import", "125").exit_code == 0
    hits = len(fixture_dt.hits)
    r = invoke("import", "125", "--offline")
    assert r.exit_code == 0, r.stderr
    assert len(fixture_dt.hits) == hits and "cached copy" in r.stderr
    assert "no changes" in r.stdout


def test_a_file_without_a_reachable_record_asks_for_the_zone_and_says_why() -> None:
    # conftest points IETFPLAN_DATATRACKER_URL at a port that refuses.
    r = invoke("import", str(FIXTURES / "ietf125-agenda.json"))
    assert r.exit_code == 2
    assert "does not say which time zone IETF 125 is in" in r.stderr
    assert "refused the connection" in r.stderr and "--timezone" in r.stderr
    assert _written() == []


def test_an_agenda_csv_file_takes_the_zone_from_the_record(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    # IETF 102's record as the Datatracker's meeting list gives it (meetings.json).
    record = {"number": "102", "city": "Montreal", "country": "CA", "time_zone": "America/Toronto",
              "date": "2018-07-14", "days": 7}
    with Datatracker({}, [record]) as dt:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", dt.url)
        out = tmp_path / "ietf102.yaml"
        r = invoke("import", str(FIXTURES / "ietf102-agenda.csv"), "-o", str(out))
        assert r.exit_code == 0, r.stderr
        assert "/api/v1/meeting/meeting/?number=102&format=json" in dt.hits
    text = out.read_text(encoding="utf-8")
    assert 'timezone: "America/Toronto"' in text and 'country: "CA"' in text
    assert "start: 2018-07-14" in text and "end: 2018-07-20" in text
