"""BM25 over the chunks' normalised, stemmed tokens, and how strongly a chunk
matches a question lexically.

Pure logic over strings and numpy (bm25s builds the sparse index): no store,
no model. The retriever rebuilds it from Chroma's chunks after each ingest.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

import numpy as np

from bot.text.normalise import passage_terms

# "... à confirmer par les organisateurs": the knowledge base says it of every
# unpublished detail, so the organisers' name would make every such sentence a
# lexical match for "Qui organise la rencontre ?". Who confirms is not what the
# passage is about; the words stay in the text shown and in the embedding.
_ATTRIBUTION = re.compile(
    r"(confirmer) par les organisateurs|(confirmed) by the organisers"
    r"|(سيؤكدها|سيؤكده|سيؤكدهما|سيؤكدونها) المنظمون",
    re.IGNORECASE,
)


def without_attribution(text: str) -> str:
    """``text`` without the "by the organisers" of its "to be confirmed" sentences."""
    return _ATTRIBUTION.sub(lambda m: next(g for g in m.groups() if g), text)


class LexicalIndex:
    """BM25 (Lucene variant) plus idf-weighted query-term coverage per chunk."""

    def __init__(self, texts: Sequence[str], langs: Sequence[str]) -> None:
        import bm25s

        # bm25s sets its own logger to DEBUG on import; the application decides levels.
        logging.getLogger("bm25s").setLevel(logging.NOTSET)
        self._docs = [
            passage_terms(without_attribution(text), lang)
            for text, lang in zip(texts, langs, strict=True)
        ]
        self._sets = [frozenset(d) for d in self._docs]
        self.size = len(self._docs)
        df: dict[str, int] = {}
        for terms in self._sets:
            for term in terms:
                df[term] = df.get(term, 0) + 1
        n = max(self.size, 1)
        # Same idf as BM25's Lucene variant; terms never seen get the rarest possible.
        self._idf = {t: float(np.log(1 + (n - f + 0.5) / (f + 0.5))) for t, f in df.items()}
        self._unseen_idf = float(np.log(1 + (n - 0 + 0.5) / 0.5))
        self._bm25 = bm25s.BM25() if self.size else None
        if self._bm25 is not None:
            self._bm25.index([d or [""] for d in self._docs], show_progress=False)
        self._vocab = getattr(self._bm25, "vocab_dict", {}) if self._bm25 else {}

    def idf(self, term: str) -> float:
        """BM25's idf of ``term``; a term no chunk contains gets the rarest possible."""
        return self._idf.get(term, self._unseen_idf)

    def knows(self, term: str) -> bool:
        """Whether some chunk contains ``term`` (a stem from ``tokens``)."""
        return term in self._idf

    def unseen_share(self, terms: Sequence[str]) -> float:
        """Share of the question's idf mass carried by words no document contains.

        "prix du billet d'avion" is mostly such words: a sign the documents are
        about something else, whatever the embedding finds closest.
        """
        weights = {t: self._idf.get(t, self._unseen_idf) for t in terms}
        total = sum(weights.values())
        return sum(w for t, w in weights.items() if t not in self._idf) / total if total else 0.0

    def bm25(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every chunk for ``terms`` (zeros when nothing matches)."""
        known = [t for t in terms if t in self._vocab]
        if self._bm25 is None or not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def coverage(self, terms: Sequence[str], rows: Sequence[int]) -> np.ndarray:
        """Share of the question's idf mass that each chunk in ``rows`` contains, 0..1.

        Unlike a BM25 score it means the same thing for every question: 1.0 is
        "every term of the question is in this chunk", whatever the corpus.
        """
        weights = {t: self._idf.get(t, self._unseen_idf) for t in terms}
        total = sum(weights.values())
        if not total:
            return np.zeros(len(rows), dtype=np.float32)
        out = np.empty(len(rows), dtype=np.float32)
        for i, row in enumerate(rows):
            present = self._sets[row]
            out[i] = sum(w for t, w in weights.items() if t in present) / total
        return out
