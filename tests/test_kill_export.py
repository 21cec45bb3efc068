"""Nothing lost: SIGKILL in the middle of a large export leaves the previous file intact."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import time
from pathlib import Path

import icalendar
import pytest

from tests.cli.helpers import SCRIPT

BENCH = Path(__file__).resolve().parents[1] / "bench" / "gen_meeting.py"


def _generate(sessions: int) -> str:
    spec = importlib.util.spec_from_file_location("gen_meeting", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(sessions)
    return text


def _events(data: bytes) -> int:
    return len(icalendar.Calendar.from_ical(data).walk("VEVENT"))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_export_keeps_the_earlier_calendar(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(_generate(30_000), encoding="utf-8")  # ~1.7 s to export: kills land mid-way
    out = tmp_path / "ietf.ics"
    first = subprocess.run([str(SCRIPT), "export", "--file", str(big), "--topic", "iot", "-o", str(out)],
                           capture_output=True, timeout=120)
    assert first.returncode == 0, first.stderr
    before = out.read_bytes()
    assert _events(before) > 100

    killed_while_running = 0
    for delay in (0.2, 0.5, 0.9, 1.4, 2.0):
        proc = subprocess.Popen([str(SCRIPT), "export", "--file", str(big), "--no-alarm", "-o", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            killed_while_running += 1
        proc.wait(timeout=120)
        now = out.read_bytes()
        # Either the earlier file, untouched, or the complete new one: never a part.
        assert now == before or _events(now) > _events(before), f"damaged after {delay}s"
        if now != before:
            before = now  # the new export finished before the kill; keep checking from it
    assert killed_while_running >= 2, "the export finished before any kill: use more sessions"
