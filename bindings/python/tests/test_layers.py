"""The native module's Rust modules form layers (the list in ``src/lib.rs``'s module documentation names
them in order): each may use only the modules named before it, so no two modules import each other. The
generator, the catalog loader, the shared binding layer, the CLI and the emulator are checked for import
circles too."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]
NATIVE = REPO / "bindings" / "python" / "src"

USE = re.compile(r"\bcrate::(\w+)")
LINKED = re.compile(r"\[`(\w+)`\]")


def top_module(source: Path, root: Path) -> str:
    """The crate's top-level module a file belongs to (`types/issue.rs` -> `types`)."""
    relative = source.relative_to(root)
    return relative.parts[0].removesuffix(".rs")


def dependencies(root: Path) -> dict[str, set[str]]:
    """Each top-level module and the top-level modules its files name with `crate::`."""
    graph: dict[str, set[str]] = {}
    for source in root.rglob("*.rs"):
        module = top_module(source, root)
        # `bin/` holds binaries: separate crates, which use the library by its name, never `crate::`.
        if module in ("lib", "main", "bin"):
            continue
        # A comment may link any module (a doc comment's [`crate::resolve`]); only code imports one.
        text = source.read_text(encoding="utf-8")
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        named = set(USE.findall(code)) - {module}
        graph.setdefault(module, set()).update(named)
    return graph


def circles(graph: Mapping[Any, set[Any]]) -> list[list[Any]]:
    """Every import circle, each as the path that closes it."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for used in sorted(graph.get(module, ())):
            if state.get(used) == "open":
                found.append(path[path.index(used) :] + [used])
            elif used not in state:
                visit(used, path + [used])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    return found


def layer_order() -> list[str]:
    """The modules in the order of the layer list of `lib.rs`'s documentation (from "form layers" on)."""
    lines = (NATIVE / "lib.rs").read_text(encoding="utf-8").splitlines()
    start = next(index for index, line in enumerate(lines) if "form layers" in line)
    order: list[str] = []
    for line in lines[start:]:
        if not line.startswith("//!"):
            break
        order += [name for name in LINKED.findall(line) if name not in order]
    return order


def test_each_native_module_uses_only_the_layers_declared_before_it() -> None:
    order = layer_order()
    graph = dependencies(NATIVE)
    assert set(graph) <= set(order), f"modules missing from lib.rs: {set(graph) - set(order)}"
    upward = [
        f"{module} uses {used}"
        for module, used_modules in graph.items()
        for used in used_modules
        if used in order and order.index(used) > order.index(module)
    ]
    assert not upward, upward


def test_the_native_module_has_no_import_circle() -> None:
    assert circles(dependencies(NATIVE)) == []


def test_the_checker_finds_a_circle() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


PATH = re.compile(r"\b((?:crate|super|self)(?:::\w+)+)")


def module_of(source: Path, root: Path) -> tuple[str, ...]:
    """A file's module path in its crate (`client/mod.rs` -> `("client",)`; `lib.rs` -> `()`)."""
    parts = list(source.relative_to(root).with_suffix("").parts)
    if parts[-1] == "mod" or parts in (["lib"], ["main"]):
        parts.pop()
    return tuple(parts)


def module_graph(root: Path) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    """Each module file and the module files its code names (`crate::a::b`, `super::c`, `self::d`), at any
    depth. A module and the modules inside it are one unit (a parent declares and re-exports its children,
    which use its items), so only links between modules that do not contain one another count."""
    files = {module_of(source, root): source for source in root.rglob("*.rs")}
    graph: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for module, source in files.items():
        text = source.read_text(encoding="utf-8")
        code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
        named: set[tuple[str, ...]] = set()
        for path in PATH.findall(code):
            first, *rest = path.split("::")
            if first == "crate":
                base = []
            elif first == "self":
                base = list(module)
            else:  # `super`, perhaps repeated
                base = list(module[:-1])
                while rest and rest[0] == "super":
                    base, rest = base[:-1], rest[1:]
            for segment in rest:  # the deepest module file the path reaches
                if tuple(base + [segment]) not in files:
                    break
                base.append(segment)
            target = tuple(base)
            related = target[: len(module)] == module or module[: len(target)] == target
            if not related:
                named.add(target)
        graph[module] = named
    return graph


def test_the_module_checker_follows_super_and_nested_paths(tmp_path: Path) -> None:
    for name, code in {
        "lib.rs": "mod a; mod b;",
        "a/mod.rs": "mod inner; pub use inner::X;",
        "a/inner.rs": "use crate::b::Y; use super::Z;",
        "b.rs": "use super::a::inner::X;",
    }.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(code)
    graph = module_graph(tmp_path)
    assert graph[("a", "inner")] == {("b",)}  # `super::Z` is its own parent's: not counted
    assert circles(graph) == [[("a", "inner"), ("b",), ("a", "inner")]]


@pytest.mark.parametrize(
    "crate",
    ["core", "codegen", "catalog", "bindings/shared", "bindings/python", "bindings/node", "cli", "emulator"],
)
def test_no_crate_has_an_import_circle(crate: str) -> None:
    found = circles(module_graph(REPO / crate / "src"))
    assert found == [], ["  ->  ".join("::".join(module) or "crate" for module in circle) for circle in found]
