from __future__ import annotations

from typer.testing import CliRunner, Result

from ietfplan.cli import app


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
