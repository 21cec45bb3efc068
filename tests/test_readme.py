"""README examples are real: each ```console block is run and must print what it shows."""

from __future__ import annotations

import os
import re
import shlex
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.cli.helpers import invoke
from tests.dtserver import FIXTURES, Datatracker, fixture_records

README = Path(__file__).resolve().parents[1] / "README.md"


def examples() -> list[tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    found: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ "), command
        found.append((command[2:], output))
    return found


# The real-agenda examples (import, update, show, open) run against a Datatracker on
# 127.0.0.1 that serves the IETF 125 fixture; all but `import` start from it imported, and
# `update` finds the fixture's second version.  Their output names the user's data folder
# (shown as the default, ~/.local/share/ietfplan) and wraps where that path's length says,
# so they are compared word by word.
FLOW = ("import", "update", "show", "open")
SHOWN_DATA = "~/.local/share/ietfplan"


@contextmanager
def datatracker_for(words: list[str], env: dict[str, str]) -> Iterator[None]:
    if words[1] not in FLOW:
        yield
        return
    with Datatracker({125: FIXTURES / "ietf125-agenda.json"}, fixture_records()) as dt:
        env["IETFPLAN_DATATRACKER_URL"] = dt.url
        if words[1] != "import":
            assert invoke("import", "125", env=env).exit_code == 0
        if words[1] == "update":
            dt.server.agendas[125] = FIXTURES / "ietf125-agenda-v2.json"
        yield


def shown_output(stdout: str) -> str:
    from ietfplan.app import AppContext

    data = str(AppContext.from_environ(os.environ).folders.data)
    return stdout.replace(data, SHOWN_DATA)


def test_readme_has_examples() -> None:
    assert len(examples()) >= 5


@pytest.mark.parametrize(("command", "expected"), examples(), ids=[c for c, _ in examples()])
def test_readme_example(command: str, expected: str) -> None:
    words = shlex.split(command)
    env = {"COLUMNS": "100"}
    while "=" in words[0]:
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    assert words[0] == "ietfplan"
    with datatracker_for(words, env):
        result = invoke(*words[1:], env=env)
    assert result.exit_code == 0, result.stderr
    if words[1] in FLOW:
        assert shown_output(result.stdout).split() == expected.split()
        return
    got = [line.rstrip() for line in result.stdout.rstrip("\n").splitlines()]
    assert got == expected.rstrip("\n").splitlines()


def test_readme_opens_with_the_two_ci_commands() -> None:
    lines = [line[6:] for line in README.read_text().splitlines() if line.startswith("    $ ")]
    assert lines[0].startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert lines[0].endswith("ietfplan agenda thu --meeting 102 --topic iot")
    assert lines[1] == ".venv/bin/python -m pytest"
    assert len(lines) == 2


def _update() -> None:
    """Rewrite the README's console blocks with what the commands print now (review the diff!)."""
    text = README.read_text(encoding="utf-8")

    def fill(match: re.Match[str]) -> str:
        command = match.group(1)
        words = shlex.split(command)
        env = {"COLUMNS": "100"}
        while "=" in words[0]:
            key, _, value = words.pop(0).partition("=")
            env[key] = value
        os.environ["IETFPLAN_HOME"] = tempfile.mkdtemp()  # as the tests' fresh home
        with datatracker_for(words, env):
            out = shown_output(invoke(*words[1:], env=env).stdout)
        body = "\n".join(line.rstrip() for line in out.rstrip("\n").splitlines())
        return f"```console\n$ {command}\n{body}\n```"

    README.write_text(re.sub(r"```console\n\$ (.*?)\n.*?```", fill, text, flags=re.S), encoding="utf-8")


if __name__ == "__main__":  # python -m tests.test_readme
    _update()
