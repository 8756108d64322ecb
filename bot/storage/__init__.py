"""The bot's state in one SQLite file: delegates, questions, feedback, requests.

Migrations are named functions applied once, in order, and recorded in
``migrations`` (the shape of llm's migrations.py): ``migrate`` is safe at
every start, and a database from the first release upgrades in place.
Every write commits before returning, so a killed bot loses nothing it
already acknowledged.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(func: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append((func.__name__, func))
    return func


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE delegates (
            chat_id INTEGER PRIMARY KEY,
            user_id INTEGER,
            name TEXT NOT NULL DEFAULT '',
            language TEXT,
            subscribed INTEGER NOT NULL DEFAULT 1,
            active INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL
        );
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            chat_id INTEGER NOT NULL,
            user_id INTEGER,
            text TEXT NOT NULL,
            lang TEXT NOT NULL,
            confident INTEGER NOT NULL,
            mode TEXT NOT NULL,
            latency_ms INTEGER NOT NULL,
            answer TEXT NOT NULL,
            asked_at TEXT NOT NULL
        );
        CREATE INDEX questions_chat ON questions(chat_id);
        CREATE TABLE feedback (
            question_id INTEGER NOT NULL REFERENCES questions(id),
            user_id INTEGER NOT NULL,
            value INTEGER NOT NULL CHECK (value IN (-1, 1)),
            given_at TEXT NOT NULL,
            PRIMARY KEY (question_id, user_id)
        );
        CREATE TABLE relay_requests (
            question_id INTEGER PRIMARY KEY REFERENCES questions(id),
            chat_id INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            requested_at TEXT NOT NULL
        );
        """,
    )


@migration
def m002_announcements_and_relays(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE announcements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            text_fr TEXT,
            text_ar TEXT,
            created_by INTEGER,
            created_at TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'draft',
            scheduled_for TEXT,
            started_at TEXT,
            finished_at TEXT
        );
        CREATE TABLE deliveries (
            announcement_id INTEGER NOT NULL REFERENCES announcements(id),
            chat_id INTEGER NOT NULL,
            lang TEXT NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending',
            attempts INTEGER NOT NULL DEFAULT 0,
            message_id INTEGER,
            last_error TEXT,
            not_before REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            read_at TEXT,
            PRIMARY KEY (announcement_id, chat_id)
        );
        CREATE INDEX deliveries_state ON deliveries(announcement_id, state);
        ALTER TABLE relay_requests ADD COLUMN group_message_id INTEGER;
        ALTER TABLE relay_requests ADD COLUMN answer TEXT;
        ALTER TABLE relay_requests ADD COLUMN answered_by INTEGER;
        ALTER TABLE relay_requests ADD COLUMN answered_at TEXT;
        CREATE INDEX relay_group_message ON relay_requests(group_message_id)
        """,
    )


@dataclass(frozen=True)
class Delegate:
    chat_id: int
    user_id: int | None
    name: str
    language: str | None
    subscribed: bool
    active: bool


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Storage:
    """All reads and writes of the bot's state; safe to share between threads."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()
        self.migrate()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def migrate(self) -> list[str]:
        """Apply the migrations not yet applied; returns their names."""
        with self._lock:
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

    @property
    def schema_version(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM migrations").fetchone()[0]

    def execute(self, sql: str, params: tuple = ()) -> sqlite3.Cursor:
        with self._lock:
            return self._db.execute(sql, params)

    # Delegates ---------------------------------------------------------------

    def seen(self, chat_id: int, user_id: int | None, name: str) -> Delegate:
        """Register or refresh a delegate; keeps language and subscription."""
        stamp = now_iso()
        with self._lock:
            self._db.execute(
                """INSERT INTO delegates (chat_id, user_id, name, first_seen, last_seen)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT(chat_id) DO UPDATE SET
                     user_id = excluded.user_id, name = excluded.name,
                     last_seen = excluded.last_seen, active = 1""",
                (chat_id, user_id, name, stamp, stamp),
            )
            return self.delegate(chat_id)

    def delegate(self, chat_id: int) -> Delegate | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM delegates WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        if row is None:
            return None
        return Delegate(
            chat_id=row["chat_id"],
            user_id=row["user_id"],
            name=row["name"],
            language=row["language"],
            subscribed=bool(row["subscribed"]),
            active=bool(row["active"]),
        )

    def set_language(self, chat_id: int, language: str) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE delegates SET language = ? WHERE chat_id = ?", (language, chat_id)
            )

    def language_of(self, chat_id: int) -> str | None:
        with self._lock:
            row = self._db.execute(
                "SELECT language FROM delegates WHERE chat_id = ?", (chat_id,)
            ).fetchone()
        return row["language"] if row else None

    # Questions and feedback ----------------------------------------------------

    def record_question(
        self,
        *,
        chat_id: int,
        user_id: int | None,
        text: str,
        lang: str,
        confident: bool,
        mode: str,
        latency_ms: int,
        answer: str,
    ) -> int:
        with self._lock:
            cursor = self._db.execute(
                """INSERT INTO questions
                   (chat_id, user_id, text, lang, confident, mode, latency_ms, answer, asked_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (chat_id, user_id, text, lang, int(confident), mode, latency_ms, answer, now_iso()),
            )
            return int(cursor.lastrowid)

    def question(self, question_id: int) -> sqlite3.Row | None:
        with self._lock:
            return self._db.execute(
                "SELECT * FROM questions WHERE id = ?", (question_id,)
            ).fetchone()

    def record_feedback(self, question_id: int, user_id: int, value: int) -> bool:
        """Store 👍 (1) or 👎 (-1); a second tap changes the vote. False if no such question."""
        if self.question(question_id) is None:
            return False
        with self._lock:
            self._db.execute(
                """INSERT INTO feedback (question_id, user_id, value, given_at) VALUES (?, ?, ?, ?)
                   ON CONFLICT(question_id, user_id) DO UPDATE SET
                     value = excluded.value, given_at = excluded.given_at""",
                (question_id, user_id, value, now_iso()),
            )
        return True

    def feedback_for(self, question_id: int) -> dict[int, int]:
        with self._lock:
            rows = self._db.execute(
                "SELECT user_id, value FROM feedback WHERE question_id = ?", (question_id,)
            ).fetchall()
        return {row["user_id"]: row["value"] for row in rows}

    def set_subscribed(self, chat_id: int, subscribed: bool) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE delegates SET subscribed = ? WHERE chat_id = ?", (int(subscribed), chat_id)
            )

    def set_active(self, chat_id: int, active: bool) -> None:
        with self._lock:
            self._db.execute(
                "UPDATE delegates SET active = ? WHERE chat_id = ?", (int(active), chat_id)
            )

    def request_relay(self, question_id: int, chat_id: int) -> bool:
        """Record that the delegate wants the organisers to answer; False if already asked."""
        with self._lock:
            cursor = self._db.execute(
                """INSERT OR IGNORE INTO relay_requests (question_id, chat_id, requested_at)
                   VALUES (?, ?, ?)""",
                (question_id, chat_id, now_iso()),
            )
            return cursor.rowcount == 1
