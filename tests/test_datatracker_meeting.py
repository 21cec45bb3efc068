"""The meeting record (the Datatracker's meeting API answer): parsed, or one clear error."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dtserver import CORPUS
from ietfplan.errors import DataError, FileError
from ietfplan.load.importers.datatracker_meeting import parse_record

URL = "http://127.0.0.1/api/v1/meeting/meeting/?number=125&format=json"


def answer(*objects: dict[str, object]) -> str:
    return json.dumps({"meta": {"total_count": len(objects)}, "objects": list(objects)})


GOOD = {"number": "125", "city": "Shenzhen", "country": "CN", "time_zone": "Asia/Shanghai",
        "date": "2026-03-14", "days": 7}


def test_a_record() -> None:
    r = parse_record(answer(GOOD), URL, 125)
    assert (r.city, r.country, r.timezone, r.start, r.end) == (
        "Shenzhen", "CN", "Asia/Shanghai", date(2026, 3, 14), date(2026, 3, 20))


@pytest.mark.skipif(not (CORPUS / "meetings.json").is_file(), reason="the corpus is absent")
def test_every_record_of_the_real_meeting_list() -> None:
    text = (CORPUS / "meetings.json").read_text(encoding="utf-8")
    for obj in json.loads(text)["objects"]:
        r = parse_record(text, "meetings.json", int(obj["number"]))
        assert r.start == date.fromisoformat(obj["date"])
        assert (r.end - r.start).days == obj["days"] - 1


@pytest.mark.parametrize(("text", "error", "message"), [
    (answer(), FileError, "the Datatracker does not know IETF 125"),
    (answer({**GOOD, "number": "124"}), FileError, "does not know IETF 125"),
    ("<!DOCTYPE html><html>", FileError, "HTML page"),
    ('{"objects": ', DataError, "not valid JSON"),
    ('{"meta": {}}', DataError, "no 'objects' list"),
    (answer({**GOOD, "time_zone": "Mars/Olympus"}), DataError, "unknown time zone 'Mars/Olympus'"),
    (answer({k: v for k, v in GOOD.items() if k != "date"}), DataError, "no 'date'"),
    (answer({**GOOD, "date": "14 March"}), DataError, "incomplete or malformed"),
])
def test_bad_answers(text: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        parse_record(text, URL, 125)
    assert message in str(caught.value)
    assert "Traceback" not in str(caught.value)
