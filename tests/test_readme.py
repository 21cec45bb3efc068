"""README and docs examples are real: each ```console block is run and must print what it
shows, standard error included (tests/doc_examples.py has the rules and the fixtures, among
them a Datatracker on 127.0.0.1 for the real-agenda flow: import, show, open, update)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.doc_examples import FILES, FIXTURES, Example, examples, normal, run_example

README = Path(__file__).resolve().parents[1] / "README.md"
ALL = [e for path in FILES for e in examples(path)]


def test_readme_has_examples() -> None:
    assert len(examples(README)) >= 5


def test_every_doc_has_examples() -> None:
    for path in FILES:
        if path.name not in ("cli.md", "performance.md", "plan.md"):
            assert examples(path), f"{path.name} has no ```console example"


@pytest.mark.parametrize("example", ALL, ids=[e.id for e in ALL])
def test_doc_example(example: Example, tmp_path: Path) -> None:
    assert not example.fixture or example.fixture in FIXTURES, example.fixture
    for command, expected, got in run_example(example, tmp_path):
        assert normal(got) == normal(expected), f"{example.id}: $ {command}"


def python_examples() -> list[tuple[str, str]]:
    """The ```python blocks of README, each with the output shown after it."""
    text = README.read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```\n\nOutput:\n\n```text\n(.*?)```", text, flags=re.S)


def test_readme_has_a_python_example() -> None:
    assert len(python_examples()) == len(re.findall(r"```python\n", README.read_text(encoding="utf-8"))) >= 1


@pytest.mark.parametrize(("code", "expected"), python_examples())
def test_readme_python_example(code: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Run as a library user would (in the test's own IETFPLAN_HOME): prints what is shown."""
    exec(compile(code, str(README), "exec"), {"__name__": "readme_example"})
    assert capsys.readouterr().out == expected


def test_readme_opens_with_the_two_ci_commands() -> None:
    lines = [line[6:] for line in README.read_text().splitlines() if line.startswith("    $ ")]
    assert lines[0].startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert lines[0].endswith("ietfplan agenda thu --meeting 102 --topic iot")
    assert lines[1] == ".venv/bin/python -m pytest"
    assert len(lines) == 2
