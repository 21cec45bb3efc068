"""Which meetings exist (bundled and the user's own) and which one the user means."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from ietfplan.errors import IetfplanError, UsageError
from ietfplan.load.index import MeetingHeader
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
    _loaded: dict[str, Meeting] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def topics(self) -> TopicIndex:
        path = str(self.data_dir / "topics.yaml")
        if self.cache_dir is not None:
            from ietfplan.load import cache

            return cache.topics_of(self.cache_dir, path)
        from ietfplan.load.topics import load_topics

        return load_topics(path)

    def meeting_files(self) -> list[Path]:
        files = sorted(self.data_dir.glob("ietf*.yaml"))
        if self.user_dir is not None and self.user_dir.is_dir():
            files += sorted(self.user_dir.glob("*.yaml"))
        return files

    @cached_property
    def headers(self) -> list[MeetingHeader]:
        """The header of every loadable meeting, newest last, from the index where it is
        up to date; only files that changed since are parsed (and kept for ``load``).
        Files that fail are kept in ``broken``."""
        from ietfplan.load import index

        stored = index.read(self.cache_dir) if self.cache_dir is not None else {}
        fresh: dict[str, index.Entry] = {}
        by_number: dict[int, MeetingHeader] = {}
        for path in self.meeting_files():
            name = str(path)
            absolute = os.path.abspath(name)
            key = index.file_key(name)  # before parsing: a file changed meanwhile is seen next time
            entry = stored.get(absolute)
            if key is not None and entry is not None and entry[0] == key:
                header = entry[1]
                if header.path != name:  # the same file, named another way (a relative path)
                    header = MeetingHeader(*header.values()[:-1], name)
            else:
                try:
                    header = MeetingHeader.of(self._load(name))
                except IetfplanError as exc:
                    self.broken.append((path, exc))
                    continue
            if key is not None:
                fresh[absolute] = (key, header)
            by_number[header.number] = header
        if self.cache_dir is not None:
            folders = [self.data_dir] if self.user_dir is None else [self.data_dir, self.user_dir]
            updated = index.merged(stored, fresh, folders)
            if not index.same(stored, updated):
                index.write(self.cache_dir, updated)
        return sorted(by_number.values(), key=lambda header: (header.start, header.number))

    @cached_property
    def meetings(self) -> list[Meeting]:
        """Every loadable meeting, newest last; files that fail are kept in ``broken``.
        This parses (or reads from the cache) every meeting: commands about one meeting
        use ``by_number`` or ``choose``, listings of meetings ``headers``."""
        return self.load_headers(self.headers)

    def load_headers(self, headers: Iterable[MeetingHeader]) -> list[Meeting]:
        """The meetings of ``headers`` (chosen from ``headers``), in their order; files that
        fail are kept in ``broken``."""
        out: list[Meeting] = []
        for header in headers:
            try:
                out.append(self._load(header.path))
            except IetfplanError as exc:  # changed since its header was read
                self.broken.append((Path(header.path), exc))
        return out

    def _load(self, path: str) -> Meeting:
        """The meeting in the file at ``path`` (a catalog file), parsed once per catalog."""
        meeting = self._loaded.get(path)
        if meeting is None and self.cache_dir is not None:
            from ietfplan.load import cache  # a hit needs no parser modules imported

            meeting = cache.get(self.cache_dir, path, self.topics)
        if meeting is None:
            from ietfplan.load.meetingfile import load_meeting

            meeting = load_meeting(path, self.topics, self.cache_dir)
        self._loaded[path] = meeting
        return meeting

    def load_file(self, path: str) -> Meeting:
        from ietfplan.load.meetingfile import load_meeting

        return load_meeting(path, self.topics, self.cache_dir)

    def by_number(self, number: int) -> Meeting:
        for header in self.headers:
            if header.number == number:
                return self._load(header.path)
        for path, exc in self.broken:
            if path.stem.endswith(str(number)):
                raise exc
        known = [str(h.number) for h in self.headers]
        near = hint_for(str(number), known, "meeting")
        raise UsageError(
            f"no meeting IETF {number} in the data",
            hint=f"get it from the Datatracker: ietfplan import {number}" + (f"\n{near}" if near else ""),
        )

    def choose(self, now: datetime) -> tuple[Meeting, str]:
        """The meeting in progress, else the next one, else the latest; and why."""
        header, why = self._choose(now)
        return self._load(header.path), why

    def _choose(self, now: datetime) -> tuple[MeetingHeader, str]:
        headers = self.headers
        if not headers:
            raise UsageError("no meetings found", hint="see `ietfplan import` or give --file")
        for head in headers:
            if head.contains(_local_day(now, head)):
                return head, "in progress"
        upcoming = [head for head in headers if head.start > _local_day(now, head)]
        if upcoming:
            return upcoming[0], "the next meeting"
        return headers[-1], "the latest meeting"

    def nearest(self, now: datetime) -> Meeting | None:
        if not self.headers:
            return None
        return self._load(min(self.headers, key=lambda header: _distance(header, _local_day(now, header))).path)


def _local_day(now: datetime, meeting: MeetingHeader) -> date:
    from ietfplan.zones import to_zone

    return to_zone(now, meeting.tz).date()


def _distance(meeting: MeetingHeader, day: date) -> int:
    if meeting.contains(day):
        return 0
    return min(abs((meeting.start - day).days), abs((meeting.end - day).days))
