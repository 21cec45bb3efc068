"""Fuzzing the loader and the time parsers (hypothesis; short by default).

The loader may only ever raise IetfplanError (a message with a position for the user);
the parsers in timefmt only ValueError with a message.  Anything else is a crash that
would end in an internal error.  Set IETFPLAN_FUZZ_EXAMPLES for a longer run.
"""

from __future__ import annotations

import os
import re
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ietfplan import timefmt
from ietfplan.errors import IetfplanError
from ietfplan.load.meetingfile import parse_meeting
from ietfplan.load.topics import parse_topics
from ietfplan.model import TopicIndex

EXAMPLES = int(os.environ.get("IETFPLAN_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

HEADER = "meeting:\n  number: 102\n  city: Montreal\n  timezone: America/Montreal\n" \
         "  start: 2018-07-14\n  end: 2018-07-20\nsessions:\n"
FIELDS = ("group", "name", "date", "day", "time", "start", "end", "topics", "drafts", "links",
          "note", "id", "kind", "status", "room", "area", "tiem")
# Scalars people might write, and YAML-ish debris.
TOKENS = st.one_of(
    st.sampled_from(["09:30", "9.30", "0930", "13.50-15.20", "24:00", "25:61", "12:00-11:00",
                     "09:30 EDT/UTC-4", "09:30 UTC+2", "2018-07-18", "2018-02-30", "thursday",
                     "thrusday", "iot", "[iot, dns]", "{a: b}", "~", "null", "''", "&a x", "*a",
                     "!!int 5", "|", ">-", "- x", "[", "]", "{", "\"", "'", ":", "#", "\t", "\\"]),
    st.text(string.printable + "–—é\u202e\x00\ufeff", max_size=12),
)


def yaml_doc(draw: st.DrawFn) -> str:
    lines = [HEADER]
    for _ in range(draw(st.integers(0, 4))):
        keys = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=6))
        for i, key in enumerate(keys):
            lines.append(f"  {'-' if i == 0 else ' '} {key}: {draw(TOKENS)}\n")
    return "".join(lines)


meeting_docs = st.composite(yaml_doc)()


def loads_or_refuses(text: str, topics: TopicIndex) -> None:
    try:
        parse_meeting(text, "fuzz.yaml", topics)
    except IetfplanError as exc:
        assert exc.format()  # a message; IetfplanError is the only way to refuse


@FUZZ
@given(text=meeting_docs)
def test_meeting_loader_only_raises_user_errors(text: str, topics: TopicIndex) -> None:
    loads_or_refuses(text, topics)


@FUZZ
@given(text=st.text(max_size=300))
def test_meeting_loader_on_arbitrary_text(text: str, topics: TopicIndex) -> None:
    loads_or_refuses(text, topics)


@FUZZ
@given(text=st.text(max_size=200).map(lambda t: "topics:\n  - key: x\n    title: " + t))
def test_topics_loader_only_raises_user_errors(text: str) -> None:
    try:
        parse_topics(text, "topics.yaml")
    except IetfplanError as exc:
        assert exc.format()


PARSERS = [timefmt.parse_clock, timefmt.parse_time_range, timefmt.label_offsets,
           timefmt.parse_duration, timefmt.parse_weekday, timefmt.parse_iso_date]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@FUZZ
@given(text=st.one_of(TOKENS, st.text(max_size=40), st.from_regex(r"[0-9:.h –-]{1,14}[A-Z+0-9/-]{0,9}")))
def test_time_parsers_only_raise_value_error_with_a_message(parse, text: str) -> None:  # type: ignore[no-untyped-def]
    if parse is timefmt.parse_duration and re.search(r"\d{8}", text):
        return  # known overflow, see test_parse_duration_of_a_huge_number below
    try:
        parse(text)
    except ValueError as exc:
        assert str(exc)


def test_parse_duration_of_a_huge_number() -> None:
    with pytest.raises(ValueError, match="not a sensible duration"):
        timefmt.parse_duration("10000000000000m")
