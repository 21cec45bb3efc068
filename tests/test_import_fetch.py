"""Importing from a URL: a local HTTP server on 127.0.0.1 serves fixtures and errors."""

from __future__ import annotations

import gzip
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.errors import DataError, FileError
from ietfplan.load import fetch
from import_helpers import DT, run
from tests.conftest import app_context


class Server(ThreadingHTTPServer):
    daemon_threads = True
    hits: dict[str, int]
    user_agents: list[str]


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def send(self, code: int, body: bytes, ctype: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.server.hits[path] = self.server.hits.get(path, 0) + 1
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        files = {"/meeting/102/agenda.json": ("ietf102-agenda.json", "application/json"),
                 "/meeting/102/agenda-utc.csv": ("ietf102-agenda-utc.csv", "text/csv; charset=utf-8"),
                 "/meeting/102/agenda.ics": ("ietf102-agenda.ics", "text/calendar")}
        if path in files:
            name, ctype = files[path]
            self.send(200, (DT / name).read_bytes(), ctype)
        elif path == "/gzip/agenda.json":
            assert "gzip" in self.headers.get("Accept-Encoding", "")
            body = gzip.compress((DT / "ietf102-agenda.json").read_bytes())
            self.send(200, body, "application/json", {"Content-Encoding": "gzip"})
        elif path == "/flaky/agenda.json":
            if self.server.hits[path] == 1:
                self.send(503, b"busy", "text/plain")
            else:
                self.send(200, (DT / "ietf102-agenda.json").read_bytes(), "application/json")
        elif path == "/down":
            self.send(502, b"bad gateway", "text/plain")
        elif path == "/page":
            self.send(200, b"<!doctype html><html><body>agenda</body></html>", "text/html; charset=utf-8")
        elif path == "/latin1.csv":
            self.send(200, '"Date","Start"\r\n"Montréal"\r\n'.encode("latin-1"), "text/csv")
        elif path == "/cut.json":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(b'{"102": [')
            self.close_connection = True
        elif path == "/bomb.json":
            self.send(200, gzip.compress(b" " * 3_000_000), "application/json", {"Content-Encoding": "gzip"})
        else:
            self.send(404, b"not found", "text/plain")


@pytest.fixture(scope="module")
def _server() -> Iterator[tuple[str, Server]]:
    srv = Server(("127.0.0.1", 0), Handler)
    srv.hits, srv.user_agents = {}, []
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}", srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


@pytest.fixture
def server(_server: tuple[str, Server]) -> tuple[str, Server]:
    _server[1].hits.clear()
    _server[1].user_agents.clear()
    return _server


@pytest.fixture(autouse=True)
def _no_retry_wait(monkeypatch):
    monkeypatch.setattr(fetch, "RETRY_DELAY", 0.0)


def test_import_from_a_url_and_then_offline(server, tmp_path):
    base, srv = server
    url = f"{base}/meeting/102/agenda.json"
    out = run(url, output=str(tmp_path / "m.yaml"))
    assert len(out.meeting.sessions) == 12 and not out.from_cache
    assert out.meeting.url == url and all(url in s.source for s in out.meeting.sessions)
    assert srv.user_agents[-1].startswith("ietfplan/") and "urllib" in srv.user_agents[-1]
    hits = dict(srv.hits)
    again = run(url, output=str(tmp_path / "m2.yaml"), offline=True)
    assert again.from_cache and srv.hits == hits  # the server was not asked
    assert [s.start for s in again.meeting.sessions] == [s.start for s in out.meeting.sessions]


def test_offline_without_a_cached_copy(tmp_path):
    with pytest.raises(FileError, match=r"no cached copy of http://127\.0\.0\.1:9/x\.json"):
        run("http://127.0.0.1:9/x.json", output=str(tmp_path / "m.yaml"), offline=True)


def test_gzip_and_utc_csv_by_url(server, tmp_path):
    base, _ = server
    assert len(run(f"{base}/gzip/agenda.json", output=str(tmp_path / "a.yaml")).meeting.sessions) == 12
    utc = run(f"{base}/meeting/102/agenda-utc.csv", output=str(tmp_path / "b.yaml"))
    assert utc.fmt == "Datatracker agenda-utc.csv"
    dmm = next(s for s in utc.meeting.sessions if s.group == "dmm")
    assert f"{dmm.start:%H:%M}" == "09:30"


def test_one_retry_on_5xx(server, tmp_path):
    base, srv = server
    out = run(f"{base}/flaky/agenda.json", output=str(tmp_path / "m.yaml"))
    assert srv.hits["/flaky/agenda.json"] == 2 and len(out.meeting.sessions) == 12
    with pytest.raises(FileError, match=r"HTTP 502 Bad Gateway \(tried twice\)"):
        fetch.fetch(f"{base}/down")
    assert srv.hits["/down"] == 2


def test_404(server):
    base, srv = server
    with pytest.raises(FileError, match=r"was not found \(HTTP 404\)") as exc:
        fetch.fetch(f"{base}/meeting/999/agenda.json")
    assert "meeting number" in exc.value.problems[0].hint
    assert srv.hits["/meeting/999/agenda.json"] == 1  # no retry on 4xx


def test_html_instead_of_an_agenda(server):
    base, _ = server
    with pytest.raises(DataError, match=r"web page \(HTML\), not an agenda"):
        fetch.fetch(f"{base}/page")


def test_not_utf8(server):
    base, _ = server
    with pytest.raises(DataError, match="not UTF-8") as exc:
        fetch.fetch(f"{base}/latin1.csv")
    assert (exc.value.problems[0].line, exc.value.problems[0].column) == (2, 7)


def test_size_cap_also_after_gunzip(server, monkeypatch):
    base, _ = server
    with pytest.raises(FileError, match="larger than 4 KB"):
        fetch.fetch(f"{base}/meeting/102/agenda.json", max_bytes=4096)
    with pytest.raises(FileError, match="unpacks to more than 2 MB"):
        fetch.fetch(f"{base}/bomb.json", max_bytes=2 * 1024 * 1024)


def test_answer_that_breaks_off(server):
    base, _ = server
    with pytest.raises(FileError, match="the connection broke off"):
        fetch.fetch(f"{base}/cut.json")


def test_connection_refused():
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FileError, match=f"127.0.0.1:{port} refused the connection"):
        fetch.fetch(f"http://127.0.0.1:{port}/agenda.json")


def test_dns_failure(monkeypatch):
    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FileError, match=r"cannot find the host 'datatracker\.example' \(DNS lookup failed\)"):
        fetch.fetch("https://datatracker.example/meeting/102/agenda.json")


def test_network_failure_mentions_the_cache(server, tmp_path, monkeypatch):
    base, _ = server
    url = f"{base}/meeting/102/agenda.json"
    run(url, output=str(tmp_path / "m.yaml"))

    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(FileError) as exc:
        fetch.fetch(url, cache_dir=app_context().folders.cache)
    assert "--offline" in exc.value.problems[0].hint


def test_cli_url_import_then_every_command_works(server):
    base, _ = server
    runner = CliRunner()
    r = runner.invoke(app, ["import", f"{base}/meeting/102/agenda.ics"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["meetings", "--json"])
    assert '"sessions": 14' in r.stdout and "meetings/ietf102.yaml" in r.stdout
    r = runner.invoke(app, ["agenda", "tue", "--meeting", "102", "--format", "csv"])
    assert r.exit_code == 0 and "Van Horne" in r.stdout and "RTG" in r.stdout.upper()


def test_cli_network_error_is_one_message_and_exit_3():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    r = CliRunner().invoke(app, ["import", f"http://127.0.0.1:{port}/agenda.json"])
    assert r.exit_code == 3 and "refused the connection" in r.stderr and "Traceback" not in r.output
