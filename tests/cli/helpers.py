"""Running ietfplan in tests: in-process through click's CliRunner, or as the installed program."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from ietfplan.cli import app

SCRIPT = Path(sys.executable).parent / "ietfplan"


def invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def run(*args: str, env: dict[str, str] | None = None, python: list[str] | None = None
        ) -> subprocess.CompletedProcess[str]:
    """The installed console script (or ``python -m ietfplan`` with ``python=[...]``)."""
    cmd = [*python, "-m", "ietfplan"] if python else [str(SCRIPT)]
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=full_env, timeout=60)
