"""`ietfplan publish` against a real Radicale CalDAV server started on 127.0.0.1."""

from __future__ import annotations

import base64
import http.client
import importlib.util
import json
import socket
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path
from urllib.parse import unquote

import icalendar
import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.load.catalog import Catalog
from tests.adversarial.common import FIXTURE, edited_fixture

pytestmark = pytest.mark.skipif(importlib.util.find_spec("radicale") is None,
                                reason="radicale is not installed (pip install '.[dev]')")

PASSWORD = "s3cret, with spaces & ünïcode"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    port: int

    def url(self, user: str, cal: str) -> str:
        return f"http://127.0.0.1:{self.port}/{user}/{cal}/"

    def request(self, method: str, path: str, user: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> tuple[int, bytes, str | None]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
        conn.request(method, path, body, {"Authorization": f"Basic {token}", **(headers or {})})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data, resp.getheader("ETag")

    def mkcalendar(self, user: str, cal: str) -> str:
        status, body, _ = self.request("MKCALENDAR", f"/{user}/{cal}/", user)
        assert status == 201, body
        return self.url(user, cal)

    def events(self, user: str, cal: str) -> dict[str, tuple[str, icalendar.Event]]:
        """href → (uid, event) for every resource in the collection (PROPFIND + GET)."""
        status, body, _ = self.request("PROPFIND", f"/{user}/{cal}/", user,
                                       b'<propfind xmlns="DAV:"><prop><getetag/></prop></propfind>',
                                       {"Depth": "1"})
        assert status == 207
        hrefs = [h.text or "" for h in ET.fromstring(body).iter("{DAV:}href")]
        out: dict[str, tuple[str, icalendar.Event]] = {}
        for href in hrefs:
            if not href.endswith(".ics"):
                continue
            status, data, _ = self.request("GET", href, user)
            assert status == 200
            (ev,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
            out[href] = (str(ev["UID"]), ev)
        return out


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("radicale")
    (root / "users").write_text(f"alice:{PASSWORD}\nbob:{PASSWORD}\n", encoding="utf-8")
    port = free_port()
    (root / "config").write_text(
        f"[server]\nhosts = 127.0.0.1:{port}\n"
        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {root / 'users'}\n"
        "htpasswd_encryption = plain\ndelay = 0\n"
        f"[storage]\nfilesystem_folder = {root / 'storage'}\n"
        "[rights]\ntype = owner_only\n[logging]\nlevel = warning\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "radicale", "--config", str(root / "config")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"radicale did not start: {err}")
                time.sleep(0.05)
        yield Server(port)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def publish(url: str, *args: str, user: str = "alice", password: str = PASSWORD,
            file: Path = FIXTURE) -> tuple[int, str, str]:
    runner = CliRunner()
    res = runner.invoke(app, ["publish", "--url", url, "--user", user, "-f", str(file), *args],
                        env={"IETFPLAN_CALDAV_PASSWORD": password})
    return res.exit_code, res.stdout, res.stderr


def test_publish_then_read_back_every_event(server: Server) -> None:
    url = server.mkcalendar("alice", "readback")
    code, _, err = publish(url)
    assert code == 0, err
    assert "7 new, 0 updated, 0 unchanged, 0 removed" in err
    meeting = Catalog(user_dir=None).load_file(str(FIXTURE))
    stored = server.events("alice", "readback")
    by_uid = {uid: (href, ev) for href, (uid, ev) in stored.items()}
    assert len(by_uid) == len(stored) == len(meeting.sessions)
    for s in meeting.sessions:
        uid = f"ietf124-{s.group}-{s.id.rsplit('-', 1)[1]}@ietfplan"
        href, ev = by_uid[uid]
        assert unquote(href).endswith(f"/{uid}.ics")
        assert str(ev["SUMMARY"]).startswith(f"{s.title} (IETF 124")
        assert str(ev["LOCATION"]) == ", ".join(p for p in (s.room, "Montreal") if p)
        if s.start is not None:
            assert ev.decoded("DTSTART").astimezone(timezone.utc) == s.start.astimezone(timezone.utc)
        else:
            assert ev.decoded("DTSTART") == s.date


def test_republish_updates_one_deletes_one_duplicates_none(server: Server, tmp_path: Path) -> None:
    url = server.mkcalendar("alice", "resync")
    # someone's own event on the same calendar: ietfplan must leave it alone
    own = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//me//EN\r\nBEGIN:VEVENT\r\nUID:mine@me\r\n" \
          b"DTSTAMP:20250101T000000Z\r\nDTSTART:20251103T120000Z\r\nSUMMARY:Lunch\r\nEND:VEVENT\r\n" \
          b"END:VCALENDAR\r\n"
    assert server.request("PUT", "/alice/resync/mine.ics", "alice", own,
                          {"Content-Type": "text/calendar"})[0] == 201
    assert publish(url)[0] == 0
    code, _, err = publish(url)
    assert code == 0 and "0 new, 0 updated, 7 unchanged, 0 removed" in err
    code, _, err = publish(url, file=edited_fixture(tmp_path))
    assert code == 0, err
    assert "0 new, 1 updated, 5 unchanged, 1 removed" in err
    stored = server.events("alice", "resync")
    uids = [uid for uid, _ in stored.values()]
    assert len(uids) == len(set(uids)) == 7  # 6 sessions + Lunch
    assert "ietf124-6man-1@ietfplan" not in uids and "mine@me" in uids
    (moved,) = [ev for uid, ev in stored.values() if uid == "ietf124-hackathon-1@ietfplan"]
    assert str(moved["LOCATION"]) == "Salle Z, Montreal"
    assert int(moved["SEQUENCE"]) == 1
    state = json.loads(Path(app_home() / "data" / "caldav.json").read_text())
    assert set(state["calendars"][url]) == set(uids) - {"mine@me"}


def app_home() -> Path:
    import os

    return Path(os.environ["IETFPLAN_HOME"])


def test_event_changed_on_server_is_a_conflict_unless_force(server: Server, tmp_path: Path) -> None:
    url = server.mkcalendar("alice", "conflict")
    assert publish(url)[0] == 0
    href = "/alice/conflict/ietf124-hackathon-1@ietfplan.ics"
    _, data, _ = server.request("GET", href, "alice")
    edited = data.replace(b"SUMMARY:HACKATHON", b"SUMMARY:EDITED HACKATHON")
    assert server.request("PUT", href, "alice", edited, {"Content-Type": "text/calendar"})[0] in (
        201, 204)
    code, _, err = publish(url, file=edited_fixture(tmp_path))
    assert code == 1
    assert "changed on the server" in err and "ietf124-hackathon-1@ietfplan" in err
    _, data, _ = server.request("GET", href, "alice")
    assert b"EDITED HACKATHON" in data  # left alone
    code, _, err = publish(url, "--force", file=edited_fixture(tmp_path))
    assert code == 0, err
    _, data, _ = server.request("GET", href, "alice")
    assert b"EDITED" not in data and b"Salle Z" in data


def test_wrong_password_is_a_clear_error(server: Server) -> None:
    url = server.mkcalendar("alice", "pw")
    code, out, err = publish(url, password="wrong horse")
    assert code == 3
    assert "refused user 'alice'" in err and "401" in err and "IETFPLAN_CALDAV_PASSWORD" in err
    assert "Traceback" not in err and "wrong horse" not in out + err
    assert server.events("alice", "pw") == {}


def test_forbidden_and_missing_calendar(server: Server) -> None:
    url = server.mkcalendar("alice", "private")
    code, _, err = publish(url, user="bob")
    assert code == 3 and "403" in err and "not allowed" in err
    code, _, err = publish(server.url("alice", "no-such-calendar"))
    assert code == 3 and "404" in err and "no calendar at" in err


def test_password_is_never_stored(server: Server) -> None:
    url = server.mkcalendar("alice", "secret")
    assert publish(url)[0] == 0
    for path in (app_home()).rglob("*"):
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path


def test_timeout_is_a_clear_error() -> None:
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        port = silent.getsockname()[1]
        started = time.monotonic()
        code, _, err = publish(f"http://127.0.0.1:{port}/alice/cal/", "--timeout", "0.5")
    assert code == 3
    assert "no answer from 127.0.0.1" in err and "0.5 s" in err
    assert time.monotonic() - started < 5


def test_empty_selection_does_not_wipe_the_calendar_without_force(server: Server) -> None:
    url = server.mkcalendar("alice", "wipe")
    assert publish(url)[0] == 0
    code, _, err = publish(url, "--search", "no such session")
    assert code == 2 and "would remove all 7 event(s)" in err
    assert len(server.events("alice", "wipe")) == 7
    code, _, err = publish(url, "--search", "no such session", "--force")
    assert code == 0 and "7 removed" in err
    assert server.events("alice", "wipe") == {}
