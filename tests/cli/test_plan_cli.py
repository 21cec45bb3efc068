"""`ietfplan plan` on the bundled data, checked against the data files themselves."""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import yaml

from ietfplan.plan import picks as store
from tests.cli.helpers import invoke as run
from tests.conftest import app_context

DATA = Path(__file__).resolve().parents[2] / "data"


def sessions_in(number: int) -> list[dict[str, object]]:
    """The sessions of a bundled meeting file, each with its UTC start and end when timed
    (the files give 'HH.MM[-HH.MM] LABEL/UTC±N'; the offset is the last part)."""
    doc = yaml.safe_load((DATA / f"ietf{number}.yaml").read_text(encoding="utf-8"))
    out = []
    for s in doc["sessions"]:
        item = dict(s)
        if "time" in s:
            clock, _, label = str(s["time"]).partition(" ")
            offset = label.split("/")[-1].replace("GMT", "UTC")
            hours = int(offset[3:] or 0)
            first, _, last = clock.partition("-")
            day = datetime.fromisoformat(str(s["date"]))
            item["start_utc"] = _utc(day, first, hours)
            item["end_utc"] = _utc(day, last, hours) if last else None
        out.append(item)
    return out


def picks_path(number: int) -> Path:
    return store.picks_path(app_context().folders.picks, number)


def backup_path(number: int) -> Path:
    return store.backup_path(app_context().folders.picks, number)


def _utc(day: datetime, clock: str, hours: int) -> str:
    at = day + timedelta(hours=int(clock[:2]) - hours, minutes=int(clock[3:]))
    return at.strftime("%Y-%m-%dT%H:%M:%SZ")


def plan_json(*args: str) -> dict[str, object]:
    r = run("plan", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def test_ietf101_iot_with_homenet() -> None:
    data = sessions_in(101)
    roll = [s for s in data if s["group"] == "roll"]
    homenet = [s for s in data if s["group"] == "homenet"]
    friday_roll = [s for s in roll if str(s["date"]) == "2018-03-23"]
    assert len(homenet) == 1 and len(friday_roll) == 1
    assert friday_roll[0]["start_utc"] == homenet[0]["start_utc"]  # same start: they clash
    out = plan_json("-m", "101", "--topic", "iot", "--want", "homenet=2")
    chosen = {(c["group"], c["start_utc"]) for c in out["chosen"]}  # type: ignore[union-attr, index]
    thursday_roll = next(s for s in roll if str(s["date"]) == "2018-03-22")
    expected = {("homenet", homenet[0]["start_utc"]), ("roll", thursday_roll["start_utc"])}
    expected |= {(s["group"], s["start_utc"]) for s in data if s["group"] in ("lpwan", "6lo")}
    assert chosen == expected
    assert out["missed"] == [] and out["objective"]["weight"] == 5  # type: ignore[index]
    r = run("plan", "-m", "101", "--topic", "iot", "--want", "homenet=2", "--explain")
    assert "ROLL Fri 09:30 instead of HOMENET Fri 09:30" in r.stdout
    assert "misses HOMENET" in r.stdout


def test_ietf102_from_tokyo_awake_hours() -> None:
    tokyo = ZoneInfo("Asia/Tokyo")
    data = sessions_in(102)
    night_ids = []
    for group in ("v6ops", "dmm"):
        timed = [s for s in data if s["group"] == group and "start_utc" in s]
        assert len(timed) == 1
        start = datetime.fromisoformat(str(timed[0]["start_utc"]).replace("Z", "+00:00"))
        local = start.astimezone(tokyo)
        end_utc = timed[0]["end_utc"]
        end = (datetime.fromisoformat(str(end_utc).replace("Z", "+00:00")).astimezone(tokyo)
               if end_utc else local)
        # awake 07:00-23:00: the start or the end is outside it
        assert not time(7) <= local.time() < time(23) or end.date() > local.date()
        night_ids.append(group)
    out = plan_json("-m", "102", "--tz", "Asia/Tokyo", "--topic", "iot", "--want", "v6ops",
                    "--want", "dmm", "--awake", "07:00-23:00")
    excluded = {e["id"]: e["reason"] for e in out["excluded"]}  # type: ignore[union-attr]
    assert {i for i, why in excluded.items() if "night" in why} == {"102-v6ops-1", "102-dmm-1"}
    assert excluded["102-v6ops-2"] == "time not given, not planned"
    missed = {m["group"]: m for m in out["missed"]}  # type: ignore[union-attr]
    assert set(missed) == {"v6ops", "dmm"}
    assert missed["dmm"]["reason"] == "only session is in your night"
    assert "in your night" in missed["v6ops"]["reason"]
    # the IoT groups as `agenda --topic iot` shows them; each has one session, at 22:30 JST
    # (no end given: judged by its start, so awake) and none clash
    iot = json.loads(run("agenda", "-m", "102", "--topic", "iot", "--json").stdout)
    assert {o["group"] for o in iot} == {c["group"] for c in out["chosen"]}  # type: ignore[union-attr]
    assert len(iot) == len(out["chosen"])  # type: ignore[arg-type]
    r = run("plan", "-m", "102", "--tz", "Asia/Tokyo", "--topic", "iot", "--want", "v6ops",
            "--want", "dmm", "--awake", "07:00-23:00")
    assert "Missed DMM (weight 1): only session is in your night" in r.stdout
    assert "22:30–01:00 +1 day JST" in r.stdout  # the end is past midnight in Tokyo


def test_json_has_exactly_the_documented_fields() -> None:
    out = plan_json("-m", "102", "--want", "dnsop=3", "--want", "suit")
    assert set(out) == {"meeting", "objective", "chosen", "missed", "excluded"}
    assert set(out["objective"]) == {"weight", "sessions", "room_changes"}  # type: ignore[arg-type]
    for c in out["chosen"]:  # type: ignore[union-attr]
        assert set(c) == {"id", "group", "start_utc", "end_utc", "room"}
    [suit] = out["missed"]  # type: ignore[misc]
    assert set(suit) == {"group", "weight", "reason", "blocked_by"}
    assert suit["group"] == "suit" and suit["blocked_by"] == ["102-dnsop-1"]
    assert suit["reason"] == "clashes with DNSOP (weight 3) Wed 09:30"


def test_unknown_group_and_topic() -> None:
    r = run("plan", "-m", "101", "--want", "homnet")
    assert r.exit_code == 2 and "did you mean 'homenet'" in r.stderr and "Traceback" not in r.stderr
    r = run("plan", "-m", "101", "--topic", "iott")
    assert r.exit_code == 2 and "unknown topic 'iott'" in r.stderr
    r = run("plan", "-m", "101", "--want", "roll=0")
    assert r.exit_code == 2 and "out of range" in r.stderr
    r = run("plan", "-m", "101", "--want", "roll", "--awake", "7-")
    assert r.exit_code == 2 and "--awake" in r.stderr
    r = run("plan", "-m", "101")
    assert r.exit_code == 2 and "nothing to plan" in r.stderr
    topics = yaml.safe_load((DATA / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    idle = next(t for t in topics  # a topic with no session at IETF 101, as agenda shows
                if json.loads(run("agenda", "-m", "101", "--topic", t["key"], "--json").stdout) == [])
    r = run("plan", "-m", "101", "--topic", idle["key"])
    assert r.exit_code == 2 and "nothing to plan: no group of topic" in r.stderr


def test_picks_with_weights_are_the_default_interests() -> None:
    assert run("pick", "add", "roll", "homenet", "-m", "101").exit_code == 0
    r = run("pick", "add", "roll", "-m", "101", "--weight", "3")
    assert "Weight 3" in r.stdout
    assert "ROLL 3" in run("pick", "list", "-m", "101").stdout
    out = plan_json("-m", "101")
    # ROLL (3) has another session on Thursday, so both groups fit
    assert {c["group"] for c in out["chosen"]} == {"roll", "homenet"}  # type: ignore[union-attr]
    assert out["objective"]["weight"] == 4  # type: ignore[index]


def test_apply_and_undo_round_trip() -> None:
    run("pick", "add", "roll", "homenet", "-m", "101")
    path = picks_path(101)
    before = path.read_bytes()
    r = run("plan", "-m", "101", "--topic", "iot", "--want", "homenet=2", "--apply")
    assert r.exit_code == 0, r.stderr
    assert "Picked:" in r.stdout and "Unpicked: ROLL Fri 23 Mar 09:30" in r.stdout
    assert backup_path(101).read_bytes() == before
    chosen = [c["id"] for c in plan_json("-m", "101", "--topic", "iot", "--want", "homenet=2")["chosen"]]  # type: ignore[union-attr]
    listed = json.loads(run("agenda", "--picks", "-m", "101", "--json").stdout)
    assert [o["id"] for o in listed] == chosen
    assert "No clashes among your picks" in run("clashes", "--picks", "-m", "101").stdout
    ics = run("export", "--picks", "-m", "101", "-o", "-").stdout
    events = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]).split()[0] for e in events) == sorted(
        c["group"].upper() for c in plan_json("-m", "101", "--topic", "iot", "--want", "homenet=2")["chosen"])  # type: ignore[union-attr]
    week = run("week", "--picks", "-m", "101", "--format", "markdown").stdout
    grid = [line for line in week.splitlines() if line.startswith("| 09:30")]
    assert grid == ["| 09:30 | **LPWAN** | **ROLL** | **HOMENET** |"]  # one pick a slot, no ⚠
    r = run("pick", "undo", "-m", "101")
    assert r.exit_code == 0 and "Restored" in r.stdout
    assert path.read_bytes() == before and not backup_path(101).exists()
    r = run("pick", "undo", "-m", "101")
    assert r.exit_code == 2 and "nothing to undo" in r.stderr


def test_apply_failing_mid_write_keeps_the_old_picks(monkeypatch: pytest.MonkeyPatch) -> None:
    run("pick", "add", "roll", "-m", "101")
    path = picks_path(101)
    before = path.read_bytes()
    real = os.replace
    calls: list[str] = []

    def failing(src: str, dst: str) -> None:
        calls.append(str(dst))
        if str(dst) == str(path):
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    r = run("plan", "-m", "101", "--want", "homenet", "--want", "lpwan", "--apply")
    assert r.exit_code == 3 and "No space left on device" in r.stderr
    assert "Traceback" not in r.stderr
    assert str(path) in calls
    assert path.read_bytes() == before


def test_bad_weight_in_picks_file_says_where() -> None:
    path = picks_path(101)
    path.parent.mkdir(parents=True)
    path.write_text("meeting: 101\ngroups: [roll]\nweights:\n  roll: lots\n", encoding="utf-8")
    r = run("plan", "-m", "101")
    assert r.exit_code == 2 and f"{path}:4:9: error: the weight of roll must be a whole number" in r.stderr
    path.write_text("meeting: 101\ngroups: [roll]\nweights:\n  roll: 0\n", encoding="utf-8")
    r = run("pick", "list", "-m", "101")
    assert r.exit_code == 2 and f"{path}:4:9: error: the weight of roll must be from 1" in r.stderr


def test_explain_in_json_gives_each_alternative_plan() -> None:
    """IETF 101, IoT with HOMENET weighted 2: Friday's ROLL starts with HOMENET, so
    --explain offers the plan that takes it.  Checked against the data file: the
    alternative takes that ROLL session and not HOMENET, none of its sessions overlap (by
    their UTC times in the file), its weight is the sum of the weights of the groups it
    covers, and it is no better than the chosen plan.  Without --explain there is no key."""
    data = {f"101-{s['group']}": s for s in sessions_in(101)}  # one session each but roll
    weights = {"homenet": 2, "roll": 1, "lpwan": 1, "6lo": 1}
    plain = plan_json("-m", "101", "--topic", "iot", "--want", "homenet=2")
    assert "alternatives" not in plain
    out = plan_json("-m", "101", "--topic", "iot", "--want", "homenet=2", "--explain")
    alternatives = out["alternatives"]
    assert isinstance(alternatives, list) and alternatives
    by_id = {c["id"]: c for c in out["chosen"]}  # type: ignore[union-attr, index]
    (friday,) = [a for a in alternatives if a["group"] == "roll"]
    friday_roll = next(s for s in sessions_in(101)
                       if s["group"] == "roll" and str(s["date"]) == "2018-03-23")
    homenet = data["101-homenet"]
    assert friday["instead_of"] == [i for i in by_id if i.startswith("101-homenet")]
    assert friday["text"].startswith("ROLL Fri 09:30 instead of HOMENET Fri 09:30")
    spans = []
    for session_id in friday["chosen"]:
        group = session_id.split("-")[1]
        assert group != "homenet"
        # ids number a group's sessions by start (<meeting>-<group>-<n>)
        sources = sorted((s for s in sessions_in(101) if s["group"] == group and "start_utc" in s),
                         key=lambda source: str(source["start_utc"]))
        source = sources[int(session_id.rsplit("-", 1)[1]) - 1]
        spans.append((source["start_utc"], source["end_utc"] or source["start_utc"]))
    assert friday_roll["start_utc"] == homenet["start_utc"]
    assert friday_roll["start_utc"] in {start for start, _ in spans}
    ordered = sorted(spans)
    assert all(end <= nxt for (_, end), (nxt, _) in pairwise(ordered))
    groups = {session_id.split("-")[1] for session_id in friday["chosen"]}
    assert friday["objective"]["weight"] == sum(weights[g] for g in groups)
    assert friday["objective"]["sessions"] == len(friday["chosen"])
    assert friday["objective"]["weight"] <= out["objective"]["weight"]  # type: ignore[index]
