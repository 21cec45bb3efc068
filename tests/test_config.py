"""The config file and `ietfplan config set|get|unset|list`."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ietfplan import config
from ietfplan.cli import app
from ietfplan.errors import DataError

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_defaults_without_a_file(_isolated_home: Path) -> None:
    s = config.load_settings()
    assert (s.tz, s.night, s.meeting_tz) == (None, (time(23, 0), time(7, 0)), {})
    assert config.config_path() == _isolated_home / "config" / "config.yaml"


def test_xdg_config_home_without_ietfplan_home(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IETFPLAN_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config.config_path() == tmp_path / "xdg" / "ietfplan" / "config.yaml"


def test_set_get_unset_list_roundtrip() -> None:
    assert run("config", "set", "tz", "Tokyo")[0] == 0
    assert run("config", "get", "tz") == (0, "Asia/Tokyo\n", "")
    assert run("config", "set", "night", "22:30-06:00")[0] == 0
    assert run("config", "set", "tz", "Sao Paulo", "--meeting", "102")[0] == 0
    assert run("config", "get", "tz", "-m", "102")[1] == "America/Sao_Paulo\n"
    assert run("config", "get", "tz", "-m", "101")[1] == "Asia/Tokyo\n"  # falls back
    code, out, _ = run("config", "list")
    assert code == 0
    assert "tz = Asia/Tokyo" in out and "night = 22:30-06:00" in out
    assert "tz --meeting 102 = America/Sao_Paulo" in out
    s = config.load_settings()
    assert (s.tz, s.night, s.meeting_tz) == ("Asia/Tokyo", (time(22, 30), time(6, 0)),
                                             {102: "America/Sao_Paulo"})
    assert run("config", "unset", "tz")[0] == 0
    assert run("config", "unset", "tz", "-m", "102")[0] == 0
    assert run("config", "get", "tz")[0] == 1
    assert config.load_settings().night == (time(22, 30), time(6, 0))


def test_written_atomically_and_readable_yaml() -> None:
    run("config", "set", "tz", "Europe/Paris")
    folder = config.config_path().parent
    assert [p.name for p in folder.iterdir()] == ["config.yaml"]  # no temp files left
    assert 'tz: "Europe/Paris"' in config.config_path().read_text()


@pytest.mark.parametrize(("args", "words"), [
    (("tz", "Tokio"), ["unknown time zone", "Asia/Tokyo"]),
    (("tz", "Portland"), ["ambiguous", "America/New_York"]),
    (("night", "23:00"), ["two different times"]),
    (("night", "25:00-07:00"), ["not a time of day"]),
    (("zone", "UTC"), ["unknown setting", "tz"]),
    (("night", "23:00-07:00", "--meeting", "102"), ["cannot be set per meeting"]),
])  # fmt: skip
def test_bad_values_refused_and_file_unchanged(args: tuple[str, ...], words: list[str]) -> None:
    run("config", "set", "tz", "UTC")
    before = config.config_path().read_bytes()
    code, _, err = run("config", "set", *args)
    assert code == 2
    for w in words:
        assert w in err
    assert config.config_path().read_bytes() == before


@pytest.mark.parametrize(("text", "where", "words"), [
    ("tz: Tokio\n", ":1:5", ["unknown time zone", "Asia/Tokyo"]),
    ("tz: UTC\nnihgt: 22:00-06:00\n", ":2:1", ["unknown field 'nihgt'", "night"]),
    ("night: 7\n", ":1:8", ["two different times"]),
    ("meetings:\n  ietf102:\n    tz: UTC\n", ":2:3", ["not a meeting number"]),
    ("tz: [a\n", ":2:1", ["YAML syntax"]),
    ("tz: UTC\ntz: Asia/Tokyo\n", ":2:1", ["duplicate key"]),
])  # fmt: skip
def test_broken_file_errors_have_positions(text: str, where: str, words: list[str]) -> None:
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(DataError) as err:
        config.load_settings()
    msg = err.value.format()
    assert f"{path}{where}" in msg
    for w in words:
        assert w in msg


def test_broken_file_makes_commands_fail_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-19T08:00-04:00")
    path = config.config_path()
    path.parent.mkdir(parents=True)
    path.write_text("tz: Nowhere/Land\n")
    code, out, err = run("today")
    assert code == 2 and out == ""
    assert "config.yaml:1:5" in err and "Traceback" not in err


def test_configured_zone_applies_to_listings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-20T02:00+09:00")  # Friday in Tokyo
    run("config", "set", "tz", "Asia/Tokyo")
    code, out, _ = run("today", "--json")
    assert code == 0
    assert '"local_start": "2018-07-20T02:30:00+09:00"' in out  # V6OPS, Thu 13:30 EDT
    code, out, _ = run("today", "--tz", "meeting", "--json")  # Thursday in Montreal
    assert '"local_timezone": "America/Montreal"' in out and "102-lpwan-1" in out
    run("config", "set", "tz", "Europe/Paris", "--meeting", "102")
    code, out, _ = run("agenda", "thu", "--json")
    assert '"local_start": "2018-07-19T15:30:00+02:00"' in out
