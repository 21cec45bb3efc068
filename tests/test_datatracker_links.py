"""The links a session gets from agenda.json (what ``ietfplan import`` writes for it; the
import itself is tested in test_datatracker_import.py), one test per kind, against the Datatracker's rule as its code
writes it (ietf-tools/datatracker: ietf/meeting/models.py Session.notes_url,
chat_room_url, chat_archive_url, video_stream_url, onsite_tool_url, audio_stream_url;
ietf/settings.py CHAT_URL_PATTERN, IETF_NOTES_URL, MEETECHO_*_URL,
MEETING_DOC_LOCAL_HREFS, UTILS_MEETING_CONFERENCE_DOMAINS; ietf/meeting/urls.py
session_details; textfilters first_url/conference_url), for a session of IETF 115 and
one of IETF 108 (corpus) and of the self-written IETF 125 fixture.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dtserver import CORPUS, FIXTURES
from ietfplan.load.importers import datatracker_json
from ietfplan.load.importers.common import SourceEntry

# The rules, written here from the Datatracker's code (not imported from ietfplan).
SESSION_DETAILS = "https://datatracker.ietf.org/meeting/{number}/session/{acronym}/"
DOCUMENT = "https://datatracker.ietf.org/meeting/{number}/materials/{name}-{rev}"
ZULIP = "https://zulip.ietf.org/#narrow/stream/{room}"
JABBER_LOGS = "https://www.ietf.org/jabber/logs/{room}?C=M;O=D"
NOTES = "https://notes.ietf.org/notes-ietf-{number}-{fragment}"
VIDEO = "https://meetings.conf.meetecho.com/ietf{number}/?session={pk}"
ONSITE = "https://meetings.conf.meetecho.com/onsite{number}/?session={pk}"
AUDIO = "https://mp3.conf.meetecho.com/ietf{number}/{pk}.m3u"
CONFERENCE = re.compile(r"http[s]?://\S*(webex.com|zoom.us|jitsi.org|meetecho.com|gather.town)/")


def source(path: Path, acronym: str, index: int = 0) -> dict[str, Any]:
    (entries,) = json.loads(path.read_text(encoding="utf-8")).values()
    return [o for o in entries if o.get("objtype") == "session"
            and o["group"]["acronym"] == acronym][index]


@functools.cache
def _items(path: Path) -> dict[int, SourceEntry]:
    draft = datatracker_json.parse(path.read_text(encoding="utf-8"), str(path))
    return {int(i.datatracker_id): i for i in draft.items}


class Imported:
    """What the importer made of one session: its kind, status and links by name."""

    def __init__(self, item: SourceEntry) -> None:
        self.kind, self.status, self.link_map = item.kind, item.status, dict(item.links)
        self.links = item.links


def imported(path: Path, session_id: int) -> Imported:
    return Imported(_items(path)[session_id])


CASES = [
    pytest.param(115, CORPUS / "agenda_115.json", "dnsop", id="115-dnsop"),
    pytest.param(108, CORPUS / "agenda_108.json", "gendispatch", id="108-gendispatch"),
    pytest.param(125, FIXTURES / "ietf125-agenda.json", "dnsop", id="125-dnsop"),
]


def _case(number: int, path: Path, acronym: str) -> tuple[dict[str, Any], Imported]:
    if not path.is_file():
        pytest.skip("the corpus (../shared/corpus/calendars/ietfnext) is absent")
    obj = source(path, acronym)
    return obj, imported(path, obj["session_id"])


@pytest.mark.parametrize(("number", "path", "acronym"), CASES)
def test_materials_page(number: int, path: Path, acronym: str) -> None:
    _, s = _case(number, path, acronym)
    assert s.link_map["materials"] == SESSION_DETAILS.format(number=number, acronym=acronym)


@pytest.mark.parametrize(("number", "path", "acronym"), CASES)
def test_slides_agenda_minutes(number: int, path: Path, acronym: str) -> None:
    obj, s = _case(number, path, acronym)
    decks = sorted(obj.get("presentations", []), key=lambda p: p["order"])
    assert [url for name, url in s.links if name.startswith("slides ")] == [
        DOCUMENT.format(number=number, name=p["name"], rev=p["rev"]) for p in decks]
    assert s.link_map.get("agenda") == obj.get("agenda")
    assert s.link_map.get("minutes") == obj.get("minutes")


@pytest.mark.parametrize(("number", "path", "acronym"), CASES)
def test_chat_room(number: int, path: Path, acronym: str) -> None:
    _, s = _case(number, path, acronym)
    # CHAT_URL_PATTERN is Zulip since Datatracker 8.8.0 (2022-07-15); the XMPP rooms before
    # it are gone, and the Datatracker shows their chat_archive_url.  The meetings: 108 in
    # July 2020, 115 in November 2022, 125 in March 2026.
    if number < 114:
        assert s.link_map["chat log"] == JABBER_LOGS.format(room=acronym)
        assert "chat" not in s.link_map
    else:
        assert s.link_map["chat"] == ZULIP.format(room=acronym)
        assert "chat log" not in s.link_map


@pytest.mark.parametrize(("number", "path", "acronym"), CASES)
def test_shared_notes(number: int, path: Path, acronym: str) -> None:
    _, s = _case(number, path, acronym)
    assert s.link_map["notes"] == NOTES.format(number=number, fragment=acronym)  # uses_notes: >= 108


@pytest.mark.parametrize(("number", "path", "acronym"), CASES)
def test_meetecho_remote_onsite_audio(number: int, path: Path, acronym: str) -> None:
    obj, s = _case(number, path, acronym)
    if number >= 116:  # has_onsite_tool (2023-03-07): the session's pk in the URL
        pk = obj["session_id"]
        assert s.link_map["remote"] == VIDEO.format(number=number, pk=pk)
        assert s.link_map["onsite"] == ONSITE.format(number=number, pk=pk)
        assert s.link_map["audio"] == AUDIO.format(number=number, pk=pk)
    else:  # room URL templates, not in agenda.json: none is made up
        assert not {"remote", "onsite", "audio"} & set(s.link_map)


def test_online_conference_from_the_remote_instructions() -> None:
    paths = [FIXTURES / "ietf125-agenda.json"]
    expected_at_least = 1  # the fixture's hackathon
    if (CORPUS / "agenda_115.json").is_file():  # the corpus beside the project, when there
        paths.append(CORPUS / "agenda_115.json")
        expected_at_least = 2
    checked = 0
    for path in paths:
        (entries,) = json.loads(path.read_text(encoding="utf-8")).values()
        for obj in (o for o in entries if o.get("objtype") == "session"):
            s = imported(path, obj["session_id"])
            urls = re.findall(r"http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\(\),]|"
                              r"(?:%[0-9a-fA-F][0-9a-fA-F]))+", obj.get("remote_instructions") or "")
            note_urls = re.findall(r"https?://\S+", obj.get("agenda_note") or "")
            expected = urls[0] if urls and CONFERENCE.match(urls[0]) and not note_urls else None
            if obj["status"] == "canceled":
                expected = None
            assert s.link_map.get("conference") == expected, obj["session_id"]
            checked += expected is not None
    assert checked >= expected_at_least


def test_plenary_chat_and_notes_are_plenary() -> None:
    obj = source(FIXTURES / "ietf125-agenda.json", "ietf")
    s = imported(FIXTURES / "ietf125-agenda.json", obj["session_id"])
    assert s.kind == "plenary"
    assert s.link_map["chat"] == ZULIP.format(room="plenary")
    assert s.link_map["notes"] == NOTES.format(number=125, fragment="plenary")


def test_cancelled_sessions_get_no_live_links() -> None:
    obj = source(FIXTURES / "ietf125-agenda.json", "apn")
    s = imported(FIXTURES / "ietf125-agenda.json", obj["session_id"])
    assert s.status == "cancelled"
    assert not {"remote", "onsite", "audio", "conference"} & set(s.link_map)
    assert s.link_map["materials"] == SESSION_DETAILS.format(number=125, acronym="apn")


def test_odd_presentations_never_give_a_repr() -> None:
    from ietfplan.load.importers.dtlinks import slide_links

    decks = [{"name": "slides-125-x-a", "rev": "01", "title": {"not": "text"}, "order": 2},
             {"name": "slides-125-x-b", "rev": None, "title": "  Two\u000b words ", "order": "1"},
             {"title": "no name"}, "not a deck"]
    # an order that is not a number counts as 0; no rev, no "-rev"; no text title, the name
    assert slide_links(125, decks) == [
        ("slides 1: Two words", "https://datatracker.ietf.org/meeting/125/materials/slides-125-x-b"),
        ("slides 2: slides-125-x-a", DOCUMENT.format(number=125, name="slides-125-x-a", rev="01")),
    ]
    assert slide_links(125, "nope") == []
