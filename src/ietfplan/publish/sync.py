"""Make a CalDAV calendar hold exactly the selected sessions that ietfplan put there.

Each session is its own resource ``<uid>.ics``.  ietfplan never changes or deletes a
resource whose current state it has not seen:

- new ones are created with ``If-None-Match: *``; one that is already there is fetched,
  and taken over only when it holds what ietfplan meant to write (an upload that an
  interrupted run made), otherwise it is a conflict;
- changed ones are replaced with ``If-Match: <etag>`` (the ETag the server gave last
  time); a server that gives no ETags gets a GET first, and the event is replaced only
  when it still holds what ietfplan wrote;
- events ietfplan published to this URL earlier and no longer selected are deleted the
  same way (If-Match, or GET and compare).

Anything else is a conflict, reported and left alone (``--force`` overwrites/deletes).
Nothing else on the calendar is touched.  The state file is written before the first
upload of each event (``pending``) and after every successful request, so a publish
that is killed half-way leaves no event the next run does not know about.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ietfplan.errors import UsageError
from ietfplan.publish.caldav import Client, Response
from ietfplan.publish.export import Export
from ietfplan.publish.state import PublishState, Record
from ietfplan.render.ics import IcsOptions, calendar_bytes

# Properties a server may rewrite on its own when it stores an event.
_VOLATILE = ("DTSTAMP", "PRODID")

CHANGED = "changed"
REMOVED = "removed"
FOREIGN = "foreign"
_CONFLICT_TEXT = {
    CHANGED: "changed on the server since ietfplan wrote them, left alone",
    REMOVED: "removed on the server since ietfplan wrote them, not re-created",
    FOREIGN: "already on the server but not written by ietfplan (or by another "
             "ietfplan state file), left alone",
}


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # conflict uid → CHANGED/REMOVED/FOREIGN

    def conflict(self, uid: str, reason: str) -> None:
        self.conflicts.append(uid)
        self.reasons[uid] = reason

    def summary(self, url: str) -> str:
        text = (f"published to {url}: {len(self.created)} new, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.deleted)} removed")
        for reason, words in _CONFLICT_TEXT.items():
            uids = [uid for uid in self.conflicts if self.reasons.get(uid, CHANGED) == reason]
            if uids:
                text += f"; {len(uids)} {words}: {', '.join(uids)}"
        if self.conflicts:
            text += " (use --force to overwrite)"
        return text


def digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def content_digest(body: bytes) -> str:
    """A hash of what an event says, blind to what servers rewrite when they store it:
    line folding and endings, the order of lines, DTSTAMP and PRODID."""
    text = body.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\n ", "").replace("\n\t", "")
    lines = sorted(line.strip() for line in text.split("\n")
                   if line.strip() and not line.upper().startswith(_VOLATILE))
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _holds(record: Record, current: Response) -> bool:
    """Whether the server's copy is what ietfplan last wrote (or meant to write)."""
    if record.get("body") == digest(current.body):
        return True
    return record.get("content") is not None and record.get("content") == content_digest(current.body)


def _confirmed(client: Client, uid: str, body: bytes, resp: Response) -> Record:
    """The record for a successful upload.  Without an ETag, what the server now holds is
    fetched once, so that the next run compares with the server's own copy."""
    content = content_digest(body)
    etag = resp.etag
    if etag is None:
        current = client.get(uid)
        if current.status == 200:
            content, etag = content_digest(current.body), current.etag
    return {"etag": etag, "body": digest(body), "content": content}


def publish_events(client: Client, export: Export, opts: IcsOptions, state: PublishState, *,
                   force: bool = False) -> Report:
    client.check_calendar()
    url = client.url
    known = state.of(url)
    if not export.items and known and not force:
        raise UsageError(
            f"nothing is selected: publishing would remove all {len(known)} event(s) ietfplan "
            f"put on {client.url}",
            hint="check the filters, or add --force to remove them")
    report = Report()
    bodies = {item.uid: calendar_bytes([item], export.revisions, opts)  # the export's writer
              for item in export.items}
    # Before the first upload: every event about to be created is on record, so that a
    # run killed after the upload still knows the event is (maybe) there.
    state.write(url, {uid: {"etag": None, "body": digest(body), "content": content_digest(body),
                            "pending": True}
                      for uid, body in bodies.items() if uid not in known})
    try:  # each request's outcome is written at once, safe from kill; fsync'd at the end
        for uid, body in bodies.items():
            record = known[uid]
            if not record.get("pending") and record.get("body") == digest(body) and not force:
                report.unchanged.append(uid)
                continue
            _upload(client, state, report, uid, body, record, force)
        for uid in sorted(set(known) - set(bodies)):
            _remove(client, state, report, uid, known[uid], force)
    finally:
        state.sync()
    return report


def _upload(client: Client, state: PublishState, report: Report, uid: str, body: bytes,
            record: Record, force: bool) -> None:
    url = client.url
    if force:
        resp = client.put(uid, body)
        done = report.created if record.get("pending") else report.updated
    elif record.get("pending"):
        resp = client.put(uid, body, if_none_match=True)
        done = report.created
        if resp.status == 412:  # there already: an interrupted run's upload, or not ours
            current = client.get(uid)
            if current.status == 404 or not _holds(record, current):
                report.conflict(uid, FOREIGN if current.status == 200 else CHANGED)
                return
            resp = client.put(uid, body, if_match=current.etag) if digest(body) != digest(
                current.body) else current
    elif record.get("etag"):
        resp = client.put(uid, body, if_match=record["etag"])
        done = report.updated
    else:  # the server gave no ETag: look before writing
        current = client.get(uid)
        if current.status == 404:
            report.conflict(uid, REMOVED)
            return
        if not _holds(record, current):
            report.conflict(uid, CHANGED)
            return
        resp = client.put(uid, body, if_match=current.etag)
        done = report.updated
    if resp.status == 412:
        report.conflict(uid, CHANGED)
        return
    done.append(uid)
    state.write(url, {uid: _confirmed(client, uid, body, resp)}, durable=False)


def _remove(client: Client, state: PublishState, report: Report, uid: str, record: Record,
            force: bool) -> None:
    url = client.url
    if force:
        client.delete(uid)
    elif record.get("etag") and not record.get("pending"):
        if client.delete(uid, if_match=record["etag"]).status == 412:
            report.conflict(uid, CHANGED)
            return
    else:  # no ETag, or an upload that may not have happened: look before deleting
        current = client.get(uid)
        if current.status == 200:
            if not _holds(record, current) and record.get("pending"):
                state.write(url, {uid: None}, durable=False)  # never ours: forget it, leave it
                return
            if not _holds(record, current):
                report.conflict(uid, CHANGED)
                return
            if client.delete(uid, if_match=current.etag).status == 412:
                report.conflict(uid, CHANGED)
                return
        elif record.get("pending"):  # never uploaded: nothing to remove, nothing to say
            state.write(url, {uid: None}, durable=False)
            return
    report.deleted.append(uid)
    state.write(url, {uid: None}, durable=False)
