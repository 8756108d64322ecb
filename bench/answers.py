"""Answer benchmark on the project's own question set (bench/questions.jsonl).

    python bench/answers.py [--calibrate] [--show]

Indexes ``knowledge/`` into a fresh embedded store, then asks every question
through ``Services.ask`` (the code path of ``python -m bot ask``) and prints:
the share of answerable questions whose answer contains every expected fact,
by language; precision and recall of the decision to decline; median and p95
latency per question after warm-up. ``--calibrate`` also prints, for the
decline threshold, the scores of the top passage split by answerable or not
and by same/other language, and the best thresholds found.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_tuning import tuned  # noqa: E402

from bot.answering.compose import gather  # noqa: E402
from bot.answering.decide import order  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.text.normalise import normalise  # noqa: E402


def load_questions(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def has_fact(answer: str, fact: str) -> bool:
    """One expected fact, with alternatives "6 000 | 6000 | ٦٠٠٠", found in the answer."""
    text = normalise(answer).replace("\u202f", " ").replace("\u00a0", " ")
    return any(normalise(alt.strip()) in text for alt in fact.split("|"))


def decision(declined_when: list[tuple[bool, bool]]) -> str:
    """Precision and recall of declining, from (answerable, declined) pairs."""
    true_declines = sum(1 for a, d in declined_when if d and not a)
    declines = sum(1 for _, d in declined_when if d)
    unanswerable = sum(1 for a, _ in declined_when if not a)
    precision = true_declines / declines if declines else 1.0
    recall = true_declines / unanswerable if unanswerable else 1.0
    return (
        f"precision {precision:.2f} ({true_declines}/{declines}), "
        f"recall {recall:.2f} ({true_declines}/{unanswerable})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=ROOT / "bench" / "questions.jsonl")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge")
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--show", action="store_true", help="print every wrong answer")
    parser.add_argument(
        "--dump",
        type=Path,
        help="write every answer as `ask --json` prints it, one per line: diff two runs "
        "to show that a change kept every answer",
    )
    parser.add_argument(
        "--set", action="append", default=[], help="a tuning value, e.g. decision.calibrated=0"
    )
    args = parser.parse_args()
    questions = load_questions(args.questions)

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(knowledge_dir=args.knowledge.resolve(), data_dir=Path(tmp))
        services = Services(settings, tuning=tuned(args.set))
        report = services.ingest()
        print(f"knowledge: {report.summary()}")
        services.warm_up()
        for question in ("Bonjour", "مرحبا", "Hello"):  # the model and the caches, not the answers
            services.ask(question)

        right: dict[str, list[bool]] = defaultdict(list)
        declined_when: list[tuple[bool, bool]] = []  # (answerable, declined)
        declined_arabizi: list[tuple[bool, bool]] = []
        latencies: list[float] = []
        scores = []
        dumped = []
        for item in questions:
            started = time.perf_counter()
            answer = services.ask(item["question"])
            latencies.append(time.perf_counter() - started)
            dumped.append(json.dumps(answer.to_dict(item["question"]), ensure_ascii=False))
            declined = not answer.confident
            group = item.get("dialect") or item["lang"]
            # Arabizi is the stretch goal: its decisions are counted apart.
            (declined_arabizi if group == "arabizi" else declined_when).append(
                (item["answerable"], declined)
            )
            if item["answerable"]:
                ok = not declined and all(has_fact(answer.answer, f) for f in item["facts"])
                right[group].append(ok)
                if not ok and args.show:
                    print(
                        f"\n✗ {item['id']} {item['question']}\n  expected {item['facts']}\n"
                        f"  got: {answer.answer!r}"
                    )
            elif not declined and args.show:
                print(
                    f"\n✗ {item['id']} answered an unanswerable question: {answer.answer[:120]!r}"
                )
            if args.calibrate:
                retrieval = services.retriever(understand(item["question"]))
                hits, qlang = retrieval.hits, retrieval.query.lang
                evidence = gather(order(retrieval), retrieval)
                same = bool(hits) and hits[0].chunk.lang == qlang
                passage = evidence.passage_score if evidence else 0.0
                unit = evidence.unit_score if evidence else 0.0
                scores.append((item["answerable"], same, passage, item["id"], unit))

    if args.dump:
        args.dump.write_text("\n".join(dumped) + "\n", encoding="utf-8")
    print("\n| group | answerable questions | answer contains the facts |")
    print("|---|---|---|")
    for group in ("ar", "darija", "fr", "en"):
        results = right.get(group, [])
        if results:
            print(f"| {group} | {len(results)} | {sum(results) / len(results):.0%} |")
    total = [ok for g, results in right.items() if g != "arabizi" for ok in results]
    print(f"| all but Arabizi | {len(total)} | {sum(total) / len(total):.0%} |")
    if right.get("arabizi"):
        results = right["arabizi"]
        print(f"| Arabizi (stretch) | {len(results)} | {sum(results) / len(results):.0%} |")

    print(f"\ndecline: {decision(declined_when)}")
    if declined_arabizi:
        print(f"decline, Arabizi: {decision(declined_arabizi)}")
    latencies.sort()
    print(
        f"latency per question: median {1000 * statistics.median(latencies):.0f} ms, "
        f"p95 {1000 * latencies[int(0.95 * (len(latencies) - 1))]:.0f} ms "
        f"({len(latencies)} questions)"
    )

    if args.calibrate:
        print("\ntop score by group (answerable / not):")
        for same in (True, False):
            label = "same language" if same else "other language"
            yes = sorted(
                (round(s, 3), round(u, 3), i) for a, sm, s, i, u in scores if a and sm == same
            )
            no = sorted(
                (round(s, 3), round(u, 3), i) for a, sm, s, i, u in scores if not a and sm == same
            )
            print(f"  {label}: answerable {yes}")
            print(f"  {label}: unanswerable {no}")
        for same in (True, False):
            group = [(a, s) for a, sm, s, _, _ in scores if sm == same]
            best = max(
                (sum((s >= t) == a for a, s in group), -t, t)
                for t in sorted({round(s, 3) for _, s in group} | {0.0, 1.5})
            )
            print(
                f"  best threshold ({'same' if same else 'other'} language): {best[2]:.3f} "
                f"({best[0]}/{len(group)} decided right)"
            )


if __name__ == "__main__":
    main()
