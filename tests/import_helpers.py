"""Shared helpers for the tests of `ietfplan import` (tests/test_import_*.py)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from ietfplan.app import AppContext, Folders
from ietfplan.app.importing import ImportOutcome, ImportRequest, import_meeting
from ietfplan.model import Meeting, Session

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DT = FIXTURES / "datatracker"
ISOC = FIXTURES / "isoc"
NOW = datetime(2018, 7, 10, 12, 0, tzinfo=timezone.utc)


def run(source: str | Path, **kwargs: object) -> ImportOutcome:
    request = ImportRequest(source=str(source), **kwargs)  # type: ignore[arg-type]
    ctx = AppContext(Folders.from_environ(os.environ), now=NOW)
    return import_meeting(ctx, request)


def by_group(meeting: Meeting) -> dict[str, list[Session]]:
    out: dict[str, list[Session]] = {}
    for s in meeting.sessions:
        out.setdefault(s.group, []).append(s)
    return out


def local(s: Session) -> str:
    """``2018-07-17 09:30-12:00`` in the meeting zone (the start's own offset)."""
    assert s.start is not None
    end = f"-{s.end:%H:%M}" if s.end is not None else ""
    return f"{s.start:%Y-%m-%d %H:%M}{end}"
