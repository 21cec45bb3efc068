"""The program itself: the root options (--version, --debug, shell completion) and the
command modules, as one click group.

Kept apart from ``ietfplan.cli`` so that importing that package (what the ``ietfplan``
script does first) does not import click: ``main()`` imports this module only once the
cyclic collector is off for start-up (issue #8).
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import Annotated

import click

from ietfplan import __version__
from ietfplan.cli.commands import MODULES, flags
from ietfplan.cli.declare import App, Exit, Option

HELP = "Plan your IETF week: agendas by topic, clashes, your zone, calendar export."


def _version(value: bool) -> None:
    if value:
        print(f"ietfplan {__version__}")
        raise Exit()


def _show_completion(value: str | None) -> None:
    if value is not None:
        from ietfplan.cli.completion import print_script

        print_script(value)
        raise Exit()


def _install_completion(value: str | None) -> None:
    if value is not None:
        from ietfplan.cli.completion import install

        install(value)
        raise Exit()


SHELLS_HELP = "bash, zsh or fish; default: your login shell, $SHELL"


def _main(
    version: Annotated[bool, Option("--version", callback=_version, is_eager=True,
                                    help="Show the version and exit.")] = False,
    debug: Annotated[bool, Option(
        "--debug", help="Show the full traceback if ietfplan fails (for bug reports).")] = False,
    install_completion: Annotated[str | None, Option(
        "--install-completion", metavar="[SHELL]", callback=_install_completion, is_eager=True,
        flag_value="auto", help=f"Install tab completion for SHELL ({SHELLS_HELP}), then exit.")] = None,
    show_completion: Annotated[str | None, Option(
        "--show-completion", metavar="[SHELL]", callback=_show_completion, is_eager=True,
        flag_value="auto", help=f"Print the tab-completion script for SHELL ({SHELLS_HELP}), then exit.")] = None,
) -> None:
    flags.debug = debug or flags.debug


def build_app(modules: tuple[str, ...] = MODULES) -> click.Group:
    """The program with the commands of ``modules``."""
    new = App(name="ietfplan", help=HELP)
    new.callback()(_main)
    for name in modules:
        importlib.import_module(f"ietfplan.cli.{name}").register(new)
    return new.group


@cache
def full_app() -> click.Group:
    return build_app()
