"""Announcements and their delivery rows (one per announcement × delegate): the
ledger the broadcaster trusts. What each outcome means is decided in
``bot.event.announcements``; this module only reads and writes rows."""

from __future__ import annotations

import sqlite3

from bot.storage.db import Database, now_iso

# The delivery language of a delegate whose language nobody knows: both versions.
BOTH = "both"


class LedgerRows:
    def __init__(self, db: Database) -> None:
        self.db = db

    def create(self, text_fr: str | None, text_ar: str | None, created_by: int | None) -> int:
        cursor = self.db.execute(
            "INSERT INTO announcements (text_fr, text_ar, created_by, created_at) "
            "VALUES (?, ?, ?, ?)",
            (text_fr, text_ar, created_by, now_iso()),
        )
        return int(cursor.lastrowid)

    def get(self, announcement_id: int) -> sqlite3.Row | None:
        return self.db.execute(
            "SELECT * FROM announcements WHERE id = ?", (announcement_id,)
        ).fetchone()

    def recent(self, limit: int) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM announcements WHERE status != 'draft' ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()

    def with_status(self, status: str) -> list[sqlite3.Row]:
        return self.db.execute(
            "SELECT * FROM announcements WHERE status = ? ORDER BY id", (status,)
        ).fetchall()

    def set_status(self, announcement_id: int, status: str, stamps: dict[str, str | None]) -> None:
        sets = ", ".join(["status = ?", *(f"{k} = ?" for k in stamps)])
        self.db.execute(
            f"UPDATE announcements SET {sets} WHERE id = ?",  # noqa: S608 - keys are ours
            (status, *stamps.values(), announcement_id),
        )

    def cancel(self, announcement_id: int) -> bool:
        """Cancel a draft or a scheduled announcement; one already sending is not cancelled."""
        cursor = self.db.execute(
            "UPDATE announcements SET status = 'cancelled' "
            "WHERE id = ? AND status IN ('draft', 'scheduled')",
            (announcement_id,),
        )
        return cursor.rowcount == 1

    def enqueue(self, announcement_id: int) -> int:
        """One pending row per subscribed, active delegate; idempotent. A delegate
        whose language is not known at all gets both versions (``BOTH``)."""
        cursor = self.db.execute(
            """INSERT OR IGNORE INTO deliveries (announcement_id, chat_id, lang, updated_at)
               SELECT ?, chat_id, COALESCE(language, guessed_language, ?), ?
               FROM delegates
               WHERE subscribed = 1 AND active = 1""",
            (announcement_id, BOTH, now_iso()),
        )
        return cursor.rowcount

    def mark_uncertain(self, announcement_id: int) -> int:
        """Rows left ``sending`` by a crash become ``uncertain``; how many."""
        cursor = self.db.execute(
            "UPDATE deliveries SET state = 'uncertain', updated_at = ? "
            "WHERE announcement_id = ? AND state = 'sending'",
            (now_iso(), announcement_id),
        )
        return cursor.rowcount

    def claim(self, announcement_id: int, limit: int, now: float) -> list[tuple[int, str, int]]:
        """Move up to ``limit`` due rows to ``sending``: (chat_id, lang, attempts)."""
        rows = self.db.execute(
            """UPDATE deliveries SET state = 'sending', attempts = attempts + 1, updated_at = ?
               WHERE rowid IN (
                   SELECT rowid FROM deliveries
                   WHERE announcement_id = ? AND state = 'pending' AND not_before <= ?
                   ORDER BY not_before, chat_id LIMIT ?)
               RETURNING chat_id, lang, attempts""",
            (now_iso(), announcement_id, now, limit),
        ).fetchall()
        return [(r["chat_id"], r["lang"], r["attempts"]) for r in rows]

    def next_due(self, announcement_id: int) -> float | None:
        row = self.db.execute(
            "SELECT MIN(not_before) FROM deliveries "
            "WHERE announcement_id = ? AND state = 'pending'",
            (announcement_id,),
        ).fetchone()
        return row[0]

    def requeue(self, announcement_id: int, chat_id: int, not_before: float) -> None:
        """Back to the queue without counting the attempt (Telegram asked to wait)."""
        self.db.execute(
            "UPDATE deliveries SET state = 'pending', attempts = attempts - 1, "
            "not_before = ?, updated_at = ? WHERE announcement_id = ? AND chat_id = ?",
            (not_before, now_iso(), announcement_id, chat_id),
        )

    def settle(
        self,
        announcement_id: int,
        chat_id: int,
        *,
        state: str,
        error: str | None,
        message_id: int | None,
        not_before: float,
    ) -> None:
        self.db.execute(
            """UPDATE deliveries SET state = ?, last_error = ?,
               message_id = COALESCE(?, message_id), not_before = ?, updated_at = ?
               WHERE announcement_id = ? AND chat_id = ?""",
            (state, error, message_id, not_before, now_iso(), announcement_id, chat_id),
        )

    def mark_read(self, announcement_id: int, chat_id: int) -> bool:
        cursor = self.db.execute(
            "UPDATE deliveries SET read_at = COALESCE(read_at, ?) "
            "WHERE announcement_id = ? AND chat_id = ? AND state IN ('sent', 'uncertain')",
            (now_iso(), announcement_id, chat_id),
        )
        return cursor.rowcount == 1

    def counts(self, announcement_id: int) -> tuple[dict[str, int], int]:
        """Rows by state, and how many were marked read."""
        by_state = {
            row["state"]: row["n"]
            for row in self.db.execute(
                "SELECT state, COUNT(*) AS n FROM deliveries WHERE announcement_id = ? "
                "GROUP BY state",
                (announcement_id,),
            )
        }
        read = self.db.execute(
            "SELECT COUNT(*) FROM deliveries WHERE announcement_id = ? AND read_at IS NOT NULL",
            (announcement_id,),
        ).fetchone()[0]
        return by_state, read
