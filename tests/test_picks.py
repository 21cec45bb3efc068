from __future__ import annotations

import os
from pathlib import Path

import pytest

from ietfplan.errors import DataError, FileError, UsageError
from ietfplan.load.catalog import Catalog
from ietfplan.plan import picks as store
from ietfplan.plan.picks import Picks, picked_ids
from tests.conftest import app_context


def picks_folder() -> Path:
    """The picks folder of the test's IETFPLAN_HOME, as a command would use it."""
    return app_context().folders.picks


@pytest.fixture
def m102():  # type: ignore[no-untyped-def]
    return Catalog(user_dir=None).by_number(102)


def test_no_file_means_no_picks(m102) -> None:  # type: ignore[no-untyped-def]
    assert picked_ids(picks_folder(), m102) == set()
    assert not store.picks_path(picks_folder(), 102).exists()


def test_group_picks_all_its_sessions_and_id_picks_one(m102) -> None:  # type: ignore[no-untyped-def]
    with store.editing(picks_folder(), 102) as p:
        assert p.add(m102, "DNSOP") and p.add(m102, "102-6man-2")
    assert picked_ids(picks_folder(), m102) == {"102-dnsop-1", "102-dnsop-2", "102-6man-2"}
    text = store.picks_path(picks_folder(), 102).read_text()
    assert "- dnsop" in text and "- 102-6man-2" in text


def test_remove_one_session_of_a_picked_group_then_add_back(m102) -> None:  # type: ignore[no-untyped-def]
    with store.editing(picks_folder(), 102) as p:
        p.add(m102, "dnsop")
        assert p.remove(m102, "102-dnsop-2")
    assert picked_ids(picks_folder(), m102) == {"102-dnsop-1"}
    with store.editing(picks_folder(), 102) as p:
        assert p.add(m102, "102-dnsop-2")
    assert picked_ids(picks_folder(), m102) == {"102-dnsop-1", "102-dnsop-2"}
    with store.editing(picks_folder(), 102) as p:
        assert p.remove(m102, "dnsop") and not p.remove(m102, "suit")
    assert picked_ids(picks_folder(), m102) == set()


def test_unknown_name_changes_nothing(m102) -> None:  # type: ignore[no-untyped-def]
    with store.editing(picks_folder(), 102) as p:
        p.add(m102, "suit")
    before = store.picks_path(picks_folder(), 102).read_bytes()
    with pytest.raises(UsageError) as exc, store.editing(picks_folder(), 102) as p:
        p.add(m102, "dnsop")
        p.add(m102, "dnsp")
    assert "did you mean 'dnsop'" in exc.value.format()
    assert store.picks_path(picks_folder(), 102).read_bytes() == before


def test_groups_resolve_at_read_time_after_reimport(tmp_path: Path, m102) -> None:  # type: ignore[no-untyped-def]
    with store.editing(picks_folder(), 102) as p:
        p.add(m102, "suit")
    # a re-imported IETF 102 where SUIT now meets twice, with other ids
    user = app_context().folders.meetings
    user.mkdir(parents=True)
    (user / "ietf102.yaml").write_text(
        "meeting: {number: 102, city: Montreal, timezone: America/Montreal,"
        " start: 2018-07-14, end: 2018-07-20}\n"
        "sessions:\n"
        "  - {group: suit, date: 2018-07-18, time: 09.30-11.30, id: s-a}\n"
        "  - {group: suit, date: 2018-07-19, time: 15.20-16.50, id: s-b}\n"
        "  - {group: dnsop, date: 2018-07-18, time: 09.30-11.30}\n", encoding="utf-8")
    fresh = app_context().catalog.by_number(102)
    assert picked_ids(picks_folder(), fresh) == {"s-a", "s-b"}


def test_corrupt_file_is_reported_with_position_and_never_replaced(m102) -> None:  # type: ignore[no-untyped-def]
    path = store.picks_path(picks_folder(), 102)
    path.parent.mkdir(parents=True)
    broken = "meeting: 102\ngroups:\n  - dnsop\n  - [suit\n"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        picked_ids(picks_folder(), m102)
    msg = exc.value.format()
    assert str(path) in msg and f"{path}:5:" in msg and "never overwrites" in msg
    with pytest.raises(DataError), store.editing(picks_folder(), 102) as p:
        p.add(m102, "suit")
    assert path.read_text(encoding="utf-8") == broken


@pytest.mark.parametrize(("text", "where", "words"), [
    ("meeting: 101\ngroups: [dnsop]\n", ":1:10", "for IETF 101, not IETF 102"),
    ("meeting: 102\ngrups: [dnsop]\n", ":2:1", "did you mean 'groups'"),
    ("meeting: 102\ngroups: {dnsop: 1}\n", ":2:9", "must be a list"),
    ("- dnsop\n", ":1:1", "must be a mapping"),
    ("meeting: 102\ngroups: [a]\ngroups: [b]\n", ":3:1", "duplicate key"),
])
def test_hand_broken_files(text: str, where: str, words: str, m102) -> None:  # type: ignore[no-untyped-def]
    path = store.picks_path(picks_folder(), 102)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        store.load(picks_folder(), 102)
    msg = exc.value.format()
    assert f"{path}{where}" in msg and words in msg


def test_crash_during_rename_keeps_previous_file(monkeypatch: pytest.MonkeyPatch, m102) -> None:  # type: ignore[no-untyped-def]
    with store.editing(picks_folder(), 102) as p:
        p.add(m102, "suit")
    path = store.picks_path(picks_folder(), 102)
    before = path.read_bytes()

    def boom(src: str, dst: str) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as mp:
        mp.setattr(os, "replace", boom)
        with pytest.raises(FileError) as exc, store.editing(picks_folder(), 102) as p:
            p.add(m102, "dnsop")
    assert "previous file is unchanged" in exc.value.format()
    assert path.read_bytes() == before
    assert picked_ids(picks_folder(), m102) == {"102-suit-1"}
    assert [f.name for f in path.parent.iterdir() if f.name.endswith(".tmp")] == []


def test_round_trip_of_odd_ids(m102) -> None:  # type: ignore[no-untyped-def]
    p = Picks(102, groups=["dnsop"], sessions=["weird: id #1"], skip=[])
    assert store.parse(p.to_yaml(), "x.yaml", 102) == p


def test_dangling_entries_are_reported_not_fatal(m102) -> None:  # type: ignore[no-untyped-def]
    p = Picks(102, groups=["dnsop", "gone"], sessions=["102-old-9"])
    assert p.dangling(m102) == ["gone", "102-old-9"]
    assert {s.id for s in p.resolve(m102)} == {"102-dnsop-1", "102-dnsop-2"}
