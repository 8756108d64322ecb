"""Could a corpus tell its own decline threshold? Sentences of a missing
paragraph as stand-ins for the questions nobody can answer.

    python bench/pseudo_heldout.py [--pairs ar-ar,en-en,cnil,arcd] [--half fit]

One threshold for every corpus declines 0.90 of XQuAD's held-out questions
and 0.48 of ARCD's (BENCHMARKS.md, Generalisation): the model's probability
is not calibrated alike across corpora. An assistant could measure its own
corpus at ingest: leave a document out, ask the index sentences of it, and
read where the probabilities of such "pseudo held-out" questions fall. This
script asks whether that tracks the real thing, pool by pool: the pools of
``bench/generalisation.py`` are indexed as there, the held-out paragraph's
sentences (at least six words, cut to fourteen, three a paragraph, chosen by
a fixed seed) are asked as questions, and it prints, per pool, the quantile
of the real held-out questions' probabilities that declines 70% of them
beside the pseudo questions' quantiles, then what a threshold set from the
pseudo quantile plus an offset would keep and decline. Fit half by default:
this decides whether to build it, so it reads no check half.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import articles, indexed, pools, shipped_features, xquad  # noqa: E402

from bot.answering.compose import gather  # noqa: E402
from bot.answering.decide import order  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.services import Services  # noqa: E402
from bot.text.units import units  # noqa: E402

FILES = {"arcd": "arcd.json", "cnil": "cnil-faq.json"}


def held_out_texts(datasets: Path, pair: str, half: int) -> list[str]:
    """The paragraphs ``generalisation.pools`` leaves out of ``pair``'s index."""
    if pair in FILES:
        made = []
        for number, article in enumerate(articles(datasets / FILES[pair])):
            paragraphs = article["paragraphs"]
            if number % 2 != half:
                continue
            if pair == "cnil" and number % 5 == 1:
                made += [p["context"] for p in paragraphs]
            elif pair == "arcd" and len(paragraphs) > 1:
                made.append(paragraphs[number % len(paragraphs)]["context"])
        return made
    lang = pair.split("-")[1]
    return [
        article["paragraphs"][number % len(article["paragraphs"])]["context"]
        for number, article in enumerate(xquad(datasets)[lang])
        if number % 2 == half
    ]


def pseudo_questions(texts: list[str], words: int = 14, each: int = 3) -> list[str]:
    rng, made = random.Random(0), []
    for text in texts:
        long_enough = [u for u in units(text) if len(u.split()) >= 6]
        rng.shuffle(long_enough)
        made += [" ".join(u.split()[:words]) for u in long_enough[:each]]
    return made


def probability(services: Services, question: str) -> float:
    retrieval = services.retriever(understand(question))
    evidence = gather(order(retrieval), retrieval, services.tuning.composition)
    shipped = shipped_features(services, evidence, retrieval)
    return services.assistant.decision.probability(shipped) if shipped else 0.0


def quantile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def share(values: list[float], above: float) -> float:
    return sum(v > above for v in values) / len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default="ar-ar,en-en,cnil,arcd")
    parser.add_argument("--half", choices=("check", "fit"), default="fit")
    args = parser.parse_args()
    half = 1 if args.half == "check" else 0
    measured = {}
    for pair in args.pairs.split(","):
        pool = pools(args.datasets, [pair], half)[0]
        with tempfile.TemporaryDirectory() as tmp:
            services = indexed(pool, Path(tmp))
            asked = [(probability(services, q), k in pool.held_out) for q, k, _ in pool.questions]
            pseudo = pseudo_questions(held_out_texts(args.datasets, pair, half))
            measured[pair] = (
                [p for p, held in asked if held],
                [p for p, held in asked if not held],
                [probability(services, q) for q in pseudo],
            )
        held, answerable, fake = measured[pair]
        print(
            f"{pair}: {len(held)} held-out, {len(answerable)} answerable, {len(fake)} pseudo; "
            f"held-out 70% quantile {quantile(held, 0.7):.3f}; pseudo 50/70/90% "
            + " ".join(f"{quantile(fake, q):.3f}" for q in (0.5, 0.7, 0.9)),
            flush=True,
        )
    print("\nanswerable over the threshold @ held-out declined, per pool:")
    for at, offset in ((0.7, 0.0), (0.7, 0.1), (0.9, 0.0), (0.5, 0.2)):
        cells = []
        for pair, (held, answerable, fake) in measured.items():
            threshold = min(0.95, quantile(fake, at) + offset)
            cells.append(
                f"{pair} {share(answerable, threshold):.2f}@{1 - share(held, threshold):.2f}"
            )
        print(f"  pseudo {at:.0%} quantile + {offset}: " + " | ".join(cells))
    for threshold in (0.5, 0.633, 0.8):
        cells = [
            f"{pair} {share(a, threshold):.2f}@{1 - share(h, threshold):.2f}"
            for pair, (h, a, _) in measured.items()
        ]
        print(f"  one threshold {threshold}: " + " | ".join(cells))


if __name__ == "__main__":
    main()
