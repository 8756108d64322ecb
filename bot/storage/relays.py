"""Questions passed to the organisers, the group message that carries each,
and the organisers' answers."""

from __future__ import annotations

import sqlite3

from bot.storage.db import Database, now_iso


class Relays:
    def __init__(self, db: Database) -> None:
        self.db = db

    def request_relay(self, question_id: int, chat_id: int) -> bool:
        """Record that the delegate wants the organisers to answer; False if already asked."""
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO relay_requests (question_id, chat_id, requested_at)
               VALUES (?, ?, ?)""",
            (question_id, chat_id, now_iso()),
        )
        return cursor.rowcount == 1

    def posted(self, question_id: int, group_message_id: int) -> None:
        """The question now stands in the organisers' group as ``group_message_id``."""
        self.db.execute(
            "UPDATE relay_requests SET group_message_id = ? WHERE question_id = ?",
            (group_message_id, question_id),
        )

    def by_group_message(self, group_message_id: int) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM relay_requests WHERE group_message_id = ?", (group_message_id,)
        ).fetchone()

    def answered(self, question_id: int, answer: str, by: int) -> None:
        self.db.execute(
            "UPDATE relay_requests SET status = 'answered', answer = ?, answered_by = ?, "
            "answered_at = ? WHERE question_id = ?",
            (answer, by, now_iso(), question_id),
        )

    def waiting(self) -> list[sqlite3.Row]:
        """Open requests, oldest first: question id, text, language, delegate's name."""
        return self.db.execute(
            """SELECT q.id, q.text, q.lang, d.name FROM relay_requests r
               JOIN questions q ON q.id = r.question_id
               LEFT JOIN delegates d ON d.chat_id = r.chat_id
               WHERE r.status = 'open' ORDER BY q.id"""
        ).fetchall()
