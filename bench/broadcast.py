"""Broadcast benchmark: one announcement to N delegates through a fake Bot API.

    python bench/broadcast.py [--delegates 5000] [--blocked 0.02] [--flood-every 500]

The real Application and broadcaster (``start_broadcast``) send to delegates
registered in a fresh SQLite file; the fake server on 127.0.0.1 answers 403
for a share of them (they blocked the bot) and a 429 with retry_after=1 for
every Nth message. Half the delegates have Arabic clients and never chose a
language, a quarter chose French, a quarter have a client in a language the
bot does not speak. Reports messages per second, time to finish, duplicates,
losses, messages in the wrong language (Arabic only, French only, both
versions for the unknown), and whether every blocked delegate was marked
inactive.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.event.announcements import Ledger  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from bot.tg.handlers.organisers.broadcast import start_broadcast  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402

FIRST_CHAT = 100_000


async def broadcast(delegates: int, blocked_share: float, flood_every: int) -> None:
    api = FakeBotAPI().start()
    rng = random.Random(7)
    api.blocked = {
        FIRST_CHAT + i for i in rng.sample(range(delegates), int(delegates * blocked_share))
    }
    api.flood_every = flood_every
    try:
        with tempfile.TemporaryDirectory() as tmp:
            empty = Path(tmp) / "knowledge"
            empty.mkdir()
            settings = Settings(knowledge_dir=empty, data_dir=Path(tmp)).updated(
                telegram_bot_token=api.token,
                telegram_api_base_url=api.base_url,
            )
            services = Services(settings)
            storage = services.storage
            # Half Arabic clients who never chose, a quarter who chose French, a
            # quarter whose client language the bot does not speak (both versions).
            expected = {}
            for i in range(delegates):
                chat = FIRST_CHAT + i
                client = "ar" if i % 2 else ("fr" if i % 4 == 0 else "de")
                storage.delegates.seen(chat, chat, f"D{i}", client_language=client)
                if client == "fr":
                    storage.delegates.set_language(chat, "fr")
                expected[chat] = client
            book = Ledger(storage)
            announcement_id = book.create(
                text_fr="Rappel : la navette part à 8 h.",
                text_ar="تذكير: الحافلة تنطلق على الساعة 8.",
                created_by=1,
            )
            application = build_application(settings, services)
            async with application:
                await application.start()
                started = time.monotonic()
                start_broadcast(application, announcement_id)
                task = application.bot_data["broadcasts"][announcement_id]
                await task
                elapsed = time.monotonic() - started
                await application.stop()
            status = book.status(announcement_id)
            calls = api.sent("sendMessage")
            received = Counter(int(c.params["chat_id"]) for c in calls if c.status == 200)
            duplicates = sum(n - 1 for n in received.values())
            should_get = {FIRST_CHAT + i for i in range(delegates)} - api.blocked
            lost = len(should_get - set(received))
            inactive = {
                row["chat_id"]
                for row in storage.execute("SELECT chat_id FROM delegates WHERE active = 0")
            }
            floods = sum(1 for c in calls if c.status == 429)
            wrong = sum(
                1
                for c in calls
                if c.status == 200
                and not _in_language(c.params["text"], expected[int(c.params["chat_id"])])
            )
            print(
                f"{delegates} delegates, {len(api.blocked)} blocked, "
                f"a 429 every {flood_every} sends ({floods} answered 429):"
            )
            print(
                f"  finished in {elapsed:.1f} s: "
                f"{len(received) / elapsed:.1f} messages/s delivered, "
                f"{len(calls) / elapsed:.1f} requests/s"
            )
            print(
                f"  ledger: delivered {status.delivered}, blocked {status.blocked}, "
                f"failed {status.failed}, pending {status.pending}"
            )
            print(
                f"  duplicates {duplicates}, lost {lost}, blocked delegates marked inactive "
                f"{len(api.blocked & inactive)}/{len(api.blocked)}, "
                f"in the wrong language {wrong}"
            )
            storage.close()
    finally:
        api.stop()


def _in_language(text: str, client: str) -> bool:
    """Arabic only for Arabic clients, French only for French, both for the rest."""
    french, arabic = "navette" in text, "الحافلة" in text
    return (french, arabic) == {"ar": (False, True), "fr": (True, False)}.get(client, (True, True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=5000)
    parser.add_argument("--blocked", type=float, default=0.02)
    parser.add_argument("--flood-every", type=int, default=500)
    args = parser.parse_args()
    asyncio.run(broadcast(args.delegates, args.blocked, args.flood_every))


if __name__ == "__main__":
    main()
