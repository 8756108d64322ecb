"""The layers' direction, pinned (the way httpx pins its public surface): the
core, text logic and the pure answering steps import no telegram, chromadb,
langchain or sqlite3, directly or through another module of ``bot``, so
their tests need no network, no store and no model."""

import ast
from functools import cache
from pathlib import Path

import pytest

from tests.conftest import ROOT

BOT = ROOT / "bot"
PURE = [
    "bot.core.types",
    "bot.core.tuning",
    "bot.core.languages",
    "bot.text.language",
    "bot.text.normalise",
    "bot.text.rewrite",
    "bot.text.lexicons",
    "bot.text.units",
    "bot.text.question_types",
    "bot.text.courtesy",
    "bot.answering.query",
    "bot.answering.decide",
    "bot.answering.compose",
    "bot.answering.replies",
    "bot.config",
    "bot.errors",
    "bot.knowledge.chunking",
    "bot.knowledge.loaders",
    "bot.knowledge.lexical",
    "bot.event.agenda",
    "bot.event.agenda_text",
    "bot.tg.ratelimit",
    "bot.tg.formatting",
]
FORBIDDEN = ("telegram", "chromadb", "langchain", "langchain_core", "sqlite3")


def path_of(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = BOT / relative / "__init__.py"
    return package if package.is_file() else (BOT / relative).with_suffix(".py")


@cache
def imported_modules(module: str) -> frozenset[str]:
    tree = ast.parse(path_of(module).read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            # "from bot.answering import compose" imports a module too
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return frozenset(n for n in names if not n.startswith("bot.") or path_of(n).is_file())


def reachable(module: str) -> set[str]:
    """Every module ``module`` imports, following the imports within ``bot``."""
    seen, todo = set(), [module]
    while todo:
        for name in imported_modules(todo.pop()):
            if name not in seen:
                seen.add(name)
                if name.startswith("bot."):
                    todo.append(name)
    return seen


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_stay_pure(module: str) -> None:
    bad = {name for name in reachable(module) if name.split(".")[0] in FORBIDDEN}
    assert not bad, f"{module} imports {bad}"


def test_only_tg_and_the_announcement_ledger_know_telegram() -> None:
    modules = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in BOT.rglob("*.py")
    ]
    users = {m for m in modules if any(n.split(".")[0] == "telegram" for n in imported_modules(m))}
    assert users and all(m.startswith("bot.tg.") or m == "bot.event.announcements" for m in users)


def test_importing_bot_is_light() -> None:
    assert imported_modules("bot") <= {"__future__"}
