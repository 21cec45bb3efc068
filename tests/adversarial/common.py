"""Helpers for the adversarial tests (issue 14): run ietfplan as a separate process with a
time limit, so that a hang is a test failure rather than a stuck suite."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "ietf124-dst-synthetic.yaml"


def ietfplan(*args: str, home: Path, timeout: float = 30, env: dict[str, str] | None = None,
             stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[bytes]:
    """``python -m ietfplan ARGS`` with IETFPLAN_HOME=home; TimeoutExpired if it hangs."""
    full_env = {**os.environ, "IETFPLAN_HOME": str(home), **(env or {})}
    return subprocess.run([sys.executable, "-m", "ietfplan", *args], stdout=stdout,
                          stderr=subprocess.PIPE, env=full_env, timeout=timeout, check=False)


def start(*args: str, home: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    full_env = {**os.environ, "IETFPLAN_HOME": str(home), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "ietfplan", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=full_env)


def one_line_error(stderr: bytes) -> str:
    """The message, checked to be a user-facing error and not a crash."""
    text = stderr.decode("utf-8", "replace")
    assert "Traceback" not in text and "internal error" not in text.lower(), text
    errors = [line for line in text.splitlines() if line.startswith("error:") or ": error: " in line]
    assert len(errors) == 1, text  # one message (warnings and notes before it are fine)
    return text[text.index(errors[0]):]


def edited_fixture(tmp_path: Path) -> Path:
    """FIXTURE with the first hackathon moved to another room and 6MAN removed: what a
    second publish of the same calendar changes (one event updated, one deleted)."""
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("room: Salle A", "room: Salle Z", 1)
    start_6man, end_6man = text.index("  - group: 6man"), text.index("  - group: tls")
    path = tmp_path / "ietf124-edited.yaml"
    path.write_text(text[:start_6man] + text[end_6man:], encoding="utf-8")
    return path
