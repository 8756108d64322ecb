"""Follow-up benchmark: two-turn exchanges on the bundled knowledge
(bench/followups.jsonl, ar/fr/en, Darija among the Arabic ones).

    python bench/followups.py [--show] [--set decision.judge_translations=0]

Indexes ``knowledge/`` into a fresh embedded store; for each exchange, asks the
first message then the second through ``Services.converse`` (the path of the
Telegram handler and the terminal chat) in a chat of its own. The second
answer is right when it contains every expected fact (in the language asked
for, for "in Arabic" requests), or, for an unanswerable follow-up, when it
declines. Prints the share right by language, the same second messages asked
alone (no memory) for comparison, and each set apart: ``design`` (``f..``,
whose failures were looked at while the rules were written), ``seen``
(``c..``, written once the rules were first frozen: 16/20 then, and looked at
afterwards) and ``check`` (``d..``, written once they were frozen again, never
looked at before the number was recorded).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from answers import has_fact  # noqa: E402
from bench_tuning import tuned  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.core.types import Answer  # noqa: E402
from bot.services import Services  # noqa: E402


def right(answer: Answer, item: dict) -> bool:
    if not item["answerable"]:
        return not answer.confident
    wanted = item.get("reply_lang")
    return (
        answer.confident
        and (wanted is None or answer.lang == wanted)
        and all(has_fact(answer.answer, fact) for fact in item["facts"])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exchanges", type=Path, default=ROOT / "bench" / "followups.jsonl")
    parser.add_argument("--show", action="store_true", help="print every wrong second answer")
    parser.add_argument(
        "--set", action="append", default=[], help="a tuning value, e.g. decision.off_topic=0"
    )
    args = parser.parse_args()
    exchanges = [json.loads(line) for line in args.exchanges.read_text().splitlines() if line]

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(knowledge_dir=(ROOT / "knowledge").resolve(), data_dir=Path(tmp))
        services = Services(settings, tuning=tuned(args.set))
        print(f"knowledge: {services.ingest().summary()}")
        services.warm_up()
        with_memory: dict[str, list[bool]] = defaultdict(list)
        alone: dict[str, list[bool]] = defaultdict(list)
        by_half: dict[str, list[bool]] = defaultdict(list)
        for number, item in enumerate(exchanges):
            chat = 1000 + number
            services.converse(chat, item["first"])
            answer = services.converse(chat, item["then"])
            ok = right(answer, item)
            with_memory[item["lang"]].append(ok)
            alone[item["lang"]].append(right(services.ask(item["then"]), item))
            by_half[item.get("set", "design")].append(ok)
            if args.show and not ok:
                print(f"\n✗ {item['id']} {item['first']} → {item['then']}\n  {answer.answer}")

    def share(values: list[bool]) -> str:
        return f"{sum(values)}/{len(values)} ({sum(values) / max(1, len(values)):.0%})"

    print("\n| asked in | follow-ups right | the second message alone |")
    print("|---|---|---|")
    for lang in sorted(with_memory):
        print(f"| {lang} | {share(with_memory[lang])} | {share(alone[lang])} |")
    every = [ok for values in with_memory.values() for ok in values]
    alone_every = [ok for values in alone.values() for ok in values]
    print(f"| all | {share(every)} | {share(alone_every)} |")
    print("\n" + "; ".join(f"{name} set: {share(by_half[name])}" for name in by_half))


if __name__ == "__main__":
    main()
