"""No value from a data file can add lines to an .ics file.  Issue 14, item 4.

A link or URL is written into .ics files as it is (URIs are not escaped like text), so a
line break in one would start a new event in every later export.  Links and URLs with a
line break or control character are refused where they are read (meeting file or
import), with their position; every other field that reaches an .ics property is either
refused with its position or escaped.  Both .ics writers are checked: `export` (the fast
text writer) and `publish` (the icalendar one), read back with the icalendar library."""

from __future__ import annotations

import json
import os
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from tests.adversarial.fakedav import FakeDav

PAYLOAD = ("x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@attacker\r\nSUMMARY:FAKE\r\n"
           "ATTENDEE:mailto:victim@example.com\r\nX-EVIL:1")
SAFE = {"city": "Montreal", "url": "https://example.invalid/ietf124/", "group": "dnsop",
        "name": "Domain Name System Operations", "area": "ops", "room": "Salle 2",
        "note": "bring coffee", "draft": "draft-ietf-dnsop-example-00", "source": "hand-made",
        "id": "124-dnsop-1", "link": "https://example.invalid/dnsop/agenda"}


def meeting_file(tmp_path: Path, field: str, value: str) -> Path:
    v = {**SAFE, field: value}
    q = {key: json.dumps(text) for key, text in v.items()}  # JSON strings are YAML strings
    text = (f"meeting:\n  number: 124\n  city: {q['city']}\n  timezone: America/Montreal\n"
            f"  start: 2025-11-01\n  end: 2025-11-07\n  url: {q['url']}\n"
            f"sessions:\n  - group: {q['group']}\n    id: {q['id']}\n    name: {q['name']}\n"
            f"    area: {q['area']}\n    date: 2025-11-03\n    time: 09.30-11.30\n"
            f"    room: {q['room']}\n    note: {q['note']}\n    drafts: [{q['draft']}]\n"
            f"    source: {q['source']}\n    links:\n      agenda: {q['link']}\n")
    path = tmp_path / "ietf124-hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def position_of(path: Path, needle: str) -> int:
    """The 1-based line of ``needle`` in the file (computed from the file itself)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def assert_one_clean_event(data: bytes) -> None:
    lines = data.replace(b"\r\n ", b"").split(b"\r\n")
    assert lines.count(b"BEGIN:VEVENT") == 1
    assert not any(line.startswith((b"ATTENDEE", b"X-EVIL", b"UID:evil")) for line in lines)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert "ATTENDEE" not in event and "X-EVIL" not in event
    assert str(event["UID"]) != "evil@attacker"


@pytest.mark.parametrize("field", ["link", "url"])
def test_line_breaks_in_links_and_urls_are_refused_with_their_position(tmp_path: Path,
                                                                       field: str) -> None:
    path = meeting_file(tmp_path, field, "https://x/a" + PAYLOAD)
    line = position_of(path, "agenda:" if field == "link" else "  url:")
    for args in (["validate", str(path)], ["export", "-f", str(path), "-o", "-"]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 2, res.stderr
        assert f"{path}:{line}:" in res.stderr
        assert "control character (carriage return)" in res.stderr
        assert "END:VEVENT" not in res.stdout


FIELDS = ["city", "group", "name", "area", "room", "note", "draft", "source", "id"]


@pytest.mark.parametrize("field", FIELDS)
def test_every_other_field_is_refused_or_escaped_in_both_writers(tmp_path: Path, field: str) -> None:
    path = meeting_file(tmp_path, field, SAFE[field] + PAYLOAD)
    res = CliRunner().invoke(app, ["export", "-f", str(path), "-o", "-"])
    if res.exit_code != 0:  # refused: with the position of the value
        assert res.exit_code == 2, res.stderr
        key = {"draft": "drafts:", "city": "  city:"}.get(field, f"{field}:")
        assert f"{path}:{position_of(path, key)}:" in res.stderr
        return
    assert_one_clean_event(res.stdout_bytes)
    with FakeDav() as dav:
        published = CliRunner().invoke(app, ["publish", "--url", dav.url, "-f", str(path)])
        assert published.exit_code == 0, published.stderr
        bodies = list(dav.by_uid().values())
    assert len(bodies) == 1
    assert_one_clean_event(bodies[0])


def test_imported_agenda_with_a_hostile_link_is_refused(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "fixtures" / "datatracker" / "ietf102-agenda.json"
    data = json.loads(source.read_text(encoding="utf-8"))
    victim = next(s for s in data["102"] if s.get("objtype") == "session")
    victim["agenda"] = "https://x/a" + PAYLOAD
    hostile = tmp_path / "agenda.json"
    hostile.write_text(json.dumps(data, indent=1), encoding="utf-8")
    out = tmp_path / "ietf102.yaml"
    res = CliRunner().invoke(app, ["import", str(hostile), "-o", str(out)])
    assert res.exit_code == 2, res.stderr
    assert "link 'agenda' has a control character (carriage return)" in res.stderr
    assert f"{hostile}:" in res.stderr
    assert not out.exists()
    assert not any(p.suffix == ".yaml" for p in Path(os.environ["IETFPLAN_HOME"]).rglob("*"))


@pytest.mark.parametrize("key", ["agenda", "remote"])
def test_a_link_that_got_past_the_loaders_stays_on_one_line(tmp_path: Path, key: str) -> None:
    """Defence in depth: a session made in code (not loaded) with a hostile URL or
    CONFERENCE link; the event writer (export and publish) percent-encodes it."""
    from dataclasses import replace
    from datetime import datetime, timezone

    from ietfplan.load.catalog import Catalog
    from ietfplan.publish.state import EventState
    from ietfplan.render.ics import IcsOptions, calendar_bytes, prepare

    meeting = Catalog(user_dir=None).load_file(str(meeting_file(tmp_path, "note", "fine")))
    session = replace(meeting.sessions[0], links=((key, "https://x/a" + PAYLOAD),))
    items = prepare([(session, meeting)], ())
    revisions = EventState(tmp_path / "state.json").revise(items, datetime(2025, 1, 1, tzinfo=timezone.utc))
    opts = IcsOptions()
    data = calendar_bytes(items, revisions, opts, name="x", zone_name=meeting.timezone)
    assert_one_clean_event(data)
    (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
    written = str(event["URL" if key == "agenda" else "CONFERENCE"])
    assert written.startswith("https://x/ax%0D%0AEND:VEVENT%0D%0A")
