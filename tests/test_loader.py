"""The meeting-file loader: time forms, raw scalar text, and every error with its position."""

from __future__ import annotations

import textwrap
from datetime import datetime, timezone
from pathlib import Path

import pytest

from ietfplan.errors import DataError, FileError
from ietfplan.load.meetingfile import load_meeting, parse_meeting
from ietfplan.model import TopicIndex

HEADER = """\
meeting:
  number: 102
  city: Montreal
  timezone: America/Montreal
  start: 2018-07-14
  end: 2018-07-20
sessions:
"""


def meeting(body: str, topics: TopicIndex, header: str = HEADER):  # type: ignore[no-untyped-def]
    return parse_meeting(header + textwrap.dedent(body), "m.yaml", topics)


def problems(body: str, topics: TopicIndex, header: str = HEADER) -> list[tuple[int, int, str, str]]:
    with pytest.raises(DataError) as info:
        meeting(body, topics, header)
    return [(p.line, p.column, p.message, p.hint) for p in info.value.problems]


@pytest.mark.parametrize("raw", ["9:30", "09:30", "09.30", "0930", "'09:30'", '"9.30"'])
def test_unquoted_times_are_read_from_their_text(raw: str, topics: TopicIndex) -> None:
    # Plain YAML would give 570 (sexagesimal) for 9:30 and 9.3 for 09.30.
    m = meeting(f"  - {{group: dnsop, date: 2018-07-18, start: {raw}}}\n", topics)
    assert m.sessions[0].start is not None
    assert m.sessions[0].start.strftime("%H:%M") == "09:30"


def test_13_50_is_ten_to_two(topics: TopicIndex) -> None:
    m = meeting("  - {group: dnsop, date: 2018-07-18, time: 13.50-15.20}\n", topics)
    s = m.sessions[0]
    assert (s.start and s.start.strftime("%H:%M"), s.end and s.end.strftime("%H:%M")) == ("13:50", "15:20")


def test_range_with_en_dash_and_label_gives_aware_times(topics: TopicIndex) -> None:
    m = meeting("  - {group: dmm, date: 2018-07-17, time: '09:30–12:00 EDT/UTC-4'}\n", topics)
    s = m.sessions[0]
    assert s.start == datetime(2018, 7, 17, 13, 30, tzinfo=timezone.utc)
    assert s.end == datetime(2018, 7, 17, 16, 0, tzinfo=timezone.utc)
    assert s.start is not None and s.start.utcoffset() is not None


def test_day_name_resolves_inside_meeting(topics: TopicIndex) -> None:
    m = meeting("  - {group: dmm, day: Tuesday, time: 09.30}\n", topics)
    assert str(m.sessions[0].date) == "2018-07-17"


def test_start_and_end_fields(topics: TopicIndex) -> None:
    m = meeting("  - {group: dmm, date: 2018-07-17, start: 9:30, end: 12:00}\n", topics)
    s = m.sessions[0]
    assert s.end is not None and s.start is not None
    assert (s.end - s.start).total_seconds() == 150 * 60


def test_default_duration_gives_estimated_end(topics: TopicIndex) -> None:
    header = HEADER.replace("end: 2018-07-20\n", "end: 2018-07-20\n  default_duration: 2h\n")
    m = meeting("  - {group: dnsop, date: 2018-07-18, time: 09.30}\n", topics, header)
    s = m.sessions[0]
    assert s.end_estimated and s.end is not None and s.end.strftime("%H:%M") == "11:30"


def test_no_time_means_unknown_not_midnight(topics: TopicIndex) -> None:
    m = meeting("  - {group: dnsop, date: 2018-07-19, note: evening}\n", topics)
    assert m.sessions[0].start is None and m.sessions[0].end is None


def test_topics_from_file_topics_yaml_and_keywords(topics: TopicIndex) -> None:
    m = meeting(
        """\
          - {group: 6lo, date: 2018-07-18, time: 09.30}
          - {group: xyz, name: Securing BGP things, date: 2018-07-18, time: 09.30, topics: [IoT]}
        """,
        topics,
    )
    by_group = {s.group: s.topics for s in m.sessions}
    assert by_group["6lo"] == ("ipv6", "iot")  # 6LO is in both topics
    assert by_group["xyz"] == ("iot", "manrs")  # file topic first, then keyword 'BGP'


def test_ids_are_stable_and_numbered_by_time(topics: TopicIndex) -> None:
    body = """\
      - {group: dnsop, date: 2018-07-19, time: 18.10}
      - {group: dnsop, date: 2018-07-18, time: 09.30}
    """
    first = [s.id for s in meeting(body, topics).sessions]
    again = [s.id for s in meeting(body, topics).sessions]
    assert first == again == ["102-dnsop-1", "102-dnsop-2"]
    assert meeting(body, topics).sessions[0].date.day == 18


# --- errors, each with its position -------------------------------------------------


def test_unknown_zone_did_you_mean(topics: TopicIndex) -> None:
    header = HEADER.replace("America/Montreal", "America/Montreall")
    [(line, col, msg, hint)] = problems("", topics, header)
    assert (line, col) == (4, 13)
    assert "America/Montreall" in msg and "America/Montreal" in hint


def test_unknown_weekday(topics: TopicIndex) -> None:
    [(line, col, msg, _)] = problems("  - {group: dmm, day: tusday, time: 09.30}\n", topics)
    assert (line, col) == (8, 21) and "did you mean 'tuesday'" in msg


def test_date_outside_meeting(topics: TopicIndex) -> None:
    [(line, col, msg, _)] = problems("  - {group: dmm, date: 2018-07-27, time: 09.30}\n", topics)
    assert (line, col) == (8, 22) and "outside the meeting" in msg


def test_end_before_start(topics: TopicIndex) -> None:
    [(line, col, msg, _)] = problems("  - {group: dmm, date: 2018-07-17, time: 12.00-09.30}\n", topics)
    assert (line, col) == (8, 40) and "before or when it starts" in msg


def test_label_contradicting_zone_names_both_offsets(topics: TopicIndex) -> None:
    [(line, _, msg, _)] = problems("  - {group: dmm, date: 2018-07-17, time: 09.30 EST}\n", topics)
    assert line == 8
    assert "UTC-5" in msg and "EDT (UTC-4)" in msg


def test_duplicate_keys_are_refused(topics: TopicIndex) -> None:
    body = """\
      - group: dmm
        date: 2018-07-17
        room: Van Horne
        room: Salon A
    """
    [(line, col, msg, _)] = problems(body, topics)
    assert (line, col) == (11, 3) and "duplicate key 'room'" in msg and "line 10" in msg


def test_unknown_field_did_you_mean(topics: TopicIndex) -> None:
    [(line, col, msg, hint)] = problems("  - {group: dmm, date: 2018-07-17, rooom: X}\n", topics)
    assert (line, col) == (8, 34) and "unknown field 'rooom'" in msg and "'room'" in hint


def test_wrong_types(topics: TopicIndex) -> None:
    found = problems("  - {group: [dmm], date: 2018-07-17}\n  - just a string\n", topics)
    assert any("group must be a single value" in p[2] for p in found)
    assert any("a session must be a mapping" in p[2] and p[0] == 9 for p in found)


def test_unknown_topic_did_you_mean(topics: TopicIndex) -> None:
    [(_, _, msg, hint)] = problems("  - {group: dmm, date: 2018-07-17, topics: [iott]}\n", topics)
    assert "unknown topic 'iott'" in msg and "'iot'" in hint


def test_all_problems_reported_not_just_the_first(topics: TopicIndex) -> None:
    body = """\
      - {group: dmm, date: 2018-07-40}
      - {group: suit, day: someday}
      - {group: lpwan, date: 2018-07-19, time: 25:61}
    """
    assert [p[0] for p in problems(body, topics)] == [8, 9, 10]


def test_billion_laughs_is_refused_without_expanding(topics: TopicIndex) -> None:
    # Nine layers of nine aliases: 9**9 strings if expanded.  The loader reads the
    # node graph and must reject it at once instead of walking it.
    layers = ["drafts: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    text = HEADER + "  - {group: dmm, date: 2018-07-17, " + layers[0] + "}\n"
    for i in range(1, 9):
        refs = ", ".join([f"*l{i - 1}"] * 9)
        text += f"  - {{group: g{i}, date: 2018-07-17, drafts: &l{i} [{refs}]}}\n"
    with pytest.raises(DataError) as info:
        parse_meeting(text, "bomb.yaml", topics)
    assert "an item of drafts must be a single value, not a list" in info.value.format()


def test_many_aliased_sessions_are_bounded(topics: TopicIndex) -> None:
    text = HEADER + "  - &s {group: dmm, date: 2018-07-17}\n" + "  - *s\n" * 500
    with pytest.raises(DataError) as info:
        parse_meeting(text, "aliases.yaml", topics)
    assert "too many YAML alias uses" in info.value.format()


def test_syntax_error_has_position(topics: TopicIndex) -> None:
    with pytest.raises(DataError) as info:
        parse_meeting("meeting:\n  number: 1\n   city: x\n", "bad.yaml", topics)
    p = info.value.problems[0]
    assert p.line == 3 and p.column > 0 and "YAML syntax" in p.message


def test_missing_file_and_directory_are_io_errors(tmp_path: Path, topics: TopicIndex) -> None:
    with pytest.raises(FileError, match="no such file"):
        load_meeting(str(tmp_path / "nope.yaml"), topics)
    with pytest.raises(FileError, match="is a directory"):
        load_meeting(str(tmp_path), topics)


def test_invalid_utf8_has_position(tmp_path: Path, topics: TopicIndex) -> None:
    p = tmp_path / "latin1.yaml"
    p.write_bytes(HEADER.encode() + "  - {group: dmm, room: Montr\xe9al}\n".encode("latin-1"))
    with pytest.raises(DataError) as info:
        load_meeting(str(p), topics)
    prob = info.value.problems[0]
    assert (prob.line, prob.column) == (8, 29) and "UTF-8" in prob.message


def test_error_format_shows_source_line_and_caret(tmp_path: Path, topics: TopicIndex) -> None:
    p = tmp_path / "m.yaml"
    p.write_text(HEADER + "  - {group: dmm, date: 2018-07-17, rooom: X}\n")
    with pytest.raises(DataError) as info:
        load_meeting(str(p), topics)
    text = info.value.format()
    assert text.splitlines()[0].startswith(f"{p}:8:36: error: unknown field 'rooom'")
    assert "    " + " " * 35 + "^" in text
    assert "hint: did you mean 'room'?" in text
