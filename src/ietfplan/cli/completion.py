"""Tab completion: the shell scripts (--show-completion, --install-completion) and the
values offered for groups, topics, zones, meeting numbers and session ids.

The shell asks by running ``ietfplan`` with ``_IETFPLAN_COMPLETE`` set (click's shell
completion); nothing here runs, and nothing heavy is imported, on an ordinary command.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ietfplan.errors import FileError, IetfplanError, UsageError

if TYPE_CHECKING:
    from ietfplan.app import AppContext
    from ietfplan.model import Meeting

PROG = "ietfplan"
COMPLETE_VAR = "_IETFPLAN_COMPLETE"
SHELLS = ("bash", "zsh", "fish")


def _shell(name: str) -> str:
    """The shell asked for; 'auto' (or '') means the login shell, $SHELL."""
    word = name.strip().lower()
    if word in ("", "auto"):
        word = Path(os.environ.get("SHELL", "")).name
        if word not in SHELLS:
            raise UsageError(f"cannot tell which shell you use (SHELL={word or 'unset'})",
                             hint="name it: --install-completion bash (or zsh, fish)")
    if word not in SHELLS:
        from ietfplan.suggest import hint_for

        raise UsageError(f"no completion for shell '{name}'",
                         hint=hint_for(word, list(SHELLS), "shell") or "use bash, zsh or fish")
    return word


def script(shell: str) -> str:
    """The completion script click writes for ``shell``, for the whole program."""
    from click.shell_completion import get_completion_class

    root = click.get_current_context().find_root().command
    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click knows all of SHELLS
        raise UsageError(f"no completion for shell '{shell}'")
    return cls(root, {}, PROG, COMPLETE_VAR).source()


def print_script(name: str) -> None:
    """--show-completion: print the script (for users who keep their own rc files)."""
    shell = _shell_or_exit(name)
    click.echo(script(shell))


def _shell_or_exit(name: str) -> str:
    import sys

    try:
        return _shell(name)
    except IetfplanError as exc:
        sys.stderr.write(exc.format() + "\n")
        raise click.exceptions.Exit(exc.exit_code) from None


def targets(shell: str, home: Path) -> tuple[Path, Path | None, str]:
    """Where the script goes, which rc file loads it (None: the shell finds it), and the
    line that loads it."""
    if shell == "fish":
        return home / ".config" / "fish" / "completions" / f"{PROG}.fish", None, ""
    if shell == "zsh":
        path = home / ".zfunc" / f"{PROG}-completion.zsh"
        line = f"autoload -Uz compinit && compinit; source {path}"
        return path, home / ".zshrc", line
    path = home / ".bash_completions" / f"{PROG}.sh"
    return path, home / ".bashrc", f"source {path}"


def install(name: str) -> None:
    """--install-completion: write the script and make the shell load it (once)."""
    import sys

    from ietfplan.fsutil import atomic_write

    shell = _shell_or_exit(name)
    home = Path(os.environ.get("HOME") or Path.home())
    path, rc_file, line = targets(shell, home)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, script(shell).encode())
        if rc_file is not None:
            text = rc_file.read_text(encoding="utf-8") if rc_file.exists() else ""
            if line not in text:
                atomic_write(rc_file, (text + ("" if text.endswith("\n") or not text else "\n")
                                       + f"# tab completion for {PROG}\n{line}\n").encode())
    except OSError as exc:
        err = FileError(f"cannot install completion in {path}: {exc.strerror or exc}")
        sys.stderr.write(err.format() + "\n")
        raise click.exceptions.Exit(err.exit_code) from None
    where = f" (loaded by {rc_file})" if rc_file is not None else ""
    sys.stderr.write(f"{shell} completion installed in {path}{where}; "
                     "it works in shells started from now on.\n")


# Values: each takes click's context (the options typed so far) and the word being typed.


def _app() -> AppContext:
    """The application context (completion runs before any command does)."""
    from ietfplan.app import AppContext

    return AppContext.from_environ(os.environ)


def _meeting(ctx: click.Context) -> Meeting | None:
    """The meeting the command line is about: its --meeting/--file, else the current one."""
    app = _app()
    files = ctx.params.get("file")
    number = ctx.params.get("meeting")
    if files:
        return app.catalog.load_file(files[0] if isinstance(files, list | tuple) else files)
    if isinstance(number, int):
        return app.catalog.by_number(number)
    return app.catalog.choose(app.now)[0]


def meeting_numbers(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        found = _app().catalog.headers  # the index: no meeting is read
    except IetfplanError:
        return []
    return [(str(m.number), m.title) for m in found if str(m.number).startswith(incomplete)]


def topic_names(ctx: click.Context, incomplete: str) -> list[tuple[str, str]]:
    try:
        index = _app().catalog.topics
    except IetfplanError:
        return []
    word = incomplete.lower()
    out: list[tuple[str, str]] = []
    for topic in index.topics:
        for name in (topic.key, *topic.aliases):
            if name.lower().startswith(word):
                out.append((name, topic.title))
    return out


def groups(ctx: click.Context, incomplete: str) -> list[str]:
    try:
        meeting = _meeting(ctx)
    except IetfplanError:
        return []
    word = incomplete.lower()
    return [g for g in meeting.groups if g.startswith(word)] if meeting else []


def picks(ctx: click.Context, incomplete: str) -> list[str]:
    """pick add/remove: group acronyms, then session ids once the word has a digit."""
    try:
        meeting = _meeting(ctx)
    except IetfplanError:
        return []
    if meeting is None:
        return []
    word = incomplete.lower()
    names = [g for g in meeting.groups if g.startswith(word)]
    if any(ch.isdigit() for ch in word) or not names:
        names += [s.id for s in meeting.sessions if s.id.startswith(word)]
    return names


def zones(ctx: click.Context, incomplete: str) -> list[str]:
    """IANA names, cities, and the words 'UTC', 'local', 'meeting'."""
    import pytz

    word = incomplete.lower()
    words = ["UTC", "local", "meeting", *pytz.common_timezones]
    out = [z for z in words if z.lower().startswith(word)]
    if "/" not in word and word:
        out += [z for z in pytz.common_timezones
                if "/" in z and z.rsplit("/", 1)[1].lower().startswith(word.replace(" ", "_"))
                and z not in out]
    return out


def setting_keys(ctx: click.Context, incomplete: str) -> list[str]:
    return [k for k in ("tz", "night", "datatracker") if k.startswith(incomplete.lower())]
