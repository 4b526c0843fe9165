"""The arrows between the parts point one way: webapp → the engine's facade → document.

Read from the source (ast), so a new import in the wrong direction fails here, whatever runs.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACADE = "indexer.engine.search"
# Modules every part may import (the settings, the base error), because they import nothing of ours.
LEAVES = ("indexer.settings", "indexer.errors")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list:
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    return imports_of(path.read_text(encoding="utf-8"), package)


def imports_of(source: str, package: str) -> list:
    """(imported module, enclosing function or None) for every import in source, made absolute."""
    tree = ast.parse(source)
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inside = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Import):
                found.extend((alias.name, function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                found.extend((submodule_or(base, alias.name), function) for alias in child.names)
            visit(child, inside)

    visit(tree, None)
    return found


def submodule_or(package: str, name: str) -> str:
    """`from package import name`: the module package.name when there is one, else package."""
    candidate = ROOT.joinpath(*package.split("."), name)
    return f"{package}.{name}" if candidate.with_suffix(".py").exists() or candidate.is_dir() else package


def files(folder: str) -> list:
    return sorted((ROOT / folder).rglob("*.py"))


def offending(folder: str, allowed) -> list:
    return [f"{path.relative_to(ROOT)} imports {name}" for path in files(folder)
            for name, function in imports(path) if not allowed(name, function, path)]


def outside_engine(name: str) -> bool:
    """What callers of the engine may import from it: the facade only, and no Whoosh."""
    if name == "whoosh" or name.startswith("whoosh."):
        return False
    return not name.startswith("indexer.engine") or name == FACADE or name.startswith(FACADE + ".")


def test_the_web_app_uses_only_the_engine_facade():
    def allowed(name, function, path):
        if name in LEAVES:
            return True
        return outside_engine(name) and not name.startswith("indexer.document") and name != "indexer.cli"

    assert offending("webapp", allowed) == []


def test_the_benchmark_uses_only_the_engine_facade():
    assert offending("bench", lambda name, function, path: outside_engine(name)) == []


def test_understanding_documents_knows_nothing_of_the_engine_or_the_web():
    def allowed(name, function, path):
        return name in LEAVES or not name.startswith(("indexer.engine", "indexer.cli", "webapp", "whoosh"))

    assert offending("indexer/document", allowed) == []


def test_nothing_in_the_indexer_imports_the_web_app_but_the_serve_command():
    def allowed(name, function, path):
        return not name.startswith("webapp") or (path.name == "cli.py" and function == "serve")

    assert offending("indexer", allowed) == []


@pytest.mark.parametrize("leaf", LEAVES)
def test_the_leaves_import_nothing_of_the_program(leaf):
    path = ROOT.joinpath(*leaf.split(".")).with_suffix(".py")
    assert [name for name, _ in imports(path) if name.startswith(("indexer", "webapp"))] == []


@pytest.mark.parametrize("source, expected", [
    ("from ..engine import store", "indexer.engine.store"),
    ("from ..engine.search import Engine", "indexer.engine.search"),
    ("from . import taxonomy", "indexer.document.taxonomy"),
    ("import whoosh.index", "whoosh.index"),
    ("def serve():\n    from webapp import create_app", "webapp"),
])
def test_imports_are_read_as_absolute_names(source, expected):
    assert [name for name, _ in imports_of(source, "indexer.document")] == [expected]
