"""Bad input: a clear message with its position, and no meeting file written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ietfplan.errors import DataError, FileError, IetfplanError, UsageError
from import_helpers import DT, run


def fails(tmp_path: Path, name: str, text: str | bytes, **kwargs: object) -> IetfplanError:
    src = tmp_path / name
    if isinstance(text, bytes):
        src.write_bytes(text)
    else:
        src.write_text(text, encoding="utf-8")
    out = tmp_path / "out.yaml"
    with pytest.raises(IetfplanError) as exc:
        run(src, output=str(out), **kwargs)
    assert not out.exists(), "a failed import must not write a meeting file"
    assert not list(tmp_path.glob(".out.yaml.*")), "no temp file left behind"
    return exc.value


def first(exc: IetfplanError) -> tuple[str, int, int, str]:
    p = exc.problems[0]
    return p.message, p.line, p.column, p.hint


def test_truncated_json(tmp_path):
    text = (DT / "ietf102-agenda.json").read_text(encoding="utf-8")
    cut = text[: len(text) // 2]
    exc = fails(tmp_path, "agenda.json", cut)
    message, line, column, hint = first(exc)
    assert isinstance(exc, DataError) and message.startswith("not valid JSON")
    assert line == cut.count("\n") + 1 and column > 0 and "cut short" in hint


def test_json_that_is_not_an_agenda(tmp_path):
    exc = fails(tmp_path, "x.json", '[{"a": 1}]')
    assert "not a Datatracker agenda.json" in first(exc)[0] and '"102"' in first(exc)[3]


def json_with(index: int, key: str, value: str) -> tuple[str, str]:
    """The agenda.json fixture with one session field changed; and that session's id line."""
    data = json.loads((DT / "ietf102-agenda.json").read_text(encoding="utf-8"))
    data["102"][index][key] = value
    return json.dumps(data, indent=2, sort_keys=True), f'"id": {data["102"][index]["id"]},'


def test_json_session_with_a_bad_duration_names_the_session_and_its_line(tmp_path):
    text, id_line = json_with(3, "duration", "two hours")
    message, line, _, _ = first(fails(tmp_path, "agenda.json", text))
    assert "session 4 (dmm)" in message and "two hours" in message
    assert text.splitlines()[line - 1].strip() == id_line


def test_csv_with_missing_columns(tmp_path):
    exc = fails(tmp_path, "agenda.csv", '"Date","Start","End","Sesion","Room","Acronym"\r\n'
                '"2018-07-17","0930","1200","Tuesday Session I","Van Horne","dmm"\r\n')
    message, line, column, hint = first(exc)
    assert "missing column(s) Session, Description" in message and (line, column) == (1, 1)
    assert "did you mean 'Session'" in hint


def test_csv_bad_time_has_line_and_column(tmp_path):
    lines = (DT / "ietf102-agenda.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].replace('"1330"', '"13h3"', 1)
    exc = fails(tmp_path, "agenda.csv", "".join(lines))
    message, line, column, _ = first(exc)
    assert message == "Start '13h3' is not a time like 0930 (HHMM)"
    assert line == 5 and lines[4][column - 1:].startswith('"13h3"')


def test_csv_cut_short_in_a_row(tmp_path):
    text = (DT / "ietf102-agenda.csv").read_text(encoding="utf-8")
    cut = text[: text.index('"Van Horne"')]
    exc = fails(tmp_path, "agenda.csv", cut)
    message, line, _, hint = first(exc)
    assert "fields, the header has 12" in message and line == cut.count("\n") + 1 - (cut.endswith("\n"))
    assert "cut short" in hint


def test_ics_without_events(tmp_path):
    exc = fails(tmp_path, "a.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n",
                meeting=102)
    assert first(exc)[0] == "the calendar has no events (no VEVENT)"


def test_ics_cut_short(tmp_path):
    text = (DT / "ietf102-agenda.ics").read_text(encoding="utf-8")
    exc = fails(tmp_path, "a.ics", text[: len(text) // 2])
    assert "END:VCALENDAR is missing" in first(exc)[0]


def test_ics_event_without_dtstart_points_at_the_event_under_strict(tmp_path):
    """Without --strict the other events import (tests/test_ics_import.py); --strict refuses
    the file and names the event by its line, summary and UID."""
    text = ("BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:a\nSUMMARY:ok\nDTSTART:20180718T133000Z\n"
            "END:VEVENT\nBEGIN:VEVENT\nUID:b\nSUMMARY:No start\nEND:VEVENT\nEND:VCALENDAR\n")
    exc = fails(tmp_path, "a.ics", text, meeting=102, strict=True)
    message, line, _, _ = first(exc)
    assert message == "'No start' (UID b) not imported: it has no DTSTART (a start is required)" and line == 8


def test_isoc_list_that_mentions_several_meetings(tmp_path):
    exc = fails(tmp_path, "l.txt", "IETF 101 and IETF 102\nTuesday, 17 July 2018\n  • Foo (foo) @ 09.30 UTC-4\n")
    assert "(it mentions IETF 101, IETF 102)" in first(exc)[0] and "--meeting" in first(exc)[3]


def test_a_date_years_away_is_refused_with_its_position(tmp_path):
    text, id_line = json_with(2, "start", "2031-07-16T17:30:00Z")
    message, line, _, hint = first(fails(tmp_path, "agenda.json", text))
    assert message == "sidrops on 2031-07-16: not a plausible meeting date" and "year" in hint
    assert text.splitlines()[line - 1].strip() == id_line


def test_a_date_far_from_the_rest_is_refused(tmp_path):
    lines = (DT / "ietf102-agenda.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[6] = lines[6].replace('"2018-07-17"', '"2018-09-17"', 1)
    exc = fails(tmp_path, "agenda.csv", "".join(lines))
    message, line, _, _ = first(exc)
    assert message.startswith("dmm on 2018-09-17 is 61 days from the rest of the agenda") and line == 7


def test_isoc_heading_with_the_wrong_weekday(tmp_path):
    exc = fails(tmp_path, "l.txt", "IETF 102\n\nMonday, 17 July 2018\n  • Foo (foo) @ 09.30 UTC-4\n")
    assert first(exc)[:2] == ("'Monday, 17 July 2018': 17 July 2018 is a Tuesday, not a Monday", 3)
    assert len(exc.problems) == 1  # the session under it is not reported again


def test_isoc_label_that_disagrees_with_the_zone(tmp_path):
    text = "IETF 102\nTuesday, 17 July 2018\n  • Foo (foo) – Van Horne @ 09.30-12.00 EST\n"
    exc = fails(tmp_path, "l.txt", text)
    message, line, column, _ = first(exc)
    assert "the label 'EST' means UTC-5" in message and "EDT (UTC-4)" in message
    assert line == 3 and text.splitlines()[2][column - 1:].startswith("09.30")


@pytest.mark.parametrize(("text", "expected"), [
    ("IETF 102\n  • Foo (foo) @ 09.30 UTC-4\nTuesday, 17 July 2018\n  • Bar (bar) @ 10.30 UTC-4\n",
     "a session before any date heading"),
    ("IETF 102\nTuesday, 17 July 2018\n  • Foo (foo – Room @ 09.30 UTC-4\n", "cannot read this session line"),
    ("IETF 102\nTuesday, 17 July 2018\n  • Foo (foo) – Room @ 9.3o UTC-4\n", "'9.3o UTC-4' is not a time"),
    ("IETF 102\nTuesday, 17 July 2018\n  • Foo (foo) @ 25.30 UTC-4\n", "'25.30' is not a time of day"),
])
def test_isoc_bad_lines(tmp_path, text, expected):
    exc = fails(tmp_path, "l.txt", text)
    assert expected in first(exc)[0]


def test_html_instead_of_an_agenda(tmp_path):
    exc = fails(tmp_path, "agenda.json", "<!DOCTYPE html>\n<html><body>Agenda</body></html>")
    assert first(exc)[0] == "this is a web page (HTML), not an agenda" and "agenda.json" in first(exc)[3]


def test_unknown_content(tmp_path):
    exc = fails(tmp_path, "notes.json", "hello\nworld\n")
    assert "cannot tell what format" in first(exc)[0] and "name says json" in first(exc)[3]


def test_not_utf8(tmp_path):
    exc = fails(tmp_path, "agenda.csv", '"Date","Start"\r\n"Caf\xe9"\r\n'.encode("latin-1"))
    assert isinstance(exc, DataError) and first(exc)[1:3] == (2, 5)


def test_meeting_number_that_contradicts_the_source(tmp_path):
    exc = fails(tmp_path, "a.json", (DT / "ietf102-agenda.json").read_text(encoding="utf-8"), meeting=103)
    assert isinstance(exc, UsageError) and "agenda of IETF 102, not IETF 103" in first(exc)[0]


def test_unknown_meeting_without_a_zone(tmp_path):
    text = (DT / "ietf102-agenda.json").read_text(encoding="utf-8").replace('"102"', '"150"', 1)
    exc = fails(tmp_path, "a.json", text)
    assert "does not say which time zone IETF 150 is in" in first(exc)[0] and "--timezone" in first(exc)[3]


def test_bad_timezone_option_gets_did_you_mean(tmp_path):
    exc = fails(tmp_path, "a.json", (DT / "ietf102-agenda.json").read_text(encoding="utf-8"),
                timezone="America/Montreall")
    assert "America/Montreal" in first(exc)[3]


def test_an_existing_file_that_is_not_a_meeting_is_not_replaced(tmp_path):
    out = tmp_path / "notes.yaml"
    out.write_text("my: notes\n", encoding="utf-8")
    with pytest.raises(FileError, match="not a meeting file ietfplan can read; not replacing it"):
        run(DT / "ietf102-agenda.json", output=str(out))
    assert out.read_text(encoding="utf-8") == "my: notes\n"
    assert not (tmp_path / "notes.yaml.bak").exists()


def test_a_failed_reimport_leaves_the_previous_file_alone(tmp_path):
    out = tmp_path / "ietf102.yaml"
    run(DT / "ietf102-agenda.json", output=str(out))
    before = out.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text((DT / "ietf102-agenda-v2.json").read_text(encoding="utf-8")[:3000], encoding="utf-8")
    with pytest.raises(DataError):
        run(bad, output=str(out))
    assert out.read_bytes() == before and not (tmp_path / "ietf102.yaml.bak").exists()
