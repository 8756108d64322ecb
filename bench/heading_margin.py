"""How an FAQ entry in another language is told from its siblings: the margin
and floor of ``search.heading_across`` / ``heading_floor``, on a fit half.

    python bench/heading_margin.py [--half fit] [--pairs ar-en,en-ar]

XQuAD's articles as the ``-relayed`` pools of bench/generalisation.py hold
them (``faq_pool``): each indexed paragraph's first question (in the paragraph's language)
is an FAQ entry's question. Each paragraph's first question is asked in the
other language (XQuAD's questions are translations). Whether an entry
stands apart is decided by the search's own rule
(``QuestionHeadings.standing_apart``: an entry asking for another kind of
answer is no rival, nor passes). Prints, for
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

from generalisation import Pool, faq_pool  # noqa: E402
from off_topic import off_topic_pool  # noqa: E402

from bot.answering.headings import QuestionHeadings  # noqa: E402
from bot.answering.query import understand  # noqa: E402
from bot.core.types import QuestionType  # noqa: E402
from bot.knowledge.embeddings import NamedEmbeddings, get_embeddings  # noqa: E402
from bot.text.question_types import question_type  # noqa: E402

MARGINS = (0.0, 0.01, 0.02, 0.03, 0.05)
FLOORS = (0.0, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86)


# One question asked of a pool's entries: its similarity to each entry's
# question, its kind and its language, as the search would see them.
Asked = tuple[np.ndarray, QuestionType | None, str]


def entries(pool: Pool, lang: str, model: NamedEmbeddings) -> QuestionHeadings:
    """The pool's FAQ questions as the search holds them (one row per entry)."""
    headings = list(pool.headings.values())
    return QuestionHeadings(
        rows=list(range(len(headings))),
        vectors=np.array([model.embed_query(h) for h in headings]),
        kinds=[question_type(h) for h in headings],
        terms=[frozenset()] * len(headings),
        langs=[lang] * len(headings),
    )


def asked(pool: Pool, faq: QuestionHeadings, model: NamedEmbeddings) -> list[Asked]:
    out = []
    for question, _, _ in pool.questions:
        query = understand(question)
        out.append((faq.vectors @ np.array(model.embed_query(question)), query.kind, query.lang))
    return out


def passes(faq: QuestionHeadings, question: Asked, margin: float, floor: float, entry=None) -> bool:
    """Whether ``entry`` (None: any entry) stands apart for ``question``, by the
    search's own rule (``QuestionHeadings.standing_apart``)."""
    sims, kind, lang = question
    apart = faq.standing_apart(sims, kind, (lang, margin, floor))
    return entry in apart if entry is not None else bool(apart)


def relayed(datasets: Path, q_lang: str, p_lang: str, half: int, model: NamedEmbeddings):
    """The relayed pool's entries, its indexed paragraphs' questions with their
    own entry's row, and its held-out paragraphs' questions."""
    pool = faq_pool(datasets, q_lang, p_lang, half, "relayed")
    faq = entries(pool, p_lang, model)
    rows = {key: i for i, key in enumerate(pool.headings)}
    own, held_out = [], []
    for (_, key, _), question in zip(pool.questions, asked(pool, faq, model), strict=True):
        if key in pool.held_out:
            held_out.append(question)
        else:
            own.append((question, rows[key]))
    return faq, own, held_out


def off_topic(datasets: Path, half: int, model: NamedEmbeddings):
    """The CNIL entries and the off-topic questions asked of them, the French ones aside."""
    pool = off_topic_pool(datasets, "off-cnil-faq", half)
    pool.questions = [q for q in pool.questions if understand(q[0]).lang != "fr"]
    faq = entries(pool, "fr", model)
    return faq, asked(pool, faq, model)


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
    model = get_embeddings("e5-small")
    for pair in args.pairs.split(","):
        q_lang, p_lang = pair.split("-")
        faq, own, held = relayed(args.datasets, q_lang, p_lang, half, model)
        table(
            f"{q_lang} questions, {p_lang} entries ({args.half} half): own entry passes / "
            f"held-out question's best entry passes ({len(own)} / {len(held)} questions)",
            lambda m, f, faq=faq, own=own, held=held: (
                f"{np.mean([passes(faq, q, m, f, j) for q, j in own]):.2f} / "
                f"{sum(passes(faq, q, m, f) for q in held)}"
            ),
        )
    faq, other = off_topic(args.datasets, half, model)
    table(
        f"off-topic questions (ar, en) and French CNIL entries ({args.half} half): "
        f"best entry passes (of {len(other)})",
        lambda m, f: str(sum(passes(faq, q, m, f) for q in other)),
    )


if __name__ == "__main__":
    main()
