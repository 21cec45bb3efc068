"""The config file and `ietfplan config set|get|unset|list`."""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ietfplan.app import settings as config
from ietfplan.cli import app
from ietfplan.errors import DataError
from tests.conftest import app_context

runner = CliRunner()


def config_path() -> Path:
    """The config file a command run now would use."""
    return app_context().folders.config_file


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_defaults_without_a_file(_isolated_home: Path) -> None:
    s = config.load_settings(config_path())
    assert (s.tz, s.night, s.meeting_tz) == (None, (time(23, 0), time(7, 0)), {})
    assert config_path() == _isolated_home / "config" / "config.yaml"


def test_xdg_config_home_without_ietfplan_home(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("IETFPLAN_HOME")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert config_path() == tmp_path / "xdg" / "ietfplan" / "config.yaml"


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
    s = config.load_settings(config_path())
    assert (s.tz, s.night, s.meeting_tz) == ("Asia/Tokyo", (time(22, 30), time(6, 0)),
                                             {102: "America/Sao_Paulo"})
    assert run("config", "unset", "tz")[0] == 0
    assert run("config", "unset", "tz", "-m", "102")[0] == 0
    assert run("config", "get", "tz")[0] == 1
    assert config.load_settings(config_path()).night == (time(22, 30), time(6, 0))


def test_written_atomically_and_readable_yaml() -> None:
    run("config", "set", "tz", "Europe/Paris")
    folder = config_path().parent
    assert [p.name for p in folder.iterdir()] == ["config.yaml"]  # no temp files left
    assert 'tz: "Europe/Paris"' in config_path().read_text()


@pytest.mark.parametrize(("args", "words"), [
    (("tz", "Tokio"), ["unknown time zone", "Asia/Tokyo"]),
    (("tz", "Portland"), ["ambiguous", "America/New_York"]),
    (("night", "23:00"), ["not a start and an end time"]),
    (("night", "25:00-07:00"), ["not a time of day"]),
    (("zone", "UTC"), ["unknown setting", "tz"]),
    (("night", "23:00-07:00", "--meeting", "102"), ["cannot be set per meeting"]),
])  # fmt: skip
def test_bad_values_refused_and_file_unchanged(args: tuple[str, ...], words: list[str]) -> None:
    run("config", "set", "tz", "UTC")
    before = config_path().read_bytes()
    code, _, err = run("config", "set", *args)
    assert code == 2
    for w in words:
        assert w in err
    assert config_path().read_bytes() == before


@pytest.mark.parametrize(("text", "where", "words"), [
    ("tz: Tokio\n", ":1:5", ["unknown time zone", "Asia/Tokyo"]),
    ("tz: UTC\nnihgt: 22:00-06:00\n", ":2:1", ["unknown field 'nihgt'", "night"]),
    ("night: 7\n", ":1:8", ["not a start and an end time"]),
    ("meetings:\n  ietf102:\n    tz: UTC\n", ":2:3", ["not a meeting number"]),
    ("tz: [a\n", ":2:1", ["YAML syntax"]),
    ("tz: UTC\ntz: Asia/Tokyo\n", ":2:1", ["duplicate key"]),
])  # fmt: skip
def test_broken_file_errors_have_positions(text: str, where: str, words: list[str]) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    with pytest.raises(DataError) as err:
        config.load_settings(config_path())
    msg = err.value.format()
    assert f"{path}{where}" in msg
    for w in words:
        assert w in msg


def test_broken_file_makes_commands_fail_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IETFPLAN_NOW", "2018-07-19T08:00-04:00")
    path = config_path()
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


HAND_WRITTEN = """\
# my ietfplan settings
tz: Europe/Paris   # where I live

# quiet hours
night: 22:00-06:00
meetings:
  # IETF 124 was in Montreal
  124:
    tz: America/Montreal  # on site
"""


@pytest.mark.parametrize(("args", "expected"), [
    (("set", "tz", "Tokyo"),
     HAND_WRITTEN.replace('tz: Europe/Paris   # where I live', 'tz: "Asia/Tokyo"   # where I live')),
    (("unset", "night"), HAND_WRITTEN.replace("night: 22:00-06:00\n", "")),
    (("set", "tz", "UTC", "--meeting", "124"),
     HAND_WRITTEN.replace('tz: America/Montreal  # on site', 'tz: "UTC"  # on site')),
    (("set", "tz", "Tokyo", "--meeting", "125"), HAND_WRITTEN + '  125:\n    tz: "Asia/Tokyo"\n'),
    (("unset", "tz", "--meeting", "124"),  # the last meeting: 'meetings:' goes, comments stay
     HAND_WRITTEN.replace("meetings:\n", "").replace("  124:\n    tz: America/Montreal  # on site\n", "")),
])
def test_changes_keep_what_the_user_wrote(args: tuple[str, ...], expected: str) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    assert run("config", *args)[0] == 0
    assert path.read_text(encoding="utf-8") == expected


def test_a_layout_it_cannot_edit_is_written_afresh() -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("# flow style\nmeetings: {124: {tz: America/Montreal}}\n", encoding="utf-8")
    assert run("config", "set", "tz", "Tokyo")[0] == 0  # a line of its own: edited in place
    assert path.read_text(encoding="utf-8").endswith('}}\ntz: "Asia/Tokyo"\n')
    assert run("config", "set", "tz", "UTC", "--meeting", "125")[0] == 0  # inside the flow
    s = config.load_settings(config_path())
    assert (s.tz, s.meeting_tz) == ("Asia/Tokyo", {124: "America/Montreal", 125: "UTC"})
    assert path.read_text(encoding="utf-8").startswith("# ietfplan settings")


OPS = st.lists(st.tuples(st.sampled_from(["tz", "night", 124, 125]),
                         st.sampled_from([None, "Asia/Tokyo", "UTC", "22:30-06:30"])), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_any_sequence_of_changes_reads_back_and_keeps_the_comments(
        ops: list[tuple[str | int, str | None]], _isolated_home: Path) -> None:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    want = config.load_settings(config_path())
    for key, value in ops:
        if (key == "night") != (value in (None, "22:30-06:30")) and value is not None:
            continue  # a zone for the night, or a night for a zone
        if isinstance(key, int):
            zones = {**want.meeting_tz, key: value} if value else {
                n: z for n, z in want.meeting_tz.items() if n != key}
            want = replace(want, meeting_tz=zones)  # type: ignore[arg-type]
        elif key == "night":
            want = replace(want, night=config.parse_value("night", value) if value else config.Settings().night)
        else:
            want = replace(want, tz=value)
        config.save_settings(want, config_path())
        got = config.load_settings(config_path())
        assert (got.tz, got.night, got.meeting_tz) == (want.tz, want.night, want.meeting_tz)
        assert "# quiet hours" in path.read_text(encoding="utf-8")
