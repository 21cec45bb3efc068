"""The links the Datatracker shows for a session of an IETF meeting, built as it builds them.

Each function names the Datatracker code it follows (ietf-tools/datatracker, read at
ietf/meeting/models.py, ietf/settings.py, ietf/meeting/urls.py,
ietf/templates/meeting/session_buttons_include.html and
ietf/utils/templatetags/textfilters.py).  A link whose rule depends on the meeting's era
is only made where that rule applies; where the Datatracker takes a link from data that
agenda.json does not carry (a room's URL templates before IETF 116), none is made.

Link names (the keys of ``Session.links``), in the order ``show`` lists them:
``agenda``, ``minutes`` and ``slides N: TITLE`` (documents named by agenda.json),
``materials``, ``remote``, ``onsite``, ``audio``, ``conference``, ``chat``, ``chat log``,
``notes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

DATATRACKER = "https://datatracker.ietf.org"

# settings.CHAT_URL_PATTERN (Zulip, since Datatracker 8.8.0 of 2022-07-15; XMPP rooms
# before).  The XMPP rooms are gone: for a meeting before Zulip, the Datatracker shows the
# chat log (Session.chat_archive_url) only, and so does ietfplan.
CHAT_URL_PATTERN = "https://zulip.ietf.org/#narrow/stream/{chat_room_name}"
ZULIP_SINCE = date(2022, 7, 15)  # Session.chat_archive_url: "datatracker 8.8.0 released on 2022 July 15"
JABBER_LOG_PATTERN = "https://www.ietf.org/jabber/logs/{chat_room_name}?C=M;O=D"
IETF_NOTES_URL = "https://notes.ietf.org/"  # settings.IETF_NOTES_URL
FIRST_NOTES_MEETING = 108  # Meeting.uses_notes(): IETF meetings from 108 on
# settings.MEETECHO_*_URL, "instantiate with url.format(session=some_session)"; session.pk
# is agenda.json's session_id.
MEETECHO_ONSITE_TOOL_URL = "https://meetings.conf.meetecho.com/onsite{number}/?session={session_id}"
MEETECHO_VIDEO_STREAM_URL = "https://meetings.conf.meetecho.com/ietf{number}/?session={session_id}"
MEETECHO_AUDIO_STREAM_URL = "https://mp3.conf.meetecho.com/ietf{number}/{session_id}.m3u"
# Session.has_onsite_tool, which the MEETECHO_* links need, came with the Datatracker's
# migration meeting/0002-0003 of 2023-03-07; IETF 116 (2023-03-25) is the first meeting
# that had it.  Before, the links were URL templates stored with each room in the
# Datatracker's database (Room.urlresource), which agenda.json does not carry.
FIRST_MEETECHO_SESSION_MEETING = 116
# SessionForm gives has_onsite_tool the default group.features.acts_like_wg; agenda.json
# does not say the flag, so the group types that act like working groups stand for it,
# and plenaries (which the Meetecho rooms always carried).
ONSITE_TOOL_GROUP_TYPES = ("wg", "rg", "ag", "rag", "edwg")
# settings.UTILS_MEETING_CONFERENCE_DOMAINS, for the conference_url template filter.
CONFERENCE_DOMAINS = ("webex.com", "zoom.us", "jitsi.org", "meetecho.com", "gather.town")
# textfilters.first_url and textfilters.conference_url, as written there.
_FIRST_URL = re.compile(r"http[s]?://(?:[a-zA-Z]|[0-9]|[$-_@.&+]|[!*\(\),]|(?:%[0-9a-fA-F][0-9a-fA-F]))+")
_CONFERENCE = re.compile(r"http[s]?://\S*({})/".format("|".join(CONFERENCE_DOMAINS)))

LINK_ORDER = ("agenda", "minutes", "slides", "materials", "remote", "onsite", "audio",
              "conference", "chat", "chat log", "notes")
# The link lines of the Datatracker's agenda.ics (ietf/templates/meeting/agenda.ics, for
# agenda_ical) → the LINK_ORDER name agenda.json gives the same address under
# (Session.onsite_tool_url, video_stream_url, session_details), '' where it gives none
# (the room's Webex URL, the schedule row).  ics.py names each line ``ics_link_name``.
ICS_LINK_LINES = {"Onsite tool": "onsite", "Meetecho": "remote", "Webex": "",
                  "Session materials": "materials", "See in schedule": ""}
# Links that name the session's slot (the schedule row's anchor, #row-sat-0900-hackathon):
# a re-import that cannot give them keeps them only while the session has not moved.
TIME_BOUND_LINKS = frozenset({"see-in-schedule"})
# What `ietfplan open --KIND` opens: the first of these names a session has.
OPEN_KINDS = {
    "remote": ("remote", "conference"),
    "chat": ("chat", "chat log"),
    "notes": ("notes",),
    "materials": ("materials",),
    "agenda": ("agenda",),
    "slides": ("slides",),
    "minutes": ("minutes",),
    "onsite": ("onsite",),
}


@dataclass(frozen=True)
class SessionFacts:
    """What agenda.json says about one session that its links depend on."""

    number: int
    acronym: str
    kind: str  # ietfplan's kind: 'plenary' for the Datatracker's plenary sessions
    group_type: str
    session_id: int | None
    meeting_date: date  # the meeting's first day (Meeting.date)
    cancelled: bool = False
    agenda_note: str = ""
    remote_instructions: str = ""


def first_url(text: str) -> str:
    """textfilters.first_url: the first http(s) URL in ``text``, '' when none."""
    found = _FIRST_URL.findall(text)
    return found[0] if found else ""


def conference_url(url: str) -> str:
    """textfilters.conference_url: ``url`` when it is on a conference service, else ''."""
    return url if url and _CONFERENCE.match(url) else ""


def chat_room_name(facts: SessionFacts) -> str:
    """Session.chat_room_name: 'plenary' for a plenary, else the group's acronym."""
    return "plenary" if facts.kind == "plenary" else facts.acronym


def notes_url(facts: SessionFacts) -> str:
    """Session.notes_url (urljoin(IETF_NOTES_URL, notes_id())), where Meeting.uses_notes()."""
    if facts.number < FIRST_NOTES_MEETING:
        return ""
    fragment = "plenary" if facts.kind == "plenary" else facts.acronym
    return f"{IETF_NOTES_URL}notes-ietf-{facts.number}-{fragment}"


def chat_url(facts: SessionFacts) -> str:
    """Session.chat_room_url (CHAT_URL_PATTERN), for meetings since Zulip."""
    if facts.meeting_date <= ZULIP_SINCE:
        return ""
    return CHAT_URL_PATTERN.format(chat_room_name=chat_room_name(facts))


def chat_log_url(facts: SessionFacts) -> str:
    """Session.chat_archive_url for meetings before Zulip (later, Zulip is its own archive)."""
    if facts.meeting_date > ZULIP_SINCE:
        return ""
    return JABBER_LOG_PATTERN.format(chat_room_name=chat_room_name(facts))


def materials_url(facts: SessionFacts, base: str = DATATRACKER) -> str:
    """The session's page, ietf.meeting.views.session_details at
    ``meeting/<num>/session/<acronym>/`` (ietf/meeting/urls.py)."""
    if not re.fullmatch(r"[-a-z0-9]+", facts.acronym):
        return ""
    return f"{base}/meeting/{facts.number}/session/{facts.acronym}/"


def document_url(number: int, name: str, rev: str, base: str = DATATRACKER) -> str:
    """A meeting document (agenda, minutes, slides): settings.MEETING_DOC_LOCAL_HREFS,
    ``/meeting/{meeting.number}/materials/{doc.name}-{doc.rev}``."""
    return f"{base}/meeting/{number}/materials/{name}-{rev}" if rev else f"{base}/meeting/{number}/materials/{name}"


def has_onsite_tool(facts: SessionFacts) -> bool:
    return facts.group_type.lower() in ONSITE_TOOL_GROUP_TYPES or facts.kind == "plenary"


def meetecho_urls(facts: SessionFacts) -> list[tuple[str, str]]:
    """Session.video_stream_url, onsite_tool_url and audio_stream_url: for an IETF
    meeting's session with has_onsite_tool, from IETF 116 on (see above)."""
    if (facts.number < FIRST_MEETECHO_SESSION_MEETING or facts.session_id is None
            or not has_onsite_tool(facts)):
        return []
    values = {"number": facts.number, "session_id": facts.session_id}
    return [("remote", MEETECHO_VIDEO_STREAM_URL.format(**values)),
            ("onsite", MEETECHO_ONSITE_TOOL_URL.format(**values)),
            ("audio", MEETECHO_AUDIO_STREAM_URL.format(**values))]


def online_conference_url(facts: SessionFacts) -> str:
    """session_buttons_include.html's "Online conference": the first URL of the agenda
    note if it is a conference URL, else that of the remote instructions."""
    return (conference_url(first_url(facts.agenda_note))
            or conference_url(first_url(facts.remote_instructions)))


def derived_links(facts: SessionFacts) -> list[tuple[str, str]]:
    """The links of one session the Datatracker builds (not the documents it names)."""
    out: list[tuple[str, str]] = []
    if materials := materials_url(facts):
        out.append(("materials", materials))
    if not facts.cancelled:
        out.extend(meetecho_urls(facts))
        if conference := online_conference_url(facts):
            out.append(("conference", conference))
    if facts.acronym:
        if chat := chat_url(facts):
            out.append(("chat", chat))
        if log := chat_log_url(facts):
            out.append(("chat log", log))
        if notes := notes_url(facts):
            out.append(("notes", notes))
    return out


def slide_links(number: int, presentations: Any) -> list[tuple[str, str]]:
    """``slides N: TITLE`` → document URL for agenda.json's ``presentations``, in order."""
    if not isinstance(presentations, list):
        return []
    decks = [p for p in presentations if isinstance(p, dict) and isinstance(p.get("name"), str)]
    decks.sort(key=_order)
    out: list[tuple[str, str]] = []
    for position, deck in enumerate(decks, 1):
        raw_title = deck.get("title")
        title = " ".join((raw_title if isinstance(raw_title, str) and raw_title.strip()
                          else deck["name"]).split())
        rev = deck.get("rev")
        out.append((f"slides {position}: {title}",
                    document_url(number, deck["name"], rev if isinstance(rev, str) else "")))
    return out


def _order(deck: dict[str, Any]) -> int:
    order = deck.get("order")
    return order if isinstance(order, int) else 0


def ics_link_name(line: str) -> str:
    """The link name of an agenda.ics link line: ``Session materials`` → ``session-materials``."""
    return line.lower().replace(" ", "-")


def link_kind(name: str) -> str:
    """The kind of a link name: ``slides 3: Chairs`` → ``slides``."""
    return "slides" if name.startswith("slides ") else name


def pick_link(links: tuple[tuple[str, str], ...], kind: str) -> tuple[str, str] | None:
    """The first link of a session for ``open --KIND``."""
    for wanted in OPEN_KINDS.get(kind, (kind,)):
        for name, url in links:
            if link_kind(name) == wanted:
                return name, url
    return None


# Where the Datatracker's formats point for the same meeting document (agenda, minutes,
# slides), each built by different code of ietf-tools/datatracker:
# - agenda.csv: ``agenda_csv.agenda_field`` (and ``slides_field``) in ietf/meeting/views.py,
#   ``http://www.ietf.org/proceedings/{meeting.number}/agenda/{agenda.uploaded_filename}``,
#   the upload's file name ``{doc.name}-{doc.rev}{ext}`` (``filename_with_rev``);
# - agenda.json: ``DocumentInfo.get_href`` (ietf/doc/models.py, ``_get_ref`` with
#   settings.MEETING_DOC_HREFS): ``/meeting/{number}/materials/{doc.name}-{doc.rev}``
#   on the Datatracker, or ``https://www.ietf.org/proceedings/{number}/agenda/{doc.name}-{doc.rev}``
#   (MEETING_DOC_CDN_HREFS);
# - agenda.ics: ``DocumentInfo.get_versionless_href`` (settings.MEETING_DOC_GREFS, also
#   MEETING_DOC_OLD_HREFS before IETF 97): ``/meeting/{number}/materials/{doc.name}``,
#   the current revision, whichever it is.
_IETF_HOSTS = ("datatracker.ietf.org", "www.ietf.org", "ietf.org")
_MATERIALS_PATH = re.compile(r"^/meeting/(\d+)/materials/([^/]+?)/?$")
_PROCEEDINGS_PATH = re.compile(r"^/proceedings/(\d+)/(?:agenda|minutes|narrative-minutes|slides)/([^/]+)$")
# settings.MEETING_VALID_UPLOAD_EXTENSIONS of agendas, minutes and slides
_UPLOAD_EXTENSION = re.compile(r"\.(?:txt|html?|md|pdf|docx?|pptx?)$", re.I)
_REVISION = re.compile(r"^(.+)-(\d{2})$")  # doc.rev: two digits ('00', '01', ...)


@dataclass(frozen=True)
class DocumentRef:
    """A meeting document a Datatracker link points at: meeting, document name and
    revision ('' for the versionless link, which means the current revision)."""

    number: int
    name: str
    rev: str


def document_ref(url: str) -> DocumentRef | None:
    """The document ``url`` points at when it is one of the Datatracker's links to meeting
    materials (see above), else None."""
    from urllib.parse import unquote, urlsplit

    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or (parts.hostname or "") not in _IETF_HOSTS:
        return None
    if parts.query or parts.fragment:
        return None
    path = unquote(parts.path)
    found = _MATERIALS_PATH.match(path) or _PROCEEDINGS_PATH.match(path)
    if found is None:
        return None
    name = _UPLOAD_EXTENSION.sub("", found.group(2))
    revision = _REVISION.match(name)
    if revision is not None:
        return DocumentRef(int(found.group(1)), revision.group(1), revision.group(2))
    return DocumentRef(int(found.group(1)), name, "")


def same_document(old: str, new: str) -> bool:
    """Whether two links show the user the same document: the same URL, or the
    Datatracker's links to the same meeting document in different formats' conventions
    (a versionless link is the same as any revision of its document; two revisions that
    differ are different documents)."""
    if old.strip() == new.strip():
        return True
    before, after = document_ref(old), document_ref(new)
    if before is None or after is None:
        return False
    return (before.number, before.name) == (after.number, after.name) and (
        not before.rev or not after.rev or before.rev == after.rev)
