"""How an FAQ entry in another language is told from its siblings: the margin
and floor of ``search.heading_across`` / ``heading_floor``, on a fit half.

    python bench/heading_margin.py [--half fit] [--pairs ar-en,en-ar]

XQuAD's articles as the ``-relayed`` pools of bench/generalisation.py hold
them (``faq_pool``): each indexed paragraph's first question (in the paragraph's language)
is an FAQ entry's question. Each paragraph's first question is asked in the
other language (XQuAD's questions are translations); an entry asking for
another kind of answer is no rival (``question_types.conflict``). Prints, for
the questions of indexed paragraphs, the share whose own entry stands a
margin above every other entry and reaches a floor; for the held-out
paragraphs' first questions, which no entry answers, the share whose best
entry does. The model's vectors alone: no index, no decision.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generalisation import faq_pool  # noqa: E402

from bot.answering.query import understand  # noqa: E402
from bot.knowledge.embeddings import get_embeddings  # noqa: E402
from bot.text.question_types import conflict, question_type  # noqa: E402

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05)
FLOORS = (0.0, 0.76, 0.78, 0.80, 0.82)


def standing(datasets: Path, q_lang: str, p_lang: str, half: int) -> tuple[np.ndarray, np.ndarray]:
    """(similarity, margin) of each indexed paragraph's question to its own entry
    (negative where another entry is closer), and of each held-out paragraph's
    question to its best entry."""
    pool = faq_pool(datasets, q_lang, p_lang, half, "relayed")
    model = get_embeddings("e5-small")
    keys = list(pool.headings)
    vectors = np.array([model.embed_query(pool.headings[key]) for key in keys])
    kinds = [question_type(pool.headings[key]) for key in keys]
    own, held_out = [], []
    for question, key, _ in pool.questions:
        kind = understand(question).kind
        sims = vectors @ np.array(model.embed_query(question))
        sims = np.where([conflict(kind, k) for k in kinds], -1.0, sims)
        if key in pool.held_out:
            first, second = np.sort(sims)[-2:][::-1]
            held_out.append((first, first - second))
        else:
            j = keys.index(key)
            own.append((sims[j], sims[j] - np.delete(sims, j).max()))
    return np.array(own), np.array(held_out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("check", "fit"), default="fit")
    parser.add_argument("--pairs", default="ar-en,en-ar")
    args = parser.parse_args()
    for pair in args.pairs.split(","):
        q_lang, p_lang = pair.split("-")
        own, held = standing(args.datasets, q_lang, p_lang, int(args.half == "check"))
        print(
            f"\n{q_lang} questions, {p_lang} entries ({args.half} half): own entry passes / ",
            end="",
        )
        print(f"held-out question's best entry passes ({len(own)} / {len(held)} questions)")
        print("| margin \\ floor | " + " | ".join(f"{f:.2f}" for f in FLOORS) + " |")
        print("|---" * (len(FLOORS) + 1) + "|")
        for m in MARGINS:
            cells = []
            for f in FLOORS:
                kept = np.mean((own[:, 1] >= m) & (own[:, 0] >= f))
                passing = int(np.sum((held[:, 1] >= m) & (held[:, 0] >= f)))
                cells.append(f"{kept:.2f} / {passing}")
            print(f"| {m:.2f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
