"""The application context: one object that owns what a command may depend on.

The CLI makes one per command (``AppContext.from_environ(os.environ)``); library users
make their own (``AppContext(Folders(...), now=...)``).  It reads the environment and the
user's files; the layers below it (publish, render, plan, load, core) are handed what
they need — folders, the resolved display preferences, the current instant — as
arguments, and read no settings of their own.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ietfplan.app.folders import Folders
from ietfplan.load.catalog import Catalog, bundled_data_dir

if TYPE_CHECKING:
    from ietfplan.app.settings import Settings
    from ietfplan.plan.query import DisplayPrefs, Query, Result


class _ConfiguredZones(Mapping[int, "tzinfo | None"]):
    """Per-meeting display zones from the settings, each resolved when first asked for
    (a per-meeting ``local`` needs the system zone only when that meeting is shown)."""

    def __init__(self, names: Mapping[int, str]) -> None:
        self._names = names
        self._zones: dict[int, tzinfo | None] = {}

    def __getitem__(self, number: int) -> tzinfo | None:
        if number not in self._zones:
            from ietfplan.zones import resolve_display_zone

            self._zones[number] = resolve_display_zone(self._names[number])
        return self._zones[number]

    def __iter__(self) -> Iterator[int]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class AppContext:
    """Settings, clock, catalog and folders of one run of ietfplan."""

    def __init__(self, folders: Folders, *, now: datetime | None = None,
                 now_text: str | None = None, data_dir: Path | None = None,
                 environ: Mapping[str, str] | None = None) -> None:
        """``now`` fixes the clock (else ``now_text``, ISO 8601 as in IETFPLAN_NOW, else the
        system clock, read once); ``data_dir`` replaces the bundled meetings and topics;
        ``environ`` is kept for what commands read from it (passwords, URLs)."""
        self.folders = folders
        self.environ: Mapping[str, str] = environ if environ is not None else {}
        self._now = now
        self._now_text = now_text
        self._data_dir = data_dir

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> AppContext:
        return cls(Folders.from_environ(environ), now_text=environ.get("IETFPLAN_NOW"),
                   environ=environ)

    @cached_property
    def now(self) -> datetime:
        """The current instant (aware), the same for the whole command."""
        if self._now is not None:
            return self._now
        from ietfplan.app.clock import read_now

        return read_now(self._now_text)

    @cached_property
    def settings(self) -> Settings:
        """The config file's settings (defaults without one); DataError if it is wrong."""
        from ietfplan.app.settings import load_settings

        return load_settings(self.folders.config_file)

    @cached_property
    def catalog(self) -> Catalog:
        return Catalog(data_dir=self._data_dir or bundled_data_dir(),
                       user_dir=self.folders.meetings, cache_dir=self.folders.cache)

    @cached_property
    def prefs(self) -> DisplayPrefs:
        """The configured display zone(s) and night hours, resolved."""
        from ietfplan.plan.query import DisplayPrefs
        from ietfplan.zones import resolve_display_zone

        settings = self.settings
        return DisplayPrefs(zone=resolve_display_zone(settings.tz),
                            meeting_zones=_ConfiguredZones(settings.meeting_tz),
                            night=settings.night)

    def complete(self, query: Query) -> Query:
        """``query`` with the user's preferences and picks folder filled in."""
        from dataclasses import replace

        return replace(query, prefs=self.prefs, picks_dir=self.folders.picks)

    def run_query(self, query: Query) -> Result:
        """What ``agenda`` shows for ``query``, by this context's clock and settings."""
        from ietfplan.plan.query import run_query

        return run_query(self.catalog, self.complete(query), self.now)
