from __future__ import annotations

import json

from ietfplan.plan.picks import picks_path
from tests.cli.helpers import invoke as run
from tests.conftest import app_context


def test_pick_add_list_remove_clear() -> None:
    r = run("pick", "add", "dnsop", "-m", "102")
    assert r.exit_code == 0
    assert "DNSOP Wed 18 Jul 09:30; DNSOP Thu 19 Jul time not given" in r.stdout
    r = run("pick", "add", "SUIT", "-m", "102")
    assert "⚠ clash: DNSOP × SUIT at Wed 18 Jul 09:30 EDT (UTC-4)" in r.stdout
    listed = json.loads(run("pick", "list", "-m", "102", "--json").stdout)
    assert [o["id"] for o in listed] == ["102-dnsop-1", "102-suit-1", "102-dnsop-2"]
    assert listed[0]["clashes_with"] == ["102-suit-1"]
    r = run("pick", "remove", "102-dnsop-2", "dmm", "-m", "102")
    assert "Removed from IETF 102 Montreal: DNSOP Thu 19 Jul" in r.stdout
    assert "dmm was not picked" in r.stderr
    assert [o["id"] for o in json.loads(run("agenda", "--picks", "-m", "102", "--json").stdout)] \
        == ["102-dnsop-1", "102-suit-1"]
    r = run("pick", "clear", "-m", "102", "--yes")
    assert "Cleared 2 picked session(s)" in r.stdout
    assert "No picks for IETF 102 Montreal yet" in run("pick", "list", "-m", "102").stdout


def test_pick_by_topic_uses_whole_groups() -> None:
    r = run("pick", "add", "--topic", "iot", "-m", "101")
    assert r.exit_code == 0, r.stderr
    text = picks_path(app_context().folders.picks, 101).read_text()
    assert "- lpwan" in text and "- roll" in text and "- 6lo" in text
    r = run("clashes", "--picks", "-m", "101")
    assert "LPWAN × TLS" not in r.stdout and "ROLL: Thu 22 Mar 09:30" not in r.stdout
    assert "Clear (no clash): LPWAN Wed 21 Mar 09:30; ROLL Thu 22 Mar 09:30" in r.stdout


def test_picked_group_shows_its_alternative() -> None:
    run("pick", "add", "roll", "homenet", "-m", "101")
    r = run("clashes", "--picks", "-m", "101")
    assert "HOMENET × ROLL" in r.stdout and "ROLL: Thu 22 Mar 09:30" in r.stdout


def test_unknown_name_did_you_mean_and_nothing_changed() -> None:
    run("pick", "add", "suit", "-m", "102")
    before = picks_path(app_context().folders.picks, 102).read_bytes()
    r = run("pick", "add", "dnsop", "dnsp", "-m", "102")
    assert r.exit_code == 2 and "did you mean 'dnsop'" in r.stderr and "Traceback" not in r.stderr
    assert picks_path(app_context().folders.picks, 102).read_bytes() == before


def test_corrupt_picks_file_cli() -> None:
    path = picks_path(app_context().folders.picks, 102)
    path.parent.mkdir(parents=True)
    path.write_text("meeting: 102\ngroups: [dnsop\n", encoding="utf-8")
    for args in (("pick", "add", "suit", "-m", "102"), ("agenda", "--picks", "-m", "102"),
                 ("pick", "clear", "-m", "102"), ("clashes", "--picks", "-m", "102")):
        r = run(*args)
        assert r.exit_code == 2 and f"{path}:3:1: error: YAML syntax" in r.stderr, args
    assert path.read_text(encoding="utf-8") == "meeting: 102\ngroups: [dnsop\n"


def test_agenda_picks_without_any() -> None:
    r = run("agenda", "--picks", "-m", "102")
    assert r.exit_code == 0 and "You have no picks for IETF 102 Montreal" in r.stdout
    r = run("clashes", "--picks", "-m", "102")
    assert "You have no picks for IETF 102 Montreal" in r.stderr


def test_pick_add_needs_something() -> None:
    r = run("pick", "add", "-m", "102")
    assert r.exit_code == 2 and "nothing to pick" in r.stderr
