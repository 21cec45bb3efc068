"""The bad-input corpus (tests/bad_inputs/cases.json): every case exits with its code and a
clear message with file:line:col where there is one, and never a traceback.

Each case runs as a real process (the installed ``ietfplan``), under a generous timeout
that only guards against hangs; no wall-clock assertion.  Cases that cannot be files in
the repository (a 50 MB file, a symlink loop, a folder, an unreadable file) are made here.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from ietfplan.errors import DataError
from ietfplan.load.topics import load_topics
from tests.cli.helpers import SCRIPT

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
CASES: list[dict[str, Any]] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
TIMEOUT = 120  # generous: a hang guard, not a speed test


def ietfplan(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
             ) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=full_env,
                          timeout=TIMEOUT, cwd=cwd)


def check(proc: subprocess.CompletedProcess[str], exit_code: int, expect: str,
          where: str | None = None) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "\x1b" not in proc.stderr and "\u202e" not in proc.stderr  # escapes shown, not sent
    assert proc.returncode == exit_code, proc.stderr
    assert expect in proc.stderr, proc.stderr
    if where is not None:
        assert f"{where}: error:" in proc.stderr, proc.stderr


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 30
    assert {c["entry"] for c in CASES} == {"meeting", "topics", "cli", "home", "import"}
    homes = {c["home"].split("/")[0] for c in CASES if c["entry"] == "home"}
    assert homes == {"data", "config"}  # picks files and the config file


@pytest.mark.parametrize("case", [c for c in CASES if c["entry"] == "meeting"], ids=lambda c: c["name"])
def test_bad_meeting_file(case: dict[str, Any]) -> None:
    path = str(CORPUS / case["file"])
    proc = ietfplan([a.replace("{file}", path) for a in case["args"]])
    where = f"{path}:{case['position']}" if case["position"] else None
    check(proc, case["exit"], case["expect"], where)


@pytest.mark.parametrize("case", [c for c in CASES if c["entry"] == "topics"], ids=lambda c: c["name"])
def test_bad_topics_file(case: dict[str, Any]) -> None:
    # The topics file is not chosen on the command line; its loader is the entry point.
    path = str(CORPUS / case["file"])
    with pytest.raises(DataError) as info:
        load_topics(path)
    text = info.value.format()
    assert info.value.exit_code == case["exit"]
    assert case["expect"] in text
    if case["position"]:
        assert f"{path}:{case['position']}: error:" in text


@pytest.mark.parametrize("case", [c for c in CASES if c["entry"] == "cli"], ids=lambda c: c["name"])
def test_bad_arguments_and_environment(case: dict[str, Any], tmp_path: Path) -> None:
    check(ietfplan(case["args"], case.get("env"), cwd=tmp_path), case["exit"], case["expect"])


@pytest.mark.parametrize("case", [c for c in CASES if c["entry"] == "home"], ids=lambda c: c["name"])
def test_bad_files_in_the_home_folder(case: dict[str, Any], tmp_path: Path) -> None:
    """Picks files and the config file: ietfplan finds them in its home folder."""
    target = tmp_path / "home" / case["home"]
    target.parent.mkdir(parents=True)
    original = (CORPUS / case["file"]).read_bytes()
    target.write_bytes(original)
    env = {"IETFPLAN_HOME": str(tmp_path / "home"), **case.get("env", {})}
    proc = ietfplan(case["args"], env, cwd=tmp_path)
    check(proc, case["exit"], case["expect"], f"{target}:{case['position']}" if case["position"] else None)
    assert target.read_bytes() == original  # never rewritten or reset


@pytest.mark.parametrize("case", [c for c in CASES if c["entry"] == "import"], ids=lambda c: c["name"])
def test_bad_agendas_to_import(case: dict[str, Any], tmp_path: Path) -> None:
    path = str(CORPUS / case["file"])
    env = {"IETFPLAN_HOME": str(tmp_path / "home")}
    proc = ietfplan([a.replace("{file}", path) for a in case["args"]], env, cwd=tmp_path)
    check(proc, case["exit"], case["expect"], f"{path}:{case['position']}" if case["position"] else None)
    assert not (tmp_path / "home" / "data" / "meetings").exists() or not any(
        (tmp_path / "home" / "data" / "meetings").iterdir())  # nothing half-imported


def test_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:
        fh.write(b"meeting:\n  note: '")
        chunk = b"x" * (1024 * 1024)
        for _ in range(50):
            fh.write(chunk)
        fh.write(b"'\n")
    # a file ietfplan will not read: exit 3 in validate as in agenda (issue 14, item 12)
    check(ietfplan(["validate", str(big)]), 3, "huge.yaml is 50 MB; ietfplan reads files of at most 16 MB")


def test_100_000_nested_lists_are_an_error_not_a_crash(tmp_path: Path) -> None:
    # PyYAML's C loader before 6.0.4 has no nesting limit and dies of a segmentation fault
    # on this 100 kB file (pyproject.toml's lower bound for PyYAML is 6.0.4 for that)
    deep = tmp_path / "deep.yaml"
    deep.write_text("meeting: " + "[" * 100_000 + "\n", encoding="utf-8")
    proc = ietfplan(["validate", str(deep)])
    check(proc, 2, "nesting depth")
    assert f"{deep}:1:" in proc.stderr, proc.stderr


def test_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    check(ietfplan(["agenda", "--file", str(tmp_path / "a.yaml")]), 3, "Too many levels of symbolic links")


def test_directory_given_as_file(tmp_path: Path) -> None:
    check(ietfplan(["agenda", "--file", str(tmp_path)]), 3, "is a directory, not a file")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads files whatever their permissions, so there is nothing to refuse")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text((CORPUS / "feb-30.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    path.chmod(0)
    check(ietfplan(["agenda", "--file", str(path)]), 3, f"permission denied: {path}")
