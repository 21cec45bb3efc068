"""The fast reader of large meeting files (load/fastyaml.py) against PyYAML.

The rule it must keep: for any text, the fast reader either gives up (None) or gives
exactly the meeting the PyYAML reader gives; and whenever the PyYAML reader refuses a
file, the fast reader gives up, so every error message comes from the PyYAML reader.
"""

from __future__ import annotations

import json
import string
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ietfplan.errors import DataError
from ietfplan.load import fastyaml
from ietfplan.load.catalog import bundled_data_dir
from ietfplan.load.dump import dump_meeting
from ietfplan.load.meetingfile import SESSION_FIELDS, _parse_plain, parse_meeting
from ietfplan.model import Meeting, TopicIndex
from tests.test_fuzz import EXAMPLES, TOKENS

BENCH = Path(__file__).resolve().parents[1] / "bench"
HEADER = ("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
          "  start: 2018-07-14\n  end: 2018-07-20\n  default_duration: 1h\nsessions:\n")


def both(text: str, topics: TopicIndex) -> tuple[Meeting | None, Meeting | str]:
    """(the fast reader's meeting or None, the PyYAML reader's meeting or error text)."""
    fast = _parse_plain(text, "m.yaml", topics)
    try:
        slow: Meeting | str = parse_meeting(text, "m.yaml", topics, fast=False)
    except DataError as exc:
        slow = exc.format()
    return fast, slow


def agrees(text: str, topics: TopicIndex) -> Meeting | None:
    fast, slow = both(text, topics)
    if isinstance(slow, str):
        assert fast is None, f"the fast reader accepted a file PyYAML refuses: {slow}"
    elif fast is not None:
        assert fast == slow
        assert [s.line for s in fast.sessions] == [s.line for s in slow.sessions]
        assert fast.warnings == slow.warnings
    return fast


def session_file(*sessions: str) -> str:
    return HEADER + "".join(sessions)


def test_generated_big_file_is_read_fast_and_alike(topics: TopicIndex) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from gen_meeting import generate
    finally:
        sys.path.remove(str(BENCH))
    for days in (7, 31):
        assert agrees(generate(600, days=days), topics) is not None


def test_dumped_meetings_are_read_fast_and_alike(topics: TopicIndex) -> None:
    """What `ietfplan import` writes (double quotes, escapes, links) takes the fast path."""
    fixtures = Path(__file__).parent / "fixtures"
    paths = sorted(bundled_data_dir().glob("ietf*.yaml")) + sorted(fixtures.rglob("*.yaml"))
    read = 0
    for path in paths:
        try:
            m = parse_meeting(path.read_text(encoding="utf-8"), str(path), topics)
        except DataError:
            continue  # fixtures of bad files
        if not m.sessions:
            continue
        text = dump_meeting(m, "a comment")
        read += agrees(text, topics) is not None
    assert read >= 3


@pytest.mark.parametrize(("value", "expect"), [
    ("plain words", "plain words"),
    ("'single ''quoted'' # not a comment'", "single 'quoted' # not a comment"),
    ('"double: quoted, [not] a list"', "double: quoted, [not] a list"),
    ('"escapes \\"\\\\ \\t \\u00e9 \\n"', 'escapes "\\ \t é \n'),
    ("trailing spaces   ", "trailing spaces"),
    ("a:b and c#d", "a:b and c#d"),
    ("[red]x[/] stays text", None),   # a plain value may not start with '['
    ("x # a comment", None),
    ("key: value", None),
    ("ends with a colon:", None),
    ("~", None),
    ("null", None),
    ("''", None),
    ("&anchor x", None),
    ('"\\x41 is YAML-only"', None),
    ('"\\ud83d\\ude00 surrogates"', None),
    ('"unterminated', None),
])
def test_note_values(value: str, expect: str | None, topics: TopicIndex) -> None:
    text = session_file(f"  - group: dnsop\n    date: 2018-07-19\n    note: {value}\n")
    fast = agrees(text, topics)
    if expect is None:
        assert fast is None
    else:
        assert fast is not None and fast.sessions[0].note == expect.strip()


@pytest.mark.parametrize(("value", "expect"), [
    ("[iot, dns]", ("iot", "dnssec")),  # dns is an alias
    ('["iot", "dns"]', ("iot", "dnssec")),
    ("iot", ("iot",)),
    ("[]", ()),
    ("[iot,]", None),
    ("[iot, [dns]]", None),
    ("['iot']", None),
    ('["iot", dns]', None),
])
def test_topic_lists(value: str, expect: tuple[str, ...] | None, topics: TopicIndex) -> None:
    text = session_file(f"  - group: dnsop2\n    date: 2018-07-19\n    topics: {value}\n")
    fast = agrees(text, topics)
    if expect is None:
        assert fast is None
    else:
        assert fast is not None and fast.sessions[0].topics == expect


@pytest.mark.parametrize("layout", [
    "  - group: a\n    date: 2018-07-19\n\n  # a comment\n  - group: b\n    date: 2018-07-19\n",
    "- group: a\n  date: 2018-07-19\n- group: b\n  day: thursday\n",
    "  - group: a\n    date: 2018-07-19\n    links:\n      agenda: https://x/a\n"
    '      "minutes": "https://x/m"\n  - group: b\n    date: 2018-07-19\n',
])
def test_layouts_read_fast(layout: str, topics: TopicIndex) -> None:
    assert agrees(session_file(layout), topics) is not None


@pytest.mark.parametrize("layout", [
    "  - group: a\n    date: 2018-07-19\n      time: 10:00\n",              # over-indented
    "  - group: a\n   date: 2018-07-19\n",                                  # under-indented
    "  - group: a\n    date: 2018-07-19\n    group: b\n",                   # duplicate key
    "  - group: a\n    date: 2018-07-19\n    tiem: 10:00\n",                # unknown field
    "  - group: a\n    date: 2018-07-19\n    links:\n  - group: b\n    date: 2018-07-19\n",
    "  - group: a\n    date: 2018-07-19\n    links:\n      a: x\n        b: y\n",
    "  - group: a\n    date: 2018-07-19\n    links:\n      a: x\n      a: y\n",
    "  - group: a\n    date: 2018-07-19\n    note: |\n      block\n",
    "  - group: a\n    date: 2018-07-19\n    note: two\n      lines\n",
    "  - group: a\n    date: 2018-07-19\nextra: 1\n",
    "  - group: a\n    date: 2018-07-19\n---\n",
    "  - group: a\r\n    date: 2018-07-19\r\n",
    "  - group: a\n    date:\t2018-07-19\n",
    "  - group: a\n    date: 2018-07-19\n  - just text\n",
])
def test_layouts_left_to_pyyaml(layout: str, topics: TopicIndex) -> None:
    assert agrees(session_file(layout), topics) is None


def test_a_sessions_line_inside_a_quoted_header_value(topics: TopicIndex) -> None:
    text = ("meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n"
            '  start: 2018-07-14\n  end: 2018-07-20\n  note: "a note\nsessions:\n'
            '  - group: a"\nsessions:\n  - group: b\n    date: 2018-07-19\n')
    assert agrees(text, topics) is None


def test_bad_sessions_fall_back_with_the_pyyaml_message(topics: TopicIndex) -> None:
    text = session_file("  - group: a\n    date: 2018-07-19\n    time: 25:61\n")
    assert fastyaml.split_sessions(text, SESSION_FIELDS) is not None  # the layout is plain
    with pytest.raises(DataError) as err:
        parse_meeting(text, "m.yaml", topics, fast=True)
    assert "m.yaml:11:11" in err.value.format()


def test_bad_input_corpus_gives_the_same_result_either_way(topics: TopicIndex) -> None:
    corpus = Path(__file__).parent / "bad_inputs"
    cases = json.loads((corpus / "cases.json").read_text(encoding="utf-8"))
    compared = 0
    for case in cases:
        path = corpus / case.get("file", "-")
        if case["entry"] != "meeting" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError):
            continue
        agrees(text, topics)
        compared += 1
    assert compared >= 15


FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
WORDS = st.text(string.ascii_letters + string.digits + " -.,é–", min_size=1, max_size=14)
ODD = st.sampled_from(["\u2028", "\u2029", "\x85", "\ufeff", "\r", "\t", "\x7f", "\x00"])
RISKY = st.one_of(
    st.text(string.ascii_letters + " :#,-'\"[]{}&*!|>%@`~?\\", min_size=1, max_size=10),
    st.sampled_from(["a: b", "x #y", "a#b", "ends:", "~", "null", "'a''b'", '"a\\"b"', "''",
                     '"\\u00e9"', '"\\x41"', "[red]x[/]", '"[iot]"', "'q'", "- x", '""', "x  "]),
    TOKENS,
)
TEXT = st.one_of(WORDS, WORDS, WORDS, WORDS, RISKY, st.builds("{}{}{}".format, WORDS, ODD, WORDS))
OPTIONAL = {
    "name": TEXT, "note": TEXT, "room": TEXT, "area": TEXT, "source": TEXT,
    "time": st.sampled_from(["09:30", "9.30-11.00", "13:30-15:00 EDT/UTC-4", "'14:00'", '"15.50"',
                             "13:30 UTC-5", "24:00", "10:00-09:00", "soon",
                             # seconds (HH:MM:SS), right and wrong
                             "09:30:15", "9:30:15-11:00", "13:30-15:00:45 EDT/UTC-4", '"10:00:05"',
                             "'23:59:59'", "09:30:61", "09:30:15-09:30:10", "09.30.15", "09:30:5"]),
    "start": st.sampled_from(["10:00", "10:00:30", '"10:00:30 EDT"', "10:00:60", "10:00:30-11:00"]),
    "end": st.sampled_from(["11:00", "11:00:59", "'11:00:01'", "09:59:59"]),
    "topics": st.sampled_from(["[iot]", "[iot, dns]", '["tls"]', "iot", "[]", "[nope]", "[iot,]"]),
    "drafts": st.sampled_from(["[draft-ietf-core-x-00]", '["draft-a", "draft-b"]', "draft-c"]),
    "kind": st.sampled_from(["plenary", "social", "meeting"]),
    "status": st.sampled_from(["cancelled", "CANCELLED", "gone"]),
    "id": st.sampled_from(["x-1", "x-2", '"x-1"']),
}
PADS = ["    "] * 30 + ["   ", "     ", "\t  ", "      "]


@st.composite
def plain_layouts(draw: st.DrawFn) -> str:
    """Mostly valid sessions in the plain layout, with the odd value, key or indent wrong."""
    lines = [HEADER]
    for _ in range(draw(st.integers(1, 3))):
        group = draw(st.sampled_from(["core", "tls", "dnsop", "6man", "acme", "Suit"]))
        day = draw(st.sampled_from(["date: 2018-07-19", "day: thursday", "date: 2018-07-19",
                                    "day: sunday", "date: 2018-07-12"]))
        fields = [f"group: {group}", day]
        for key in draw(st.lists(st.sampled_from(sorted(OPTIONAL)), max_size=4, unique=True)):
            fields.append(f"{key}: {draw(OPTIONAL[key])}")
        if draw(st.integers(0, 19)) == 0:
            fields.append(draw(st.sampled_from(["tiem: 10:00", "group: again", "links:", "links: x",
                                                "start: 10:00"])))
        if draw(st.booleans()):
            fields[2:] = draw(st.permutations(fields[2:]))
        for i, field in enumerate(fields):
            lines.append(("  - " if i == 0 else draw(st.sampled_from(PADS))) + field + "\n")
            if field == "links:" and draw(st.booleans()):
                for name in draw(st.lists(st.sampled_from(['agenda', '"a b"', "x"]), max_size=2)):
                    lines.append(f"      {name}: {draw(TEXT)}\n")
        if draw(st.integers(0, 4)) == 0:
            lines.append(draw(st.sampled_from(["\n", "  # c\n", "#\n", "   \n"])))
    return "".join(lines)


@FUZZ
@given(text=plain_layouts())
def test_fast_reader_agrees_with_pyyaml(text: str, topics: TopicIndex) -> None:
    agrees(text, topics)


@FUZZ
@given(start=st.times(), length=st.integers(1, 3600), form=st.sampled_from(["time", "start"]),
       quote=st.sampled_from(["", "'", '"']))
def test_times_with_seconds_are_read_alike(start: time, length: int, form: str, quote: str,
                                           topics: TopicIndex) -> None:
    """Any HH:MM:SS start (and an end up to an hour later) reads the same both ways, to the second."""
    begin = datetime.combine(date(2018, 7, 19), start.replace(microsecond=0))
    end = begin + timedelta(seconds=length)
    if end.date() != begin.date():
        end = begin.replace(hour=23, minute=59, second=59)
    if end <= begin:
        return
    clock = "{:%H:%M:%S}".format
    if form == "time":
        fields = f"    time: {quote}{clock(begin)}-{clock(end)}{quote}\n"
    else:
        fields = f"    start: {quote}{clock(begin)}{quote}\n    end: {quote}{clock(end)}{quote}\n"
    fast = agrees(session_file("  - group: dnsop\n    date: 2018-07-19\n" + fields), topics)
    assert fast is not None
    (session,) = fast.sessions
    assert session.start is not None and session.end is not None
    zone = ZoneInfo("America/Montreal")
    assert session.start == begin.replace(tzinfo=zone) and session.end == end.replace(tzinfo=zone)
