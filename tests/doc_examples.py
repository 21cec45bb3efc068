"""The documentation's examples are real: every ```console block in README.md and
docs/*.md is run and must print what it shows.

A block holds one or more commands (``$ ietfplan ...``, optionally preceded by
``NAME=value`` settings), each followed by what it prints: standard output and standard
error, interleaved as a terminal shows them.  The commands of a block share one empty
ietfplan home (data, picks, settings), so a later command sees what an earlier one did.

A block that needs something first names a fixture in an HTML comment just before it:

    <!-- fixture: picks-102 -->
    ```console
    $ ietfplan week -m 102
    ...

``FIXTURES`` below defines them.  Paths under the test's ietfplan home are shown as the
default folders (``~/.local/share/ietfplan``, ``~/.config/ietfplan``), and the commands
run in a folder holding copies of the fixture files the docs name.

    python -m tests.doc_examples [FILE.md ...]   # rewrite the blocks with today's output
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"(?:<!-- fixture: (?P<fixture>[\w-]+) -->\n)?```console\n(?P<body>.*?)```", re.S)
DATATRACKER = ROOT / "tests" / "fixtures" / "datatracker"


@dataclass
class Example:
    file: Path
    line: int
    fixture: str
    steps: list[tuple[str, str]]  # (command line, expected output)

    @property
    def id(self) -> str:
        return f"{self.file.name}:{self.line}"


def examples(path: Path) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in BLOCK.finditer(text):
        steps: list[tuple[str, str]] = []
        for line in match.group("body").splitlines():
            if line.startswith("$ "):
                steps.append((line[2:], ""))
            else:
                assert steps, f"{path}: a console block must start with '$ '"
                command, output = steps[-1]
                steps[-1] = (command, output + line + "\n")
        found.append(Example(path, text.count("\n", 0, match.start()) + 1,
                             match.group("fixture") or "", steps))
    return found


# A fixture prepares the block's ietfplan home (and working folder) and may add to the
# environment its commands run with; it is a context manager so that a server it starts
# lives while the block runs.
Fixture = Callable[[Path, dict[str, str]], AbstractContextManager[None]]


@contextmanager
def _picks_102(home: Path, env: dict[str, str]) -> Iterator[None]:
    run_line("ietfplan pick add dnsop suit lpwan -m 102", home, env)
    yield


@contextmanager
def _broken_picks_102(home: Path, env: dict[str, str]) -> Iterator[None]:
    folder = home / "data" / "picks"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ietf102.yaml").write_text("meeting: 102\ngroups: [dnsop\n", encoding="utf-8")
    yield


@contextmanager
def _imported_102_with_picks(home: Path, env: dict[str, str]) -> Iterator[None]:
    run_line(f"ietfplan import {DATATRACKER / 'ietf102-agenda.json'} --timezone America/Montreal",
             home, env)
    run_line("ietfplan pick add dmm 102-v6ops-1 -m 102", home, env)
    yield


@contextmanager
def _bad_imports(home: Path, env: dict[str, str]) -> Iterator[None]:
    """Broken sources in the working folder, each made from a good one."""
    good_csv = (DATATRACKER / "ietf102-agenda.csv").read_text(encoding="utf-8").splitlines()
    dmm = next(line for line in good_csv if ',"dmm",' in line)
    Path("agenda.csv").write_text(good_csv[0] + "\n" + dmm.replace('"0930"', '"9:30"', 1) + "\n",
                                  encoding="utf-8")
    Path("bad.csv").write_text('"Date","Start","End","Sesion","Room"\n', encoding="utf-8")
    good_json = (DATATRACKER / "ietf102-agenda.json").read_text(encoding="utf-8")
    cut = good_json.index("agenda-102-dnso") + len("agenda-102-dnso")
    Path("cut.json").write_text(good_json[:cut], encoding="utf-8")
    week = (ROOT / "tests" / "fixtures" / "isoc" / "ietf102-week.txt").read_text(encoding="utf-8")
    Path("l.txt").write_text(week.replace("Monday, 16 July 2018", "Monday, 17 July 2018", 1),
                             encoding="utf-8")
    Path("a150.json").write_text(good_json.replace('"102"', '"150"', 1), encoding="utf-8")
    yield


@contextmanager
def _bad_config(home: Path, env: dict[str, str]) -> Iterator[None]:
    folder = home / "config"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text("tz: Nowhere\n", encoding="utf-8")
    yield


@contextmanager
def _notes_txt(home: Path, env: dict[str, str]) -> Iterator[None]:
    Path("notes.txt").write_text("my notes\n", encoding="utf-8")
    yield


@contextmanager
def _datatracker(home: Path, env: dict[str, str], stage: str) -> Iterator[None]:
    """A Datatracker on 127.0.0.1 serving the IETF 125 fixture (tests/dtserver.py)."""
    from tests.dtserver import FIXTURES as DT_FILES
    from tests.dtserver import Datatracker, fixture_records

    with Datatracker({125: DT_FILES / "ietf125-agenda.json"}, fixture_records()) as dt:
        env["IETFPLAN_DATATRACKER_URL"] = dt.url
        if stage != "served":
            assert run_line("ietfplan import 125", home, env)[1] == 0
        if stage == "changed":  # the Datatracker has a newer agenda since the import
            dt.server.agendas[125] = DT_FILES / "ietf125-agenda-v2.json"
        yield


@contextmanager
def _no_network(env: dict[str, str]) -> Iterator[None]:
    """Every block gets a Datatracker on 127.0.0.1 that knows IETF 125's record and no
    agenda (a fixture may replace it): the examples never reach the internet, and show the
    same thing wherever they run."""
    from tests.dtserver import Datatracker, fixture_records

    with Datatracker({}, fixture_records()) as dt:
        env["IETFPLAN_DATATRACKER_URL"] = dt.url
        yield


FIXTURES: dict[str, Fixture] = {
    "picks-102": _picks_102,                # dnsop, suit and lpwan picked for IETF 102
    "broken-picks-102": _broken_picks_102,  # a picks file with a YAML syntax error
    # IETF 102 imported from the Datatracker's agenda.json, DMM and Thursday's V6OPS picked
    "imported-102-with-picks": _imported_102_with_picks,
    "bad-imports": _bad_imports,            # agenda.csv, bad.csv, cut.json, l.txt, a150.json
    "bad-config": _bad_config,              # a settings file with an unknown zone
    "notes-txt": _notes_txt,                # a notes.txt that is not a calendar
    # a Datatracker on loopback with IETF 125: as is, already imported, changed since
    "datatracker-125": lambda home, env: _datatracker(home, env, "served"),
    "imported-125": lambda home, env: _datatracker(home, env, "imported"),
    "changed-125": lambda home, env: _datatracker(home, env, "changed"),
}


def _shown(text: str, home: Path) -> str:
    """Paths under the test's home as a user's default folders."""
    return (text.replace(str(home / "data"), "~/.local/share/ietfplan")
            .replace(str(home / "config"), "~/.config/ietfplan")
            .replace(str(home / "cache"), "~/.cache/ietfplan"))


@contextmanager
def _in(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _terminal_runner() -> object:
    """click's CliRunner with line-buffered stdout, as on a terminal: stdout and stderr
    lines come out in the order they are written."""
    import sys

    from click.testing import CliRunner

    class TerminalRunner(CliRunner):
        @contextmanager
        def isolation(self, *args: object, **kwargs: object) -> Iterator[object]:  # type: ignore[override]
            with super().isolation(*args, **kwargs) as streams:  # type: ignore[arg-type]
                sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
                sys.stderr.reconfigure(line_buffering=True)  # type: ignore[union-attr]
                yield streams

    return TerminalRunner()


def run_line(line: str, home: Path, extra: dict[str, str] | None = None) -> tuple[str, int]:
    """Run one ``$`` line in-process; (what it printed, exit code)."""
    from ietfplan.cli import app

    words = shlex.split(line)
    env = {"COLUMNS": "100", "IETFPLAN_HOME": str(home), **(extra or {})}
    while words and "=" in words[0]:
        key, _, value = words.pop(0).partition("=")
        env[key] = value
    assert words[0] == "ietfplan", line
    result = _terminal_runner().invoke(app, words[1:], env=env, prog_name="ietfplan")  # type: ignore[attr-defined]
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return _shown(result.output, home), result.exit_code


def workspace(tmp: Path) -> Path:
    """A folder with the files the examples name (datatracker fixtures by their names)."""
    work = tmp / "work"
    work.mkdir()
    for path in DATATRACKER.iterdir():
        if path.is_file():
            shutil.copy(path, work / path.name)
    (work / "tests").symlink_to(ROOT / "tests")  # tests/fixtures/... as from the checkout
    return work


def run_example(example: Example, tmp: Path) -> list[tuple[str, str, str]]:
    """(command, expected, got) for each step."""
    home = tmp / "home"
    env: dict[str, str] = {}
    out = []
    with _in(workspace(tmp)), _no_network(env), (FIXTURES[example.fixture](home, env)
                                                 if example.fixture else nullcontext()):
        for command, expected in example.steps:
            got, _ = run_line(command, home, env)
            out.append((command, expected, got))
    return out


def normal(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


def update(paths: list[Path]) -> None:
    """Rewrite each console block with what its commands print now (review the diff!)."""
    import tempfile

    for path in paths:
        text = path.read_text(encoding="utf-8")
        blocks = examples(path)
        pieces = []
        last = 0
        for match, example in zip(BLOCK.finditer(text), blocks, strict=True):
            with tempfile.TemporaryDirectory() as tmp:
                results = run_example(example, Path(tmp))
            body = "".join(f"$ {command}\n" + "\n".join(normal(got)) + ("\n" if normal(got) else "")
                           for command, _, got in results)
            head = f"<!-- fixture: {example.fixture} -->\n" if example.fixture else ""
            pieces += [text[last:match.start()], f"{head}```console\n{body}```"]
            last = match.end()
        pieces.append(text[last:])
        path.write_text("".join(pieces), encoding="utf-8")
        print(f"updated {path.relative_to(ROOT)} ({len(blocks)} blocks)")


if __name__ == "__main__":
    import sys

    sys.path.insert(0, str(ROOT / "src"))  # the code of this checkout, as the tests use
    update([Path(p).resolve() for p in sys.argv[1:]] or FILES)
