"""Commands declared as typed Python functions, built into click commands.

A command is a function whose parameters are annotated ``Annotated[T, Option(...)]`` or
``Annotated[T, Argument(...)]``; ``App.command()`` turns it into a ``click.Command``
with click's public API only.  ``T`` is one of ``str``, ``int``, ``float``, ``bool`` (a
flag), an ``Enum`` of strings (a choice), ``X | None`` or ``list[X]`` of these (a
repeatable option, or an argument taking any number of words).

Why not typer: recent typer coerces every value through a pydantic ``TypeAdapter``
(importing pydantic and building a schema per option was half of ``ietfplan today``),
and the only way around it was to patch typer's private modules.  click does what
ietfplan needs (parsing, help, shell completion) with a stable public API; this module
is the ~200 lines that read the annotations.

A command module written for typer ports by replacing ``typer.Option(`` / ``typer.Argument(``
with ``Option(`` / ``Argument(`` (same names, help, metavar), ``typer.Typer(...)`` with
``App(...)``, ``app.add_typer(sub, name=N)`` with ``app.add_group(sub, N)`` and
``typer.Exit`` with ``Exit``; ``complete=`` gives an option's values to tab completion.

Help is click's plain text (arguments with their help, click >= 8.5), no Python type
names; a command's summary in a group's list is the first sentence of its docstring,
never cut with "...".
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import click
from click.exceptions import Exit
from click.shell_completion import CompletionItem

__all__ = ["App", "Argument", "Completer", "Exit", "Option"]

CommandFunc = TypeVar("CommandFunc", bound=Callable[..., Any])
# (context, incomplete word) -> candidate values, or (value, description) pairs
Completer = Callable[[click.Context, str], Sequence["str | tuple[str, str]"]]

CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["--help", "-h"], "max_content_width": 100}


class Option:
    """An option of a command: its names (``"--topic", "-t"``) and how --help shows it."""

    def __init__(self, *decls: str, help: str = "", metavar: str | None = None,
                 show_default: bool | None = None, is_eager: bool = False,
                 callback: Callable[[Any], Any] | None = None, hidden: bool = False,
                 complete: Completer | None = None, flag_value: str | None = None) -> None:
        self.decls = decls
        self.flag_value = flag_value  # the value when the option is given without one
        self.help = help
        self.metavar = metavar
        self.show_default = show_default
        self.is_eager = is_eager
        self.callback = callback
        self.hidden = hidden
        self.complete = complete


class Argument:
    """A positional argument of a command."""

    def __init__(self, *, help: str = "", metavar: str | None = None,
                 show_default: bool | None = None, complete: Completer | None = None) -> None:
        self.help = help
        self.metavar = metavar
        self.show_default = show_default
        self.complete = complete


def first_sentence(text: str) -> str:
    """The summary of a docstring: its first sentence (up to '. '), whole."""
    paragraph = inspect.cleandoc(text).split("\n\n")[0].replace("\n", " ")
    return paragraph.partition(". ")[0].rstrip(".") + "."


class Group(click.Group):
    """Commands listed in the order they were added (click sorts them by name)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [a for a in get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _leaf_type(leaf: Any) -> click.ParamType[Any]:
    if isinstance(leaf, type) and issubclass(leaf, Enum):
        return click.Choice([str(member.value) for member in leaf])
    types_ = {str: click.STRING, int: click.INT, float: click.FLOAT, bool: click.BOOL}
    if leaf not in types_:
        raise TypeError(f"unsupported option type {leaf!r}")
    return types_[leaf]


def _shell_complete(complete: Completer | None) -> Any:
    if complete is None:
        return None

    def run(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        out = []
        for item in complete(ctx, incomplete):
            value, help_text = item if isinstance(item, tuple) else (item, None)
            out.append(CompletionItem(value, help=help_text))
        return out

    return run


class _Converter:
    """Turns click's value for one parameter back into what the function declared."""

    def __init__(self, leaf: Any, many: bool, default: Any) -> None:
        self.enum = leaf if isinstance(leaf, type) and issubclass(leaf, Enum) else None
        self.many = many
        self.default = default

    def __call__(self, value: Any) -> Any:
        if self.many:
            if not value:
                return self.default
            return [self.enum(v) if self.enum else v for v in value]
        if value is not None and self.enum is not None:
            return self.enum(value)
        return value


def _param(name: str, parameter: inspect.Parameter) -> tuple[click.Parameter, _Converter]:
    annotation = parameter.annotation
    info: Option | Argument | None = None
    if get_origin(annotation) is Annotated:
        annotation, *extras = get_args(annotation)
        info = next((e for e in extras if isinstance(e, Option | Argument)), None)
    if info is None:
        info = Option()
    annotation = _strip_optional(annotation)
    many = get_origin(annotation) is list
    leaf = _strip_optional(get_args(annotation)[0]) if many else annotation
    has_default = parameter.default is not inspect.Parameter.empty
    default = parameter.default if has_default else None
    convert = _Converter(leaf, many, default)
    if isinstance(info, Argument):
        metavar = (info.metavar or name.upper()) + ("..." if many else "")
        extra: dict[str, Any] = {"default": default} if has_default and not many else {}
        argument = click.Argument(
            [name], help=info.help,
            metavar=metavar if not has_default or metavar.startswith("[") else f"[{metavar}]",
            type=_leaf_type(leaf), nargs=-1 if many else 1, required=not has_default,
            shell_complete=_shell_complete(info.complete), **extra)
        return argument, convert
    decls = list(info.decls) or [f"--{name.replace('_', '-')}"]
    callback = None
    if info.callback is not None:
        user_callback = info.callback

        def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
            return user_callback(value)

    show_default = info.show_default
    if show_default is None:
        show_default = has_default and default not in (None, False, "", [], ())
    common: dict[str, Any] = {
        "help": info.help, "hidden": info.hidden, "is_eager": info.is_eager,
        "callback": callback, "show_default": show_default,
        "shell_complete": _shell_complete(info.complete),
    }
    if leaf is bool and not many:
        option = click.Option([*decls, name], is_flag=True, default=bool(default), **common)
    else:
        shown = default.value if isinstance(default, Enum) else default
        if info.flag_value is not None:
            common.update(is_flag=False, flag_value=info.flag_value)
        if has_default and not many:
            common["default"] = shown
        option = click.Option(
            [*decls, name], type=_leaf_type(leaf), multiple=many, metavar=info.metavar,
            required=not has_default, **common)
    return option, convert


def build_command(func: Callable[..., Any], name: str) -> click.Command:
    """The click command that calls ``func`` with the values its annotations ask for."""
    signature = inspect.signature(func, eval_str=True)
    params: list[click.Parameter] = []
    converters: dict[str, _Converter] = {}
    for pname, parameter in signature.parameters.items():
        param, convert = _param(pname, parameter)
        params.append(param)
        converters[pname] = convert

    def callback(**values: Any) -> Any:
        return func(**{k: converters[k](v) for k, v in values.items()})

    doc = inspect.getdoc(func) or ""
    return click.Command(name, callback=callback, params=params, help=doc,
               short_help=first_sentence(doc) if doc else None,
               context_settings=CONTEXT_SETTINGS)


class App:
    """A group of commands (the program itself, or ``pick``, ``config``)."""

    def __init__(self, name: str | None = None, help: str = "", no_args_is_help: bool = True
                 ) -> None:
        self.group = Group(name, help=help, short_help=first_sentence(help) if help else None,
                           no_args_is_help=no_args_is_help, context_settings=CONTEXT_SETTINGS)

    def command(self, name: str | None = None) -> Callable[[CommandFunc], CommandFunc]:
        def decorate(func: CommandFunc) -> CommandFunc:
            command_name = name or func.__name__.strip("_").replace("_", "-")
            self.group.add_command(build_command(func, command_name), command_name)
            return func

        return decorate

    def add_group(self, sub: App, name: str) -> None:
        sub.group.name = name
        self.group.add_command(sub.group, name)

    def callback(self) -> Callable[[CommandFunc], CommandFunc]:
        """The group's own options (given before the command name)."""

        def decorate(func: CommandFunc) -> CommandFunc:
            built = build_command(func, self.group.name or "")
            self.group.params = built.params
            self.group.callback = built.callback
            return func

        return decorate
