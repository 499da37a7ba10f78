"""The package's shape, checked by the tests and not only by `make lint`.

- The import-linter contracts in pyproject.toml hold (layers, no Qt below the GUI, no
  cycles between sibling modules and packages).
- No import cycle at all among dossier's modules: the `acyclic_siblings` contract
  cannot see a cycle through a package's own `__init__` (dossier.cli importing
  dossier.cli.common importing dossier.cli), so the whole module graph is checked here,
  and a failure names the cycle.
- Imports are plain statements the linter can see: no `importlib.import_module` or
  `__import__` by name, which would hide an edge from every check above.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import dossier

PACKAGE = Path(dossier.__file__).resolve().parent  # src/dossier (this checkout's)
ROOT = Path(__file__).resolve().parents[1]  # where pyproject.toml is


def _lint_imports() -> str | None:
    here = Path(sys.executable).with_name("lint-imports")
    return str(here) if here.exists() else shutil.which("lint-imports")


def test_import_contracts_hold():
    exe = _lint_imports()
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[dev]')")
    # The linter must read this checkout's package, whatever the environment installed.
    path = [str(PACKAGE.parent), os.environ.get("PYTHONPATH", "")]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in path if p))
    run = subprocess.run(
        [exe, "--no-cache", "--no-logo"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def _cycles(graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    m = stack.pop()
                    on_stack.discard(m)
                    component.append(m)
                    if m == node:
                        break
                if len(component) > 1:
                    out.append(sorted(component))
    return out


def _describe(graph, component: list[str]) -> str:
    """One concrete cycle through the component, as `a -> b -> … -> a` with line numbers."""
    first = component[0]
    back = min(
        (
            chain
            for m in graph.find_modules_directly_imported_by(first)
            if m in component
            for chain in [graph.find_shortest_chain(importer=m, imported=first)]
            if chain
        ),
        key=len,
    )
    chain = [first, *back]
    steps = []
    for a, b in zip(chain, chain[1:], strict=False):
        lines = sorted(
            d["line_number"]
            for d in graph.get_import_details(importer=a, imported=b)
            if "line_number" in d
        )
        steps.append(f"{a} (line {lines[0] if lines else '?'}) -> {b}")
    return "\n  ".join(steps)


def test_no_import_cycles_among_dossier_modules():
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph("dossier", cache_dir=None)
    assert "dossier.gui.main_window" in graph.modules  # the graph is the real package
    cycles = _cycles(graph)
    assert not cycles, "import cycles:\n" + "\n".join(
        f"- {len(c)} modules: {_describe(graph, c)}" for c in cycles
    )


def test_the_cycle_finder_finds_a_cycle():
    """The check above must be able to fail: a three-module cycle is reported, named."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.ImportGraph()
    for a, b in (("p.a", "p.b"), ("p.b", "p.c"), ("p.c", "p.a"), ("p.c", "p.d")):
        graph.add_import(importer=a, imported=b, line_number=1, line_contents=f"import {b}")
    cycles = _cycles(graph)
    assert cycles == [["p.a", "p.b", "p.c"]]
    assert _describe(graph, cycles[0]).count("->") == 3


def _imports_by_name(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
        if name in ("import_module", "__import__", "find_spec"):
            found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {name}()")
    return found


def test_every_import_is_a_statement_the_linter_sees():
    found = [hit for p in sorted(PACKAGE.rglob("*.py")) for hit in _imports_by_name(p)]
    assert found == [], "imports by name hide an edge from the import checks:\n" + "\n".join(found)
