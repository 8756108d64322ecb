"""A tried alternative to the lead-only decision: the calibrated model asked of
each of the first documents as if it led, the answer taken from the most
probable. Fit halves only; it prints the curves beside the shipped policy.

    python bench/candidate_leads.py [--pairs ar-en,en-ar,...] [--k 4]

Policies: ``lead`` (shipped: the search's first document leads), ``best``
(the document the model finds most probable leads), ``fallback`` (the lead
when it passes its threshold, else the most probable above its own). A
question counts as answered right when the chosen evidence cites its own
paragraph; the curve is that share of answerable questions when the
held-out questions' probabilities decline 60/70/80% of them. Tried on
2026-11-30 (BENCHMARKS.md, "Features tried"): no pool's curve rose.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import FITTED, indexed, key_of, pools, sample  # noqa: E402

from bot.answering.calibration import DecisionModel, features  # noqa: E402
from bot.answering.compose import gather  # noqa: E402
from bot.answering.decide import prefer_translation  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.core.tuning import DEFAULT  # noqa: E402
from bot.core.types import Retrieval  # noqa: E402

Candidate = dict  # {"p": probability, "own": cites the own paragraph, "cross": 0/1}


def candidates(retrieval: Retrieval, key: str, model: DecisionModel, k: int) -> list[Candidate]:
    """The decision's verdict with each of the first ``k`` documents leading."""
    hits, out, seen = retrieval.hits, [], set()
    for i, hit in enumerate(hits):
        if key_of(hit.chunk.source) in seen:
            continue
        seen.add(key_of(hit.chunk.source))
        led = [hit, *hits[:i], *hits[i + 1 :]]
        led = prefer_translation(led, retrieval.twins, retrieval.query.reply_lang)
        evidence = gather(led, retrieval, DEFAULT.composition)
        if evidence is None:
            out.append({"p": 0.0, "own": False, "cross": 0.0})
        else:
            values = features(evidence, retrieval, translations=True)
            own = any(key_of(h.chunk.source) == key for h in evidence.hits)
            out.append({"p": model.probability(values), "own": own, "cross": values["cross"]})
        if len(out) >= k:
            break
    return out


def policies(model: DecisionModel) -> dict[str, Callable[[list[Candidate]], Candidate]]:
    def bar(c: Candidate) -> float:
        return model.cross_threshold if c["cross"] else model.threshold

    def fallback(cs: list[Candidate]) -> Candidate:
        return cs[0] if cs[0]["p"] >= bar(cs[0]) else max(cs, key=lambda c: c["p"] - bar(c))

    return {"lead": lambda cs: cs[0], "best": lambda cs: max(cs, key=lambda c: c["p"]),
            "fallback": fallback}  # fmt: skip


def curve(rows: list[tuple[bool, Candidate]]) -> str:
    negatives = sorted(c["p"] for answerable, c in rows if not answerable)
    positives = [c for answerable, c in rows if answerable]
    points = []
    for share in (0.6, 0.7, 0.8):
        bar = negatives[min(len(negatives) - 1, int(share * len(negatives)))]
        points.append(sum(c["own"] and c["p"] > bar for c in positives) / len(positives))
    return " / ".join(f"{p:.2f}" for p in points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default=",".join(FITTED))
    parser.add_argument("--k", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for number, pool in enumerate(pools(args.datasets, args.pairs.split(","), half=0)):
            services = indexed(pool, Path(tmp) / f"pool{number}")
            model = services.assistant.decision
            asked = []
            for question, key, _ in sample(pool, 0):
                found = candidates(services.retriever(understand(question)), key, model, args.k)
                if found:
                    asked.append((key not in pool.held_out, found))
            parts = [
                f"{name} {curve([(a, choose(cs)) for a, cs in asked])}"
                for name, choose in policies(model).items()
            ]
            print(f"{pool.name}: 60/70/80% declined: " + "; ".join(parts), flush=True)


if __name__ == "__main__":
    main()
