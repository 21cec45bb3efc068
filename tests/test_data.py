"""The bundled data says exactly what the ISOC posts say: no more, no less."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from ietfplan.load.catalog import Catalog
from ietfplan.model import Meeting, Session

# (meeting, group, local date, local start or None, UTC start or None) — from the posts.
SEED_FACTS = [
    (102, "6man", "2018-07-16", "09:30", "13:30"),
    (102, "tls", "2018-07-16", None, None),
    (102, "sidrops", "2018-07-16", None, None),
    (102, "dmm", "2018-07-17", "09:30", "13:30"),
    (102, "6man", "2018-07-17", "09:30", "13:30"),
    (102, "dnsop", "2018-07-18", "09:30", "13:30"),
    (102, "suit", "2018-07-18", "09:30", "13:30"),
    (102, "lpwan", "2018-07-19", "09:30", "13:30"),
    (102, "v6ops", "2018-07-19", "13:30", "17:30"),
    (102, "dnsop", "2018-07-19", None, None),
    (102, "v6ops", "2018-07-20", None, None),
    (101, "tls", "2018-03-21", "09:30", "09:30"),
    (101, "lpwan", "2018-03-21", "09:30", "09:30"),
    (101, "roll", "2018-03-22", "09:30", "09:30"),
    (101, "doh", "2018-03-22", "13:30", "13:30"),
    (101, "6lo", "2018-03-22", "13:30", "13:30"),
    (101, "homenet", "2018-03-23", "09:30", "09:30"),
    (101, "roll", "2018-03-23", "09:30", "09:30"),
]


@pytest.fixture(scope="module")
def meetings() -> dict[int, Meeting]:
    return {m.number: m for m in Catalog(user_dir=None).meetings}


def _key(s: Session) -> tuple[int, str, str, str | None, str | None]:
    local = s.start.strftime("%H:%M") if s.start else None
    utc = s.start.astimezone(timezone.utc).strftime("%H:%M") if s.start else None
    return (s.meeting, s.group, s.date.isoformat(), local, utc)


def test_every_seed_fact_and_nothing_else(meetings: dict[int, Meeting]) -> None:
    found = sorted(_key(s) for m in meetings.values() for s in m.sessions)
    assert found == sorted(SEED_FACTS, key=lambda f: (f[0], f[1], f[2], f[3] or "", f[4] or ""))


def test_meetings_zones_and_dates(meetings: dict[int, Meeting]) -> None:
    m101, m102 = meetings[101], meetings[102]
    assert (m101.city, m101.timezone, str(m101.start), str(m101.end)) == (
        "London", "Europe/London", "2018-03-17", "2018-03-23")
    assert (m102.city, m102.timezone, str(m102.start), str(m102.end)) == (
        "Montreal", "America/Montreal", "2018-07-14", "2018-07-20")


def test_lpwan_ietf102_instant(meetings: dict[int, Meeting]) -> None:
    lpwan = meetings[102].sessions_of("lpwan")[0]
    assert lpwan.start == datetime(2018, 7, 19, 13, 30, tzinfo=timezone.utc)
    assert lpwan.start is not None and lpwan.start.tzname() == "EDT"
    assert lpwan.drafts == (
        "draft-petrov-lpwan-ipv6-schc-over-lorawan-02", "draft-zuniga-lpwan-schc-over-sigfox-03")


def test_tls_ietf101_is_gmt(meetings: dict[int, Meeting]) -> None:
    tls = meetings[101].sessions_of("tls")[0]
    assert tls.start == datetime(2018, 3, 21, 9, 30, tzinfo=timezone.utc)
    assert tls.start is not None and tls.start.tzname() == "GMT"


def test_only_dmm_has_a_room_and_an_end(meetings: dict[int, Meeting]) -> None:
    with_room = [(s.group, s.room) for m in meetings.values() for s in m.sessions if s.room]
    with_end = [(s.group, s.end.strftime("%H:%M")) for m in meetings.values() for s in m.sessions if s.end]
    assert with_room == [("dmm", "Van Horne")]
    assert with_end == [("dmm", "12:00")]


def test_every_session_names_its_source(meetings: dict[int, Meeting]) -> None:
    for m in meetings.values():
        for s in m.sessions:
            assert s.source.startswith("ISOC blog"), s.id


def test_posts_words_kept_as_notes(meetings: dict[int, Meeting]) -> None:
    m102 = meetings[102]
    assert "will continue on Thursday evening" in m102.sessions_of("dnsop")[0].note
    assert "will continue on Friday morning" in m102.sessions_of("v6ops")[0].note
    assert "Ambiguous" in m102.sessions_of("6man")[1].note


@pytest.mark.parametrize(
    ("topic", "groups_102"),
    [
        ("iot", {"suit", "lpwan"}),
        ("ipv6", {"6man", "dmm", "lpwan", "v6ops"}),
        ("dnssec", {"dnsop"}),
        ("manrs", {"sidrops"}),
        ("tls", {"tls"}),
        ("trust", {"tls"}),
    ],
)
def test_topics_of_the_bundled_sessions(meetings: dict[int, Meeting], topic: str, groups_102: set[str]) -> None:
    assert {s.group for s in meetings[102].sessions if topic in s.topics} == groups_102
