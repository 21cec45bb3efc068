"""The typer app itself: the root options (--version, --debug) and the command modules.

Kept apart from ``ietfplan.cli`` so that importing that package (what the ``ietfplan``
script does first) does not import typer: ``main()`` imports this module only once the
cyclic collector is off for start-up (issue #8).
"""

from __future__ import annotations

import importlib
from functools import cache

import typer

from ietfplan import __version__
from ietfplan.cli.commands import MODULES, flags


def _version(value: bool) -> None:
    if value:
        print(f"ietfplan {__version__}")
        raise typer.Exit()


def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
    debug: bool = typer.Option(False, "--debug",
                               help="Show the full traceback if ietfplan fails (for bug reports)."),
) -> None:
    """Plan your IETF week: agendas by topic, clashes, your zone, calendar export."""
    flags.debug = debug or flags.debug


def build_app(modules: tuple[str, ...] = MODULES) -> typer.Typer:
    """The typer app with the commands of ``modules``."""
    new = typer.Typer(
        name="ietfplan",
        help="Plan your IETF week: agendas by topic, clashes, your zone, calendar export.",
        no_args_is_help=True,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    new.callback()(_main)
    for name in modules:
        importlib.import_module(f"ietfplan.cli.{name}").register(new)
    return new


@cache
def full_app() -> typer.Typer:
    return build_app()
