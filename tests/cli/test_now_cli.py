from __future__ import annotations

import json

from tests.cli.helpers import invoke as run

TUE = {"IETFPLAN_NOW": "2018-07-17T10:05-04:00"}


def test_now_shows_running_and_next() -> None:
    r = run("now", env=TUE)
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert "IETF 102 Montreal · Tue 17 Jul 10:05 EDT (UTC-4)" in out
    assert "1 h 55 min left" in out and "started 35 min ago; end not given" in out
    assert "Next, in 23 h 25 min — Wed 18 Jul 09:30 EDT (UTC-4):" in out
    assert out.index("Now:") < out.index("DMM") < out.index("Next") < out.index("SUIT")


def test_now_filters_and_tz() -> None:
    r = run("now", "--wg", "dmm", "--tz", "Asia/Tokyo", env=TUE)
    assert "Tue 17 Jul 23:05 JST (UTC+9)" in r.stdout and "6MAN" not in r.stdout
    assert "Next: nothing more in IETF 102 Montreal." in r.stdout and "DMM" in r.stdout


def test_now_outside_meeting_is_friendly() -> None:
    r = run("now", env={"IETFPLAN_NOW": "2019-01-10T12:00Z"})
    assert r.exit_code == 0 and "IETF 102 Montreal is over" in r.stdout
    r = run("now", "-m", "102", env={"IETFPLAN_NOW": "2018-07-11T12:00-04:00"})
    assert "has not started" in r.stdout and "starting in 3 days" in r.stdout


def test_now_json() -> None:
    data = json.loads(run("now", "--json", env=TUE).stdout)
    assert data["status"] == "during" and data["now"] == "2018-07-17T10:05:00-04:00"
    assert {o["id"]: o["minutes_left"] for o in data["in_progress"]} == {
        "102-6man-2": None, "102-dmm-1": 115}
    assert data["next"]["starts_in_minutes"] == 1405
    assert [s["group"] for s in data["next"]["sessions"]] == ["dnsop", "suit"]


def test_next_uses_picks_then_all() -> None:
    run("pick", "add", "lpwan", "-m", "102")
    r = run("next", env=TUE)
    assert "Next of your picks, in 1 day" not in r.stdout
    assert "Next of your picks, in 47 h" in r.stdout and "LPWAN" in r.stdout
    assert "DNSOP" not in r.stdout
    r = run("next", "--all", env=TUE)
    assert "Next, in 23 h 25 min" in r.stdout and "DNSOP" in r.stdout
    r = run("next", "--topic", "iot", env=TUE)  # filters: not the picks
    assert "SUIT" in r.stdout and "LPWAN" not in r.stdout


def test_next_marks_clashing_picks() -> None:
    run("pick", "add", "dnsop", "suit", "-m", "102")
    r = run("next", env=TUE)
    assert r.stdout.count("⚠ clash") == 2


def test_bad_clock() -> None:
    r = run("now", env={"IETFPLAN_NOW": "tuesday"})
    assert r.exit_code == 2 and "IETFPLAN_NOW" in r.stderr
