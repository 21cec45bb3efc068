"""The parsed-file cache notices an edit that keeps the size and restores the mtime
(`touch -r`, `rsync -t`).  Issue 14, item 12."""

from __future__ import annotations

import os
from pathlib import Path

from ietfplan.load import index
from ietfplan.load.meetingfile import load_meeting
from ietfplan.model import TopicIndex

HEADER = ("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
          "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n")
SESSION = "  - group: core\n    date: 2018-07-18\n    time: 09.30-11.30\n    room: Room {n:06d}\n"


def test_same_size_edit_with_the_mtime_put_back_is_seen(tmp_path: Path, topics: TopicIndex) -> None:
    path = tmp_path / "big.yaml"
    body, n = [HEADER], 0
    while sum(map(len, body)) < (index.HASH_MAX or 256 * 1024) + 100:  # too large for the content hash: ctime
        body.append(SESSION.format(n=n))
        n += 1
    path.write_text("".join(body), encoding="utf-8")
    folder = tmp_path / "cache"
    first = load_meeting(str(path), topics, folder)
    assert first.sessions[0].room == "Room 000000"
    assert list((folder / "meetings").glob("*.pickle"))  # it was cached
    before = os.stat(path)
    text = path.read_text(encoding="utf-8").replace("Room 000000", "Hall 000000", 1)
    path.write_text(text, encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_meeting(str(path), topics, folder).sessions[0].room == "Hall 000000"
