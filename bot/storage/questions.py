"""Questions asked, how they were answered, and the 👍 / 👎 given to the answers."""

from __future__ import annotations

import sqlite3

from bot.storage.db import Database, now_iso


class Questions:
    def __init__(self, db: Database) -> None:
        self.db = db

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
        cursor = self.db.execute(
            """INSERT INTO questions
               (chat_id, user_id, text, lang, confident, mode, latency_ms, answer, asked_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (chat_id, user_id, text, lang, int(confident), mode, latency_ms, answer, now_iso()),
        )
        return int(cursor.lastrowid)

    def question(self, question_id: int) -> sqlite3.Row | None:
        return self.db.execute("SELECT * FROM questions WHERE id = ?", (question_id,)).fetchone()

    def record_feedback(self, question_id: int, chat_id: int, user_id: int, value: int) -> bool:
        """Store 👍 (1) or 👎 (-1); a second tap changes the vote. False, and nothing
        stored, for another value or a question not asked in ``chat_id`` (the
        buttons' data can be forged, and ids are sequential)."""
        row = self.question(question_id)
        if value not in (1, -1) or row is None or row["chat_id"] != chat_id:
            return False
        self.db.execute(
            """INSERT INTO feedback (question_id, user_id, value, given_at) VALUES (?, ?, ?, ?)
               ON CONFLICT(question_id, user_id) DO UPDATE SET
                 value = excluded.value, given_at = excluded.given_at""",
            (question_id, user_id, value, now_iso()),
        )
        return True

    def feedback_for(self, question_id: int) -> dict[int, int]:
        rows = self.db.execute(
            "SELECT user_id, value FROM feedback WHERE question_id = ?", (question_id,)
        ).fetchall()
        return {row["user_id"]: row["value"] for row in rows}
