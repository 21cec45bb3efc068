"""ietfplan's own .ics export (render/ics.py) imports back to the same sessions."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting, Session
from import_helpers import DT, run

ics = pytest.importorskip("ietfplan.render.ics", reason="the .ics export (issue 5) is not in this tree")


def export(meeting: Meeting, path) -> None:
    items = ics.prepare([(s, meeting) for s in meeting.sessions], ())
    stamp = datetime(2018, 7, 1, tzinfo=timezone.utc)
    revisions = {item.uid: ics.Revision(0, stamp) for item in items}
    path.write_bytes(ics.calendar_bytes(items, revisions, ics.IcsOptions(alarms=()),
                                        name=meeting.title, zone_name=meeting.timezone))


def fields(s: Session) -> tuple[object, ...]:
    return (s.id, s.group, s.date, s.start, s.end, s.name, s.room, s.status, s.note, s.drafts, s.links)


@pytest.mark.parametrize("which", ["bundled", "imported"])
def test_export_then_import_gives_the_same_sessions(tmp_path, which):
    if which == "bundled":
        meeting = Catalog(user_dir=None).by_number(102)  # untimed sessions, notes, no rooms
    else:
        meeting = run(DT / "ietf102-agenda.json", output=str(tmp_path / "a.yaml")).meeting
    path = tmp_path / "export.ics"
    export(meeting, path)
    back = run(path, output=str(tmp_path / "back.yaml"))
    assert back.fmt == "iCalendar" and back.meeting.city == "Montreal"
    assert [fields(s) for s in back.meeting.sessions] == [fields(s) for s in meeting.sessions]
    for s in back.meeting.sessions:
        assert "via ietfplan's .ics export" in s.source
