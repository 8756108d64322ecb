"""How each language's background ranks the passages of several languages
(fit halves only): the share of answerable questions whose own paragraph
comes first, and among the first five, under ways of reading the background
tried on 2026-11-30 (BENCHMARKS.md, "Tried ... fifth session").

    python bench/backgrounds.py [--pairs ar-en-mixed,ar-parallel] [--lifts 0,0.03]

``shipped``: ``background.backgrounds`` as it is. The others replace each
language's own level (the mean of its ten nearest passages): ``ranks 10-30``
and ``median`` read it further from the question, past the topic's own
passages; ``reference`` drops it for the question's similarity to the
language's everyday passages alone (``lexicons.*.BACKGROUND``), blind to how
much of a language is on the topic; ``shared`` (2026-12-02) gives
languages too small for a level of their own one common level, set apart by
their reference gap alone. Only a pool of several languages can move: in
one language, one level shifts every passage alike.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
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


def _shared(scores, reference, depth):
    """The shipped rule, but languages too small for a level of their own share
    one (the mean of their pooled levels less their reference means), set apart
    only by their reference gap: a language's own close passages no longer
    raise its level above another's."""
    shipped = backgrounds(scores, reference, depth)
    small = [lang for lang, found in scores.items() if len(found) < depth and lang in reference]
    if len(small) < 2 or any(len(found) >= depth for found in scores.values()):
        return shipped
    base = {lang: float(np.mean(reference[lang])) for lang in small}
    level = float(np.mean([shipped[lang] - base[lang] for lang in small]))
    return shipped | {lang: base[lang] + level for lang in small}


VARIANTS: dict[str, Levels] = {
    "shipped": backgrounds,
    "ranks 10-30": _own(lambda s: float(np.mean(s[10:30])) if len(s) >= 30 else np.mean(s[:10])),
    "median": _own(lambda s: float(np.median(s))),
    "reference": _reference,
    "shared": _shared,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default="ar-en-mixed,ar-parallel")
    parser.add_argument(
        "--lifts",
        default="",
        help="search.untranslated_lift values to compare (e.g. 0,0.03), the shipped "
        "background each time, instead of the background variants",
    )
    args = parser.parse_args()
    lifts = [float(v) for v in args.lifts.split(",") if v]
    settings = [(f"lift {v}", backgrounds, v) for v in lifts] or [
        (name, levels, None) for name, levels in VARIANTS.items()
    ]
    totals: dict[str, dict[str, list[int]]] = {}
    for pool in pools(args.datasets, args.pairs.split(","), half=0):
        with tempfile.TemporaryDirectory() as tmp:
            services = indexed(pool, Path(tmp))
            shipped = services.search.tuning
            asked = [(q, key) for q, key, _ in pool.questions if key not in pool.held_out]
            for name, levels, lift in settings:
                search.backgrounds = levels
                if lift is not None:
                    services.search.tuning = replace(shipped, untranslated_lift=lift)
                counts = totals.setdefault(pool.name, {}).setdefault(name, [0, 0, 0])
                for question, key in asked:
                    keys = [
                        key_of(h.chunk.source)
                        for h in services.retriever(understand(question)).hits
                    ]
                    counts[0] += bool(keys) and keys[0] == key
                    counts[1] += key in keys[:5]
                    counts[2] += 1
            search.backgrounds = backgrounds
            services.search.tuning = shipped
    for name, cells in totals.items():
        print(
            f"{name} (answerable questions whose own paragraph is first / among five): "
            + "; ".join(f"{s} {c[0]} / {c[1]} of {c[2]}" for s, c in cells.items())
        )


if __name__ == "__main__":
    main()
