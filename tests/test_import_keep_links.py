"""Importing a source that cannot give some kinds of link (agenda.csv: the agenda only;
agenda.ics: its own link lines; ISOC posts: none) over a previous agenda.json import: each
session keeps those links from the session it continues, and the import says so.

The oracle is the agenda.json file itself (its ``minutes`` and ``presentations``), the csv
is written here from that file's sessions, with zoneinfo for the meeting's wall clock.
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from cli.helpers import invoke
from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.load.importers import carried_links, parse_source
from ietfplan.load.importers.detect import detect
from ietfplan.load.importers.dtlinks import link_kind
from ietfplan.model import Meeting, Session
from import_helpers import DT, FIXTURES

JSON_125 = DT / "ietf125-agenda.json"
ZONE_125 = "Asia/Shanghai"  # ietf125-meeting.json's time_zone
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "calendars"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)  # before IETF 125 (the fixture is of 2026)
CLI_ENV = {"IETFPLAN_NOW": "2026-03-01T12:00Z"}
COLUMNS = ("Date", "Start", "End", "Session", "Room", "Area", "Acronym", "Type", "Description",
           "Session ID", "Agenda", "Slides")


def run(source: str | Path, **kwargs: object) -> ImportOutcome:
    request = ImportRequest(source=str(source), **kwargs)  # type: ignore[arg-type]
    return import_meeting(AppContext(Folders.from_environ(os.environ), now=NOW), request)


def json_sessions(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    (objects,) = data.values()
    return [o for o in objects if o.get("objtype") == "session" and o.get("start")]


def utc(obj: dict[str, Any]) -> datetime:
    return datetime.strptime(obj["start"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def write_csv(path: Path, sessions: list[dict[str, Any]], zone: str, without_agenda: int) -> None:
    """agenda.csv as agenda_csv() writes regular rows, from agenda.json's sessions; the
    session ``without_agenda`` has its Agenda cell left empty."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for obj in sessions:
        start = utc(obj).astimezone(ZoneInfo(zone))
        hours, minutes, _ = (int(part) for part in obj["duration"].split(":"))
        end = start + timedelta(hours=hours, minutes=minutes)
        group = obj["group"]
        agenda = "" if obj["session_id"] == without_agenda else obj.get("agenda") or ""
        writer.writerow([f"{start:%Y-%m-%d}", f"{start:%H%M}", f"{end:%H%M}", "Session", obj["location"],
                         group.get("parent", "").upper(), group["acronym"], "WG", obj["name"],
                         obj["session_id"], agenda, ""])
    path.write_text(out.getvalue(), encoding="utf-8")


def session_at(meeting: Meeting, acronym: str, start: datetime) -> Session:
    (found,) = [s for s in meeting.sessions if s.group == acronym and s.start is not None
                and s.start.astimezone(timezone.utc) == start]
    return found


def slide_urls(session: Session) -> set[str]:
    return {url for name, url in session.links if name.startswith("slides ")}


def document_changes(meeting_report: Any) -> list[tuple[str, str]]:
    """(group, document) of every document the change report names."""
    return [(c.after.group if c.after else c.before.group, name)
            for c in meeting_report.changes if c.change == "materials" for name in c.fields]


@pytest.fixture
def csv_over_json(tmp_path: Path) -> tuple[Any, Any, list[dict[str, Any]], Path]:
    out = str(tmp_path / "ietf125.yaml")
    first = run(JSON_125, meeting=125, timezone=ZONE_125, output=out)
    sessions = json_sessions(JSON_125)
    source = tmp_path / "agenda.csv"
    write_csv(source, sessions, ZONE_125, without_agenda=40001)
    second = run(source, meeting=125, timezone=ZONE_125, output=out)
    return first, second, sessions, source


def test_minutes_and_slides_of_each_session_stay_after_a_csv(csv_over_json):
    _, second, sessions, _ = csv_over_json
    with_documents = [o for o in sessions if o.get("minutes") or o.get("presentations")]
    assert len(with_documents) >= 2  # the fixture has minutes and slides to keep
    for obj in with_documents:
        session = session_at(second.meeting, obj["group"]["acronym"], utc(obj))
        if obj.get("minutes"):
            assert ("minutes", obj["minutes"]) in session.links
        # DocumentInfo.get_href: /meeting/<n>/materials/<name>-<rev>
        assert slide_urls(session) == {f"https://datatracker.ietf.org/meeting/125/materials/{p['name']}-{p['rev']}"
                                       for p in obj.get("presentations") or []}
    written = Path(second.path).read_text(encoding="utf-8")
    assert all(o["minutes"] in written for o in with_documents if o.get("minutes"))


def test_the_import_says_which_links_were_kept_and_from_where(csv_over_json):
    first, second, _, _ = csv_over_json
    (note,) = [w for w in second.warnings if "from the previous version" in w]
    assert note.startswith("Datatracker agenda.csv does not give ")
    kinds = note.split(" does not give ", 1)[1].split(" links;", 1)[0].split(", ")
    assert {"minutes", "slides"} <= set(kinds) and "agenda" not in kinds
    # every session the previous version had with a link other than its agenda keeps it
    having = [s for s in first.meeting.sessions if any(link_kind(n) != "agenda" for n, _ in s.links)]
    assert f"; {len(having)} session(s) keep theirs" in note


def test_the_report_lists_no_removed_minutes_or_slides_but_a_removed_agenda(csv_over_json):
    _, second, sessions, _ = csv_over_json
    named = document_changes(second.report)
    assert not [name for _, name in named if link_kind(name) in ("minutes", "slides")]
    (dropped,) = [o for o in sessions if o["session_id"] == 40001]
    assert ("dnsop", "agenda") in named and dropped.get("agenda")
    assert ("agenda", dropped["agenda"]) not in session_at(second.meeting, "dnsop", utc(dropped)).links


def test_the_cli_prints_the_warning_and_no_removed_minutes(tmp_path):
    out = str(tmp_path / "m.yaml")
    assert invoke("import", str(JSON_125), "--meeting", "125", "--timezone", ZONE_125,
                  "--output", out, env=CLI_ENV).exit_code == 0
    source = tmp_path / "agenda.csv"
    write_csv(source, json_sessions(JSON_125), ZONE_125, without_agenda=0)
    result = invoke("import", str(source), "--meeting", "125", "--timezone", ZONE_125,
                    "--output", out, env=CLI_ENV)
    assert result.exit_code == 0, result.output
    (note,) = [line for line in result.output.splitlines() if "from the previous version" in line]
    assert "minutes" in note and "slides" in note
    # the change report's lines name no minutes or slides (nothing removed)
    assert [line for line in result.output.splitlines() if "minutes" in line or "slides" in line] == [note]


def test_with_merge_nothing_is_kept(tmp_path):
    out = str(tmp_path / "ietf125.yaml")
    run(JSON_125, meeting=125, timezone=ZONE_125, output=out)
    source = tmp_path / "agenda.csv"
    sessions = json_sessions(JSON_125)
    write_csv(source, sessions, ZONE_125, without_agenda=0)
    merged = run(source, meeting=125, timezone=ZONE_125, output=out, merge=True)
    assert not [w for w in merged.warnings if "from the previous version" in w]
    (obj,) = [o for o in sessions if o.get("minutes")]
    assert ("minutes", obj["minutes"]) not in session_at(merged.meeting, "dnsop", utc(obj)).links


def test_an_ics_over_a_json_keeps_the_links_it_has_no_line_for(tmp_path):
    out = str(tmp_path / "ietf102.yaml")
    first = run(DT / "ietf102-agenda.json", output=out)
    second = run(DT / "ietf102-agenda.ics", output=out)
    (note,) = [w for w in second.warnings if "from the previous version" in w]
    assert note.startswith("Datatracker agenda.ics does not give chat log links")
    # agenda.ics has no chat log line: each session keeps the one it had
    before = {(s.group, s.start): dict(s.links).get("chat log") for s in first.meeting.sessions}
    kept = [s for s in second.meeting.sessions if (s.group, s.start) in before]
    assert kept and all(dict(s.links).get("chat log") == before[(s.group, s.start)] for s in kept)
    ics_text = (DT / "ietf102-agenda.ics").read_text(encoding="utf-8")
    assert all(url in ics_text for s in kept for name, url in s.links if name == "session-materials")


def _sources() -> list[Path]:
    paths = sorted(p for p in DT.iterdir() if p.suffix in (".json", ".csv", ".ics")
                   and "meeting" not in p.name)
    paths += sorted((FIXTURES / "ics").glob("*.ics")) + sorted((FIXTURES / "isoc").glob("*.txt"))
    if CORPUS.is_dir():
        paths += sorted((CORPUS / "ietfnext").glob("agenda_*.json"))
    return paths


def test_every_link_an_importer_gives_is_in_its_declared_set():
    """A kind of link an importer starts to give but does not declare would be kept stale
    from the previous version alongside the new one: every importer declares its kinds."""
    checked = 0
    for path in _sources():
        text = path.read_text(encoding="utf-8", errors="replace")
        draft = parse_source(text, str(path), detect(text, path.name, str(path)))
        declared = carried_links(draft)
        assert declared is not None, f"{path.name}: {draft.fmt} declares no link kinds"
        produced = {link_kind(name) for item in draft.items for name, _ in item.links}
        assert produced <= declared, f"{path.name}: {sorted(produced - declared)} not declared for {draft.fmt}"
        checked += bool(produced)
    assert checked >= 5
    if not CORPUS.is_dir():
        pytest.skip(reason=f"the corpus {CORPUS} is absent; the fixtures were checked")


def test_an_isoc_post_over_a_json_keeps_every_link_of_the_sessions_it_lists(tmp_path):
    out = str(tmp_path / "ietf102.yaml")
    first = run(DT / "ietf102-agenda.json", output=out)
    second = run(FIXTURES / "isoc" / "ietf102-week.txt", output=out)
    (note,) = [w for w in second.warnings if "from the previous version" in w]
    assert note.startswith("ISOC-style session list does not give ")
    post = (FIXTURES / "isoc" / "ietf102-week.txt").read_text(encoding="utf-8")
    listed = [s for s in second.meeting.sessions if f"({s.group})" in post]
    assert listed
    for session in listed:
        (before,) = [s for s in first.meeting.sessions if s.group == session.group]
        assert session.links == before.links and before.links


def test_a_schedule_row_link_is_kept_only_while_the_session_has_not_moved(tmp_path):
    """The .ics's "See in schedule" link names the slot (#row-tue-1330-6man).  agenda.json
    cannot give it, so a json import over the .ics keeps it, but not for a session the json
    moves: v2 of the 102 agenda moves 6MAN.  The oracle is the .ics text (each kept link is
    its own) and the slot in the link's anchor (weekday and HHMM of the session there)."""
    out = str(tmp_path / "ietf102.yaml")
    first = run(DT / "ietf102-agenda.ics", output=out)
    before = {s.group: s.start for s in first.meeting.sessions if s.group == "6man"}
    second = run(DT / "ietf102-agenda-v2.json", output=out)
    sixman = [s for s in second.meeting.sessions if s.group == "6man"]
    assert sixman and all(s.start != before["6man"] for s in sixman)  # moved, as the fixture says
    assert all("see-in-schedule" not in dict(s.links) for s in sixman)
    ics_text = (DT / "ietf102-agenda.ics").read_text(encoding="utf-8").replace("\n ", "")
    stayed = [s for s in second.meeting.sessions if "see-in-schedule" in dict(s.links)]
    assert stayed
    for session in stayed:
        url = dict(session.links)["see-in-schedule"]
        assert url in ics_text
        assert session.start is not None
        local = session.start.astimezone(ZoneInfo("America/Montreal"))
        assert f"#row-{local:%a}".lower() + f"-{local:%H%M}-" in url
