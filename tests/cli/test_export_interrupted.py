"""An export stopped part-way (killed, disk full) and run again writes the same file as
one that was never stopped (the flaky tests/test_kill_export.py, issue 15 item 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import invoke


class Killed(BaseException):
    """The process ending at this point (SIGKILL, power cut): nothing after runs."""


NOW_1 = "2018-07-01T12:00Z"
NOW_2 = "2018-07-01T12:05Z"


def test_an_export_stopped_while_writing_then_run_again(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import ietfplan.fsutil

    reference = tmp_path / "reference.ics"
    out = tmp_path / "ietf.ics"
    # What one uninterrupted export at NOW_1 writes (in its own ietfplan home).
    monkeypatch.setenv("IETFPLAN_HOME", str(tmp_path / "other-home"))
    assert invoke("export", "-m", "102", "-o", str(reference), env={"IETFPLAN_NOW": NOW_1}).exit_code == 0
    monkeypatch.setenv("IETFPLAN_HOME", str(tmp_path / "home"))

    real = ietfplan.fsutil.atomic_write

    def killed(path: Path, data: bytes, **options: object) -> None:
        if Path(path) == out:
            raise Killed  # the process dies while it replaces the calendar
        real(path, data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(ietfplan.fsutil, "atomic_write", killed)
    with pytest.raises(Killed):
        invoke("export", "-m", "102", "-o", str(out), env={"IETFPLAN_NOW": NOW_1})
    monkeypatch.setattr(ietfplan.fsutil, "atomic_write", real)
    assert not out.exists()
    again = invoke("export", "-m", "102", "-o", str(out), env={"IETFPLAN_NOW": NOW_2})
    assert again.exit_code == 0, again.stderr
    # The same events, stamped as the first attempt stamped them, byte for byte.
    assert out.read_bytes() == reference.read_bytes()
