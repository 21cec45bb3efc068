"""Where ietfplan keeps the user's things, from the environment.

- ``IETFPLAN_HOME``: one folder for data, config and cache (overrides the XDG dirs).
- ``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME`` / ``XDG_CACHE_HOME``: the usual defaults.

Only the application layer reads these variables; everything below it is handed the
folder it needs (``Folders.picks``, ``Folders.cache`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

CONFIG_NAME = "config.yaml"


class Folders:
    """The user's data, config and cache folders (nothing is created until written)."""

    __slots__ = ("cache", "config", "data")

    def __init__(self, data: Path, config: Path, cache: Path) -> None:
        self.data = data  # imported meetings (meetings/), picks (picks/), export/publish state
        self.config = config  # config.yaml
        self.cache = cache  # parsed meetings, downloaded agendas

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Folders:
        def xdg(var: str, fallback: str, leaf: str) -> Path:
            home = environ.get("IETFPLAN_HOME")
            if home:
                return Path(home) / leaf
            base = environ.get(var) or str(Path.home() / fallback)
            return Path(base) / "ietfplan"

        return cls(
            data=xdg("XDG_DATA_HOME", ".local/share", "data"),
            config=xdg("XDG_CONFIG_HOME", ".config", "config"),
            cache=xdg("XDG_CACHE_HOME", ".cache", "cache"),
        )

    @property
    def meetings(self) -> Path:
        """Meeting files written by ``ietfplan import``."""
        return self.data / "meetings"

    @property
    def picks(self) -> Path:
        return self.data / "picks"

    @property
    def config_file(self) -> Path:
        return self.config / CONFIG_NAME

    @property
    def export_state(self) -> Path:
        """UIDs, SEQUENCE and LAST-MODIFIED of exported events (publish/state.py)."""
        return self.data / "ics-events.json"

    @property
    def publish_state(self) -> Path:
        """What was published to which CalDAV calendar (publish/state.py)."""
        return self.data / "caldav.json"
