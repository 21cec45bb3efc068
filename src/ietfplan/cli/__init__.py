"""The command line: parse arguments, call the library, render.  Nothing else here.

Each group of commands lives in its own module and registers itself on ``app``.
``main()`` is the only place that decides what an unexpected exception looks like:
a short message and exit code 70, or the traceback with ``--debug``.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ietfplan.cli.commands import COMMANDS, MODULES, flags, modules_for

__all__ = ["COMMANDS", "MODULES", "main", "modules_for"]

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in ietfplan, not something the user did



def __getattr__(name: str) -> Any:
    """``ietfplan.cli.app``, the whole program (a click group) built on first use (tests,
    tools/cli_reference.py), and ``build_app``; both live in ietfplan.cli.root, which
    imports click."""
    if name in ("app", "build_app"):
        from ietfplan.cli import root

        return root.full_app() if name == "app" else root.build_app
    raise AttributeError(name)


def _silence_stdout() -> None:
    """After a broken pipe (``ietfplan agenda | head``): no further writes, no shutdown noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def report_to() -> str:
    """Where bugs go: the package's 'Issues' project URL when it has one (crash path only)."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata

        for entry in metadata("ietfplan").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("issues", "bug tracker", "bugs"):
                return f"the ietfplan issue tracker, {url.strip()},"
    except (PackageNotFoundError, OSError, ValueError):
        pass
    return "the ietfplan issue tracker"


def crash_message(exc: BaseException) -> str:
    from ietfplan.safe import clean

    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    return (
        f"ietfplan: internal error ({clean(what[:300])})\n"
        "  This is a bug in ietfplan, not in what you typed.  Please report it to\n"
        f"  {report_to()} with the command you ran;\n"
        "  run it again with --debug (ietfplan --debug COMMAND ...) to get the details.\n"
    )


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Start-up (issue #8): imports make hundreds of thousands of objects and none are
    garbage, yet every few hundred new ones start a cyclic collection that scans them
    again.  So no collection while the app is built (importing click and the command
    modules, reading their signatures); then everything alive so far is frozen: never
    scanned again by the full collections at interpreter exit.  This is why
    ``ietfplan.cli`` itself does not import click.

    The collector then stays off while the command runs.  A command lives for a second
    or so and makes few reference cycles (its memory all goes back at exit; reference
    counting frees everything not in a cycle), while a large meeting makes ~300,000
    objects that live until exit and that the first collection after loading would
    scan (0.034 s of a 40,000-session clash report, 0.05 s in all)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()


def main() -> None:
    """The ``ietfplan`` program: run the app; turn crashes into a short message (exit 70).

    It always ends the process (SystemExit), so it freezes what is left for the collector
    before it returns: Python's exit then skips the full collections that would scan
    every object once more only to find them still alive (~12 ms of `ietfplan today`).
    """
    flags.debug = flags.debug or os.environ.get("IETFPLAN_DEBUG", "") not in ("", "0")
    # pytz checks that each of its ~600 zone files exists on first use (~12 ms);
    # its documented PYTZ_SKIPEXISTSCHECK skips that for complete installations.
    os.environ.setdefault("PYTZ_SKIPEXISTSCHECK", "1")
    try:
        with _without_cyclic_gc():
            from ietfplan.cli.root import build_app

            app = build_app(modules_for(sys.argv[1:]))
        app.main(prog_name="ietfplan")
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(0)
    except KeyboardInterrupt:
        sys.stderr.write("ietfplan: interrupted\n")
        sys.exit(130)
    except Exception as exc:
        if flags.debug:
            raise
        sys.stderr.write(crash_message(exc))
        sys.exit(EXIT_INTERNAL)
    finally:
        gc.freeze()

