"""Hybrid search: dense search in Chroma plus BM25, fused so that BM25 only
ever adds evidence.

Plain reciprocal rank fusion hands BM25's ranks the same vote as the dense
ranks even when BM25 matched nothing useful (an Arabic question over French
passages matches only a number or a name), and measured here it halved
recall cross-lingually. So the fusion works on scores, not ranks:

    score = cosine(question, chunk) + weight * strength
    strength = bm25(chunk) / max bm25 over all chunks * coverage(chunk)

``coverage`` is the share of the question's idf mass that the chunk contains
(0..1): a relative BM25 win on two common words is discounted, a chunk that
holds every rare term of the question is not. ``weight`` is non-zero only
when the chunk is in the question's language, the one case where shared
words mean shared meaning. A chunk with no lexical match keeps its dense
score exactly, and every score is a cosine plus a bonus of at most
``weight``.

Each language's chunks are searched apart (a Chroma ``where`` on ``lang``)
and the hits ranked together on ``Hit.relative``, the score less its
language's background for this question (``_backgrounds``): the model puts
a question closer to any text in its own language, so raw scores would let
a weak passage in the asker's language bury the answer in another one.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from bot.answering.background import backgrounds, ranked
from bot.answering.headings import QuestionHeadings
from bot.answering.query import as_searched
from bot.answering.versions import (
    heading_language,
    languages,
    translated_within,
    translation_groups,
)
from bot.core import memory
from bot.core.tuning import DEFAULT, SearchTuning
from bot.core.types import Chunk, Hit, Query
from bot.knowledge.embeddings import NamedEmbeddings
from bot.knowledge.lexical import LexicalIndex
from bot.knowledge.sentences import SentenceVectors
from bot.knowledge.store import ChunkStore, question_key
from bot.text.language import detect
from bot.text.lexicons import background_texts
from bot.text.names import latin_names, names
from bot.text.normalise import passage_terms, spellings, whole_readings, without_preposition
from bot.text.question_types import question_type
from bot.text.topics import frame_terms, topic_words

log = logging.getLogger(__name__)

Method = Literal["hybrid", "dense", "bm25"]
METHODS: tuple[Method, ...] = ("hybrid", "dense", "bm25")


@dataclass(frozen=True)
class _Snapshot:
    """The index as one search sees it: swapped whole by ``refresh``."""

    chunks: list[Chunk]
    vectors: np.ndarray
    rows: dict[str, int]
    lexical: LexicalIndex
    translations: dict[str, frozenset[str]]
    rows_by_source: dict[str, list[int]]
    # source -> the languages its document is written in (translations included)
    versions: dict[str, frozenset[str]]
    lang_counts: Counter
    headings: QuestionHeadings
    background: dict[str, np.ndarray]  # each language's reference passages, embedded
    generation: int  # the store's, when read: another means a rebuild was swapped in


class HybridSearch:
    """Searches the committed chunks of one ``ChunkStore``."""

    def __init__(
        self,
        store: ChunkStore,
        embeddings: NamedEmbeddings,
        *,
        tuning: SearchTuning = DEFAULT.search,
    ) -> None:
        self.store = store
        self.embeddings = embeddings
        self.tuning = tuning
        self._lock = threading.Lock()
        self._rereading = threading.Lock()
        self._heading_cache: dict[str, np.ndarray] = {}
        self._background: dict[str, np.ndarray] | None = None
        self.refresh()

    def refresh(self) -> None:
        """Reload chunks for BM25 after an ingest changed the collection."""
        chunks, vectors = self.store.committed()
        rows_by_source: dict[str, list[int]] = {}
        for i, chunk in enumerate(chunks):
            rows_by_source.setdefault(chunk.source, []).append(i)
        translations = translation_groups(chunks)
        snapshot = _Snapshot(
            chunks=chunks,
            vectors=vectors,
            rows={c.id: i for i, c in enumerate(chunks)},
            lexical=LexicalIndex([c.embed_text for c in chunks], [c.lang for c in chunks]),
            translations=translations,
            rows_by_source=rows_by_source,
            versions=languages(chunks, translations),
            lang_counts=Counter(c.lang for c in chunks),
            headings=self._question_headings(chunks),
            background=self._background_vectors() if chunks else {},
            generation=self.store.generation,
        )
        with self._lock:
            self._index = snapshot
        log.debug("search index holds %d chunks", len(chunks))

    @property
    def index(self) -> _Snapshot:
        with self._lock:
            return self._index

    def _question_headings(self, chunks: list[Chunk]) -> QuestionHeadings:
        """The chunks under a question heading (FAQ entries), with that question's
        query embedding, kind and words (every reading of them, ``passage_terms``)."""
        self._recall_headings({c.heading for c in chunks if c.heading})
        rows, vectors, kinds, terms, langs = [], [], [], [], []
        for i, chunk in enumerate(chunks):
            heading = chunk.heading
            if not heading:
                continue
            if heading not in self._heading_cache:
                self._heading_cache[heading] = self.embed(heading)
            rows.append(i)
            vectors.append(self._heading_cache[heading])
            lang = heading_language(heading, chunk.lang)  # a relayed entry's question: its own
            kinds.append(question_type(heading))
            terms.append(frozenset(passage_terms(heading, lang)))
            langs.append(lang)
        stacked = np.stack(vectors) if vectors else None
        return QuestionHeadings(rows, stacked, kinds, terms, langs)

    def _recall_headings(self, headings: set[str]) -> None:
        """The vectors the ingest stored of these questions, into the cache (an
        index written before it stored them has none: they are embedded here)."""
        wanted = {question_key(h): h for h in headings if h not in self._heading_cache}
        if wanted:
            for key, vector in self.store.sentences.get(list(wanted)).items():
                self._heading_cache[wanted[key]] = vector

    def _background_vectors(self) -> dict[str, np.ndarray]:
        """The reference passages' vectors: stored by the ingest, else embedded once
        (an index written before them), through the answer units' ``SentenceVectors``."""
        if self._background is None:
            vectors = SentenceVectors(self.embeddings, store=self.store.sentences)
            self._background = {
                lang: vectors(list(group)) for lang, group in background_texts().items()
            }
        return self._background

    def embed(self, text: str) -> np.ndarray:
        """A question's embedding (the model's query side)."""
        return np.asarray(self.embeddings.embed_query(text), dtype=np.float32)

    def speaks(self, lang: str) -> bool:
        """Whether enough of the index is in ``lang`` for an absent word to mean anything
        (not so for an English question over French documents)."""
        index = self.index
        share = self.tuning.min_language_share
        return bool(index.chunks) and index.lang_counts[lang] >= share * len(index.chunks)

    def unseen_share(self, query: Query) -> float | None:
        """``LexicalIndex.unseen_share`` of the query's terms, frame words aside."""
        if not self.speaks(query.lang):
            return None
        frame = frame_terms(query.lang)
        return self.index.lexical.unseen_share([t for t in query.terms if t not in frame])

    def resolved(self, query: Query) -> Query:
        """``query`` with each Arabic term read the way the documents write it.

        A term whose word lost an initial و, ف or ب to the stemmer takes the
        reading with the letter (``whole_readings``) where more chunks hold
        that one: "برنامج" (programme) is "برنامج", "وإنجلترا" stays "إنجلترا". A term
        no chunk contains is read without the preposition it begins with,
        where a chunk contains the rest: a question says "لسلسلة" ("of the
        chain"), the passage "سلسلة", and the stemmer keeps the ل. Every
        lexical step (BM25, the idf weights, the share of unseen words, the
        coverage the decision reads) then meets the word."""
        lexical = self.index.lexical
        whole = whole_readings(query.search, query.lang)

        def known(term: str) -> str:
            if term in whole and lexical.idf(whole[term]) < lexical.idf(term):
                return whole[term]
            bare = None if lexical.knows(term) else without_preposition(term, query.lang)
            return bare if bare is not None and lexical.knows(bare) else term

        terms = tuple(dict.fromkeys(known(t) for t in query.terms))
        return query if terms == query.terms else replace(query, terms=terms)

    def term_weights(self, terms: Iterable[str]) -> dict[str, float]:
        """Each term's idf: how much sharing it says about a passage."""
        lexical = self.index.lexical
        return {t: lexical.idf(t) for t in terms}

    def topics(self, query: Query) -> dict[str, bool] | None:
        """The question's nouns (``topic_words``, with their modifiers), each with
        whether some chunk contains one of its words; None when the index does
        not speak its language."""
        if not self.speaks(query.lang):
            return None
        lexical = self.index.lexical
        found = {}
        for phrase in topic_words(query.search, query.lang):
            stems = [t for word in phrase for t in spellings(word, query.lang)]
            if stems:
                found[" ".join(phrase)] = any(lexical.knows(t) for t in stems)
        return found

    def names_in(self, source: str) -> frozenset[str]:
        """The words ``source``'s passages write with a capital in Latin
        letters, folded (``bot.text.names.latin_names``)."""
        index = self.index
        rows = index.rows_by_source.get(source, [])
        return frozenset().union(*(latin_names(index.chunks[i].embed_text) for i in rows))

    def sounds_in(self, source: str) -> frozenset[str]:
        """The consonant skeletons of every word ``source``'s passages write
        (``bot.text.names.names``): how a name in Latin letters reads in an
        Arabic document."""
        index = self.index
        rows = index.rows_by_source.get(source, [])
        return frozenset().union(*(names(index.chunks[i].embed_text) for i in rows))

    def versions_of(self, source: str) -> frozenset[str]:
        """``source`` and its translations (``translation_of``)."""
        return self.index.translations.get(source, frozenset({source}))

    def best_in_translation(self, chunk: Chunk, lang: str, vector: np.ndarray) -> Hit | None:
        """The passage of ``chunk``'s parallel document in ``lang`` closest to
        ``vector``: a declared translation's, or of its own document when that
        is written in ``lang`` too (a bilingual notice is its own translation)."""
        index = self.index
        group = index.translations.get(chunk.source, frozenset()) - {chunk.source}
        own = [index.chunks[i] for i in index.rows_by_source.get(chunk.source, [])]
        if translated_within(own, lang, chunk.lang):
            group |= {chunk.source}
        rows = [
            i
            for source in sorted(group)
            for i in index.rows_by_source.get(source, [])
            if index.chunks[i].lang == lang
        ]
        if not rows:
            return None
        sims = index.vectors[rows] @ vector
        best = int(np.argmax(sims))
        score = float(sims[best])
        return Hit(index.chunks[rows[best]], score, score, 0.0, "translation")

    def search(
        self,
        question: str | Query,
        *,
        k: int | None = None,
        lang: str | None = None,
        method: Method = "hybrid",
        vector: np.ndarray | None = None,
        depth: int = 0,
    ) -> list[Hit]:
        """The ``k`` best chunks, best first. A plain string is searched as it stands,
        in ``lang`` or its detected language; ``vector``: the query's, when known.
        ``depth`` (hybrid): rank that many instead, for a caller that reads past
        the ``k`` it hands on; the first ``k`` are the same."""
        if method not in METHODS:
            raise ValueError(f"method must be one of {METHODS}, not {method!r}")
        if isinstance(question, str):
            question = as_searched(question, lang or detect(question))
        index, k = self.index, k or self.tuning.top_k
        if not index.chunks or not question.search.strip():
            return []
        if method == "bm25":
            return _by_bm25(index, question, k)
        vector = self.embed(question.search) if vector is None else vector
        n = max(self.tuning.candidates, 4 * k)
        dense = {
            index.rows[i]: s
            for lang, count in sorted(index.lang_counts.items())
            for i, s in self.store.query(vector, min(n, count), lang)
            if i in index.rows
        }
        if self.store.generation != index.generation:  # replaced under us: read it anew
            del index, dense  # the old snapshot held here goes too
            self._reread()
            return self.search(question, k=k, method=method, vector=vector, depth=depth)
        if method == "dense":
            best = sorted(dense.items(), key=lambda item: -item[1])[:k]
            return [Hit(index.chunks[r], s, s, 0.0, "dense") for r, s in best]
        return self._fuse(index, question, vector, dense, n, k)[: max(k, depth)]

    def _reread(self) -> None:
        """The collection was replaced by another writer: its snapshot in, and the
        old one's memory handed back to the system (``core.memory``). Searches
        that all find the swap at once build it once: the first one does, the
        others then find it done."""
        with self._rereading:
            if self.index.generation == self.store.generation:
                return
            self.refresh()
        memory.release()

    def _fuse(
        self,
        index: _Snapshot,
        query: Query,
        vector: np.ndarray,
        dense: dict[int, float],
        n: int,
        k: int,
    ) -> list[Hit]:
        """Dense candidates, BM25's and the FAQ questions', scored, ranked."""
        bm25 = index.lexical.bm25(query.terms)
        lexical_rows = [int(i) for i in np.argsort(-bm25, kind="stable")[:n] if bm25[i] > 0]
        frame = frame_terms(query.lang)
        faq, other_question = index.headings.scores(
            vector,
            query.kind,
            set(query.terms),
            self.tuning.heading_offset,
            {t: index.lexical.idf(t) for t in query.terms if t not in frame},
            self.tuning.heading_cover,
            self._across(query.lang),
        )
        lexical_rows += sorted(faq, key=faq.get, reverse=True)[:k]
        missing = [r for r in dict.fromkeys(lexical_rows) if r not in dense]
        if missing:  # BM25 found them, Chroma's top-n did not: score them exactly
            for r, s in zip(missing, index.vectors[missing] @ vector, strict=True):
                dense[r] = float(s)
        candidates = list(dense)
        coverage = index.lexical.coverage(query.terms, candidates)
        top = float(bm25.max()) if len(bm25) else 0.0
        scored = []
        for r, cov in zip(candidates, coverage, strict=True):
            weight = self.tuning.lexical_weight if index.chunks[r].lang == query.lang else 0.0
            strength = float(bm25[r] / top) * float(cov) if top > 0 else 0.0
            semantic = max(dense[r], faq.get(r, -1.0))
            penalty = self.tuning.type_penalty if r in other_question else 0.0
            score = semantic + weight * strength - penalty
            as_question = faq.get(r, -1.0) > dense[r]
            scored.append(Hit(index.chunks[r], score, semantic, strength, "hybrid", as_question))
        return self._ranked(index, scored, dense, vector, query.lang)

    def _across(self, lang: str) -> tuple[str, float, float] | None:
        """How an FAQ entry in another language than ``lang`` counts (``headings``)."""
        margin = self.tuning.heading_across
        return None if margin is None else (lang, margin, self.tuning.heading_floor)

    def _ranked(
        self,
        index: _Snapshot,
        scored: list[Hit],
        dense: dict[int, float],
        vector: np.ndarray,
        asked_in: str,
    ) -> list[Hit]:
        """``scored`` ranked on each language's background (``background.py``)."""
        by_lang: dict[str, list[float]] = {}
        for row, score in dense.items():
            by_lang.setdefault(index.chunks[row].lang, []).append(score)
        reference = {lang: m @ vector for lang, m in index.background.items()}
        grounds = backgrounds(by_lang, reference, self.tuning.background_depth)
        return ranked(scored, grounds, asked_in, index.versions, self.tuning.untranslated_lift)


def _by_bm25(index: _Snapshot, query: Query, k: int) -> list[Hit]:
    """BM25 alone (a baseline the benchmarks compare with): words must meet."""
    bm25 = index.lexical.bm25(query.terms)
    order = [int(i) for i in np.argsort(-bm25, kind="stable")[:k] if bm25[i] > 0]
    return [Hit(index.chunks[i], float(bm25[i]), 0.0, float(bm25[i]), "bm25") for i in order]
