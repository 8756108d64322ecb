"""Named migrations, applied once each and in order (the shape of llm's
migrations.py): a database from the first release upgrades in place. Never
edit one that has shipped; add the next."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(func: Callable[[sqlite3.Connection], None]) -> Callable[[sqlite3.Connection], None]:
    MIGRATIONS.append((func.__name__, func))
    return func


def _run(db: sqlite3.Connection, script: str) -> None:
    """Run statements one by one: ``executescript`` would commit the open transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


_INITIAL = """
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
        """


_ANNOUNCEMENTS_AND_RELAYS = """
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
        """


@migration
def m001_initial(db: sqlite3.Connection) -> None:
    _run(db, _INITIAL)


@migration
def m002_announcements_and_relays(db: sqlite3.Connection) -> None:
    _run(db, _ANNOUNCEMENTS_AND_RELAYS)


@migration
def m003_guessed_language(db: sqlite3.Connection) -> None:
    """The language a delegate never chose, guessed: their Telegram client's at
    first contact, then the language of their questions."""
    db.execute("ALTER TABLE delegates ADD COLUMN guessed_language TEXT")
