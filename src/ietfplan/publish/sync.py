"""Make a CalDAV calendar hold exactly the selected sessions that ietfplan put there.

Each session is its own resource ``<uid>.ics``.  New ones are created with
``If-None-Match: *``; changed ones replaced with ``If-Match: <etag>`` (the ETag the
server gave last time), so an event edited on the server since is reported as a
conflict rather than overwritten (``--force`` overwrites).  Events ietfplan published
to this URL earlier and no longer selected are deleted.  Nothing else on the calendar
is touched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ietfplan.errors import UsageError
from ietfplan.publish.caldav import Client
from ietfplan.publish.export import Export
from ietfplan.publish.state import PublishState
from ietfplan.render.ics import IcsOptions, build_calendar, to_bytes


@dataclass
class Report:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    def summary(self, url: str) -> str:
        text = (f"published to {url}: {len(self.created)} new, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.deleted)} removed")
        if self.conflicts:
            text += (f"; {len(self.conflicts)} changed on the server since ietfplan wrote them, "
                     f"left alone: {', '.join(self.conflicts)} (use --force to overwrite)")
        return text


def publish_events(client: Client, export: Export, opts: IcsOptions, state: PublishState, *,
                   force: bool = False) -> Report:
    client.check_calendar()
    known = state.of(client.url)
    if not export.items and known and not force:
        raise UsageError(
            f"nothing is selected: publishing would remove all {len(known)} event(s) ietfplan "
            f"put on {client.url}",
            hint="check the filters, or add --force to remove them")
    report = Report()
    try:
        for item in export.items:
            body = to_bytes(build_calendar([item], export.revisions, opts))
            digest = hashlib.sha256(body).hexdigest()
            record = known.get(item.uid)
            if record is not None and record.get("body") == digest and not force:
                report.unchanged.append(item.uid)
                continue
            if record is None:
                resp = client.put(item.uid, body, if_none_match=True)
                if resp.status == 412:  # already there (state lost, other machine): same UID
                    current = client.get(item.uid)
                    resp = client.put(item.uid, body, if_match=current.etag)
                done = report.created if resp.status != 412 else report.conflicts
            else:
                etag = None if force else record.get("etag")
                resp = client.put(item.uid, body, if_match=etag)
                done = report.updated if resp.status != 412 else report.conflicts
            done.append(item.uid)
            if resp.status != 412:
                known[item.uid] = {"etag": resp.etag, "body": digest}
        selected = {item.uid for item in export.items}
        for uid in sorted(set(known) - selected):
            etag = None if force else known[uid].get("etag")
            resp = client.delete(uid, if_match=etag)
            if resp.status == 412:
                report.conflicts.append(uid)
                continue
            report.deleted.append(uid)
            del known[uid]
    finally:
        state.save()
    return report
