"""Error display reads each source file once, boundedly, and never a special file.
Issue 14, item 6."""

from __future__ import annotations

import builtins
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.errors import DataError
from ietfplan.load.catalog import Catalog
from tests.adversarial.common import ietfplan, one_line_error


def wrong_year_file(tmp_path: Path, sessions: int) -> Path:
    """A meeting in July 2018 whose sessions are all dated 2019: one error each."""
    lines = ["meeting:", "  number: 102", "  city: Montreal", "  country: CA",
             "  timezone: America/Montreal", "  start: 2018-07-14", "  end: 2018-07-20",
             "sessions:"]
    for n in range(sessions):
        lines += [f"  - group: g{n}", "    date: 2019-07-16", "    time: 09.30-11.30"]
    path = tmp_path / f"wrong-year-{sessions}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load_error(path: Path) -> DataError:
    with pytest.raises(DataError) as info:
        Catalog(user_dir=None).load_file(str(path))
    return info.value


def test_every_error_is_shown_with_its_line_and_the_file_is_opened_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = wrong_year_file(tmp_path, 500)
    error = load_error(path)
    source = path.read_text(encoding="utf-8").splitlines()
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(path):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    text = error.format()
    assert len(opened) <= 1
    assert len(error.problems) == 500
    for p in error.problems:  # each message quotes its own source line, from the file itself
        assert f"{path}:{p.line}:{p.column}: error:" in text
        assert f"    {source[p.line - 1]}\n" in text


def test_error_display_cost_grows_linearly_not_quadratically(tmp_path: Path) -> None:
    """Formatting 8x the errors may cost about 8x, not 64x (the old re-read per error)."""

    def cost(sessions: int) -> float:
        error = load_error(wrong_year_file(tmp_path, sessions))
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            error.format()
            best = min(best, time.perf_counter() - started)
        return best

    small, large = cost(1000), cost(8000)
    assert large / small < 24, (small, large)


def _format_in_a_child(path: str) -> subprocess.CompletedProcess[str]:
    """DataError(path, line 1).format() in a child process with 512 MB of memory at most."""
    code = ("import resource, sys\n"
            "resource.setrlimit(resource.RLIMIT_AS, (512 << 20, 512 << 20))\n"
            "from ietfplan.errors import DataError\n"
            "print(DataError('bad', path=sys.argv[1], line=1, column=1).format())\n")
    return subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True,
                          timeout=20, check=False)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_error_display_never_reads_a_device_or_waits_for_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path in ("/dev/zero", str(fifo)):
        res = _format_in_a_child(path)
        assert res.returncode == 0, res.stderr
        assert res.stdout.splitlines() == [f"{path}:1:1: error: bad"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_validate_refuses_dev_zero_and_a_fifo_before_reading(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, kind in (("/dev/zero", "character device"), (str(fifo), "pipe (FIFO)")):
        res = ietfplan("validate", path, home=tmp_path / "home", timeout=20)
        assert res.returncode in (2, 3), res.stderr
        message = one_line_error(res.stderr)
        assert f"{path} is a {kind}, not a regular file" in message


def test_validate_and_agenda_agree_on_an_unreadable_file(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.yaml")
    codes = {CliRunner().invoke(app, args).exit_code
             for args in (["validate", missing], ["agenda", "-f", missing])}
    assert codes == {3}
