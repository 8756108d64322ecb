"""The numbers of /stats, read in one place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.storage.db import Database


@dataclass(frozen=True)
class Usage:
    by_language: list[tuple[str, int, int]]  # (language or "?", delegates, active)
    seen_last_day: int
    questions: int
    confident: int
    thumbs_up: int
    thumbs_down: int
    top_unanswered: list[tuple[str, int]]  # (question, times asked), most asked first


class Stats:
    def __init__(self, db: Database) -> None:
        self.db = db

    def usage(self, now: dt.datetime) -> Usage:
        by_lang = self.db.execute(
            "SELECT COALESCE(language, '?') AS l, COUNT(*) AS n, SUM(active) AS a "
            "FROM delegates GROUP BY l"
        ).fetchall()
        day_ago = (now - dt.timedelta(days=1)).isoformat(timespec="seconds")
        recent = self.db.execute(
            "SELECT COUNT(*) FROM delegates WHERE last_seen >= ?", (day_ago,)
        ).fetchone()[0]
        total, confident = self.db.execute(
            "SELECT COUNT(*), COALESCE(SUM(confident), 0) FROM questions"
        ).fetchone()
        up, down = self.db.execute(
            "SELECT COALESCE(SUM(value = 1), 0), COALESCE(SUM(value = -1), 0) FROM feedback"
        ).fetchone()
        top = self.db.execute(
            """SELECT LOWER(TRIM(text)) AS t, COUNT(*) AS n FROM questions WHERE confident = 0
               GROUP BY t ORDER BY n DESC, t LIMIT 5"""
        ).fetchall()
        return Usage(
            by_language=[(r["l"], r["n"], r["a"]) for r in by_lang],
            seen_last_day=recent,
            questions=total,
            confident=confident,
            thumbs_up=up,
            thumbs_down=down,
            top_unanswered=[(r["t"], r["n"]) for r in top],
        )
