"""Network: one deadline per request, a cap on every body, URLs checked before use, no
secrets kept or shown, messages that name what really happened.  Issue 14, items 7, 10
and 12 (network parts).  Every server here runs on 127.0.0.1 in the test."""

from __future__ import annotations

import gzip
import http.server
import os
import socket
import stat
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.errors import FileError
from ietfplan.load import fetch as fetch_module
from tests.adversarial.common import FIXTURE, one_line_error
from tests.adversarial.fakedav import CALENDAR_PROPFIND, Server, answer

AGENDA = FIXTURE.parent / "datatracker" / "ietf102-agenda.json"
SECRET = "t0ken-s3cret-XYZ"


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, list(args), env=env)
    return res.exit_code, res.stdout, res.stderr


def trickle(handler: http.server.BaseHTTPRequestHandler, data: bytes, server: Server,
            pause: float = 0.2) -> None:
    """Send ``data`` one byte at a time (a server at a few bytes a second)."""
    for byte in data:
        if server.stop.is_set():
            return
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(pause)


@pytest.mark.parametrize("where", ["headers", "body"])
def test_import_from_a_trickling_server_ends_at_the_deadline(where: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    body = b'{"102": []}' + b" " * 50

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        if where == "headers":
            trickle(h, head + body, srv)
        else:
            h.wfile.write(head)
            trickle(h, body, srv)

    monkeypatch.setattr(fetch_module, "DEADLINE", 1.0, raising=False)
    with Server(handle) as srv:
        started = time.monotonic()
        with pytest.raises(FileError) as info:
            fetch_module.fetch(srv.url("/agenda.json"), timeout=5)
        elapsed = time.monotonic() - started
    assert elapsed < 4, elapsed
    assert "no complete answer within 1 s" in info.value.format()


def test_caldav_propfind_at_a_few_bytes_a_second_ends_at_the_timeout() -> None:
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.rfile.read(int(h.headers.get("Content-Length") or 0))
        h.wfile.write(b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\n"
                      + f"Content-Length: {len(CALENDAR_PROPFIND)}\r\n\r\n".encode())
        trickle(h, CALENDAR_PROPFIND, srv, pause=0.1)

    with Server(handle) as srv:
        started = time.monotonic()
        code, _, err = cli("publish", "--url", srv.url("/cal/"), "-f", str(FIXTURE),
                           "--timeout", "1")
        elapsed = time.monotonic() - started
    assert code == 3, err
    assert elapsed < 5, elapsed
    assert f"no answer from 127.0.0.1:{srv.port} within 1 s" in one_line_error(err.encode())


def test_caldav_answer_body_is_capped() -> None:
    """40 MB of 'XML': more than any calendar answer; read no further than the cap."""
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        h.rfile.read(int(h.headers.get("Content-Length") or 0))
        size = 40 * 1024 * 1024
        h.wfile.write(b"HTTP/1.1 207 Multi-Status\r\nContent-Type: application/xml\r\n"
                      + f"Content-Length: {size}\r\n\r\n".encode())
        chunk = b"<x>" + b" " * 65533
        for _ in range(size // len(chunk)):
            if srv.stop.is_set():
                return
            h.wfile.write(chunk)

    with Server(handle) as srv:
        code, _, err = cli("publish", "--url", srv.url("/cal/"), "-f", str(FIXTURE))
    assert code == 3, err
    assert "more than 16 MB" in one_line_error(err.encode())


BAD_IMPORT_URLS = ["http://127.0.0.1:99999/", "http://[::1/x", "http://[zz]/", "http://a..b/",
                   "http://" + "a" * 300 + "/", "http://" + ("a" * 64) + ".example/",
                   "http://host:abc/", "http://host:0/"]


@pytest.mark.parametrize("url", BAD_IMPORT_URLS)
def test_bad_import_urls_are_one_line_usage_errors(url: str) -> None:
    code, _, err = cli("import", url)
    assert code == 2, err
    message = one_line_error(err.encode())
    assert "is not valid" in message


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/cal/", "http://127.0.0.1:abc/cal/",
                                 "http://127.0.0.1:-1/cal/", "http://[::1/cal/",
                                 "http://[zz]/cal/", "ftp://127.0.0.1/cal/"])
def test_bad_publish_urls_are_one_line_usage_errors(url: str) -> None:
    code, _, err = cli("publish", "--url", url, "-f", str(FIXTURE))
    assert code == 2, err
    one_line_error(err.encode())


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "1e308", "0"])
def test_bad_publish_timeouts_are_one_line_usage_errors(value: str) -> None:
    code, _, err = cli("publish", "--url", "http://127.0.0.1:9/cal/", "-f", str(FIXTURE),
                       "--timeout", value)
    assert code == 2, err
    assert "--timeout" in one_line_error(err.encode())


def test_user_and_password_in_an_import_url_are_refused_not_a_dns_error() -> None:
    code, out, err = cli("import", f"http://alice:{SECRET}@127.0.0.1:9/agenda.json")
    assert code == 2, err
    message = one_line_error(err.encode())
    assert "user name or password" in message and "DNS" not in message
    assert SECRET not in out + err


def _agenda_server() -> Server:
    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/page"):
            answer(h, 200, b"<!doctype html><p>sign in", {"Content-Type": "text/html"})
        elif h.path.startswith("/gone"):
            answer(h, 404, b"not found", {"Content-Type": "text/plain"})
        else:
            answer(h, 200, AGENDA.read_bytes(), {"Content-Type": "application/json"})

    return Server(handle)


def test_query_token_is_never_stored_or_printed_and_the_cache_is_private() -> None:
    home = Path(os.environ["IETFPLAN_HOME"])
    with _agenda_server() as srv:
        code, out, err = cli("import", srv.url(f"/meeting/102/agenda.json?token={SECRET}"))
        assert code == 0, err
        assert SECRET not in out + err
        for path in ("/page", "/gone"):  # errors name the URL without the token
            failed, out2, err2 = cli("import", srv.url(f"{path}?token={SECRET}"))
            assert failed in (2, 3) and srv.url(path) in err2, err2
            assert SECRET not in out2 + err2
        failed, _, err2 = cli("import", srv.url(f"/other?token={SECRET}"), "--offline")
        assert failed == 3 and SECRET not in err2
    files = [p for p in home.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".yaml") for p in files)
    for path in files:
        assert SECRET.encode() not in path.read_bytes(), path
    cache = [p for p in files if "cache" in p.relative_to(home).parts]
    assert cache
    for path in cache:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700, path.parent


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_redirects_name_the_host_that_failed() -> None:
    closed = _closed_port()

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        target = (f"http://127.0.0.1:{closed}/agenda.json" if h.path == "/port"
                  else "ftp://files.example/agenda.json")
        answer(h, 302, b"", {"Location": target})

    with Server(handle) as srv:
        code, _, err = cli("import", srv.url("/port"))
        assert code == 3, err
        assert f"127.0.0.1:{closed} refused the connection" in one_line_error(err.encode())
        code, _, err = cli("import", srv.url("/ftp"))
        assert code == 3, err
        message = one_line_error(err.encode())
        assert "ftp://files.example/agenda.json" in message and "not an http(s) URL" in message


def test_truncated_gzip_answer_says_so() -> None:
    packed = gzip.compress(AGENDA.read_bytes())
    cut = packed[: len(packed) // 2]

    def handle(h: http.server.BaseHTTPRequestHandler) -> None:
        answer(h, 200, cut, {"Content-Type": "application/json", "Content-Encoding": "gzip"})

    with Server(handle) as srv:
        code, _, err = cli("import", srv.url("/agenda.json"))
    assert code == 3, err
    assert "cut off" in one_line_error(err.encode())
