"""atomic_write: the target is whole or untouched; temp files that killed writes left
behind are cleared by the next write, once they are old enough not to be a running one."""

from __future__ import annotations

import os
import time
from pathlib import Path

from ietfplan.fsutil import STALE_SECONDS, atomic_write


def test_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.ics"]


def test_clears_old_temp_files_of_killed_writes_only(tmp_path: Path) -> None:
    target = tmp_path / "a[1].ics"  # glob characters in the name
    old = tmp_path / ".a[1].ics.x1y2.tmp"
    recent = tmp_path / ".a[1].ics.z3w4.tmp"
    other = tmp_path / ".b.ics.q5r6.tmp"
    for p in (old, recent, other):
        p.write_text("partial")
    long_ago = time.time() - STALE_SECONDS - 60
    for p in (old, other):
        os.utime(p, (long_ago, long_ago))
    atomic_write(target, "whole")
    assert target.read_text() == "whole"
    assert not old.exists()
    assert recent.exists() and other.exists()  # a write may still be running; not ours
