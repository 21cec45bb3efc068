"""A minimal CalDAV client on the standard library: check a calendar, PUT, GET, DELETE.

Only what ``publish`` needs (RFC 4791 resources, one event per ``<uid>.ics``), with
conditional requests (If-Match / If-None-Match) and errors a user can act on.  The
password is sent as HTTP Basic auth and is never printed, logged or stored.
"""

from __future__ import annotations

import base64
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, urljoin, urlsplit

from ietfplan.errors import EXIT_IO, IetfplanError, UsageError

if TYPE_CHECKING:
    from http.client import HTTPConnection

PASSWORD_ENV = "IETFPLAN_CALDAV_PASSWORD"  # read by the CLI (cli/export.py), named in hints
MIN_TIMEOUT = 0.01
MAX_TIMEOUT = 3600.0
MAX_RESPONSE = 16 * 1024 * 1024  # a PROPFIND of one calendar or one event is far smaller
PROPFIND = (b'<?xml version="1.0" encoding="utf-8"?>\n'
            b'<propfind xmlns="DAV:"><prop><resourcetype/></prop></propfind>\n')


class PublishError(IetfplanError):
    """The calendar server could not be reached or refused a request."""

    exit_code = EXIT_IO


@dataclass
class Response:
    status: int
    reason: str
    etag: str | None
    location: str
    body: bytes


class Client:
    def __init__(self, url: str, user: str = "", password: str = "", timeout: float = 20.0) -> None:
        from ietfplan.load.transport import check_url

        parts = check_url(url, what="--url", example="https://host/dav/user/calendar/",
                          userinfo=UsageError("put the user name in --user, not in the URL",
                                              hint=f"the password comes from {PASSWORD_ENV} or a prompt"))
        if parts.query or parts.fragment:
            raise UsageError("--url: a calendar URL has no ?query or #fragment",
                             hint="give the calendar's own URL, e.g. https://host/dav/user/calendar/")
        if not (MIN_TIMEOUT <= timeout <= MAX_TIMEOUT):  # also false for nan
            raise UsageError(f"--timeout {timeout:g}: give the seconds to wait for each request, "
                             f"from {MIN_TIMEOUT:g} to {MAX_TIMEOUT:g}", hint="e.g. --timeout 20")
        self.url = url if url.endswith("/") else url + "/"
        self.parts = urlsplit(self.url)
        self.timeout = timeout
        self._auth = ""
        if user:
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self._auth = "Basic " + token
        self.user = user
        host = self.parts.hostname or ""
        if user and self.parts.scheme == "http" and host not in ("127.0.0.1", "::1", "localhost"):
            sys.stderr.write(f"warning: {host} is plain http: the password travels unencrypted\n")

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Response:
        """One request, all of it (connect, headers, body) within ``self.timeout`` seconds."""
        import http.client
        import socket
        import ssl

        from ietfplan.load.transport import Deadline, DeadlinePassed, connection, read_capped

        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        all_headers = {"User-Agent": "ietfplan", **(headers or {})}
        if self._auth:
            all_headers["Authorization"] = self._auth
        where = f"{self.parts.hostname}:{self.parts.port or (443 if self.parts.scheme == 'https' else 80)}"
        slow = PublishError(f"no answer from {where} within {self.timeout:g} s ({method} {url})",
                            hint="check the URL and your network, or raise --timeout")
        with Deadline(self.timeout) as deadline:
            conn: HTTPConnection = connection(self.parts, self.timeout, deadline)
            try:
                conn.request(method, path, body=body, headers=all_headers)
                resp = conn.getresponse()
                data = read_capped(resp, MAX_RESPONSE)
                if deadline.expired:
                    raise slow
            except (TimeoutError, DeadlinePassed):
                raise slow from None
            except ssl.SSLError as exc:
                if deadline.expired:
                    raise slow from None
                raise PublishError(f"TLS problem with {where}: {exc.reason or exc}") from None
            except (socket.gaierror, ConnectionError, OSError, http.client.HTTPException) as exc:
                if deadline.expired:
                    raise slow from None
                reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
                raise PublishError(f"cannot connect to {where}: {reason}",
                                   hint="check the URL and that the server is running") from None
            finally:
                conn.close()
        if data is None:
            raise PublishError(f"{where} answered {method} {url} with more than "
                               f"{MAX_RESPONSE // (1024 * 1024)} MB; not a CalDAV server?")
        return Response(resp.status, resp.reason, resp.getheader("ETag"),
                        resp.getheader("Location") or "", data)

    def fail(self, resp: Response, method: str, url: str) -> PublishError:
        """A clear error for a response ``publish`` cannot go on with."""
        code = f"HTTP {resp.status} {resp.reason}".strip()
        if resp.status == 401:
            who = f"user '{self.user}'" if self.user else "no login"
            hint = (f"check --user and {PASSWORD_ENV}" if self.user
                    else "this server needs a login: add --user NAME")
            return PublishError(f"{self.parts.hostname} refused {who} ({code})", hint=hint)
        if resp.status == 403:
            return PublishError(f"not allowed to {method} {url} ({code})",
                                hint="check that this calendar is yours and writable")
        if resp.status in (404, 410):
            return PublishError(f"no calendar at {self.url} ({code})",
                                hint="use the calendar's own URL (ending in /) as the server shows it")
        if resp.status in (301, 302, 303, 307, 308):
            return PublishError(f"{self.url} redirects to {resp.location or '?'} ({code})",
                                hint="use the address it redirects to as --url")
        return PublishError(f"{method} {url} failed ({code})")

    def resource(self, uid: str) -> str:
        return urljoin(self.url, quote(uid, safe="@") + ".ics")

    def check_calendar(self) -> None:
        """Fail clearly unless ``self.url`` is a calendar collection we can reach."""
        import xml.etree.ElementTree as ET

        resp = self.request("PROPFIND", self.url, PROPFIND,
                            {"Depth": "0", "Content-Type": "application/xml; charset=utf-8"})
        if resp.status != 207:
            raise self.fail(resp, "PROPFIND", self.url)
        try:
            root = ET.fromstring(resp.body)
        except ET.ParseError:
            raise PublishError(f"{self.url} did not answer like a CalDAV server") from None
        if root.find(".//{DAV:}resourcetype/{urn:ietf:params:xml:ns:caldav}calendar") is None:
            raise PublishError(f"{self.url} is not a calendar",
                               hint="give the URL of one calendar (collection), not of a folder")

    def put(self, uid: str, body: bytes, *, if_match: str | None = None,
            if_none_match: bool = False) -> Response:
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if if_match:
            headers["If-Match"] = if_match
        if if_none_match:
            headers["If-None-Match"] = "*"
        return self._expect("PUT", self.resource(uid), body, headers, (200, 201, 204, 412))

    def get(self, uid: str) -> Response:
        return self._expect("GET", self.resource(uid), None, {}, (200, 404))

    def delete(self, uid: str, *, if_match: str | None = None) -> Response:
        headers = {"If-Match": if_match} if if_match else {}
        return self._expect("DELETE", self.resource(uid), None, headers, (200, 204, 404, 412))

    def _expect(self, method: str, url: str, body: bytes | None, headers: dict[str, str],
                ok: tuple[int, ...]) -> Response:
        resp = self.request(method, url, body, headers)
        if resp.status not in ok:
            raise self.fail(resp, method, url)
        return resp
