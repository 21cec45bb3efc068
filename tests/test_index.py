"""The index of meeting headers: a command reads only the meeting it needs, and an edit
is noticed however it was made (same size, mtime put back)."""

from __future__ import annotations

import json
import os
import pickle
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from ietfplan.load import cache, index, meetingfile
from ietfplan.load import catalog as catalog_module
from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting, TopicIndex
from tests.cli.helpers import invoke
from tests.conftest import app_context

MEETING = """\
meeting:
  number: {number}
  city: {city}
  timezone: Europe/Prague
  start: {start}
  end: {end}
sessions:
""" + "".join(f"""\
  - group: {group}
    name: Session {i}
    date: {{day}}
    time: 09:30-11:30
""" for i, group in enumerate(("core", "dnsop", "tls", "quic")))

# (number, city, first day): in time order, each Saturday to Friday
MEETINGS = [(201, "Aaaaaa", "2031-03-15"), (202, "Bbbbbb", "2031-07-19"), (203, "Cccccc", "2031-11-08")]


def meeting_text(number: int, city: str, start: str) -> str:
    year, month, day = map(int, start.split("-"))
    return MEETING.format(number=number, city=city, start=start,
                          end=f"{year:04d}-{month:02d}-{day + 6:02d}", day=f"{year:04d}-{month:02d}-{day + 2:02d}")


@pytest.fixture
def folder() -> Path:
    """The user's meetings folder, with three meetings in it."""
    meetings = app_context().folders.meetings
    meetings.mkdir(parents=True)
    for number, city, start in MEETINGS:
        (meetings / f"ietf{number}.yaml").write_text(meeting_text(number, city, start), encoding="utf-8")
    return meetings


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files parsed from now on (by file name)."""
    seen: list[str] = []
    real = meetingfile.parse_meeting

    def spy(text: str, path: str, topics: TopicIndex, **kwargs: bool | None) -> Meeting:
        seen.append(Path(path).name)
        return real(text, path, topics, **kwargs)

    monkeypatch.setattr(meetingfile, "parse_meeting", spy)
    return seen


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose parsed meeting was asked of the cache from now on (by file name)."""
    seen: list[str] = []
    real = cache.get

    def spy(cache_dir: Path, path: str, topics: TopicIndex, source: object = None) -> Meeting | None:
        seen.append(Path(path).name)
        return real(cache_dir, path, topics, source)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "get", spy)
    return seen


def fresh_catalog() -> Catalog:
    return app_context().catalog  # a new context: what the next command would get


def test_first_run_parses_everything_then_reads_only_what_is_needed(
        folder: Path, parsed: list[str], cached: list[str]) -> None:
    assert [h.number for h in fresh_catalog().headers][-3:] == [201, 202, 203]
    assert sorted(parsed) == sorted(["ietf101.yaml", "ietf102.yaml",
                                     *(f"ietf{n}.yaml" for n, _, _ in MEETINGS)])
    parsed.clear()
    cached.clear()
    headers = fresh_catalog().headers
    assert parsed == cached == []  # `meetings` reads the index only
    assert [(h.number, h.city) for h in headers][-3:] == [(n, c) for n, c, _ in MEETINGS]
    assert fresh_catalog().by_number(202).city == "Bbbbbb"
    assert (parsed, cached) == ([], ["ietf202.yaml"])  # parsed the first time, now cached
    cached.clear()
    now = datetime(2031, 7, 22, 9, 0, tzinfo=timezone.utc)  # during IETF 202
    meeting, why = fresh_catalog().choose(now)
    assert (meeting.number, why, parsed, cached) == (202, "in progress", [], ["ietf202.yaml"])


def test_headers_agree_with_the_files(folder: Path) -> None:
    fresh_catalog().headers  # noqa: B018  (writes the index)
    for header in fresh_catalog().headers:
        data = yaml.safe_load(Path(header.path).read_text(encoding="utf-8"))
        head = data["meeting"]
        assert (header.number, header.city, header.timezone, header.start, header.end) == (
            head["number"], head["city"], head["timezone"], head["start"], head["end"])
        assert header.sessions == len(data["sessions"] or [])


@pytest.mark.parametrize("how", ["same size, mtime put back", "new mtime"])
def test_an_edit_is_noticed(folder: Path, parsed: list[str], how: str) -> None:
    fresh_catalog().headers  # noqa: B018
    path = folder / "ietf202.yaml"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Bbbbbb", "Zzzzzz"), encoding="utf-8")
    assert path.stat().st_size == before.st_size
    if how.startswith("same"):
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # touch -r
        assert path.stat().st_mtime_ns == before.st_mtime_ns
    parsed.clear()
    cities = {h.number: h.city for h in fresh_catalog().headers}
    assert cities[202] == "Zzzzzz"
    assert parsed == ["ietf202.yaml"]  # and nothing else


def test_the_key_notices_a_same_size_edit_with_the_mtime_put_back(tmp_path: Path) -> None:
    for size in (100, (index.HASH_MAX or 256 * 1024) + 100):  # hashed, and too large to hash
        path = tmp_path / f"f{size}.yaml"
        path.write_bytes(b"a" * size)
        before = path.stat()
        key = index.file_key(str(path))
        path.write_bytes(b"b" * size)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert index.file_key(str(path)) != key


def test_added_removed_and_broken_files(folder: Path, parsed: list[str]) -> None:
    fresh_catalog().headers  # noqa: B018
    (folder / "ietf201.yaml").unlink()
    (folder / "ietf204.yaml").write_text(meeting_text(204, "Dddddd", "2032-03-13"), encoding="utf-8")
    (folder / "ietf205.yaml").write_text("meeting: [not, a, mapping]\n", encoding="utf-8")
    parsed.clear()
    catalog = fresh_catalog()
    assert [h.number for h in catalog.headers][-3:] == [202, 203, 204]
    assert [p.name for p, _ in catalog.broken] == ["ietf205.yaml"]
    assert sorted(parsed) == ["ietf204.yaml", "ietf205.yaml"]
    stored = index.read(app_context().folders.cache)
    assert not any(p.endswith(("ietf201.yaml", "ietf205.yaml")) for p in stored)
    with pytest.raises(Exception, match="mapping"):
        fresh_catalog().by_number(205)


def test_a_user_file_replaces_the_bundled_meeting(folder: Path) -> None:
    (folder / "ietf102.yaml").write_text(meeting_text(102, "Elsewhere", "2018-07-14"), encoding="utf-8")
    for _ in range(2):  # parsed, then from the index
        catalog = fresh_catalog()
        assert [h.city for h in catalog.headers if h.number == 102] == ["Elsewhere"]
        assert catalog.by_number(102).city == "Elsewhere"


@pytest.mark.parametrize("damage", ["garbage", "other version", "group-writable"])
def test_a_bad_index_is_ignored_and_rebuilt(folder: Path, parsed: list[str], cached: list[str],
                                            damage: str) -> None:
    fresh_catalog().headers  # noqa: B018
    stored = app_context().folders.cache / "catalog" / "index.pickle"
    assert stored.stat().st_mode & 0o777 == 0o600 and stored.parent.stat().st_mode & 0o777 == 0o700
    if damage == "garbage":
        stored.write_bytes(b"\x80\x05garbage")
    elif damage == "other version":
        form, _, rows = pickle.loads(stored.read_bytes())
        stored.write_bytes(pickle.dumps((form, "0.0-other", rows)))
        assert index.read(stored.parent.parent) == {}
    else:
        stored.chmod(0o620)
        assert index.read(stored.parent.parent) == {}
    parsed.clear()
    cached.clear()
    assert [h.number for h in fresh_catalog().headers][-3:] == [201, 202, 203]
    assert (parsed, len(cached)) == ([], 5)  # read again (from the parsed-meeting cache)
    cached.clear()
    fresh_catalog().headers  # noqa: B018
    assert parsed == cached == []  # and the index written again


def test_meetings_command_lists_headers_without_parsing(folder: Path, parsed: list[str]) -> None:
    invoke("meetings", "--format", "json")
    parsed.clear()
    result = invoke("meetings", "--format", "json")
    assert result.exit_code == 0 and parsed == []
    rows = {row["number"]: row for row in json.loads(result.stdout)}
    data = yaml.safe_load((folder / "ietf203.yaml").read_text(encoding="utf-8"))
    assert rows[203]["sessions"] == len(data["sessions"]) and rows[203]["city"] == "Cccccc"


def test_no_cache_folder_means_no_index(tmp_path: Path) -> None:
    catalog = Catalog(user_dir=None)
    assert [h.number for h in catalog.headers] == [101, 102]
    assert catalog_module.Catalog(user_dir=None, cache_dir=None).by_number(101).number == 101


def test_where_ctime_is_the_creation_time_every_file_is_hashed(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows reports the creation time as ctime, so there (HASH_MAX None) a large file's
    content is hashed too, in chunks: an edit that keeps the size and the mtime changes the
    key through the hash alone.  zlib over the whole file is the oracle."""
    import zlib

    monkeypatch.setattr(index, "HASH_MAX", None)
    path = tmp_path / "big.yaml"
    size = 2 * 1024 * 1024 + 300  # more than two of file_key's chunks
    path.write_bytes(b"a" * size)
    key = index.file_key(str(path))
    assert key is not None and key[4] == zlib.crc32(path.read_bytes())
    path.write_bytes(b"a" * (size - 1) + b"b")
    edited = index.file_key(str(path))
    assert edited is not None and edited[4] == zlib.crc32(path.read_bytes()) != key[4]


def test_on_posix_large_files_are_not_read_for_their_key(tmp_path: Path) -> None:
    """Where ctime is the change time, a large file's key costs a stat, not a read."""
    if not index.CTIME_IS_CHANGE_TIME:
        pytest.skip("Windows: ctime is the creation time, every file is hashed")
    assert index.HASH_MAX is not None
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a" * (index.HASH_MAX + 1))
    key = index.file_key(str(path))
    assert key is not None and key[4] == -1
