"""How far below a full corpus's background the stand-in of a small upload
sits (fit half only).

    python bench/stand_in.py [--pairs ar-en,en-ar,ar-ar,en-en] [--half fit]

A language with fewer than ``background_depth`` passages (one uploaded
document) has no background of its own: ``background.backgrounds`` reads it
off its few passages and the reference passages (``lexicons.*.BACKGROUND``).
Here each question of a full XQuAD pool is read both ways: its language's
real background (the mean of the corpus's ten nearest passages), and the
stand-in it would get were its own article the only document indexed (that
article's passages and the reference ones). The gap is how much higher a
small upload's passages stand above their background than the same passages
in the corpora the decision was fitted on. Prints the gap's median and
quartiles per pair of question and passage languages, and its median over
all of them. Raising the stand-in by that median was tried and left out
(BENCHMARKS.md, Generalisation, "Nineteenth session").
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import indexed, key_of, pools  # noqa: E402

from bot.answering.background import backgrounds  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.core.tuning import DEFAULT  # noqa: E402


def gaps(pool, workdir: Path, depth: int) -> dict[tuple[str, str], list[float]]:
    """(question language, passage language) -> real background less the
    stand-in, per question, the stand-in read without any offset."""
    services = indexed(pool, workdir)
    index = services.search.index
    langs = np.array([c.lang for c in index.chunks])
    articles = np.array([key_of(c.source).split("-")[0] for c in index.chunks])
    out: dict[tuple[str, str], list[float]] = {}
    for question, key, _ in pool.questions:
        query = understand(question)
        vector = services.search.embed(query.search)
        scores = index.vectors @ vector
        for lang in sorted(set(langs)):
            mine = langs == lang
            real = float(np.mean(np.sort(scores[mine])[::-1][:depth]))
            alone = {lang: scores[mine & (articles == key.split("-")[0])].tolist()}
            reference = {lang: (index.background[lang] @ vector).tolist()}
            stand_in = backgrounds(alone, reference, depth)[lang]
            out.setdefault((query.lang, str(lang)), []).append(real - stand_in)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--pairs", default="ar-en,en-ar,ar-ar,en-en")
    parser.add_argument("--half", choices=("check", "fit"), default="fit")
    args = parser.parse_args()
    depth = DEFAULT.search.background_depth
    every: list[float] = []
    print("| pool | question -> passages | questions | gap median | quartiles |")
    print("|---|---|---|---|---|")
    for pool in pools(args.datasets, args.pairs.split(","), 0 if args.half == "fit" else 1):
        with tempfile.TemporaryDirectory() as tmp:
            found = gaps(pool, Path(tmp), depth)
        for (asked, held), values in sorted(found.items()):
            q1, median, q3 = np.quantile(values, [0.25, 0.5, 0.75])
            print(
                f"| {pool.name} | {asked} -> {held} | {len(values)} | {median:.4f} | "
                f"{q1:.4f} - {q3:.4f} |",
                flush=True,
            )
            every += values
    print(f"\nmedian over every question and language: {np.median(every):.4f}")


if __name__ == "__main__":
    main()
