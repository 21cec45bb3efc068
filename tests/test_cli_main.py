"""The program's outer shell: crashes, --debug, broken pipes, and what start-up imports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.helpers import SCRIPT

NOW = {"IETFPLAN_NOW": "2018-07-19T08:00-04:00"}
BOOM = ("import sys, ietfplan.app.context as c, ietfplan.plan.query as q\n"
        "def boom(*a, **k): raise RuntimeError('sur\\x1b[31mprise')\n"
        "q.run_query = boom\n"
        "c.AppContext.run_query = boom\n"
        "from ietfplan.cli import main\n"
        "main()\n")


def python(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **NOW, **(env or {})}, timeout=60)


def test_unexpected_exception_is_a_short_message_with_exit_70() -> None:
    proc = python(BOOM, "agenda")
    assert proc.returncode == 70
    assert "Traceback" not in proc.stderr
    assert "internal error (RuntimeError: sur\\x1b[31mprise)" in proc.stderr  # shown, not sent
    assert "\x1b" not in proc.stderr
    assert "issue tracker" in proc.stderr and "--debug" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize("how", [("--debug", "agenda"), ("agenda",)])
def test_debug_shows_the_traceback(how: tuple[str, ...]) -> None:
    env = {"IETFPLAN_DEBUG": "1"} if how == ("agenda",) else None
    proc = python(BOOM, *how, env=env)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "RuntimeError: sur" in proc.stderr


def test_user_errors_are_not_internal_errors() -> None:
    proc = subprocess.run([str(SCRIPT), "agenda", "--topic", "iott"], capture_output=True,
                          text=True, env={**os.environ, **NOW}, timeout=60)
    assert proc.returncode == 2 and "internal error" not in proc.stderr


def test_broken_pipe_is_silent() -> None:
    # `ietfplan agenda ... | head -c 1`: the reader goes away after one byte.
    proc = subprocess.Popen([str(SCRIPT), "agenda", "--meeting", "102", "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **NOW, "COLUMNS": "100"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(1)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    proc.wait(timeout=60)
    assert "Traceback" not in err and "Exception ignored" not in err and "BrokenPipe" not in err


@pytest.mark.parametrize("fmt", ["table", "json", "csv", "markdown"])
def test_output_cut_short_by_a_closed_pipe_exits_0(fmt: str, tmp_path: Path) -> None:
    # Far more than a pipe's buffer, so that the writes really fail (EPIPE).
    big = tmp_path / "big.yaml"
    big.write_text(_generate(3000), encoding="utf-8")
    proc = subprocess.Popen([str(SCRIPT), "agenda", "--file", str(big), "--format", fmt],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "COLUMNS": "100"})
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0, err  # rich's own handler would exit 1 for the table
    assert err == ""


def _generate(sessions: int) -> str:
    bench = Path(__file__).resolve().parents[1] / "bench"
    sys.path.insert(0, str(bench))
    try:
        from gen_meeting import generate
    finally:
        sys.path.remove(str(bench))
    text: str = generate(sessions)
    return text


@pytest.mark.parametrize(("args", "message"), [
    (["today", "--meeting", "x"], "'x' is not a valid integer."),
    (["today", "--format", "xml"], "'xml' is not one of 'table', 'json', 'csv', 'markdown'."),
])
def test_option_values_are_checked_with_clear_messages(args: list[str], message: str) -> None:
    proc = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True,
                          env={**os.environ, **NOW}, timeout=60)
    assert proc.returncode == 2 and message in proc.stderr


def test_options_still_work_after_the_start_up_shortcut() -> None:
    proc = subprocess.run([str(SCRIPT), "agenda", "--meeting", "102", "-t", "iot", "-t", "dns",
                           "--json", "--tz", "UTC", "--wg", "lpwan,dnsop"],
                          capture_output=True, text=True, env={**os.environ, **NOW}, timeout=60)
    assert proc.returncode == 0, proc.stderr
    groups = {s["group"] for s in json.loads(proc.stdout)}
    assert groups == {"lpwan", "dnsop"}


MODULES = ("pydantic", "icalendar", "dateutil.parser", "http.client", "urllib.request",
           "ietfplan.load.fastyaml")
PROBE = ("import sys\nfrom ietfplan.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
         f"print(','.join(m for m in {MODULES!r} if m in sys.modules), file=sys.stderr)\n")


@pytest.mark.parametrize("args", [("today", "--topic", "iot"), ("--help",),
                                  ("agenda", "--meeting", "102", "--format", "json")])
def test_start_up_path_imports_no_heavy_modules(args: tuple[str, ...]) -> None:
    proc = python(PROBE, *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1:] in ([], [""]), proc.stderr


GC_PROBE = ("import gc, sys\nimport ietfplan.cli.agenda as a\n"
            "print('import', gc.isenabled(), file=sys.stderr)\n"
            "run = a._run\n"
            "def probe(*args):\n"
            "    print('command', gc.isenabled(), file=sys.stderr)\n"
            "    run(*args)\n"
            "a._run = probe\n"
            "from ietfplan.cli import main\nmain()\n")


def test_the_collector_is_on_after_import_and_off_while_the_command_runs() -> None:
    # Importing ietfplan.cli (the library's users may) leaves the cyclic collector on;
    # main() turns it off for the whole short-lived process (see _without_cyclic_gc).
    proc = python(GC_PROBE, "today", "--topic", "iot")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines() == ["import True", "command False"]


def test_command_table_matches_what_the_modules_register() -> None:
    import importlib

    from ietfplan.cli import COMMANDS, MODULES
    from ietfplan.cli.declare import App

    found: dict[str, str] = {}
    for name in MODULES:
        app = App()
        importlib.import_module(f"ietfplan.cli.{name}").register(app)
        found.update(dict.fromkeys(app.group.commands, name))
    assert found == COMMANDS


@pytest.mark.parametrize(("args", "expected"), [
    (["today", "--topic", "iot"], ("agenda",)),
    (["--debug", "clashes"], ("clashes",)),
    (["--help"], None),
    (["--help", "today"], None),
    (["todya"], None),
    ([], None),
])
def test_only_the_needed_command_module_is_built(args: list[str], expected: tuple[str, ...] | None) -> None:
    from ietfplan.cli import MODULES, modules_for

    assert modules_for(args) == (expected or MODULES)
