"""The delivery ledger and the broadcaster, with a scripted send (no server)."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from pathlib import Path

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.event import announcements
from bot.event.announcements import Broadcaster, Ledger
from bot.storage import Storage


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    storage = Storage(tmp_path / "bot.sqlite3")
    for chat_id in range(1, 21):
        storage.delegates.seen(chat_id, chat_id, f"D{chat_id}")
        storage.delegates.set_language(chat_id, "ar" if chat_id % 2 else "fr")
    storage.delegates.seen(99, 99, "Unsubscribed")
    storage.delegates.set_subscribed(99, False)
    return Ledger(storage)


class Script:
    """Records sends; raises the scripted error for a chat's first attempts."""

    def __init__(
        self, errors: dict[int, list[Exception]] | None = None, delay: float = 0.0
    ) -> None:
        self.errors = errors or {}
        self.delivered: list[tuple[int, str, str]] = []
        self.attempts: Counter[int] = Counter()
        self.delay = delay

    async def __call__(self, chat_id: int, lang: str, text: str, announcement_id: int) -> int:
        self.attempts[chat_id] += 1
        if self.delay:
            await asyncio.sleep(self.delay)
        queue = self.errors.get(chat_id)
        if queue:
            raise queue.pop(0)
        self.delivered.append((chat_id, lang, text))
        return 1000 + chat_id


def broadcast(ledger: Ledger, send, announcement_id: int, **kwargs):
    return asyncio.run(Broadcaster(ledger, send, rate=1000, **kwargs).run(announcement_id))


def test_each_delegate_gets_their_language_once(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="Rendez-vous à 9 h", text_ar="الموعد على الساعة 9", created_by=1)
    send = Script()
    status = broadcast(ledger, send, aid)
    assert status.delivered == 20 and status.pending == status.failed == status.blocked == 0
    assert sorted(chat for chat, _, _ in send.delivered) == list(range(1, 21))  # 99 unsubscribed
    assert {(lang, text) for _, lang, text in send.delivered} == {
        ("ar", "الموعد على الساعة 9"),
        ("fr", "Rendez-vous à 9 h"),
    }
    # Running it again sends nothing more.
    again = Script()
    broadcast(ledger, again, aid)
    assert again.delivered == []


def test_a_skipped_language_falls_back_to_the_other(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="Seulement en français", text_ar=None, created_by=1)
    send = Script()
    broadcast(ledger, send, aid)
    assert {text for _, _, text in send.delivered} == {"Seulement en français"}


def test_blocked_delegates_are_marked_and_not_retried(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="x", text_ar="y", created_by=1)
    send = Script(
        {
            3: [Forbidden("Forbidden: bot was blocked by the user")],
            4: [BadRequest("Chat not found")],
        }
    )
    status = broadcast(ledger, send, aid)
    assert status.blocked == 2 and status.delivered == 18
    assert send.attempts[3] == 1 and send.attempts[4] == 1
    assert not ledger.storage.delegates.delegate(3).active
    # An inactive delegate is not enqueued for the next announcement.
    nxt = ledger.create(text_fr="z", text_ar=None, created_by=1)
    broadcast(ledger, Script(), nxt)
    assert ledger.status(nxt).delivered == 18


def test_retry_after_is_honoured_for_the_same_row(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="x", text_ar="y", created_by=1)
    send = Script({5: [RetryAfter(1)]})
    started = time.monotonic()
    status = broadcast(ledger, send, aid)
    assert time.monotonic() - started >= 1.0  # the whole bot paused as Telegram asked
    assert status.delivered == 20 and send.attempts[5] == 2
    assert [c for c, _, _ in send.delivered].count(5) == 1


def test_network_errors_are_retried_with_backoff_then_failed(ledger: Ledger, monkeypatch) -> None:
    monkeypatch.setattr(announcements, "BACKOFF", 0.01)
    aid = ledger.create(text_fr="x", text_ar="y", created_by=1)
    send = Script(
        {6: [TimedOut(), NetworkError("502 Bad Gateway")], 7: [NetworkError("boom")] * 10}
    )
    status = broadcast(ledger, send, aid)
    assert send.attempts[6] == 3 and 6 in [c for c, _, _ in send.delivered]
    assert send.attempts[7] == announcements.MAX_ATTEMPTS
    assert status.failed == 1 and status.delivered == 19
    row = ledger.storage.execute(
        "SELECT last_error FROM deliveries WHERE announcement_id = ? AND chat_id = 7", (aid,)
    ).fetchone()
    assert "boom" in row["last_error"]


def test_a_killed_broadcast_resumes_without_duplicates(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="x", text_ar="y", created_by=1)
    first = Script(delay=0.05)

    async def killed():
        task = asyncio.create_task(Broadcaster(ledger, first, rate=1000, workers=4).run(aid))
        while len(first.delivered) < 6:
            await asyncio.sleep(0.01)
        task.cancel()  # the process dies here, some sends in flight
        with pytest.raises(asyncio.CancelledError):
            await task

    asyncio.run(killed())
    in_flight = ledger.storage.execute(
        "SELECT COUNT(*) FROM deliveries WHERE announcement_id = ? AND state = 'sending'", (aid,)
    ).fetchone()[0]
    second = Script()
    status = broadcast(ledger, second, aid)
    delivered = [c for c, _, _ in first.delivered] + [c for c, _, _ in second.delivered]
    assert len(delivered) == len(set(delivered))  # nothing twice
    assert status.pending == 0
    assert status.delivered == 20  # every row delivered, or in doubt (counted, not resent)
    assert len(set(delivered)) == 20 - in_flight


def test_read_receipts_and_cancel(ledger: Ledger) -> None:
    aid = ledger.create(text_fr="x", text_ar="y", created_by=1)
    broadcast(ledger, Script(), aid)
    assert ledger.mark_read(aid, 1) and ledger.mark_read(aid, 1)
    assert not ledger.mark_read(aid, 99)
    assert ledger.status(aid).read == 1
    assert not ledger.cancel(aid)  # already sent
    draft = ledger.create(text_fr="later", text_ar=None, created_by=1)
    assert ledger.cancel(draft) and ledger.get(draft).status == "cancelled"
