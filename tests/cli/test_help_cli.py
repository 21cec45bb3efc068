"""--help is true and readable: no Python types, whole summaries, one meaning per short
option, docs/cli.md generated from it; tab completion."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ietfplan.cli import app
from tests.cli.helpers import invoke, run

ROOT = Path(__file__).resolve().parents[2]


def every_command() -> list[tuple[list[str], click.Command]]:
    found: list[tuple[list[str], click.Command]] = []

    def walk(cmd: click.Command, path: list[str]) -> None:
        found.append((path, cmd))
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, [*path, name])

    walk(app, [])
    return found


COMMANDS = every_command()


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) or "ietfplan" for p, _ in COMMANDS])
def test_help_shows_no_python_types(path: list[str]) -> None:
    result = invoke(*path, "--help", env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for python_type in re.findall(r"<\w+(?:\[\w+\])?>|\{\w+\}|\b(?:INTEGER|TEXT|FLOAT)\b", result.stdout):
        # TEXT is --search's own metavar, named by the help line itself
        assert python_type == "TEXT" and "--search TEXT" in result.stdout, (python_type, result.stdout)
    assert "…" not in result.stdout and "..." not in re.sub(r"[A-Z\]]+\.\.\.", "", result.stdout)


def test_summaries_in_the_command_lists_are_whole_sentences() -> None:
    for path, cmd in COMMANDS:
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                summary = sub.get_short_help_str(limit=45)
                assert summary.endswith("."), (path, name, summary)
                assert not summary.endswith("..."), (path, name, summary)
                first = (sub.help or "").split("\n\n")[0].replace("\n", " ")
                assert first.startswith(summary.rstrip(".")), (name, summary)


def test_a_short_option_means_one_thing_everywhere() -> None:
    meaning: dict[str, set[str]] = {}
    for _, cmd in COMMANDS:
        for param in cmd.params:
            if isinstance(param, click.Option):
                longs = tuple(sorted(o for o in param.opts if o.startswith("--")))
                for short in (o for o in param.opts if not o.startswith("--")):
                    meaning.setdefault(short, set()).add(longs[0])
    assert meaning["-o"] == {"--output"}
    assert all(len(longs) == 1 for longs in meaning.values()), meaning


@pytest.mark.parametrize("command", [["agenda"], ["week"], ["meetings"]])
def test_minus_o_is_not_a_format(command: list[str]) -> None:
    result = invoke(*command, "-o", "json")
    assert result.exit_code == 2
    assert "No such option '-o'" in result.stderr


@pytest.mark.parametrize(("path", "wrong"), [
    (["now"], "--format"), (["next"], "--format"), (["export"], "publish"),
    (["export"], "Also show"), (["publish"], "Also show"), (["convert"], "csv"),
    (["convert"], "markdown"),
])
def test_help_promises_nothing_the_command_does_not_do(path: list[str], wrong: str) -> None:
    assert wrong not in invoke(*path, "--help").stdout


def test_the_cli_reference_is_up_to_date() -> None:
    from tools.cli_reference import TARGET, render

    assert TARGET.read_text(encoding="utf-8") == render(), \
        "docs/cli.md is stale: run python -m tools.cli_reference"


def test_the_cli_reference_documents_every_command() -> None:
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path, cmd in COMMANDS:
        assert f"## `{' '.join(['ietfplan', *path])}`" in text
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert param.help, (path, param.opts)


def complete(line: str, env: dict[str, str] | None = None) -> list[str]:
    words = line.split(" ")
    result = CliRunner().invoke(app, [], prog_name="ietfplan", env={
        "_IETFPLAN_COMPLETE": "bash_complete", "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1), **(env or {})})
    assert result.exit_code == 0, result.output
    return [row.partition(",")[2] for row in result.stdout.splitlines()]


def test_completion_of_commands_topics_groups_meetings_zones_and_session_ids() -> None:
    import yaml

    assert set(complete("ietfplan con")) == {"convert", "config"}
    topics = yaml.safe_load((ROOT / "data" / "topics.yaml").read_text(encoding="utf-8"))
    entries = topics["topics"] if isinstance(topics, dict) else topics
    iot = next(t for t in entries if t["key"] == "iot")
    assert {"iot", *[a for a in iot.get("aliases", []) if a.startswith("i")]} <= set(
        complete("ietfplan agenda --topic i"))
    meeting = yaml.safe_load((ROOT / "data" / "ietf101.yaml").read_text(encoding="utf-8"))
    lp_groups = {s["group"] for s in meeting["sessions"] if s["group"].startswith("lp")}
    assert set(complete("ietfplan agenda -m 101 --wg lp")) == lp_groups
    assert {"101", "102"} <= set(complete("ietfplan today -m 10"))
    assert complete("ietfplan convert 9:00 --to Asia/Tok") == ["Asia/Tokyo"]
    assert "Asia/Tokyo" in complete("ietfplan agenda --tz tok")
    ids = complete("ietfplan pick add -m 101 101-lpwan-")
    assert ids and all(i.startswith("101-lpwan-") for i in ids)


def test_show_and_install_completion(tmp_path: Path) -> None:
    shown = run("--show-completion", "bash", env={"SHELL": "/bin/bash"})
    assert shown.returncode == 0, shown.stderr
    assert "_IETFPLAN_COMPLETE=bash_complete" in shown.stdout
    auto = run("--show-completion", env={"SHELL": "/usr/bin/zsh"})
    assert "#compdef ietfplan" in auto.stdout
    home = tmp_path / "user"
    home.mkdir()
    (home / ".bashrc").write_text("alias ll='ls -l'\n")
    for _ in range(2):  # installing twice adds the line once
        done = run("--install-completion", env={"SHELL": "/bin/bash", "HOME": str(home)})
        assert done.returncode == 0, done.stderr
    script = home / ".bash_completions" / "ietfplan.sh"
    assert script.read_text().strip() == shown.stdout.strip()
    rc = (home / ".bashrc").read_text()
    assert rc.startswith("alias ll='ls -l'\n") and rc.count(f"source {script}") == 1
    bad = run("--show-completion", "tcsh")
    assert bad.returncode == 2 and "tcsh" in bad.stderr and "Traceback" not in bad.stderr


def test_completion_costs_nothing_when_unused() -> None:
    # The value completers are imported with the options they serve; importing them must
    # not load what only a completion needs (the zone list, the catalog, the app layer).
    import subprocess
    import sys

    probe = ("import sys\nbefore = set(sys.modules)\nimport ietfplan.cli.completion\n"
             "print(sorted(m for m in set(sys.modules) - before if m.startswith(('pytz', 'yaml', "
             "'ietfplan.app', 'ietfplan.load', 'ietfplan.zones'))))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("path", [["import"], ["validate"], ["config", "set"], ["config", "set", "tz"],
                                  ["convert"], ["publish"], ["pick", "remove"]])
def test_a_missing_argument_is_a_usage_error(path: list[str]) -> None:
    r = invoke(*path)
    assert r.exit_code == 2 and "Missing" in r.stderr


def test_no_typer_or_pydantic_on_any_command_path() -> None:
    # The CLI is click's public API (cli/declare.py): nothing of typer, no pydantic
    # schema per option (what cli/fastparams.py used to patch typer's internals to avoid).
    import subprocess
    import sys

    probe = ("import sys\nfrom ietfplan.cli import main\n"
             "sys.argv = ['ietfplan', *sys.argv[1:]]\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'pydantic')),"
             " file=sys.stderr)\n")
    for args in (["today", "--topic", "iot"], ["--help"], ["pick", "list", "-m", "102"]):
        proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True,
                              env={**__import__("os").environ, "IETFPLAN_NOW": "2018-07-19T08:00-04:00"})
        assert proc.stderr.strip().splitlines()[-1] == "[]", (args, proc.stderr)
    assert not (ROOT / "src" / "ietfplan" / "cli" / "fastparams.py").exists()


def test_help_names_only_options_that_exist() -> None:
    # "--json: Same as --format json" where there is no --format (now, next, show) was untrue.
    for path, cmd in COMMANDS:
        names = {o for p in cmd.params for o in getattr(p, "opts", [])}
        for param in cmd.params:
            for mentioned in re.findall(r"(--[a-z][a-z-]+)", getattr(param, "help", "") or ""):
                if mentioned == "--format":
                    assert mentioned in names, (path, param.name, param.help)
