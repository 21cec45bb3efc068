"""The user's settings file, ``config.yaml`` in the config folder (see app/folders.py).

Read and written only by the application layer; lower layers get the values they need
(a display zone, night hours) as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from ietfplan.errors import IetfplanError, UsageError

# --- the config file ----------------------------------------------------------------------
#
#   # ~/.config/ietfplan/config.yaml  (or $IETFPLAN_HOME/config/config.yaml)
#   tz: Asia/Tokyo          # the zone you want times in (IANA name, city, local, meeting)
#   night: 23:00-07:00      # your night, flagged in listings
#   datatracker: https://datatracker.ietf.org   # where `ietfplan import N` asks
#   meetings:
#     124:
#       tz: America/Vancouver

KEYS = ("tz", "night", "datatracker")
MEETING_KEYS = ("tz",)


@dataclass(frozen=True)
class Settings:
    tz: str | None = None
    night: tuple[time, time] = (time(23, 0), time(7, 0))
    meeting_tz: dict[int, str] = field(default_factory=dict)
    path: str = ""
    datatracker: str | None = None  # None: IETFPLAN_DATATRACKER_URL, else the public one


def load_settings(path: Path) -> Settings:
    """The user's settings in ``path``; defaults when there is no such file.  DataError
    with file:line:column for anything wrong in it."""
    if not path.exists():
        return Settings(path=str(path))
    from ietfplan.load.yamlsrc import read_text

    return _settings_from_text(read_text(str(path)), str(path))


def _settings_from_text(text: str, path: str) -> Settings:
    from ietfplan.load.yamlsrc import Reader, compose

    root = compose(text, path)
    if root is None:
        return Settings(path=path)
    reader = Reader(path)
    top = reader.mapping(root, "the config file", (*KEYS, "meetings")) or {}
    values: dict[str, Any] = {"path": path, "meeting_tz": {}}
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
        return parse_night(raw)
    if key == "datatracker":
        return parse_datatracker(raw)
    from ietfplan.suggest import hint_for

    raise UsageError(f"unknown setting '{key}'", hint=hint_for(key, KEYS, "setting"))


def parse_datatracker(raw: str) -> str:
    """A Datatracker base URL (http or https, no user, query or fragment), without a
    trailing slash."""
    from ietfplan.load.transport import check_url

    url = raw.strip().rstrip("/")
    example = "https://datatracker.ietf.org"
    parts = check_url(url, what="datatracker", example=example)
    if parts.scheme not in ("http", "https") or parts.query or parts.fragment:
        raise UsageError(f"datatracker '{raw}' must be an http(s) address without a query",
                         hint=f"e.g. {example}")
    return url


def parse_night(raw: str) -> tuple[time, time]:
    """``23:00-07:00``, ``11pm-7am``, ``10 pm - 6 am``, ``22.30–06.30``: a start and an end
    (24-hour or 12-hour clock, as `convert` reads times)."""
    import re

    from ietfplan import timefmt

    hint = "write it like 23:00-07:00 or 11pm-7am"
    parts = [p.strip() for p in re.split(r"\s*(?:-|–|—|\bto\b)\s*", raw.strip()) if p.strip()]
    if len(parts) != 2:
        raise UsageError(f"night '{raw}' is not a start and an end time", hint=hint)
    ends: list[time] = []
    for part in parts:
        try:
            when = timefmt.parse_when(part)
        except ValueError as exc:
            raise UsageError(f"night '{raw}': {exc}", hint=hint) from None
        if when.label or when.day is not None or when.weekday is not None:
            raise UsageError(f"night '{raw}': '{part}' is not just a time of day",
                             hint=hint + " (no zone: night is in the zone times are shown in)")
        ends.append(when.clock)
    if ends[0] == ends[1]:
        raise UsageError(f"night '{raw}' must be two different times", hint=hint)
    return ends[0], ends[1]


def format_value(key: str, value: Any) -> str:
    if key == "night":
        return f"{value[0]:%H:%M}-{value[1]:%H:%M}"
    return str(value)


def save_settings(settings: Settings, path: Path) -> Path:
    """Write ``settings`` atomically.  An existing file is changed in place (only the
    lines of settings that changed; comments and the rest stay, see configedit.py) when
    its layout allows; otherwise it is written afresh with what differs from defaults."""
    from ietfplan.fsutil import atomic_write

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
    from ietfplan.app import configedit

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
    if old.datatracker != settings.datatracker:
        top["datatracker"] = settings.datatracker
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
    same = ((new.tz, new.night, new.meeting_tz, new.datatracker)
            == (settings.tz, settings.night, settings.meeting_tz, settings.datatracker))
    return text if same else None


def _fresh(settings: Settings) -> str:
    lines = ["# ietfplan settings; see `ietfplan config --help`"]
    if settings.tz:
        lines.append(f"tz: {_quote(settings.tz)}")
    if settings.night != Settings().night:
        lines.append(f"night: {_quote(format_value('night', settings.night))}")
    if settings.datatracker:
        lines.append(f"datatracker: {_quote(settings.datatracker)}")
    if settings.meeting_tz:
        lines.append("meetings:")
        for number in sorted(settings.meeting_tz):
            lines.append(f"  {number}:")
            lines.append(f"    tz: {_quote(settings.meeting_tz[number])}")
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)
