"""The toolkit's modules import one another without a cycle (developers' guide: "No import
cycles"). Read from the source with ast, so that an import inside a function counts as
much as one at the top: a cycle that only a deferred import keeps from failing is still a
cycle. A package's own ``__init__`` importing its modules is how a package re-exports, not
a cycle with them."""

from __future__ import annotations

import ast
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _modules() -> dict[str, tuple[Path, bool]]:
    """Dotted name -> (file, is a package's __init__)."""
    modules = {}
    for path in sorted((SCRIPTS / "edition").rglob("*.py")):
        parts = list(path.relative_to(SCRIPTS).with_suffix("").parts)
        package = parts[-1] == "__init__"
        if package:
            parts.pop()
        modules[".".join(parts)] = (path, package)
    return modules


def _imports(name: str, path: Path, package: bool, modules: dict) -> set[str]:
    """The modules of the toolkit that ``name`` imports, anywhere in its code."""

    def known(dotted: str) -> str | None:
        while dotted and dotted not in modules:
            dotted = dotted.rpartition(".")[0]
        return dotted or None

    here = name if package else name.rpartition(".")[0]
    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(known(a.name) for a in node.names if a.name.split(".")[0] == "edition")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                target = f"{base}.{node.module}" if node.module else base
            elif (node.module or "").split(".")[0] == "edition":
                target = node.module or ""
            else:
                continue
            for alias in node.names:
                found.add(known(f"{target}.{alias.name}") or known(target))
    # a module's own packages are imported by Python before it, whatever it says
    return {m for m in found if m and m != name and not name.startswith(m + ".")}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return cycles


def test_no_module_of_the_toolkit_is_part_of_an_import_cycle() -> None:
    modules = _modules()
    graph = {name: _imports(name, path, package, modules) for name, (path, package) in modules.items()}
    assert len(graph) > 50 and sum(map(len, graph.values())) > 100  # the source was read
    assert _cycles(graph) == []


def test_the_check_sees_a_cycle_where_there_is_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
