"""The package's folders are the pipeline's stages, and imports flow one way through them."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
# In the order data flows: a module may import its own stage and earlier ones, never a later one.
STAGES = ["common", "entries", "catalog", "pages", "outputs", "engine", "cli"]
# The command line shares the engine's memory policy, which imports nothing of MkDocs.
ALLOWED_LATER = {("cli", "generator.engine.gcpause")}


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def _imports(path: Path) -> list[str]:
    """Every module of the package this file imports, at the top or inside a function."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                      for a in node.names]
    return [name for name in found if name.split(".")[0] == "generator"]


def _stage(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


def test_every_module_sits_in_a_stage_folder_and_says_what_it_does():
    loose = [n for n in MODULES if _stage(n) is None and n not in ("generator", "generator.__main__")]
    assert not loose, f"modules outside the stage folders {STAGES}: {loose}"
    assert sorted({_stage(n) for n in MODULES} - {None}) == sorted(STAGES)
    undocumented = [n for n, p in MODULES.items() if n != "generator.__main__"
                    and not ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))]
    assert not undocumented, f"modules without a docstring: {undocumented}"


def test_no_module_uses_relative_imports():
    # Absolute imports name the stage they reach into, which is what the direction test reads.
    relative = [n for n, p in MODULES.items() for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
                if isinstance(node, ast.ImportFrom) and node.level]
    assert not relative


def test_no_stage_imports_a_later_one():
    upward = []
    for name, path in MODULES.items():
        mine = _stage(name)
        if mine is None:
            continue
        for target in _imports(path):
            theirs = _stage(target)
            if theirs and STAGES.index(theirs) > STAGES.index(mine) and (mine, target) not in ALLOWED_LATER:
                upward.append(f"{name} → {target}")
    assert not upward, "imports against the flow:\n" + "\n".join(upward)


def test_the_import_graph_has_no_circle():
    graph = {n: {t for t in _imports(p) if t in MODULES and t != n} for n, p in MODULES.items()}
    # A package's __init__ importing its own modules is how Python packages work, not a circle.
    for n in graph:
        graph[n] = {t for t in graph[n] if not n.startswith(t + ".") and not t.startswith(n + ".")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            pytest.fail("import circle: " + " → ".join(cycle))


def test_only_the_engine_adapter_imports_mkdocs():
    offenders = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            if any(n.split(".")[0] in ("mkdocs", "material", "properdocs") for n in names):
                offenders.add(name)
    assert offenders == {"generator.engine.mkdocs_plugin"}


def test_the_direction_test_sees_an_upward_import(tmp_path):
    # The checker itself must fail on a violation, or the tests above prove nothing.
    fake = tmp_path / "m.py"
    fake.write_text('"""x"""\nfrom generator.outputs import feeds\n', encoding="utf-8")
    targets = _imports(fake)
    assert "generator.outputs.feeds" in targets and _stage(targets[0]) == "outputs"
    assert STAGES.index(_stage(targets[0])) > STAGES.index("entries")
