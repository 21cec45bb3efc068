"""The layering contract: cli → app → publish → render → plan → load → core.

A module may import from its own layer or the ones below it, never above — imports inside
functions and under ``if TYPE_CHECKING:`` included.  No two modules import each other
(directly or around a loop) at run time.  Below the application layer no module reads
the environment.  The import graph is read from the source with ``ast``, independently
of the code it checks.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ietfplan"

LAYERS = ("core", "load", "plan", "render", "publish", "app", "cli")  # lowest first
SUBPACKAGE_LAYER = {"load": "load", "plan": "plan", "render": "render", "publish": "publish",
                    "app": "app", "cli": "cli"}
TOP_LEVEL_LAYER = {"__main__": "cli"}  # every other top-level module is core

# The one place below the application layer that looks at the environment: which zone
# this machine is in (TZ, /etc/localtime) for `--tz local`.
ENVIRON_ALLOWED = {"ietfplan.zones"}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "core"
    if parts[1] in SUBPACKAGE_LAYER:
        return SUBPACKAGE_LAYER[parts[1]]
    return TOP_LEVEL_LAYER.get(parts[1], "core")


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """ids of import nodes inside ``if TYPE_CHECKING:`` blocks."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


def imports_of(path: Path, modules: set[str]) -> list[tuple[str, int, bool]]:
    """(imported ietfplan module, line, only for type checking) for every import in ``path``."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = _type_checking_nodes(tree)
    found: list[tuple[str, int, bool]] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        for target in targets:
            while target and target not in modules and "." in target:
                target = target.rpartition(".")[0]
            if target in modules and target != name:
                found.append((target, node.lineno, id(node) in typing_only))
    return found


def graph() -> dict[str, list[tuple[str, int, bool]]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {name: imports_of(path, modules) for name, path in paths.items()}


def test_the_graph_is_read() -> None:
    edges = graph()
    assert "ietfplan.model" in edges and "ietfplan.cli.agenda" in edges
    assert any(target == "ietfplan.app" or target.startswith("ietfplan.app.")
               for target, _, _ in edges["ietfplan.cli.common"])


def test_layers_only_import_downwards() -> None:
    wrong = []
    for module, targets in sorted(graph().items()):
        mine = LAYERS.index(layer_of(module))
        for target, line, _ in targets:
            if LAYERS.index(layer_of(target)) > mine:
                wrong.append(f"{module}:{line} ({layer_of(module)}) imports {target} "
                             f"({layer_of(target)})")
    assert not wrong, "imports against the layers:\n" + "\n".join(wrong)


def test_no_import_cycles() -> None:
    edges = {m: sorted({t for t, _, typing in ts if not typing}) for m, ts in graph().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in edges:
        if module not in index:
            visit(module)
    assert not cycles, f"modules that import each other: {cycles}"


@pytest.mark.parametrize("word", ["os.environ", "getenv", "Path.home", "expanduser"])
def test_no_environment_below_the_application_layer(word: str) -> None:
    readers = sorted(
        module_name(p) for p in PACKAGE.rglob("*.py")
        if LAYERS.index(layer_of(module_name(p))) < LAYERS.index("app")
        and word in p.read_text(encoding="utf-8") and module_name(p) not in ENVIRON_ALLOWED)
    assert not readers, f"{word} read below the application layer in {readers}"


def test_the_contract_catches_a_wrong_import(tmp_path: Path) -> None:
    """The checker itself: an upward import and a cycle in a made-up package are found."""
    fake = tmp_path / "ietfplan"
    (fake / "plan").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "plan" / "__init__.py").write_text("")
    (fake / "plan" / "a.py").write_text("def f():\n    from ietfplan.cli import x\n")
    global SRC
    saved = SRC
    SRC = tmp_path
    try:
        modules = {"ietfplan", "ietfplan.plan", "ietfplan.plan.a", "ietfplan.cli"}
        found = imports_of(fake / "plan" / "a.py", modules)
    finally:
        SRC = saved
    assert found == [("ietfplan.cli", 2, False)]
    assert LAYERS.index(layer_of("ietfplan.cli")) > LAYERS.index(layer_of("ietfplan.plan.a"))
