"""A Datatracker on 127.0.0.1 for tests: agenda.json files and meeting records.

``/meeting/<n>/agenda.json`` answers the file given for ``n``; ``/api/v1/meeting/meeting/
?number=<n>&format=json`` answers, in the API's Tastypie shape, the records given whose
``number`` is ``n`` (an empty ``objects`` list for a meeting it does not know, as the
Datatracker does).  ``overrides`` maps a path to a (status, body, content type) answer.
The server runs in a thread until ``close()`` (use it as a context manager).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "calendars" / "ietfnext"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "datatracker"


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    agendas: dict[int, Path]
    records: list[dict[str, Any]]
    overrides: dict[str, tuple[int, bytes, str]]
    hits: list[str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, code: int, body: bytes, ctype: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        if self.path in self.server.overrides:
            self._send(*self.server.overrides[self.path])
            return
        parts = urlsplit(self.path)
        segments = parts.path.strip("/").split("/")
        if len(segments) == 3 and segments[0] == "meeting" and segments[2] == "agenda.json":
            agenda = self.server.agendas.get(int(segments[1])) if segments[1].isdigit() else None
            if agenda is None:
                self._send(404, b"<html><body>Not found</body></html>", "text/html")
            else:
                self._send(200, agenda.read_bytes(), "application/json")
            return
        if parts.path == "/api/v1/meeting/meeting/":
            number = parse_qs(parts.query).get("number", [""])[0]
            found = [r for r in self.server.records if str(r.get("number")) == number]
            answer = {"meta": {"limit": 20, "next": None, "offset": 0, "previous": None,
                               "total_count": len(found)}, "objects": found}
            self._send(200, json.dumps(answer).encode(), "application/json")
            return
        self._send(404, b"<html><body>Not found</body></html>", "text/html")


class Datatracker:
    """A loopback Datatracker serving ``agendas`` ({number: agenda.json path}) and
    ``records`` (meeting objects as the API gives them)."""

    def __init__(self, agendas: dict[int, Path], records: list[dict[str, Any]],
                 overrides: dict[str, tuple[int, bytes, str]] | None = None) -> None:
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.agendas = dict(agendas)
        self.server.records = list(records)
        self.server.overrides = dict(overrides or {})
        self.server.hits = []
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def hits(self) -> list[str]:
        return self.server.hits

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def __enter__(self) -> Datatracker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def fixture_records() -> list[dict[str, Any]]:
    data = json.loads((FIXTURES / "ietf125-meeting.json").read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = data["objects"]
    return records


def corpus_records() -> list[dict[str, Any]]:
    data = json.loads((CORPUS / "meetings.json").read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = data["objects"]
    return records
