"""The command line: parse arguments, call the library, render.  Nothing else here.

Each group of commands lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

import typer

from ietfplan import __version__
from ietfplan.cli import (
    agenda,
    clashes,
    config,
    convert,
    export,
    importer,
    info,
    now,
    picks,
    week,
)  # fmt: skip

app = typer.Typer(
    name="ietfplan",
    help="Plan your IETF week: agendas by topic, clashes, your zone, calendar export.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        print(f"ietfplan {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Plan your IETF week: agendas by topic, clashes, your zone, calendar export."""


for _module in (agenda, clashes, now, week, picks, convert, export, importer, info, config):
    _module.register(app)


def main() -> None:
    app()
