"""How each language's background ranks the passages of several languages
(fit halves only): the share of answerable questions whose own paragraph
comes first, and among the first five, under ways of reading the background
tried on 2026-11-30 (BENCHMARKS.md, "Tried ... fifth session").

    python bench/backgrounds.py [--pairs ar-en-mixed,ar-parallel]

``shipped``: ``background.backgrounds`` as it is. The others replace each
language's own level (the mean of its ten nearest passages): ``ranks 10-30``
and ``median`` read it further from the question, past the topic's own
passages; ``reference`` drops it for the question's similarity to the
language's everyday passages alone (``lexicons.*.BACKGROUND``), blind to how
much of a language is on the topic. Only a pool of several languages can
move: in one language, one level shifts every passage alike.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import indexed, key_of, pools  # noqa: E402

import bot.answering.search as search  # noqa: E402
from bot.answering.background import backgrounds  # noqa: E402
from bot.answering.query import understand  # noqa: E402

Levels = Callable[[Mapping[str, Sequence[float]], Mapping[str, Sequence[float]], int], dict]


def _own(read: Callable[[list[float]], float]) -> Levels:
    """The shipped rule with each large language's own level read by ``read``."""

    def levels(scores, reference, depth):
        shipped = backgrounds(scores, reference, depth)
        return {
            lang: read(sorted(found, reverse=True)) if len(found) >= depth else shipped[lang]
            for lang, found in scores.items()
        }

    return levels


def _reference(scores, reference, depth):
    return {lang: float(np.mean(reference[lang])) for lang in scores}


VARIANTS: dict[str, Levels] = {
    "shipped": backgrounds,
    "ranks 10-30": _own(lambda s: float(np.mean(s[10:30])) if len(s) >= 30 else np.mean(s[:10])),
    "median": _own(lambda s: float(np.median(s))),
    "reference": _reference,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default="ar-en-mixed,ar-parallel")
    args = parser.parse_args()
    for pool in pools(args.datasets, args.pairs.split(","), half=0):
        with tempfile.TemporaryDirectory() as tmp:
            services = indexed(pool, Path(tmp))
            asked = [(q, key) for q, key, _ in pool.questions if key not in pool.held_out]
            cells = []
            for name, levels in VARIANTS.items():
                search.backgrounds = levels
                first = top5 = 0
                for question, key in asked:
                    keys = [
                        key_of(h.chunk.source)
                        for h in services.retriever(understand(question)).hits
                    ]
                    first += bool(keys) and keys[0] == key
                    top5 += key in keys[:5]
                cells.append(f"{name} {first / len(asked):.3f} / {top5 / len(asked):.3f}")
            search.backgrounds = backgrounds
        print(f"{pool.name} ({len(asked)} answerable; first / among five): " + "; ".join(cells))


if __name__ == "__main__":
    main()
