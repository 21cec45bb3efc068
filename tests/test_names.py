"""Names say what they hold: no one-letter name is bound anywhere in the package except
as the target of a comprehension (``[s.group for s in sessions]``) or the throwaway ``_``.

Every way Python binds a name is checked, read from the source with ``ast``: assignments
(plain, annotated, augmented, walrus, unpacking), ``for`` and ``with ... as`` targets,
``except ... as``, function and lambda parameters, function and class names, import
aliases, ``global``/``nonlocal`` and match-pattern captures.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "ietfplan"


def _target_names(target: ast.AST) -> Iterator[tuple[str, int]]:
    if isinstance(target, ast.Name):
        yield target.id, target.lineno
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from _target_names(element)
    elif isinstance(target, ast.Starred):
        yield from _target_names(target.value)


def _parameters(args: ast.arguments) -> Iterator[tuple[str, int]]:
    every = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    every += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    for arg in every:
        yield arg.arg, arg.lineno


def bound_names(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """(name, line) for every binding outside comprehension targets."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            for target in node.targets:
                yield from _target_names(target)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.NamedExpr, ast.For, ast.AsyncFor)):
            yield from _target_names(node.target)
        elif isinstance(node, ast.withitem) and node.optional_vars is not None:
            yield from _target_names(node.optional_vars)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            yield node.name, node.lineno
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node.name, node.lineno
            yield from _parameters(node.args)
        elif isinstance(node, ast.Lambda):
            yield from _parameters(node.args)
        elif isinstance(node, ast.ClassDef):
            yield node.name, node.lineno
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                yield alias.asname or alias.name.split(".")[0], node.lineno
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            for name in node.names:
                yield name, node.lineno
        elif isinstance(node, (ast.MatchAs, ast.MatchStar)) and node.name:
            yield node.name, node.lineno
        elif isinstance(node, ast.MatchMapping) and node.rest:
            yield node.rest, node.lineno


def one_letter_names(source: str) -> list[tuple[str, int]]:
    return [(name, line) for name, line in bound_names(ast.parse(source))
            if len(name) == 1 and name != "_"]


def test_the_checker_sees_every_kind_of_binding() -> None:
    """Each binding form is found, and comprehension targets and ``_`` are not."""
    source = (
        "import a\nfrom m import b\nfrom m import x as c\n"
        "d = 1\ne: int = 2\nf += 1\n(g := 3)\nh, (i, *j) = k\n"
        "for l in m: pass\nwith n as o: pass\n"
        "try: pass\nexcept E as p: pass\n"
        "def q(r, /, s, *t, u, **v): global w\nclass X: pass\n"
        "lambda y: y\n"
        "match z:\n    case [A, *B]: pass\n    case {**C}: pass\n"
        "[aa for aa in bb]\n{cc: dd for cc, dd in ee}\n_ = 1\nfor _ in m: pass\n"
    )
    found = {name for name, _ in one_letter_names(source)}
    expected = set("abcdefghijlopqrstuvwXyABC")
    assert found == expected


def test_no_one_letter_names_in_the_package() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {name}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for name, line in one_letter_names(path.read_text(encoding="utf-8"))
    ]
    if not PACKAGE.is_dir():
        pytest.fail(f"no package at {PACKAGE}")
    assert not offenders, "one-letter names outside comprehensions:\n" + "\n".join(offenders)
