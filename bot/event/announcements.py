"""Announcements that reach every subscribed delegate exactly once.

A ledger in SQLite is the source of truth: one row per (announcement,
delegate), created before the first send, moved to ``sending`` before each
call to Telegram and to its outcome right after, each step committed. A
broadcast killed at any point resumes from the ledger and never sends a row
twice; the one row that may have been in flight at the moment of the crash
is recorded as ``uncertain`` (counted delivered, not resent): for an
announcement, a possible miss is better than a duplicate.

Telegram's limits: about 30 messages a second overall, one a second per
chat. The broadcaster paces itself under that, waits what a 429
(``RetryAfter``) asks for the whole bot, marks a delegate who blocked the
bot (403) inactive without retrying, and retries network errors and 5xx
with backoff before recording a failure. It sends through a callable it is
given, so tests script those answers without a server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.storage import Storage, now_iso
from bot.storage.ledger import BOTH

log = logging.getLogger(__name__)

STATES = ("pending", "sending", "sent", "uncertain", "blocked", "failed")
MAX_ATTEMPTS = 4
RATE = 28.0  # messages a second: under Telegram's ~30, with room for replies to delegates
BACKOFF = 1.0  # seconds, doubled per attempt


@dataclass(frozen=True)
class Announcement:
    id: int
    text_fr: str | None
    text_ar: str | None
    status: str
    scheduled_for: dt.datetime | None
    created_at: str

    def text_for(self, lang: str) -> str:
        """The version in ``lang``; the other one when only one was written;
        both, French first, for a delegate whose language is unknown (``BOTH``)."""
        if lang == BOTH and self.text_fr and self.text_ar:
            return f"{self.text_fr}\n\n\u200f{self.text_ar}"
        if lang == "ar":
            return self.text_ar or self.text_fr or ""
        return self.text_fr or self.text_ar or ""


@dataclass(frozen=True)
class Status:
    delivered: int
    read: int
    blocked: int
    failed: int
    pending: int


# Outcomes of one send.
@dataclass(frozen=True)
class Sent:
    message_id: int | None


@dataclass(frozen=True)
class Wait:
    seconds: float


@dataclass(frozen=True)
class _Reason:
    reason: str


class Blocked(_Reason):
    """The delegate blocked the bot or left: never retried."""


class Transient(_Reason):
    """A timeout, a connection or server error: retried with backoff."""


class Failed(_Reason):
    """Telegram refused this message for good."""


Outcome = Sent | Wait | Blocked | Transient | Failed
SendFn = Callable[[int, str, str, int], Awaitable[int | None]]  # chat, lang, text, ann. id


async def deliver(
    send: SendFn, chat_id: int, lang: str, text: str, announcement_id: int
) -> Outcome:
    """One send, its failure turned into what the ledger should do next."""
    try:
        return Sent(await send(chat_id, lang, text, announcement_id))
    except RetryAfter as exc:
        seconds = exc.retry_after
        if isinstance(seconds, dt.timedelta):
            seconds = seconds.total_seconds()
        return Wait(float(seconds))
    except Forbidden as exc:  # blocked, kicked, deactivated
        return Blocked(str(exc))
    except BadRequest as exc:
        message = str(exc).lower()
        if "chat not found" in message or "deactivated" in message or "blocked" in message:
            return Blocked(str(exc))
        return Failed(str(exc))
    except (NetworkError, TelegramError) as exc:  # timeouts, connection, 5xx
        return Transient(f"{type(exc).__name__}: {exc}")


class Ledger:
    """Announcements and their per-delegate delivery rows: what each outcome means."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.rows = storage.ledger

    def create(self, *, text_fr: str | None, text_ar: str | None, created_by: int | None) -> int:
        return self.rows.create(text_fr, text_ar, created_by)

    def get(self, announcement_id: int) -> Announcement | None:
        row = self.rows.get(announcement_id)
        return _announcement(row) if row else None

    def recent(self, limit: int = 10) -> list[Announcement]:
        return [_announcement(r) for r in self.rows.recent(limit)]

    def with_status(self, status: str) -> list[Announcement]:
        return [_announcement(r) for r in self.rows.with_status(status)]

    def set_status(self, announcement_id: int, status: str, **stamps: str | None) -> None:
        self.rows.set_status(announcement_id, status, stamps)

    def schedule(self, announcement_id: int, when: dt.datetime) -> None:
        self.set_status(
            announcement_id, "scheduled", scheduled_for=when.astimezone(dt.UTC).isoformat()
        )

    def cancel(self, announcement_id: int) -> bool:
        """Cancel a draft or a scheduled announcement; one already sending is not cancelled."""
        return self.rows.cancel(announcement_id)

    def enqueue(self, announcement_id: int) -> int:
        """One pending row per subscribed, active delegate; idempotent."""
        return self.rows.enqueue(announcement_id)

    def recover(self, announcement_id: int) -> int:
        """Rows caught in flight by a crash: maybe delivered, so never sent again."""
        in_doubt = self.rows.mark_uncertain(announcement_id)
        if in_doubt:
            log.warning(
                "announcement %s: %d deliveries in doubt after a restart, not resent",
                announcement_id,
                in_doubt,
            )
        return in_doubt

    def claim(self, announcement_id: int, limit: int, now: float) -> list[tuple[int, str, int]]:
        """Move up to ``limit`` due rows to ``sending``: (chat_id, lang, attempts)."""
        return self.rows.claim(announcement_id, limit, now)

    def next_due(self, announcement_id: int) -> float | None:
        return self.rows.next_due(announcement_id)

    def record(self, announcement_id: int, chat_id: int, outcome: Outcome, attempts: int) -> None:
        match outcome:
            case Sent(message_id):
                state, error, message, delay = "sent", None, message_id, 0.0
            case Wait(seconds):
                # Not the delegate's fault: back to the queue, the attempt is not counted.
                self.rows.requeue(announcement_id, chat_id, time.time() + seconds)
                return
            case Blocked(reason):
                state, error, message, delay = "blocked", reason, None, 0.0
                self.storage.delegates.set_active(chat_id, False)
            case Transient(reason) if attempts < MAX_ATTEMPTS:
                state, error, message = "pending", reason, None
                delay = BACKOFF * 2 ** (attempts - 1)
            case Transient(reason) | Failed(reason):
                state, error, message, delay = "failed", reason, None, 0.0
        self.rows.settle(
            announcement_id,
            chat_id,
            state=state,
            error=error,
            message_id=message,
            not_before=time.time() + delay,
        )

    def mark_read(self, announcement_id: int, chat_id: int) -> bool:
        return self.rows.mark_read(announcement_id, chat_id)

    def status(self, announcement_id: int) -> Status:
        by_state, read = self.rows.counts(announcement_id)
        counts = dict.fromkeys(STATES, 0) | by_state
        return Status(
            delivered=counts["sent"] + counts["uncertain"],
            read=read,
            blocked=counts["blocked"],
            failed=counts["failed"],
            pending=counts["pending"] + counts["sending"],
        )


def _announcement(row) -> Announcement:
    scheduled = dt.datetime.fromisoformat(row["scheduled_for"]) if row["scheduled_for"] else None
    return Announcement(
        id=row["id"],
        text_fr=row["text_fr"],
        text_ar=row["text_ar"],
        status=row["status"],
        scheduled_for=scheduled,
        created_at=row["created_at"],
    )


class Pacer:
    """At most ``rate`` sends a second overall, and a global pause after a 429."""

    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def wait(self) -> None:
        async with self._lock:
            now = time.monotonic()
            start = max(now, self._next, self._paused_until)
            self._next = start + self.interval
        if start > now:
            await asyncio.sleep(start - now)


class Broadcaster:
    """Drains an announcement's pending rows through ``send``, under Telegram's limits."""

    def __init__(
        self, ledger: Ledger, send: SendFn, *, rate: float = RATE, workers: int = 8
    ) -> None:
        self.ledger = ledger
        self.send = send
        self.pacer = Pacer(rate)
        self.workers = workers

    async def run(self, announcement_id: int) -> Status:
        announcement = self.ledger.get(announcement_id)
        if announcement is None:
            raise ValueError(f"no announcement {announcement_id}")
        self.ledger.recover(announcement_id)
        if announcement.status != "sending":
            self.ledger.enqueue(announcement_id)
            self.ledger.set_status(announcement_id, "sending", started_at=now_iso())
        while True:
            rows = self.ledger.claim(announcement_id, self.workers, time.time())
            if not rows:
                due = self.ledger.next_due(announcement_id)
                if due is None:
                    break
                await asyncio.sleep(min(max(due - time.time(), 0.01), 5.0))
                continue
            await asyncio.gather(*(self._one(announcement, row) for row in rows))
        self.ledger.set_status(announcement_id, "done", finished_at=now_iso())
        return self.ledger.status(announcement_id)

    async def _one(self, announcement: Announcement, row: tuple[int, str, int]) -> None:
        chat_id, lang, attempts = row
        await self.pacer.wait()
        outcome = await deliver(
            self.send, chat_id, lang, announcement.text_for(lang), announcement.id
        )
        if isinstance(outcome, Wait):
            self.pacer.pause(outcome.seconds)
        self.ledger.record(announcement.id, chat_id, outcome, attempts)
