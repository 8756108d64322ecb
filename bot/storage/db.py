"""One SQLite connection shared by the repositories, and the migrations run on it.

Every write commits before returning (autocommit), so a killed bot loses
nothing it already acknowledged; statements run under one lock, so the
connection is safe to share between the event loop and the answer workers.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from pathlib import Path

from bot.storage.migrations import MIGRATIONS


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self.lock = threading.RLock()
        self.migrate()

    def close(self) -> None:
        with self.lock:
            self._db.close()

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        with self.lock:
            return self._db.execute(sql, params)

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied, each in its transaction; their names."""
        with self.lock:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            done = {row["name"] for row in self._db.execute("SELECT name FROM migrations")}
            applied = []
            for name, func in MIGRATIONS:
                if name in done:
                    continue
                self._db.execute("BEGIN")
                try:
                    func(self._db)
                    self._db.execute(
                        "INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now_iso())
                    )
                    self._db.execute("COMMIT")
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                applied.append(name)
            return applied

    def snapshot(self, target: Path) -> None:
        """A consistent copy of the database at ``target``, taken while the bot runs
        (SQLite's online backup: pages copied under a read transaction)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        copy = sqlite3.connect(str(target))
        try:
            with self.lock:
                self._db.backup(copy)
        finally:
            copy.close()

    @property
    def schema_version(self) -> int:
        return self.execute("SELECT COUNT(*) FROM migrations").fetchone()[0]
