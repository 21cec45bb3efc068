"""Which meetings exist (bundled and the user's own) and which one the user means."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from ietfplan.errors import IetfplanError, UsageError
from ietfplan.model import Meeting, TopicIndex
from ietfplan.suggest import hint_for


def bundled_data_dir() -> Path:
    """The data shipped with ietfplan: inside the installed package, or the checkout's data/.

    The package folder is found from ``__file__`` rather than importlib.resources, whose
    import (zipfile, tempfile, readers) cost ~4 ms of every command's start-up; ietfplan
    reads its data as files, so it is never imported from a zip.
    """
    here = Path(__file__).resolve().parents[1]
    packaged = here / "data"
    if (packaged / "topics.yaml").is_file():
        return packaged
    return here.parents[1] / "data"


@dataclass
class Catalog:
    """Meetings from the bundled data and from the user's data folder.

    A user meeting file with the same number as a bundled one replaces it (that is
    how an imported, up-to-date agenda takes over from the bundled preview).
    """

    data_dir: Path = field(default_factory=bundled_data_dir)
    user_dir: Path | None = None  # the user's imported meetings (app/folders.py)
    cache_dir: Path | None = None  # where parsed large files are cached; None: no cache
    broken: list[tuple[Path, IetfplanError]] = field(default_factory=list)

    @cached_property
    def topics(self) -> TopicIndex:
        from ietfplan.load.topics import load_topics

        return load_topics(str(self.data_dir / "topics.yaml"))

    def meeting_files(self) -> list[Path]:
        files = sorted(self.data_dir.glob("ietf*.yaml"))
        if self.user_dir is not None and self.user_dir.is_dir():
            files += sorted(self.user_dir.glob("*.yaml"))
        return files

    @cached_property
    def meetings(self) -> list[Meeting]:
        """Every loadable meeting, newest last; files that fail are kept in ``broken``."""
        from ietfplan.load.meetingfile import load_meeting

        by_number: dict[int, Meeting] = {}
        for path in self.meeting_files():
            try:
                m = load_meeting(str(path), self.topics, self.cache_dir)
            except IetfplanError as exc:
                self.broken.append((path, exc))
                continue
            by_number[m.number] = m
        return sorted(by_number.values(), key=lambda m: (m.start, m.number))

    def load_file(self, path: str) -> Meeting:
        from ietfplan.load.meetingfile import load_meeting

        return load_meeting(path, self.topics, self.cache_dir)

    def by_number(self, number: int) -> Meeting:
        for m in self.meetings:
            if m.number == number:
                return m
        for path, exc in self.broken:
            if path.stem.endswith(str(number)):
                raise exc
        known = [str(m.number) for m in self.meetings]
        near = hint_for(str(number), known, "meeting")
        raise UsageError(
            f"no meeting IETF {number} in the data",
            hint=f"get it from the Datatracker: ietfplan import {number}" + (f"\n{near}" if near else ""),
        )

    def choose(self, now: datetime) -> tuple[Meeting, str]:
        """The meeting in progress, else the next one, else the latest; and why."""
        meetings = self.meetings
        if not meetings:
            raise UsageError("no meetings found", hint="see `ietfplan import` or give --file")
        for m in meetings:
            if m.contains(_local_day(now, m)):
                return m, "in progress"
        upcoming = [m for m in meetings if m.start > _local_day(now, m)]
        if upcoming:
            return upcoming[0], "the next meeting"
        return meetings[-1], "the latest meeting"

    def nearest(self, now: datetime) -> Meeting | None:
        if not self.meetings:
            return None
        return min(self.meetings, key=lambda m: _distance(m, _local_day(now, m)))


def _local_day(now: datetime, meeting: Meeting) -> date:
    from ietfplan.zones import to_zone

    return to_zone(now, meeting.tz).date()


def _distance(meeting: Meeting, day: date) -> int:
    if meeting.contains(day):
        return 0
    return min(abs((meeting.start - day).days), abs((meeting.end - day).days))
