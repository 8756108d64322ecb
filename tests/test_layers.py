"""Pure logic imports no telegram, chromadb, langchain (core) or sqlite3, so its tests
need no network, no store and no model (the way httpx pins its public surface)."""

import ast

import pytest

from tests.conftest import ROOT

PURE = [
    "config",
    "errors",
    "text/language",
    "knowledge/chunking",
    "knowledge/loaders",
    "knowledge/lexical",
    "event/agenda",
    "tg/ratelimit",
    "tg/formatting",
    "event/agenda_text",
]
FORBIDDEN = ("telegram", "chromadb", "langchain", "langchain_core", "sqlite3")


def imported_modules(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_stay_pure(module: str) -> None:
    imports = imported_modules(ROOT / "bot" / f"{module}.py")
    bad = {name for name in imports if name.split(".")[0] in FORBIDDEN}
    assert not bad, f"bot/{module}.py imports {bad}"


def test_importing_bot_is_light() -> None:
    imports = imported_modules(ROOT / "bot" / "__init__.py")
    assert imports <= {"__future__"}
