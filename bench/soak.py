"""Soak benchmark: a live event's faults while delegates keep asking (issue 13).

    python bench/soak.py [--minutes 10] [--delegates 200] [--rate 5]

The real Application on the bundled knowledge, a `chroma run` server and the
fake Bot API, all on 127.0.0.1. Delegates ask questions from
bench/questions.jsonl (``--rate`` a second, from random delegates) for the
whole run while, at set moments: an organiser uploads a document (10%),
sends /reload (25%), ``ingest.py --rebuild`` in another process rebuilds the index and
swaps it in (40%), the Chroma server is stopped (SIGSTOP) for 30 s (55%)
and continued, and a broadcast goes out to every delegate (75%).

Reports answers/s; reply time p50/p95 outside and during the outage; what
delegates saw (answers, "search unavailable", apologies); lost (a question
never replied to) and duplicated replies; the broadcast's duplicates and
losses; the process's RSS over time. Goals: 0 lost, 0 duplicated, no apology
outside the outage, p95 < 3 s outside it, RSS growth < 10%.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processes import rebuild_elsewhere  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.event.announcements import Ledger  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.tg.app import build_application  # noqa: E402
from bot.tg.handlers.organisers.broadcast import start_broadcast  # noqa: E402
from tests.conftest import start_chroma, stop_chroma  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402

ORGANISER = 900
FIRST = 50_000
APOLOGY = ("Désolé", "Sorry", "عذرا", "عذرًا", "عفوا")
UNAVAILABLE = ("indisponible", "unavailable", "غير متاح")
BROADCAST = ("navette", "الحافلة")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Soak:
    def __init__(self, args, api: FakeBotAPI, settings: Settings, services: Services, server):
        self.args, self.api, self.settings, self.services, self.server = (
            args,
            api,
            settings,
            services,
            server,
        )
        self.questions = [
            json.loads(line)["question"]
            for line in (ROOT / "bench/questions.jsonl").read_text("utf-8").splitlines()
            if line.strip()
        ]
        self.asked: dict[tuple[int, int], float] = {}  # (chat, message id) -> sent at
        self.outage: tuple[float, float] | None = None
        self.pause = 0.0
        self.rss: list[tuple[float, float]] = []
        self.events: list[str] = []

    async def run(self, application) -> None:
        duration = self.args.minutes * 60
        rng = random.Random(7)
        started = time.monotonic()
        moments = {
            0.10: self.upload,
            0.25: self.reload,
            0.40: self.rebuild,
            0.55: self.outage_start,
        }
        moments[0.75] = lambda: self.broadcast(application)
        pending = sorted(moments)
        next_rss = started
        while (now := time.monotonic()) - started < duration:
            share = (now - started) / duration
            while pending and share >= pending[0]:
                moments[pending.pop(0)]()
            if self.outage and self.outage[1] == 0 and now - self.outage[0] >= self.pause:
                os.kill(self.server.pid, signal.SIGCONT)
                self.outage = (self.outage[0], now)
                self.events.append(f"{now - started:.0f} s: Chroma continued")
            if now >= next_rss:
                self.rss.append((now - started, rss_mb()))
                next_rss += 15
            for _ in range(rng.randint(0, 2 * self.args.rate) // 2):
                chat = FIRST + rng.randrange(self.args.delegates)
                update = self.api.send(chat, rng.choice(self.questions))
                self.asked[(chat, update["message"]["message_id"])] = time.monotonic()
            await asyncio.sleep(0.5)
        self.rss.append((time.monotonic() - started, rss_mb()))
        await asyncio.sleep(30)  # replies still in flight

    def upload(self) -> None:
        text = "Note pratique\n\nLa navette des délégués part de l'hôtel à une heure à confirmer.\n"
        self.api.send_document(ORGANISER, "note-navette.fr.txt", text.encode())
        self.events.append("upload sent")

    def reload(self) -> None:
        self.api.send(ORGANISER, "/reload")
        self.events.append("/reload sent")

    def rebuild(self) -> None:
        """``ingest.py --rebuild`` in a process of its own, as a maintainer runs
        it: its memory is not the bot's, the swap is."""
        settings = self.settings
        env = os.environ | {
            "KNOWLEDGE_DIR": str(settings.knowledge_dir),
            "DATA_DIR": str(settings.data_dir),
            "CHROMA_HOST": str(settings.chroma_host),
            "CHROMA_PORT": str(settings.chroma_port),
        }
        env.pop("TELEGRAM_BOT_TOKEN", None)

        def work() -> None:
            begun = time.monotonic()
            done = rebuild_elsewhere(env)
            took = time.monotonic() - begun
            last = ((done.stdout.strip() or done.stderr.strip()).splitlines() or [""])[-1]
            verdict = "swapped in" if done.returncode == 0 else f"failed ({done.returncode})"
            self.events.append(f"rebuild {verdict} after {took:.0f} s: {last}")

        threading.Thread(target=work, daemon=True).start()
        self.events.append("rebuild started (ingest.py --rebuild, another process)")

    def outage_start(self) -> None:
        self.pause = min(30.0, self.args.minutes * 60 * 0.1)
        os.kill(self.server.pid, signal.SIGSTOP)
        self.outage = (time.monotonic(), 0)
        self.events.append(f"Chroma stopped for {self.pause:.0f} s")

    def broadcast(self, application) -> None:
        ledger = Ledger(self.services.storage)
        announcement = ledger.create(
            text_fr="Rappel : la navette part à 8 h.",
            text_ar="تذكير: الحافلة تنطلق على الساعة 8.",
            created_by=ORGANISER,
        )
        start_broadcast(application, announcement)
        self.events.append(f"broadcast #{announcement} started")

    def report(self) -> None:
        replies: dict[tuple[int, int], list] = {}
        broadcast = Counter()
        for call in self.api.sent("sendMessage"):
            chat = int(call.params["chat_id"])
            text = str(call.params.get("text", ""))
            if any(word in text for word in BROADCAST) and "reply_parameters" not in call.params:
                broadcast[chat] += 1
            reply_to = (call.params.get("reply_parameters") or {}).get("message_id")
            if reply_to is not None and chat >= FIRST:
                replies.setdefault((chat, int(reply_to)), []).append(call)
        lost = [key for key in self.asked if key not in replies]
        duplicated = sum(len(calls) - 1 for calls in replies.values() if len(calls) > 1)
        inside, outside, kinds = [], [], Counter()
        for key, sent in self.asked.items():
            if key not in replies:
                continue
            first = replies[key][0]
            text = str(first.params.get("text", "")).lstrip("\u200f")
            during = self.outage is not None and self.outage[0] - 2 <= sent <= self.outage[1] + 2
            (inside if during else outside).append(first.at - sent)
            kind = (
                "apology"
                if text.startswith(APOLOGY)
                else "unavailable"
                if any(w in text for w in UNAVAILABLE)
                else "answer"
            )
            kinds[(kind, "during the outage" if during else "outside it")] += 1
        total = self.args.minutes * 60
        print(
            f"{len(self.asked)} questions from {self.args.delegates} delegates in {total:.0f} s "
            f"({len(self.asked) / total:.1f}/s asked, {sum(kinds.values()) / total:.1f}/s replied)"
        )
        for label, waits in (("outside the outage", outside), ("during the outage", inside)):
            if waits:
                waits.sort()
                print(
                    f"  reply time {label}: p50 {statistics.median(waits):.2f} s, "
                    f"p95 {waits[int(0.95 * (len(waits) - 1))]:.2f} s, max {waits[-1]:.2f} s "
                    f"({len(waits)} replies)"
                )
        print("  replies: " + ", ".join(f"{k[0]} {k[1]} {n}" for k, n in sorted(kinds.items())))
        print(f"  lost {len(lost)}, duplicated replies {duplicated}")
        reachable = set(range(FIRST, FIRST + self.args.delegates))
        print(
            f"  broadcast: delivered to {len(set(broadcast) & reachable)}/{len(reachable)}, "
            f"duplicates {sum(n - 1 for n in broadcast.values() if n > 1)}"
        )
        first, last = self.rss[1][1] if len(self.rss) > 1 else self.rss[0][1], self.rss[-1][1]
        print("  RSS (MB) over time: " + ", ".join(f"{t:.0f}s {m:.0f}" for t, m in self.rss))
        print(
            f"  RSS growth from the first minute to the end: {100 * (last - first) / first:+.1f}%"
        )
        print("  events: " + "; ".join(self.events))


async def soak(args) -> None:
    api = FakeBotAPI().start()
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        shutil.copytree(ROOT / "knowledge", knowledge)
        server, port = start_chroma(Path(tmp) / "chroma")
        try:
            settings = Settings(knowledge_dir=knowledge, data_dir=Path(tmp) / "data").updated(
                telegram_bot_token=api.token,
                telegram_api_base_url=api.base_url,
                chroma_host="127.0.0.1",
                chroma_port=port,
                chroma_timeout=2.0,
                organiser_ids=frozenset({ORGANISER}),
            )
            services = Services(settings)
            services.ingest()
            services.warm_up()
            for i in range(args.delegates):
                client = ("ar", "fr", "en")[i % 3]
                services.storage.delegates.seen(FIRST + i, FIRST + i, f"D{i}", client)
            application = build_application(settings, services)
            soak = Soak(args, api, settings, services, server)
            async with application:
                if application.post_init is not None:
                    await application.post_init(application)
                await application.start()
                await application.updater.start_polling(poll_interval=0.0, timeout=1)
                await soak.run(application)
                await application.updater.stop()
                await application.stop()
            soak.report()
        finally:
            os.kill(server.pid, signal.SIGCONT)
            stop_chroma(server)
            api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--delegates", type=int, default=200)
    parser.add_argument("--rate", type=int, default=5, help="questions a second, on average")
    asyncio.run(soak(parser.parse_args()))


if __name__ == "__main__":
    main()
