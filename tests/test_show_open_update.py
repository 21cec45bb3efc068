"""`ietfplan show`, `open` and `update` on the self-written IETF 125 fixture, imported with
`ietfplan import 125` from a loopback Datatracker."""

from __future__ import annotations

import json
import os
import re
import webbrowser
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from dtserver import FIXTURES, Datatracker, fixture_records
from ietfplan.app import AppContext
from ietfplan.cli import app

AGENDA = FIXTURES / "ietf125-agenda.json"
# 2026-03-16 02:00 UTC is 10:00 in Shenzhen: DNSOP's first session (09:30-11:30) is on.
DURING_DNSOP = "2026-03-16T02:00Z"


def invoke(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(app, list(args), env=env or {}, catch_exceptions=False)


def source(acronym: str, index: int = 0, path: Path = AGENDA) -> dict[str, Any]:
    (entries,) = json.loads(path.read_text(encoding="utf-8")).values()
    return [o for o in entries if o.get("objtype") == "session" and o["group"]["acronym"] == acronym][index]


@pytest.fixture
def dt(monkeypatch: pytest.MonkeyPatch) -> Iterator[Datatracker]:
    with Datatracker({125: AGENDA}, fixture_records()) as server:
        monkeypatch.setenv("IETFPLAN_DATATRACKER_URL", server.url)
        r = invoke("import", "125")
        assert r.exit_code == 0, r.stderr
        yield server


def test_show_a_group_gives_every_session_in_full(dt: Datatracker) -> None:
    r = invoke("show", "dnsop", "-m", "125", "--tz", "Asia/Tokyo", "--json")
    assert r.exit_code == 0, r.stderr
    objs = json.loads(r.stdout)
    assert [o["id"] for o in objs] == ["125-dnsop-1", "125-dnsop-2"]
    first, raw = objs[0], source("dnsop")
    start = datetime.strptime(raw["start"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert datetime.fromisoformat(first["start"]) == start
    assert first["start"] == start.astimezone(ZoneInfo("Asia/Shanghai")).isoformat()
    assert first["local_start"] == start.astimezone(ZoneInfo("Asia/Tokyo")).isoformat()
    assert first["room"] == raw["location"] and first["bof"] is False
    assert first["links"]["slides 1: Chairs Slides"].endswith("/slides-125-dnsop-chairs-01")
    assert first["links"]["agenda"] == raw["agenda"]


def test_show_text_names_every_link(dt: Datatracker) -> None:
    r = invoke("show", "newbof", "-m", "125", env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "NEWBOF — New Protocol BoF" in out and "BoF:" in out and "clashes" not in out
    for name in ("agenda", "slides 1: Why a BoF", "materials", "remote", "onsite", "chat", "notes"):
        assert f"    {name} " in out
    r = invoke("show", "dnsop", "-m", "125")
    assert "Chairs Slides" in r.stdout and "\x0b" not in r.stdout  # the title's vertical tab


def test_show_clash_with_picks(dt: Datatracker) -> None:
    # I2NSF (rescheduled) is listed Thu 10:00-11:30, DNSOP's second session Thu 09:30-10:30.
    assert invoke("pick", "add", "i2nsf", "-m", "125").exit_code == 0
    r = invoke("show", "125-dnsop-2", "-m", "125", "--json")
    assert json.loads(r.stdout)[0]["clashes_with_picks"] == ["125-i2nsf-1"]
    r = invoke("show", "125-dnsop-2", "-m", "125", env={"COLUMNS": "200"})
    assert re.search(r"\n  clashes: +I2NSF — Interface to Network Security Functions \(125-i2nsf-1\)\n",
                     r.stdout)
    r = invoke("show", "125-dnsop-1", "-m", "125", "--json")
    assert json.loads(r.stdout)[0]["clashes_with_picks"] == []
    assert json.loads(invoke("show", "i2nsf", "-m", "125", "--json").stdout)[0]["picked"] is True


def test_show_unknown_target_suggests(dt: Datatracker) -> None:
    r = invoke("show", "dnsopp", "-m", "125")
    assert r.exit_code == 2 and "did you mean 'dnsop'" in r.stderr


def test_open_print_each_kind(dt: Datatracker) -> None:
    raw = source("dnsop")
    pk = raw["session_id"]
    expected = {
        "--remote": f"https://meetings.conf.meetecho.com/ietf125/?session={pk}",
        "--onsite": f"https://meetings.conf.meetecho.com/onsite125/?session={pk}",
        "--chat": "https://zulip.ietf.org/#narrow/stream/dnsop",
        "--notes": "https://notes.ietf.org/notes-ietf-125-dnsop",
        "--materials": "https://datatracker.ietf.org/meeting/125/session/dnsop/",
        "--agenda": raw["agenda"],
        "--slides": "https://datatracker.ietf.org/meeting/125/materials/slides-125-dnsop-chairs-01",
        "--minutes": raw["minutes"],
    }
    for flag, url in expected.items():
        r = invoke("open", "125-dnsop-1", flag, "--print", "-m", "125")
        assert r.exit_code == 0, (flag, r.stderr)
        assert r.stdout == url + "\n", flag


def test_open_without_a_group_takes_the_pick_on_now_else_next(dt: Datatracker) -> None:
    assert invoke("pick", "add", "dnsop", "-m", "125").exit_code == 0
    pk = {i: source("dnsop", i)["session_id"] for i in (0, 1)}
    r = invoke("open", "--print", env={"IETFPLAN_NOW": DURING_DNSOP})
    assert r.stdout == f"https://meetings.conf.meetecho.com/ietf125/?session={pk[0]}\n"
    after = (datetime(2026, 3, 16, 2, tzinfo=timezone.utc) + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%MZ")
    r = invoke("open", "--print", env={"IETFPLAN_NOW": after})
    assert r.stdout == f"https://meetings.conf.meetecho.com/ietf125/?session={pk[1]}\n"


def test_open_a_missing_link_is_a_clear_message(dt: Datatracker) -> None:
    r = invoke("open", "apn", "--slides", "--print", "-m", "125")
    assert r.exit_code == 2
    assert "has no slides link" in r.stderr and "its links: materials, chat, notes" in r.stderr


def test_open_with_a_browser_and_without(dt: Datatracker, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []

    class Browser:
        def open(self, url: str) -> bool:
            opened.append(url)
            return True

    monkeypatch.setattr(webbrowser, "get", lambda *a: Browser())
    r = invoke("open", "newbof", "--notes", "-m", "125")
    assert r.exit_code == 0 and opened == ["https://notes.ietf.org/notes-ietf-125-newbof"]
    assert r.stdout == ""

    def no_browser(*a: object) -> None:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    r = invoke("open", "newbof", "--notes", "-m", "125")
    assert r.exit_code == 0
    assert "no web browser" in r.stderr
    assert r.stdout == "https://notes.ietf.org/notes-ietf-125-newbof\n"


def _meeting_file() -> Path:
    return AppContext.from_environ(os.environ).folders.meetings / "ietf125.yaml"


def test_update_writes_nothing_when_nothing_changed(dt: Datatracker) -> None:
    before = _meeting_file().stat().st_mtime_ns
    r = invoke("update", env={"IETFPLAN_NOW": "2026-03-01T00:00Z"})
    assert r.exit_code == 0, r.stderr
    assert "no changes" in r.stdout and "unchanged" in r.stdout
    assert _meeting_file().stat().st_mtime_ns == before
    assert not _meeting_file().with_name("ietf125.yaml.bak").exists()


def test_update_reports_changes_picks_first_and_check(dt: Datatracker) -> None:
    assert invoke("pick", "add", "125-dnsop-2", "-m", "125").exit_code == 0
    dt.server.agendas[125] = FIXTURES / "ietf125-agenda-v2.json"
    r = invoke("update", "125", "--check", "--format", "json")
    assert r.exit_code == 1, r.stderr
    report = json.loads(r.stdout)
    # What differs between the two files: DNSOP's second session's room (a pick), a deck
    # for DNSOP's first session, minutes for the BoF.
    assert [(c["change"], c["id"], c["pick"]) for c in report["changes"]] == [
        ("moved", "125-dnsop-2", True), ("materials", "125-dnsop-1", False),
        ("materials", "125-newbof-1", False)]
    assert report["changes"][1]["fields"] == ["slides 3: A new deck"]
    assert report["changes"][2]["fields"] == ["minutes"]
    assert _meeting_file().with_name("ietf125.yaml.bak").exists()


def test_update_default_is_meetings_in_progress_or_upcoming(dt: Datatracker) -> None:
    r = invoke("update", env={"IETFPLAN_NOW": "2026-04-01T00:00Z"})
    assert r.exit_code == 0 and r.stdout == ""
    assert "no meeting you imported is in progress or upcoming" in r.stderr


def test_update_of_a_meeting_not_imported() -> None:
    r = invoke("update", "102")
    assert r.exit_code == 2 and "was not imported with `ietfplan import`" in r.stderr


def test_config_set_datatracker_is_where_import_asks(monkeypatch: pytest.MonkeyPatch,
                                                     _isolated_home: Path) -> None:
    """`config set datatracker URL` points `import N` at that Datatracker when the
    environment names none; a bad address is refused before anything is written."""
    monkeypatch.delenv("IETFPLAN_DATATRACKER_URL")
    r = invoke("config", "set", "datatracker", "ftp://example.org")
    assert r.exit_code == 2 and "http" in r.stderr
    r = invoke("config", "set", "datatracker", "https://dt.example/?token=1")
    assert r.exit_code == 2
    assert not (_isolated_home / "config" / "config.yaml").exists()
    with Datatracker({125: AGENDA}, fixture_records()) as server:
        r = invoke("config", "set", "datatracker", server.url + "/")
        assert r.exit_code == 0, r.stderr
        assert invoke("config", "get", "datatracker").stdout == server.url + "\n"
        r = invoke("import", "125")
        assert r.exit_code == 0, r.stderr
        assert any("/api/v1/meeting/meeting/" in hit for hit in server.hits)
        assert any("/meeting/125/agenda.json" in hit for hit in server.hits)
    r = invoke("config", "unset", "datatracker")
    assert r.exit_code == 0
    assert invoke("config", "get", "datatracker").exit_code == 1
