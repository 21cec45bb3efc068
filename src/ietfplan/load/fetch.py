"""Getting an agenda over HTTP(S), with the standard library only.

A timeout, a size cap (also on what gzip unpacks to), a clear User-Agent, one retry on
a 5xx answer, and messages that say what went wrong: DNS, refused connection, 404,
HTML instead of an agenda, text that is not UTF-8.  Every agenda fetched is kept in
``<cache folder>/imports`` so that ``--offline`` can import it again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ietfplan import __version__
from ietfplan.errors import DataError, FileError
from ietfplan.fsutil import atomic_write

if TYPE_CHECKING:
    from ietfplan.load.importers.datatracker_meeting import MeetingRecord

TIMEOUT = 20.0  # seconds without a byte from the server
DEADLINE = 120.0  # seconds for a whole request: connect, headers, body, redirects
MAX_BYTES = 32 * 1024 * 1024
RETRY_DELAY = 1.0
USER_AGENT = f"ietfplan/{__version__} (IETF agenda planner; Python urllib)"
ACCEPT = "application/json, text/csv, text/calendar, text/plain;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class Fetched:
    text: str
    url: str
    from_cache: bool = False
    fetched_at: str = ""  # ISO 8601 UTC
    content_type: str = ""


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def cache_path(cache_dir: Path, url: str) -> Path:
    digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    return cache_dir / "imports" / f"{digest}.body"


def fetch(url: str, *, cache_dir: Path | None = None, offline: bool = False,
          timeout: float | None = None, max_bytes: int | None = None,
          retry_delay: float | None = None, deadline: float | None = None) -> Fetched:
    """The agenda at ``url`` as text (or the copy cached in ``cache_dir`` with ``offline``).

    Limits default to the module's TIMEOUT, MAX_BYTES, RETRY_DELAY and DEADLINE.
    """
    from ietfplan.load.transport import check_url

    check_url(url, example="https://datatracker.ietf.org/meeting/102/agenda.json")
    if offline:
        cached = read_cache(cache_dir, url) if cache_dir is not None else None
        if cached is None:
            raise FileError(f"no cached copy of {redact_url(url)}",
                            hint="import it once without --offline")
        return cached
    try:
        raw, content_type, final_url = _download(
            url, TIMEOUT if timeout is None else timeout,
            MAX_BYTES if max_bytes is None else max_bytes,
            RETRY_DELAY if retry_delay is None else retry_delay,
            DEADLINE if deadline is None else deadline)
    except FileError as exc:
        if cache_dir is not None and cache_path(cache_dir, url).is_file():
            for problem in exc.problems:
                problem.hint = CACHED_HINT
        raise
    if "html" in content_type.lower():
        from ietfplan.load.importers.detect import html_error

        raise html_error(redact_url(url))
    text = decode(raw, redact_url(url), content_type)
    fetched = Fetched(text, redact_url(final_url), False, _now(), content_type)
    if cache_dir is not None:
        _write_cache(cache_dir, url, fetched)
    return fetched


def _download(url: str, timeout: float, max_bytes: int, retry_delay: float,
              deadline: float = DEADLINE) -> tuple[bytes, str, str]:
    import http.client
    import urllib.error

    from ietfplan.load.transport import Deadline, DeadlinePassed, redact

    request_headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip", "Accept": ACCEPT}
    for attempt in (1, 2):
        where = _Where(url)  # the URL being fetched now: redirects change it
        with Deadline(deadline) as limit:
            try:
                return _get(url, request_headers, timeout, max_bytes, limit, where)
            except urllib.error.HTTPError as exc:
                if exc.code >= 500 and attempt == 1:
                    time.sleep(retry_delay)
                    continue
                raise _http_error(redact(where.url), exc.code, str(exc.reason), attempt) from None
            except (DeadlinePassed, urllib.error.URLError, http.client.HTTPException,
                    TimeoutError, OSError, ValueError) as exc:
                if limit.expired or isinstance(exc, DeadlinePassed):
                    raise FileError(f"{redact(where.url)}: no complete answer within "
                                    f"{limit.seconds:g} s; the server is too slow or stalled",
                                    hint="try again later") from None
                if isinstance(exc, urllib.error.URLError):
                    raise _network_error(where.url, exc.reason) from None
                if isinstance(exc, http.client.HTTPException):  # e.g. the answer stopped half-way
                    raise FileError(f"{redact(where.url)}: the connection broke off "
                                    f"({type(exc).__name__})") from None
                raise _network_error(where.url, exc) from None
    raise FileError(f"could not get {redact(url)}")  # pragma: no cover - the loop returns or raises


class _Where:
    def __init__(self, url: str) -> None:
        self.url = url


def _get(url: str, headers: dict[str, str], timeout: float, max_bytes: int, limit: Any,
         where: _Where) -> tuple[bytes, str, str]:
    """One GET (following redirects to http(s) only) within ``limit``, a Deadline."""
    import urllib.request

    from ietfplan.load.transport import check_url, connection

    class Redirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, hdrs: Any,
                             newurl: str) -> Any:
            if not newurl.lower().startswith(("http://", "https://")):
                raise FileError(f"{redact_url(where.url)} redirects to "
                                f"{redact_url(newurl)}, which is not an http(s) URL")
            check_url(newurl, what="redirect to")
            where.url = newurl
            return super().redirect_request(req, fp, code, msg, hdrs, newurl)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(_factory, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(_factory, req, context=getattr(self, "_context", None))

    def _factory(host: str, timeout: float = timeout, **kwargs: Any) -> Any:
        from urllib.parse import urlsplit

        parts = urlsplit(("https://" if "context" in kwargs else "http://") + host)
        return connection(parts, timeout, limit, **kwargs)

    opener = urllib.request.build_opener(Redirects, Plain, Secure)
    request = urllib.request.Request(url, headers=headers)
    with opener.open(request, timeout=timeout) as response:
        body = _read_capped(response, max_bytes, redact_url(where.url))
        if limit.expired:
            raise TimeoutError
        expected = response.headers.get("Content-Length") or ""
        if expected.isdigit() and len(body) < int(expected):
            raise FileError(f"{redact_url(where.url)}: the connection broke off after {len(body)} of "
                            f"{expected} bytes", hint="try again")
        if (response.headers.get("Content-Encoding") or "").lower() == "gzip":
            body = _gunzip(body, max_bytes, redact_url(where.url))
        return body, response.headers.get("Content-Type") or "", response.geturl()


def redact_url(url: str) -> str:
    from ietfplan.load.transport import redact

    return redact(url)


def _read_capped(response: Any, max_bytes: int, url: str) -> bytes:
    from ietfplan.load.transport import read_capped

    body = read_capped(response, max_bytes)
    if body is None:
        raise FileError(f"{url} is larger than {_size(max_bytes)}; not an agenda?")
    return body


def _gunzip(body: bytes, max_bytes: int, url: str) -> bytes:
    import zlib

    unpack = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = unpack.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise FileError(f"{url}: the gzip-compressed answer is damaged ({exc})") from None
    if len(out) > max_bytes or unpack.unconsumed_tail:
        raise FileError(f"{url} unpacks to more than {_size(max_bytes)}; not an agenda?")
    if not unpack.eof:
        raise FileError(f"{url}: the gzip-compressed answer is cut off (it ends before the "
                        "compressed data does)", hint="try again")
    return out


def _size(num_bytes: int) -> str:
    return (f"{num_bytes // (1024 * 1024)} MB" if num_bytes >= 1024 * 1024
            else f"{num_bytes // 1024} KB" if num_bytes >= 1024 else f"{num_bytes} bytes")


def _http_error(url: str, code: int, reason: str, attempts: int) -> FileError:
    if code == 404:
        return FileError(f"{url} was not found (HTTP 404)",
                         hint="check the meeting number; agendas are at "
                              "https://datatracker.ietf.org/meeting/<number>/agenda.json")
    tried = " (tried twice)" if attempts == 2 else ""
    return FileError(f"{url}: the server answered HTTP {code} {reason}{tried}")


def _network_error(url: str, reason: object) -> FileError:
    import socket
    import ssl
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.hostname or url
    if isinstance(reason, socket.gaierror):
        return FileError(f"cannot find the host '{host}' (DNS lookup failed)",
                         hint="check the address and your network connection")
    if isinstance(reason, ConnectionRefusedError):
        port = parts.port or (443 if parts.scheme == "https" else 80)
        return FileError(f"{host}:{port} refused the connection")
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return FileError(f"{host} did not answer in time")
    if isinstance(reason, ssl.SSLError):
        return FileError(f"secure connection to {host} failed: {reason}")
    return FileError(f"cannot get {redact_url(url)}: {getattr(reason, 'strerror', None) or reason}")


CACHED_HINT = "a copy from an earlier import is cached: add --offline to use it"


def decode(raw: bytes, origin: str, content_type: str = "") -> str:
    """UTF-8 text (a declared other charset is honoured); DataError with position if not."""
    from ietfplan.load.yamlsrc import decode as decode_utf8

    charset = ""
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset and charset not in ("utf-8", "utf8"):
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return decode_utf8(raw, origin)
    except DataError as exc:
        problem = exc.problems[0]
        raise DataError(f"the agenda is not UTF-8 text: {problem.message}", path=origin,
                        line=problem.line, column=problem.column,
                        hint="Datatracker agendas are UTF-8; was the file saved in another encoding?"
                        ) from None


def read_cache(cache_dir: Path, url: str) -> Fetched | None:
    body = cache_path(cache_dir, url)
    meta = body.with_suffix(".json")
    try:
        text = body.read_bytes().decode("utf-8")
        info = json.loads(meta.read_text(encoding="utf-8")) if meta.is_file() else {}
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    return Fetched(text, str(info.get("url", url)), True, str(info.get("fetched", "")),
                   str(info.get("content_type", "")))


def _write_cache(cache_dir: Path, url: str, fetched: Fetched) -> None:
    import os

    body = cache_path(cache_dir, url)
    try:  # private: what the user fetched, and from where, is nobody else's business
        body.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(body.parent, 0o700)
    except OSError:
        return  # a cache that cannot be written is not worth failing the import for
    meta = {"url": redact_url(url), "final_url": redact_url(fetched.url),
            "fetched": fetched.fetched_at, "content_type": fetched.content_type}
    try:
        atomic_write(body, fetched.text, mode=0o600)
        atomic_write(body.with_suffix(".json"), json.dumps(meta, indent=2) + "\n", mode=0o600)
    except FileError:
        return


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- The Datatracker's meeting record (issue 12) ------------------------------------


def fetch_meeting_record(base: str, number: int, *, cache_dir: Path | None = None,
                         offline: bool = False, cache_first: bool = False) -> MeetingRecord:
    """The Datatracker's record of IETF ``number`` (zone, city, dates) from ``base``,
    kept in ``cache_dir`` like the agendas.

    ``offline`` takes only the cached answer of an earlier look-up; ``cache_first`` takes
    it when there is one and asks the Datatracker otherwise.  An answer that is not the
    meeting's record (HTML, an unknown meeting) raises and is not kept in the cache."""
    from ietfplan.load.importers.datatracker_meeting import parse_record, record_url

    url = record_url(base, number)
    if offline or cache_first:
        cached = read_cache(cache_dir, url) if cache_dir is not None else None
        if cached is not None:
            try:
                return parse_record(cached.text, url, number)
            except (DataError, FileError):
                _forget(cache_dir, url)
        if offline:
            raise FileError(f"no cached record of IETF {number} from the Datatracker",
                            hint="import it once without --offline, or give its zone with --timezone")
    fetched = fetch(url, cache_dir=cache_dir)
    try:
        return parse_record(fetched.text, url, number)
    except (DataError, FileError):
        _forget(cache_dir, url)
        raise


def _forget(cache_dir: Path | None, url: str) -> None:
    if cache_dir is None:
        return
    body = cache_path(cache_dir, url)
    for path in (body, body.with_suffix(".json")):
        with contextlib.suppress(OSError):
            path.unlink()
