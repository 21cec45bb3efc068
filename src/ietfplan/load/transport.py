"""HTTP plumbing shared by ``import`` (load/fetch.py) and ``publish`` (publish/caldav.py).

- ``check_url``: a URL ietfplan can use, or a one-line UsageError saying what is wrong
  with it (port out of range, broken IPv6 brackets, empty or overlong host labels, a user
  name or password in it) -- before any socket is opened.
- ``redact``: the URL as it may be shown or stored: no user info, query values hidden.
- ``Deadline``: one total time limit for a request -- connect, headers and body, across
  redirects.  A socket timeout only limits each read, so a server sending one byte a
  second would never time out; the deadline shuts the connection down when it passes.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from typing import Any
from urllib.parse import SplitResult, urlsplit, urlunsplit

from ietfplan.errors import UsageError

MAX_HOST = 253
MAX_LABEL = 63


def check_url(url: str, *, what: str = "URL", example: str = "",
              userinfo: UsageError | None = None) -> SplitResult:
    """``url`` split, after checking everything that would otherwise fail deep inside the
    socket or TLS code (or be misreported as a DNS failure).  ``userinfo``: the error for
    a user name or password in the URL, when the caller has a better one."""
    shown = redact(url)
    hint = f"e.g. {example}" if example else ""
    if any(ord(char) < 0x21 or ord(char) == 0x7F for char in url):  # urlsplit drops some silently
        from ietfplan.safe import clean

        raise UsageError(f"{what} '{clean(shown)}' has a space, line break or control character "
                         "in it", hint=hint or "a URL is one word")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        reason = str(exc)
        if "Port" in reason:
            reason = "the port must be a number from 1 to 65535"
        elif "IPv6" in reason or "does not appear" in reason:
            reason = "the address in [brackets] is not an IPv6 address"
        raise UsageError(f"{what} '{shown}' is not valid: {reason}", hint=hint) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"{what} '{shown}' is not an http(s) URL", hint=hint)
    if port == 0:
        raise UsageError(f"{what} '{shown}' is not valid: the port must be a number from 1 to "
                         "65535", hint=hint)
    if "@" in parts.netloc:
        if userinfo is not None:
            raise userinfo
        raise UsageError(f"{what} '{shown}' has a user name or password in it; ietfplan does "
                         "not send, store or print those",
                         hint=hint or "leave them out of the URL")
    host = parts.hostname or ""
    problem = _host_problem(host, bracketed=parts.netloc.startswith("["))
    if problem:
        raise UsageError(f"{what} '{shown}' is not valid: {problem}", hint=hint)
    return parts


def _host_problem(host: str, *, bracketed: bool) -> str:
    if not host:
        return "it names no host"
    if bracketed:
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return "the address in [brackets] is not an IPv6 address"
        return ""
    name = host[:-1] if host.endswith(".") else host
    if len(name) > MAX_HOST:
        return f"the host name is {len(name)} characters long; at most {MAX_HOST} are allowed"
    for label in name.split("."):
        if not label:
            return f"the host name '{_short(host)}' has an empty part (two dots in a row?)"
        try:
            ascii_label = label.encode("idna") if not label.isascii() else label.encode()
        except UnicodeError:
            return f"the host name '{_short(host)}' is not a valid name"
        if len(ascii_label) > MAX_LABEL:
            return f"a part of the host name is longer than {MAX_LABEL} characters"
        if not all(ch.isalnum() or ch in "-_" for ch in ascii_label.decode()):
            return f"the host name '{_short(host)}' has characters a host name cannot have"
    return ""


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def redact(url: str) -> str:
    """``url`` without user name and password, and with every query value replaced by
    ``***`` (tokens live there): what may be printed, cached or written to a file."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url.split("?", 1)[0].rsplit("@", 1)[-1] if "@" in url else url.split("?", 1)[0]
    netloc = parts.netloc.rsplit("@", 1)[-1]
    query = "&".join(f"{p.split('=', 1)[0]}=***" if "=" in p else p
                     for p in parts.query.split("&")) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


class DeadlinePassed(Exception):
    """Raised in place of whatever the shut-down connection caused."""


class Deadline:
    """A total time limit: sockets handed to ``watch`` are shut down when it passes, which
    ends any read blocked on them at once.  Use as a context manager."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.close()
            self._socks.clear()

    def remaining(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise DeadlinePassed
        return left

    def watch(self, sock: socket.socket) -> None:
        """Shut ``sock`` down at the deadline.  A duplicate descriptor is kept: shutting
        it down ends the connection even after TLS has taken the socket object over."""
        dup = sock.dup()
        with self._lock:
            self._socks.append(dup)
            expired = self.expired
        if expired:
            _shutdown(dup)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._socks:
                _shutdown(sock)

    def connector(self) -> Any:
        """A replacement for ``socket.create_connection`` that watches what it opens and
        never waits longer than the time left."""

        def create_connection(address: tuple[str, int], timeout: Any = None,
                              source_address: Any = None, *args: Any) -> socket.socket:
            left = self.remaining()
            limit = left if not isinstance(timeout, (int, float)) else min(float(timeout), left)
            sock = socket.create_connection(address, limit, source_address, *args)
            self.watch(sock)
            return sock

        return create_connection


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def connection(parts: SplitResult, timeout: float, deadline: Deadline, **kwargs: Any) -> Any:
    """An http.client connection for ``parts`` whose socket ``deadline`` watches."""
    import http.client

    host, port = parts.hostname or "", parts.port
    cls = http.client.HTTPSConnection if parts.scheme.lower() == "https" else http.client.HTTPConnection
    conn = cls(host, port, timeout=timeout, **kwargs)
    conn._create_connection = deadline.connector()  # type: ignore[attr-defined]
    return conn


def read_capped(response: Any, limit: int) -> bytes | None:
    """The body of ``response``, or None when it is longer than ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read(65536)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
