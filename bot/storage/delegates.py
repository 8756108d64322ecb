"""Delegates: who uses the bot, in which language, and whether they get announcements."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.languages import LANGS
from bot.storage.db import Database, now_iso


@dataclass(frozen=True)
class Delegate:
    chat_id: int
    user_id: int | None
    name: str
    language: str | None  # chosen (/lang, a language button): always wins
    subscribed: bool
    active: bool
    guessed_language: str | None = None  # the client's, then the questions'

    @property
    def effective_language(self) -> str | None:
        return self.language or self.guessed_language


class Delegates:
    def __init__(self, db: Database) -> None:
        self.db = db

    def seen(
        self, chat_id: int, user_id: int | None, name: str, client_language: str | None = None
    ) -> Delegate:
        """Register or refresh a delegate; keeps language and subscription.
        ``client_language`` (their Telegram client's) is the first guess of their
        language when the bot speaks it, kept once there is one; another one
        ("de") is no guess at all."""
        stamp = now_iso()
        if client_language not in LANGS:
            client_language = None
        with self.db.lock:
            self.db.execute(
                """INSERT INTO delegates
                     (chat_id, user_id, name, first_seen, last_seen, guessed_language)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(chat_id) DO UPDATE SET
                     user_id = excluded.user_id, name = excluded.name,
                     last_seen = excluded.last_seen, active = 1,
                     guessed_language = COALESCE(guessed_language, excluded.guessed_language)""",
                (chat_id, user_id, name, stamp, stamp, client_language),
            )
            return self.delegate(chat_id)

    def heard(self, chat_id: int, language: str) -> None:
        """A question in ``language``: the better guess, until the delegate chooses one."""
        self.db.execute(
            "UPDATE delegates SET guessed_language = ? WHERE chat_id = ? AND language IS NULL",
            (language, chat_id),
        )

    def delegate(self, chat_id: int) -> Delegate | None:
        row = self.db.execute("SELECT * FROM delegates WHERE chat_id = ?", (chat_id,)).fetchone()
        if row is None:
            return None
        return Delegate(
            chat_id=row["chat_id"],
            user_id=row["user_id"],
            name=row["name"],
            language=row["language"],
            subscribed=bool(row["subscribed"]),
            active=bool(row["active"]),
            guessed_language=row["guessed_language"],
        )

    def set_language(self, chat_id: int, language: str) -> None:
        self.db.execute("UPDATE delegates SET language = ? WHERE chat_id = ?", (language, chat_id))

    def language_of(self, chat_id: int) -> str | None:
        row = self.db.execute(
            "SELECT language FROM delegates WHERE chat_id = ?", (chat_id,)
        ).fetchone()
        return row["language"] if row else None

    def set_subscribed(self, chat_id: int, subscribed: bool) -> None:
        self.db.execute(
            "UPDATE delegates SET subscribed = ? WHERE chat_id = ?", (int(subscribed), chat_id)
        )

    def set_active(self, chat_id: int, active: bool) -> None:
        self.db.execute("UPDATE delegates SET active = ? WHERE chat_id = ?", (int(active), chat_id))

    def audience(self) -> int:
        """How many delegates an announcement sent now would reach."""
        return self.db.execute(
            "SELECT COUNT(*) FROM delegates WHERE subscribed = 1 AND active = 1"
        ).fetchone()[0]
