"""The loader's shortcuts equal the plain versions, exactly: memoised topic
classification equals TopicIndex.classify, and sort_sessions sorts as session_sort_key.

Memo.classify matches each distinct text once and skips regex searches that cannot
match (ASCII text without the lowercased keyword); case-insensitive regex matching is
wider than ``str.lower`` for some non-ASCII letters (the Kelvin sign, the long s, the
dotless i), so those are in the alphabet.
"""

from __future__ import annotations

from datetime import date, datetime

import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from ietfplan.load.meetingfile import sort_sessions
from ietfplan.load.memo import Memo
from ietfplan.model import Session, Topic, TopicIndex, session_sort_key

ALPHABET = st.sampled_from([*"aiksIKSt-_ 6", "\u212a", "\u017f", "\u0131", "\u0130", "é", "ß"])
WORDS = st.text(ALPHABET, min_size=0, max_size=6)
TOPICS = st.lists(
    st.tuples(st.lists(WORDS, max_size=3), st.lists(st.sampled_from(["dnsop", "iotops", "Tls"]),
                                                    max_size=2)),
    min_size=1, max_size=5,
).map(lambda specs: TopicIndex.build(
    Topic(key=f"t{i}", title=f"T{i}", keywords=tuple(kw), groups=tuple(g.lower() for g in gr))
    for i, (kw, gr) in enumerate(specs)))
TEXTS = st.text(ALPHABET, max_size=20)


@settings(max_examples=600, deadline=None)
@given(topics=TOPICS, other=TOPICS, sessions=st.lists(
    st.tuples(st.sampled_from(["dnsop", "IOTOPS", "tls", "x"]), TEXTS, st.lists(TEXTS, max_size=2)),
    min_size=1, max_size=6))
def test_memo_classify_equals_topic_index_classify(topics: TopicIndex, other: TopicIndex,
                                                   sessions: list[tuple[str, str, list[str]]]
                                                   ) -> None:
    memo = Memo()
    for group, name, drafts in sessions * 2:  # twice: the second time from the memo
        assert memo.classify(topics, group, name, tuple(drafts)) == \
            topics.classify(group, name, *drafts)
    memo.topics.clear()  # (classify's own memo is per meeting file, so per topic index)
    for group, name, drafts in sessions:  # the per-text memo follows the topic index
        assert memo.classify(other, group, name, tuple(drafts)) == other.classify(group, name, *drafts)


def test_memo_classify_examples() -> None:
    topics = TopicIndex.build([
        Topic(key="iot", title="IoT", keywords=("IoT", "Internet of Things"), groups=("core",)),
        Topic(key="kelvin", title="K", keywords=("k",)),
    ])
    memo = Memo()
    assert memo.classify(topics, "CORE", "nothing here", ()) == ("iot",)
    assert memo.classify(topics, "x", "the internet of things", ()) == ("iot",)
    assert memo.classify(topics, "x", "iotops", ()) == ()  # whole words only
    assert memo.classify(topics, "x", "\u212a", ()) == ("kelvin",)  # the Kelvin sign
    # re's case-insensitive matching is wider than str.lower(): dotless i matches i
    assert memo.classify(topics, "x", "\u0131ot", ()) == ("iot",) == topics.classify("x", "\u0131ot")
    assert memo.classify(topics, "x", "a", ("draft-k-iot",)) == ()  # '-' is part of a word
    assert memo.classify(topics, "x", "a", ("draft k IoT",)) == ("iot", "kelvin")


ZONES = [pytz.timezone("America/Montreal"), pytz.timezone("Asia/Tokyo"), pytz.utc]
SESSIONS = st.lists(st.tuples(
    st.sampled_from(["core", "tls", "dnsop", "6man"]), st.sampled_from(["", "a", "b"]),
    st.integers(0, 2), st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 2)),
    max_size=30)


@settings(max_examples=300, deadline=None)
@given(specs=SESSIONS)
def test_sort_sessions_equals_sorting_by_session_sort_key(
        specs: list[tuple[str, str, int, int | None, int]]) -> None:
    sessions = []
    for group, sid, day, slot, zone in specs:
        d = date(2018, 7, 16 + day)
        start = None
        if slot is not None:  # a new datetime object each time: equal instants, other objects
            start = ZONES[zone].localize(datetime(2018, 7, 16 + day, 8 + slot, 0))
        sessions.append(Session(102, sid, group, d, start))
    expected = sorted(sessions, key=session_sort_key)
    got = list(sessions)
    sort_sessions(got)
    assert [id(s) for s in got] == [id(s) for s in expected]


def test_prechecked_sessions_are_what_session_init_makes() -> None:
    """The readers make sessions without Session.__init__ (model.prechecked_session), so
    that constructor's checks are the oracle: every session loaded from the bundled
    meetings and from a generated file in the fast reader's layout (given and estimated
    ends, untimed sessions) passes them and equals the session __init__ makes of its
    fields; the cache gives the same sessions back."""
    import sys
    import tempfile
    from pathlib import Path

    from ietfplan.load import cache
    from ietfplan.load.catalog import Catalog
    from ietfplan.load.meetingfile import load_meeting, parse_meeting

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    try:
        from gen_meeting import generate
    finally:
        sys.path.pop(0)
    catalog = Catalog(user_dir=None)
    meetings = list(catalog.meetings)
    meetings.append(parse_meeting(generate(400), "gen.yaml", catalog.topics, fast=True))
    assert sum(len(m.sessions) for m in meetings) > 400
    for meeting in meetings:
        for session in meeting.sessions:
            assert Session(**vars(session)) == session
            assert list(vars(session)) == [name for name in Session.__dataclass_fields__]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.yaml"
        path.write_text(generate(300), encoding="utf-8")
        first = load_meeting(str(path), catalog.topics, Path(tmp) / "cache")
        again = cache.get(Path(tmp) / "cache", str(path), catalog.topics)
        assert again is not None and again.sessions == first.sessions
        assert all(Session(**vars(session)) == session for session in again.sessions)
