"""The bot's state in one SQLite file, behind one repository per table group.

``storage.delegates``, ``.questions``, ``.relays``, ``.ledger``, ``.stats``:
handlers and services call their methods and never write SQL.
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.db import Database, now_iso
from bot.storage.delegates import Delegate, Delegates
from bot.storage.ledger import LedgerRows
from bot.storage.migrations import MIGRATIONS
from bot.storage.questions import Questions
from bot.storage.relays import Relays
from bot.storage.stats import Stats, Usage

__all__ = ["MIGRATIONS", "Delegate", "Storage", "Usage", "now_iso"]


class Storage(Database):
    """The database and its repositories; safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self.delegates = Delegates(self)
        self.questions = Questions(self)
        self.relays = Relays(self)
        self.ledger = LedgerRows(self)
        self.stats = Stats(self)
