"""Where ietfplan keeps things, and what time it is.

- ``IETFPLAN_HOME``: one folder for data, config and cache (overrides the XDG dirs).
- ``XDG_DATA_HOME`` / ``XDG_CONFIG_HOME`` / ``XDG_CACHE_HOME``: the usual defaults.
- ``IETFPLAN_NOW``: the clock, as ISO 8601 with an offset (``2018-07-19T08:00-04:00``).
- ``config.yaml`` in ``config_dir()``: the user's settings (display zone, night hours).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any

from ietfplan.errors import IetfplanError, UsageError


def _xdg(var: str, fallback: str, leaf: str) -> Path:
    home = os.environ.get("IETFPLAN_HOME")
    if home:
        return Path(home) / leaf
    base = os.environ.get(var) or str(Path.home() / fallback)
    return Path(base) / "ietfplan"


def data_dir() -> Path:
    """User data: imported meetings (``meetings/``), picks (``picks/``)."""
    return _xdg("XDG_DATA_HOME", ".local/share", "data")


def config_dir() -> Path:
    return _xdg("XDG_CONFIG_HOME", ".config", "config")


def cache_dir() -> Path:
    return _xdg("XDG_CACHE_HOME", ".cache", "cache")


def user_meetings_dir() -> Path:
    return data_dir() / "meetings"


def now() -> datetime:
    """The current instant (aware), or ``IETFPLAN_NOW`` when set."""
    raw = os.environ.get("IETFPLAN_NOW", "").strip()
    if not raw:
        return datetime.now(timezone.utc)
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"IETFPLAN_NOW='{raw}' is not an ISO 8601 time",
            hint="write it like 2018-07-19T08:00-04:00",
        ) from None
    if value.utcoffset() is None:
        raise UsageError(
            f"IETFPLAN_NOW='{raw}' has no UTC offset",
            hint="add the offset, e.g. 2018-07-19T08:00-04:00 or 2018-07-19T12:00Z",
        )
    return value


# --- the config file ----------------------------------------------------------------------
#
#   # ~/.config/ietfplan/config.yaml  (or $IETFPLAN_HOME/config/config.yaml)
#   tz: Asia/Tokyo          # the zone you want times in (IANA name, city, local, meeting)
#   night: 23:00-07:00      # your night, flagged in listings
#   meetings:
#     124:
#       tz: America/Vancouver

CONFIG_NAME = "config.yaml"
KEYS = ("tz", "night")
MEETING_KEYS = ("tz",)


@dataclass(frozen=True)
class Settings:
    tz: str | None = None
    night: tuple[time, time] = (time(23, 0), time(7, 0))
    meeting_tz: dict[int, str] = field(default_factory=dict)
    path: str = ""


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


def load_settings() -> Settings:
    """The user's settings; defaults when there is no config file.  DataError with
    file:line:column for anything wrong in it."""
    path = config_path()
    if not path.exists():
        return Settings(path=str(path))
    from ietfplan.load.yamlsrc import read_text

    return _settings_from_text(read_text(str(path)), str(path))


def _settings_from_text(text: str, p: str) -> Settings:
    from ietfplan.load.yamlsrc import Reader, compose

    root = compose(text, p)
    if root is None:
        return Settings(path=p)
    reader = Reader(p)
    top = reader.mapping(root, "the config file", ("tz", "night", "meetings")) or {}
    values: dict[str, Any] = {"path": p, "meeting_tz": {}}
    for key, (_, node) in top.items():
        if key == "meetings":
            for num, (knode, mnode) in (reader.mapping(node, "'meetings'") or {}).items():
                if not num.strip().isdigit():
                    reader.error(knode, f"'{num}' is not a meeting number", "write it like 102:")
                    continue
                entries = reader.mapping(mnode, f"meeting {num}", MEETING_KEYS) or {}
                if "tz" in entries:
                    tz = _check(reader, entries["tz"][1], "tz")
                    if tz is not None:
                        values["meeting_tz"][int(num)] = tz
            continue
        checked = _check(reader, node, key)
        if checked is not None:
            values[key] = checked
    reader.raise_if_problems()
    return Settings(**values)


def _check(reader: Any, node: Any, key: str) -> Any:
    raw = reader.text(node, key)
    if raw is None:
        return None
    try:
        return parse_value(key, raw)
    except IetfplanError as exc:
        problem = exc.problems[0]
        reader.error(node, problem.message, problem.hint)
        return None


def parse_value(key: str, raw: str) -> Any:
    """Check one setting; returns what is stored (a canonical zone name, a night window)."""
    if key == "tz":
        from ietfplan.zones import MEETING_WORDS, zone_name

        text = raw.strip()
        return text.lower() if text.lower() in MEETING_WORDS else zone_name(text)
    if key == "night":
        from ietfplan import timefmt

        try:
            start, end, label = timefmt.parse_time_range(raw)
        except ValueError as exc:
            raise UsageError(str(exc), hint="write it like 23:00-07:00") from None
        if end is None or label or start == end:
            raise UsageError(f"night '{raw}' must be two different times",
                             hint="write it like 23:00-07:00")
        return (start, end)
    from ietfplan.suggest import hint_for

    raise UsageError(f"unknown setting '{key}'", hint=hint_for(key, KEYS, "setting"))


def format_value(key: str, value: Any) -> str:
    if key == "night":
        return f"{value[0]:%H:%M}-{value[1]:%H:%M}"
    return str(value)


def save_settings(settings: Settings) -> Path:
    """Write ``settings`` atomically.  An existing file is changed in place (only the
    lines of settings that changed; comments and the rest stay, see configedit.py) when
    its layout allows; otherwise it is written afresh with what differs from defaults."""
    from ietfplan.fsutil import atomic_write

    path = config_path()
    text = _edited(path, settings) or _fresh(settings)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from ietfplan.errors import FileError

        raise FileError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    atomic_write(path, text)
    return path


def _edited(path: Path, settings: Settings) -> str | None:
    """The file at ``path`` with ``settings`` edited in, or None (no file, a file that
    does not read, a layout configedit does not know, or a result that reads back as
    anything but ``settings``)."""
    from ietfplan import configedit

    try:
        old_text = path.read_text(encoding="utf-8")
        old = _settings_from_text(old_text, str(path))
    except (OSError, UnicodeError, IetfplanError):
        return None
    default = Settings()
    top: dict[str, str | None] = {}
    if old.tz != settings.tz:
        top["tz"] = settings.tz
    if old.night != settings.night:
        top["night"] = None if settings.night == default.night else format_value("night", settings.night)
    meetings = {n: settings.meeting_tz.get(n)
                for n in {*old.meeting_tz, *settings.meeting_tz}
                if old.meeting_tz.get(n) != settings.meeting_tz.get(n)}
    text = configedit.edit(old_text, top, meetings, _quote)
    if text is None:
        return None
    try:
        new = _settings_from_text(text, str(path))
    except IetfplanError:
        return None
    same = (new.tz, new.night, new.meeting_tz) == (settings.tz, settings.night, settings.meeting_tz)
    return text if same else None


def _fresh(settings: Settings) -> str:
    lines = ["# ietfplan settings; see `ietfplan config --help`"]
    if settings.tz:
        lines.append(f"tz: {_quote(settings.tz)}")
    if settings.night != Settings().night:
        lines.append(f"night: {_quote(format_value('night', settings.night))}")
    if settings.meeting_tz:
        lines.append("meetings:")
        for number in sorted(settings.meeting_tz):
            lines.append(f"  {number}:")
            lines.append(f"    tz: {_quote(settings.meeting_tz[number])}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


_cache: dict[tuple[str, int, int], Settings] = {}


def cached_settings() -> Settings:
    """``load_settings()``, read again only when the file changes (renderers call it often)."""
    path = config_path()
    try:
        st = path.stat()
    except OSError:
        return Settings(path=str(path))
    key = (str(path), st.st_mtime_ns, st.st_size)
    if key not in _cache:
        _cache.clear()
        _cache[key] = load_settings()
    return _cache[key]
