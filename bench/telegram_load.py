"""Telegram load benchmark: N delegates ask at once through a fake Bot API.

    python bench/telegram_load.py [--delegates 200] [--no-rate-limit]

Runs the real Application (``build_application``) on the bundled knowledge
against the fake Bot API server of the tests, on 127.0.0.1. Every delegate
sends one question from bench/questions.jsonl at the same moment; the bench
reports answered questions per second and the median / p95 time from the
update being available to the answer being sent. With the rate limiter on
(the production setting), Telegram's ~30 requests/s cap is what bounds it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402


async def load(delegates: int, rate_limit: bool) -> None:
    questions = [
        json.loads(line)["question"]
        for line in (ROOT / "bench" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    api = FakeBotAPI().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(knowledge_dir=ROOT / "knowledge", data_dir=Path(tmp)).updated(
                telegram_bot_token=api.token,
                telegram_api_base_url=api.base_url,
            )
            services = Services(settings)
            services.ingest()
            services.warm_up()
            application = build_application(settings, services, rate_limit=rate_limit)
            application.bot_data["rate_limiter"].limit = 10**6  # one question each: no throttle
            async with application:
                await application.start()
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                sent_at = {}
                started = time.monotonic()
                for i in range(delegates):
                    chat_id = 10_000 + i
                    api.send(chat_id, questions[i % len(questions)], user=api.user(chat_id))
                    sent_at[chat_id] = time.monotonic()
                await api.expect("sendMessage", count=delegates, timeout=600)
                elapsed = time.monotonic() - started
                await application.updater.stop()
                await application.stop()
            replies = {}
            for call in api.sent("sendMessage"):
                replies.setdefault(int(call.params["chat_id"]), call.at)
            waits = sorted(replies[c] - sent_at[c] for c in sent_at)
            print(f"{delegates} delegates, rate limiter {'on' if rate_limit else 'off'}:")
            print(f"  all answered in {elapsed:.1f} s = {delegates / elapsed:.1f} answers/s")
            print(
                f"  time to reply: first {waits[0]:.2f} s, "
                f"median {statistics.median(waits):.2f} s, "
                f"p95 {waits[int(0.95 * (len(waits) - 1))]:.2f} s, max {waits[-1]:.2f} s"
            )
            services.storage.close()
    finally:
        api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delegates", type=int, default=200)
    parser.add_argument("--no-rate-limit", action="store_true")
    args = parser.parse_args()
    asyncio.run(load(args.delegates, not args.no_rate_limit))


if __name__ == "__main__":
    main()
