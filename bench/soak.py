"""Soak benchmark: a live event's faults while delegates keep asking (issue 13).

    python bench/soak.py [--minutes 10] [--delegates 200] [--rate 5]

The bot is ``python -m bot serve`` in a process of its own, as deployed, on
the bundled knowledge, with a `chroma run` server and the fake Bot API (in
this process), all on 127.0.0.1: the RSS measured is the bot's alone, not
the fake's record of every update and reply. Delegates ask questions from
bench/questions.jsonl (``--rate`` a second, from random delegates) for the
whole run while, at set moments: an organiser uploads a document (10%),
sends /reload (25%), ``ingest.py --rebuild`` in another process rebuilds the
index and swaps it in (40%), the Chroma server is stopped (SIGSTOP) for 30 s
(55%) and continued, and an organiser sends an announcement to every delegate
through /announce (75%).

Reports answers/s; reply time p50/p95 outside and during the outage; what
delegates saw (answers, "search unavailable", apologies); lost (a question
never replied to) and duplicated replies; the broadcast's duplicates and
losses; the bot process's RSS over time. Goals: 0 lost, 0 duplicated, no
apology outside the outage, p95 < 3 s outside it, RSS growth < 10%.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from processes import rebuild_elsewhere, rss_mb  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.storage import Storage  # noqa: E402
from tests.conftest import start_chroma, stop_chroma  # noqa: E402
from tests.fakes.bot_api import FakeBotAPI  # noqa: E402

ORGANISER = 900
FIRST = 50_000
APOLOGY = ("Désolé", "Sorry", "عذرا", "عذرًا", "عفوا")
UNAVAILABLE = ("indisponible", "unavailable", "غير متاح")
BROADCAST = ("navette", "الحافلة")


def wait_for(condition, timeout: float = 60.0) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def buttons(call) -> list[str]:
    markup = call.params.get("reply_markup")
    markup = json.loads(markup) if isinstance(markup, str) else (markup or {})
    return [b["callback_data"] for row in markup.get("inline_keyboard", []) for b in row]


class Soak:
    def __init__(self, args, api: FakeBotAPI, env: dict[str, str], bot, server):
        self.args, self.api, self.env, self.bot, self.server = args, api, env, bot, server
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

    def run(self) -> None:
        duration = self.args.minutes * 60
        rng = random.Random(7)
        started = time.monotonic()
        moments = {
            0.10: self.upload,
            0.25: self.reload,
            0.40: self.rebuild,
            0.55: self.outage_start,
            0.75: self.broadcast,
        }
        pending = sorted(moments)
        next_rss = started
        while (now := time.monotonic()) - started < duration and self.bot.poll() is None:
            share = (now - started) / duration
            while pending and share >= pending[0]:
                moments[pending.pop(0)]()
            if self.outage and self.outage[1] == 0 and now - self.outage[0] >= self.pause:
                os.kill(self.server.pid, signal.SIGCONT)
                self.outage = (self.outage[0], now)
                self.events.append(f"{now - started:.0f} s: Chroma continued")
            if now >= next_rss:
                self.rss.append((now - started, rss_mb(self.bot.pid)))
                next_rss += 15
            for _ in range(rng.randint(0, 2 * self.args.rate) // 2):
                chat = FIRST + rng.randrange(self.args.delegates)
                update = self.api.send(chat, rng.choice(self.questions))
                self.asked[(chat, update["message"]["message_id"])] = time.monotonic()
            time.sleep(0.5)
        self.rss.append((time.monotonic() - started, rss_mb(self.bot.pid)))
        time.sleep(30)  # replies still in flight

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

        def work() -> None:
            begun = time.monotonic()
            done = rebuild_elsewhere(self.env)
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

    def broadcast(self) -> None:
        """The organiser's /announce, both versions, then "send now", as a thread:
        the delegates keep asking meanwhile."""
        threading.Thread(target=self._announce, daemon=True).start()
        self.events.append("/announce started")

    def _announce(self) -> None:
        api, me = self.api, self.api.user(ORGANISER, lang="fr", name="Organiser")
        steps = ("/announce", "Rappel : la navette part à 8 h.", "تذكير: الحافلة تنطلق الساعة 8.")
        before = len(api.sent(chat_id=ORGANISER))
        for count, text in enumerate(steps):
            if not wait_for(lambda n=before + count: len(api.sent(chat_id=ORGANISER)) >= n):
                self.events.append(f"/announce: no reply before {text[:12]!r}")
                return
            api.send(ORGANISER, text, user=me)
        if not wait_for(lambda: self._send_button() is not None):
            self.events.append("/announce: no decision buttons")
            return
        api.press(ORGANISER, self._send_button(), user=me)
        self.events.append(f"broadcast {self._send_button().split(':')[2]} sent")

    def _send_button(self) -> str | None:
        for call in reversed(self.api.sent(chat_id=ORGANISER)):
            for data in buttons(call):
                if data.startswith("ann:send:"):
                    return data
        return None

    def report(self) -> None:
        replies: dict[tuple[int, int], list] = {}
        broadcast = Counter()
        for call in self.api.sent("sendMessage"):
            chat = int(call.params["chat_id"])
            text = str(call.params.get("text", ""))
            if (
                chat >= FIRST
                and any(word in text for word in BROADCAST)
                and "reply_parameters" not in call.params
            ):
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


def bot_environment(api: FakeBotAPI, tmp: Path, port: int) -> dict[str, str]:
    """What the bot process and the rebuild read: the temporary folders, the
    Chroma server and the fake Bot API."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in ("PATH", "HOME", "LANG", "HF_HUB_OFFLINE", "VIRTUAL_ENV")
    }
    return env | {
        "KNOWLEDGE_DIR": str(tmp / "knowledge"),
        "DATA_DIR": str(tmp / "data"),
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": str(port),
        "CHROMA_TIMEOUT": "2",
        "ORGANISER_IDS": str(ORGANISER),
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_BASE_URL": api.base_url,
    }


def start_bot(args, api: FakeBotAPI, env: dict[str, str], tmp: Path) -> subprocess.Popen:
    """Ingest, register the delegates, then ``python -m bot serve`` until it polls."""
    subprocess.run([sys.executable, "ingest.py"], cwd=ROOT, env=env, check=True, timeout=600)
    storage = Storage(Settings(data_dir=tmp / "data").bot_db_path)
    for i in range(args.delegates):
        storage.delegates.seen(FIRST + i, FIRST + i, f"D{i}", ("ar", "fr", "en")[i % 3])
    storage.close()
    with (tmp / "bot.log").open("w") as log:
        bot = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env, stderr=log
        )
    # setMyCommands is the last call before polling.
    if not wait_for(lambda: api.sent("setMyCommands") or bot.poll() is not None, 300):
        raise SystemExit("the bot did not start within 300 s")
    if bot.poll() is not None:
        raise SystemExit((tmp / "bot.log").read_text())
    return bot


def soak(args) -> None:
    api = FakeBotAPI().start()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        shutil.copytree(ROOT / "knowledge", tmp / "knowledge")
        server, port = start_chroma(tmp / "chroma")
        bot = None
        try:
            env = bot_environment(api, tmp, port)
            bot = start_bot(args, api, env, tmp)
            run = Soak(args, api, env, bot, server)
            run.run()
            if bot.poll() is not None:
                print(f"the bot stopped (exit {bot.returncode}):")
                print((tmp / "bot.log").read_text()[-3000:])
            run.report()
        finally:
            if bot is not None:
                bot.terminate()
                bot.wait(timeout=30)
            os.kill(server.pid, signal.SIGCONT)
            stop_chroma(server)
            api.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--delegates", type=int, default=200)
    parser.add_argument("--rate", type=int, default=5, help="questions a second, on average")
    soak(parser.parse_args())


if __name__ == "__main__":
    main()
