"""Which commands ietfplan has, and which module registers each (no click import here)."""

from __future__ import annotations

# Command modules, in the order `ietfplan --help` lists them; each has register(app).
MODULES = ("agenda", "clashes", "now", "week", "show", "picks", "convert", "export", "importer",
           "update", "info", "config", "plan")
# Which module registers each command.  A start-up shortcut only: `ietfplan today` builds
# (and imports) just that module's commands, not all 22 (cli/declare.py reads every command's
# signature when it builds the app).  A name missing here gets the full app, so a new
# command works unlisted; tests/test_cli_main.py checks this table against MODULES.
COMMANDS = {
    "agenda": "agenda", "today": "agenda", "tomorrow": "agenda", "clashes": "clashes",
    "now": "now", "next": "now", "week": "week", "pick": "picks", "convert": "convert",
    "export": "export", "publish": "export", "import": "importer", "meetings": "info",
    "topics": "info", "validate": "info", "config": "config", "plan": "plan", "show": "show",
    "open": "show", "update": "update",
}  # fmt: skip


class _Flags:
    """Root options that ``main()`` acts on after the command ran (set by cli/root.py)."""

    debug = False  # --debug or IETFPLAN_DEBUG: show the traceback of an internal error


flags = _Flags()


def modules_for(args: list[str]) -> tuple[str, ...]:
    """The command modules needed for ``args``: one when the command is known, else all."""
    words = [a for a in args if not a.startswith("-")]
    if not words or words[0] not in COMMANDS or {"--help", "-h"} & set(args[: args.index(words[0])]):
        return MODULES
    return (COMMANDS[words[0]],)
