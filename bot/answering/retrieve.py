"""From a ``Query`` to a ``Retrieval``: the hits, and everything the answer
step will need of the index, asked for once here.

The hybrid search is exposed to LangChain as a ``BaseRetriever`` returning
``Document``s (``HybridRetriever``); the assistant's own path goes through
it too and reads its hits back from the documents' metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import numpy as np
from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from bot.answering.named import without_unnamed_entries
from bot.answering.search import HybridSearch
from bot.core.tuning import DEFAULT, DecisionTuning
from bot.core.types import Chunk, Hit, Query, Retrieval, SentenceScores, WordCoverage
from bot.knowledge.sentences import SentenceVectors
from bot.text.normalise import content_words

_HIT_FIELDS = ("score", "dense", "lexical", "method", "as_question", "relative")


def document_of(hit: Hit) -> Document:
    """A hit as LangChain's ``Document``: the passage, its metadata and its scores."""
    meta = {**hit.chunk.metadata(), "id": hit.chunk.id}
    meta.update({name: getattr(hit, name) for name in _HIT_FIELDS})
    return Document(page_content=hit.chunk.text, metadata=meta, id=hit.chunk.id)


def hit_of(document: Document) -> Hit:
    meta = document.metadata
    chunk = Chunk.from_store(meta["id"], document.page_content, meta)
    return Hit(chunk, **{name: meta[name] for name in _HIT_FIELDS})


class HybridRetriever(BaseRetriever):
    """The hybrid search as LangChain knows retrievers: ``invoke(text) -> [Document]``.

    ``invoke(text, lang="fr")`` searches ``text`` as it stands; the assistant
    passes its ``Query`` (``query=``) and the query vector it computed once.
    """

    search: Any  # HybridSearch (arbitrary types are not pydantic fields)
    k: int | None = None

    def _get_relevant_documents(
        self,
        text: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        lang: str | None = None,
        query: Query | None = None,
        vector: np.ndarray | None = None,
        depth: int = 0,
    ) -> list[Document]:
        hits = self.search.search(query or text, k=self.k, lang=lang, vector=vector, depth=depth)
        return [document_of(hit) for hit in hits]


@dataclass
class Retriever:
    """Builds the ``Retrieval`` of a query: hits, twins, versions, idf, unknown words."""

    search: HybridSearch
    sentences: SentenceVectors
    tuning: DecisionTuning = DEFAULT.decision
    langchain: HybridRetriever = field(init=False)

    def __post_init__(self) -> None:
        self.langchain = HybridRetriever(search=self.search)

    def __call__(self, query: Query) -> Retrieval:
        if not query.search.strip():
            return Retrieval(query=query, hits=[])
        query = self.search.resolved(query)
        vector = self.search.embed(query.search)
        k = self.search.tuning.top_k
        documents = self.langchain.invoke(
            query.search, query=query, vector=vector, depth=k + self.tuning.further
        )
        ranked = [hit_of(d) for d in documents]
        if self.tuning.named_entries:
            named = without_unnamed_entries(ranked[:k], query.search, query.lang, self.search)
            ranked = named + ranked[k:]
        hits, further = ranked[:k], ranked[k:]
        twins = self._twins(hits, query.reply_lang, vector)
        sources = {h.chunk.source for h in [*hits, *twins.values()]}
        return Retrieval(
            query=query,
            hits=hits,
            further=further,
            weights=self.search.term_weights(frozenset(query.terms)),
            unseen=self.search.unseen_share(query),
            topics=self.search.topics(query) or {},
            twins=twins,
            versions={s: self.search.versions_of(s) for s in sources},
            sentence_scores=self._scorer(vector),
            word_coverage=self._word_coverage(query),
        )

    def _twins(self, hits: list[Hit], lang: str, vector: np.ndarray) -> dict[str, Hit]:
        """The parallel passage in the reply language of each hit that may come first."""
        twins = {}
        for hit in hits[: self.tuning.twin_candidates]:
            if hit.chunk.lang != lang:
                twin = self.search.best_in_translation(hit.chunk, lang, vector)
                if twin is not None:
                    twins[hit.chunk.id] = twin
        return twins

    def _scorer(self, vector: np.ndarray) -> SentenceScores:
        def scores(texts: Sequence[str]) -> np.ndarray:
            return self.sentences(list(texts)) @ vector

        return scores

    def _word_coverage(self, query: Query) -> WordCoverage:
        """Each of the question's content words matched to its nearest word of a
        passage, by the embedding model, and averaged: a translation is near
        ("protéine", "بروتين"), so this is coverage across languages. The
        passages' words were embedded at ingest; the question's, on first use."""
        asked = content_words(query.search, query.lang)

        @cache
        def question() -> np.ndarray:
            return self.sentences(asked)

        def coverage(chunk: Chunk) -> float:
            words = passage_words(chunk.embed_text, chunk.lang)
            if not asked or not words:
                return 0.0
            return float((question() @ self.sentences(list(words)).T).max(axis=1).mean())

        return coverage


@lru_cache(maxsize=4096)
def passage_words(text: str, lang: str) -> tuple[str, ...]:
    """``content_words`` of a passage, read once: the same passages lead many
    questions."""
    return tuple(content_words(text, lang))
