"""config set|get|unset|list: the user's settings file (display zone, night hours)."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path
from typing import Annotated

from ietfplan.app import settings as config
from ietfplan.cli import completion
from ietfplan.cli.common import context, handle_errors, note
from ietfplan.cli.declare import App, Argument, Exit, Option
from ietfplan.errors import UsageError

app = App(help="Your settings: default zone (tz), night hours (night), per meeting; the Datatracker to import from.")

KeyArg = Annotated[str, Argument(metavar="KEY", help="tz, night or datatracker.", show_default=False,
                                 complete=completion.setting_keys)]
ForMeetingOpt = Annotated[int | None, Option(
    "--meeting", "-m", metavar="N", help="Only for this meeting (tz only).", show_default=False,
    complete=completion.meeting_numbers)]


def _editing() -> contextlib.AbstractContextManager[Path]:
    """The config file locked for load-change-save: parallel `config set` keep every change."""
    from ietfplan.errors import FileError
    from ietfplan.fsutil import locked

    path = context().folders.config_file
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(f"cannot create {path.parent}: {exc.strerror or exc}") from None
    return locked(path)


def _key(key: str, meeting: int | None) -> str:
    name = key.strip().lower()
    if name not in config.KEYS:
        config.parse_value(name, "")  # raises 'unknown setting' with did-you-mean
    if meeting is not None and name not in config.MEETING_KEYS:
        raise UsageError(f"'{name}' cannot be set per meeting", hint="drop --meeting")
    return name


@app.command("set")
@handle_errors
def set_(key: KeyArg, value: Annotated[str, Argument(
            metavar="VALUE", help="tz: IANA name, city, UTC, local or meeting; night: 23:00-07:00; datatracker: an https URL.",
            show_default=False)],
         meeting: ForMeetingOpt = None) -> None:
    """Set a setting (checked before it is written)."""
    name = _key(key, meeting)
    parsed = config.parse_value(name, value)
    with _editing():
        settings = config.load_settings(context().folders.config_file)
        if meeting is not None:
            settings = replace(settings, meeting_tz={**settings.meeting_tz, meeting: parsed})
        else:
            settings = replace(settings, **{name: parsed})
        path = config.save_settings(settings, context().folders.config_file)
    where = f" for IETF {meeting}" if meeting is not None else ""
    note(f"{name}{where} = {config.format_value(name, parsed)} (saved in {path})")


@app.command()
@handle_errors
def get(key: KeyArg, meeting: ForMeetingOpt = None) -> None:
    """Print a setting's value (the default when it is not set)."""
    name = _key(key, meeting)
    settings = config.load_settings(context().folders.config_file)
    if meeting is not None:
        value: object = settings.meeting_tz.get(meeting) or settings.tz
    else:
        value = getattr(settings, name)
    if value is None:
        note(f"{name} is not set: " + ("times are shown in the meeting's zone" if name == "tz" else
                                    "IETFPLAN_DATATRACKER_URL, else https://datatracker.ietf.org"))
        raise Exit(1)
    print(config.format_value(name, value))


@app.command()
@handle_errors
def unset(key: KeyArg, meeting: ForMeetingOpt = None) -> None:
    """Remove a setting (back to the default)."""
    name = _key(key, meeting)
    with _editing():
        path = context().folders.config_file
        settings = config.load_settings(path)
        default = getattr(config.Settings(), name)
        if meeting is not None:
            was_set = meeting in settings.meeting_tz
            settings = replace(settings, meeting_tz={
                n: z for n, z in settings.meeting_tz.items() if n != meeting})
        else:
            was_set = getattr(settings, name) != default
            settings = replace(settings, **{name: default})
        where = f" for IETF {meeting}" if meeting is not None else ""
        if not was_set:
            note(f"{name}{where} was not set; nothing changed")
            return
        config.save_settings(settings, path)
        if name == "tz":
            now = (f"your tz setting ({config.format_value(name, settings.tz)})"
                   if meeting is not None and settings.tz else "the meeting's zone")
        else:
            now = config.format_value(name, default)
        note(f"unset {name}{where} (in {path}); now {now}")


@app.command("list")
@handle_errors
def list_() -> None:
    """Every setting, with the file it lives in."""
    settings = config.load_settings(context().folders.config_file)
    print(f"# {context().folders.config_file}")
    print(f"tz = {settings.tz or '(meeting zone)'}")
    print(f"night = {config.format_value('night', settings.night)}")
    unset_datatracker = "(IETFPLAN_DATATRACKER_URL, else https://datatracker.ietf.org)"
    print(f"datatracker = {settings.datatracker or unset_datatracker}")
    for number in sorted(settings.meeting_tz):
        print(f"tz --meeting {number} = {settings.meeting_tz[number]}")


def register(root: App) -> None:
    root.add_group(app, "config")
