"""Floors that point one way: every module imports only from its own floor or the floors below it.

Each module's imports are read with `ast` (nothing is imported), every first-party module is mapped to
its floor (`FLOORS`, bottom-up; the longest matching prefix wins), and an import of a higher floor fails
the test that names the module, the line and the edge. `streamlit` is allowed from `ui` upwards only.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Bottom-up. A module belongs to the floor of the longest prefix that names it.
FLOORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("base",)),
    ("access", ("access",)),  # roles and password hashes: who may do what
    ("geo", ("geo",)),
    ("core", ("eventmap", "eventmap.extract")),  # eventmap.extract: articles to draft events, on geo and the schema
    ("scene", ("eventmap.scene", "eventmap.urlstate")),
    ("renderers", ("eventmap.mapping", "eventmap.playback", "eventmap.export")),
    ("store", ("store",)),  # the team store (PostgreSQL): validation and exports from the floors below
    ("services", ("services",)),
    ("ui", ("ui",)),
    ("entry points", ("pages", "app", "eventmap.cli", "eventmap.__main__")),
)
FLOOR_NAMES = [name for name, _ in FLOORS]
LOWEST_WITH_STREAMLIT = FLOOR_NAMES.index("ui")
FIRST_PARTY = frozenset(prefix.split(".")[0] for _, prefixes in FLOORS for prefix in prefixes)
SOURCES = ("base", "access", "geo", "eventmap", "store", "services", "ui", "pages", "app.py")


def floor_of(module: str) -> int | None:
    """The index in `FLOORS` of a first-party module, None for anything else."""
    best: tuple[int, int] | None = None  # (prefix length, floor)
    for index, (_, prefixes) in enumerate(FLOORS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), index)
    return None if best is None else best[1]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_files() -> list[Path]:
    files: list[Path] = []
    for name in SOURCES:
        path = ROOT / name
        files.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return files


def imported_modules(source: str, module: str, *, is_package: bool = False) -> list[tuple[int, str]]:
    """(line, module) for every import in `source`, relative imports resolved against `module`."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                package = package[: len(package) - node.level + (1 if is_package else 0)]
                base_name = ".".join([*package, *([node.module] if node.module else [])])
            else:
                base_name = node.module or ""
            found.append((node.lineno, base_name))
            # `from eventmap import scene` imports the module eventmap.scene
            found.extend((node.lineno, f"{base_name}.{alias.name}") for alias in node.names if alias.name != "*")
    return found


@dataclass(frozen=True)
class Edge:
    line: int
    target: str
    why: str

    def __str__(self) -> str:
        return f"line {self.line}: imports {self.target} ({self.why})"


def upward_edges(source: str, module: str, *, is_package: bool = False) -> list[Edge]:
    """The imports of `source` (as module `module`) that point up a floor, or bring streamlit below ui."""
    own = floor_of(module)
    assert own is not None, f"{module} is on no floor: add it to FLOORS"
    bad: list[Edge] = []
    for line, target in imported_modules(source, module, is_package=is_package):
        top = target.split(".")[0]
        if top == "streamlit" and own < LOWEST_WITH_STREAMLIT:
            bad.append(Edge(line, target, f"streamlit below ui, in floor {FLOOR_NAMES[own]}"))
        elif top in FIRST_PARTY:
            floor = floor_of(target)
            if floor is not None and floor > own:
                bad.append(Edge(line, target, f"floor {FLOOR_NAMES[own]} -> higher floor {FLOOR_NAMES[floor]}"))
    return bad


MODULES = module_files()


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_imports_point_down(path: Path) -> None:
    module = module_name(path)
    edges = upward_edges(path.read_text(encoding="utf-8"), module, is_package=path.name == "__init__.py")
    assert not edges, f"{module} imports upwards:\n" + "\n".join(map(str, edges))


def test_every_floor_has_modules() -> None:
    floors = {floor_of(module_name(p)) for p in MODULES}
    assert floors == set(range(len(FLOORS)))


def test_geo_importing_eventmap_fails() -> None:
    edges = upward_edges("from geo.naming import Naming\nimport eventmap.schema\n", "geo.synthetic")
    assert [(e.line, e.target) for e in edges] == [(2, "eventmap.schema")]
    assert upward_edges("import eventmap\n", "geo.synthetic")
    assert upward_edges("from eventmap import scene\n", "geo.synthetic")


def test_streamlit_below_ui_fails() -> None:
    assert upward_edges("import streamlit as st\n", "services.synthetic")
    assert upward_edges("from streamlit import session_state\n", "eventmap.scene.synthetic")
    assert not upward_edges("import streamlit as st\n", "ui.synthetic")


def test_other_upward_edges_fail() -> None:
    assert upward_edges("from ui.data import x\n", "services.synthetic")
    assert upward_edges("from eventmap.mapping import builder\n", "eventmap.scene.synthetic")
    assert upward_edges("from eventmap.scene.model import Scene\n", "eventmap.filtering")
    assert upward_edges("from . import mapping\n", "eventmap.scene", is_package=True) == []
    assert upward_edges("from .. import mapping\n", "eventmap.scene.build")
    assert not upward_edges("from eventmap.scene.model import Scene\n", "eventmap.mapping.synthetic")
    assert not upward_edges("from base.errors import EventMapError\n", "geo.synthetic")
