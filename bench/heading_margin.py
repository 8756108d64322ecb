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
entry does; and for questions about something else altogether, the count
whose best entry does: bench/off_topic.py's ``off-cnil-faq`` pool (the CNIL
FAQ's French entries asked XQuAD's, ARCD's and the bundled set's questions;
its French questions aside, which the entries' words decide). The model's
vectors alone: no index, no decision.
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
from off_topic import off_topic_pool  # noqa: E402

from bot.answering.query import understand  # noqa: E402
from bot.knowledge.embeddings import get_embeddings  # noqa: E402
from bot.text.question_types import conflict, question_type  # noqa: E402

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05)
FLOORS = (0.0, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86)


def standing(datasets: Path, q_lang: str, p_lang: str, half: int) -> tuple[np.ndarray, np.ndarray]:
    """(similarity, margin) of each indexed paragraph's question to its own entry
    (negative where another entry is closer), and of each held-out paragraph's
    question to its best entry."""
    pool = faq_pool(datasets, q_lang, p_lang, half, "relayed")
    own, held_out = [], []
    for (_, key, _), sims in zip(pool.questions, similarities(pool), strict=True):
        if key in pool.held_out:
            held_out.append(best(sims))
        else:
            j = list(pool.headings).index(key)
            own.append((sims[j], sims[j] - np.delete(sims, j).max()))
    return np.array(own), np.array(held_out)


def off_topic(datasets: Path, half: int) -> np.ndarray:
    """(similarity, margin) of each off-topic question's best CNIL entry, the
    French questions aside."""
    pool = off_topic_pool(datasets, "off-cnil-faq", half)
    pool.questions = [q for q in pool.questions if understand(q[0]).lang != "fr"]
    return np.array([best(sims) for sims in similarities(pool)])


def similarities(pool) -> list[np.ndarray]:
    """Each question's similarity to every entry's question (-1 where the
    entry asks for another kind of answer: no rival, and never passes)."""
    model = get_embeddings("e5-small")
    headings = list(pool.headings.values())
    vectors = np.array([model.embed_query(h) for h in headings])
    kinds = [question_type(h) for h in headings]
    asked = np.array([model.embed_query(q) for q, _, _ in pool.questions])
    out = []
    for (question, _, _), vector in zip(pool.questions, asked, strict=True):
        kind = understand(question).kind
        out.append(np.where([conflict(kind, k) for k in kinds], -1.0, vectors @ vector))
    return out


def best(sims: np.ndarray) -> tuple[float, float]:
    first, second = np.sort(sims)[-2:][::-1]
    return first, first - second


def passes(rows: np.ndarray, margin: float, floor: float) -> np.ndarray:
    """Which (similarity, margin) rows stand ``margin`` apart and reach ``floor``."""
    return (rows[:, 1] >= margin) & (rows[:, 0] >= floor)


def table(title: str, cell) -> None:
    """One line per margin, one column per floor; ``cell(margin, floor)``."""
    print(f"\n{title}")
    print("| margin \\ floor | " + " | ".join(f"{f:.2f}" for f in FLOORS) + " |")
    print("|---" * (len(FLOORS) + 1) + "|")
    for m in MARGINS:
        print(f"| {m:.2f} | " + " | ".join(cell(m, f) for f in FLOORS) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--half", choices=("check", "fit"), default="fit")
    parser.add_argument("--pairs", default="ar-en,en-ar")
    args = parser.parse_args()
    half = int(args.half == "check")
    for pair in args.pairs.split(","):
        q_lang, p_lang = pair.split("-")
        own, held = standing(args.datasets, q_lang, p_lang, half)
        table(
            f"{q_lang} questions, {p_lang} entries ({args.half} half): own entry passes / "
            f"held-out question's best entry passes ({len(own)} / {len(held)} questions)",
            lambda m, f, own=own, held=held: (
                f"{np.mean(passes(own, m, f)):.2f} / {int(np.sum(passes(held, m, f)))}"
            ),
        )
    other = off_topic(args.datasets, half)
    table(
        f"off-topic questions (ar, en) and French CNIL entries ({args.half} half): "
        f"best entry passes (of {len(other)})",
        lambda m, f: str(int(np.sum(passes(other, m, f)))),
    )


if __name__ == "__main__":
    main()
