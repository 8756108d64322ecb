"""Hand-made chunks, hits and retrievals for the pure answering steps: no model,
no Chroma. Similarities are given, as a retrieval library's fusion tests give
scores."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.answering.query import understand
from bot.core.types import Chunk, Hit, Retrieval


def chunk(
    text: str,
    *,
    lang: str = "fr",
    source: str = "doc.fr.md",
    section: str = "Section",
    position: int = 0,
) -> Chunk:
    return Chunk(
        id=f"{source}#{position}",
        text=text,
        source=source,
        title=source.split(".")[0].title(),
        section=section,
        lang=lang,
        kind="brief",
        position=position,
        doc_hash="h",
    )


def hit(text: str, score: float, *, as_question: bool = False, **where) -> Hit:
    return Hit(chunk(text, **where), score, score, 0.0, "hybrid", as_question)


def similarities(table: dict[str, float], default: float = 0.80):
    """``sentence_scores`` from a table keyed by a word each sentence may hold."""

    def scores(texts: Sequence[str]) -> np.ndarray:
        return np.array(
            [max((s for w, s in table.items() if w in t), default=default) for t in texts],
            dtype=np.float32,
        )

    return scores


def retrieval(
    question: str,
    hits: list[Hit],
    *,
    reply_lang: str | None = None,
    table: dict[str, float] | None = None,
    **fields,
) -> Retrieval:
    return Retrieval(
        query=understand(question, reply_lang=reply_lang),
        hits=hits,
        sentence_scores=similarities(table or {}),
        **fields,
    )
