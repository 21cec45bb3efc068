"""The benchmarks' own logic: the generated meeting is valid, and --quick's gate."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
if not (BENCH / "common.py").is_file():
    pytest.skip("bench/ is not beside these tests", allow_module_level=True)
sys.path.insert(0, str(BENCH))

from common import Check  # noqa: E402
from gen_meeting import generate  # noqa: E402

from ietfplan.load.meetingfile import parse_meeting  # noqa: E402
from ietfplan.model import TopicIndex  # noqa: E402


@pytest.mark.parametrize("days", [7, 31])
def test_generated_meeting_loads(days: int, topics: TopicIndex) -> None:
    m = parse_meeting(generate(400, days=days), "big.yaml", topics)
    assert len(m.sessions) == 400
    assert (m.end - m.start).days == days - 1
    assert any(s.start is None for s in m.sessions) and any(s.end_estimated for s in m.sessions)
    assert any("iot" in s.topics for s in m.sessions)


def test_generator_is_deterministic() -> None:
    assert generate(50) == generate(50)


@pytest.mark.parametrize(("ratio", "target", "higher", "ok", "ok_with_slack"), [
    (1.2, 1.3, False, True, True),
    (1.5, 1.3, False, False, True),
    (2.7, 1.3, False, False, False),   # more than 2x the target: --quick fails
    (5.0, 4.0, True, True, True),
    (2.1, 4.0, True, False, True),
    (1.9, 4.0, True, False, False),    # less than half the required speed-up
])
def test_quick_gate(ratio: float, target: float, higher: bool, ok: bool, ok_with_slack: bool) -> None:
    check = Check("x", "y", ratio, target, "", higher_is_better=higher)
    assert (check.ok(), check.ok(2.0)) == (ok, ok_with_slack)


def test_generated_folder_is_realistic(tmp_path: Path, topics: TopicIndex) -> None:
    from collections import Counter

    from gen_folder import write_folder

    from ietfplan.load.meetingfile import load_meeting

    paths = write_folder(tmp_path, 3, first=101)
    for path in paths:
        m = load_meeting(str(path), topics)
        assert len(m.sessions) == 240 and m.number == int(path.stem[4:])
        parallel = Counter((s.start, s.date) for s in m.sessions).values()
        assert 10 <= max(parallel) <= 12  # tracks
        assert all(m.contains(s.date) and s.date.weekday() < 5 for s in m.sessions)
        assert any("iot" in s.topics for s in m.sessions)
    assert load_meeting(str(paths[1]), topics).start.isoformat() == "2018-07-14"  # as IETF 102
