"""One SQLite connection shared by the repositories, and the migrations run on it.

Every write commits before returning (autocommit), so a killed bot loses
nothing it already acknowledged; statements run under one lock, so the
connection is safe to share between the event loop and the answer workers.

The file is checked (``PRAGMA quick_check``) when opened: a damaged one is
refused with one line naming it and the restore command, never served. While
the bot runs, a file deleted from under it is written back from the open
connection (which still holds every page), and a file replaced or damaged
raises ``StorageUnavailable``, which stops the bot rather than let it run on
a ghost.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import threading
from pathlib import Path

from bot.errors import StorageUnavailable
from bot.storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Database:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._on_disk = str(path) != ":memory:"
        if self._on_disk:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.lock = threading.RLock()
        self._db = self._connect()
        self.migrate()

    def _connect(self) -> sqlite3.Connection:
        """Open the file, and refuse it if SQLite finds it damaged."""
        db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            db.close()
            raise StorageUnavailable(_damaged(self.path, str(exc))) from None
        if verdict != "ok":
            db.close()
            raise StorageUnavailable(_damaged(self.path, verdict))
        self._inode = os.stat(self.path).st_ino if self._on_disk else None
        return db

    def close(self) -> None:
        with self.lock:
            self._db.close()

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        with self.lock:
            self._check_file()
            try:
                return self._db.execute(sql, params)
            except sqlite3.DatabaseError as exc:
                if type(exc) is not sqlite3.DatabaseError:  # a constraint, a lock: the caller's
                    raise
                raise StorageUnavailable(_damaged(self.path, str(exc))) from None

    def _check_file(self) -> None:
        """The file is still the one opened (a stat, microseconds)."""
        if not self._on_disk:
            return
        try:
            inode = os.stat(self.path).st_ino
        except FileNotFoundError:
            self._write_back()
            return
        if inode != self._inode:
            raise StorageUnavailable(
                f"{self.path} was replaced while the bot ran: stop it, then restart it "
                "(after `python -m bot restore DIR --force`, if that was the intent)"
            )

    def _write_back(self) -> None:
        """Deleted while open: every page is still readable through the connection;
        write them back to the path and go on with the new file."""
        log.critical("%s was deleted while the bot ran; writing it back", self.path)
        copy = sqlite3.connect(str(self.path))
        try:
            self._db.backup(copy)
        finally:
            copy.close()
        self._db.close()
        self._db = self._connect()

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


def _damaged(path: Path, detail: str) -> str:
    return (
        f"{path} is damaged ({detail}): restore a backup with "
        "`python -m bot restore DIR --force`, or move the file away to start empty"
    )
