"""The parsed-meeting cache: used when valid, ignored and rebuilt when stale or corrupt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ietfplan.errors import DataError
from ietfplan.load import cache, index, meetingfile
from ietfplan.load.meetingfile import load_meeting
from ietfplan.model import Topic, TopicIndex
from tests.conftest import app_context

HEADER = ("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
          "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n")
SESSION = "  - group: core\n    date: 2018-07-18\n    time: 09.30-11.30 EDT/UTC-4\n    note: {n}\n"


@pytest.fixture
def big(tmp_path: Path) -> Path:
    """A meeting file just over the size up to which the key includes a content hash."""
    path = tmp_path / "big.yaml"
    body, n = [HEADER], 0
    while sum(map(len, body)) < (index.HASH_MAX or 256 * 1024) + 100:
        body.append(SESSION.format(n=f"session number {n:06d} " + "x" * 40))
        n += 1
    path.write_text("".join(body), encoding="utf-8")
    return path


def cache_dir() -> Path:
    """The cache folder a command run now would use (in the test's IETFPLAN_HOME)."""
    return app_context().folders.cache


def entries(home: Path) -> list[Path]:
    return sorted((home / "cache" / "meetings").glob("*.pickle"))


def refuse_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object) -> None:
        raise AssertionError("parsed although a valid cache entry exists")

    monkeypatch.setattr(meetingfile, "parse_meeting", fail)


def test_second_load_comes_from_the_cache(big: Path, topics: TopicIndex, _isolated_home: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_meeting(str(big), topics, cache_dir())
    assert len(entries(_isolated_home)) == 1
    entry = entries(_isolated_home)[0]
    assert entry.stat().st_mode & 0o777 == 0o600
    refuse_parsing(monkeypatch)
    second = load_meeting(str(big), topics, cache_dir())
    assert second == first
    assert second.sessions[0].start is not None and second.sessions[0].start.utcoffset() is not None


def test_changed_file_is_parsed_again(big: Path, topics: TopicIndex, _isolated_home: Path) -> None:
    load_meeting(str(big), topics, cache_dir())
    text = big.read_text(encoding="utf-8").replace("session number 000000", "changed")
    big.write_text(text, encoding="utf-8")
    os.utime(big, ns=(1, 1))  # even with an older mtime: size and mtime both key the entry
    assert load_meeting(str(big), topics, cache_dir()).sessions[0].note.startswith("changed")


def test_same_size_edit_with_the_mtime_put_back_is_parsed_again(big: Path, topics: TopicIndex) -> None:
    load_meeting(str(big), topics, cache_dir())
    before = big.stat()
    text = big.read_text(encoding="utf-8").replace("session number 000000", "session CHANGE 000000")
    big.write_text(text, encoding="utf-8")
    os.utime(big, ns=(before.st_atime_ns, before.st_mtime_ns))  # what `touch -r` does
    assert (big.stat().st_size, big.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    assert load_meeting(str(big), topics, cache_dir()).sessions[0].note.startswith("session CHANGE ")


def test_other_topics_are_a_cache_miss(big: Path, topics: TopicIndex, _isolated_home: Path) -> None:
    assert "iot" in load_meeting(str(big), topics, cache_dir()).sessions[0].topics
    other = TopicIndex.build([Topic("constrained", "Constrained", groups=("core",))])
    assert load_meeting(str(big), other, cache_dir()).sessions[0].topics == ("constrained",)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage", None])
def test_corrupt_entry_is_ignored_and_rebuilt(big: Path, topics: TopicIndex, _isolated_home: Path,
                                              damage: bytes | None) -> None:
    good = load_meeting(str(big), topics, cache_dir())
    entry = entries(_isolated_home)[0]
    if damage is None:
        raw = entry.read_bytes()
        entry.write_bytes(raw[: len(raw) // 2])  # truncated
    else:
        entry.write_bytes(damage)
    assert load_meeting(str(big), topics, cache_dir()) == good
    assert cache.get(cache_dir(), str(big), topics) == good  # rebuilt


def test_entry_writable_by_others_is_not_trusted(big: Path, topics: TopicIndex,
                                                 _isolated_home: Path) -> None:
    load_meeting(str(big), topics, cache_dir())
    entries(_isolated_home)[0].chmod(0o666)
    assert cache.get(cache_dir(), str(big), topics) is None


def test_small_files_are_cached_and_a_same_size_edit_is_noticed(
        tmp_path: Path, topics: TopicIndex, _isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(HEADER + SESSION.format(n="before"), encoding="utf-8")
    load_meeting(str(path), topics, cache_dir())
    assert len(entries(_isolated_home)) == 1
    before = path.stat()
    path.write_text(HEADER + SESSION.format(n="edited"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    edited = load_meeting(str(path), topics, cache_dir())
    assert edited.sessions[0].note == "edited"
    refuse_parsing(monkeypatch)
    assert load_meeting(str(path), topics, cache_dir()) == edited  # cached again, and used


def test_unwritable_cache_is_no_error(big: Path, topics: TopicIndex, _isolated_home: Path) -> None:
    _isolated_home.mkdir(parents=True, exist_ok=True)
    (_isolated_home / "cache").write_text("a file where the folder should be")
    assert len(load_meeting(str(big), topics, cache_dir()).sessions) > 100


def test_topics_come_from_the_cache_until_the_file_changes(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from ietfplan.load import topics as topics_module

    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  - key: iot\n    title: IoT\n    groups: [core]\n", encoding="utf-8")
    first = cache.topics_of(cache_dir(), str(path))
    assert [t.key for t in first.topics] == ["iot"]
    real = topics_module.load_topics
    read: list[str] = []
    monkeypatch.setattr(topics_module, "load_topics", lambda p: read.append(p) or real(p))
    assert cache.topics_of(cache_dir(), str(path)) == first and read == []
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("core", "6lo "), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, mtime put back
    assert cache.topics_of(cache_dir(), str(path)).get("iot").groups == ("6lo",)  # type: ignore[union-attr]
    assert read == [str(path)]
    path.write_text("topics: [oops\n", encoding="utf-8")
    with pytest.raises(DataError):
        cache.topics_of(cache_dir(), str(path))
