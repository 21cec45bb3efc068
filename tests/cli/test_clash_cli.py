from __future__ import annotations

import json

from tests.cli.helpers import invoke as run


def test_clashes_table_shows_seed_clashes_and_alternatives() -> None:
    r = run("clashes", "--meeting", "101")
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    assert out.index("LPWAN × TLS") < out.index("6LO × DOH") < out.index("HOMENET × ROLL")
    assert "ROLL: Thu 22 Mar 09:30" in out and "HOMENET: no other session" in out
    assert "Wed 21 Mar 09:30 GMT (UTC)" in out


def test_clashes_json_documented_shape() -> None:
    r = run("clashes", "-m", "102", "--json")
    data = json.loads(r.stdout)
    assert [[s["group"] for s in c["sessions"]] for c in data] == [["6man", "dmm"], ["dnsop", "suit"]]
    wed = data[1]
    assert set(wed) == {"meeting", "start", "end", "overlap_minutes", "estimated", "sessions",
                        "alternatives"}
    assert wed["start"] == "2018-07-18T09:30:00-04:00" and wed["end"] is None
    assert wed["overlap_minutes"] is None and wed["estimated"] is False
    assert [a["id"] for a in wed["alternatives"]["dnsop"]] == ["102-dnsop-2"]
    assert wed["alternatives"]["dnsop"][0]["start"] is None  # time not given
    assert wed["alternatives"]["suit"] == []


def test_clashes_tz_changes_times() -> None:
    r = run("clashes", "-m", "102", "--json", "--tz", "Asia/Tokyo")
    assert json.loads(r.stdout)[1]["start"] == "2018-07-18T22:30:00+09:00"
    t = run("clashes", "-m", "102", "--tz", "asia/tokyo", "wed")
    assert "Wed 18 Jul 22:30 JST (UTC+9)" in t.stdout
    bad = run("clashes", "-m", "102", "--tz", "Asia/Tokio")
    assert bad.exit_code == 2 and "Asia/Tokyo" in bad.stderr


def test_filters_behave_like_agenda() -> None:
    r = run("clashes", "-m", "102", "wed", "--json")
    assert [[s["group"] for s in c["sessions"]] for c in json.loads(r.stdout)] == [["dnsop", "suit"]]
    r = run("clashes", "-m", "102", "--topic", "ipv6", "--json")  # DMM and 6MAN are both ipv6
    assert [[s["group"] for s in c["sessions"]] for c in json.loads(r.stdout)] == [["6man", "dmm"]]
    r = run("clashes", "-m", "102", "--wg", "dnsop")
    assert "No clashes among the selected sessions." in r.stdout
    bad = run("clashes", "-m", "102", "--wg", "dnsp")
    assert bad.exit_code == 2 and "did you mean 'dnsop'" in bad.stderr


def test_check_exit_code() -> None:
    assert run("clashes", "-m", "102", "--check").exit_code == 1
    assert run("clashes", "-m", "102", "--check", "--wg", "dnsop,dmm").exit_code == 0
    assert run("clashes", "-m", "102", "--wg", "dnsop,suit").exit_code == 0  # no --check


def test_check_alone_writes_no_report_and_with_a_format_writes_it() -> None:
    alone = run("clashes", "-m", "102", "--check", "--wg", "dnsop,suit")
    assert (alone.exit_code, alone.stdout) == (1, "")
    assert "sessions clash" in alone.stderr
    clear = run("clashes", "-m", "102", "--check", "--wg", "dnsop")
    assert (clear.exit_code, clear.stdout) == (0, "") and "no clashes" in clear.stderr
    as_json = run("clashes", "-m", "102", "--check", "--wg", "dnsop,suit", "--format", "json")
    assert as_json.exit_code == 1
    assert [s["group"] for s in json.loads(as_json.stdout)[0]["sessions"]] == ["dnsop", "suit"]


def test_clashes_markdown() -> None:
    r = run("clashes", "-m", "101", "--format", "markdown")
    assert "| When | Sessions | Overlap | Alternatives |" in r.stdout
    assert "| Fri 23 Mar 09:30 GMT (UTC) | HOMENET 09:30<br>ROLL 09:30 |" in r.stdout


def test_picks_clear_and_clashing() -> None:
    assert run("pick", "add", "dnsop", "suit", "lpwan", "-m", "102").exit_code == 0
    r = run("clashes", "--picks", "-m", "102")
    assert "DNSOP × SUIT" in r.stdout and "DMM" not in r.stdout
    assert "Clear (no clash): LPWAN Thu 19 Jul 09:30" in r.stdout
    assert "Not checked (time not given): DNSOP Thu 19 Jul" in r.stdout
    assert run("clashes", "--picks", "-m", "102", "--check").exit_code == 1


def test_agenda_marks_clashing_rows() -> None:
    r = run("agenda", "-m", "102", "--json")
    rows = {o["id"]: o["clashes_with"] for o in json.loads(r.stdout)}
    assert rows["102-dnsop-1"] == ["102-suit-1"] and rows["102-6man-2"] == ["102-dmm-1"]
    assert rows["102-6man-1"] == [] and rows["102-dnsop-2"] == []
    t = run("agenda", "-m", "102", "wed")
    assert "DNSOP ⚠" in t.stdout and "SUIT ⚠" in t.stdout
    thu = run("agenda", "-m", "102", "thu")
    assert "⚠" not in thu.stdout


DST_FILE = """\
meeting: {number: 950, city: Testville, timezone: Europe/London, start: 2030-10-25, end: 2030-10-28}
sessions:
  - {group: evil, name: "Bad \\e[31m name \\u202e", date: 2030-10-27, time: 00.30-02.30, room: "R\\e[2J"}
  - {group: night, name: Night, date: 2030-10-27, time: 01.10-02.00}
  - {group: night, name: Night, date: 2030-10-27, time: "10.00"}
  - {group: late, name: Late, date: 2030-10-27, time: 02.40-03.00}
"""


def test_clash_on_dst_night_and_no_escapes(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "dst.yaml"
    path.write_text(DST_FILE, encoding="utf-8")
    # clocks go back at 02:00 BST: 00:30 BST–02:30 GMT is 3 h, 01:10 BST–02:00 GMT is 110 min
    data = json.loads(run("clashes", "-f", str(path), "--json").stdout)
    [c] = data
    assert c["overlap_minutes"] == 110 and [s["group"] for s in c["sessions"]] == ["evil", "night"]
    assert c["start"] == "2030-10-27T01:10:00+01:00" and c["end"] == "2030-10-27T02:00:00+00:00"
    for cmd in (("clashes",), ("week",), ("now",), ("agenda",)):
        r = run(*cmd, "-f", str(path), env={"IETFPLAN_NOW": "2030-10-27T01:20Z"})
        assert r.exit_code == 0 and "\x1b" not in r.stdout and "\u202e" not in r.stdout, cmd
    now = run("now", "-f", str(path), env={"IETFPLAN_NOW": "2030-10-27T01:20Z"}).stdout
    assert "1 h 10 min left" in now and "40 min left" in now and "R\\x1b[2J" in now
