"""Fake HTTP servers on 127.0.0.1 for the adversarial tests.

``FakeDav`` is a sloppy CalDAV server of the kind the issue met: it gives no ETags and
ignores If-Match (it does honour ``If-None-Match: *``), so only a client that looks
before it writes can notice an edit made on the server.  It can also stop answering
after the Nth upload (having stored it), to interrupt a publish at the worst moment.
"""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable
from typing import Any

CALENDAR_PROPFIND = (
    b'<?xml version="1.0" encoding="utf-8"?>\n<multistatus xmlns="DAV:" '
    b'xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>/cal/</href><propstat><prop>'
    b"<resourcetype><collection/><C:calendar/></resourcetype></prop>"
    b"<status>HTTP/1.1 200 OK</status></propstat></response></multistatus>\n")


class Server:
    """A ThreadingHTTPServer on a free port, run in a thread; ``handle`` answers requests."""

    def __init__(self, handle: Callable[[http.server.BaseHTTPRequestHandler], None]) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _any(self) -> None:
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    handle(self)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_POST = _any

        self.stop = threading.Event()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def answer(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
           headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for key, value in (headers or {}).items():
        handler.send_header(key, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


class FakeDav:
    """Resources by path; no ETags; If-Match ignored."""

    def __init__(self, hang_after_puts: int | None = None) -> None:
        self.resources: dict[str, bytes] = {}
        self.puts = 0
        self.hang_after_puts = hang_after_puts
        self.lock = threading.Lock()
        self.server = Server(self.handle)

    def __enter__(self) -> FakeDav:
        self.server.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.__exit__(*exc)

    @property
    def url(self) -> str:
        return self.server.url("/cal/")

    def by_uid(self) -> dict[str, bytes]:
        from urllib.parse import unquote

        with self.lock:
            return {unquote(path.rsplit("/", 1)[1])[: -len(".ics")]: body
                    for path, body in self.resources.items()}

    def put(self, uid: str, body: bytes) -> None:
        from urllib.parse import quote

        with self.lock:
            self.resources[f"/cal/{quote(uid, safe='@')}.ics"] = body

    def handle(self, h: http.server.BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        path = h.path.split("?", 1)[0]
        if h.command == "PROPFIND":
            answer(h, 207, CALENDAR_PROPFIND, {"Content-Type": "application/xml"})
        elif h.command == "GET":
            with self.lock:
                data = self.resources.get(path)
            answer(h, 200 if data is not None else 404, data or b"",
                   {"Content-Type": "text/calendar"})
        elif h.command == "PUT":
            hang = False
            with self.lock:
                exists = path in self.resources
                if exists and h.headers.get("If-None-Match") == "*":
                    status = 412
                else:
                    self.resources[path] = body
                    self.puts += 1
                    status = 204 if exists else 201
                    hang = self.hang_after_puts is not None and self.puts >= self.hang_after_puts
            if status != 412 and hang:
                self.server.stop.wait(60)  # stored, but the answer never comes
                return
            answer(h, status)
        elif h.command == "DELETE":
            with self.lock:
                found = self.resources.pop(path, None) is not None
            answer(h, 204 if found else 404)
        else:
            answer(h, 405)
