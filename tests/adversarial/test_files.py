"""Every file ietfplan writes keeps what others wrote meanwhile; only regular files are
replaced; symlinks stay symlinks; devices, FIFOs and sockets are refused without hanging.

Issue 14, items 1, 3 and 12 (symlinks)."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import icalendar
import pytest
import yaml

from tests.adversarial.common import FIXTURE, ietfplan, one_line_error, start

ZONES = ["Asia/Tokyo", "Europe/Paris", "America/Vancouver", "Africa/Nairobi", "Asia/Kolkata",
         "Europe/Madrid", "America/Sao_Paulo", "Australia/Sydney", "Pacific/Auckland",
         "Asia/Singapore", "Europe/Prague", "America/Chicago", "Asia/Seoul", "Europe/Dublin",
         "America/Toronto", "Asia/Bangkok", "Europe/Helsinki", "America/Denver",
         "Asia/Shanghai", "Europe/Berlin"]


def test_parallel_config_set_keeps_every_setting(tmp_path: Path) -> None:
    home = tmp_path / "home"
    procs = [start("config", "set", "tz", zone, "--meeting", str(100 + n), home=home)
             for n, zone in enumerate(ZONES)]
    procs.append(start("config", "set", "tz", "Asia/Tokyo", home=home))
    procs.append(start("config", "set", "night", "22:00-06:00", home=home))
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    data = yaml.safe_load((home / "config" / "config.yaml").read_text(encoding="utf-8"))
    assert {n: entry["tz"] for n, entry in data["meetings"].items()} == {
        100 + n: zone for n, zone in enumerate(ZONES)}
    assert data["tz"] == "Asia/Tokyo"
    assert str(data["night"]).replace(" ", "") == "22:00-06:00"


def test_parallel_exports_keep_every_event_in_the_export_state(tmp_path: Path) -> None:
    home = tmp_path / "home"
    groups = ["hackathon", "dnsop", "6man", "tls", "lpwan"]
    procs = [start("export", "-f", str(FIXTURE), "--wg", g, "-o", str(tmp_path / f"{g}.ics"),
                   home=home) for g in groups]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    written = set()
    for g in groups:
        cal = icalendar.Calendar.from_ical((tmp_path / f"{g}.ics").read_bytes())
        written |= {str(ev["UID"]) for ev in cal.walk("VEVENT")}
    assert len(written) == 7
    state = json.loads((home / "data" / "ics-events.json").read_text(encoding="utf-8"))
    assert set(state["events"]) == written


def test_parallel_state_writers_in_one_folder_keep_every_entry(tmp_path: Path) -> None:
    """20 processes record different publish states at once (the API the CLI uses)."""
    code = (
        "import sys; from pathlib import Path; from ietfplan.publish.state import PublishState\n"
        "n = int(sys.argv[1]); s = PublishState.load(Path(sys.argv[2]))\n"
        "for k in range(5): s.write('https://h/cal/', {f'u{n}-{k}': {'etag': None, 'body': 'x'}})\n")
    path = tmp_path / "caldav.json"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(n), str(path)])
             for n in range(20)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    stored = json.loads(path.read_text(encoding="utf-8"))["calendars"]["https://h/cal/"]
    assert set(stored) == {f"u{n}-{k}" for n in range(20) for k in range(5)}


def test_symlinked_config_picks_and_export_target_stay_links(tmp_path: Path) -> None:
    home = tmp_path / "home"
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (home / "config").mkdir(parents=True)
    (dotfiles / "ietfplan.yaml").write_text("# mine\nnight: 23:00-07:00\n", encoding="utf-8")
    (home / "config" / "config.yaml").symlink_to(dotfiles / "ietfplan.yaml")
    assert ietfplan("config", "set", "tz", "Asia/Tokyo", home=home).returncode == 0
    assert (home / "config" / "config.yaml").is_symlink()
    assert "Asia/Tokyo" in (dotfiles / "ietfplan.yaml").read_text(encoding="utf-8")

    (home / "data" / "picks").mkdir(parents=True)
    (dotfiles / "picks124.yaml").write_text("meeting: 124\ngroups: []\n", encoding="utf-8")
    (home / "data" / "picks" / "ietf124.yaml").symlink_to(dotfiles / "picks124.yaml")
    res = ietfplan("pick", "add", "dnsop", "-f", str(FIXTURE), home=home)
    assert res.returncode == 0, res.stderr
    assert (home / "data" / "picks" / "ietf124.yaml").is_symlink()
    assert "dnsop" in yaml.safe_load((dotfiles / "picks124.yaml").read_text())["groups"]

    (dotfiles / "cal.ics").write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    link = tmp_path / "link.ics"
    link.symlink_to(dotfiles / "cal.ics")
    assert ietfplan("export", "-f", str(FIXTURE), "-o", str(link), home=home).returncode == 0
    assert link.is_symlink()
    assert len(icalendar.Calendar.from_ical((dotfiles / "cal.ics").read_bytes()).walk("VEVENT")) == 7


def _fifo(tmp_path: Path) -> Path:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    return fifo


def test_export_and_import_refuse_a_fifo_without_hanging(tmp_path: Path) -> None:
    home = tmp_path / "home"
    fifo = _fifo(tmp_path)
    for args in (["export", "-f", str(FIXTURE), "-o", str(fifo)],
                 ["export", "-f", str(FIXTURE), "-o", str(fifo), "--force"],
                 ["import", str(FIXTURE.parent / "datatracker" / "ietf102-agenda.json"),
                  "-o", str(fifo)]):
        res = ietfplan(*args, home=home, timeout=20)
        assert res.returncode == 3, res.stderr
        assert "pipe (FIFO)" in one_line_error(res.stderr)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_export_refuses_a_socket(tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        res = ietfplan("export", "-f", str(FIXTURE), "-o", str(path), "--force",
                       home=tmp_path / "home")
        assert res.returncode == 3 and "socket" in one_line_error(res.stderr)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root could replace a device node")
def test_export_never_replaces_a_device(tmp_path: Path) -> None:
    dev = tmp_path / "null"
    os.mknod(dev, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null
    before = os.lstat(dev)
    for extra in ([], ["--force"]):
        res = ietfplan("export", "-f", str(FIXTURE), "-o", str(dev), *extra, home=tmp_path / "h")
        assert res.returncode == 3 and "character device" in one_line_error(res.stderr)
        after = os.lstat(dev)
        assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
        assert after.st_ino == before.st_ino


def test_output_to_dev_stdout_in_a_pipe_does_not_hang(tmp_path: Path) -> None:
    res = ietfplan("export", "-f", str(FIXTURE), "-o", "/dev/stdout", home=tmp_path / "h",
                   timeout=20)
    assert res.returncode == 3
    message = one_line_error(res.stderr)
    assert "-o - writes to standard output" in message


def test_output_dash_writes_to_standard_output(tmp_path: Path) -> None:
    res = ietfplan("export", "-f", str(FIXTURE), "-o", "-", home=tmp_path / "h")
    assert res.returncode == 0, res.stderr
    assert len(icalendar.Calendar.from_ical(res.stdout).walk("VEVENT")) == 7
