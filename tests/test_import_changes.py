"""Re-importing: the change report, picks called out first, ids kept, .bak, --check."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
import pytz
from click.testing import CliRunner

from ietfplan.cli import app
from ietfplan.model import Meeting, Session
from ietfplan.plan import changes
from ietfplan.render.changes import describe
from import_helpers import DT, by_group, run

Z = pytz.timezone("America/Montreal")


def at(day: int, hh: int, mm: int = 0) -> datetime:
    return Z.localize(datetime(2018, 7, day, hh, mm))


def sess(group: str, day: int, hh: int | None, room: str = "", sid: str = "", **kw: object) -> Session:
    start = at(day, hh) if hh is not None else None
    end = at(day, hh + 2) if hh is not None else None
    return Session(meeting=102, id=sid, group=group, date=date(2018, 7, day), start=start, end=end,
                   room=room, **kw)  # type: ignore[arg-type]


def meeting(*sessions: Session) -> Meeting:
    return Meeting(102, "Montreal", "America/Montreal", date(2018, 7, 14), date(2018, 7, 20), sessions)


def test_pairing_keeps_ids_of_sessions_that_moved():
    old = [sess("dnsop", 18, 9, "A", "102-dnsop-1"), sess("dnsop", 19, 18, "B", "102-dnsop-2")]
    new = [sess("dnsop", 16, 9, "C"), sess("dnsop", 19, 18, "B"), sess("dnsop", 18, 13, "A")]
    ids = {(s.date.day, s.start.hour): s.id for s in changes.keep_ids(old, new, 102)}
    # Thursday's session is unchanged; Wednesday's is the one that moved (same day, same
    # room beats another day); the new Monday session gets the next free number
    assert ids == {(19, 18): "102-dnsop-2", (18, 13): "102-dnsop-1", (16, 9): "102-dnsop-3"}


def test_diff_kinds_and_picks_first():
    old = meeting(sess("dmm", 17, 9, "Salon A", "d"), sess("tls", 16, 13, "B", "t"),
                  sess("suit", 18, 9, "C", "s"), sess("6man", 16, None, "", "6"))
    new = meeting(sess("dmm", 17, 9, "Van Horne", "d"), sess("tls", 16, 13, "B", "t", status="cancelled"),
                  sess("6man", 16, 9, "D", "6"), sess("teep", 20, 9, "E", "n"))
    report = changes.diff(old, new, {"d", "s"})
    got = [(c.change, c.session.group, c.pick, c.fields) for c in report.changes]
    assert got == [
        ("moved", "dmm", True, ("room",)),
        ("removed", "suit", True, ()),
        ("detailed", "6man", False, ("time", "room")),
        ("cancelled", "tls", False, ()),
        ("added", "teep", False, ()),
    ]
    zone = new.tz
    assert describe(report.changes[0], zone) == \
        "your pick DMM moved from Salon A to Van Horne (Tue 17 Jul 09:00–11:00)"
    assert describe(report.changes[1], zone) == "your pick SUIT removed (was Wed 18 Jul 09:00–11:00 in C)"
    assert describe(report.changes[3], zone) == "TLS on Mon 16 Jul 13:00–15:00 is cancelled"


def test_moves_across_a_dst_change_are_shown_in_local_time():
    """Autumn clock change (America/Montreal, 4 Nov 2018): a session at 13:00 EDT on
    Saturday and 13:00 EST on Monday is at the same wall-clock time; the instants differ by
    25 hours, not 24 + 1 'move'."""
    before = Session(meeting=103, id="x", group="g", date=date(2018, 11, 3),
                     start=Z.localize(datetime(2018, 11, 3, 13)), end=None)
    after = Session(meeting=103, id="x", group="g", date=date(2018, 11, 5),
                    start=Z.localize(datetime(2018, 11, 5, 13)), end=None)
    old = Meeting(103, "", "America/Montreal", date(2018, 11, 3), date(2018, 11, 9), (before,))
    new = Meeting(103, "", "America/Montreal", date(2018, 11, 3), date(2018, 11, 9), (after,))
    (c,) = changes.diff(old, new).changes
    assert describe(c, new.tz) == "G moved from Sat 03 Nov 13:00 to Mon 05 Nov 13:00"


def test_reimport_reports_changes_keeps_ids_and_a_backup(tmp_path):
    out = tmp_path / "ietf102.yaml"
    first = run(DT / "ietf102-agenda.json", output=str(out)).meeting
    v1 = out.read_bytes()
    second = run(DT / "ietf102-agenda-v2.json", output=str(out))
    assert second.written and second.backup == tmp_path / "ietf102.yaml.bak"
    assert second.backup.read_bytes() == v1
    got = {(c.change, c.session.group, c.fields) for c in second.report.changes}
    assert got == {("moved", "dmm", ("room",)), ("moved", "6man", ("time",)), ("cancelled", "v6ops", ()),
                   ("removed", "suit", ()), ("added", "teep", ()), ("moved", "dnsop", ("end",))}
    # the same session keeps the same id, so picks keep pointing at it
    assert by_group(first)["dmm"][0].id == by_group(second.meeting)["dmm"][0].id
    # importing the same agenda again changes nothing and writes nothing
    (tmp_path / "ietf102.yaml.bak").unlink()
    third = run(DT / "ietf102-agenda-v2.json", output=str(out))
    assert not third.written and third.report.changes == [] and not (tmp_path / "ietf102.yaml.bak").exists()


@pytest.fixture
def picks_dmm(monkeypatch):
    """The user picked DMM (picks are another module's job: stand in for it)."""
    import ietfplan.plan.picks as picks

    monkeypatch.setattr(picks, "picked_ids", lambda folder, m: {s.id for s in m.sessions if s.group == "dmm"})


def test_cli_calls_out_picks_first_and_check_exits_1(tmp_path, picks_dmm):
    out = tmp_path / "m.yaml"
    runner = CliRunner()
    r1 = runner.invoke(app, ["import", str(DT / "ietf102-agenda.json"), "-o", str(out)])
    assert r1.exit_code == 0, r1.output
    r2 = runner.invoke(app, ["import", str(DT / "ietf102-agenda-v2.json"), "-o", str(out), "--check"])
    assert r2.exit_code == 1, r2.output
    lines = r2.stdout.splitlines()
    pick_line = next(i for i, line in enumerate(lines) if "your pick" in line)
    table_line = next(i for i, line in enumerate(lines) if "Change" in line and "Session" in line)
    assert pick_line < table_line
    assert lines[pick_line].strip() == \
        "your pick DMM moved from Van Horne to Notre Dame (Tue 17 Jul 09:30–12:00)"
    assert "1 of your picks affected" in r2.stdout


def test_check_exits_0_when_no_pick_changed(tmp_path, monkeypatch):
    import ietfplan.plan.picks as picks

    monkeypatch.setattr(picks, "picked_ids", lambda folder, m: {s.id for s in m.sessions if s.group == "t2trg"})
    out = tmp_path / "m.yaml"
    runner = CliRunner()
    runner.invoke(app, ["import", str(DT / "ietf102-agenda.json"), "-o", str(out)])
    r = runner.invoke(app, ["import", str(DT / "ietf102-agenda-v2.json"), "-o", str(out), "--check"])
    assert r.exit_code == 0, r.output
    assert "your pick" not in r.stdout and "3 moved" in r.stdout


def test_json_report(tmp_path, picks_dmm):
    out = tmp_path / "m.yaml"
    runner = CliRunner()
    runner.invoke(app, ["import", str(DT / "ietf102-agenda.json"), "-o", str(out)])
    r = runner.invoke(app, ["import", str(DT / "ietf102-agenda-v2.json"), "-o", str(out), "--format", "json"])
    assert r.exit_code == 0, r.output
    obj = json.loads(r.stdout)
    assert obj["file"] == str(out) and obj["backup"] == str(out) + ".bak" and obj["written"] is True
    assert obj["summary"] == {"cancelled": 1, "rescheduled": 0, "moved": 3, "status": 0, "added": 1,
                              "removed": 1, "detailed": 0, "materials": 0,
                              "picks_affected": 1}
    dmm = obj["changes"][0]
    assert dmm["pick"] is True and dmm["group"] == "dmm" and dmm["fields"] == ["room"]
    assert dmm["before"]["room"] == "Van Horne" and dmm["after"]["room"] == "Notre Dame"
    assert dmm["after"]["start"] == "2018-07-17T09:30:00-04:00"
    added = next(c for c in obj["changes"] if c["change"] == "added")
    assert added["before"] is None and added["after"]["group"] == "teep"


def test_unavailable_picks_mean_no_picks(tmp_path):
    """plan.picks.picked_ids may still raise 'not available yet': the import goes on."""
    out = tmp_path / "m.yaml"
    run(DT / "ietf102-agenda.json", output=str(out))
    report = run(DT / "ietf102-agenda-v2.json", output=str(out)).report
    assert report.changes and not report.picks_affected


def test_first_import_over_the_bundled_preview_compares_with_it(tmp_path):
    """No file yet at the default place: the meeting in effect (bundled data) is the
    previous version, and its ids carry over so picks made on it keep working."""
    outcome = run(DT / "ietf102-agenda.json")
    assert outcome.path.name == "ietf102.yaml" and outcome.path.parent.name == "meetings"
    assert outcome.report.previous is not None and outcome.report.previous.path.endswith("data/ietf102.yaml")
    dmm = by_group(outcome.meeting)["dmm"][0]
    assert dmm.id == "102-dmm-1"
    assert not any(c.session.group == "dmm" for c in outcome.report.changes)  # same time and room


def test_unreadable_picks_are_a_warning_not_a_failure(tmp_path, monkeypatch):
    import ietfplan.plan.picks as picks
    from ietfplan.errors import DataError

    def broken(folder, meeting):
        raise DataError("unknown field 'grups'", path="picks/ietf102.yaml", line=2, column=1)

    out = tmp_path / "m.yaml"
    run(DT / "ietf102-agenda.json", output=str(out))
    monkeypatch.setattr(picks, "picked_ids", broken)
    outcome = run(DT / "ietf102-agenda-v2.json", output=str(out))
    assert outcome.written and outcome.report.changes and not outcome.report.picks_affected
    assert any("your picks could not be read" in w and "picks/ietf102.yaml:2:1" in w for w in outcome.warnings)
