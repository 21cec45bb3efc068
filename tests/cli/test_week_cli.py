from __future__ import annotations

import json

from tests.cli.helpers import invoke as run


def test_week_table_and_picks() -> None:
    r = run("week", "-m", "102", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r.stderr
    assert all(len(line) <= 80 for line in r.stdout.splitlines())
    assert "DNSOP⚠" in r.stdout and "*" not in r.stdout.replace("* your", "")
    run("pick", "add", "dnsop", "suit", "-m", "102")
    r = run("week", "-m", "102", env={"COLUMNS": "80"})
    assert "*DNSOP⚠" in r.stdout and "*SUIT⚠" in r.stdout
    assert "DMM⚠" not in r.stdout  # clashes are among your picks once you have some


def test_week_markdown_and_json() -> None:
    md = run("week", "-m", "101", "--format", "markdown").stdout
    assert "| 09:30 | LPWAN ⚠<br>TLS ⚠ | ROLL | HOMENET ⚠<br>ROLL ⚠ |" in md
    data = json.loads(run("week", "-m", "101", "--json", "--topic", "iot").stdout)
    [grid] = data
    assert grid["days"] == ["2018-03-21", "2018-03-22", "2018-03-23"]
    assert [row["time"] for row in grid["rows"]] == ["09:30", "13:30"]


def test_week_filters_and_tz_errors() -> None:
    r = run("week", "-m", "102", "--topic", "iotx")
    assert r.exit_code == 2 and "did you mean 'iot'" in r.stderr
    r = run("week", "-m", "102", "--wg", "dmm", "--tz", "UTC")
    assert "13:30" in r.stdout and "Tue 17 Jul" in r.stdout
