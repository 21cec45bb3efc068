"""`ietfplan import` end to end: stdin, output files, validate/meetings/agenda, errors."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from import_helpers import DT, ISOC
from tests.conftest import app_context


def invoke(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def test_stdin_with_forced_format_then_validate_and_agenda(tmp_path):
    text = (DT / "ietf102-agenda-utc.csv").read_text(encoding="utf-8")
    r = invoke("import", "-", "--from", "csv-utc", stdin=text)
    assert r.exit_code == 0, r.output
    written = app_context().folders.meetings / "ietf102.yaml"
    assert written.is_file() and "<stdin>" in written.read_text(encoding="utf-8")
    r = invoke("validate", str(written))
    assert r.exit_code == 0 and "ok — IETF 102 Montreal, 14 sessions" in r.stdout
    r = invoke("agenda", "thu", "--meeting", "102", "--json")
    assert r.exit_code == 0 and '"group": "t2trg"' in r.stdout and '"start": "2018-07-19T21:00:00-04:00"' in r.stdout


def test_stdin_csv_read_as_local_time_unless_told(tmp_path):
    """agenda.csv and agenda-utc.csv look the same: from stdin the times are local."""
    text = (DT / "ietf102-agenda.csv").read_text(encoding="utf-8")
    r = invoke("import", "-", "-o", str(tmp_path / "m.yaml"), "--format", "json", stdin=text)
    assert r.exit_code == 0, r.output
    assert '"format": "Datatracker agenda.csv"' in r.stdout


def test_isoc_list_import_output(tmp_path):
    out = tmp_path / "isoc.yaml"
    r = invoke("import", str(ISOC / "ietf102-hot-topics.txt"), "-o", str(out))
    assert r.exit_code == 0, r.output
    first = r.stdout.splitlines()[0]
    assert first == f"IETF 102 Montreal: wrote {out} (1 session from ISOC-style session list)"
    assert 'room: "Van Horne"' in out.read_text(encoding="utf-8")


def test_bad_input_is_one_message_exit_2_no_traceback(tmp_path):
    src = tmp_path / "agenda.csv"
    src.write_text('"Date","Start","End","Session","Room","Area","Acronym","Type","Description"\r\n'
                   '"2018-07-17","0930","1200","Tuesday Session I","Van Horne","INT","dmm","WG","DMM"\r\n'
                   '"2018-07-17","9:30","1200","Tuesday Session I","Van Horne","INT","dmm","WG","DMM"\r\n',
                   encoding="utf-8")
    r = invoke("import", str(src), "--meeting", "102", "-o", str(tmp_path / "m.yaml"))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert f"{src}:3:14: error: Start '9:30' is not a time like 0930 (HHMM)" in r.stderr
    assert not (tmp_path / "m.yaml").exists()


def test_markup_and_escapes_in_data_are_not_interpreted(tmp_path):
    out = tmp_path / "m.yaml"
    for room in ("Van Horne", "Notre Dame"):
        src = tmp_path / "l.txt"
        src.write_text("IETF 102\nTuesday, 17 July 2018\n"
                       f"  • [bold red]Evil[/] \x1b[2J (dmm) – {room} @ 09.30-12.00 UTC-4\n", encoding="utf-8")
        r = invoke("import", str(src), "-o", str(out))
        assert r.exit_code == 0, r.output
    assert "\x1b" not in r.stdout
    assert "[bold red]Evil[/] \\x1b[2J" in r.stdout  # shown as text, the escape made visible
    assert "DMM moved from Van Horne to Notre Dame" not in r.stdout  # no picks: in the table
    assert "moved" in r.stdout and "Notre Dame" in r.stdout


@pytest.mark.parametrize("argv", [["--help"], ["today", "--meeting", "102"], ["import", "--help"]])
def test_start_up_does_not_import_icalendar_or_the_importers(argv):
    code = (f"import sys\nfrom ietfplan.cli import main\nsys.argv=['ietfplan', *{argv!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "bad=[m for m in sys.modules if m.startswith(('icalendar','ietfplan.load.importers',"
            "'ietfplan.load.fetch','urllib.request','http.client'))]\nprint('LOADED', bad)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.stdout.strip().splitlines()[-1] == "LOADED []", r.stdout + r.stderr


def test_import_help_lists_the_options():
    r = invoke("import", "--help")
    for option in ("--meeting", "--output", "--from", "--timezone", "--offline", "--check", "--format"):
        assert option in r.stdout


def _agenda(*args: str) -> list[dict[str, object]]:
    import json

    r = invoke("agenda", "-m", "102", "--json", *args)
    assert r.exit_code == 0, r.stderr
    rows: list[dict[str, object]] = json.loads(r.stdout)
    return rows


def test_partial_list_warns_and_merge_keeps_the_rest(tmp_path):
    post = tmp_path / "post.txt"
    post.write_text("Tuesday, 17 July 2018\n\n"
                    "  • Distributed Mobility Management (dmm) – Salon A @ 09.30-12.00 UTC-4\n"
                    "  • IPv6 Maintenance (6man) – Salon B @ 13.30-15.00 UTC-4\n", encoding="utf-8")
    before = {row["id"] for row in _agenda()}
    r = invoke("import", str(post), "--meeting", "102", "--merge")
    assert r.exit_code == 0, r.stderr
    after = {row["id"]: row for row in _agenda()}
    assert before <= set(after)  # nothing of the bundled preview is lost
    assert after["102-dmm-1"]["room"] == "Salon A"  # the listed session is updated in place
    # Tuesday's 6MAN of the preview (09:30, no room) is paired with the listed one: moved.
    assert set(after) == before
    assert (after["102-6man-2"]["room"], str(after["102-6man-2"]["start"])[11:16]) == ("Salon B", "13:30")
    assert "moved" in r.stdout and "removed" not in r.stdout

    r = invoke("import", str(post), "-m", "102")  # without --merge: a warning, and the rest is replaced
    assert r.exit_code == 0
    assert "if it is a partial list (an ISOC post), import it with --merge" in r.stderr
    assert len(_agenda()) == 2
