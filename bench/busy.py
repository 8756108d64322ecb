"""Answer time while a long upload is indexed in the bot's own process.

    python bench/busy.py [--rounds 40]

An organiser's upload, or /reload, indexes in a thread of the bot process
(``asyncio.to_thread(services.ingest)``) while delegates keep asking. Here:
the bundled ``knowledge/`` indexed into a fresh embedded store, its
questions (``bench/questions.jsonl``) asked once alone, then a long report
(every ARCD paragraph, read from ``../shared/datasets/``, never copied: 0.5
MB of Arabic prose, about 490 chunks) put under ``uploads/`` and indexed by
``Services.ingest`` in a thread while the same questions are asked again and
again until it is done (``--rounds`` passes at most: the loop is bounded).
Prints the median, p95 and longest answer time alone and during the
indexing, and the indexing's own time.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answers import load_questions  # noqa: E402
from hostile import FILES  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402


def timed(services: Services, questions: list[str]) -> list[float]:
    took = []
    for question in questions:
        started = time.perf_counter()
        services.ask(question)
        took.append(time.perf_counter() - started)
    return took


def summary(took: list[float]) -> str:
    ordered = sorted(took)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"median {1000 * statistics.median(ordered):.0f} ms, p95 {1000 * p95:.0f} ms, "
        f"longest {1000 * ordered[-1]:.0f} ms ({len(ordered)} questions)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40, help="passes at most during indexing")
    args = parser.parse_args()
    questions = [q["question"] for q in load_questions(ROOT / "bench" / "questions.jsonl")]
    with tempfile.TemporaryDirectory() as tmp:
        knowledge = Path(tmp) / "knowledge"
        settings = Settings(knowledge_dir=knowledge, data_dir=Path(tmp) / "data")
        shutil.copytree(ROOT / "knowledge", knowledge)
        services = Services(settings)
        print(f"knowledge: {services.ingest().summary()}")
        services.warm_up()
        timed(services, questions[:5])  # the caches, not the answers
        print(f"alone: {summary(timed(services, questions))}")

        (knowledge / "uploads").mkdir(exist_ok=True)
        FILES["long-report.ar.txt"](knowledge / "uploads" / "long-report.ar.txt")
        report: list = []
        worker = threading.Thread(target=lambda: report.append(services.ingest()))
        started = time.perf_counter()
        worker.start()
        during: list[float] = []
        for question in itertools.islice(itertools.cycle(questions), args.rounds * len(questions)):
            if not worker.is_alive():
                break
            during.extend(timed(services, [question]))
        worker.join()
        print(f"indexing: {report[0].summary()} ({time.perf_counter() - started:.1f} s)")
        print(f"during the indexing: {summary(during)}")


if __name__ == "__main__":
    main()
